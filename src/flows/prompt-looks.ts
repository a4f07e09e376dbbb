// What HeyGen's prompt looks need besides the prompt, shared by create_look's heygen provider and
// add_look with a prompt: the base look (the look whose image HeyGen makes the new one from), the
// reference photos as HeyGen assets (uploaded once per photo), and the prompt fitted into HeyGen's
// 1000 characters.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { sniffImage } from '../core/media.ts';
import { prepareUpload, uploadAsset } from '../domain/heygen/assets.ts';
import type { HeyGenClient } from '../domain/heygen/client.ts';
import { fetchPreview } from '../domain/heygen/download.ts';
import { HeyGenError, refusedOutright } from '../domain/heygen/errors.ts';
import { getLook, isLookReady, looksMatching } from '../domain/heygen/looks.ts';
import { idempotencyKey, REPLAY_WINDOW_MS } from '../domain/heygen/idempotency.ts';
import { BASE_LOOK_CHOICES, type BaseLookChoice } from '../core/types.ts';
import { addPromptLookOnce, PROMPT_LOOK_MAX_CHARS, PROMPT_LOOK_MAX_REFERENCES } from '../domain/heygen/prompt-looks.ts';
import type { Look } from '../domain/heygen/schemas.ts';
import { fitPrompt } from '../domain/prompt/fit.ts';
import { appearanceRefusal } from '../domain/prompt/refusal.ts';
import type { Services } from './deps.ts';
import { heygenAccount } from './heygen-account.ts';
import { loadReferences, referenceSources, saveReferences } from './references.ts';

/** The base look an add_look prompt key resolved to, kept beside its look. */
const knownBase = z.object({
  base_look_id: z.string(),
  base_how: z.enum(BASE_LOOK_CHOICES),
});

/** At most this many of a group's looks are checked for likeness in one call (each is remembered). */
const MAX_LOOKS_CHECKED = 12;

export interface BaseLook {
  id: string;
  /** given: the call's base_look_id; configured: HEYGEN_BASE_LOOK_ID; likeness: the most alike; only: the one finished look; first: no face check to choose by. */
  how: BaseLookChoice;
  likeness?: number | undefined;
  /** How many of the group's looks were compared. */
  checked?: number | undefined;
}

export interface ReferenceOnDisk {
  path: string;
  sha256: string;
}

/** The prompt as HeyGen takes it; refused (nothing is paid) when no whole sentences fit. */
export function promptForHeyGen(prompt: string): { text: string; dropped: string[] } {
  const fitted = fitPrompt(prompt, PROMPT_LOOK_MAX_CHARS);
  if (!fitted) {
    throw new UserError(
      'bad_request',
      `The prompt is ${prompt.length} characters and HeyGen's prompt looks take at most ${PROMPT_LOOK_MAX_CHARS}; no whole sentences of it fit.`,
      'Shorten the prompt (wardrobe, set, light and pose in a few sentences), or build it with build_look_prompt.',
    );
  }
  return fitted;
}

/**
 * The look HeyGen makes the new look from: the one asked for (which must be a finished look of
 * the group), else HEYGEN_BASE_LOOK_ID, else the group's finished look whose preview is most like
 * the reference photos (each look measured once and remembered).
 */
export async function chooseBaseLook(
  services: Services,
  client: HeyGenClient,
  request: { groupId: string; given?: string | undefined; references: ReferenceOnDisk[] },
  signal: AbortSignal,
  progress: (sentence: string) => void = () => {},
): Promise<BaseLook> {
  const named = request.given ?? services.config.heygen.baseLookId;
  if (named) {
    const how = request.given ? 'given' : 'configured';
    const look = await getLook(client, named, signal).catch((error: unknown) => {
      if (error instanceof HeyGenError && error.status === 404) {
        throw new UserError(
          'bad_request',
          `The base look ${named} (${how === 'given' ? 'base_look_id' : 'HEYGEN_BASE_LOOK_ID'}) does not exist at HeyGen.`,
          `Call list_looks with group_id "${request.groupId}" for the group's looks, and pass one as base_look_id (or leave it out to use the look most like the reference photos).`,
        );
      }
      throw error;
    });
    if (look.group_id && look.group_id !== request.groupId) {
      throw new UserError(
        'bad_request',
        `The base look ${named} belongs to group ${look.group_id}, not ${request.groupId}: HeyGen saves the new look in the base look's group.`,
        `Pass a look of group ${request.groupId} as base_look_id (list_looks shows them), or group_id "${look.group_id}".`,
      );
    }
    if (!isLookReady(look)) {
      throw new UserError(
        'bad_request',
        `The base look ${named} is not finished (status ${look.status ?? 'unknown'}); HeyGen needs its image.`,
        'Wait until it is completed (get_look_status), or pass another finished look as base_look_id.',
      );
    }
    return { id: named, how };
  }
  const finished = await looksMatching(client, request.groupId, isLookReady, signal);
  const [first] = finished;
  if (!first) {
    throw new UserError(
      'bad_request',
      `The avatar group ${request.groupId} has no finished look for HeyGen to make a new look from.`,
      'Add a photo look of the person first (create_look with provider gemini, or upload_to_heygen and add_look), or pass base_look_id.',
    );
  }
  if (finished.length === 1) return { id: first.id, how: 'only' };
  const faces = await services.faces();
  if (!faces || request.references.length === 0) return { id: first.id, how: 'first' };
  const referencesKey = createHash('sha256')
    .update(request.references.map((photo) => photo.sha256).join(','))
    .digest('hex')
    .slice(0, 16);
  let best: { look: Look; likeness: number } | undefined;
  const compared = finished.slice(0, MAX_LOOKS_CHECKED);
  for (const [position, look] of compared.entries()) {
    progress(`comparing look ${position + 1} of ${compared.length} with the reference photos to choose the base look.`);
    const likeness = await likenessOf(services, client, look, request.references, referencesKey, signal);
    if (likeness !== null && (!best || likeness > best.likeness)) best = { look, likeness };
  }
  if (!best) return { id: first.id, how: 'first', checked: compared.length };
  return { id: best.look.id, how: 'likeness', likeness: best.likeness, checked: compared.length };
}

/** How alike a look's preview is to the reference photos: measured once per look and set of photos. */
async function likenessOf(
  services: Services,
  client: HeyGenClient,
  look: Look,
  references: ReferenceOnDisk[],
  referencesKey: string,
  signal: AbortSignal,
): Promise<number | null> {
  const key = `${heygenAccount(services.config)}:${look.id}:${referencesKey}`;
  const known = await services.lookLikeness.get(key);
  if (known) return known.likeness;
  const faces = await services.faces();
  if (!faces || !look.preview_image_url) return null;
  const bytes = await fetchPreview(look.preview_image_url, signal, {
    trustedHosts: [new URL(client.baseUrl).hostname],
  }).catch(() => undefined);
  if (!bytes || sniffImage(bytes).kind !== 'image') return null;
  const dir = join(services.config.home, 'heygen', 'previews');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${look.id.replace(/[^\w-]/g, '_')}.img`);
  await writeFileAtomic(path, bytes);
  const check = await faces.check(
    path,
    references.map((photo) => photo.path),
  );
  const likeness = check.faces.count === 1 && check.identity ? check.identity.similarity : null;
  await services.lookLikeness
    .put({ key, look_id: look.id, likeness, checked_at: new Date().toISOString() })
    .catch(() => {});
  return likeness;
}

/** Forgets remembered reference assets (HeyGen no longer has them): the next look uploads the photos again. */
export async function forgetReferenceAssets(services: Services, sha256s: string[]): Promise<void> {
  for (const sha256 of sha256s)
    await services.referenceAssets.release(`${heygenAccount(services.config)}:${sha256}`).catch(() => {});
}

/** The reference photos (at most 3) as HeyGen assets: each uploaded once per photo and account. */
export async function referenceAssetIds(
  services: Services,
  client: HeyGenClient,
  references: ReferenceOnDisk[],
  signal: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  for (const photo of references.slice(0, PROMPT_LOOK_MAX_REFERENCES)) {
    const key = `${heygenAccount(services.config)}:${photo.sha256}`;
    const known = await services.referenceAssets.get(key);
    if (known) {
      ids.push(known.asset_id);
      continue;
    }
    const checked = await prepareUpload(await readFile(photo.path), 'reference.jpg');
    const asset = await uploadAsset(client, checked, signal, services.config.heygen.timeoutMs);
    await services.referenceAssets.put({ key, asset_id: asset.asset_id, created_at: new Date().toISOString() });
    ids.push(asset.asset_id);
  }
  return ids;
}

export interface PromptLookAdded {
  look: Look;
  groupId: string;
  baseLook: BaseLook;
  /** The prompt as sent (fitted into 1000 characters), and what was left out. */
  prompt: string;
  dropped: string[];
  references: number;
  /** The same call within 24 h: the look it made then, nothing asked of HeyGen. */
  repeated: boolean;
}

/**
 * HeyGen refused the look outright (a 4xx that made nothing): it would replay that answer to the
 * same key for 24 h, so the next call goes out under a new key; a reference asset it no longer
 * has is forgotten, so the photos are uploaded again.
 */
async function rememberRefusal(
  services: Services,
  error: unknown,
  call: { asked: string; refusals: number; photos: Array<{ sha256: string }> },
): Promise<never> {
  if (refusedOutright(error)) {
    const updated_at = new Date().toISOString();
    await services.promptRefusals.put({ key: call.asked, refusals: call.refusals + 1, updated_at });
    if ((error as HeyGenError).param?.startsWith('reference_images'))
      await forgetReferenceAssets(
        services,
        call.photos.map((photo) => photo.sha256),
      );
  }
  throw error;
}

/** Refused before anything is asked of HeyGen: a prompt that describes the person. */
function refuseDescribedPerson(prompt: string): void {
  const refusal = appearanceRefusal(prompt);
  if (!refusal) return;
  throw new UserError(
    'bad_request',
    `Refused before anything was asked of HeyGen: the prompt describes the person's appearance, which their looks already carry: ${refusal.phrases}.\n${refusal.without}`,
    'Remove those words (describe only wardrobe, set, light and pose) or rebuild the prompt with build_look_prompt, then call add_look again.',
  );
}

/** The look an add_look prompt key made within the last day, and the base look it was made from. */
async function earlierPromptLook(
  services: Services,
  client: HeyGenClient,
  key: string,
  signal: AbortSignal,
): Promise<Pick<PromptLookAdded, 'look' | 'groupId' | 'baseLook' | 'repeated'> | undefined> {
  const known = await services.addLookKeys.get(key);
  const base = knownBase.safeParse(known);
  if (!known || !base.success || Date.now() - Date.parse(known.created_at) >= REPLAY_WINDOW_MS) return undefined;
  return {
    look: await getLook(client, known.look_id, signal),
    groupId: known.group_id,
    baseLook: { id: base.data.base_look_id, how: base.data.base_how },
    repeated: true,
  };
}

/**
 * add_look with a prompt: HeyGen makes the look from the prompt and a base look of the group. The
 * prompt is checked like every prompt (it must not describe the person); the same prompt, base
 * look, group and name within 24 h return the same look (HeyGen replays the key), never a second.
 */
export async function addLookFromPrompt(
  services: Services,
  request: {
    prompt: string;
    name: string;
    groupId: string;
    baseLookId?: string | undefined;
    referenceImages?: string[] | undefined;
  },
  signal: AbortSignal,
): Promise<PromptLookAdded> {
  refuseDescribedPerson(request.prompt);
  const fitted = promptForHeyGen(request.prompt);
  const client = await services.heygen();
  const sources = referenceSources({ several: request.referenceImages }, services.config.referenceImages);
  const photos = sources.length > 0 ? await loadReferences(services, sources, signal) : [];
  const setKey = createHash('sha256')
    .update(photos.map((photo) => photo.sha256).join(','))
    .digest('hex')
    .slice(0, 16);
  // The key is the request as asked (not the base look it resolves to, which a new look in the
  // group can change): the same call within 24 h is the same look.
  const asked = createHash('sha256')
    .update([fitted.text, request.baseLookId ?? '', request.groupId, request.name, setKey].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
  // HeyGen replays a refusal for 24 h: after one, the same call goes out under a new key.
  const refusals = (await services.promptRefusals.get(asked))?.refusals ?? 0;
  const key = idempotencyKey('add_look', 'prompt', asked, String(refusals));
  const same = { prompt: fitted.text, dropped: fitted.dropped };
  const earlier = await earlierPromptLook(services, client, key, signal);
  if (earlier) return { ...earlier, ...same, references: Math.min(photos.length, PROMPT_LOOK_MAX_REFERENCES) };
  const folder = join(services.config.home, 'heygen', 'references', setKey);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const references = (await saveReferences(folder, photos)).map((photo) => ({
    path: photo.path,
    sha256: photo.sha256,
  }));
  const baseLook = await chooseBaseLook(
    services,
    client,
    { groupId: request.groupId, given: request.baseLookId, references },
    signal,
  );
  const assets = await referenceAssetIds(services, client, references, signal);
  const look = await addPromptLookOnce(
    client,
    {
      name: request.name,
      prompt: fitted.text,
      baseLookId: baseLook.id,
      groupId: request.groupId,
      referenceAssetIds: assets,
      idempotencyKey: key,
    },
    signal,
  ).catch((error: unknown) => rememberRefusal(services, error, { asked, refusals, photos }));
  await services.addLookKeys
    .put({
      key,
      look_id: look.id,
      group_id: look.group_id ?? request.groupId,
      created_at: new Date().toISOString(),
      base_look_id: baseLook.id,
      base_how: baseLook.how,
    })
    .catch(() => {
      // Only a convenience for a repeat: HeyGen replays the key for 24 h either way.
    });
  services.lookCreatedAt.set(look.id, Date.now());
  return {
    look,
    groupId: look.group_id ?? request.groupId,
    baseLook,
    prompt: fitted.text,
    dropped: fitted.dropped,
    references: assets.length,
    repeated: false,
  };
}
