// check_look_image: is the generated look still the same person, alone, facing the camera, and
// framed for the video? Measured offline, in well under a second, before anything is uploaded.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ORIENTATIONS } from '../../core/types.ts';
import type { LookImageCheck } from '../../flows/check-look.ts';
import type { Services } from '../../flows/deps.ts';
import {
  lookImageFile,
  lookImagePathSchema,
  REFERENCE_IMAGES_HELP,
  referenceImageSchema,
  referenceImagesSchema,
} from '../fields.ts';
import { errorResult, success } from '../render.ts';

export const CHECK_LOOK_IMAGE = 'check_look_image';

const inputSchema = z.object({
  image_path: lookImagePathSchema
    .optional()
    .describe(
      'The look image: images[].path from generate_look_image, an absolute path or its avatar-looks://runs/… URI. Give this or look_id.',
    ),
  look_id: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional()
    .describe(
      "Instead of image_path: a finished HeyGen look (e.g. one add_look made from a prompt); its preview is checked — is HeyGen's look still the person?",
    ),
  reference_image: referenceImageSchema
    .optional()
    .describe(
      "The person's face photo to compare with: absolute path, file://, https:// or data: URL. Default: AVATAR_REFERENCE_IMAGE (and AVATAR_REFERENCE_IMAGES); without any, identity is not checked.",
    ),
  reference_images: referenceImagesSchema.optional().describe(REFERENCE_IMAGES_HELP),
  orientation: z
    .enum(ORIENTATIONS)
    .optional()
    .describe("The video's orientation, to check the aspect ratio (landscape 16:9, portrait 9:16, square 1:1)."),
});

const faceSchema = z.object({
  box: z
    .object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })
    .describe("In the image's pixels."),
  confidence: z.number(),
  yaw: z.number().describe('Degrees; 0 = facing the camera.'),
  pitch: z.number(),
  roll: z.number(),
  share: z.number().describe("Face height as a share of the image's short side."),
  role: z.enum(['main', 'another person', 'small background face']),
});

const outputSchema = z.object({
  passed: z.boolean().describe('True only for status "pass".'),
  status: z
    .enum(['pass', 'review', 'fail'])
    .describe('pass; review: every check passed but the likeness is unclear — a person looks at the preview; fail.'),
  verdict: z.string(),
  reasons: z.array(z.string()).describe('One sentence per failed check.'),
  review: z.array(z.string()).describe('Why a person should look before using it (status review).'),
  warnings: z.array(z.string()),
  width: z.number(),
  height: z.number(),
  faces: z.array(faceSchema),
  pose: z.object({ yaw: z.number(), pitch: z.number() }).optional(),
  identity: z
    .object({
      similarity: z.number().describe("The combined score: the look against the references' centroid (cosine)."),
      threshold: z.number().describe('The pass line.'),
      review_threshold: z.number().describe('From here up to the pass line: review.'),
      verdict: z.enum(['pass', 'review', 'fail']),
      same_person: z.boolean(),
      references: z.number().int().describe('How many reference photos it was compared with.'),
      per_reference: z.array(z.number()).describe('The look against each reference alone, in their order.'),
      combined: z.string().describe('How the references are combined into one score.'),
      model: z.string().describe('The identity model (see the README for its licence).'),
      pasted: z.boolean().describe('Far closer to a reference than two real photos of one person come.'),
    })
    .optional()
    .describe('Likeness to the reference photos (cosine similarity of face descriptors).'),
  bounds: z.object({
    max_yaw: z.number(),
    max_pitch: z.number(),
    identity_threshold: z.number(),
    review_threshold: z.number(),
    min_face_share: z.number(),
    min_short_side: z.number(),
  }),
  timings_ms: z.object({ model_load: z.number(), image: z.number(), reference: z.number().optional() }),
  next_step: z.string(),
});

export function registerCheckLookImageTool(server: McpServer, services: Services): void {
  server.registerTool(
    CHECK_LOOK_IMAGE,
    {
      title: 'Check look image',
      description: [
        'Step 3: checks a generated look before it is uploaded — offline, free, about half a second (the first call also loads the models, ≈1 s). With look_id instead of image_path it checks a look HeyGen made (its preview), e.g. after add_look with a prompt.',
        "Passes when: exactly one face of meaningful size (small background faces are flagged); facing the camera (front or a natural three-quarter view: within ±35° yaw, ±25° pitch); the same person as the reference photo(s) (calibrated on real photo pairs; give 2–5 photos of the person in reference_images for a surer check); and, with orientation, the aspect ratio of the video, at least 512 px on the short side (HeyGen's minimum; a warning under 1080).",
        'Returns pass, review or fail with one reason per failed check, the faces found with sizes and head pose, and the likeness: the combined score, its lines and the score against each reference. Review means every check passed but the likeness is in the unclear band: a preview is attached; use the image only if a person confirms it is them.',
      ].join('\n\n'),
      inputSchema,
      outputSchema,
      // openWorld: with look_id it reads the look from HeyGen.
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ image_path, look_id, reference_image, reference_images, orientation }, extra) => {
      try {
        // Loaded on the first call: the face models and sharp stay out of the server's cold start.
        const { checkLookImage } = await import('../../flows/check-look.ts');
        const check = await checkLookImage(
          services,
          {
            imagePath: image_path === undefined ? undefined : lookImageFile(services, image_path),
            lookId: look_id,
            referenceImage: reference_image,
            referenceImages: reference_images,
            orientation,
          },
          extra.signal,
        );
        return render(image_path ?? `look ${look_id}`, check, look_id);
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}

function render(imagePath: string, { verdict, bounds, timings_ms, preview }: LookImageCheck, lookId?: string) {
  const next = lookId
    ? lookNext(lookId, verdict.status)
    : verdict.status === 'pass'
      ? `Call upload_to_heygen with image_path "${imagePath}".`
      : verdict.status === 'review'
        ? `Show the person the preview: upload it (upload_to_heygen with image_path "${imagePath}") only if they confirm it is them; otherwise generate again or pick a candidate that passes.`
        : "Do not upload this image: generate the look again (a clear, front-facing pose of one person, in the video's orientation), or pick another candidate that passes.";
  const summary =
    verdict.status === 'pass'
      ? 'PASSED'
      : verdict.status === 'review'
        ? 'REVIEW (the likeness is unclear)'
        : `FAILED (${verdict.reasons.length} check${verdict.reasons.length === 1 ? '' : 's'})`;
  const faces = verdict.faces.map(
    (face) => `${face.role} ${face.box.width}×${face.box.height} px (yaw ${face.yaw}°, pitch ${face.pitch}°)`,
  );
  const { identity } = verdict;
  const likeness = identity
    ? `Likeness: ${identity.similarity} ${identity.references === 1 ? 'to the reference' : `to the ${identity.references} references combined (each: ${identity.per_reference.join(', ')})`}; pass ≥ ${identity.threshold}, review ≥ ${identity.review_threshold}: ${identity.verdict}.`
    : 'Likeness: not measured.';
  const text = [
    `${summary}: ${imagePath} (${verdict.width}×${verdict.height}).`,
    `Faces: ${faces.length === 0 ? 'none' : faces.join('; ')}.`,
    likeness,
    ...verdict.reasons.map((reason) => `- ${reason}`),
    ...verdict.review.map((reason) => `Review: ${reason}`),
    ...verdict.warnings.map((warning) => `Warning: ${warning}`),
    `Next step: ${next}`,
  ];
  const result = success(text.join('\n'), {
    passed: verdict.passed,
    status: verdict.status,
    verdict: summary,
    reasons: verdict.reasons,
    review: verdict.review,
    warnings: verdict.warnings,
    width: verdict.width,
    height: verdict.height,
    faces: verdict.faces,
    ...(verdict.pose ? { pose: verdict.pose } : {}),
    ...(identity ? { identity } : {}),
    bounds,
    timings_ms,
    next_step: next,
  });
  if (preview) result.content.push({ type: 'image', data: preview.toString('base64'), mimeType: 'image/jpeg' });
  return result;
}

/** What to do with a HeyGen look after its check. */
function lookNext(lookId: string, status: 'pass' | 'review' | 'fail'): string {
  if (status === 'pass') return `Look ${lookId} is still the person: use it as Video Agent's avatar_id (create_video).`;
  if (status === 'review')
    return `Show the person the preview: use look ${lookId} only if they confirm it is them; otherwise make another look (add_look with a different prompt, or create_look).`;
  return `Do not use look ${lookId} in a video: it failed the check. Delete it in HeyGen's app, and make another (add_look with a different prompt or base_look_id, or create_look with another provider).`;
}
