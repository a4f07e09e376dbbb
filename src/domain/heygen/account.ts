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

export async function requestConsent(
  client: HeyGenClient,
  groupId: string,
  signal: AbortSignal,
): Promise<{ url: string }> {
  return (await client.post(`/v3/avatars/${encodeURIComponent(groupId)}/consent`, data(consent), { json: {} }, signal))
    .data;
}

export async function getAccount(client: HeyGenClient, signal: AbortSignal) {
  return (await client.get('/v3/users/me', data(account), signal)).data;
}
