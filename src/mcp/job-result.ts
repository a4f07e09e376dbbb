// How a job is shown to the model, whichever tool returns it (the tool that started it, or
// get_job): still running with when to ask again, finished with its result, or failed with why.

import { readFile } from 'node:fs/promises';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CreateLookAwaiting, CreateLookRejected } from '../flows/create-look/approval.ts';
import type { Services } from '../flows/deps.ts';
import type { GenerateLookResult } from '../flows/generate-image.ts';
import type { JobRecord } from '../jobs/record.ts';
import { createLookResult, type CreateLookResult } from '../store/records.ts';
import { costLine } from './cost-line.ts';
import { failure, success } from './render.ts';

export const RETRY_AFTER_SECONDS = 15;

const imageSchema = z.object({
  index: z.number().int(),
  provider: z.string().describe('Which provider made this image.'),
  model: z.string(),
  path: z.string().describe('The full-size image: its absolute path (over HTTP, its avatar-looks:// URI, as in uri).'),
  file: z.string(),
  uri: z.string().describe('resources/read serves the full image at this URI.'),
  preview_path: z.string(),
  preview_file: z.string(),
  mime_type: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  size_bytes: z.number().int(),
  sha256: z.string(),
});

/** What a create_look run waiting for a person shows (approval `cost` or `pick`). */
const approvalSchema = z
  .object({
    mode: z.enum(['none', 'cost', 'pick']),
    waiting_for: z.enum(['cost', 'pick']).describe('cost: a yes before any image is paid; pick: which candidate.'),
    since: z.string(),
    note: z
      .string()
      .optional()
      .describe('Why it asks again, e.g. the chosen candidate no longer passes the gate after a re-check.'),
    round: z.number().int(),
    question: z.string().describe('The question to put to the person, in one sentence.'),
    candidates: z
      .array(
        z.object({
          index: z.number().int(),
          round: z.number().int(),
          file: z.string(),
          path: z.string(),
          uri: z.string().describe('resources/read serves the full image.'),
          preview_path: z.string(),
          preview_uri: z.string().describe('resources/read serves a small JPEG preview.'),
          width: z.number(),
          height: z.number(),
          provider: z.string(),
          model: z.string(),
          passed: z.boolean().describe('Passed the gate: these, and those for review, can become the look.'),
          review: z
            .boolean()
            .describe('Every check passed but the likeness is unclear: only the person can say it is them.'),
          likeness: z.number().optional().describe('Likeness to the reference photos combined (cosine, 0–1).'),
          per_reference: z.array(z.number()).optional().describe('Likeness to each reference photo alone.'),
          threshold: z.number().optional(),
          faces: z.number().int().optional(),
          yaw: z.number().optional(),
          pitch: z.number().optional(),
          reasons: z.array(z.string()),
          warnings: z.array(z.string()),
          recommended: z.boolean().describe("The gate's own choice."),
        }),
      )
      .describe('pick: every candidate made so far, with its gate results.'),
    cost: z.object({
      spent_usd: z.number(),
      to_come_usd: z.number(),
      images_to_come_usd: z.number(),
      heygen_look_usd: z.number(),
      another_round_usd: z.number().optional(),
      note: z.string(),
    }),
    actions: z.array(z.enum(['approve', 'reject', 'another_round'])),
    tool: z.literal('approve_look'),
  })
  .describe('Set when status is "awaiting_approval": the question, what waits, and the cost so far and to come.');

/** One shape for generate_look_image and get_job: status first, the rest as far as known. */
const jobOutputSchema = z.object({
  status: z
    .enum(['completed', 'running', 'awaiting_approval', 'rejected'])
    .describe(
      'awaiting_approval: create_look waits for the person (see approval); answer with approve_look. rejected: the person said no.',
    ),
  job_id: z.string(),
  kind: z.string().optional(),
  retry_after_seconds: z.number().optional().describe('When running: call get_job with job_id after about this long.'),
  progress: z.object({ percent: z.number(), message: z.string() }).optional(),
  sandbox: z.boolean().optional().describe('True when the image is an offline stand-in, not a real generation.'),
  run_id: z.string().optional(),
  run_dir: z
    .string()
    .optional()
    .describe(
      'Folder with the images, previews and run.json; over HTTP, the avatar-looks://runs/{run_id}/ prefix of their URIs.',
    ),
  provider: z.string().optional(),
  model: z.string().optional(),
  size: z.string().optional(),
  orientation: z.string().optional(),
  aspect_ratio: z.string().optional(),
  images: z.array(imageSchema).optional(),
  failed: z.array(z.object({ index: z.number().int(), kind: z.string(), message: z.string() })).optional(),
  skipped: z
    .array(z.object({ index: z.number().int(), provider: z.string(), kind: z.string(), message: z.string() }))
    .optional()
    .describe('Providers passed over for a candidate, and why (the next one in the chain made it).'),
  reference: z.object({ source: z.string(), sha256: z.string(), width: z.number(), height: z.number() }).optional(),
  references: z
    .array(z.object({ source: z.string(), sha256: z.string(), width: z.number(), height: z.number() }))
    .optional()
    .describe('Every reference photo sent to the provider, in order (the first is reference).'),
  cost_estimate_usd: z
    .number()
    .optional()
    .describe("Estimated cost in USD from published prices; create_look: the images plus HeyGen's $1.00 look."),
  costs: z
    .object({ images_usd: z.number(), heygen_look_usd: z.number(), note: z.string() })
    .optional()
    .describe('create_look: the cost estimate, split, and where the prices come from.'),
  timings_ms: z.record(z.string(), z.number()).optional().describe('Milliseconds per step, and total.'),
  warnings: z.array(z.string()).optional(),
  note: z
    .string()
    .optional()
    .describe('Set when an earlier job or look was returned (or resumed) instead of paying again.'),
  key: z.string().optional().describe('create_look: the idempotency key.'),
  look_id: z.string().optional().describe('create_look: the new look, ready for Video Agent.'),
  avatar_id: z.string().optional().describe('create_look: the same id, as Video Agent calls it.'),
  group_id: z.string().optional(),
  look_name: z.string().optional(),
  image: imageSchema
    .omit({ preview_file: true, size_bytes: true })
    .optional()
    .describe('create_look: the image that became the look.'),
  candidates: z.number().int().optional().describe('create_look: how many images were made.'),
  gate: z
    .object({
      mode: z.enum(['strict', 'warn', 'off']),
      face_checks: z.boolean().describe('False while this build has no face checker: identity was not checked.'),
      note: z.string().optional(),
      chosen: z.number().int(),
      checks: z.array(
        z.object({
          index: z.number().int(),
          file: z.string(),
          passed: z.boolean(),
          status: z
            .enum(['pass', 'review', 'fail'])
            .optional()
            .describe('review: every check passed but the likeness is unclear; strict mode does not use it.'),
          reasons: z.array(z.string()).describe('One sentence per failed check.'),
          review: z.array(z.string()).optional().describe('Why a person should look (status review).'),
          warnings: z.array(z.string()),
          width: z.number(),
          height: z.number(),
          faces: z
            .object({ count: z.number().int(), yaw: z.number().optional(), pitch: z.number().optional() })
            .optional(),
          identity: z
            .object({
              similarity: z.number().describe("Combined: against the references' centroid (cosine)."),
              threshold: z.number().describe('The pass line.'),
              review_threshold: z.number().optional().describe('From here up to the pass line: review.'),
              verdict: z.enum(['pass', 'review', 'fail']).optional(),
              references: z.number().int().optional(),
              per_reference: z.array(z.number()).optional().describe('Against each reference alone, in order.'),
              combined: z.string().optional(),
              model: z.string().optional(),
            })
            .optional()
            .describe('Likeness to the reference photos: the combined score, its lines, and each reference alone.'),
          score: z.number().describe('Higher is better: how the best passing candidate is picked.'),
        }),
      ),
    })
    .optional(),
  resumed: z
    .boolean()
    .optional()
    .describe('create_look: true when this run continued after an interruption or failure.'),
  approval: approvalSchema.optional(),
  next_step: z.string().optional(),
});

/** What any job shows, whichever tool returns it. */
const JOB_FIELDS = {
  status: true,
  job_id: true,
  kind: true,
  retry_after_seconds: true,
  progress: true,
  run_id: true,
  run_dir: true,
  note: true,
  next_step: true,
} as const;

/**
 * Each shape is declared once, by the tool that starts the job (tools/list carried the whole union
 * three times): generate_look_image its images, create_look its look. get_job and approve_look
 * return those same shapes and say so, with no schema of their own.
 */
const IMAGE_FIELDS = {
  provider: true,
  model: true,
  size: true,
  orientation: true,
  aspect_ratio: true,
  images: true,
  failed: true,
  skipped: true,
  reference: true,
  references: true,
} as const;
export const generateOutputSchema = jobOutputSchema
  .pick({
    ...JOB_FIELDS,
    ...IMAGE_FIELDS,
    sandbox: true,
    cost_estimate_usd: true,
    timings_ms: true,
    warnings: true,
  })
  // Only create_look waits for approval.
  .extend({ status: z.enum(['completed', 'running']) });
export const createLookOutputSchema = jobOutputSchema.omit(IMAGE_FIELDS);

export interface RenderContext {
  /** Said first, e.g. that an identical earlier job was returned instead of a new one. */
  note?: string | undefined;
  /** To show a job that waits for approval as its run is now (the answer may have come since). */
  services?: Services | undefined;
}

export async function renderJob(record: JobRecord, context: RenderContext): Promise<CallToolResult> {
  if (record.status === 'awaiting_approval') return renderWaitingJob(record, context);
  if (record.status === 'running') {
    const takes =
      record.kind === 'create_look'
        ? 'a whole look usually takes 1–3 minutes'
        : 'image generation usually takes 15–60 s';
    const next = `Call get_job with job_id "${record.id}" in about ${RETRY_AFTER_SECONDS} s; ${takes}. Do not call ${record.kind} again with new inputs: that would pay twice.`;
    return success(
      `${context.note ? `${context.note}\n` : ''}Still working (${record.progress.percent}%): ${record.progress.message}\n${next}`,
      {
        status: 'running',
        job_id: record.id,
        kind: record.kind,
        retry_after_seconds: RETRY_AFTER_SECONDS,
        progress: record.progress,
        ...(record.run_id ? { run_id: record.run_id, run_dir: record.run_dir } : {}),
        ...(context.note ? { note: context.note } : {}),
        next_step: next,
      },
    );
  }
  if (record.status === 'completed' && record.result && record.kind === 'create_look') {
    const result = createLookResult.safeParse(record.result);
    if (result.success) return renderCreateLookResult(record.id, result.data, context);
  }
  // Written by this server's own job runner (generate_look_image's result has no other reader).
  if (record.status === 'completed' && record.result && record.kind !== 'create_look')
    return renderGenerated(record.id, record.result as GenerateLookResult, context);
  const error = record.error ?? { message: `The job ended as ${record.status}.`, next_step: 'Call the tool again.' };
  const where =
    record.run_dir && !error.next_step.includes(record.run_dir) ? ` Its files are in ${record.run_dir}.` : '';
  return failure(`${context.note ? `${context.note}\n` : ''}${error.message}`, `${error.next_step}${where}`);
}

/** What the look cost: images and the HeyGen look, or the old single figure for a run made before looks were priced. */
/** "candidate 1 passed (likeness 0.962 to 3 references combined: 0.95, 0.94, 0.96; pass ≥ 0.95)" */
function describeGateCheck(check: CreateLookResult['gate']['checks'][number]): string {
  const status = check.status ?? (check.passed ? 'pass' : 'fail');
  const outcome = check.passed
    ? 'passed'
    : status === 'review'
      ? `for review — ${check.review?.join(' ') ?? ''}`
      : `failed — ${check.reasons.join(' ')}`;
  const { identity } = check;
  const count = identity?.references ?? 1;
  const likeness = identity
    ? ` (likeness ${identity.similarity}${count > 1 ? ` to ${count} references combined: ${identity.per_reference?.join(', ') ?? ''}` : ''}; pass ≥ ${identity.threshold})`
    : '';
  return `candidate ${check.index} ${outcome}${likeness}`;
}

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;

export async function renderCreateLookResult(
  jobId: string,
  result: CreateLookResult,
  context: RenderContext,
): Promise<CallToolResult> {
  const next = `Call create_video with avatar_id "${result.look_id}", key "${result.key}" and the video's prompt.`;
  const gate = result.gate;
  const chosen = gate.checks.find((check) => check.index === gate.chosen);
  const t = result.timings_ms;
  const lines = [
    `Look ready${result.sandbox ? ' (SANDBOX: offline simulator and stand-in image; nothing was spent)' : ''}: look_id ${result.look_id} — the avatar_id for Video Agent — in group ${result.group_id}, named "${result.look_name}".`,
    `Image: ${result.image.path} (${result.image.width}×${result.image.height}, candidate ${result.image.index} of ${result.candidates}, ${result.image.provider} ${result.image.model}); ${costLine(result)}`,
    `Gate (${gate.mode}): ${gate.checks.map(describeGateCheck).join('; ') || 'nothing checked'}.`,
    ...(gate.note ? [gate.note] : []),
    ...(chosen?.warnings ?? []),
    `Timings: generate ${seconds(t.generate)}, gate ${seconds(t.gate)}, upload ${seconds(t.upload)}, add ${seconds(t.add)}, wait for HeyGen ${seconds(t.wait)}; total ${seconds(t.total)}.${result.resumed ? ' (Resumed after an interruption: steps done before were not repeated.)' : ''}`,
    ...result.warnings,
    `Run folder: ${result.run_dir}`,
    `Next step: ${next}`,
  ];
  if (context.note) lines.unshift(context.note);
  const content: ContentBlock[] = [{ type: 'text', text: lines.join('\n') }];
  const preview = await readFile(result.image.preview_path).catch(() => undefined);
  if (preview) content.push({ type: 'image', data: preview.toString('base64'), mimeType: 'image/jpeg' });
  content.push({
    type: 'resource_link',
    uri: result.image.uri,
    name: result.image.file,
    mimeType: result.image.mime_type,
    description: `The look image, ${result.image.width}×${result.image.height}`,
  });
  return {
    content,
    structuredContent: {
      ...result,
      job_id: jobId,
      kind: 'create_look',
      ...(context.note ? { note: context.note } : {}),
      next_step: next,
    },
  };
}

async function renderGenerated(
  jobId: string,
  result: GenerateLookResult,
  context: RenderContext,
): Promise<CallToolResult> {
  const first = result.images[0];
  const pick = `Look at the preview${result.images.length > 1 ? 's and pick the best' : ''}`;
  const next = `${pick}; then call check_look_image with image_path "${first?.path}".`;
  const makers = [...new Set(result.images.map((image) => `${image.provider} ${image.model}`))].join(' and ');
  const skipped = [...new Map(result.skipped.map((skip) => [`${skip.provider}|${skip.kind}`, skip])).values()];
  const lines = [
    `${result.sandbox ? 'SANDBOX image (offline stand-in, not a real generation)' : `Generated with ${makers}`}: ${result.images.length} image${result.images.length === 1 ? '' : 's'}, ${result.aspect_ratio} at ${result.size}, in ${(result.timings_ms.total / 1000).toFixed(1)} s, about $${result.cost_estimate_usd.toFixed(2)}.`,
    ...result.images.map(
      (image) =>
        `- ${image.path} (${image.width}×${image.height} ${image.mime_type}, sha256 ${image.sha256.slice(0, 12)}…)`,
    ),
    ...result.failed.map((failed) => `- candidate ${failed.index} failed: ${failed.message}`),
    ...skipped.map((skip) => `- ${skip.provider} was passed over (${skip.kind.replace('_', ' ')}): ${skip.message}`),
    ...result.warnings,
    `Run folder: ${result.run_dir}`,
    `Next step: ${next}`,
  ];
  if (context.note) lines.unshift(context.note);
  const content: ContentBlock[] = [{ type: 'text', text: lines.join('\n') }];
  for (const image of result.images) {
    const preview = await readFile(image.preview_path).catch(() => undefined);
    if (preview) content.push({ type: 'image', data: preview.toString('base64'), mimeType: 'image/jpeg' });
    content.push({
      type: 'resource_link',
      uri: image.uri,
      name: image.file,
      mimeType: image.mime_type,
      description: `Full-size candidate ${image.index}, ${image.width}×${image.height}`,
      size: image.size_bytes,
    });
  }
  return {
    content,
    structuredContent: {
      ...result,
      job_id: jobId,
      kind: 'generate_look_image',
      ...(context.note ? { note: context.note } : {}),
      next_step: next,
    },
  };
}

/** A job that stopped for approval, shown as its run is now: still waiting, answered and continuing, finished or rejected. */
async function renderWaitingJob(record: JobRecord, context: RenderContext): Promise<CallToolResult> {
  const { approvalState } = await import('../flows/create-look/approval.ts');
  const state = context.services && record.run_id ? await approvalState(context.services, record.run_id) : undefined;
  if (state && 'awaiting' in state) return renderAwaiting(record.id, state.awaiting, context);
  if (state && 'finished' in state) return renderCreateLookResult(record.id, state.finished, context);
  if (state && 'rejected' in state) return renderRejected(state.rejected, context);
  if (state && 'continuing' in state) {
    const next = `Call get_job with job_id "${state.continuing}" (it continues this run after the approval).`;
    return success(
      `${context.note ? `${context.note}\n` : ''}The person answered; job ${state.continuing} continues the run.\nNext step: ${next}`,
      {
        status: 'running',
        job_id: state.continuing,
        kind: 'create_look',
        retry_after_seconds: RETRY_AFTER_SECONDS,
        ...(record.run_id ? { run_id: record.run_id, run_dir: record.run_dir } : {}),
        next_step: next,
      },
    );
  }
  return failure(
    `Job ${record.id} waited for approval, but its run${record.run_dir ? ` (${record.run_dir})` : ''} can no longer be read.`,
    'Call create_look with the same key to see where it is.',
  );
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/** A run waiting for the person: the question, the candidates (previews and links), the cost, and which tool answers. */
export async function renderAwaiting(
  jobId: string,
  awaiting: CreateLookAwaiting,
  context: RenderContext,
): Promise<CallToolResult> {
  const { approval } = awaiting;
  const { cost } = approval;
  const lines = [
    `Waiting for the person's approval (${approval.waiting_for === 'cost' ? 'before anything is paid for' : 'which candidate becomes the look; nothing has reached HeyGen'})${awaiting.sandbox ? ' — SANDBOX: nothing is spent' : ''}.`,
    approval.question,
    ...approval.candidates.map(
      (candidate) =>
        `- candidate ${candidate.index}${candidate.recommended ? ' (recommended)' : ''}: ${candidate.passed ? 'passed the gate' : candidate.review ? 'for review — the likeness is unclear: only if the person says it is them' : `failed the gate — ${candidate.reasons.join(' ')}`}${candidate.likeness !== undefined ? `; likeness ${candidate.likeness.toFixed(3)} (pass ≥ ${candidate.threshold ?? '—'})` : ''}${candidate.yaw !== undefined ? `; head yaw ${Math.round(candidate.yaw)}°${candidate.pitch !== undefined ? `, pitch ${Math.round(candidate.pitch)}°` : ''}` : ''}; ${candidate.width}×${candidate.height}, ${candidate.path}`,
    ),
    `Cost so far ${usd(cost.spent_usd)}; to come ${usd(cost.to_come_usd)} (images ${usd(cost.images_to_come_usd)}, HeyGen look ${usd(cost.heygen_look_usd)})${cost.another_round_usd !== undefined ? `; another round ${usd(cost.another_round_usd)}` : ''}. ${cost.note}`,
    ...awaiting.warnings,
    `Run folder: ${awaiting.run_dir}`,
    `Next step: ${awaiting.next_step}`,
  ];
  if (context.note) lines.unshift(context.note);
  const content: ContentBlock[] = [{ type: 'text', text: lines.join('\n') }];
  // The latest round's previews (at most 4, each well under 100 KB) for hosts that show images; every candidate as a link.
  const latest = approval.candidates.filter((candidate) => candidate.round === approval.round).slice(0, 4);
  for (const candidate of approval.candidates) {
    if (latest.includes(candidate)) {
      const preview = await readFile(candidate.preview_path).catch(() => undefined);
      if (preview) content.push({ type: 'image', data: preview.toString('base64'), mimeType: 'image/jpeg' });
    }
    content.push({
      type: 'resource_link',
      uri: candidate.uri,
      name: candidate.file,
      description: `Candidate ${candidate.index}, ${candidate.width}×${candidate.height}`,
    });
  }
  return {
    content,
    structuredContent: {
      ...awaiting,
      job_id: jobId,
      kind: 'create_look',
      ...(context.note ? { note: context.note } : {}),
    },
  };
}

/** The person said no: what was spent, where the images are, and how to try again. */
export function renderRejected(rejected: CreateLookRejected, context: RenderContext): CallToolResult {
  const text = [
    ...(context.note ? [context.note] : []),
    `Rejected: no look was made for key "${rejected.key}" and nothing more will be paid for (spent so far ${usd(rejected.cost_estimate_usd)}).`,
    `Run folder: ${rejected.run_dir}`,
    `Next step: ${rejected.next_step}`,
  ].join('\n');
  return success(text, {
    ...rejected,
    job_id: 'none',
    kind: 'create_look',
    ...(context.note ? { note: context.note } : {}),
  });
}
