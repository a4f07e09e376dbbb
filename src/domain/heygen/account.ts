// The account's side of HeyGen v3: avatar groups (GET /v3/avatars, GET /v3/avatars/{id}), a
// group's consent link (POST /v3/avatars/{id}/consent) and the wallet (GET /v3/users/me).

import type { CallOptions, HeyGenClient } from './client.ts';
import { account, consent, data, group, page, type Group } from './schemas.ts';

export function listGroups(
  client: HeyGenClient,
  query: { limit: number; token?: string | undefined },
  signal: AbortSignal,
) {
  return client.get('/v3/avatars', page(group), signal, {
    ownership: 'private',
    limit: query.limit,
    token: query.token,
  });
}

export async function getGroup(
  client: HeyGenClient,
  groupId: string,
  signal: AbortSignal,
  options: CallOptions = {},
): Promise<Group> {
  return (await client.get(`/v3/avatars/${encodeURIComponent(groupId)}`, data(group), signal, {}, options)).data;
}

/** POST /v3/avatars/{id}/consent; the key makes a repeat within 24 h answer with the same link. */
export async function requestConsent(
  client: HeyGenClient,
  groupId: string,
  signal: AbortSignal,
  idempotencyKey: string,
) {
  const path = `/v3/avatars/${encodeURIComponent(groupId)}/consent`;
  const idempotency = { key: idempotencyKey, honoured: true };
  return (await client.post(path, data(consent), { json: {} }, signal, { idempotency })).data;
}

export async function getAccount(client: HeyGenClient, signal: AbortSignal) {
  return (await client.get('/v3/users/me', data(account), signal)).data;
}
