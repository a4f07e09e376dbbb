// A create_look run's record before anything is paid for. run.json is the source of truth: every
// step records its inputs and outputs as they happen (the schema is store/records.ts).

import type { ApprovalMode, CreateLookRequest, CreateLookRun, GateMode, StepRecord } from '../../store/records.ts';
import type { RunFolder } from '../../store/runs.ts';
import { NO_FACE_CHECK } from '../gate.ts';
import { lookLabel } from './request.ts';

export function newRun(options: {
  run: RunFolder;
  request: CreateLookRequest;
  prompt: CreateLookRun['prompt'];
  generation: CreateLookRun['generation'];
  /** Every reference photo, the first the main one (reference.jpg). */
  references: NonNullable<CreateLookRun['references']>;
  groupId: string;
  sandbox: boolean;
  gateMode: GateMode;
  faceChecks: boolean;
  warnings: string[];
  approval?: ApprovalMode;
}): CreateLookRun {
  const now = new Date().toISOString();
  const pending = (): StepRecord => ({ status: 'pending' });
  return {
    id: options.run.id,
    kind: 'create_look',
    key: options.request.key,
    status: 'running',
    approval: { mode: options.approval ?? 'none', decisions: [] },
    sandbox: options.sandbox,
    created_at: now,
    updated_at: now,
    request: options.request,
    prompt: options.prompt,
    generation: options.generation,
    reference: { ...referenceInfo(options.references[0]!), sent: 'reference.jpg' },
    references: options.references,
    group_id: options.groupId,
    // The run id in the name lets the run find its look in the group after a crash.
    look_name: `${lookLabel(options.request)} (${options.run.id})`,
    jobs: [],
    steps: {
      prompt: { status: 'completed', started_at: now, finished_at: now, ms: 0 },
      generate: pending(),
      gate: pending(),
      upload: pending(),
      add: pending(),
      wait: pending(),
    },
    rounds: 1,
    candidates: [],
    failures: [],
    skipped: [],
    gate: {
      mode: options.gateMode,
      face_checks: options.faceChecks,
      ...(options.faceChecks || options.gateMode === 'off' ? {} : { note: NO_FACE_CHECK }),
      checks: [],
    },
    upload: { attempts: 0 },
    look: {},
    cost_estimate_usd: 0,
    timings_ms: { prompt: 0 },
    warnings: options.warnings,
  };
}

const referenceInfo = ({
  source,
  sha256,
  width,
  height,
}: {
  source: string;
  sha256: string;
  width: number;
  height: number;
}) => ({
  source,
  sha256,
  width,
  height,
});

/** The reference photos' files in a run folder (runs from before several references have one). */
export function referenceFiles(run: CreateLookRun): Array<{ file: string; source: string }> {
  return (run.references ?? [{ ...run.reference }]).map((photo) => ({ file: photo.sent, source: photo.source }));
}
