// The records kept under AVATAR_LOOKS_HOME/runs, as zod schemas: what a run.json holds, checked
// whenever one is read back, so a file from another version or edited by hand is recognised
// instead of trusted. Unknown fields are kept (a newer version's record survives an older one).

import { z } from 'zod';
import { ASPECT_RATIOS, BASE_LOOK_CHOICES, IMAGE_SIZES, ORIENTATIONS, type AspectRatio } from '../core/types.ts';

export const GATE_MODES = ['strict', 'warn', 'off'] as const;
export type GateMode = (typeof GATE_MODES)[number];

/** When create_look waits for a person: never, before any image is paid for, or after the candidates are checked. */
export const APPROVAL_MODES = ['none', 'cost', 'pick'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const CREATE_LOOK_STEPS = ['prompt', 'generate', 'gate', 'upload', 'add', 'wait'] as const;
export type StepName = (typeof CREATE_LOOK_STEPS)[number];

const aspectRatio = z.enum(Object.values(ASPECT_RATIOS) as [AspectRatio, ...AspectRatio[]]);

export const errorRecordSchema = z.object({
  kind: z.string(),
  message: z.string(),
  next_step: z.string(),
  final: z.boolean().optional(),
});

/** An image a run saved: where, what, and which provider made it. */
export const savedImage = z.object({
  index: z.number().int(),
  provider: z.string(),
  model: z.string(),
  file: z.string(),
  preview_file: z.string(),
  mime_type: z.string(),
  width: z.number(),
  height: z.number(),
  size_bytes: z.number(),
  sha256: z.string(),
  /** The HeyGen look this image is the preview of (made by the heygen provider). */
  look: z.object({ id: z.string(), group_id: z.string(), base_look_id: z.string() }).optional(),
});
export type SavedImage = z.infer<typeof savedImage>;

/** A reference photo as a run keeps it: where it came from, and its file in the run folder. */
const referencePhoto = z.object({
  source: z.string(),
  sha256: z.string(),
  width: z.number(),
  height: z.number(),
  sent: z.string(),
});

export const gateCheck = z.object({
  index: z.number().int(),
  file: z.string(),
  passed: z.boolean(),
  /** One sentence per failed check. */
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  width: z.number(),
  height: z.number(),
  /** pass, review (the likeness is unclear: a person looks) or fail; absent in runs from before review. */
  status: z.enum(['pass', 'review', 'fail']).optional(),
  /** Why a person should look (status review). */
  review: z.array(z.string()).optional(),
  /** Face measurements, when the face checks ran. */
  faces: z.object({ count: z.number().int(), yaw: z.number().optional(), pitch: z.number().optional() }).optional(),
  /** The likeness to the reference photos combined (similarity), the pass line (threshold) and the rest. */
  identity: z
    .object({
      similarity: z.number(),
      threshold: z.number(),
      review_threshold: z.number().optional(),
      verdict: z.enum(['pass', 'review', 'fail']).optional(),
      references: z.number().int().optional(),
      per_reference: z.array(z.number()).optional(),
      combined: z.string().optional(),
      model: z.string().optional(),
    })
    .optional(),
  /** Higher is better; picks among the candidates that pass. */
  score: z.number(),
});
export type GateCheck = z.infer<typeof gateCheck>;

const step = z.object({
  status: z.enum(['pending', 'running', 'completed', 'failed']),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  ms: z.number().optional(),
});
export type StepRecord = z.infer<typeof step>;

/** create_look's inputs, normalised: what an idempotency key is compared on. */
export const createLookRequest = z.object({
  key: z.string(),
  topic: z.string().nullable(),
  angle: z.string().nullable(),
  expression: z.string().nullable(),
  wardrobe: z.string().nullable(),
  environment: z.string().nullable(),
  lighting: z.string().nullable(),
  details: z.string().nullable(),
  props: z.array(z.string()).nullable(),
  prompt: z.string().nullable(),
  orientation: z.enum(ORIENTATIONS),
  /** As given, with data: URLs and URL query strings (signatures) replaced by a hash. */
  reference_image: z.string().nullable(),
  /** The same, for reference_images (absent in keys from before several references). */
  reference_images: z.array(z.string()).nullable().optional(),
  group_id: z.string().nullable(),
  provider: z.string().nullable(),
  /** provider heygen: the base look asked for (absent in runs from before heygen). */
  base_look_id: z.string().nullable().optional(),
  model: z.string().nullable(),
  candidates: z.number().int(),
  size: z.enum(IMAGE_SIZES),
  name: z.string().nullable(),
});
export type CreateLookRequest = z.infer<typeof createLookRequest>;

const gateSummary = z.object({
  mode: z.enum(GATE_MODES),
  face_checks: z.boolean(),
  note: z.string().optional(),
  checks: z.array(gateCheck),
});

const timings = z.record(z.string(), z.number());

export const createLookResult = z.looseObject({
  status: z.literal('completed'),
  key: z.string(),
  run_id: z.string(),
  run_dir: z.string(),
  sandbox: z.boolean(),
  look_id: z.string(),
  avatar_id: z.string(),
  group_id: z.string(),
  look_name: z.string(),
  image: z.object({
    index: z.number().int(),
    path: z.string(),
    file: z.string(),
    uri: z.string(),
    preview_path: z.string(),
    mime_type: z.string(),
    width: z.number(),
    height: z.number(),
    sha256: z.string(),
    provider: z.string(),
    model: z.string(),
  }),
  candidates: z.number().int(),
  gate: gateSummary.extend({ chosen: z.number().int() }),
  /** Images and the HeyGen look, from published prices. */
  cost_estimate_usd: z.number(),
  costs: z.object({ images_usd: z.number(), heygen_look_usd: z.number(), note: z.string() }).optional(),
  /** provider heygen: HeyGen made the look from the prompt, from this base look. */
  made_by_heygen: z
    .object({
      base_look_id: z.string(),
      base_look_chosen_by: z.enum(BASE_LOOK_CHOICES),
      base_look_likeness: z.number().optional(),
      prompt_sent: z.string(),
    })
    .optional(),
  timings_ms: timings,
  resumed: z.boolean(),
  warnings: z.array(z.string()),
});
export type CreateLookResult = z.infer<typeof createLookResult>;

/** A person's answer to a run that waited for approval. */
export const approvalDecision = z.object({
  stage: z.enum(['cost', 'pick']),
  action: z.enum(['approve', 'reject', 'another_round']),
  /** pick: the candidate the person chose. */
  candidate: z.number().int().optional(),
  /** How the answer came: a tool call (approve_look), a form in the host (elicitation), or the look picker app. */
  via: z.enum(['tool', 'elicitation', 'app']),
  at: z.string(),
});
export type ApprovalDecision = z.infer<typeof approvalDecision>;

/** The run's approval: its mode, what it waits for now (if anything), and every answer so far. */
export const approvalRecord = z.object({
  mode: z.enum(APPROVAL_MODES),
  /** The question open now; unset when the run is not waiting. */
  waiting: z
    .object({
      stage: z.enum(['cost', 'pick']),
      since: z.string(),
      round: z.number().int(),
      /** Why the run asks (again), when it is not the first question: e.g. the chosen candidate no longer passes. */
      note: z.string().optional(),
    })
    .optional(),
  /** cost: the person said yes to paying. */
  cost_approved: z.boolean().optional(),
  /** pick: the candidate the person chose for this run's look. */
  picked: z.number().int().optional(),
  /** Set by an answer, read by the job it starts: that job continues the run, it does not resume a failure. */
  continuing: z.boolean().optional(),
  decisions: z.array(approvalDecision),
});
export type ApprovalRecord = z.infer<typeof approvalRecord>;

/**
 * Looks the heygen provider asked HeyGen to make (POST /v3/avatars, type "prompt"): each one's
 * idempotency key is on disk before the request, its look id right after, so a resumed run gets
 * the same look again instead of a second one.
 */
const heygenLooks = z.object({
  base_look: z
    .object({
      id: z.string(),
      /** How it was chosen: the call's base_look_id, HEYGEN_BASE_LOOK_ID, or the most alike of the group's looks. */
      how: z.enum(BASE_LOOK_CHOICES),
      likeness: z.number().optional(),
      checked: z.number().int().optional(),
    })
    .optional(),
  /** The reference photos as HeyGen assets (each uploaded once per photo, remembered by its hash). */
  reference_assets: z.array(z.string()).optional(),
  /** The prompt as sent (fitted into HeyGen's 1000 characters). */
  prompt: z.string().optional(),
  /** Prompt looks HeyGen refused outright (nothing made): each next one gets a new key. */
  refused: z.number().int().optional(),
  looks: z.array(
    z.object({
      index: z.number().int(),
      round: z.number().int(),
      name: z.string(),
      idempotency_key: z.string(),
      sending_at: z.string(),
      look_id: z.string().optional(),
      status: z.string().optional(),
      /** After the gate failed it: deleted, or kept and why (the last look of its group). */
      deleted: z.boolean().optional(),
      kept: z.string().optional(),
    }),
  ),
});

export const createLookRun = z.looseObject({
  id: z.string(),
  kind: z.literal('create_look'),
  key: z.string(),
  status: z.enum(['running', 'awaiting_approval', 'completed', 'failed']),
  /** Runs made before approval existed read as mode none. */
  approval: approvalRecord.default({ mode: 'none', decisions: [] }),
  sandbox: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  request: createLookRequest,
  prompt: z.object({
    text: z.string(),
    source: z.enum(['built', 'custom']),
    preset: z.string().nullable(),
    missing_rules: z.array(z.string()),
  }),
  generation: z.object({
    provider: z.string(),
    providers: z.array(z.string()),
    model: z.string(),
    aspect_ratio: aspectRatio,
    size: z.enum(IMAGE_SIZES),
    count: z.number().int(),
  }),
  reference: z.object({
    source: z.string(),
    sha256: z.string(),
    width: z.number(),
    height: z.number(),
    sent: z.literal('reference.jpg'),
  }),
  /** Every reference photo, the first being `reference` (absent in runs from before several references). */
  references: z.array(referencePhoto).optional(),
  group_id: z.string(),
  /** Carries the run id, so the run can find its look in the group after a crash. */
  look_name: z.string(),
  job_id: z.string().optional(),
  /** Jobs that worked on this run, in order (a resumed run has several). */
  jobs: z.array(z.string()),
  steps: z.object(Object.fromEntries(CREATE_LOOK_STEPS.map((name) => [name, step])) as Record<StepName, typeof step>),
  rounds: z.number().int(),
  candidates: z.array(savedImage.extend({ round: z.number().int(), attempts: z.number().int(), cost_usd: z.number() })),
  failures: z.array(
    z.object({
      index: z.number().int(),
      round: z.number().int(),
      kind: z.string(),
      message: z.string(),
      attempts: z.number().int(),
      job_id: z.string().optional(),
    }),
  ),
  skipped: z
    .array(z.object({ index: z.number().int(), provider: z.string(), kind: z.string(), message: z.string() }))
    .default([]),
  gate: gateSummary.extend({ chosen: z.number().int().optional() }),
  upload: z.object({
    attempts: z.number().int(),
    asset_id: z.string().optional(),
    image_file: z.string().optional(),
    url: z.string().optional(),
  }),
  look: z.object({
    /** When the add was first sent with its idempotency key (HeyGen replays a repeat for 24 h). */
    sending_at: z.string().optional(),
    idempotency_key: z.string().optional(),
    /** Adds HeyGen refused outright (nothing made): each next attempt gets a new key. */
    refused_adds: z.number().int().optional(),
    look_id: z.string().optional(),
    status: z.string().optional(),
    recovered: z.boolean().optional(),
    preview_image_url: z.string().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    reconciled: z.string().optional(),
    /** Made by HeyGen from the prompt (the heygen provider): no upload, no add. */
    made_from_prompt: z.boolean().optional(),
    /** HeyGen's published price of this look (0 in the sandbox); also counted in the run's cost_estimate_usd. */
    cost_estimate_usd: z.number().optional(),
    /** Milliseconds after the add: the last read that saw the look not ready, and the first that saw it ready. */
    pending_at_ms: z.number().optional(),
    ready_after_ms: z.number().optional(),
  }),
  /** The heygen provider's work: the base look, the uploaded references, and each look asked for. */
  heygen: heygenLooks.optional(),
  cost_estimate_usd: z.number(),
  timings_ms: timings,
  warnings: z.array(z.string()),
  result: createLookResult.optional(),
  error: errorRecordSchema.extend({ step: z.enum(CREATE_LOOK_STEPS), final: z.boolean() }).optional(),
});
export type CreateLookRun = z.infer<typeof createLookRun>;
export type StoredCandidate = CreateLookRun['candidates'][number];

/** generate_look_image's run.json. */
export const generationRun = z.looseObject({
  id: z.string(),
  kind: z.literal('generate_look_image'),
  status: z.enum(['queued', 'generating', 'completed', 'failed']),
  created_at: z.string(),
  sandbox: z.boolean(),
  prompt: z.string(),
  prompt_sha256: z.string(),
  orientation: z.enum(ORIENTATIONS),
  aspect_ratio: aspectRatio,
  size: z.enum(IMAGE_SIZES),
  provider: z.string(),
  providers: z.array(z.string()),
  model: z.string(),
  count: z.number().int(),
  reference: z.object({
    source: z.string(),
    sha256: z.string(),
    width: z.number(),
    height: z.number(),
    bytes: z.number(),
    mime_type: z.string(),
    sent: z.literal('reference.jpg'),
  }),
  references: z.array(referencePhoto).optional(),
  candidates: z.array(savedImage.extend({ attempts: z.number().int(), cost_usd: z.number() })),
  failures: z.array(
    z.object({ index: z.number().int(), kind: z.string(), message: z.string(), attempts: z.number().int() }),
  ),
  /** Providers passed over, and why. */
  skipped: z.array(z.object({ index: z.number().int(), provider: z.string(), kind: z.string(), message: z.string() })),
  cost_estimate_usd: z.number(),
  timings_ms: z.object({ reference: z.number(), generation: z.number(), total: z.number() }),
  warnings: z.array(z.string()),
  requested_provider: z.string().optional(),
  requested_model: z.string().optional(),
});
export type GenerationRun = z.infer<typeof generationRun>;

/** What list_runs needs of any run, whatever its kind or version. */
export const runSummary = z.looseObject({
  kind: z.string().optional(),
  key: z.string().optional(),
  status: z.string().optional(),
  created_at: z.string().optional(),
  job_id: z.string().optional(),
  sandbox: z.boolean().optional(),
  look: z.looseObject({ look_id: z.string().optional(), status: z.string().optional() }).optional(),
  steps: z.record(z.string(), z.looseObject({ status: z.string() })).optional(),
  error: z.looseObject({ message: z.string().optional() }).optional(),
  candidates: z
    .array(
      z.looseObject({ index: z.number(), file: z.string(), preview_file: z.string(), provider: z.string().optional() }),
    )
    .optional(),
  gate: z
    .looseObject({
      chosen: z.number().optional(),
      checks: z
        .array(
          z.looseObject({
            index: z.number(),
            passed: z.boolean(),
            status: z.string().optional(),
            identity: z.looseObject({ similarity: z.number() }).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type RunSummary = z.infer<typeof runSummary>;
