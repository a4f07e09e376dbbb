// The input fields several tools share, each described once: the look fields (build_look_prompt
// and create_look), the reference photo, the avatar group, the idempotency key, the wait.

import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { ORIENTATIONS } from '../core/types.ts';
import { DIRECTION_EXAMPLES } from '../domain/prompt/direction.ts';
import { ANGLES } from '../domain/prompt/template.ts';
import type { Services } from '../flows/deps.ts';

/** Hosts cut calls at about 60 s: no tool waits longer than this before answering "running". */
export const MAX_WAIT_SECONDS = 50;

export const waitSecondsSchema = z
  .number()
  .min(0)
  .max(MAX_WAIT_SECONDS)
  .default(40)
  .describe(
    'How long to wait for the result before returning a job_id to poll with get_job (0–50 s, default 40; hosts cut calls at ~60 s).',
  );

/** A look image on the server: an absolute path, or the resource URI of a run's file (as HTTP results give it). */
export const lookImagePathSchema = z.string().min(1).max(4096);

const RUN_FILE_URI = /^avatar-looks:\/\/runs\/([^/]+)\/([^/]+)$/;

/** The file on disk an image path names: itself, or the file of a run its URI names. */
export function lookImageFile(services: Services, imagePath: string): string {
  const match = RUN_FILE_URI.exec(imagePath);
  if (!match) return imagePath;
  const path = services.runs.filePath(match[1]!, match[2]!);
  if (!path)
    throw new UserError(
      'bad_request',
      `${imagePath} is not a file of a run.`,
      'Pass the URI (or path) a tool returned, e.g. images[].path from generate_look_image; list_runs shows the runs.',
      { final: true },
    );
  return path;
}

/** A reference photo of the person: path, file://, https:// or data: URL. */
export const referenceImageSchema = z.string().max(30_000_000);

/** 1–5 photos of the one person: more evidence for the image model and for the face check. */
export const referenceImagesSchema = z.array(referenceImageSchema).min(1).max(5);

export const REFERENCE_IMAGES_HELP =
  'Several photos of the same person (1–5, each one face, facing the camera; different days and light help), in the same forms as reference_image. All are sent to providers that take several (Gemini, GPT Image, FLUX), and the face check compares each image with every one of them. A mix of people is refused, naming the photo that differs. With reference_image too, that one comes first. Default: AVATAR_REFERENCE_IMAGE and AVATAR_REFERENCE_IMAGES.';

export const groupIdSchema = z.string().regex(/^[\w-]{1,100}$/);

/** A video's id or slug: the idempotency key of create_look and create_video. */
export const keySchema = z
  .string()
  .trim()
  .regex(/^[\w.:@#/+-]{1,120}$/, "use letters, digits and . _ - : @ # / + (up to 120), e.g. the video's id or slug");

/** A HeyGen id (look, session, video). */
export const heygenIdSchema = z.string().regex(/^[\w-]{1,200}$/);

export const directionExamples = DIRECTION_EXAMPLES.map((example) => `${example.topic} → ${example.look}`).join('; ');

/** The look fields, shared with create_look. */
export const lookFieldsShape = {
  topic: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe(
      'What the video is about, e.g. "sleep science" or "Apple\'s new chip announcement". Required unless you pass ' +
        'a ready prompt. Fields you leave out get a direction that fits the topic.',
    ),
  orientation: z
    .enum(ORIENTATIONS)
    .default('landscape')
    .describe(
      "The video's shape: landscape (16:9, the default), portrait (9:16, for Shorts/Reels/TikTok) or square (1:1). " +
        "Generate in the video's orientation; square studio looks render badly in Video Agent.",
    ),
  angle: z
    .enum(ANGLES)
    .optional()
    .describe(
      '"front" (facing the camera, the default) or "three-quarter" (a natural 3/4 angle toward the camera). Never a profile.',
    ),
  expression: z
    .string()
    .max(300)
    .optional()
    .describe(
      'A genuine expression caught mid-moment, not posed: "half-smile mid-sentence", "amused, one eyebrow up". ' +
        'Default: "genuine relaxed smile, not posed".',
    ),
  wardrobe: z
    .string()
    .max(600)
    .optional()
    .describe(
      'Everyday clothes that evoke the topic: fabric, colour, fit, one or two accessories ("oversized oatmeal ' +
        'cable-knit sweater, cuffs stretched"). Grounded, never a costume. Clothes only: never hair, face or body.',
    ),
  environment: z
    .string()
    .max(800)
    .optional()
    .describe(
      'One specific, lived-in set that makes the topic unmistakable, with props, brand logos and set details. ' +
        `Be a music-video director, not a corporate photographer. Examples: ${directionExamples}.`,
    ),
  lighting: z
    .string()
    .max(300)
    .optional()
    .describe(
      'One natural light with a direction and a colour temperature: "morning light through sheer curtains from the ' +
        'left, warm 3800K". "slight shadows under chin" is added for you.',
    ),
  details: z
    .string()
    .max(400)
    .optional()
    .describe(
      'Two or three messy real-world details that make it a photo, not a render: "rumpled duvet, a half-finished mug of tea".',
    ),
  props: z
    .union([z.array(z.string().trim().min(1).max(200)).max(12), z.string().max(1200)])
    .optional()
    .describe(
      'Optional objects tied to the topic, added to the environment line: ["a stack of sleep-science books", "an amber lamp"] (a comma-separated string works too).',
    ),
  prompt: z
    .string()
    .max(4000)
    .optional()
    .describe(
      'A prompt you wrote yourself, instead of the fields above: it gets the same appearance check and you are told ' +
        'which of the twelve rules it misses, with the line that fixes each (and suggested_prompt with fixed lines added).',
    ),
};

/** Paging of HeyGen's lists. */
export const pageLimitSchema = z.number().int().min(1).max(50).default(20).describe('How many per page (1–50).');
export const pageTokenSchema = z.string().max(500).optional().describe('next_token from the previous page.');

/** The annotations of a tool that only reads from HeyGen. */
export const READS_HEYGEN = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;

/** An item with its null and absent fields left out (structuredContent carries no nulls). */
export const compact = <T extends Record<string, unknown>>(item: T) =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]: NonNullable<T[K]>;
  };
