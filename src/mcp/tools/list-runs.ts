// list_runs: what this server has made, newest first — so a person (or an agent after a restart)
// finds a look, its image and its state without remembering job ids.

import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../registry.ts';
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

const outputSchema = z.object({ runs: z.array(runSchema), home: z.string() });

const STEP_ORDER = ['prompt', 'generate', 'gate', 'upload', 'add', 'wait'];

export function registerListRunsTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    LIST_RUNS,
    {
      title: 'List runs',
      description:
        'Lists recent runs, newest first: create_look runs with their key, status, look_id and preview path, and generate_look_image runs with their images. Each has a run folder (run.json, images, previews) and a resource URI. Free, offline, read-only.',
      inputSchema: z.object({
        limit: z.number().int().min(1).max(100).default(20).describe('How many runs (1–100, default 20).'),
        key: z.string().max(120).optional().describe('Only the runs of this create_look key.'),
      }),
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ limit, key }) => {
      const records = await context.services.runs.recent(key ? 1_000 : limit);
      const runs = await Promise.all(
        records
          .filter((record) => !key || record.key === key)
          .slice(0, limit)
          .map(async (record) => {
            const summary = summarize(record);
            // A run whose job is gone (a SIGKILL, a reboot) says so, rather than "running" forever.
            if (summary.status === 'running') {
              const job =
                typeof record.job_id === 'string' ? await context.services.jobs.get(record.job_id) : undefined;
              if (job?.status !== 'running')
                return {
                  ...summary,
                  status: 'interrupted',
                  error:
                    summary.kind === 'create_look'
                      ? 'Its job stopped; create_look with the same key resumes it.'
                      : 'Its job stopped.',
                };
            }
            return summary;
          }),
      );
      const lines = runs.map(
        (run) =>
          `- ${run.run_id} [${run.kind}${run.key ? ` key "${run.key}"` : ''}] ${run.status}${run.step ? ` at ${run.step}` : ''}${run.look_id ? `, look_id ${run.look_id}` : ''}${run.preview_path ? `, preview ${run.preview_path}` : ''}${run.error ? ` — ${run.error}` : ''}`,
      );
      const text =
        runs.length === 0
          ? `No runs yet in ${context.config.home}. create_look or generate_look_image make one.`
          : [
              `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first (folders under ${join(context.config.home, 'runs')}):`,
              ...lines,
            ].join('\n');
      return success(text, { runs, home: context.config.home });
    },
  );
}

function summarize(record: Record<string, unknown> & { id: string; dir: string }): z.infer<typeof runSchema> {
  const kind = String(record.kind ?? 'generate_look_image');
  const candidates = Array.isArray(record.candidates)
    ? (record.candidates as Array<{ index: number; file: string; preview_file: string }>)
    : [];
  const gate = record.gate as { chosen?: number } | undefined;
  const chosen = candidates.find((candidate) => candidate.index === gate?.chosen) ?? candidates[0];
  const look = record.look as { look_id?: string; status?: string } | undefined;
  const steps = record.steps as Record<string, { status: string }> | undefined;
  const error = record.error as { message?: string } | undefined;
  const status = String(record.status ?? 'unknown');
  return {
    run_id: record.id,
    kind,
    ...(typeof record.key === 'string' ? { key: record.key } : {}),
    status,
    ...(typeof record.created_at === 'string' ? { created_at: record.created_at } : {}),
    ...(look?.look_id ? { look_id: look.look_id } : {}),
    ...(look?.status ? { look_status: look.status } : {}),
    ...(steps && status !== 'completed'
      ? { step: STEP_ORDER.find((step) => steps[step]?.status !== 'completed') ?? 'wait' }
      : {}),
    ...(error?.message ? { error: error.message.slice(0, 300) } : {}),
    ...(chosen
      ? { image_path: join(record.dir, chosen.file), preview_path: join(record.dir, chosen.preview_file) }
      : {}),
    run_dir: record.dir,
    uri: `avatar-looks://runs/${record.id}/run.json`,
    ...(typeof record.sandbox === 'boolean' ? { sandbox: record.sandbox } : {}),
  };
}
