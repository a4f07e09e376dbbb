// create_look: the whole pipeline in one call, as a resumable job keyed by the video. The flow
// (flows/create-look/) refuses everything it can before any spend, then starts or follows the job.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { IMAGE_SIZES, ORIENTATIONS } from '../../core/types.ts';
import { LOOK_PROVIDER_NAMES } from '../../domain/images/registry.ts';
import type { Services } from '../../flows/deps.ts';
import {
  groupIdSchema,
  keySchema,
  lookFieldsShape,
  REFERENCE_IMAGES_HELP,
  referenceImageSchema,
  referenceImagesSchema,
  waitSecondsSchema,
} from '../fields.ts';
import { createLookOutputSchema, renderAwaiting, renderCreateLookResult } from '../job-result.ts';
import { askInPlace } from '../ask-approval.ts';
import { followJob, progressSender } from '../progress.ts';
import { PICKER_META } from '../picker-meta.ts';
import { errorResult, failure } from '../render.ts';

export const CREATE_LOOK = 'create_look';

const { orientation: _orientation, prompt: promptField, ...lookFields } = lookFieldsShape;

const inputSchema = z.object({
  key: keySchema.describe(
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
  reference_image: referenceImageSchema
    .optional()
    .describe(
      "The person's face photo: absolute path, file://, https:// or data: URL (PNG, JPEG or WebP, up to 20 MB). Default: AVATAR_REFERENCE_IMAGE.",
    ),
  reference_images: referenceImagesSchema.optional().describe(REFERENCE_IMAGES_HELP),
  group_id: groupIdSchema
    .optional()
    .describe(
      "The person's existing HeyGen avatar group. Default: HEYGEN_AVATAR_GROUP_ID (list_avatar_groups shows them). A group is never created.",
    ),
  provider: z
    .enum(LOOK_PROVIDER_NAMES)
    .optional()
    .describe(
      'gemini (default chain), openai, flux, sandbox — or heygen: HeyGen makes the look itself from the prompt and a base look of the group (no image leaves for another company; price unpublished).',
    ),
  base_look_id: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional()
    .describe(
      'provider heygen: the look of the group to make the new look from. Default: HEYGEN_BASE_LOOK_ID, else the finished look most like the reference photos.',
    ),
  model: z.string().max(80).optional().describe('A model of that provider, e.g. gemini-3.1-flash-image (default).'),
  candidates: z
    .number()
    .int()
    .min(1)
    .max(4)
    .default(1)
    .describe('Images to make (1–4, each paid); the best that passes the gate becomes the look.'),
  size: z.enum(IMAGE_SIZES).default('2K').describe('Image size on the long side (default 2K).'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe("The look's name in HeyGen (the run id is appended). Default: the topic, else the key."),
  approval: z
    .enum(['none', 'cost', 'pick'])
    .optional()
    .describe(
      'Whether to wait for the person: none (straight through, for pipelines), cost (state the cost and wait for a yes before paying anything) or pick (make and check the candidates, then wait for the person to choose one before anything reaches HeyGen). Default: AVATAR_LOOKS_APPROVAL, else none. A waiting look returns status "awaiting_approval"; answer it with approve_look.',
    ),
  force_new: z
    .boolean()
    .default(false)
    .describe('Make a new look under this key even though one was made or started (its files are kept). Costs again.'),
  wait_seconds: waitSecondsSchema,
});

export function registerCreateLookTool(server: McpServer, services: Services): void {
  server.registerTool(
    CREATE_LOOK,
    {
      title: 'Create look (whole pipeline)',
      description: [
        "The whole pipeline in one call: topic (or a ready prompt) → prompt → image(s) from the person's reference photo → gate → upload to HeyGen → a new look in their existing avatar group → wait until it is ready. Returns look_id, which is HeyGen Video Agent's avatar_id, with a preview, the image path, gate results, timings and a cost estimate.",
        'Takes 1–3 minutes: it answers within wait_seconds with the result or status "running" and a job_id; then call get_job (not create_look) to keep waiting. Progress is reported at every step.',
        "key is the video's id or slug and makes the call idempotent: the same key returns the finished look, or continues from the last completed step after a failure or a restart — nothing is uploaded or added twice. Different inputs under a used key are refused with the differences named (force_new: true makes a new look).",
        'With approval "cost" or "pick" (or AVATAR_LOOKS_APPROVAL) it stops with status "awaiting_approval" — before any image is paid for, or after the candidates are made and checked and before HeyGen — and lists what waits; ask the person, then answer with approve_look. Nothing runs or is paid while it waits, however long.',
        'Refused before any spend: a prompt that describes the person, missing keys, an unusable reference photo, an unknown avatar group. Costs: the images (≈$0.04–0.13 each with Gemini) and one HeyGen look.',
      ].join('\n\n'),
      inputSchema,
      outputSchema: createLookOutputSchema,
      // Idempotent per key, but not with force_new: true, which pays again by design.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
      // Hosts that render MCP Apps show the look picker with the result.
      _meta: PICKER_META,
    },
    async (args, extra) => {
      const deadline = Date.now() + args.wait_seconds * 1000;
      try {
        // Loaded on the first call: sharp and the providers stay out of the server's cold start.
        const { startCreateLook } = await import('../../flows/create-look/intake.ts');
        const intake = await startCreateLook(services, args, {
          signal: extra.signal,
          deadline,
          progress: progressSender(extra),
        });
        if ('finished' in intake)
          return await renderCreateLookResult(intake.jobId, intake.finished, { note: intake.note });
        const waitMs = args.wait_seconds * 1000;
        if ('awaiting' in intake)
          return await askInPlace(
            server,
            services,
            extra,
            await renderAwaiting(intake.jobId, intake.awaiting, { note: intake.note }),
            waitMs,
          );
        const job = await services.jobs.get(intake.jobId);
        if (!job)
          return failure(`The job ${intake.jobId} disappeared.`, `Call create_look again with key "${args.key}".`);
        const followed = await followJob(server, services, extra, job, {
          deadline,
          cancelOnAbort: true,
          note: intake.note,
        });
        return await askInPlace(server, services, extra, followed, waitMs);
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
