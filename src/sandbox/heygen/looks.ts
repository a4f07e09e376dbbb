// Assets, avatar groups and their looks: uploads, new looks (from a photo, or from a prompt on a
// base look) that go processing → completed / failed / pending_consent over time, the lists with
// HeyGen's token paging, the consent URL, and each finished look's preview image, served like a CDN.

import { createHash, randomBytes } from 'node:crypto';
import { readImageHeader } from '../../core/media.ts';
import type { SimulatorFiles } from './files.ts';
import { page, parsePaging } from './paging.ts';
import { asJpeg, checkPrompt, composePromptLook, promptLookSize, referenceAssets } from './prompt-look.ts';
import {
  APP_HOST,
  ApiError,
  FILES_HOST,
  isRecord,
  json,
  optionalId,
  parseJsonObject,
  rateLimited,
  requireName,
  type Reply,
} from './replies.ts';
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
  /** How long a prompt look stays `processing`; undefined: lookReadyAfterMs. */
  readonly promptLookReadyAfterMs: number | undefined;
  readonly lookInvisibleForMs: number;
  readonly maxProcessingLooks: number | undefined;
  readonly concurrencyRetryAfterSeconds: number;
  /** Counts the POST /v3/avatars answered 429 because of maxProcessingLooks. */
  rateLimited: number;
  /** Each new prompt look takes the next of these as the person, instead of the base look's image. */
  readonly nextPromptLookFaces: Buffer[];
}

/** The checked body of a photo look. */
interface PhotoLookRequest {
  name: string;
  asset: Asset;
  group: Group | undefined;
}

/** The checked body of a prompt look: where the result goes and the picture it is made from. */
interface PromptLookRequest {
  name: string;
  prompt: string;
  group: Group | undefined;
  /** The look named by avatar_id, if any. */
  base: Look | undefined;
  /** The reference images given as uploaded assets, in order. */
  referenceAssets: Asset[];
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
  private readonly files: SimulatorFiles;
  /** Where preview URLs point: filesOrigin, or this simulator. */
  private readonly origin: () => string;

  constructor(account: Account, settings: LookSettings, files: SimulatorFiles, origin: () => string) {
    this.account = account;
    this.settings = settings;
    this.files = files;
    this.origin = origin;
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
    const ext = header.mime === 'image/png' ? 'png' : 'jpg';
    await this.files.putAsset(asset, data);
    this.account.assets.set(id, asset);
    this.account.created.assets++;
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

  /** POST /v3/avatars: a photo look from an uploaded asset, or a prompt look HeyGen makes itself. */
  async createLook(ctx: RouteContext, bytes: Buffer): Promise<Reply> {
    const body = parseJsonObject(bytes);
    if (body.type === 'prompt') return this.createPromptLook(ctx, this.parsePromptLookRequest(body));
    const { name, asset, group: given } = this.parsePhotoLookRequest(body);
    this.checkProcessingCap();
    // The look's image is its photo; a PNG is kept as the JPEG its preview is served as.
    const image = await asJpeg(await this.files.assetBytes(asset));
    const look = this.newLook(name, this.groupFor(given, name), {
      assetId: asset.id,
      width: asset.width,
      height: asset.height,
    });
    if (asset.rejection) {
      look.rejection = asset.rejection;
      delete asset.rejection;
    }
    if (image) await this.files.keepLookImage(look, image);
    return this.created(ctx, look, given);
  }

  /** GET (or HEAD) /files/previews/<look_id>.jpg: a finished look's image, as the CDN behind preview_image_url serves it. */
  async previewFile(ctx: RouteContext): Promise<Reply> {
    const name = ctx.params[0] ?? '';
    const id = name.endsWith('.jpg') ? name.slice(0, -'.jpg'.length) : '';
    const look = id ? this.account.looks.get(id) : undefined;
    const image = look && this.previewUrl(look) ? await this.files.lookImage(look) : undefined;
    const jpeg = image ? await asJpeg(image) : null;
    if (!jpeg) throw new ApiError(404, 'not_found', `File ${name} not found`);
    return {
      status: 200,
      body: jpeg,
      headers: {
        'content-type': 'image/jpeg',
        etag: `"${createHash('sha256').update(jpeg).digest('hex').slice(0, 32)}"`,
        'cache-control': 'public, max-age=86400',
      },
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
    // HeyGen makes a prompt look itself: no one's consent is asked for it.
    if (look.prompt === null && group?.avatarType === 'digital_twin' && group.consentPending) return 'pending_consent';
    return 'completed';
  }

  /**
   * A prompt look: the base look's image (or the first reference asset's, or the next of
   * nextPromptLookFaces) in a scene the prompt chooses. The rejection of a reference asset
   * (rejectAsset, rejectNextAssets) makes it end `failed`, as it does a photo look.
   */
  private async createPromptLook(ctx: RouteContext, request: PromptLookRequest): Promise<Reply> {
    const { name, prompt, base, referenceAssets } = request;
    let person: Buffer | undefined;
    let source: { width: number; height: number } | undefined;
    if (base) {
      person = await this.files.lookImage(base);
      source = base;
    } else {
      for (const asset of referenceAssets) {
        const bytes = await this.files.assetBytes(asset);
        if (bytes.length === 0) continue;
        person = bytes;
        source = asset;
        break;
      }
      if (!person)
        throw new ApiError(
          400,
          'invalid_parameter',
          'A prompt look needs a picture of the person: give avatar_id, or an uploaded asset in reference_images',
          'avatar_id',
        );
    }
    if (!person || !source)
      throw new ApiError(400, 'invalid_parameter', `Avatar look ${base?.id} has no usable image`, 'avatar_id');
    this.checkProcessingCap();
    const size = promptLookSize(source.width, source.height, prompt);
    const face = this.settings.nextPromptLookFaces.shift();
    const image = await composePromptLook(face ?? person, prompt, size).catch((error: unknown) => {
      const [what, param] = base ? ['base look', 'avatar_id'] : ['reference', 'reference_images'];
      throw new ApiError(400, 'invalid_parameter', `The ${what} image could not be read (${String(error)})`, param);
    });
    const group = this.groupFor(request.group ?? (base && this.account.groups.get(base.groupId)), name);
    const look = this.newLook(name, group, { assetId: null, ...size, prompt });
    const rejected = referenceAssets.find((asset) => asset.rejection);
    if (rejected?.rejection) {
      look.rejection = rejected.rejection;
      delete rejected.rejection;
    }
    await this.files.keepLookImage(look, image);
    return this.created(ctx, look, request.group ?? base);
  }

  /** The given group, or — as real HeyGen does when none is given — a new one named after the look. */
  private groupFor(given: Group | undefined, name: string): Group {
    if (given) return given;
    const group: Group = {
      id: newId('grp'),
      name,
      avatarType: 'photo_avatar',
      consentPending: false,
      createdAtMs: Date.now(),
    };
    this.account.groups.set(group.id, group);
    this.account.created.groups++;
    return group;
  }

  private newLook(
    name: string,
    group: Group,
    made: { assetId: string | null; width: number; height: number; prompt?: string },
  ): Look {
    const look: Look = {
      id: newId('look'),
      name,
      groupId: group.id,
      assetId: made.assetId,
      width: made.width,
      height: made.height,
      createdAtMs: Date.now(),
      prompt: made.prompt ?? null,
      image: false,
      seed: false,
      visible: false,
      ready: false,
    };
    this.account.looks.set(look.id, look);
    this.account.created.looks++;
    return look;
  }

  /** The add answer; `existing`: the request named where the look goes, so no group was made. */
  private created(ctx: RouteContext, look: Look, existing: unknown): Reply {
    const group = this.account.groups.get(look.groupId) as Group;
    const item = this.settings.shapes.avatarItem === 'null' ? null : this.lookJson(look, 'processing');
    return {
      ...json(200, { data: { avatar_item: item, avatar_group: this.groupJson(group) } }, ctx.requestId),
      created: existing ? 'look' : 'group',
    };
  }

  /** A finished look's preview URL: served by the simulator when it has an image, else a host that only looks like HeyGen's. */
  private previewUrl(look: Look): string | null {
    const status = this.statusOf(look);
    if (status !== 'completed' && status !== 'pending_consent') return null;
    if (!this.files.hasLookImage(look)) return `${FILES_HOST}/preview/${look.id}.jpg`;
    return `${this.origin()}/files/previews/${look.id}.jpg`;
  }

  /** The checked body of POST /v3/avatars, type "prompt" (CreatePromptAvatarRequest). */
  private parsePromptLookRequest(body: Record<string, unknown>): PromptLookRequest {
    const name = requireName(body);
    const prompt = checkPrompt(body.prompt);
    const groupId = optionalId(body, 'avatar_group_id');
    const group = groupId === null ? undefined : this.requireGroup(groupId);
    const lookId = optionalId(body, 'avatar_id');
    let base: Look | undefined;
    if (lookId !== null) {
      base = this.account.looks.get(lookId);
      if (!base || !this.isVisible(base))
        throw new ApiError(400, 'invalid_parameter', `Avatar look ${lookId} not found`, 'avatar_id');
      if (group && base.groupId !== group.id)
        throw new ApiError(
          400,
          'invalid_parameter',
          `Avatar look ${lookId} belongs to group ${base.groupId}, not to avatar_group_id ${group.id}`,
          'avatar_id',
        );
      const status = this.statusOf(base);
      if ((status !== 'completed' && status !== 'pending_consent') || !this.files.hasLookImage(base))
        throw new ApiError(
          400,
          'invalid_parameter',
          `Avatar look ${lookId} has no usable image (status ${status})`,
          'avatar_id',
        );
    }
    return { name, prompt, group, base, referenceAssets: referenceAssets(body.reference_images, this.account.assets) };
  }

  /** The checked body of POST /v3/avatars, type "photo": a photo look from an uploaded asset, in a given group or a new one. */
  private parsePhotoLookRequest(body: Record<string, unknown>): PhotoLookRequest {
    if (body.type !== 'photo')
      throw new ApiError(
        400,
        'invalid_parameter',
        `Unsupported avatar type: ${JSON.stringify(body.type ?? null)}; expected "photo" or "prompt"`,
        'type',
      );
    const name = requireName(body);
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
    const groupId = optionalId(body, 'avatar_group_id');
    return { name, asset, group: groupId === null ? undefined : this.requireGroup(groupId) };
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
    const { lookReadyAfterMs, promptLookReadyAfterMs } = this.settings;
    const readyAfterMs = look.prompt === null ? lookReadyAfterMs : (promptLookReadyAfterMs ?? lookReadyAfterMs);
    if (!look.ready && Date.now() - look.createdAtMs >= readyAfterMs) look.ready = true;
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
      preview_image_url: done ? this.previewUrl(look) : null,
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
      preview_image_url: firstDone ? this.previewUrl(firstDone) : null,
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
