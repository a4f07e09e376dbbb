// check_look_image: is the generated look still the same person, alone, facing the camera, and
// framed for the video? Measured offline, in well under a second, before anything is uploaded.

import { isAbsolute } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ORIENTATIONS } from '../../domain/prompt/template.ts';
import type { ToolContext } from '../registry.ts';
import { errorResult, failure, success } from '../render.ts';

export const CHECK_LOOK_IMAGE = 'check_look_image';

const inputSchema = z.object({
  image_path: z
    .string()
    .min(1)
    .max(4096)
    .describe('Absolute path of the look image, e.g. images[].path from generate_look_image.'),
  reference_image: z
    .string()
    .max(30_000_000)
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

export function registerCheckLookImageTool(server: McpServer, context: ToolContext): void {
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
      if (!isAbsolute(image_path))
        return failure(
          `"${image_path}" is not an absolute path.`,
          'Pass the absolute path generate_look_image returned (images[].path).',
        );
      try {
        const [
          { readFile },
          { sniffImage },
          { faceEngine, PIXEL_LIMIT },
          { judge, FACE_RULES },
          { loadReference },
          { MIN_SHORT_SIDE },
        ] = await Promise.all([
          import('node:fs/promises'),
          import('../../core/media.ts'),
          import('../../domain/faces/engine.ts'),
          import('../../domain/faces/judge.ts'),
          import('../../domain/images/reference.ts'),
          import('../../domain/heygen/assets.ts'),
        ]);
        const { stat } = await import('node:fs/promises');
        const info = await stat(image_path).catch((error: NodeJS.ErrnoException) => error);
        if (info instanceof Error) {
          return info.code === 'ENOENT'
            ? failure(
                `There is no file at ${image_path}.`,
                'Check the path; generate_look_image returns it as images[].path.',
              )
            : failure(
                `${image_path} cannot be read (${info.code ?? info.message}).`,
                "Check the file's permissions, or pass another path.",
              );
        }
        if (!info.isFile()) return failure(`${image_path} is not a file.`, 'Pass the path of the image file itself.');
        if (info.size > 50 * 1024 * 1024)
          return failure(
            `${image_path} is ${(info.size / 1024 / 1024).toFixed(0)} MB: too large for a look image.`,
            'Pass the image generate_look_image made (a few MB).',
          );
        const bytes = await readFile(image_path);
        const sniffed = sniffImage(bytes);
        if (sniffed.kind !== 'image')
          return failure(
            `${image_path} is ${sniffed.description}, not a PNG, JPEG or WebP image.`,
            'Pass the image file generate_look_image made.',
          );
        const referenceSource = reference_image ?? context.config.referenceImage;
        const reference = referenceSource
          ? await loadReference(referenceSource, {
              allowPrivateUrls: context.config.allowPrivateUrls,
              signal: extra.signal,
            })
          : undefined;

        const loadStarted = performance.now();
        const engine = await faceEngine();
        const modelLoad = Math.round(performance.now() - loadStarted);
        let image;
        try {
          image = await engine.analyze(bytes);
        } catch (error) {
          const message = (error as Error).message;
          if (/pixel limit/i.test(message))
            return failure(
              `${image_path} has more than ${PIXEL_LIMIT / 1_000_000} million pixels: too large to check.`,
              'Pass the image at its generated size (4K at most).',
            );
          return failure(
            `${image_path} could not be decoded as an image (${message}); it may be truncated or corrupt.`,
            'Generate the image again, or pass another file.',
          );
        }
        const theirs = reference ? await engine.analyze(reference.bytes) : undefined;
        if (theirs && theirs.faces.length === 0) {
          return failure(
            `No face was found in the reference photo (${reference?.source}), so the likeness cannot be checked.`,
            'Pass a clear, front-facing photo of the person as reference_image (or set AVATAR_REFERENCE_IMAGE to one).',
          );
        }
        const verdict = judge(image, theirs, { orientation, framing: true });
        const next = verdict.passed
          ? context.nextToolAfterCheck
            ? `Call ${context.nextToolAfterCheck} with image_path "${image_path}".`
            : 'Upload the image to HeyGen as a new look.'
          : "Do not upload this image: generate the look again (a clear, front-facing pose of one person, in the video's orientation), or pick another candidate that passes.";
        const summary = verdict.passed
          ? 'PASSED'
          : `FAILED (${verdict.reasons.length} check${verdict.reasons.length === 1 ? '' : 's'})`;
        const lines = [
          `${summary}: ${image_path} (${image.width}×${image.height}).`,
          `Faces: ${verdict.faces.length === 0 ? 'none' : verdict.faces.map((face) => `${face.role} ${face.box.width}×${face.box.height} px (yaw ${face.yaw}°, pitch ${face.pitch}°)`).join('; ')}.`,
          verdict.identity
            ? `Likeness to the reference: ${verdict.identity.similarity} (threshold ${verdict.identity.threshold}; ${verdict.identity.same_person ? 'the same person' : 'NOT the same person'}).`
            : 'Likeness: not measured.',
          ...verdict.reasons.map((reason) => `- ${reason}`),
          ...verdict.warnings.map((warning) => `Warning: ${warning}`),
          `Next step: ${next}`,
        ];
        return success(lines.join('\n'), {
          passed: verdict.passed,
          verdict: summary,
          reasons: verdict.reasons,
          warnings: verdict.warnings,
          width: verdict.width,
          height: verdict.height,
          faces: verdict.faces,
          ...(verdict.pose ? { pose: verdict.pose } : {}),
          ...(verdict.identity ? { identity: verdict.identity } : {}),
          bounds: {
            max_yaw: FACE_RULES.maxYaw,
            max_pitch: FACE_RULES.maxPitch,
            identity_threshold: Math.round((1 - FACE_RULES.maxDistance) * 1000) / 1000,
            min_face_share: FACE_RULES.minFaceShare,
            min_short_side: MIN_SHORT_SIDE,
          },
          timings_ms: { model_load: modelLoad, image: image.ms, ...(theirs ? { reference: theirs.ms } : {}) },
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, context.secrets, context.logger);
      }
    },
  );
}
