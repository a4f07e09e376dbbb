// HeyGen v3 answers, parsed at the boundary. Unknown fields are ignored (zod's default), and
// enums are open: HeyGen adds statuses without notice.

import { z } from 'zod';

export const errorEnvelope = z.object({
  error: z.object({ code: z.string().default('error'), message: z.string().default(''), param: z.string().nullish() }),
});

export const asset = z.object({
  asset_id: z.string(),
  url: z.string().nullish(),
  mime_type: z.string().nullish(),
  size_bytes: z.number().nullish(),
});

export const look = z.object({
  id: z.string(),
  name: z.string().nullish(),
  group_id: z.string().nullish(),
  avatar_type: z.string().nullish(),
  status: z.string().default('processing'),
  image_width: z.number().nullish(),
  image_height: z.number().nullish(),
  preview_image_url: z.string().nullish(),
  preferred_orientation: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  created_at: z.number().nullish(),
});
export type Look = z.infer<typeof look>;

export const group = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  looks_count: z.number().nullish(),
  consent_status: z.string().nullish(),
  preview_image_url: z.string().nullish(),
});
export type Group = z.infer<typeof group>;

export const addedLook = z.object({ avatar_item: look, avatar_group: group.nullish() });

// The reference says only that it "returns a URL": accept either name.
export const consent = z
  .object({ url: z.string().optional(), consent_url: z.string().optional() })
  .refine((value) => value.url !== undefined || value.consent_url !== undefined, { message: 'no consent URL' })
  .transform((value) => ({ url: (value.url ?? value.consent_url) as string }));

export const account = z.object({
  username: z.string().nullish(),
  email: z.string().nullish(),
  billing_type: z.string().nullish(),
  wallet: z.object({ remaining_balance: z.number().nullish(), currency: z.string().nullish() }).nullish(),
  subscription: z
    .object({
      credits: z.object({ premium_credits: z.object({ remaining: z.number().nullish() }).nullish() }).nullish(),
    })
    .nullish(),
  usage_based: z.object({ remaining_credits: z.number().nullish() }).nullish(),
});

export const data = <T extends z.ZodType>(inner: T) => z.object({ data: inner });
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean().default(false), next_token: z.string().nullish() });

// Video Agent (POST /v3/video-agents, GET /v3/video-agents/{id}) and videos (GET /v3/videos/{id}).
export const startedSession = z.object({
  session_id: z.string(),
  status: z.string().default('thinking'),
  video_id: z.string().nullish(),
  created_at: z.number().nullish(),
});

export const session = z.object({
  session_id: z.string(),
  status: z.string(),
  progress: z.number().nullish(),
  video_id: z.string().nullish(),
  created_at: z.number().nullish(),
  messages: z.array(z.object({ role: z.string().nullish(), content: z.string().nullish() })).nullish(),
});
export type Session = z.infer<typeof session>;

export const video = z.object({
  id: z.string(),
  status: z.string(),
  video_url: z.string().nullish(),
  thumbnail_url: z.string().nullish(),
  gif_url: z.string().nullish(),
  captioned_video_url: z.string().nullish(),
  subtitle_url: z.string().nullish(),
  duration: z.number().nullish(),
  created_at: z.number().nullish(),
  completed_at: z.number().nullish(),
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
  video_page_url: z.string().nullish(),
});
export type Video = z.infer<typeof video>;
