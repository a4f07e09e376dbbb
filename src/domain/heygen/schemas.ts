// HeyGen v3 answers, parsed at the boundary, as HeyGen's published v3 schema has them (the one its
// CLI is generated from): nullable where it says nullable. Unknown fields are ignored (zod's
// default), and enums are open: HeyGen adds statuses without notice.

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
  /** processing | pending_consent | failed | completed; absent or null for public (stock) looks. */
  status: z.string().nullish(),
  image_width: z.number().nullish(),
  image_height: z.number().nullish(),
  preview_image_url: z.string().nullish(),
  preferred_orientation: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
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

/** POST /v3/avatars: `avatar_item` is nullable — a look can be made (and billed) without its item in the answer. */
export const addedLook = z.object({ avatar_item: look.nullish(), avatar_group: group.nullish() });

/** POST /v3/avatars/{group_id}/consent: `url` is nullable (omitted when a consent video was submitted). */
export const consent = z.object({ url: z.string().nullish(), avatar_group: group.nullish() });

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
  title: z.string().nullish(),
  /** Newest first; a failed session says why in a message of type "error". */
  messages: z
    .array(
      z.object({
        role: z.string().nullish(),
        content: z.string().nullish(),
        type: z.string().nullish(),
        created_at: z.number().nullish(),
        resource_ids: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});
export type Session = z.infer<typeof session>;

export const sentMessage = z.object({
  session_id: z.string(),
  run_id: z.string().nullish(),
  title: z.string().nullish(),
});
export const stoppedSession = z.object({ session_id: z.string() });

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
