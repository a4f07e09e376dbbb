// HeyGen's published v3 API as zod schemas: the reference our client and our HeyGen simulator are
// checked against (heygen-contract.test.ts). Written by hand from the request and response JSON
// schemas HeyGen's CLI embeds in gen/*.go (heygen-com/heygen-cli, generated from HeyGen's OpenAPI
// spec) and its error envelope (internal/errors/api_error.go); see /work/shared/reference/heygen-v3.md.
//
// Rules, so that a wrong name, a wrong type, a missing required field or a null where null is not
// allowed fails:
// - every object is strict: a field the schema does not publish is an error;
// - a field in the published `required` list is required; any other is `.optional()`;
// - `nullable: true` in the schema is `.nullable()`, and nothing else accepts null;
// - enums are the published ones; `integer` is an integer;
// - limits stated only in a field's published description (1–10000 characters, at most 3 / 20 / 40
//   items, 0–100) are kept and say so.
// Unpublished fields are allowed only by name, in SIMULATOR_EXTRAS below.

import { z } from 'zod';

/**
 * The unpublished fields the simulator adds on purpose (so that clients stay tolerant of unknown
 * fields), allowed by name and only where it puts them. src/sandbox/heygen/replies.ts `json()` adds
 * `request_id` beside `data` / `error` in every JSON answer (HeyGen sends the request id in its
 * X-Request-Id header instead). `doc_url` on errors and `tags` on looks are published, not extras.
 */
export const SIMULATOR_EXTRAS = { envelope: ['request_id'] } as const;

const envelopeExtras = { request_id: z.string().optional() } satisfies Record<
  (typeof SIMULATOR_EXTRAS.envelope)[number],
  z.ZodType
>;

/** Not required by the schema, and nullable (`nullable: true`). */
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const int = () => z.number().int();
const str = () => z.string();

// ------------------------------------------------------------------ shared parts

/** AssetInput (oneOf AssetUrl | AssetId | AssetBase64, discriminated by `type`), used by several requests. */
export const assetInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('url'), url: str() }),
  z.strictObject({ type: z.literal('asset_id'), asset_id: str() }),
  z.strictObject({ type: z.literal('base64'), media_type: str(), data: str() }),
]);

/** `status` of groups and looks (AvatarGet, AvatarLooksGet and the others that answer them). */
const lookStatus = z.enum(['processing', 'pending_consent', 'failed', 'completed']);
/** `error` on groups and looks (AvatarGet, AvatarLooksGet, …): "Only present when status is 'failed'". */
const failure = z.strictObject({ code: str(), message: str() });

/** An avatar group, as AvatarGet, AvatarList, AvatarCreate and AvatarConsentCreate answer it. */
export const avatarGroup = z.strictObject({
  id: str(),
  name: str(),
  created_at: int(),
  looks_count: int(),
  consent_status: maybe(str()),
  default_voice_id: maybe(str()),
  error: maybe(failure),
  gender: maybe(str()),
  preview_image_url: maybe(str()),
  preview_video_url: maybe(str()),
  status: maybe(lookStatus),
});

/** A look (avatar item), as AvatarLooksGet, AvatarLooksList and AvatarCreate answer it. No `created_at`. */
export const avatarLook = z.strictObject({
  id: str(),
  name: str(),
  avatar_type: z.enum(['studio_avatar', 'digital_twin', 'photo_avatar']),
  default_voice_id: maybe(str()),
  error: maybe(failure),
  gender: maybe(str()),
  group_id: maybe(str()),
  image_height: maybe(int()),
  image_width: maybe(int()),
  preferred_orientation: maybe(z.enum(['portrait', 'landscape', 'square'])),
  preview_image_url: maybe(str()),
  preview_video_url: maybe(str()),
  /** "Only present for private avatars." */
  status: maybe(lookStatus),
  supported_api_engines: z.array(str()).optional(),
  tags: z.array(str()).optional(),
});

/**
 * Every answer's envelope `{data: …}` (all operations) plus the allowed extras. `data` is not in the
 * published `required` list, but a 2xx without it carries nothing our client can use: required here.
 */
export const answer = <T extends z.ZodType>(data: T) => z.strictObject({ data, ...envelopeExtras });

/** A paged list answer (AssetList, AvatarList, AvatarLooksList): `data` array, `has_more`, `next_token`; only `data` required (as above). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    data: z.array(item),
    has_more: z.boolean().optional(),
    next_token: maybe(str()),
    ...envelopeExtras,
  });

/** Error answers, every route: HeyGen's standard error envelope (heygen-cli internal/errors/api_error.go APIError). */
export const errorAnswer = z.strictObject({
  error: z.strictObject({ code: str(), message: str(), param: str().optional(), doc_url: str().optional() }),
  ...envelopeExtras,
});

// ------------------------------------------------------------------ requests (bodies the client sends)

/** AvatarCreate (POST /v3/avatars), type "photo": CreatePhotoAvatarRequest. */
export const createPhotoAvatarRequest = z.strictObject({
  type: z.literal('photo'),
  name: str(),
  file: assetInput,
  avatar_group_id: maybe(str()),
});

/** AvatarCreate (POST /v3/avatars), type "prompt": CreatePromptAvatarRequest. */
export const createPromptAvatarRequest = z.strictObject({
  type: z.literal('prompt'),
  name: str(),
  /** At most 1000 characters: from HeyGen's docs, not the schema (which states no limit). */
  prompt: str().max(1000),
  avatar_id: maybe(str()),
  avatar_group_id: maybe(str()),
  /** "Max 3" (description). */
  reference_images: maybe(z.array(assetInput).max(3)),
});

/** AvatarCreate (POST /v3/avatars), type "digital_twin": CreateDigitalTwinRequest. */
export const createDigitalTwinRequest = z.strictObject({
  type: z.literal('digital_twin'),
  name: str(),
  file: assetInput,
  avatar_group_id: maybe(str()),
});

/** AvatarCreate (POST /v3/avatars) request: the union discriminated by `type`. */
export const avatarCreateRequest = z.discriminatedUnion('type', [
  createPromptAvatarRequest,
  createDigitalTwinRequest,
  createPhotoAvatarRequest,
]);

/** AvatarConsentCreate (POST /v3/avatars/{group_id}/consent) request. */
export const avatarConsentCreateRequest = z.strictObject({
  consent_text: maybe(str()),
  consent_video: maybe(assetInput),
  reroute_url: maybe(str()),
});

/** VideoAgentCreate (POST /v3/video-agents) request. */
export const videoAgentCreateRequest = z.strictObject({
  /** "1-10000 characters" (description). */
  prompt: str().min(1).max(10_000),
  avatar_id: maybe(str()),
  brand_kit_id: maybe(str()),
  callback_id: maybe(str()),
  callback_url: maybe(str()),
  /** "max 20 files" (description). */
  files: maybe(z.array(assetInput).max(20)),
  incognito_mode: z.boolean().optional(),
  mode: z.enum(['generate', 'chat']).optional(),
  orientation: maybe(z.enum(['landscape', 'portrait'])),
  style_id: maybe(str()),
  voice_id: maybe(str()),
});

/** VideoAgentSend (POST /v3/video-agents/{session_id}) request. */
export const videoAgentSendRequest = z.strictObject({
  message: str(),
  avatar_id: maybe(str()),
  brand_kit_id: maybe(str()),
  files: maybe(z.array(assetInput)),
  voice_id: maybe(str()),
});

/** VideoAgentStop (POST /v3/video-agents/{session_id}/stop) request: "empty — no fields required". */
export const videoAgentStopRequest = z.strictObject({});

/** AssetCreate (POST /v3/assets) request: multipart/form-data with one part, `file` (a file, max 32 MB). */
export const ASSET_CREATE_PARTS = ['file'] as const;

// ------------------------------------------------------------------ answers (`data` of each)

/** AssetCreate (POST /v3/assets) answer. */
export const assetCreateData = z.strictObject({
  asset_id: str(),
  mime_type: str(),
  size_bytes: int(),
  url: str(),
});

/** AssetList (GET /v3/assets) item. */
export const assetListItem = z.strictObject({
  id: str(),
  name: str(),
  owner: str(),
  space_id: str(),
  type: str(),
  uploaded_at: int(),
  folder_id: maybe(str()),
  url: maybe(str()),
});

/** AvatarCreate (POST /v3/avatars) answer: neither field is required, both are nullable. */
export const avatarCreateData = z.strictObject({
  avatar_group: maybe(avatarGroup),
  avatar_item: maybe(avatarLook),
});

/** AvatarLooksDelete (DELETE /v3/avatars/looks/{look_id}) answer. */
export const avatarLooksDeleteData = z.strictObject({ id: str() });

/** AvatarConsentCreate (POST /v3/avatars/{group_id}/consent) answer: `url` "omitted when consent_video was submitted". */
export const avatarConsentCreateData = z.strictObject({
  avatar_group: avatarGroup,
  url: maybe(str()),
});

/** UserMeGet: `subscription.credits.add_on_credits` / `premium_credits`. */
const credits = z.strictObject({ remaining: maybe(int()), resets_at: maybe(str()) });

/**
 * UserMeGet (GET /v3/users/me) answer. `billing_type`: "Exactly one of wallet / subscription /
 * usage_based is populated depending on this value" (description) — checked too.
 */
export const userMeData = z
  .strictObject({
    username: str(),
    email: str().nullable(),
    first_name: str().nullable(),
    last_name: str().nullable(),
    billing_type: maybe(z.enum(['wallet', 'subscription', 'usage_based'])),
    subscription: maybe(
      z.strictObject({
        credits: z.strictObject({ add_on_credits: maybe(credits), premium_credits: maybe(credits) }),
        plan: z.enum(['free', 'starter', 'creator', 'pro', 'team', 'enterprise', 'business_plus']),
      }),
    ),
    usage_based: maybe(
      z.strictObject({
        included_credits: maybe(z.number()),
        remaining_credits: maybe(z.number()),
        spending_cap_usd: maybe(z.number()),
        spending_current_usd: maybe(z.number()),
      }),
    ),
    wallet: maybe(
      z.strictObject({
        auto_reload: maybe(
          z.strictObject({ amount_usd: maybe(z.number()), enabled: z.boolean(), threshold_usd: maybe(z.number()) }),
        ),
        currency: z.enum(['usd', 'credits']),
        remaining_balance: maybe(z.number()),
      }),
    ),
  })
  .superRefine((user, ctx) => {
    if (!user.billing_type) return;
    for (const kind of ['wallet', 'subscription', 'usage_based'] as const) {
      const populated = user[kind] !== null && user[kind] !== undefined;
      if (populated !== (kind === user.billing_type))
        ctx.addIssue({
          code: 'custom',
          path: [kind],
          message: `billing_type ${user.billing_type}: ${kind} must be ${populated ? 'absent or null' : 'populated'}`,
        });
    }
  });

/** VideoAgentCreate (POST /v3/video-agents) answer. */
export const videoAgentCreateData = z.strictObject({
  created_at: int(),
  session_id: str(),
  status: z.enum(['generating', 'thinking', 'completed', 'failed']),
  video_id: maybe(str()),
});

/** One message of VideoAgentGet: role "'user' or 'model'" (description). */
export const videoAgentMessage = z.strictObject({
  content: str(),
  created_at: maybe(int()),
  resource_ids: maybe(z.array(str())),
  role: z.enum(['user', 'model']),
  type: z.enum(['text', 'resource', 'error']),
});

/** VideoAgentGet (GET /v3/video-agents/{session_id}) answer. */
export const videoAgentGetData = z.strictObject({
  created_at: int(),
  session_id: str(),
  status: z.enum(['thinking', 'waiting_for_input', 'reviewing', 'generating', 'completed', 'failed']),
  /** "Most recent visible messages (max 40, newest-first)" (description). */
  messages: z.array(videoAgentMessage).max(40).optional(),
  /** "Progress 0-100" (description). */
  progress: int().min(0).max(100).optional(),
  title: maybe(str()),
  video_id: maybe(str()),
});

/** VideoAgentSend (POST /v3/video-agents/{session_id}) answer. */
export const videoAgentSendData = z.strictObject({ run_id: str(), session_id: str(), title: maybe(str()) });

/** VideoAgentStop (POST /v3/video-agents/{session_id}/stop) answer. */
export const videoAgentStopData = z.strictObject({ session_id: str() });

/** VideoGet (GET /v3/videos/{video_id}) answer. */
export const videoGetData = z.strictObject({
  id: str(),
  status: z.enum(['pending', 'processing', 'completed', 'failed']),
  captioned_video_url: maybe(str()),
  completed_at: maybe(int()),
  created_at: maybe(int()),
  duration: maybe(z.number()),
  failure_code: maybe(str()),
  failure_message: maybe(str()),
  folder_id: maybe(str()),
  gif_url: maybe(str()),
  output_language: maybe(str()),
  subtitle_url: maybe(str()),
  thumbnail_url: maybe(str()),
  title: maybe(str()),
  video_page_url: maybe(str()),
  video_url: maybe(str()),
});

// ------------------------------------------------------------------ by route

/** The v3 calls our client makes or the contract checks, as `METHOD /path` with `:id` for a path parameter. */
export type Route =
  | 'POST /v3/assets'
  | 'GET /v3/assets'
  | 'POST /v3/avatars'
  | 'GET /v3/avatars'
  | 'GET /v3/avatars/:id'
  | 'GET /v3/avatars/looks'
  | 'GET /v3/avatars/looks/:id'
  | 'DELETE /v3/avatars/looks/:id'
  | 'POST /v3/avatars/:id/consent'
  | 'GET /v3/users/me'
  | 'POST /v3/video-agents'
  | 'GET /v3/video-agents/:id'
  | 'POST /v3/video-agents/:id'
  | 'POST /v3/video-agents/:id/stop'
  | 'GET /v3/videos/:id';

/** Each route's path pattern; literal segments before parameters, so `/v3/avatars/looks` is not a group id. */
const PATTERNS: [Route, RegExp][] = [
  ['POST /v3/assets', /^POST \/v3\/assets$/],
  ['GET /v3/assets', /^GET \/v3\/assets$/],
  ['POST /v3/avatars', /^POST \/v3\/avatars$/],
  ['GET /v3/avatars', /^GET \/v3\/avatars$/],
  ['GET /v3/avatars/looks', /^GET \/v3\/avatars\/looks$/],
  ['GET /v3/avatars/looks/:id', /^GET \/v3\/avatars\/looks\/[^/]+$/],
  ['DELETE /v3/avatars/looks/:id', /^DELETE \/v3\/avatars\/looks\/[^/]+$/],
  ['GET /v3/avatars/:id', /^GET \/v3\/avatars\/[^/]+$/],
  ['POST /v3/avatars/:id/consent', /^POST \/v3\/avatars\/[^/]+\/consent$/],
  ['GET /v3/users/me', /^GET \/v3\/users\/me$/],
  ['POST /v3/video-agents', /^POST \/v3\/video-agents$/],
  ['POST /v3/video-agents/:id/stop', /^POST \/v3\/video-agents\/[^/]+\/stop$/],
  ['GET /v3/video-agents/:id', /^GET \/v3\/video-agents\/[^/]+$/],
  ['POST /v3/video-agents/:id', /^POST \/v3\/video-agents\/[^/]+$/],
  ['GET /v3/videos/:id', /^GET \/v3\/videos\/[^/]+$/],
];

/** Which published route a request is; undefined when it is none of them. */
export function routeOf(method: string, path: string): Route | undefined {
  const key = `${method.toUpperCase()} ${path}`;
  return PATTERNS.find(([, pattern]) => pattern.test(key))?.[0];
}

/** The published JSON request body of each route that has one (POST /v3/assets is multipart: ASSET_CREATE_PARTS). */
export const REQUESTS: Partial<Record<Route, z.ZodType>> = {
  'POST /v3/avatars': avatarCreateRequest,
  'POST /v3/avatars/:id/consent': avatarConsentCreateRequest,
  'POST /v3/video-agents': videoAgentCreateRequest,
  'POST /v3/video-agents/:id': videoAgentSendRequest,
  'POST /v3/video-agents/:id/stop': videoAgentStopRequest,
};

/** The published 2xx answer of each route, envelope included. */
export const ANSWERS: Record<Route, z.ZodType> = {
  'POST /v3/assets': answer(assetCreateData),
  'GET /v3/assets': pageOf(assetListItem),
  'POST /v3/avatars': answer(avatarCreateData),
  'GET /v3/avatars': pageOf(avatarGroup),
  'GET /v3/avatars/:id': answer(avatarGroup),
  'GET /v3/avatars/looks': pageOf(avatarLook),
  'GET /v3/avatars/looks/:id': answer(avatarLook),
  'DELETE /v3/avatars/looks/:id': answer(avatarLooksDeleteData),
  'POST /v3/avatars/:id/consent': answer(avatarConsentCreateData),
  'GET /v3/users/me': answer(userMeData),
  'POST /v3/video-agents': answer(videoAgentCreateData),
  'GET /v3/video-agents/:id': answer(videoAgentGetData),
  'POST /v3/video-agents/:id': answer(videoAgentSendData),
  'POST /v3/video-agents/:id/stop': answer(videoAgentStopData),
  'GET /v3/videos/:id': answer(videoGetData),
};

/** HeyGen's Idempotency-Key header: 1–255 characters of [A-Za-z0-9_:.-]. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{1,255}$/;

/** The first few issues of a failed parse, for an assertion message. */
export function issuesOf(result: { success: boolean; error?: z.ZodError }): string {
  if (result.success || !result.error) return '';
  return result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
