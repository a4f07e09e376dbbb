// check_look_image: is the generated look still the same person, alone, facing the camera, and
// framed for the video? Measured offline, in well under a second, before anything is uploaded.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ORIENTATIONS } from '../../core/types.ts';
import type { LookImageCheck } from '../../flows/check-look.ts';
import type { Services } from '../../flows/deps.ts';
import { lookImageFile, lookImagePathSchema, referenceImageSchema } from '../fields.ts';
import { errorResult, success } from '../render.ts';

export const CHECK_LOOK_IMAGE = 'check_look_image';

const inputSchema = z.object({
  image_path: lookImagePathSchema.describe(
    'The look image: images[].path from generate_look_image, an absolute path or its avatar-looks://runs/… URI.',
  ),
  reference_image: referenceImageSchema
    .optional()
    .describe(
      "The person's face photo to compare with: absolute path, file://, https:// or data: URL. Default: AVATAR_REFERENCE_IMAGE; without any, identity is not checked.",
    ),
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
  passed: z.boolean(),
  verdict: z.string(),
  reasons: z.array(z.string()).describe('One sentence per failed check.'),
  warnings: z.array(z.string()),
  width: z.number(),
  height: z.number(),
  faces: z.array(faceSchema),
  pose: z.object({ yaw: z.number(), pitch: z.number() }).optional(),
  identity: z
    .object({ distance: z.number(), similarity: z.number(), threshold: z.number(), same_person: z.boolean() })
    .optional()
    .describe('Likeness to the reference (1 − face distance); the same person when similarity ≥ threshold.'),
  bounds: z.object({
    max_yaw: z.number(),
    max_pitch: z.number(),
    identity_threshold: z.number(),
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
        'Step 3: checks a generated look before it is uploaded — offline, free, about half a second (the first call also loads the models, ≈1 s).',
        "Passes when: exactly one face of meaningful size (small background faces are flagged); facing the camera (front or a natural three-quarter view: within ±35° yaw, ±25° pitch); the same person as the reference photo (likeness ≥ 0.55, calibrated); and, with orientation, the aspect ratio of the video, at least 512 px on the short side (HeyGen's minimum; a warning under 1080).",
        'Returns the verdict with one reason per failed check, the faces found with sizes and head pose, and the likeness score with its threshold.',
      ].join('\n\n'),
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ image_path, reference_image, orientation }, extra) => {
      try {
        // Loaded on the first call: the face models and sharp stay out of the server's cold start.
        const { checkLookImage } = await import('../../flows/check-look.ts');
        const check = await checkLookImage(
          services,
          { imagePath: lookImageFile(services, image_path), referenceImage: reference_image, orientation },
          extra.signal,
        );
        return render(image_path, check);
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}

function render(imagePath: string, { verdict, bounds, timings_ms }: LookImageCheck) {
  const next = verdict.passed
    ? `Call upload_to_heygen with image_path "${imagePath}".`
    : "Do not upload this image: generate the look again (a clear, front-facing pose of one person, in the video's orientation), or pick another candidate that passes.";
  const summary = verdict.passed
    ? 'PASSED'
    : `FAILED (${verdict.reasons.length} check${verdict.reasons.length === 1 ? '' : 's'})`;
  const faces = verdict.faces.map(
    (face) => `${face.role} ${face.box.width}×${face.box.height} px (yaw ${face.yaw}°, pitch ${face.pitch}°)`,
  );
  const { identity } = verdict;
  const text = [
    `${summary}: ${imagePath} (${verdict.width}×${verdict.height}).`,
    `Faces: ${faces.length === 0 ? 'none' : faces.join('; ')}.`,
    identity
      ? `Likeness to the reference: ${identity.similarity} (threshold ${identity.threshold}; ${identity.same_person ? 'the same person' : 'NOT the same person'}).`
      : 'Likeness: not measured.',
    ...verdict.reasons.map((reason) => `- ${reason}`),
    ...verdict.warnings.map((warning) => `Warning: ${warning}`),
    `Next step: ${next}`,
  ];
  return success(text.join('\n'), {
    passed: verdict.passed,
    verdict: summary,
    reasons: verdict.reasons,
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
}
