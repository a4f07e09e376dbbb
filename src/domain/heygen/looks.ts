// Looks (GET /v3/avatars/looks/{id}, GET /v3/avatars/looks, POST /v3/avatars): reading one,
// listing a group's, adding one to an existing group without ever adding it twice, and when a
// look is ready.

import type { CallOptions, HeyGenClient } from './client.ts';
import { HeyGenError } from './errors.ts';
import { addedLook, data, look, page, type Look } from './schemas.ts';

export async function getLook(
  client: HeyGenClient,
  lookId: string,
  signal: AbortSignal,
  options: CallOptions = {},
): Promise<Look> {
  return (await client.get(`/v3/avatars/looks/${encodeURIComponent(lookId)}`, data(look), signal, {}, options)).data;
}

/** One page of a group's private photo looks (all groups' without a group id). */
export function listLooks(
  client: HeyGenClient,
  query: { groupId?: string | undefined; limit: number; token?: string | undefined },
  signal: AbortSignal,
) {
  return client.get('/v3/avatars/looks', page(look), signal, {
    group_id: query.groupId,
    avatar_type: 'photo_avatar',
    ownership: 'private',
    limit: query.limit,
    token: query.token,
  });
}

export type AddLookOutcome =
  | { look: Look; recovered: boolean }
  /** The add may have happened, but its look could not be identified: the user must check. */
  | { unresolved: HeyGenError; several: boolean };

/**
 * POST /v3/avatars into an existing group, with an idempotency key (HeyGen replays the first
 * answer to a repeat of the key for 24 h, so a lost answer is asked for again, not paid for
 * again). If the answer is still lost — or comes without its look — the look may exist: the one
 * look of this name that was not in the group before is taken as ours; none or several, and the
 * caller is told to check instead of adding again.
 */
export async function addLookOnce(
  client: HeyGenClient,
  request: {
    assetId: string;
    name: string;
    groupId: string;
    idempotencyKey: string;
    /** Known looks of this name (e.g. none: a name with a run id); saves listing the group first. */
    baseline?: Set<string>;
    /** The look an earlier call with this key made, if known: HeyGen's replay names no other. */
    madeBefore?: string | undefined;
  },
  signal: AbortSignal,
): Promise<AddLookOutcome> {
  const { assetId, name, groupId } = request;
  // The looks of this name before we add; without this list, recovery is not attempted.
  const before = request.baseline ?? (await lookIdsNamed(client, groupId, name, signal).catch(() => undefined));
  let lost: HeyGenError;
  try {
    const body = { type: 'photo', name, file: { type: 'asset_id', asset_id: assetId }, avatar_group_id: groupId };
    const idempotency = { key: request.idempotencyKey, honoured: true };
    const answer = await client.post('/v3/avatars', data(addedLook), { json: body }, signal, { idempotency });
    if (answer.data.avatar_item) return { look: answer.data.avatar_item, recovered: false };
    // avatar_item is nullable: a 2xx without it still made (and billed) the look.
    lost = new HeyGenError({
      status: 200,
      code: 'no_avatar_item',
      said: 'the look was made, but the answer did not say which it is',
      maybeProcessed: true,
    });
  } catch (error) {
    if (!(error instanceof HeyGenError) || !error.maybeProcessed || error.code === 'cancelled') throw error;
    lost = error;
  }
  if (request.madeBefore) {
    // This key's look is known: a replay (or a lost answer) of the same add made no other.
    const earlier = await getLook(client, request.madeBefore, signal).catch(() => undefined);
    if (earlier) return { look: earlier, recovered: true };
  }
  const found = before ? await findNewLook(client, groupId, name, before, signal) : { look: undefined, several: false };
  return found.look ? { look: found.look, recovered: true } : { unresolved: lost, several: found.several };
}

/** How long after it was added a look's 404 still means "not visible yet" rather than "gone". */
export const INVISIBLE_GRACE_MS = 120_000;

/** HeyGen's JSON 404 for a look it does not show (yet, or any more). */
export function isLookNotFound(error: unknown): boolean {
  return (
    error instanceof HeyGenError &&
    error.status === 404 &&
    /^(avatar_not_found|not_found|resource_not_found)$/.test(error.code)
  );
}

/**
 * Ready for Video Agent: completed (or, for a look without a status — HeyGen gives one only for
 * private avatars — simply finished), with a preview image and real dimensions.
 */
export function isLookReady(current: Look | undefined): boolean {
  return (
    !!current &&
    (current.status === 'completed' || current.status === null || current.status === undefined) &&
    !!current.preview_image_url &&
    (current.image_width ?? 0) > 0 &&
    (current.image_height ?? 0) > 0
  );
}

async function looksNamed(client: HeyGenClient, groupId: string, name: string, signal: AbortSignal): Promise<Look[]> {
  return looksMatching(client, groupId, (item) => item.name === name, signal);
}

/** The group's photo looks that match, over every page (at most 1000 looks). */
export async function looksMatching(
  client: HeyGenClient,
  groupId: string,
  match: (look: Look) => boolean,
  signal: AbortSignal,
): Promise<Look[]> {
  const matches: Look[] = [];
  let token: string | undefined;
  for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
    const answer = await listLooks(client, { groupId, limit: 50, token }, signal);
    matches.push(...answer.data.filter(match));
    if (!answer.has_more || !answer.next_token) break;
    token = answer.next_token;
  }
  return matches;
}

async function lookIdsNamed(
  client: HeyGenClient,
  groupId: string,
  name: string,
  signal: AbortSignal,
): Promise<Set<string>> {
  return new Set((await looksNamed(client, groupId, name, signal)).map((item) => item.id));
}

/** The one look of this name that was not there before; a new look can take seconds to appear. */
async function findNewLook(
  client: HeyGenClient,
  groupId: string,
  name: string,
  before: Set<string>,
  signal: AbortSignal,
): Promise<{ look: Look | undefined; several: boolean }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2_000));
    const fresh = (await looksNamed(client, groupId, name, signal).catch(() => [])).filter(
      (item) => !before.has(item.id),
    );
    if (fresh.length === 1) return { look: fresh[0], several: false };
    if (fresh.length > 1) return { look: undefined, several: true };
  }
  return { look: undefined, several: false };
}
