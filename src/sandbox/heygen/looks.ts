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

/**
 * Shapes HeyGen's published schema allows and a client must survive; the simulator can answer in
 * each. `lookStatus`: a look's `status` as given (`present`), `null`, or left out (`absent`: HeyGen
 * gives it only for private avatars). `avatarItem`: the add answer's `avatar_item` (`present`), or
 * `null` although the look was made.
 */
export interface AnswerShapes {
  lookStatus: 'present' | 'null' | 'absent';
  avatarItem: 'present' | 'null';
}

/** The simulator's settings the look handlers read at each request (they can change between requests). */
export interface LookSettings {
  readonly shapes: AnswerShapes;
  /** The account's username (GET /v3/users/me), the owner of its assets. */
  readonly username: string;
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
      name: file.name || 'upload',
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
    };
    return { ...json(200, { data: uploaded }, ctx.requestId), created: 'asset' };
  }

  /** GET /v3/assets (beta): the member's assets, newest first; `username` is required while in beta. */
  listAssets(ctx: RouteContext): Reply {
    const q = ctx.url.searchParams;
    const username = q.get('username');
    if (!username) throw new ApiError(400, 'invalid_parameter', 'username is required', 'username');
    const { limit, offset } = parsePaging(q, 'assets', 100);
    const owned = username === this.settings.username ? [...this.account.assets.values()] : [];
    const newestFirst = owned.sort((a, b) => b.createdAtMs - a.createdAtMs);
    const items = newestFirst.map((asset) => ({
      id: asset.id,
      name: asset.name,
      owner: username,
      space_id: 'space_sandbox',
      folder_id: null,
      type: 'image',
      uploaded_at: Math.floor(asset.createdAtMs / 1000),
      url: `${FILES_HOST}/asset/${asset.id}.${asset.mime === 'image/png' ? 'png' : 'jpg'}`,
    }));
    return page(items, limit, offset, 'assets', ctx.requestId);
  }

  createLook(ctx: RouteContext, bytes: Buffer): Reply {
    const { name, asset, group: given } = this.parseLookRequest(bytes);
    this.checkProcessingCap();
    let group = given;
    if (!group) {
      // Real HeyGen makes a new group when none is given.
      group = { id: newId('grp'), name, avatarType: 'photo_avatar', consentPending: false, createdAtMs: Date.now() };
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
    const item = this.settings.shapes.avatarItem === 'null' ? null : this.lookJson(look, 'processing');
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

  /** DELETE /v3/avatars/looks/{id}; deleting a group's last look deletes the group too. */
  deleteLook(ctx: RouteContext): Reply {
    const id = ctx.params[0] ?? '';
    const look = this.account.looks.get(id);
    if (!look || !this.isVisible(look)) throw new ApiError(404, 'avatar_not_found', `Avatar look ${id} not found`);
    this.account.looks.delete(id);
    if (![...this.account.looks.values()].some((other) => other.groupId === look.groupId)) {
      this.account.groups.delete(look.groupId);
    }
    return json(200, { data: { id } }, ctx.requestId);
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
    // A URL for the person to open, which approves nothing by itself; none for a photo avatar
    // group, which needs no consent (HeyGen: "consent applies only to digital-twin avatars").
    const url = group.avatarType === 'digital_twin' ? `${APP_HOST}/consent/${randomBytes(12).toString('hex')}` : null;
    return json(200, { data: { url, avatar_group: this.groupJson(group) } }, ctx.requestId);
  }

  isVisible(look: Look): boolean {
    if (!look.visible && Date.now() - look.createdAtMs >= this.settings.lookInvisibleForMs) look.visible = true;
    return look.visible;
  }

  statusOf(look: Look): LookStatus {
    if (!this.isReady(look)) return 'processing';
    if (look.rejection) return 'failed';
    const group = this.account.groups.get(look.groupId);
    if (group?.avatarType === 'digital_twin' && group.consentPending) return 'pending_consent';
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

  /** A look as HeyGen's published schema has it (no `created_at`; `status` per the answer shape). */
  private lookJson(look: Look, asStatus?: LookStatus): Record<string, unknown> {
    const status = asStatus ?? this.statusOf(look);
    const done = status === 'completed' || status === 'pending_consent';
    const shape = this.settings.shapes.lookStatus;
    return {
      id: look.id,
      name: look.name,
      group_id: look.groupId,
      avatar_type: this.account.groups.get(look.groupId)?.avatarType ?? 'photo_avatar',
      ...(shape === 'absent' ? {} : { status: shape === 'null' ? null : status }),
      image_width: done ? look.width : 0,
      image_height: done ? look.height : 0,
      preview_image_url: done ? `${FILES_HOST}/preview/${look.id}.jpg` : null,
      preview_video_url: null,
      preferred_orientation: done ? orientationOf(look.width, look.height) : null,
      supported_api_engines: done ? ['avatar_iv', 'avatar_v'] : [],
      default_voice_id: null,
      gender: null,
      tags: [],
      ...(status === 'failed' && look.rejection
        ? { error: { code: look.rejection.code, message: look.rejection.message } }
        : {}),
    };
  }

  private groupJson(group: Group): Record<string, unknown> {
    const looks = [...this.account.looks.values()].filter((l) => l.groupId === group.id && this.isVisible(l));
    const firstDone = looks.find((l) => this.statusOf(l) === 'completed');
    // consent_status: "None means consent is not required" — as for every photo avatar group.
    const consent = group.avatarType === 'digital_twin' ? (group.consentPending ? 'pending' : 'approved') : null;
    return {
      id: group.id,
      name: group.name,
      status: 'completed',
      looks_count: looks.length,
      consent_status: consent,
      preview_image_url: firstDone ? `${FILES_HOST}/preview/${firstDone.id}.jpg` : null,
      preview_video_url: null,
      default_voice_id: null,
      gender: null,
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

type PageKind = 'groups' | 'looks' | 'assets';

function parsePaging(q: URLSearchParams, kind: PageKind, maxLimit = 50): { limit: number; offset: number } {
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

function page(items: unknown[], limit: number, offset: number, kind: PageKind, requestId: string): Reply {
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
