// Prompt looks (POST /v3/avatars with type "prompt"): HeyGen makes a new look of an existing avatar
// itself, from a prompt, with an existing look as the visual reference (avatar_id) and up to three
// reference images; and deleting a look (DELETE /v3/avatars/looks/{id}), which also deletes its
// group when it was the group's last.

import { z } from 'zod';
import type { HeyGenClient } from './client.ts';
import { HeyGenError } from './errors.ts';
import { looksMatching } from './looks.ts';
import { addedLook, data, type Look } from './schemas.ts';

/** HeyGen's limit on a prompt look's prompt. */
export const PROMPT_LOOK_MAX_CHARS = 1000;
/** HeyGen's limit on reference images. */
export const PROMPT_LOOK_MAX_REFERENCES = 3;

export interface PromptLookRequest {
  name: string;
  prompt: string;
  /** The base look: its image is the visual reference, and the new look goes to its group. */
  baseLookId: string;
  groupId: string;
  /** Uploaded reference photos (asset ids), at most 3. */
  referenceAssetIds: string[];
  idempotencyKey: string;
}

/** The request body, as HeyGen's published CreatePromptAvatarRequest has it. */
export function promptLookBody(request: PromptLookRequest): Record<string, unknown> {
  return {
    type: 'prompt',
    name: request.name,
    prompt: request.prompt,
    avatar_id: request.baseLookId,
    avatar_group_id: request.groupId,
    ...(request.referenceAssetIds.length > 0
      ? {
          reference_images: request.referenceAssetIds
            .slice(0, PROMPT_LOOK_MAX_REFERENCES)
            .map((assetId) => ({ type: 'asset_id', asset_id: assetId })),
        }
      : {}),
  };
}

/**
 * Asks HeyGen for a prompt look, with an idempotency key: a repeat of the key within 24 h gets the
 * first answer, so a retry or a resumed job never makes a second look. When the answer names no
 * look (avatar_item is nullable) the look is found in the group by its name, which carries the
 * caller's run id.
 */
export async function addPromptLookOnce(
  client: HeyGenClient,
  request: PromptLookRequest,
  signal: AbortSignal,
): Promise<Look> {
  const idempotency = { key: request.idempotencyKey, honoured: true };
  const answer = await client.post('/v3/avatars', data(addedLook), { json: promptLookBody(request) }, signal, {
    idempotency,
  });
  if (answer.data.avatar_item) return answer.data.avatar_item;
  const named = await looksMatching(client, request.groupId, (item) => item.name === request.name, signal);
  if (named.length === 1 && named[0]) return named[0];
  throw new HeyGenError({
    status: 200,
    code: 'no_avatar_item',
    said: `the look was made, but the answer did not say which it is (${named.length} looks named "${request.name}" in the group)`,
    maybeProcessed: true,
  });
}

/** Deletes a look; true when it was deleted now, false when it was already gone. */
export async function deleteLook(client: HeyGenClient, lookId: string, signal: AbortSignal): Promise<boolean> {
  try {
    await client.delete(`/v3/avatars/looks/${encodeURIComponent(lookId)}`, z.unknown(), signal);
    return true;
  } catch (error) {
    if (error instanceof HeyGenError && error.status === 404) return false;
    throw error;
  }
}
