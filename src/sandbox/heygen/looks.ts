// Assets, avatar groups and their looks: uploads, new looks that go processing → completed / failed /
// pending_consent over time, the lists with HeyGen's token paging, and the consent URL.

import { randomBytes } from 'node:crypto';
import { readImageHeader } from '../../core/media.ts';
import { APP_HOST, ApiError, FILES_HOST, isRecord, json, parseJsonObject, rateLimited, type Reply } from './replies.ts';
import type { RouteContext } from './routes.ts';
import { newId, type Account, type Asset, type Failure, type Group, type Look } from './state.ts';

/** HeyGen's asset size limit. */
export const MAX_ASSET_BYTES = 32 * 1024 * 1024;

type LookStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';

/** The simulator's settings the look handlers read at each request (they can change between requests). */
export interface LookSettings {
  readonly lookReadyAfterMs: number;
  readonly lookInvisibleForMs: number;
  readonly maxProcessingLooks: number | undefined;
  readonly concurrencyRetryAfterSeconds: number;
  /** Counts the POST /v3/avatars answered 429 because of maxProcessingLooks. */
  rateLimited: number;
}

export function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' {
  if (Math.abs(width - height) <= Math.max(width, height) * 0.02) return 'square';
  return width > height ? 'landscape' : 'portrait';
}

/** The simulator's answers on assets, avatar groups and looks. */
export class LooksApi {
  /** Rejections for the next uploaded assets, in order (per simulator, never persisted). */
  readonly nextAssetRejections: Failure[] = [];
  private readonly account: Account;
  private readonly settings: LookSettings;

  constructor(account: Account, settings: LookSettings) {
    this.account = account;
    this.settings = settings;
  }

  async uploadAsset(ctx: RouteContext, bytes: Buffer): Promise<Reply> {
    const contentType = ctx.req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType))
      throw new ApiError(400, 'invalid_parameter', 'Expected multipart/form-data with a "file" field', 'file');
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new ApiError(400, 'invalid_parameter', 'Malformed multipart body', 'file');
    }
    const file = form.get('file');
    if (file === null || typeof file === 'string')
      throw new ApiError(400, 'invalid_parameter', 'Missing required field "file"', 'file');
    if (file.size > MAX_ASSET_BYTES)
      throw new ApiError(413, 'payload_too_large', `File exceeds the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit`);
    const data = Buffer.from(await file.arrayBuffer());
    const header = readImageHeader(data);
    if (!header) throw new ApiError(400, 'invalid_parameter', 'Unsupported file type', 'file');
    const id = newId('ast');
    const asset: Asset = {
      id,
      bytes: data,
      mime: header.mime,
      width: header.width,
      height: header.height,
      createdAtMs: Date.now(),
    };
    const rejection = this.nextAssetRejections.shift();
    if (rejection) asset.rejection = rejection;
    this.account.assets.set(id, asset);
    this.account.created.assets++;
    const ext = header.mime === 'image/png' ? 'png' : 'jpg';
    const uploaded = {
      asset_id: id,
      url: `${FILES_HOST}/asset/${id}.${ext}`,
      mime_type: header.mime,
      size_bytes: data.length,
      created_at: Math.floor(Date.now() / 1000),
    };
    return { ...json(200, { data: uploaded }, ctx.requestId), created: 'asset' };
  }

  createLook(ctx: RouteContext, bytes: Buffer): Reply {
    const { name, asset, group: given } = this.parseLookRequest(bytes);
    this.checkProcessingCap();
    let group = given;
    if (!group) {
      // Real HeyGen makes a new group when none is given.
      group = { id: newId('grp'), name, consentPending: false, createdAtMs: Date.now() };
      this.account.groups.set(group.id, group);
      this.account.created.groups++;
    }
    const look: Look = {
      id: newId('look'),
      name,
      groupId: group.id,
      assetId: asset.id,
      width: asset.width,
      height: asset.height,
      createdAtMs: Date.now(),
      visible: false,
      ready: false,
    };
    if (asset.rejection) {
      look.rejection = asset.rejection;
      delete asset.rejection;
    }
    this.account.looks.set(look.id, look);
    this.account.created.looks++;
    const item = { ...this.lookJson(look), status: 'processing' };
    return {
      ...json(200, { data: { avatar_item: item, avatar_group: this.groupJson(group) } }, ctx.requestId),
      created: given ? 'look' : 'group',
    };
  }

  getLook(ctx: RouteContext): Reply {
    const id = ctx.params[0] ?? '';
    const look = this.account.looks.get(id);
    if (!look || !this.isVisible(look)) throw new ApiError(404, 'avatar_not_found', `Avatar look ${id} not found`);
    return json(200, { data: this.lookJson(look) }, ctx.requestId);
  }

  getGroup(ctx: RouteContext): Reply {
    return json(200, { data: this.groupJson(this.requireGroup(ctx.params[0] ?? '')) }, ctx.requestId);
  }

  listGroups(ctx: RouteContext): Reply {
    const q = ctx.url.searchParams;
    const ownership = parseOwnership(q);
    const { limit, offset } = parsePaging(q, 'groups');
    const all = ownership === 'public' ? [] : [...this.account.groups.values()];
    return page(
      all.map((g) => this.groupJson(g)),
      limit,
      offset,
      'groups',
      ctx.requestId,
    );
  }

  listLooks(ctx: RouteContext): Reply {
    const q = ctx.url.searchParams;
    const groupId = q.get('group_id');
    if (groupId) this.requireGroup(groupId);
    const avatarType = q.get('avatar_type');
    if (avatarType !== null && !['photo_avatar', 'digital_twin', 'studio_avatar'].includes(avatarType)) {
      throw new ApiError(400, 'invalid_parameter', `Invalid avatar_type "${avatarType}"`, 'avatar_type');
    }
    const ownership = parseOwnership(q);
    const { limit, offset } = parsePaging(q, 'looks');
    const all =
      ownership === 'public' || (avatarType !== null && avatarType !== 'photo_avatar')
        ? []
        : [...this.account.looks.values()].filter((l) => (!groupId || l.groupId === groupId) && this.isVisible(l));
    return page(
      all.map((l) => this.lookJson(l)),
      limit,
      offset,
      'looks',
      ctx.requestId,
    );
  }

  consent(ctx: RouteContext): Reply {
    const group = this.requireGroup(ctx.params[0] ?? '');
    // Only a URL for the person to open; it approves nothing by itself.
    return json(
      200,
      { data: { url: `${APP_HOST}/consent/${randomBytes(12).toString('hex')}`, avatar_group_id: group.id } },
      ctx.requestId,
    );
  }

  isVisible(look: Look): boolean {
    if (!look.visible && Date.now() - look.createdAtMs >= this.settings.lookInvisibleForMs) look.visible = true;
    return look.visible;
  }

  statusOf(look: Look): LookStatus {
    if (!this.isReady(look)) return 'processing';
    if (look.rejection) return 'failed';
    if (this.account.groups.get(look.groupId)?.consentPending) return 'pending_consent';
    return 'completed';
  }

  /** The checked body of POST /v3/avatars: a photo look from an uploaded asset, in a given group or a new one. */
  private parseLookRequest(bytes: Buffer): { name: string; asset: Asset; group: Group | undefined } {
    const body = parseJsonObject(bytes);
    if (body.type !== 'photo')
      throw new ApiError(
        400,
        'invalid_parameter',
        `Unsupported avatar type: ${JSON.stringify(body.type ?? null)}; expected "photo"`,
        'type',
      );
    if (typeof body.name !== 'string' || body.name.trim() === '')
      throw new ApiError(400, 'invalid_parameter', 'name is required', 'name');
    const file = body.file;
    if (!isRecord(file)) throw new ApiError(400, 'invalid_parameter', 'file is required', 'file');
    if (file.type !== 'asset_id') {
      // The real API also takes {"type":"url"} and {"type":"base64"}; the simulator only keeps uploaded assets.
      throw new ApiError(
        400,
        'invalid_parameter',
        `Unsupported file type "${String(file.type)}" (the simulator accepts only "asset_id")`,
        'file.type',
      );
    }
    const asset = typeof file.asset_id === 'string' ? this.account.assets.get(file.asset_id) : undefined;
    if (!asset)
      throw new ApiError(400, 'invalid_parameter', `Asset ${String(file.asset_id)} not found`, 'file.asset_id');
    if (asset.width === 0 || asset.height === 0)
      throw new ApiError(400, 'invalid_parameter', 'The image could not be read', 'file.asset_id');
    const groupId = body.avatar_group_id;
    if (groupId === undefined || groupId === null || groupId === '')
      return { name: body.name, asset, group: undefined };
    if (typeof groupId !== 'string')
      throw new ApiError(400, 'invalid_parameter', 'avatar_group_id must be a string', 'avatar_group_id');
    return { name: body.name, asset, group: this.requireGroup(groupId) };
  }

  /** 429 when maxProcessingLooks looks are processing already. */
  private checkProcessingCap(): void {
    const cap = this.settings.maxProcessingLooks;
    if (cap === undefined || [...this.account.looks.values()].filter((l) => !this.isReady(l)).length < cap) return;
    this.settings.rateLimited++;
    const seconds = this.settings.concurrencyRetryAfterSeconds;
    throw rateLimited(`Too many avatars processing at once (limit ${cap}). Retry after ${seconds} seconds.`, seconds);
  }

  private requireGroup(id: string): Group {
    const group = this.account.groups.get(id);
    if (!group) throw new ApiError(404, 'avatar_not_found', `Avatar group ${id} not found`);
    return group;
  }

  private isReady(look: Look): boolean {
    if (!look.ready && Date.now() - look.createdAtMs >= this.settings.lookReadyAfterMs) look.ready = true;
    return look.ready;
  }

  private lookJson(look: Look): Record<string, unknown> {
    const status = this.statusOf(look);
    const done = status === 'completed' || status === 'pending_consent';
    return {
      id: look.id,
      name: look.name,
      group_id: look.groupId,
      avatar_type: 'photo_avatar',
      status,
      image_width: done ? look.width : 0,
      image_height: done ? look.height : 0,
      preview_image_url: done ? `${FILES_HOST}/preview/${look.id}.jpg` : null,
      preview_video_url: null,
      preferred_orientation: done ? orientationOf(look.width, look.height) : null,
      supported_api_engines: done ? ['avatar_iv', 'avatar_v'] : [],
      default_voice_id: null,
      gender: null,
      tags: [],
      created_at: Math.floor(look.createdAtMs / 1000),
      ...(status === 'failed' && look.rejection
        ? { error: { code: look.rejection.code, message: look.rejection.message } }
        : {}),
    };
  }

  private groupJson(group: Group): Record<string, unknown> {
    const looks = [...this.account.looks.values()].filter((l) => l.groupId === group.id && this.isVisible(l));
    const firstDone = looks.find((l) => this.statusOf(l) === 'completed');
    return {
      id: group.id,
      name: group.name,
      status: 'completed',
      looks_count: looks.length,
      consent_status: group.consentPending ? 'pending' : 'approved',
      preview_image_url: firstDone ? `${FILES_HOST}/preview/${firstDone.id}.jpg` : null,
      avatar_type: 'photo_avatar',
      created_at: Math.floor(group.createdAtMs / 1000),
    };
  }
}

function parseOwnership(q: URLSearchParams): 'private' | 'public' | null {
  const value = q.get('ownership');
  if (value === null || value === '') return null;
  if (value !== 'private' && value !== 'public')
    throw new ApiError(400, 'invalid_parameter', `Invalid ownership "${value}"`, 'ownership');
  return value;
}

function parsePaging(q: URLSearchParams, kind: 'groups' | 'looks'): { limit: number; offset: number } {
  const rawLimit = q.get('limit');
  let limit = 10;
  if (rawLimit !== null) {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new ApiError(400, 'invalid_parameter', 'limit must be an integer between 1 and 50', 'limit');
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

function page(items: unknown[], limit: number, offset: number, kind: 'groups' | 'looks', requestId: string): Reply {
  const slice = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  return json(
    200,
    {
      data: slice,
      has_more: hasMore,
      next_token: hasMore ? encodeToken({ k: kind, o: offset + limit }) : null,
      total: items.length,
    },
    requestId,
  );
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
