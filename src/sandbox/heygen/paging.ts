// HeyGen's token paging of the lists (groups, looks, assets): `limit`, an opaque `token`, and the
// answer's `has_more` / `next_token`.

import { ApiError, isRecord, json, type Reply } from './replies.ts';

export type PageKind = 'groups' | 'looks' | 'assets';

export function parsePaging(q: URLSearchParams, kind: PageKind, maxLimit = 50): { limit: number; offset: number } {
  const rawLimit = q.get('limit');
  let limit = 10;
  if (rawLimit !== null) {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
      throw new ApiError(400, 'invalid_parameter', `limit must be an integer between 1 and ${maxLimit}`, 'limit');
  }
  const token = q.get('token');
  let offset = 0;
  if (token !== null && token !== '') {
    const parsed = decodeToken(token);
    if (!parsed || parsed.k !== kind) throw new ApiError(400, 'invalid_parameter', 'Invalid pagination token', 'token');
    offset = parsed.o;
  }
  return { limit, offset };
}

export function page(items: unknown[], limit: number, offset: number, kind: PageKind, requestId: string): Reply {
  const slice = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  const next = hasMore ? encodeToken({ k: kind, o: offset + limit }) : null;
  return json(200, { data: slice, has_more: hasMore, next_token: next }, requestId);
}

// A page token names its list, so a token of the group list is refused on the look list.

function encodeToken(token: { k: string; o: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(token: string): { k: string; o: number } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      !isRecord(value) ||
      typeof value.k !== 'string' ||
      typeof value.o !== 'number' ||
      !Number.isInteger(value.o) ||
      value.o < 0
    )
      return null;
    return { k: value.k, o: value.o };
  } catch {
    return null;
  }
}
