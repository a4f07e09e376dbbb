// The contract's schemas reject what HeyGen's published schema rules out: each check shows a valid
// value passing, then the same value with one thing wrong failing on that thing — so that a test
// that passes against the simulator or the client means something.

import assert from 'node:assert/strict';
import type { z } from 'zod';
import {
  ANSWERS,
  avatarCreateRequest,
  avatarLook,
  errorAnswer,
  IDEMPOTENCY_KEY,
  issuesOf,
  routeOf,
  userMeData,
  videoAgentCreateData,
  videoAgentCreateRequest,
  videoAgentGetData,
  videoAgentStopRequest,
} from './heygen-v3.ts';

const look = {
  id: 'look_0123456789abcdef',
  name: 'Cosy knit',
  avatar_type: 'photo_avatar',
  group_id: 'grp_0123456789abcdef',
  status: 'completed',
  image_width: 1024,
  image_height: 768,
  preview_image_url: 'https://files.heygen.example/preview/look.jpg',
  preview_video_url: null,
  preferred_orientation: 'landscape',
  supported_api_engines: ['avatar_iv'],
  tags: [],
  default_voice_id: null,
  gender: null,
};
const group = { id: 'grp_0123456789abcdef', name: 'My avatar', created_at: 1_780_000_000, looks_count: 2 };
const addLookBody = {
  type: 'photo',
  name: 'Cosy knit',
  file: { type: 'asset_id', asset_id: 'ast_0123456789abcdef' },
  avatar_group_id: group.id,
};
const promptLookBody = {
  type: 'prompt',
  name: 'Cosy knit',
  prompt: 'cream knit jumper, warm library',
  avatar_id: 'look_0123456789abcdef',
  avatar_group_id: null,
  reference_images: [{ type: 'asset_id', asset_id: 'ast_0123456789abcdef' }],
};
const user = { username: 'me', email: null, first_name: null, last_name: null };
const session = { session_id: 'sess_1', status: 'thinking', created_at: 1_780_000_000 };

/** `value` passes `schema`, and each variant fails it with an issue at (or naming) the given field. */
function rejects(schema: z.ZodType, value: unknown, variants: [unknown, string][]): void {
  const valid = schema.safeParse(value);
  assert.ok(valid.success, `the valid value must pass: ${issuesOf(valid)}`);
  for (const [variant, field] of variants) {
    const result = schema.safeParse(variant);
    assert.equal(result.success, false, `must be rejected (${field}): ${JSON.stringify(variant)}`);
    const named = result.error?.issues.some(
      (issue) =>
        issue.path.join('.') === field ||
        ('keys' in issue && (issue.keys as string[]).some((key) => [issue.path, key].flat().join('.') === field)),
    );
    assert.ok(named, `rejected for ${field}, not for: ${issuesOf(result)}`);
  }
}

const getLook = ANSWERS['GET /v3/avatars/looks/:id'];
const consentAnswer = ANSWERS['POST /v3/avatars/:id/consent'];

export const schemaRejections: Record<string, () => void> = {
  'a look with created_at (real looks have none)': () =>
    rejects(getLook, { data: look }, [[{ data: { ...look, created_at: 1_780_000_000 } }, 'data.created_at']]),
  "a look whose status is 'ready' (not a published status)": () =>
    rejects(avatarLook, look, [[{ ...look, status: 'ready' }, 'status']]),
  'an add-look body with group_id instead of avatar_group_id': () => {
    const { avatar_group_id, ...rest } = addLookBody;
    rejects(avatarCreateRequest, addLookBody, [[{ ...rest, group_id: avatar_group_id }, 'group_id']]);
  },
  'a consent answer without avatar_group': () =>
    rejects(consentAnswer, { data: { url: null, avatar_group: group } }, [
      [{ data: { url: null } }, 'data.avatar_group'],
    ]),
  'an unpublished field anywhere but the allow-listed request_id beside data': () =>
    rejects(getLook, { data: look, request_id: 'req_1' }, [
      [{ data: look, request_id: 'req_1', trace_id: 't' }, 'trace_id'],
      [{ data: { ...look, request_id: 'req_1' } }, 'data.request_id'],
      [{ data: look, request_id: 42 }, 'request_id'],
    ]),
  'null where the schema does not allow it; wrong types; missing required fields': () => {
    rejects(avatarLook, { ...look, status: null, group_id: null, image_width: null }, [
      [{ ...look, avatar_type: null }, 'avatar_type'],
      [{ ...look, tags: null }, 'tags'],
      [{ ...look, image_width: '1024' }, 'image_width'],
      [{ ...look, image_width: 1024.5 }, 'image_width'],
      [{ ...look, name: undefined }, 'name'],
    ]);
    rejects(videoAgentCreateRequest, { prompt: 'p', avatar_id: null, orientation: null }, [
      [{ prompt: 'p', mode: null }, 'mode'],
      [{ prompt: 'p', incognito_mode: null }, 'incognito_mode'],
      [{ prompt: 'p', orientation: 'square' }, 'orientation'],
      [{ prompt: '' }, 'prompt'],
      [{ avatar_id: 'look_1' }, 'prompt'],
      [{ prompt: 'p', files: [{ type: 'asset_id', id: 'ast_1' }] }, 'files.0.id'],
    ]);
    rejects(userMeData, user, [
      [{ ...user, email: undefined }, 'email'],
      [{ ...user, username: null }, 'username'],
    ]);
  },
  'a stop body with anything in it; an add-look body of an unknown type or without its file': () => {
    rejects(videoAgentStopRequest, {}, [[{ reason: 'user' }, 'reason']]);
    rejects(avatarCreateRequest, addLookBody, [
      [{ ...addLookBody, type: 'photo_avatar' }, 'type'],
      [{ ...addLookBody, file: undefined }, 'file'],
      [{ ...addLookBody, file: { type: 'asset_id', asset_id: 'a', url: 'https://x' } }, 'file.url'],
    ]);
  },
  'a prompt-look body with a file, over 1000 characters, four references or a reference of an unknown type': () => {
    const ref = promptLookBody.reference_images[0];
    rejects(avatarCreateRequest, promptLookBody, [
      [{ ...promptLookBody, file: ref }, 'file'],
      [{ ...promptLookBody, prompt: 'x'.repeat(1001) }, 'prompt'],
      [{ ...promptLookBody, prompt: undefined }, 'prompt'],
      [{ ...promptLookBody, reference_images: [ref, ref, ref, ref] }, 'reference_images'],
      [{ ...promptLookBody, reference_images: [{ type: 'file', path: '/x.jpg' }] }, 'reference_images.0.type'],
    ]);
  },
  "Video Agent statuses outside the published enums (create answers no 'reviewing'; nothing is 'stopped')": () => {
    rejects(videoAgentCreateData, session, [
      [{ ...session, status: 'reviewing' }, 'status'],
      [{ ...session, status: 'waiting_for_input' }, 'status'],
    ]);
    rejects(videoAgentGetData, { ...session, status: 'reviewing', progress: 10 }, [
      [{ ...session, status: 'stopped' }, 'status'],
      [{ ...session, progress: 101 }, 'progress'],
      [{ ...session, messages: [{ role: 'assistant', type: 'text', content: 'hi' }] }, 'messages.0.role'],
    ]);
  },
  'billing: the wallet named by billing_type must be there, and only it': () =>
    rejects(userMeData, { ...user, billing_type: 'wallet', wallet: { currency: 'usd' }, subscription: null }, [
      [{ ...user, billing_type: 'wallet', wallet: null }, 'wallet'],
      [{ ...user, billing_type: 'wallet', wallet: { currency: 'usd' }, usage_based: {} }, 'usage_based'],
    ]),
  'the error envelope: code and message required, nothing unpublished inside': () =>
    rejects(errorAnswer, { error: { code: 'not_found', message: 'Not found', param: 'id', doc_url: 'https://d' } }, [
      [{ error: { code: 'not_found' } }, 'error.message'],
      [{ error: { code: 'not_found', message: 'm', hint: 'h' } }, 'error.hint'],
      [{ error: { code: 'not_found', message: 'm', param: null } }, 'error.param'],
    ]),
  'Idempotency-Key format and route matching': () => {
    assert.match('k:run-1_add.look', IDEMPOTENCY_KEY);
    for (const bad of ['', 'has space', 'ü', 'x'.repeat(256)]) assert.doesNotMatch(bad, IDEMPOTENCY_KEY);
    assert.equal(routeOf('GET', '/v3/avatars/looks'), 'GET /v3/avatars/looks');
    assert.equal(routeOf('GET', '/v3/avatars/grp_1'), 'GET /v3/avatars/:id');
    assert.equal(routeOf('POST', '/v3/video-agents/sess_1/stop'), 'POST /v3/video-agents/:id/stop');
    assert.equal(routeOf('POST', '/v3/video-agents/sess_1/other'), undefined);
  },
};
