// The HeyGen steps as single calls (upload_to_heygen, add_look, the discovery tools): checks first,
// then one HeyGen call; "never twice" is the domain's (addLookOnce) and the client's (no blind
// retry of a POST).

import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { getAccount, listGroups, requestConsent } from '../domain/heygen/account.ts';
import { prepareUpload, uploadAsset, uploadTooLarge } from '../domain/heygen/assets.ts';
import { MAX_UPLOAD_BYTES } from '../domain/heygen/framing.ts';
import { createExclusive } from '../core/files.ts';
import { idempotencyKey, REPLAY_WINDOW_MS } from '../domain/heygen/idempotency.ts';
import { HeyGenError } from '../domain/heygen/errors.ts';
import { addLookOnce, listLooks } from '../domain/heygen/looks.ts';
import type { Look } from '../domain/heygen/schemas.ts';
import type { Services } from './deps.ts';
import type { PromptLookAdded } from './prompt-looks.ts';

/** The avatar group a call means: its own, else HEYGEN_AVATAR_GROUP_ID; never one made up. */
export function groupOf(services: Services, groupId: string | undefined): string {
  const chosen = groupId ?? services.config.heygen.groupId;
  if (!chosen) {
    throw new UserError(
      'no_group',
      "No avatar group: pass group_id, or set HEYGEN_AVATAR_GROUP_ID in the server's environment. This server never creates a group (a look belongs with the person's existing avatar).",
      "Call list_avatar_groups to find the person's group id.",
    );
  }
  return chosen;
}

/** A 404 from HeyGen, told in terms of what the call was about. */
export function onNotFound(hint: string): (error: unknown) => never {
  return (error) => {
    throw error instanceof HeyGenError ? error.withNotFound(hint) : error;
  };
}

export interface Uploaded {
  file: { path: string; mime: 'image/png' | 'image/jpeg'; size: number; width: number; height: number };
  asset: {
    asset_id: string;
    url?: string | null | undefined;
    mime_type?: string | null | undefined;
    size_bytes?: number | null | undefined;
  };
}

/**
 * upload_to_heygen: the file (read only inside the allowed folders, at most 32 MB), checked on its
 * bytes; a WebP becomes a PNG in a run folder of the home (never beside the input); the checked
 * bytes are what is sent.
 */
export async function uploadImage(services: Services, imagePath: string, signal: AbortSignal): Promise<Uploaded> {
  const name = basename(imagePath);
  const { bytes, realPath } = await services.files.read(imagePath, {
    what: 'The image',
    maxBytes: MAX_UPLOAD_BYTES,
    tooLarge: (size) => uploadTooLarge(name, size),
    missing: 'Check the path; generate_look_image returns it as images[].path.',
  });
  const image = await prepareUpload(bytes, name);
  let path = realPath;
  if (image.converted) {
    const folder = await services.runs.create(`upload ${name}`);
    path = join(folder.dir, image.name);
    await createExclusive(path, image.bytes);
  }
  const file = { path, mime: image.mime, size: image.bytes.length, width: image.width, height: image.height };
  const client = await services.heygen();
  try {
    return { file, asset: await uploadAsset(client, image, signal, services.config.heygen.timeoutMs) };
  } catch (error) {
    if (!(error instanceof HeyGenError) || !error.maybeProcessed) throw error;
    const cancelled = error.code === 'cancelled';
    throw new UserError(
      'upload_unresolved',
      `${cancelled ? 'The upload was cancelled after the image was sent' : `${error.message} The image had already been sent`}, so HeyGen may have stored it (no asset_id came back).`,
      'Uploading again makes a second asset of the same image: call upload_to_heygen once more only if you need the asset_id.',
    );
  }
}

export interface Added {
  look: Look;
  groupId: string;
  /** True when HeyGen's answer was lost and the look was found in the group instead of adding it again. */
  recovered: boolean;
}

export async function addLook(
  services: Services,
  request: { assetId: string; name: string; groupId?: string | undefined },
  signal: AbortSignal,
): Promise<Added> {
  const groupId = groupOf(services, request.groupId);
  const client = await services.heygen();
  // The same asset, name and group within 24 h is the same look: HeyGen replays it, nothing is paid twice.
  const key = idempotencyKey(
    'add_look',
    createHash('sha256').update(`${request.assetId}\u0000${groupId}\u0000${request.name}`).digest('hex').slice(0, 32),
  );
  const known = await services.addLookKeys.get(key);
  const madeBefore = known && Date.now() - Date.parse(known.created_at) < REPLAY_WINDOW_MS ? known.look_id : undefined;
  const outcome = await addLookOnce(
    client,
    { assetId: request.assetId, name: request.name, groupId, idempotencyKey: key, madeBefore },
    signal,
  ).catch(
    onNotFound(
      `The avatar group "${groupId}" does not exist (or the asset is unknown): call list_avatar_groups for the right group id.`,
    ),
  );
  if ('unresolved' in outcome) {
    throw new UserError(
      'add_unresolved',
      `${outcome.unresolved.message} HeyGen may still have created the look${outcome.several ? ' (several new looks of this name appeared, so none was picked)' : ', but it is not in the group yet'}.`,
      `Call add_look again with the same asset_id, name and group_id within 24 h: HeyGen answers a repeat with the look it made, if it made one (nothing is added twice). Or look for "${request.name}" with list_looks (group_id "${groupId}").`,
    );
  }
  services.lookCreatedAt.set(outcome.look.id, Date.now());
  if (!madeBefore) {
    const now = new Date().toISOString();
    await services.addLookKeys.put({ key, look_id: outcome.look.id, group_id: groupId, created_at: now }).catch(() => {
      // Only a convenience for a replay without its look: the look is made either way.
    });
  }
  return { look: outcome.look, groupId, recovered: outcome.recovered };
}

/** add_look: an uploaded asset as a photo look, or a prompt HeyGen makes a look from — one of the two. */
export async function addAnyLook(
  services: Services,
  request: {
    assetId?: string | undefined;
    prompt?: string | undefined;
    baseLookId?: string | undefined;
    referenceImages?: string[] | undefined;
    name: string;
    groupId?: string | undefined;
  },
  signal: AbortSignal,
): Promise<Added | PromptLookAdded> {
  const { assetId, prompt } = request;
  if ((assetId === undefined) === (prompt === undefined)) {
    throw new UserError(
      'bad_request',
      assetId ? 'Give asset_id or prompt, not both.' : 'add_look needs asset_id (a photo look) or prompt.',
      'Pass asset_id from upload_to_heygen to add that image, or prompt to have HeyGen make the look from a base look of the group.',
    );
  }
  if (assetId !== undefined)
    return addLook(services, { assetId, name: request.name, groupId: request.groupId }, signal);
  // Loaded on the first prompt look: the reference loader (sharp) stays out of the server's cold start.
  const { addLookFromPrompt } = await import('./prompt-looks.ts');
  return addLookFromPrompt(
    services,
    { ...request, prompt: prompt as string, groupId: groupOf(services, request.groupId) },
    signal,
  );
}

export async function avatarGroups(
  services: Services,
  page: { limit: number; token?: string | undefined },
  signal: AbortSignal,
) {
  return listGroups(await services.heygen(), page, signal);
}

export async function groupLooks(
  services: Services,
  query: { groupId?: string | undefined; limit: number; token?: string | undefined },
  signal: AbortSignal,
) {
  const groupId = query.groupId ?? services.config.heygen.groupId;
  const answer = await listLooks(await services.heygen(), { ...query, groupId }, signal).catch(
    onNotFound(`There is no avatar group "${groupId}": call list_avatar_groups.`),
  );
  return { groupId, answer };
}

/** A group's consent link; asking again the same day gets the same link (the key is the group and the day). */
export async function consentLink(services: Services, groupId: string | undefined, signal: AbortSignal) {
  const group = groupOf(services, groupId);
  const key = idempotencyKey('consent', group, new Date().toISOString().slice(0, 10));
  const answer = await requestConsent(await services.heygen(), group, signal, key).catch(
    onNotFound(`There is no avatar group "${group}": call list_avatar_groups.`),
  );
  return {
    groupId: group,
    url: answer.url ?? undefined,
    consentStatus: answer.avatar_group?.consent_status ?? undefined,
  };
}

/** The account's billing type and what is left to spend. */
export async function heygenAccount(services: Services, signal: AbortSignal) {
  const me = await getAccount(await services.heygen(), signal);
  const wallet = me.wallet?.remaining_balance;
  const remaining =
    wallet ?? me.subscription?.credits?.premium_credits?.remaining ?? me.usage_based?.remaining_credits ?? undefined;
  const unit =
    wallet !== null && wallet !== undefined
      ? (me.wallet?.currency ?? 'usd')
      : remaining !== undefined
        ? 'credits'
        : undefined;
  return {
    username: me.username ?? undefined,
    billingType: me.billing_type ?? undefined,
    remaining: remaining ?? undefined,
    unit,
  };
}
