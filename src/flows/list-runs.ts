// list_runs: what this server has made, newest first — so a person (or an agent after a restart)
// finds a look, its image and its state without remembering job ids.

import { join } from 'node:path';
import { CREATE_LOOK_STEPS, type RunSummary } from '../store/records.ts';
import type { RunFolder } from '../store/runs.ts';
import type { Services } from './deps.ts';

export interface RunListing {
  run_id: string;
  kind: string;
  key?: string;
  status: string;
  created_at?: string;
  look_id?: string;
  look_status?: string;
  step?: string;
  error?: string;
  image_path?: string;
  preview_path?: string;
  run_dir: string;
  uri: string;
  sandbox?: boolean;
}

export async function listRuns(
  services: Services,
  query: { limit: number; key?: string | undefined },
): Promise<RunListing[]> {
  const records = await services.runs.recent(query.key ? 1_000 : query.limit);
  const wanted = records.filter((record) => !query.key || record.key === query.key).slice(0, query.limit);
  return Promise.all(
    wanted.map(async (record) => {
      const summary = summarize(record);
      if (summary.status !== 'running') return summary;
      // A run whose job is gone (a SIGKILL, a reboot) says so, rather than "running" forever.
      const job = record.job_id ? await services.jobs.get(record.job_id) : undefined;
      if (job?.status === 'running') return summary;
      const error =
        summary.kind === 'create_look'
          ? 'Its job stopped; create_look with the same key resumes it.'
          : 'Its job stopped.';
      return { ...summary, status: 'interrupted', error };
    }),
  );
}

function summarize(record: RunSummary & RunFolder): RunListing {
  const kind = record.kind ?? 'generate_look_image';
  const candidates = record.candidates ?? [];
  const chosen = candidates.find((candidate) => candidate.index === record.gate?.chosen) ?? candidates[0];
  const status = record.status ?? 'unknown';
  const { steps } = record;
  return {
    run_id: record.id,
    kind,
    ...(record.key ? { key: record.key } : {}),
    status,
    ...(record.created_at ? { created_at: record.created_at } : {}),
    ...(record.look?.look_id ? { look_id: record.look.look_id } : {}),
    ...(record.look?.status ? { look_status: record.look.status } : {}),
    ...(steps && status !== 'completed'
      ? { step: CREATE_LOOK_STEPS.find((step) => steps[step]?.status !== 'completed') ?? 'wait' }
      : {}),
    ...(record.error?.message ? { error: record.error.message.slice(0, 300) } : {}),
    ...(chosen
      ? { image_path: join(record.dir, chosen.file), preview_path: join(record.dir, chosen.preview_file) }
      : {}),
    run_dir: record.dir,
    uri: `avatar-looks://runs/${record.id}/run.json`,
    ...(typeof record.sandbox === 'boolean' ? { sandbox: record.sandbox } : {}),
  };
}
