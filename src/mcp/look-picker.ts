// The look picker: an MCP App (the MCP Apps extension, SEP-1865). Hosts that render apps show it
// beside create_look, get_job and approve_look: the candidates of a run waiting for a pick, side by
// side and large, with their likeness, head pose and gate reasons, a "Use this one" button each,
// and afterwards the finished look and its HeyGen status. The page is one self-contained HTML file
// (no network, no outside fonts or scripts): the ext-apps browser bundle and the picker's own
// script inlined. Images come to it through resources/read of the run's files, never as base64 in
// structuredContent; the tools' text results stay complete for hosts without apps.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerAppResource, registerAppTool, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import { z } from 'zod';
import type { Services } from '../flows/deps.ts';
import { keySchema } from './fields.ts';
import { PICKER_URI } from './picker-meta.ts';
import { answerAndFollow } from './tools/approve-look.ts';

/** The tool only the picker calls (visibility "app": hosts keep it out of the model's tool list). */
export const PICKER_TOOL = 'answer_look_picker';

const inputSchema = z.object({
  key: keySchema.describe('The key of the create_look that waits for approval (as its result names it).'),
  action: z
    .enum(['approve', 'reject', 'another_round'])
    .describe('approve (with candidate at the pick question), another_round or reject: as approve_look.'),
  candidate: z.number().int().min(1).max(64).optional().describe('pick: the candidate the person chose.'),
  wait_seconds: z
    .number()
    .int()
    .min(0)
    .max(45)
    .default(30)
    .describe('How long to wait for the look before answering with status "running" (then poll get_job).'),
});

export function registerLookPicker(server: McpServer, services: Services): void {
  registerAppResource(
    server,
    'look-picker',
    PICKER_URI,
    {
      title: 'Look picker',
      description:
        "The candidates of a create_look waiting for the person's pick, side by side with their likeness, head pose and gate reasons; then the finished look and its HeyGen status.",
      mimeType: RESOURCE_MIME_TYPE,
    },
    async () => ({
      contents: [
        {
          uri: PICKER_URI,
          mimeType: RESOURCE_MIME_TYPE,
          text: await pickerHtml(),
          // No outside origins at all: the page loads nothing over the network.
          _meta: { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } },
        },
      ],
    }),
  );
  registerAppTool(
    server,
    PICKER_TOOL,
    {
      title: 'Answer from the look picker',
      description:
        'Called by the look picker app when the person presses a button: records their answer to a create_look waiting for approval exactly as approve_look does (same never-pay-twice rules), then follows the run.',
      inputSchema,
      // No outputSchema: only the picker reads the result, and tools/list stays ~20 KB smaller for every host.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      _meta: { ui: { resourceUri: PICKER_URI, visibility: ['app'] } },
    },
    async (args, extra) => answerAndFollow(server, services, extra, { ...args, via: 'app' }),
  );
}

let cached: Promise<string> | undefined;

/** The page, assembled once: the template with the ext-apps bundle and the picker's script inlined. */
export function pickerHtml(): Promise<string> {
  cached ??= assemble().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function assemble(): Promise<string> {
  const here = (file: string) => fileURLToPath(new URL(`./app/${file}`, import.meta.url));
  const [template, picker, bundle] = await Promise.all([
    readFile(here('look-picker.html'), 'utf8'),
    readFile(here('look-picker.js'), 'utf8'),
    readFile(fileURLToPath(import.meta.resolve('@modelcontextprotocol/ext-apps/app-with-deps')), 'utf8'),
  ]);
  return template
    .replace('/* ext-apps */', () => asGlobal(bundle))
    .replace('/* look-picker */', () => picker.replaceAll('</script', '<\\/script'));
}

/** The bundle ends in `export{…}`; an inline script cannot be imported, so it hands App to the picker on globalThis. */
function asGlobal(bundle: string): string {
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(bundle);
  const names = new Map(
    (exported?.[1] ?? '').split(',').map((pair) => {
      const [local = '', , name = local] = pair.trim().split(/\s+/);
      return [name, local] as const;
    }),
  );
  const wanted = ['App', 'applyDocumentTheme', 'applyHostStyleVariables'];
  if (!exported || !wanted.every((name) => names.has(name)))
    throw new Error('The ext-apps browser bundle no longer ends in the export list the look picker reads.');
  if (bundle.includes('</script')) throw new Error('The ext-apps bundle contains "</script" and cannot be inlined.');
  const global = wanted.map((name) => `${name}:${names.get(name)}`).join(',');
  return `${bundle.slice(0, exported.index)}globalThis.McpExtApps={${global}};`;
}
