// A local stand-in for the HeyGen v3 API: a real HTTP server on 127.0.0.1 that speaks HeyGen's
// envelopes ({"data": …} / {"error": {code, message, param?}} with real statuses), keeps assets,
// groups and looks in memory, lets looks evolve processing → completed / failed / pending_consent
// over time, and can inject the failures integrators meet in the field (429 with Retry-After,
// 5xx, connection resets before or after the work was done, hangs, HTML 404 pages, 401, 402, 413).
// Facts it follows: /work/shared/reference/heygen-v3.md. Answers carry unknown extra fields on
// purpose (request_id, doc_url, tags, …) so clients stay tolerant of them.
// With `stateFile`, several processes (each with its own simulator on its own port) share one
// logical HeyGen account through a JSON file guarded by a lock file (state.ts).
// Video Agent: POST /v3/video-agents makes a session that goes thinking → generating → completed
// over time; leaving `thinking` makes its video (GET /v3/videos/{id}), whose `video_url` points back
// at this simulator (GET /files/videos/{id}.mp4, no API key, like a CDN) and serves a small MP4.
// Looks keep their image (a photo look its photo, a prompt look the scene composed around its base
// look's person, the seeded look `seedLookImage`), served at GET /files/previews/{look_id}.jpg (no API
// key), which a finished look's preview_image_url names.
// This file is the HTTP server: routing, fault injection, the per-request log. The answers are in
// looks.ts (assets, groups, looks) and video-agent.ts (sessions, videos, files).

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody, type BodyRead } from '../../core/net.ts';
import { SANDBOX_GROUP_ID as SIMULATOR_SEED_GROUP_ID } from '../seed.ts';
import { readImageHeader } from '../../core/media.ts';
import { filesDirOf, SimulatorFiles } from './files.ts';
import { faultReply, payloadTooLarge, type HeyGenFault } from './faults.ts';
import { claimKey, IDEMPOTENT_ROUTES, keepAnswer } from './idempotency.ts';
import { LooksApi, MAX_ASSET_BYTES, type AnswerShapes } from './looks.ts';
import { ApiError, errorReply, html404, json, type Reply } from './replies.ts';
import {
  HEYGEN_SIMULATOR_ROUTES,
  matchRoute,
  normalizeRoute,
  type HeyGenSimulatorRoute,
  type RouteContext,
} from './routes.ts';
import { newId, SharedAccount, StateLockTimeout, type Account } from './state.ts';
import { VideoAgentApi, type VideoAgentSessionStatus } from './video-agent.ts';

export { readImageHeader } from '../../core/media.ts';
export { MAX_ASSET_BYTES, type AnswerShapes } from './looks.ts';
export { MAX_PROMPT_CHARACTERS, PROMPT_LOOK_LONG_EDGE } from './prompt-look.ts';
export { SIMULATOR_VIDEO_FILE_BYTES } from './mp4.ts';
export { HEYGEN_SIMULATOR_ROUTES, type HeyGenSimulatorRoute } from './routes.ts';
export type { HeyGenFault } from './faults.ts';
export type { VideoAgentSessionStatus } from './video-agent.ts';
export { SIMULATOR_SEED_GROUP_ID };

export interface SimulatorOptions {
  /** The key clients must send as `x-api-key`. Default 'sandbox-heygen-key-000000'. */
  apiKey?: string;
  /** A new look answers `processing` for this long, then its final status. Default 3000. */
  lookReadyAfterMs?: number;
  /** A new prompt look (type "prompt") answers `processing` for this long. Default: lookReadyAfterMs. */
  promptLookReadyAfterMs?: number;
  /**
   * The image (JPEG or PNG) of the seeded "Original photo" look, served as its preview and used
   * when a prompt look names it as avatar_id; its size becomes the look's. Default: it has none.
   */
  seedLookImage?: Buffer;
  /** A new look answers 404 avatar_not_found for this long after creation. Default 0. */
  lookInvisibleForMs?: number;
  /**
   * Absolute path of a JSON file holding the account's groups, looks, assets and `created` counts,
   * shared by every simulator given the same path (also across processes). Each API request loads
   * it, works and saves it under an inter-process lock (`stateFile + '.lk'`). Asset bytes and look
   * images are written beside it, in `heygen-simulator-files/` (0600), so every process can use them.
   * The request log, faults and pending `rejectNextAssets` stay per simulator. Default: in memory only.
   */
  stateFile?: string;
  /** Milliseconds to wait before answering a request on a route (models HeyGen's latency). Default none. */
  serviceTimeMs?: Partial<Record<HeyGenSimulatorRoute, number>>;
  /**
   * At most this many looks `processing` at once: a POST /v3/avatars that would make one more is
   * answered 429 rate_limit_exceeded with Retry-After and creates nothing. Default unlimited.
   */
  maxProcessingLooks?: number;
  /** The Retry-After (seconds) of the 429 answered for maxProcessingLooks and maxConcurrentSessions. Default 1. */
  concurrencyRetryAfterSeconds?: number;
  /**
   * At most this many Video Agent sessions unfinished (not `completed` / `failed`) at once: a POST
   * /v3/video-agents past it is answered 429 rate_limit_exceeded with Retry-After and creates nothing.
   * Default 10 (HeyGen's pay-as-you-go concurrency); Infinity for no cap.
   */
  maxConcurrentSessions?: number;
  /** A new Video Agent session stays `thinking` for this long, then `generating`. Default 1000. */
  sessionThinkingMs?: number;
  /** A session (and its video) stays `generating` (video `processing`) this long, then `completed`. Default 2000. */
  videoRenderMs?: number;
  /** A session reviews its plan this long (status `reviewing`) before it generates. Default 0. */
  sessionReviewingMs?: number;
  /** Which of the published schema's allowed shapes the answers take (see AnswerShapes). Default: all `present`. */
  shapes?: Partial<AnswerShapes>;
  /** The origin video and preview URLs point at (default: this simulator); tests set another to play a hostile CDN. */
  filesOrigin?: string;
}

export type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** One Video Agent session as `sessionsSnapshot()` lists it. */
export interface SimulatorSessionSnapshot {
  session_id: string;
  status: VideoAgentSessionStatus;
  /** Null while the session is `thinking`. */
  video_id: string | null;
  avatar_id: string | null;
  callback_id: string | null;
  createdAtMs: number;
}

/** One look as `looksSnapshot()` lists it. */
export interface SimulatorLookSnapshot {
  id: string;
  name: string;
  groupId: string;
  assetId: string | null;
  /** A prompt look's prompt; null for a photo look. */
  prompt: string | null;
  createdAtMs: number;
}

export interface LoggedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The HTTP status answered; 0 when no answer was sent (reset-before, reset-after, hang). */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  created?: 'asset' | 'look' | 'group' | 'session';
  /** A JSON body as sent (contract tests check it against HeyGen's published request schema). */
  body?: unknown;
  /** The parts of a multipart/form-data body, in order (contract tests check their names against the published schema). */
  parts?: { name: string; filename?: string; type?: string }[];
  /** The Idempotency-Key header, when sent. */
  idempotencyKey?: string;
  /** True when the answer was HeyGen's replay of an earlier request with the same key. */
  replayed?: boolean;
}

export const DEFAULT_SIMULATOR_API_KEY = 'sandbox-heygen-key-000000';
/** Room for the multipart envelope around a file at the limit. */
const MAX_BODY_BYTES = MAX_ASSET_BYTES + 1024 * 1024;

/** A request body as the handlers get it: a POST past MAX_BODY_BYTES is answered 413 once it has all arrived. */
type ReadBody = Exclude<BodyRead, { gone: true }>;

export class HeyGenSimulator {
  readonly apiKey: string;
  lookReadyAfterMs: number;
  /** How long a new prompt look stays `processing`; undefined: lookReadyAfterMs (see SimulatorOptions). */
  promptLookReadyAfterMs: number | undefined;
  lookInvisibleForMs: number;
  /** Milliseconds to wait before answering a request on a route; changes apply to the next requests. */
  serviceTimeMs: Partial<Record<HeyGenSimulatorRoute, number>>;
  /** At most this many looks `processing` at once (undefined: unlimited); see SimulatorOptions. */
  maxProcessingLooks: number | undefined;
  /** The Retry-After (seconds) of the 429 answered for maxProcessingLooks and maxConcurrentSessions. */
  concurrencyRetryAfterSeconds: number;
  /** At most this many Video Agent sessions unfinished at once (see SimulatorOptions); changes apply to the next POSTs. */
  maxConcurrentSessions: number;
  /** How long a new session stays `thinking`; see SimulatorOptions. */
  sessionThinkingMs: number;
  /** How long a session stays `generating` (its video `processing`); see SimulatorOptions. */
  videoRenderMs: number;
  /** How long a session stays `reviewing`; see SimulatorOptions. */
  sessionReviewingMs: number;
  /** Where video and preview URLs point (see SimulatorOptions.filesOrigin); changes apply to the next answers. */
  filesOrigin: string | undefined;
  /** The answers' shapes (see AnswerShapes); changes apply to the next requests. */
  shapes: AnswerShapes;
  /** The account's username, as GET /v3/users/me gives it (the owner of its assets). */
  readonly username = 'sandbox';
  /** The shared state file, if any (see SimulatorOptions.stateFile). */
  readonly stateFile: string | undefined;
  /** The seeded look's image (see SimulatorOptions.seedLookImage). */
  readonly seedLookImage: Buffer | undefined;
  /**
   * Each new prompt look (made by this simulator) takes the next of these as the person pasted into
   * its scene, instead of its base look's image: plays HeyGen changing the person's face.
   */
  readonly nextPromptLookFaces: Buffer[] = [];
  readonly requests: LoggedRequest[] = [];
  /**
   * How many assets, looks, groups and Video Agent sessions the API created (seed data and addGroup not
   * counted; reset() keeps these). With stateFile: the account-wide counts as of this simulator's last request.
   */
  readonly created: Account['created'];
  /** How many POST /v3/avatars this simulator answered 429 because of maxProcessingLooks. */
  rateLimited = 0;
  /** How many POST /v3/video-agents this simulator answered 429 because of maxConcurrentSessions. */
  sessionsRateLimited = 0;

  private server: Server | null = null;
  private port = 0;
  private readonly faults = new Map<string, HeyGenFault[]>();
  private readonly shared: SharedAccount;
  private readonly looks: LooksApi;
  private readonly videoAgent: VideoAgentApi;

  constructor(options: SimulatorOptions = {}) {
    this.apiKey = options.apiKey ?? DEFAULT_SIMULATOR_API_KEY;
    this.lookReadyAfterMs = options.lookReadyAfterMs ?? 3000;
    this.promptLookReadyAfterMs = options.promptLookReadyAfterMs;
    this.lookInvisibleForMs = options.lookInvisibleForMs ?? 0;
    this.serviceTimeMs = { ...options.serviceTimeMs };
    this.maxProcessingLooks = options.maxProcessingLooks;
    this.concurrencyRetryAfterSeconds = options.concurrencyRetryAfterSeconds ?? 1;
    this.maxConcurrentSessions = options.maxConcurrentSessions ?? 10;
    this.sessionThinkingMs = options.sessionThinkingMs ?? 1000;
    this.videoRenderMs = options.videoRenderMs ?? 2000;
    this.sessionReviewingMs = options.sessionReviewingMs ?? 0;
    this.shapes = { lookStatus: 'present', avatarItem: 'present', ...options.shapes };
    this.filesOrigin = options.filesOrigin;
    this.stateFile = options.stateFile;
    this.seedLookImage = options.seedLookImage;
    const seedSize = this.seedLookImage ? readImageHeader(this.seedLookImage) : undefined;
    if (seedSize === null || (seedSize && (seedSize.width === 0 || seedSize.height === 0)))
      throw new Error('HeyGenSimulator: seedLookImage must be a readable JPEG or PNG');
    this.shared = new SharedAccount(this.stateFile, seedSize);
    const account = this.shared.account;
    this.created = account.created;
    const files = new SimulatorFiles(this.stateFile ? filesDirOf(this.stateFile) : undefined, this.seedLookImage);
    const origin = () => this.filesOrigin ?? `http://127.0.0.1:${this.port}`;
    // The handlers read the settings from this simulator at each request, so changing them takes effect at once.
    this.looks = new LooksApi(account, this, files, origin);
    this.videoAgent = new VideoAgentApi(account, this, this.looks, origin);
  }

  get url(): string {
    if (!this.server) throw new Error('HeyGenSimulator is not started: call start() first.');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port of 127.0.0.1. With stateFile, first writes the seeded state unless the file exists. */
  start(): Promise<this> {
    if (this.server) return Promise.resolve(this);
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) {
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'internal_error', message: 'Internal server error' } }));
        }
      });
    });
    this.server = server;
    const listen = (): Promise<this> =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          server.off('error', reject);
          this.port = (server.address() as AddressInfo).port;
          resolve(this);
        });
      });
    if (!this.stateFile) return listen();
    return this.shared
      .run(() => undefined)
      .then(listen, (error: unknown) => {
        if (this.server === server) this.server = null;
        throw error;
      });
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return this.flush();
    this.server = null;
    const closed = new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    // With stateFile, let locked work in flight finish so the file and its lock are left consistent.
    return this.stateFile ? Promise.all([closed, this.flush()]).then(() => undefined) : closed;
  }

  /**
   * With stateFile: resolves once the work queued so far (requests in flight, changes from addGroup,
   * approveConsent and rejectAsset) is saved to the file. Without stateFile: resolves at once.
   */
  flush(): Promise<void> {
    return this.shared.flush();
  }

  /** The next `count` uploaded assets get this rejection: the look made from each ends `failed` with it (see rejectAsset). */
  rejectNextAssets(count: number, code: string, message: string): void {
    checkCount('rejectNextAssets', count);
    for (let i = 0; i < count; i++) this.looks.nextAssetRejections.push({ code, message });
  }

  /**
   * The next `count` Video Agent sessions created (by this simulator) end `failed`, their video `failed`
   * with this `failure_code` / `failure_message`, at the moment they would have completed.
   */
  failNextVideos(count: number, code: string, message: string): void {
    checkCount('failNextVideos', count);
    for (let i = 0; i < count; i++) this.videoAgent.nextVideoFailures.push({ code, message });
  }

  /**
   * The next Video Agent session created (by this simulator) asks this after thinking and waits
   * (`waiting_for_input`) until the user answers (POST /v3/video-agents/{id}, chat mode).
   */
  askNextSession(question: string): void {
    this.videoAgent.nextQuestions.push(question);
  }

  /** The next `count` Video Agent sessions created (by this simulator) stay `thinking` forever, with low progress and no video. */
  stickNextSessions(count: number): void {
    checkCount('stickNextSessions', count);
    this.videoAgent.nextStuckSessions += count;
  }

  /** All Video Agent sessions of the account (with stateFile: as the file holds them now), oldest first, with their status now. */
  async sessionsSnapshot(): Promise<SimulatorSessionSnapshot[]> {
    const { sessions } = await this.shared.records();
    const now = Date.now();
    return [...sessions].map((session) => {
      const status = this.videoAgent.statusAt(session, now);
      return {
        session_id: session.id,
        status,
        video_id: status === 'thinking' ? null : session.videoId,
        avatar_id: session.avatarId,
        callback_id: session.callbackId,
        createdAtMs: session.createdAtMs,
      };
    });
  }

  /** All looks of the account (with stateFile: as the file holds them now), oldest first as created. */
  async looksSnapshot(): Promise<SimulatorLookSnapshot[]> {
    const { looks } = await this.shared.records();
    return [...looks].map((l) => ({
      id: l.id,
      name: l.name,
      groupId: l.groupId,
      assetId: l.assetId,
      prompt: l.prompt,
      createdAtMs: l.createdAtMs,
    }));
  }

  /** Faults for the next requests matching `route` (see HEYGEN_SIMULATOR_ROUTES), used in order, one per request. */
  inject(route: string, ...faults: HeyGenFault[]): void {
    const key = normalizeRoute(route);
    if (!(HEYGEN_SIMULATOR_ROUTES as readonly string[]).includes(key)) {
      throw new Error(
        `HeyGenSimulator.inject: unknown route "${route}"; use one of: ${HEYGEN_SIMULATOR_ROUTES.join(', ')}`,
      );
    }
    const queue = this.faults.get(key) ?? [];
    queue.push(...faults);
    this.faults.set(key, queue);
  }

  // addGroup, approveConsent and rejectAsset stay synchronous. With stateFile they check against this
  // simulator's state and the file, and their change is saved to the file in the background, ordered
  // before any request this simulator handles afterwards; await flush() before reading the file elsewhere.

  /** A group of the account; one whose consent is pending is a digital twin (only those need consent). */
  addGroup(group: { id?: string; name: string; consentPending?: boolean }): { id: string } {
    const id = group.id ?? newId('grp');
    const { groups } = this.shared.account;
    if (groups.has(id) || this.shared.peek()?.groups.some((g) => g.id === id))
      throw new Error(`HeyGenSimulator.addGroup: group ${id} already exists`);
    const consentPending = group.consentPending ?? false;
    const avatarType = consentPending ? ('digital_twin' as const) : ('photo_avatar' as const);
    const value = { id, name: group.name, avatarType, consentPending, createdAtMs: Date.now() };
    this.shared.change(() => {
      if (!groups.has(id)) groups.set(id, { ...value });
    });
    return { id };
  }

  approveConsent(groupId: string): void {
    const { groups } = this.shared.account;
    if (!groups.has(groupId) && !this.shared.peek()?.groups.some((g) => g.id === groupId))
      throw new Error(`HeyGenSimulator.approveConsent: unknown group ${groupId}`);
    this.shared.change(() => {
      const group = groups.get(groupId);
      if (group) group.consentPending = false;
    });
  }

  /** The next look added from this asset ends as failed with this code and message (e.g. 'no_face_detected', 'No face detected, please try another photo.'). */
  rejectAsset(assetId: string, code: string, message: string): void {
    const { assets } = this.shared.account;
    if (!assets.has(assetId) && !this.shared.peek()?.assets.some((a) => a.id === assetId))
      throw new Error(`HeyGenSimulator.rejectAsset: unknown asset ${assetId}`);
    this.shared.change(() => {
      const asset = assets.get(assetId);
      if (asset) asset.rejection = { code, message };
    });
  }

  /** Requests logged with that method and a path starting with pathPrefix. */
  count(method: string, pathPrefix: string): number {
    const m = method.toUpperCase();
    return this.requests.filter((r) => r.method === m && r.path.startsWith(pathPrefix)).length;
  }

  /** Clears injected faults and the request log; assets, groups, looks and `created` stay. */
  reset(): void {
    this.faults.clear();
    this.requests.length = 0;
  }

  // ---------------------------------------------------------------- dispatch

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LoggedRequest = { method, path: url.pathname, status: 0, at: Date.now() };
    this.requests.push(entry);
    req.on('error', () => {});
    const key = headerOf(req, 'idempotency-key');
    if (key !== undefined) entry.idempotencyKey = key;

    const match = matchRoute(method, url.pathname);
    const requestId = newId('req');
    const fault = match ? this.faults.get(match.route)?.shift() : undefined;

    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      req.resume(); // read and ignore; the answer never comes (stop() closes the socket)
      return;
    }

    // The whole body is read before any answer, so an early answer never breaks the client's upload.
    const processed = match !== null && (!fault || fault.kind === 'reset-after');
    const body = await readBody(req, processed && method === 'POST' ? MAX_BODY_BYTES : 0, { drain: true });
    if ('gone' in body) return; // the client left: nobody to answer
    const contentType = headerOf(req, 'content-type') ?? '';
    if ('bytes' in body && /json/i.test(contentType)) {
      try {
        entry.body = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        // not JSON: the handler answers 400
      }
    }
    if ('bytes' in body && /^multipart\/form-data/i.test(contentType)) {
      try {
        const form = await new Response(body.bytes, { headers: { 'content-type': contentType } }).formData();
        entry.parts = [...form.entries()].map(([name, value]) =>
          typeof value === 'string' ? { name } : { name, filename: value.name, type: value.type },
        );
      } catch {
        // malformed: the handler answers 400
      }
    }

    let reply: Reply;
    if (!match) reply = html404();
    else if (fault && fault.kind !== 'reset-after') reply = faultReply(fault, requestId);
    else reply = await this.process(match.route, { req, url, params: match.params, requestId }, body);

    if (reply.created) entry.created = reply.created;
    if (reply.replayed) entry.replayed = true;
    if (fault?.kind === 'reset-after') {
      req.socket.destroy();
      return;
    }
    entry.status = reply.status;
    res.writeHead(reply.status, {
      'x-request-id': requestId,
      ...reply.headers,
      'content-length': String(Buffer.byteLength(reply.body)),
    });
    res.end(reply.body);
  }

  private async process(route: HeyGenSimulatorRoute, ctx: RouteContext, body: ReadBody): Promise<Reply> {
    try {
      const key = IDEMPOTENT_ROUTES.has(route) ? headerOf(ctx.req, 'idempotency-key') : undefined;
      // A request HeyGen does not authenticate is refused before its key is looked at or kept.
      if (key === undefined || ctx.req.headers['x-api-key'] !== this.apiKey) return await this.serve(route, ctx, body);
      const keys = this.shared.account.idempotency;
      const claimed = await this.shared.run(() => claimKey(keys, key, route, ctx.requestId));
      if (claimed) return claimed;
      // A request that broke inside (a 500) made nothing: its key is freed, as for any 5xx.
      const reply = await this.serve(route, ctx, body).catch(async (error: unknown) => {
        await this.shared.run(() => this.shared.account.idempotency.delete(key));
        throw error;
      });
      await this.shared.run(() => keepAnswer(this.shared.account.idempotency, key, route, reply));
      return reply;
    } catch (error) {
      if (error instanceof StateLockTimeout)
        return errorReply(
          new ApiError(503, 'internal_error', 'Service temporarily unavailable, please retry'),
          ctx.requestId,
        );
      throw error;
    }
  }

  private async serve(route: HeyGenSimulatorRoute, ctx: RouteContext, body: ReadBody): Promise<Reply> {
    const serviceTime = this.serviceTimeMs[route];
    if (serviceTime !== undefined && serviceTime > 0) await sleep(serviceTime);
    return this.shared.run(() => this.work(route, ctx, body));
  }

  private async work(route: HeyGenSimulatorRoute, ctx: RouteContext, body: ReadBody): Promise<Reply> {
    try {
      // Video files and look previews are served like a CDN's URLs: no API key.
      const cdn = route === 'GET /files/videos/:id' || route === 'GET /files/previews/:id';
      if (!cdn && ctx.req.headers['x-api-key'] !== this.apiKey)
        throw new ApiError(401, 'unauthorized', 'Invalid API key');
      if (ctx.req.method === 'POST' && 'tooLarge' in body) throw payloadTooLarge();
      return await this.answer(route, ctx, 'bytes' in body ? body.bytes : Buffer.alloc(0));
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error, ctx.requestId);
      throw error;
    }
  }

  private answer(route: HeyGenSimulatorRoute, ctx: RouteContext, bytes: Buffer): Reply | Promise<Reply> {
    switch (route) {
      case 'POST /v3/assets':
        return this.looks.uploadAsset(ctx, bytes);
      case 'GET /v3/assets':
        return this.looks.listAssets(ctx);
      case 'DELETE /v3/avatars/looks/:id':
        return this.looks.deleteLook(ctx);
      case 'POST /v3/video-agents/:id':
        return this.videoAgent.sendMessage(ctx, bytes);
      case 'POST /v3/video-agents/:id/stop':
        return this.videoAgent.stop(ctx);
      case 'POST /v3/avatars':
        return this.looks.createLook(ctx, bytes);
      case 'GET /v3/avatars/looks/:id':
        return this.looks.getLook(ctx);
      case 'GET /v3/avatars':
        return this.looks.listGroups(ctx);
      case 'GET /v3/avatars/looks':
        return this.looks.listLooks(ctx);
      case 'GET /v3/users/me':
        return userReply(this.username, ctx.requestId);
      case 'POST /v3/avatars/:id/consent':
        return this.looks.consent(ctx);
      case 'GET /v3/avatars/:id':
        return this.looks.getGroup(ctx);
      case 'POST /v3/video-agents':
        return this.videoAgent.createSession(ctx, bytes);
      case 'GET /v3/video-agents/:id':
        return this.videoAgent.getSession(ctx);
      case 'GET /v3/videos/:id':
        return this.videoAgent.getVideo(ctx);
      case 'GET /files/videos/:id':
        return this.videoAgent.videoFile(ctx);
      case 'GET /files/previews/:id':
        return this.looks.previewFile(ctx);
    }
  }
}

function checkCount(method: string, count: number): void {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`HeyGenSimulator.${method}: count must be a non-negative integer, got ${count}`);
}

/** The account behind the API key: a wallet with money on it. */
function userReply(username: string, requestId: string): Reply {
  const user = {
    username,
    email: 'sandbox@heygen.example',
    first_name: null,
    last_name: null,
    billing_type: 'wallet',
    wallet: { remaining_balance: 42.5, currency: 'usd', auto_reload: null },
    subscription: null,
    usage_based: null,
  };
  return json(200, { data: user }, requestId);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
