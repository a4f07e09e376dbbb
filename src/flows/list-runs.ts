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

/** How well one provider kept the person, over this home's create_look runs. */
export interface ProviderIdentity {
  provider: string;
  /** create_look runs in which it made at least one candidate. */
  runs: number;
  /** Its candidates the gate checked, and how many passed. */
  checked: number;
  passed: number;
  pass_rate: number;
  /** The median likeness of its checked candidates to the reference photos (undefined: none measured). */
  median_likeness?: number;
  /** Runs whose look it made. */
  looks: number;
}

/** How many recent create_look runs the per-provider report reads. */
export const REPORT_RUNS = 200;

/**
 * Sums identity per provider from run records (pure): runs, gate pass rate, median likeness, looks
 * made. Sandbox runs are left out (their stand-ins paste the reference in), and a check counts as
 * passed only on its own verdict (a warn-mode or gate-off pass is not one).
 */
export function identityByProvider(records: RunSummary[]): ProviderIdentity[] {
  const by = new Map<string, { runs: number; checked: number; passed: number; likeness: number[]; looks: number }>();
  for (const record of records) {
    if (record.kind !== 'create_look' || record.sandbox === true) continue;
    const providerOf = new Map((record.candidates ?? []).map((c) => [c.index, c.provider ?? 'unknown']));
    for (const provider of new Set(providerOf.values())) {
      const entry = by.get(provider) ?? { runs: 0, checked: 0, passed: 0, likeness: [], looks: 0 };
      entry.runs += 1;
      by.set(provider, entry);
    }
    for (const check of record.gate?.checks ?? []) {
      const entry = by.get(providerOf.get(check.index) ?? 'unknown');
      if (!entry) continue;
      entry.checked += 1;
      if (check.passed && (check.status ?? 'pass') === 'pass') entry.passed += 1;
      if (check.identity) entry.likeness.push(check.identity.similarity);
    }
    const chosen = record.gate?.chosen;
    if (record.status === 'completed' && chosen !== undefined) {
      const entry = by.get(providerOf.get(chosen) ?? 'unknown');
      if (entry) entry.looks += 1;
    }
  }
  return [...by.entries()]
    .map(([provider, entry]) => ({
      provider,
      runs: entry.runs,
      checked: entry.checked,
      passed: entry.passed,
      pass_rate: entry.checked === 0 ? 0 : Math.round((entry.passed / entry.checked) * 1000) / 1000,
      ...(entry.likeness.length > 0 ? { median_likeness: median(entry.likeness) } : {}),
      looks: entry.looks,
    }))
    .sort((a, b) => b.runs - a.runs || a.provider.localeCompare(b.provider));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 1000) / 1000;
}

/** The runs asked for, and how each provider kept the person over the recent create_look runs. */
export async function listRuns(
  services: Services,
  query: { limit: number; key?: string | undefined },
): Promise<{ runs: RunListing[]; byProvider: ProviderIdentity[] }> {
  const records = await services.runs.recent(Math.max(REPORT_RUNS, query.key ? 1_000 : query.limit));
  const wanted = records.filter((record) => !query.key || record.key === query.key).slice(0, query.limit);
  return { runs: await listed(services, wanted), byProvider: identityByProvider(records.slice(0, REPORT_RUNS)) };
}

function listed(services: Services, wanted: Array<RunSummary & RunFolder>): Promise<RunListing[]> {
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
