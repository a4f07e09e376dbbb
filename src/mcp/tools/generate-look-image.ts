// generate_look_image: the look from a prompt and the person's reference photo. The work is a job
// (flows/generate-image.ts); this waits for it up to wait_seconds with progress.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { IMAGE_SIZES, ORIENTATIONS } from '../../core/types.ts';
import { PROVIDER_NAMES } from '../../domain/images/registry.ts';
import type { Services } from '../../flows/deps.ts';
import { REFERENCE_IMAGES_HELP, referenceImageSchema, referenceImagesSchema, waitSecondsSchema } from '../fields.ts';
import { generateOutputSchema } from '../job-result.ts';
import { followJob } from '../progress.ts';
import { errorResult } from '../render.ts';

export const GENERATE_LOOK_IMAGE = 'generate_look_image';

const inputSchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .describe(
      'The prompt from build_look_prompt (or your own; it is checked the same way). It must not describe the person: the reference photo carries their identity.',
    ),
  orientation: z
    .enum(ORIENTATIONS)
    .default('landscape')
    .describe(
      "The video's shape: landscape (16:9), portrait (9:16) or square (1:1). Use the same as in build_look_prompt.",
    ),
  reference_image: referenceImageSchema
    .optional()
    .describe(
      "The person's face photo: an absolute path, file:// URL, https:// URL or data: URL (PNG, JPEG or WebP, up to 20 MB). Default: AVATAR_REFERENCE_IMAGE from the server's environment.",
    ),
  reference_images: referenceImagesSchema.optional().describe(REFERENCE_IMAGES_HELP),
  count: z
    .number()
    .int()
    .min(1)
    .max(4)
    .default(1)
    .describe('How many candidates to make at once (1–4), to pick the best; each costs one image.'),
  provider: z
    .enum(PROVIDER_NAMES)
    .optional()
    .describe(
      '"gemini", "openai" (GPT Image), "flux" (Black Forest Labs) or "sandbox" (offline stand-in, free). Default: the configured chain (AVATAR_LOOKS_PROVIDERS, e.g. gemini then openai then flux), falling back to the next on a refusal, a key without quota or repeated 429s; sandbox when the server has no keys.',
    ),
  model: z
    .string()
    .max(80)
    .optional()
    .describe(
      'A model of the (first) provider: gemini-3.1-flash-image (default, ≈$0.10), gemini-3-pro-image, gemini-2.5-flash-image; gpt-image-1.5 or gpt-image-2; flux-2-pro or flux-kontext-pro.',
    ),
  size: z.enum(IMAGE_SIZES).default('2K').describe('Image size on the long side: 1K, 2K (default) or 4K.'),
  name: z.string().max(60).optional().describe("A short label for the run folder, e.g. the video's slug."),
  force_new: z
    .boolean()
    .default(false)
    .describe(
      'Make new images even if the same request (prompt, photo, options) is running or finished in the last 10 minutes. Without it, that job is returned instead of paying again.',
    ),
  wait_seconds: waitSecondsSchema,
});

export function registerGenerateLookImageTool(server: McpServer, services: Services): void {
  server.registerTool(
    GENERATE_LOOK_IMAGE,
    {
      title: 'Generate look image',
      description: [
        "Step 2: generates the look — a photorealistic image of the person in the new wardrobe and set — from a prompt (from build_look_prompt) and a reference photo of their face, in the video's orientation. Costs one image per candidate (≈$0.04–0.13 with Gemini) and takes 15–60 s, sometimes minutes.",
        'Returns a small preview, a link to the full image (saved under AVATAR_LOOKS_HOME with run.json), paths, sizes and SHA-256. If it takes longer than wait_seconds it returns status "running" with a job_id: call get_job with it to wait for the rest — never call generate_look_image again for the same look, that pays twice.',
        'Refused before any spend: a prompt that describes the person, a missing provider key, a reference photo that is not a PNG/JPEG/WebP, too large, or at a private address. Provider refusals (blocked prompt or image, no quota) come back with what to change.',
      ].join('\n\n'),
      inputSchema,
      outputSchema: generateOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      // One budget for the whole call, preparation included: hosts cut calls at ~60 s.
      const deadline = Date.now() + args.wait_seconds * 1000;
      try {
        // Loaded on the first call: sharp and the download stack stay out of the server's cold start.
        const { startImageGeneration } = await import('../../flows/generate-image.ts');
        const {
          force_new: forceNew,
          wait_seconds: _wait,
          reference_image: one,
          reference_images: several,
          ...input
        } = args;
        const started = await startImageGeneration(
          services,
          { ...input, referenceImages: [...(one ? [one] : []), ...(several ?? [])] },
          { forceNew, signal: extra.signal },
        );
        return await followJob(server, services, extra, started.job, {
          deadline,
          cancelOnAbort: true,
          note: started.note,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
