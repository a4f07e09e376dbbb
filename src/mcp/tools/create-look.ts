// create_look: the whole pipeline in one call, as a resumable job keyed by the video. Everything
// that can be refused is refused here, before any spend (prompt, provider key, reference photo,
// HeyGen key, the avatar group); the job (src/looks/create-look.ts) does the rest.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDER_NAMES, type ProviderName } from '../../domain/images/registry.ts';
import type { CreateLookRequest, CreateLookRun } from '../../flows/create-look/run.ts';
import type { KeyEntry } from '../../store/keys.ts';
import { buildLookPrompt } from '../../domain/prompt/build.ts';
import { ORIENTATIONS } from '../../domain/prompt/template.ts';
import { lookFieldsShape, refusal } from './build-look-prompt.ts';
import { waitSecondsSchema } from './generate-look-image.ts';
import { heygenFailure } from '../heygen-render.ts';
import type { ToolContext } from '../registry.ts';
import { jobOutputSchema, renderCreateLookResult, renderJob } from '../job-result.ts';
import { progressSender, waitForJob } from '../progress.ts';
import { errorResult, failure } from '../render.ts';

export const CREATE_LOOK = 'create_look';

const { orientation: _orientation, prompt: promptField, ...lookFields } = lookFieldsShape;

const inputSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[\w.:@#/+-]{1,120}$/, "use letters, digits and . _ - : @ # / + (up to 120), e.g. the video's id or slug")
    .describe(
      'The video\'s id or slug, e.g. "sleep-science-ep12": the idempotency key. Calling again with the same key returns that look (or continues making it); it never pays twice.',
    ),
  ...lookFields,
  prompt: promptField.describe(
    'A ready prompt (e.g. from build_look_prompt) instead of topic and the look fields. It must not describe the person.',
  ),
  orientation: z
    .enum(ORIENTATIONS)
    .default('landscape')
    .describe("The video's shape: landscape (16:9, default), portrait (9:16) or square (1:1)."),
  reference_image: z
    .string()
    .max(30_000_000)
    .optional()
    .describe(
      "The person's face photo: absolute path, file://, https:// or data: URL (PNG, JPEG or WebP, up to 20 MB). Default: AVATAR_REFERENCE_IMAGE.",
    ),
  group_id: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional()
    .describe(
      "The person's existing HeyGen avatar group. Default: HEYGEN_AVATAR_GROUP_ID (list_avatar_groups shows them). A group is never created.",
    ),
  provider: z
    .enum(PROVIDER_NAMES)
    .optional()
    .describe('Image provider: gemini (default chain), openai, flux or sandbox.'),
  model: z.string().max(80).optional().describe('A model of that provider, e.g. gemini-3.1-flash-image (default).'),
  candidates: z
    .number()
    .int()
    .min(1)
    .max(4)
    .default(1)
    .describe('Images to make (1–4, each paid); the best that passes the gate becomes the look.'),
  size: z.enum(['1K', '2K', '4K']).default('2K').describe('Image size on the long side (default 2K).'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe("The look's name in HeyGen (the run id is appended). Default: the topic, else the key."),
  force_new: z
    .boolean()
    .default(false)
    .describe('Make a new look under this key even though one was made or started (its files are kept). Costs again.'),
  wait_seconds: waitSecondsSchema,
});

type Args = z.infer<typeof inputSchema>;

function normalize(args: Args): CreateLookRequest {
  const text = (value: string | undefined) => value?.trim() || null;
  const props =
    typeof args.props === 'string'
      ? args.props
          .split(/[,;\n]/)
          .map((p) => p.trim())
          .filter(Boolean)
      : (args.props ?? null);
  return {
    key: args.key,
    topic: text(args.topic),
    angle: args.angle ?? null,
    expression: text(args.expression),
    wardrobe: text(args.wardrobe),
    environment: text(args.environment),
    lighting: text(args.lighting),
    details: text(args.details),
    props: props && props.length > 0 ? props : null,
    prompt: text(args.prompt),
    orientation: args.orientation,
    reference_image: null,
    group_id: args.group_id ?? null,
    provider: args.provider ?? null,
    model: args.model ?? null,
    candidates: args.candidates,
    size: args.size,
    name: text(args.name),
  };
}

const show = (value: unknown) =>
  value === null || value === undefined ? 'not set' : JSON.stringify(value).slice(0, 80);

export function registerCreateLookTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    CREATE_LOOK,
    {
      title: 'Create look (whole pipeline)',
      description: [
        "The whole pipeline in one call: topic (or a ready prompt) → prompt → image(s) from the person's reference photo → gate → upload to HeyGen → a new look in their existing avatar group → wait until it is ready. Returns look_id, which is HeyGen Video Agent's avatar_id, with a preview, the image path, gate results, timings and a cost estimate.",
        'Takes 1–3 minutes: it answers within wait_seconds with the result or status "running" and a job_id; then call get_job (not create_look) to keep waiting. Progress is reported at every step.',
        "key is the video's id or slug and makes the call idempotent: the same key returns the finished look, or continues from the last completed step after a failure or a restart — nothing is uploaded or added twice. Different inputs under a used key are refused with the differences named (force_new: true makes a new look).",
        'Refused before any spend: a prompt that describes the person, missing keys, an unusable reference photo, an unknown avatar group. Costs: the images (≈$0.04–0.13 each with Gemini) and one HeyGen look.',
      ].join('\n\n'),
      inputSchema,
      outputSchema: jobOutputSchema,
      // Idempotent per key, but not with force_new: true, which pays again by design.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      const deadline = Date.now() + args.wait_seconds * 1000;
      const { services } = context;
      const request = normalize(args);
      const { describeReferenceInput, requestDifferences } = await import('../../flows/create-look/run.ts');
      request.reference_image = describeReferenceInput(args.reference_image);
      let jobId: string;
      let note: string | undefined;
      try {
        const existing = await services.keys.get(request.key);
        if (existing && args.force_new) {
          const busy = await runningJob(
            existing,
            (await services.runs.readRecord(existing.run_id)) as CreateLookRun | undefined,
            context,
          );
          if (busy) {
            return failure(
              `Key "${request.key}" is being made right now by job ${busy.id} (${busy.progress.message}); force_new would pay for a second look alongside it.`,
              `Wait for it with get_job (job_id "${busy.id}"), then decide; or cancel that call first.`,
            );
          }
        }
        const reuse =
          existing && !args.force_new ? await reuseRun(existing, request, requestDifferences, context) : undefined;
        if (reuse && 'result' in reuse) return reuse.result;
        if (reuse) {
          jobId = reuse.jobId;
          note = reuse.note;
        } else {
          const started = await startNewRun(
            args,
            request,
            existing,
            context,
            extra.signal,
            deadline,
            progressSender(extra),
          );
          if ('result' in started) return started.result;
          jobId = started.jobId;
          note = started.note;
        }
      } catch (error) {
        return errorResult(error, context.secrets, context.logger);
      }
      const record = await waitForJob(services.jobs, jobId, Math.max(0, deadline - Date.now()), extra, {
        onAbort: true,
        isConnected: () => server.isConnected(),
        stopping: services.stopping,
      });
      if (!record) return failure(`The job ${jobId} disappeared.`, `Call create_look again with key "${request.key}".`);
      return renderJob(record, {
        nextToolAfterImage: context.nextToolAfterImage,
        nextToolAfterLook: context.nextToolAfterLook,
        ...(note ? { note } : {}),
      });
    },
  );
}

/** The job working on this key's run now, if any: the key's, or the one that holds the run. */
async function runningJob(existing: KeyEntry, run: CreateLookRun | undefined, context: ToolContext) {
  for (const id of new Set([existing.job_id, run?.job_id])) {
    if (!id) continue;
    const job = await context.services.jobs.get(id);
    if (job?.status === 'running') return job;
  }
  return undefined;
}

type Started = { jobId: string; note?: string | undefined } | { result: Awaited<ReturnType<typeof failure>> };

/** The same key again: the finished look, the job still making it, or a new job resuming the run. */
async function reuseRun(
  existing: KeyEntry,
  request: CreateLookRequest,
  requestDifferences: (a: Record<string, unknown>, b: CreateLookRequest) => string[],
  context: ToolContext,
): Promise<Started | undefined> {
  const { services } = context;
  const differences = requestDifferences(existing.request, request);
  if (differences.length > 0) {
    return {
      result: failure(
        `The key "${request.key}" was already used for a different look (run ${existing.run_id}): ${differences.map((field) => `${field} was ${show(existing.request[field])}, now ${show(request[field as keyof CreateLookRequest])}`).join('; ')}.`,
        "Use a new key for a new look (e.g. the new video's slug); call again with the same inputs to get that look; or pass force_new: true to make a new look under this key (the earlier run's files are kept).",
      ),
    };
  }
  const run = (await services.runs.readRecord(existing.run_id)) as CreateLookRun | undefined;
  if (!run) {
    return {
      result: failure(
        `The run of key "${request.key}" (${existing.run_id}) is no longer on disk.`,
        'Pass force_new: true to make the look again under this key.',
      ),
    };
  }
  if (run.status === 'completed' && run.result) {
    const note = `Key "${request.key}" already has its look (made ${run.updated_at}): this is that look; nothing new was made.`;
    return {
      result: await renderCreateLookResult(existing.job_id ?? run.job_id ?? 'none', run.result, {
        nextToolAfterImage: context.nextToolAfterImage,
        nextToolAfterLook: context.nextToolAfterLook,
        note,
      }),
    };
  }
  const job = await runningJob(existing, run, context);
  if (job)
    return {
      jobId: job.id,
      note: `Key "${request.key}" is already being made by job ${job.id}: following it (nothing is paid twice).`,
    };
  if (!existing.job_id && Date.now() - Date.parse(existing.created_at) < 10_000) {
    // Another call claimed this key a moment ago and is starting its job.
    return {
      result: failure(
        `Key "${request.key}" was claimed moments ago by another call that is starting its job.`,
        'Call create_look again with the same key in a few seconds.',
      ),
    };
  }
  const regate = run.error?.kind === 'gate_rejected' && run.gate.mode !== context.config.faceGate;
  if (run.status === 'failed' && run.error?.final && !regate) {
    return {
      result: failure(
        `${run.error.message}`,
        `${run.error.next_step} (Calling again with the same key returns this outcome; pass force_new: true to try again under it.)`,
      ),
    };
  }
  // Failed along the way, or its job was interrupted (a restart, a SIGKILL): resume.
  const { STEPS } = await import('../../flows/create-look/run.ts');
  const done = STEPS.filter((step) => run.steps[step].status === 'completed');
  const from = STEPS.find((step) => run.steps[step].status !== 'completed') ?? 'wait';
  const folder = services.runs.folder(run.id);
  if (!folder) return { result: failure(`Run ${run.id} has an unexpected name.`, 'Pass force_new: true.') };
  const record = await services.jobs.start(CREATE_LOOK, { run_id: run.id }, folder);
  await services.keys.put({ ...existing, job_id: record.id });
  const why = run.error ? `it stopped at ${run.error.step}: ${run.error.message}` : 'its job was interrupted';
  return {
    jobId: record.id,
    note: `Resumed key "${request.key}" (run ${run.id}) from step ${from}; ${why}. Done before: ${done.join(', ') || 'nothing'} — not repeated.`,
  };
}

async function startNewRun(
  args: Args,
  request: CreateLookRequest,
  replacing: KeyEntry | undefined,
  context: ToolContext,
  signal: AbortSignal,
  deadline: number,
  send: (percent: number, message: string) => void,
): Promise<Started> {
  const { services, config } = context;
  // The checks share the call's wait budget: a slow HeyGen or reference host must not push the
  // answer past what the host allows.
  const left = () => Math.max(0, deadline - Date.now());
  // 1. The prompt: built from the fields, or the caller's own; either way linted.
  const props = request.props ?? undefined;
  const built = buildLookPrompt({
    topic: args.topic,
    orientation: args.orientation,
    angle: args.angle,
    expression: args.expression,
    wardrobe: args.wardrobe,
    environment: args.environment,
    lighting: args.lighting,
    details: args.details,
    props,
    prompt: args.prompt,
  });
  if (built.kind === 'invalid')
    return {
      result: failure(
        built.message,
        'Pass topic (with any look fields) or a ready prompt, then call create_look again.',
      ),
    };
  if (built.kind === 'refused') return { result: refusal(built.findings, CREATE_LOOK) };

  // 2. HeyGen: a key and an existing group, before paying for any image.
  const groupId = args.group_id ?? config.heygen.groupId;
  let consentPending = false;
  try {
    const client = await services.heygen();
    if (!groupId) {
      return {
        result: failure(
          "No avatar group: pass group_id, or set HEYGEN_AVATAR_GROUP_ID in the server's environment. create_look never creates a group (the look belongs with the person's avatar).",
          "Call list_avatar_groups to find the person's group id.",
        ),
      };
    }
    const { data, group } = await import('../../domain/heygen/schemas.ts');
    send(1, `Checking avatar group ${groupId} at HeyGen before anything is paid for.`);
    const found = await client.get(
      `/v3/avatars/${encodeURIComponent(groupId)}`,
      data(group),
      signal,
      {},
      {
        timeoutMs: Math.max(2_000, Math.min(config.heygen.timeoutMs, Math.floor(left() / 2))),
        retries: left() > 10_000 ? 1 : 0,
      },
    );
    consentPending = found.data.consent_status === 'pending';
  } catch (error) {
    return {
      result: heygenFailure(
        error,
        context,
        `There is no avatar group "${groupId}" in this HeyGen account: call list_avatar_groups for the right group_id. Nothing was spent.`,
      ),
    };
  }

  // 3. The image order: provider, key, reference photo (all checked here, before any spend).
  const { prepareGeneration } = await import('../../flows/generate-image.ts');
  const { lookLabel, newRun } = await import('../../flows/create-look/run.ts');
  const label = lookLabel(request);
  send(1.5, 'Reading the reference photo.');
  const prepared = await prepareGeneration(
    {
      prompt: built.prompt,
      orientation: args.orientation,
      referenceImage: args.reference_image,
      count: args.candidates,
      provider: args.provider,
      model: args.model,
      size: args.size,
      name: label,
    },
    { config, providers: services.providers, runs: services.runs, logger: context.logger },
    AbortSignal.any([signal, AbortSignal.timeout(Math.max(5_000, left() - 2_000))]),
  );

  // 4. Claim the key (exclusively, unless replacing it on purpose) for a new run folder, then
  // fill the folder and start the job. A lost claim leaves nothing behind.
  const run = await services.runs.create(label);
  const now = new Date().toISOString();
  const entry: KeyEntry = {
    key: request.key,
    run_id: run.id,
    run_dir: run.dir,
    request: { ...request },
    created_at: now,
    updated_at: now,
  };
  if (replacing) {
    await services.keys.put(entry);
  } else if (!(await services.keys.claim(entry))) {
    await rm(run.dir, { recursive: true, force: true });
    const winner = await services.keys.get(request.key);
    const { requestDifferences } = await import('../../flows/create-look/run.ts');
    const reuse = winner ? await reuseRun(winner, request, requestDifferences, context) : undefined;
    if (reuse) return reuse;
    return {
      result: failure(
        `Key "${request.key}" was claimed by another call at the same moment.`,
        'Call create_look again with the same key.',
      ),
    };
  }
  const { writeFileAtomic } = await import('../../core/files.ts');
  await writeFileAtomic(join(run.dir, 'reference.jpg'), prepared.reference.bytes);
  const warnings = [...prepared.warnings];
  if (consentPending)
    warnings.push(
      `The avatar group ${groupId} still needs its owner's consent: the look will wait for it (request_avatar_consent).`,
    );
  const { bytes: _bytes, ...reference } = prepared.reference;
  const record = newRun({
    run,
    request,
    prompt: {
      text: built.prompt,
      source: built.source,
      preset: built.preset,
      missing_rules: built.missing_rules.map((rule) => rule.id),
    },
    generation: {
      provider: prepared.provider.name as ProviderName,
      providers: prepared.providers.map((p) => p.name as ProviderName),
      model: prepared.model,
      aspect_ratio: prepared.aspectRatio,
      size: args.size,
      count: args.candidates,
    },
    reference: { source: reference.source, sha256: reference.sha256, width: reference.width, height: reference.height },
    groupId: groupId as string,
    sandbox: config.sandbox !== null || prepared.provider.sandbox === true,
    gateMode: config.faceGate,
    faceChecks: config.faceGate !== 'off',
    warnings,
  });
  await services.runs.writeRecord(run, record);
  const job = await services.jobs.start(CREATE_LOOK, { run_id: run.id }, run);
  await services.keys.put({ ...entry, job_id: job.id });
  return {
    jobId: job.id,
    ...(replacing
      ? { note: `force_new: a new look for key "${request.key}" (the earlier run ${replacing.run_id} is kept).` }
      : {}),
  };
}
