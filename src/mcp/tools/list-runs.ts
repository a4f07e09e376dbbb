// list_runs: what this server has made, newest first, with each run's folder and resource URI.

import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { listRuns, REPORT_RUNS } from '../../flows/list-runs.ts';
import { success } from '../render.ts';

export const LIST_RUNS = 'list_runs';

const runSchema = z.object({
  run_id: z.string(),
  kind: z.string().describe('create_look or generate_look_image.'),
  key: z.string().optional().describe("create_look's idempotency key (the video)."),
  status: z.string().describe('running, completed, failed or interrupted.'),
  created_at: z.string().optional(),
  look_id: z.string().optional().describe('The look (Video Agent avatar_id) once made.'),
  look_status: z.string().optional(),
  step: z.string().optional().describe('For a run that is not completed: the step it is at or stopped at.'),
  error: z.string().optional(),
  image_path: z.string().optional(),
  preview_path: z.string().optional(),
  run_dir: z.string(),
  uri: z.string().describe("resources/read gives the run's run.json."),
  sandbox: z.boolean().optional(),
});

const providerSchema = z.object({
  provider: z.string().describe('gemini, openai, flux, heygen (HeyGen made the look from the prompt) or sandbox.'),
  runs: z.number().int().describe('create_look runs in which it made a candidate.'),
  checked: z.number().int().describe('Its candidates the face check measured.'),
  passed: z.number().int(),
  pass_rate: z.number().describe('passed / checked.'),
  median_likeness: z.number().optional().describe("Median likeness to the person's reference photos."),
  looks: z.number().int().describe('Runs whose finished look it made.'),
});

const outputSchema = z.object({
  runs: z.array(runSchema),
  by_provider: z
    .array(providerSchema)
    .describe(`Which path keeps the person best, from the face checks of the last ${REPORT_RUNS} runs of this home.`),
  home: z.string(),
});

export function registerListRunsTool(server: McpServer, services: Services): void {
  server.registerTool(
    LIST_RUNS,
    {
      title: 'List runs',
      description:
        "Lists recent runs, newest first: create_look runs with their key, status, look_id and preview path, and generate_look_image runs with their images. Each has a run folder (run.json, images, previews) and a resource URI. Also sums the face checks per provider (runs, pass rate, median likeness): which path — an image model or HeyGen's own looks — keeps the person best. Free, offline, read-only.",
      inputSchema: z.object({
        limit: z.number().int().min(1).max(100).default(20).describe('How many runs (1–100, default 20).'),
        key: z.string().max(120).optional().describe('Only the runs of this create_look key.'),
      }),
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ limit, key }) => {
      const { runs, byProvider } = await listRuns(services, { limit, key });
      const { home } = services.config;
      const report = byProvider.map(
        (entry) =>
          `- ${entry.provider}: ${entry.runs} run${entry.runs === 1 ? '' : 's'}, ${entry.passed}/${entry.checked} candidates passed the face check (${Math.round(entry.pass_rate * 100)}%)${entry.median_likeness === undefined ? '' : `, median likeness ${entry.median_likeness}`}, ${entry.looks} look${entry.looks === 1 ? '' : 's'} made.`,
      );
      const listed = runs.map(
        (run) =>
          `- ${run.run_id} [${run.kind}${run.key ? ` key "${run.key}"` : ''}] ${run.status}${run.step ? ` at ${run.step}` : ''}${run.look_id ? `, look_id ${run.look_id}` : ''}${run.preview_path ? `, preview ${run.preview_path}` : ''}${run.error ? ` — ${run.error}` : ''}`,
      );
      const text =
        runs.length === 0
          ? `No runs yet in ${home}. create_look or generate_look_image make one.`
          : [
              `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first (folders under ${join(home, 'runs')}):`,
              ...listed,
              ...(report.length > 0 ? ['Identity by provider (which path keeps the person best):', ...report] : []),
            ].join('\n');
      return success(text, { runs, by_provider: byProvider, home });
    },
  );
}
