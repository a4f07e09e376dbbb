// A local stand-in for the HeyGen v3 API: a real HTTP server on 127.0.0.1 that speaks HeyGen's
// envelopes ({"data": …} / {"error": {code, message, param?}} with real statuses), keeps assets,
// groups and looks in memory, lets looks evolve processing → completed / failed / pending_consent
// over time, and can inject the failures integrators meet in the field (429 with Retry-After,
// 5xx, connection resets before or after the work was done, hangs, HTML 404 pages, 401, 402, 413).
// Facts it follows: /work/shared/reference/heygen-v3.md. Answers carry unknown extra fields on
// purpose (request_id, doc_url, tags, …) so clients stay tolerant of them.
// With `stateFile`, several processes (each with its own simulator on its own port) share one
// logical HeyGen account through a JSON file guarded by a mkdir lock.
// Video Agent: POST /v3/video-agents makes a session that goes thinking → generating → completed
// over time; leaving `thinking` makes its video (GET /v3/videos/{id}), whose `video_url` points back
// at this simulator (GET /files/videos/{id}.mp4, no API key, like a CDN) and serves a small MP4.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SimulatorOptions {
  /** The key clients must send as `x-api-key`. Default 'sandbox-heygen-key-000000'. */
  apiKey?: string;
  /** A new look answers `processing` for this long, then its final status. Default 3000. */
  lookReadyAfterMs?: number;
  /** A new look answers 404 avatar_not_found for this long after creation. Default 0. */
  lookInvisibleForMs?: number;
  /**
   * Absolute path of a JSON file holding the account's groups, looks, assets (without their bytes)
   * and `created` counts, shared by every simulator given the same path (also across processes).
   * Each API request loads it, works and saves it under an inter-process lock (`stateFile + '.lock'`).
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
}

export type VideoAgentSessionStatus = 'thinking' | 'generating' | 'completed' | 'failed';
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
  createdAtMs: number;
}

export type HeyGenFault =
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'hang' }
  | { kind: 'html-404' }
  | { kind: 'unauthorized' }
  | { kind: 'insufficient-credit' }
  | { kind: 'payload-too-large' };

export interface LoggedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The HTTP status answered; 0 when no answer was sent (reset-before, reset-after, hang). */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  created?: 'asset' | 'look' | 'group' | 'session';
}

/** The routes faults can be injected on, as `inject()` takes them. */
export const HEYGEN_SIMULATOR_ROUTES = [
  'POST /v3/assets',
  'POST /v3/avatars',
  'GET /v3/avatars/looks/:id',
  'GET /v3/avatars',
  'GET /v3/avatars/looks',
  'GET /v3/users/me',
  'POST /v3/avatars/:id/consent',
  'GET /v3/avatars/:id',
  'POST /v3/video-agents',
  'GET /v3/video-agents/:id',
  'GET /v3/videos/:id',
  /** The simulator's CDN for finished videos: not under /v3, needs no x-api-key; HEAD is served too. */
  'GET /files/videos/:id',
] as const;
export type HeyGenSimulatorRoute = (typeof HEYGEN_SIMULATOR_ROUTES)[number];

export const DEFAULT_SIMULATOR_API_KEY = 'sandbox-heygen-key-000000';
export { SANDBOX_GROUP_ID as SIMULATOR_SEED_GROUP_ID } from '../seed.ts';
import { SANDBOX_GROUP_ID as SIMULATOR_SEED_GROUP_ID } from '../seed.ts';
/** HeyGen's asset size limit. */
export const MAX_ASSET_BYTES = 32 * 1024 * 1024;
/** Room for the multipart envelope around a file at the limit. */
const MAX_BODY_BYTES = MAX_ASSET_BYTES + 1024 * 1024;
/** Video Agent limits (HeyGen v3). */
const MAX_PROMPT_CHARS = 10_000;
const MAX_AGENT_FILES = 20;
/** Size of the sample MP4 served for each finished video. */
export const SIMULATOR_VIDEO_FILE_BYTES = 200 * 1024;
/** How long a signed video URL is valid, as HeyGen's are. */
const SIGNED_URL_TTL_S = 7 * 86_400;
/** Progress (0–100) a session reaches at the end of `thinking`; `generating` then rises to 99. */
const THINKING_PROGRESS = 10;

const FILES_HOST = 'https://files.heygen.example';
const APP_HOST = 'https://app.heygen.example';
const DOCS_HOST = 'https://developers.heygen.example';

type ImageMime = 'image/png' | 'image/jpeg';
type LookStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';

interface Asset {
  id: string;
  /** Empty for an asset loaded from the state file (bytes are not persisted). */
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
  createdAtMs: number;
  /** Consumed by the next look made from this asset. */
  rejection?: { code: string; message: string };
}

interface Group {
  id: string;
  name: string;
  consentPending: boolean;
  createdAtMs: number;
}

interface Look {
  id: string;
  name: string;
  groupId: string;
  assetId: string | null;
  width: number;
  height: number;
  createdAtMs: number;
  rejection?: { code: string; message: string };
  /** Sticky once reached, so raising the delays later never moves a look back. */
  visible: boolean;
  ready: boolean;
}

interface Session {
  id: string;
  prompt: string;
  avatarId: string | null;
  voiceId: string | null;
  styleId: string | null;
  orientation: 'landscape' | 'portrait';
  fileAssetIds: string[];
  callbackUrl: string | null;
  callbackId: string | null;
  mode: 'generate' | 'chat';
  /** Chosen at creation, revealed (and the video made) when the session leaves `thinking`. */
  videoId: string;
  createdAtMs: number;
  /** When the session left `thinking`; sticky once set, so raising the delays later never moves it back. */
  generatingAtMs: number | null;
  /** When the session finished (completed or failed); sticky once set. */
  finishedAtMs: number | null;
  /** From stickNextSessions: never leaves `thinking`. */
  stuck: boolean;
  /** From failNextVideos: ends `failed` with this instead of `completed`. */
  failure: { code: string; message: string } | null;
}

interface Video {
  id: string;
  sessionId: string;
  status: 'processing' | 'completed' | 'failed';
  createdAtMs: number;
  completedAtMs: number | null;
  durationSeconds: number;
  failure: { code: string; message: string } | null;
}

/** The content of the state file. */
interface PersistedState {
  version: 1;
  /** `sessions` is absent in files written before Video Agent existed. */
  created: { assets: number; looks: number; groups: number; sessions?: number };
  groups: Group[];
  looks: Look[];
  assets: Omit<Asset, 'bytes'>[];
  /** Absent in files written before Video Agent existed. */
  sessions?: Session[];
  videos?: Video[];
}

const LOCK_RETRY_MIN_MS = 5;
const LOCK_RETRY_JITTER_MS = 5;
const LOCK_STALE_MS = 10_000;
const LOCK_TIMEOUT_MS = 5_000;

class LockTimeoutError extends Error {}

interface Reply {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
  created?: 'asset' | 'look' | 'group' | 'session';
}

interface Context {
  req: IncomingMessage;
  url: URL;
  params: string[];
  requestId: string;
}

class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, param?: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
    this.headers = headers;
  }
}

const HTML_404 =
  '<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

function hex16(): string {
  return randomBytes(8).toString('hex');
}

/** Reads PNG (IHDR) or JPEG (SOFn) dimensions from the header bytes; null when unreadable. */
export function readImageHeader(bytes: Uint8Array): { mime: ImageMime; width: number; height: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(b)) {
    if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return { mime: 'image/png', width: 0, height: 0 };
    return { mime: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (isJpeg(b)) {
    let i = 2;
    while (i + 3 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1] ?? 0;
      if (marker === 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // standalone markers
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any SOF
      const length = b.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof && i + 8 < b.length) {
        return { mime: 'image/jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + length;
    }
    return { mime: 'image/jpeg', width: 0, height: 0 };
  }
  return null;
}

function isPng(b: Buffer): boolean {
  return (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  );
}

function isJpeg(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' {
  if (Math.abs(width - height) <= Math.max(width, height) * 0.02) return 'square';
  return width > height ? 'landscape' : 'portrait';
}

function normalizeRoute(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/);
  return `${method.toUpperCase()} ${path.replace(/\/+$/, '').replace(/\/(:[A-Za-z_]+|\{[A-Za-z_]+\})(?=\/|$)/g, '/:id')}`;
}

/** Which simulator route a request is, with its path parameters; null for an unknown route. */
function matchRoute(method: string, path: string): { route: HeyGenSimulatorRoute; params: string[] } | null {
  const s = path.split('/').slice(1);
  if (s[0] === 'files') {
    const file = s[2];
    if ((method === 'GET' || method === 'HEAD') && s.length === 3 && s[1] === 'videos' && file)
      return { route: 'GET /files/videos/:id', params: [decodeURIComponent(file)] };
    return null;
  }
  if (s[0] !== 'v3') return null;
  const [a, b, c, d] = [s[1], s[2], s[3], s[4]];
  const n = s.length;
  if (method === 'POST' && n === 2 && a === 'assets') return { route: 'POST /v3/assets', params: [] };
  if (method === 'GET' && n === 3 && a === 'users' && b === 'me') return { route: 'GET /v3/users/me', params: [] };
  if (a === 'video-agents') {
    if (method === 'POST' && n === 2) return { route: 'POST /v3/video-agents', params: [] };
    if (method === 'GET' && n === 3 && b) return { route: 'GET /v3/video-agents/:id', params: [decodeURIComponent(b)] };
    return null;
  }
  if (a === 'videos') {
    if (method === 'GET' && n === 3 && b) return { route: 'GET /v3/videos/:id', params: [decodeURIComponent(b)] };
    return null;
  }
  if (a !== 'avatars') return null;
  if (n === 2) {
    if (method === 'POST') return { route: 'POST /v3/avatars', params: [] };
    if (method === 'GET') return { route: 'GET /v3/avatars', params: [] };
    return null;
  }
  if (!b) return null;
  if (b === 'looks') {
    if (method === 'GET' && n === 3) return { route: 'GET /v3/avatars/looks', params: [] };
    if (method === 'GET' && n === 4 && c)
      return { route: 'GET /v3/avatars/looks/:id', params: [decodeURIComponent(c)] };
    return null;
  }
  if (method === 'GET' && n === 3) return { route: 'GET /v3/avatars/:id', params: [decodeURIComponent(b)] };
  if (method === 'POST' && n === 4 && c === 'consent' && d === undefined)
    return { route: 'POST /v3/avatars/:id/consent', params: [decodeURIComponent(b)] };
  return null;
}

/** Reads the whole body (so early answers never break the client's upload), keeping at most `cap` bytes. */
function readBody(req: IncomingMessage, cap: number): Promise<{ bytes: Buffer; size: number; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        over = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve({ bytes: over ? Buffer.alloc(0) : Buffer.concat(chunks), size, over }));
    req.on('error', reject);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class HeyGenSimulator {
  readonly apiKey: string;
  lookReadyAfterMs: number;
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
  /** The shared state file, if any (see SimulatorOptions.stateFile). */
  readonly stateFile: string | undefined;
  readonly requests: LoggedRequest[] = [];
  /**
   * How many assets, looks, groups and Video Agent sessions the API created (seed data and addGroup not
   * counted; reset() keeps these). With stateFile: the account-wide counts as of this simulator's last request.
   */
  readonly created = { assets: 0, looks: 0, groups: 0, sessions: 0 };
  /** How many POST /v3/avatars this simulator answered 429 because of maxProcessingLooks. */
  rateLimited = 0;
  /** How many POST /v3/video-agents this simulator answered 429 because of maxConcurrentSessions. */
  sessionsRateLimited = 0;

  private server: Server | null = null;
  private port = 0;
  private readonly faults = new Map<string, HeyGenFault[]>();
  private readonly assets = new Map<string, Asset>();
  private readonly groups = new Map<string, Group>();
  private readonly looks = new Map<string, Look>();
  private readonly sessions = new Map<string, Session>();
  private readonly videos = new Map<string, Video>();
  /** Rejections for the next uploaded assets, in order (per simulator, never persisted). */
  private readonly nextAssetRejections: { code: string; message: string }[] = [];
  /** Failures for the videos of the next sessions, in order (per simulator, never persisted). */
  private readonly nextVideoFailures: { code: string; message: string }[] = [];
  /** How many of the next sessions stay `thinking` forever (per simulator, never persisted). */
  private nextStuckSessions = 0;
  /** The last few sample MP4s served, by video id. */
  private readonly videoFiles = new Map<string, Buffer>();
  /** With stateFile: changes from addGroup/approveConsent/rejectAsset, applied at the next locked load. */
  private readonly pendingMutations: (() => void)[] = [];
  /** With stateFile: serializes this simulator's locked work so it never polls for its own lock. */
  private stateTail: Promise<unknown> = Promise.resolve();

  constructor(options: SimulatorOptions = {}) {
    this.apiKey = options.apiKey ?? DEFAULT_SIMULATOR_API_KEY;
    this.lookReadyAfterMs = options.lookReadyAfterMs ?? 3000;
    this.lookInvisibleForMs = options.lookInvisibleForMs ?? 0;
    this.serviceTimeMs = { ...options.serviceTimeMs };
    this.maxProcessingLooks = options.maxProcessingLooks;
    this.concurrencyRetryAfterSeconds = options.concurrencyRetryAfterSeconds ?? 1;
    this.maxConcurrentSessions = options.maxConcurrentSessions ?? 10;
    this.sessionThinkingMs = options.sessionThinkingMs ?? 1000;
    this.videoRenderMs = options.videoRenderMs ?? 2000;
    this.stateFile = options.stateFile;
    const seededAt = Date.now() - 86_400_000;
    this.groups.set(SIMULATOR_SEED_GROUP_ID, {
      id: SIMULATOR_SEED_GROUP_ID,
      name: 'My avatar',
      consentPending: false,
      createdAtMs: seededAt,
    });
    const seedLook = `look_${hex16()}`;
    this.looks.set(seedLook, {
      id: seedLook,
      name: 'Original photo',
      groupId: SIMULATOR_SEED_GROUP_ID,
      assetId: null,
      width: 1920,
      height: 1080,
      createdAtMs: seededAt,
      visible: true,
      ready: true,
    });
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
    return this.withState(() => undefined).then(listen, (error: unknown) => {
      if (this.server === server) this.server = null;
      throw error;
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return this.stateFile ? this.flush() : Promise.resolve();
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
  async flush(): Promise<void> {
    if (!this.stateFile) return;
    if (this.pendingMutations.length > 0) {
      await this.withState(() => undefined).catch(() => undefined);
    } else {
      await this.stateTail.catch(() => undefined);
    }
  }

  /** The next `count` uploaded assets get this rejection: the look made from each ends `failed` with it (see rejectAsset). */
  rejectNextAssets(count: number, code: string, message: string): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`HeyGenSimulator.rejectNextAssets: count must be a non-negative integer, got ${count}`);
    for (let i = 0; i < count; i++) this.nextAssetRejections.push({ code, message });
  }

  /**
   * The next `count` Video Agent sessions created (by this simulator) end `failed`, their video `failed`
   * with this `failure_code` / `failure_message`, at the moment they would have completed.
   */
  failNextVideos(count: number, code: string, message: string): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`HeyGenSimulator.failNextVideos: count must be a non-negative integer, got ${count}`);
    for (let i = 0; i < count; i++) this.nextVideoFailures.push({ code, message });
  }

  /** The next `count` Video Agent sessions created (by this simulator) stay `thinking` forever, with low progress and no video. */
  stickNextSessions(count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`HeyGenSimulator.stickNextSessions: count must be a non-negative integer, got ${count}`);
    this.nextStuckSessions += count;
  }

  /** All Video Agent sessions of the account (with stateFile: as the file holds them now), oldest first, with their status now. */
  async sessionsSnapshot(): Promise<SimulatorSessionSnapshot[]> {
    let sessions: Iterable<Session> = this.sessions.values();
    if (this.stateFile) {
      const state = await readState(this.stateFile);
      if (state) sessions = state.sessions ?? [];
    }
    const now = Date.now();
    return [...sessions].map((session) => {
      const status = this.sessionStatus(this.phaseOf(session, now), session);
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
    let looks: Iterable<Look> = this.looks.values();
    if (this.stateFile) {
      // Saves are atomic renames, so reading without the lock sees a whole state.
      const state = await readState(this.stateFile);
      if (state) looks = state.looks;
    }
    return [...looks].map((l) => ({
      id: l.id,
      name: l.name,
      groupId: l.groupId,
      assetId: l.assetId,
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

  addGroup(group: { id?: string; name: string; consentPending?: boolean }): { id: string } {
    const id = group.id ?? `grp_${hex16()}`;
    if (this.groups.has(id) || this.peekState()?.groups.some((g) => g.id === id))
      throw new Error(`HeyGenSimulator.addGroup: group ${id} already exists`);
    const value: Group = {
      id,
      name: group.name,
      consentPending: group.consentPending ?? false,
      createdAtMs: Date.now(),
    };
    this.mutate(() => {
      if (!this.groups.has(id)) this.groups.set(id, { ...value });
    });
    return { id };
  }

  approveConsent(groupId: string): void {
    if (!this.groups.has(groupId) && !this.peekState()?.groups.some((g) => g.id === groupId))
      throw new Error(`HeyGenSimulator.approveConsent: unknown group ${groupId}`);
    this.mutate(() => {
      const group = this.groups.get(groupId);
      if (group) group.consentPending = false;
    });
  }

  /** The next look added from this asset ends as failed with this code and message (e.g. 'no_face_detected', 'No face detected, please try another photo.'). */
  rejectAsset(assetId: string, code: string, message: string): void {
    if (!this.assets.has(assetId) && !this.peekState()?.assets.some((a) => a.id === assetId))
      throw new Error(`HeyGenSimulator.rejectAsset: unknown asset ${assetId}`);
    this.mutate(() => {
      const asset = this.assets.get(assetId);
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
    const at = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LoggedRequest = { method, path: url.pathname, status: 0, at };
    this.requests.push(entry);
    req.on('error', () => {});

    const match = matchRoute(method, url.pathname);
    const requestId = `req_${hex16()}`;
    const fault = match ? this.faults.get(match.route)?.shift() : undefined;

    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      req.resume(); // read and ignore; the answer never comes (stop() closes the socket)
      return;
    }

    let reply: Reply;
    if (!match) {
      await readBody(req, 0);
      reply = html404();
    } else if (fault && fault.kind !== 'reset-after') {
      await readBody(req, 0);
      reply = faultReply(fault, requestId);
    } else {
      reply = await this.process(req, url, match.route, match.params, requestId);
    }

    if (reply.created) entry.created = reply.created;
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

  private async process(
    req: IncomingMessage,
    url: URL,
    route: HeyGenSimulatorRoute,
    params: string[],
    requestId: string,
  ): Promise<Reply> {
    const isPost = req.method === 'POST';
    const body = await readBody(req, isPost ? MAX_BODY_BYTES : 0);
    const serviceTime = this.serviceTimeMs[route];
    if (serviceTime !== undefined && serviceTime > 0) await sleep(serviceTime);
    if (!this.stateFile) return this.work(req, url, route, params, requestId, body);
    try {
      return await this.withState(() => this.work(req, url, route, params, requestId, body));
    } catch (error) {
      if (error instanceof LockTimeoutError)
        return errorReply(
          new ApiError(503, 'internal_error', 'Service temporarily unavailable, please retry'),
          requestId,
        );
      throw error;
    }
  }

  private async work(
    req: IncomingMessage,
    url: URL,
    route: HeyGenSimulatorRoute,
    params: string[],
    requestId: string,
    body: { bytes: Buffer; over: boolean },
  ): Promise<Reply> {
    const isPost = req.method === 'POST';
    try {
      // The video files are served like a CDN's signed URLs: no API key.
      if (route !== 'GET /files/videos/:id' && req.headers['x-api-key'] !== this.apiKey)
        throw new ApiError(401, 'unauthorized', 'Invalid API key');
      if (isPost && body.over)
        throw new ApiError(
          413,
          'payload_too_large',
          `Request payload exceeds the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit`,
        );
      const ctx: Context = { req, url, params, requestId };
      switch (route) {
        case 'POST /v3/assets':
          return await this.uploadAsset(ctx, body.bytes);
        case 'POST /v3/avatars':
          return this.createLook(ctx, body.bytes);
        case 'GET /v3/avatars/looks/:id':
          return this.getLook(ctx);
        case 'GET /v3/avatars':
          return this.listGroups(ctx);
        case 'GET /v3/avatars/looks':
          return this.listLooks(ctx);
        case 'GET /v3/users/me':
          return json(
            200,
            {
              data: {
                username: 'sandbox',
                email: 'sandbox@heygen.example',
                billing_type: 'wallet',
                wallet: { remaining_balance: 42.5, currency: 'usd' },
              },
            },
            requestId,
          );
        case 'POST /v3/avatars/:id/consent':
          return this.consent(ctx);
        case 'GET /v3/avatars/:id':
          return json(200, { data: this.groupJson(this.requireGroup(ctx.params[0] ?? '')) }, requestId);
        case 'POST /v3/video-agents':
          return this.createSession(ctx, body.bytes);
        case 'GET /v3/video-agents/:id':
          return this.getSession(ctx);
        case 'GET /v3/videos/:id':
          return this.getVideo(ctx);
        case 'GET /files/videos/:id':
          return this.videoFile(ctx);
      }
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error, requestId);
      throw error;
    }
  }

  // ---------------------------------------------------------------- shared state

  /** Applies a change now (in memory) or, with stateFile, at the next locked load, saving it in the background. */
  private mutate(change: () => void): void {
    if (!this.stateFile) {
      change();
      return;
    }
    this.pendingMutations.push(change);
    this.withState(() => undefined).catch(() => undefined); // a failed save keeps the change pending
  }

  /** The state file's content read synchronously without the lock (saves are atomic); null if absent or unreadable. */
  private peekState(): PersistedState | null {
    if (!this.stateFile) return null;
    try {
      return parseState(readFileSync(this.stateFile, 'utf8'));
    } catch {
      return null;
    }
  }

  /**
   * Runs `work` under the inter-process lock with the state loaded from the file (when it exists),
   * then saves the state. One at a time per simulator. Rejects with LockTimeoutError when the lock
   * stays taken for LOCK_TIMEOUT_MS.
   */
  private withState<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.stateTail.then(() => this.underLock(work));
    this.stateTail = run.catch(() => undefined);
    return run;
  }

  private async underLock<T>(work: () => T | Promise<T>): Promise<T> {
    const file = this.stateFile;
    if (!file) return work();
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const lock = `${file}.lock`;
    await acquireLock(lock);
    try {
      const state = await readState(file);
      if (state) this.applyState(state);
      for (const change of this.pendingMutations.splice(0)) change();
      try {
        return await work();
      } finally {
        await writeStateAtomically(file, this.snapshotState());
      }
    } finally {
      await rmdir(lock).catch(() => undefined);
    }
  }

  private applyState(state: PersistedState): void {
    const previous = this.assets;
    const assets = state.assets.map((a): Asset => {
      const bytes = previous.get(a.id)?.bytes ?? Buffer.alloc(0);
      return { ...a, bytes };
    });
    this.assets.clear();
    for (const a of assets) this.assets.set(a.id, a);
    this.groups.clear();
    for (const g of state.groups) this.groups.set(g.id, g);
    this.looks.clear();
    for (const l of state.looks) this.looks.set(l.id, l);
    this.sessions.clear();
    for (const s of state.sessions ?? []) this.sessions.set(s.id, s);
    this.videos.clear();
    for (const v of state.videos ?? []) this.videos.set(v.id, v);
    Object.assign(this.created, state.created);
    this.created.sessions = state.created.sessions ?? 0;
  }

  private snapshotState(): PersistedState {
    return {
      version: 1,
      created: { ...this.created },
      groups: [...this.groups.values()],
      looks: [...this.looks.values()],
      assets: [...this.assets.values()].map(({ bytes: _bytes, ...rest }) => rest),
      sessions: [...this.sessions.values()],
      videos: [...this.videos.values()],
    };
  }

  // ---------------------------------------------------------------- handlers

  private async uploadAsset(ctx: Context, bytes: Buffer): Promise<Reply> {
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
    const id = `ast_${hex16()}`;
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
    this.assets.set(id, asset);
    this.created.assets++;
    const ext = header.mime === 'image/png' ? 'png' : 'jpg';
    return {
      ...json(
        200,
        {
          data: {
            asset_id: id,
            url: `${FILES_HOST}/asset/${id}.${ext}`,
            mime_type: header.mime,
            size_bytes: data.length,
            created_at: Math.floor(Date.now() / 1000),
          },
        },
        ctx.requestId,
      ),
      created: 'asset',
    };
  }

  private createLook(ctx: Context, bytes: Buffer): Reply {
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new ApiError(400, 'invalid_parameter', 'Request body must be valid JSON');
    }
    if (!isRecord(body)) throw new ApiError(400, 'invalid_parameter', 'Request body must be a JSON object');
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
    const asset = typeof file.asset_id === 'string' ? this.assets.get(file.asset_id) : undefined;
    if (!asset)
      throw new ApiError(400, 'invalid_parameter', `Asset ${String(file.asset_id)} not found`, 'file.asset_id');
    if (asset.width === 0 || asset.height === 0)
      throw new ApiError(400, 'invalid_parameter', 'The image could not be read', 'file.asset_id');

    const groupIdValue = body.avatar_group_id;
    let group: Group | undefined;
    if (groupIdValue !== undefined && groupIdValue !== null && groupIdValue !== '') {
      if (typeof groupIdValue !== 'string')
        throw new ApiError(400, 'invalid_parameter', 'avatar_group_id must be a string', 'avatar_group_id');
      group = this.requireGroup(groupIdValue);
    }

    const cap = this.maxProcessingLooks;
    if (cap !== undefined && [...this.looks.values()].filter((l) => !this.isReady(l)).length >= cap) {
      this.rateLimited++;
      const seconds = this.concurrencyRetryAfterSeconds;
      throw new ApiError(
        429,
        'rate_limit_exceeded',
        `Too many avatars processing at once (limit ${cap}). Retry after ${seconds} seconds.`,
        undefined,
        { 'retry-after': String(seconds) },
      );
    }

    let createdGroup = false;
    if (!group) {
      // Real HeyGen makes a new group when none is given.
      const id = `grp_${hex16()}`;
      group = { id, name: body.name, consentPending: false, createdAtMs: Date.now() };
      this.groups.set(id, group);
      this.created.groups++;
      createdGroup = true;
    }

    const look: Look = {
      id: `look_${hex16()}`,
      name: body.name,
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
    this.looks.set(look.id, look);
    this.created.looks++;
    const item = { ...this.lookJson(look), status: 'processing' };
    return {
      ...json(200, { data: { avatar_item: item, avatar_group: this.groupJson(group) } }, ctx.requestId),
      created: createdGroup ? 'group' : 'look',
    };
  }

  private getLook(ctx: Context): Reply {
    const id = ctx.params[0] ?? '';
    const look = this.looks.get(id);
    if (!look || !this.isVisible(look)) throw new ApiError(404, 'avatar_not_found', `Avatar look ${id} not found`);
    return json(200, { data: this.lookJson(look) }, ctx.requestId);
  }

  private listGroups(ctx: Context): Reply {
    const q = ctx.url.searchParams;
    const ownership = this.ownership(q);
    const { limit, offset } = this.paging(q, 'groups');
    const all = ownership === 'public' ? [] : [...this.groups.values()];
    return this.page(
      all.map((g) => this.groupJson(g)),
      limit,
      offset,
      'groups',
      ctx.requestId,
    );
  }

  private listLooks(ctx: Context): Reply {
    const q = ctx.url.searchParams;
    const groupId = q.get('group_id');
    if (groupId) this.requireGroup(groupId);
    const avatarType = q.get('avatar_type');
    if (avatarType !== null && !['photo_avatar', 'digital_twin', 'studio_avatar'].includes(avatarType)) {
      throw new ApiError(400, 'invalid_parameter', `Invalid avatar_type "${avatarType}"`, 'avatar_type');
    }
    const ownership = this.ownership(q);
    const { limit, offset } = this.paging(q, 'looks');
    const all =
      ownership === 'public' || (avatarType !== null && avatarType !== 'photo_avatar')
        ? []
        : [...this.looks.values()].filter((l) => (!groupId || l.groupId === groupId) && this.isVisible(l));
    return this.page(
      all.map((l) => this.lookJson(l)),
      limit,
      offset,
      'looks',
      ctx.requestId,
    );
  }

  private consent(ctx: Context): Reply {
    const group = this.requireGroup(ctx.params[0] ?? '');
    // Only a URL for the person to open; it approves nothing by itself.
    return json(
      200,
      { data: { url: `${APP_HOST}/consent/${randomBytes(12).toString('hex')}`, avatar_group_id: group.id } },
      ctx.requestId,
    );
  }

  // ---------------------------------------------------------------- Video Agent and videos

  private createSession(ctx: Context, bytes: Buffer): Reply {
    const body = parseJsonObject(bytes);
    const prompt = body.prompt;
    if (typeof prompt !== 'string' || prompt.trim() === '')
      throw new ApiError(400, 'invalid_parameter', 'prompt is required', 'prompt');
    if ([...prompt].length > MAX_PROMPT_CHARS)
      throw new ApiError(400, 'invalid_parameter', `prompt must be at most ${MAX_PROMPT_CHARS} characters`, 'prompt');
    const avatarId = optionalString(body, 'avatar_id');
    const voiceId = optionalString(body, 'voice_id');
    const styleId = optionalString(body, 'style_id');
    const callbackUrl = optionalString(body, 'callback_url');
    const callbackId = optionalString(body, 'callback_id');
    if (callbackUrl !== null && !isHttpUrl(callbackUrl))
      throw new ApiError(400, 'invalid_parameter', 'callback_url must be an http(s) URL', 'callback_url');
    const orientation = body.orientation ?? null;
    if (orientation !== null && orientation !== 'landscape' && orientation !== 'portrait') {
      throw new ApiError(400, 'invalid_parameter', 'orientation must be "landscape" or "portrait"', 'orientation');
    }
    const mode = body.mode ?? 'generate';
    if (mode !== 'generate' && mode !== 'chat')
      throw new ApiError(400, 'invalid_parameter', 'mode must be "generate" or "chat"', 'mode');
    const fileAssetIds = this.agentFiles(body.files);

    let look: Look | undefined;
    if (avatarId !== null) {
      look = this.looks.get(avatarId);
      if (!look || !this.isVisible(look))
        throw new ApiError(404, 'avatar_not_found', `Avatar look ${avatarId} not found`, 'avatar_id');
      const status = this.statusOf(look);
      if (status !== 'completed') {
        throw new ApiError(
          400,
          'invalid_parameter',
          `Avatar ${avatarId} is not ready for video generation (status: ${status}); wait until it is completed`,
          'avatar_id',
        );
      }
    }

    const now = Date.now();
    this.advanceSessions(now);
    const cap = this.maxConcurrentSessions;
    const unfinished = [...this.sessions.values()].filter((s) => s.finishedAtMs === null).length;
    if (unfinished >= cap) {
      this.sessionsRateLimited++;
      const seconds = this.concurrencyRetryAfterSeconds;
      throw new ApiError(
        429,
        'rate_limit_exceeded',
        `Too many concurrent Video Agent sessions (limit ${cap}). Retry after ${seconds} seconds.`,
        undefined,
        { 'retry-after': String(seconds) },
      );
    }

    const stuck = this.nextStuckSessions > 0;
    if (stuck) this.nextStuckSessions--;
    const lookOrientation = look ? orientationOf(look.width, look.height) : 'landscape';
    const session: Session = {
      id: `sess_${hex16()}`,
      prompt,
      avatarId,
      voiceId,
      styleId,
      orientation: orientation ?? (lookOrientation === 'portrait' ? 'portrait' : 'landscape'),
      fileAssetIds,
      callbackUrl,
      callbackId,
      mode,
      videoId: `vid_${hex16()}`,
      createdAtMs: now,
      generatingAtMs: null,
      finishedAtMs: null,
      stuck,
      failure: this.nextVideoFailures.shift() ?? null,
    };
    this.sessions.set(session.id, session);
    this.created.sessions++;
    this.advanceSession(session, now);
    const status = this.sessionStatus(session, session);
    const data = {
      session_id: session.id,
      status,
      video_id: status === 'thinking' ? null : session.videoId,
      created_at: Math.floor(now / 1000),
    };
    return { ...json(200, { data }, ctx.requestId), created: 'session' };
  }

  /** The asset ids of a Video Agent `files` field (≤ 20 `{type: "asset_id", asset_id}` of existing assets). */
  private agentFiles(value: unknown): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new ApiError(400, 'invalid_parameter', 'files must be an array', 'files');
    if (value.length > MAX_AGENT_FILES)
      throw new ApiError(400, 'invalid_parameter', `files takes at most ${MAX_AGENT_FILES} entries`, 'files');
    return value.map((entry: unknown, i) => {
      if (!isRecord(entry))
        throw new ApiError(400, 'invalid_parameter', `files[${i}] must be an object`, `files[${i}]`);
      if (entry.type !== 'asset_id') {
        throw new ApiError(
          400,
          'invalid_parameter',
          `Unsupported file type "${String(entry.type)}" (the simulator accepts only "asset_id")`,
          `files[${i}].type`,
        );
      }
      if (typeof entry.asset_id !== 'string' || !this.assets.has(entry.asset_id)) {
        throw new ApiError(
          400,
          'invalid_parameter',
          `Asset ${String(entry.asset_id)} not found`,
          `files[${i}].asset_id`,
        );
      }
      return entry.asset_id;
    });
  }

  private getSession(ctx: Context): Reply {
    const id = ctx.params[0] ?? '';
    const session = this.sessions.get(id);
    if (!session) throw new ApiError(404, 'not_found', `Video Agent session ${id} not found`);
    const now = Date.now();
    this.advanceSession(session, now);
    return json(200, { data: this.sessionJson(session, now) }, ctx.requestId);
  }

  private getVideo(ctx: Context): Reply {
    const id = ctx.params[0] ?? '';
    const now = Date.now();
    this.advanceSessions(now);
    const video = this.videos.get(id);
    if (!video) throw new ApiError(404, 'video_not_found', `Video ${id} not found`);
    return json(200, { data: this.videoJson(video, now) }, ctx.requestId);
  }

  /** GET (or HEAD) /files/videos/<video_id>.mp4: the finished video's bytes; honours `Range: bytes=N-`, `N-M` and `-N`. */
  private videoFile(ctx: Context): Reply {
    const name = ctx.params[0] ?? '';
    const id = name.endsWith('.mp4') ? name.slice(0, -'.mp4'.length) : '';
    this.advanceSessions(Date.now());
    const video = id ? this.videos.get(id) : undefined;
    if (!video || video.status !== 'completed') throw new ApiError(404, 'not_found', `File ${name} not found`);
    const bytes = this.videoBytes(id);
    const total = bytes.length;
    const headers: Record<string, string> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      etag: `"${createHash('sha256').update(id).digest('hex').slice(0, 32)}"`,
      'cache-control': 'private, max-age=604800',
    };
    const range = parseRange(ctx.req.headers.range, total);
    if (range === 'unsatisfiable') return { status: 416, body: '', headers: { 'content-range': `bytes */${total}` } };
    if (range) {
      return {
        status: 206,
        body: bytes.subarray(range.start, range.end + 1),
        headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${total}` },
      };
    }
    return { status: 200, body: bytes, headers };
  }

  private videoBytes(id: string): Buffer {
    let bytes = this.videoFiles.get(id);
    if (!bytes) {
      bytes = sampleMp4(id, SIMULATOR_VIDEO_FILE_BYTES);
      this.videoFiles.set(id, bytes);
      for (const old of this.videoFiles.keys()) {
        if (this.videoFiles.size <= 4) break;
        this.videoFiles.delete(old);
      }
    }
    return bytes;
  }

  /** Where the session's timeline stands at `now` with this simulator's delays; changes nothing. */
  private phaseOf(session: Session, now: number): { generatingAtMs: number | null; finishedAtMs: number | null } {
    let generatingAtMs = session.generatingAtMs;
    if (generatingAtMs === null && !session.stuck && now - session.createdAtMs >= this.sessionThinkingMs) {
      generatingAtMs = session.createdAtMs + Math.max(0, this.sessionThinkingMs);
    }
    let finishedAtMs = session.finishedAtMs;
    if (finishedAtMs === null && generatingAtMs !== null && now - generatingAtMs >= this.videoRenderMs) {
      finishedAtMs = generatingAtMs + Math.max(0, this.videoRenderMs);
    }
    return { generatingAtMs, finishedAtMs };
  }

  private sessionStatus(
    phase: { generatingAtMs: number | null; finishedAtMs: number | null },
    session: Session,
  ): VideoAgentSessionStatus {
    if (phase.finishedAtMs !== null) return session.failure ? 'failed' : 'completed';
    return phase.generatingAtMs !== null ? 'generating' : 'thinking';
  }

  /** Records the session's progress (sticky), making its video when it leaves `thinking` and finishing it with the session. */
  private advanceSession(session: Session, now: number): void {
    const phase = this.phaseOf(session, now);
    if (session.generatingAtMs === null && phase.generatingAtMs !== null) {
      session.generatingAtMs = phase.generatingAtMs;
      if (!this.videos.has(session.videoId)) {
        this.videos.set(session.videoId, {
          id: session.videoId,
          sessionId: session.id,
          status: 'processing',
          createdAtMs: phase.generatingAtMs,
          completedAtMs: null,
          durationSeconds: durationOf(session.videoId),
          failure: null,
        });
      }
    }
    if (session.finishedAtMs === null && phase.finishedAtMs !== null) {
      session.finishedAtMs = phase.finishedAtMs;
      const video = this.videos.get(session.videoId);
      if (video && session.failure) {
        video.status = 'failed';
        video.failure = { ...session.failure };
      } else if (video) {
        video.status = 'completed';
        video.completedAtMs = phase.finishedAtMs;
      }
    }
  }

  private advanceSessions(now: number): void {
    for (const session of this.sessions.values()) this.advanceSession(session, now);
  }

  private sessionJson(session: Session, now: number): Record<string, unknown> {
    const status = this.sessionStatus(session, session);
    let progress: number;
    if (status === 'completed') progress = 100;
    else if (status === 'failed') progress = 99;
    else if (status === 'generating') {
      const share = (now - (session.generatingAtMs ?? now)) / Math.max(1, this.videoRenderMs);
      progress = Math.min(99, THINKING_PROGRESS + Math.floor((99 - THINKING_PROGRESS) * Math.max(0, share)));
    } else {
      const share = (now - session.createdAtMs) / Math.max(1, this.sessionThinkingMs);
      progress = Math.min(THINKING_PROGRESS - 1, Math.floor(THINKING_PROGRESS * Math.max(0, share)));
    }
    const messages = [{ role: 'agent', content: 'Got it. Planning the script and scenes for your video…' }];
    if (status !== 'thinking')
      messages.push({ role: 'agent', content: `The plan is ready; rendering the video in ${session.orientation}.` });
    if (status === 'completed') messages.push({ role: 'agent', content: 'Your video is ready.' });
    if (status === 'failed')
      messages.push({
        role: 'agent',
        content: `The video could not be generated: ${session.failure?.message ?? 'unknown error'}`,
      });
    return {
      session_id: session.id,
      status,
      progress,
      video_id: status === 'thinking' ? null : session.videoId,
      created_at: Math.floor(session.createdAtMs / 1000),
      messages,
      ...(session.callbackId !== null ? { callback_id: session.callbackId } : {}),
    };
  }

  private videoJson(video: Video, now: number): Record<string, unknown> {
    const done = video.status === 'completed';
    const base = `http://127.0.0.1:${this.port}`;
    const file = `/files/videos/${video.id}.mp4`;
    const expires = Math.floor(now / 1000) + SIGNED_URL_TTL_S;
    const signature = createHmac('sha256', this.apiKey).update(`${file}?Expires=${expires}`).digest('hex');
    return {
      id: video.id,
      status: video.status,
      video_url: done ? `${base}${file}?Expires=${expires}&Signature=${signature}` : null,
      thumbnail_url: done ? `${base}/files/thumbnails/${video.id}.jpg` : null,
      gif_url: done ? `${base}/files/gifs/${video.id}.gif` : null,
      captioned_video_url: null,
      subtitle_url: null,
      duration: done ? video.durationSeconds : null,
      created_at: Math.floor(video.createdAtMs / 1000),
      completed_at: video.completedAtMs !== null ? Math.floor(video.completedAtMs / 1000) : null,
      failure_code: video.failure?.code ?? null,
      failure_message: video.failure?.message ?? null,
      video_page_url: `${APP_HOST}/videos/${video.id}`,
    };
  }

  // ---------------------------------------------------------------- helpers

  private requireGroup(id: string): Group {
    const group = this.groups.get(id);
    if (!group) throw new ApiError(404, 'avatar_not_found', `Avatar group ${id} not found`);
    return group;
  }

  private ownership(q: URLSearchParams): 'private' | 'public' | null {
    const value = q.get('ownership');
    if (value === null || value === '') return null;
    if (value !== 'private' && value !== 'public')
      throw new ApiError(400, 'invalid_parameter', `Invalid ownership "${value}"`, 'ownership');
    return value;
  }

  private paging(q: URLSearchParams, kind: 'groups' | 'looks'): { limit: number; offset: number } {
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
      if (!parsed || parsed.k !== kind)
        throw new ApiError(400, 'invalid_parameter', 'Invalid pagination token', 'token');
      offset = parsed.o;
    }
    return { limit, offset };
  }

  private page(items: unknown[], limit: number, offset: number, kind: 'groups' | 'looks', requestId: string): Reply {
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

  private isVisible(look: Look): boolean {
    if (!look.visible && Date.now() - look.createdAtMs >= this.lookInvisibleForMs) look.visible = true;
    return look.visible;
  }

  private isReady(look: Look): boolean {
    if (!look.ready && Date.now() - look.createdAtMs >= this.lookReadyAfterMs) look.ready = true;
    return look.ready;
  }

  private statusOf(look: Look): LookStatus {
    if (!this.isReady(look)) return 'processing';
    if (look.rejection) return 'failed';
    if (this.groups.get(look.groupId)?.consentPending) return 'pending_consent';
    return 'completed';
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
    const looks = [...this.looks.values()].filter((l) => l.groupId === group.id && this.isVisible(l));
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

async function acquireLock(lock: string): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      await mkdir(lock, { mode: 0o700 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const since = await stat(lock).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (since === null) continue; // released meanwhile: try again at once
    if (Date.now() - since > LOCK_STALE_MS) {
      await rmdir(lock).catch(() => undefined); // left behind by a crashed process
      continue;
    }
    if (Date.now() >= deadline)
      throw new LockTimeoutError(`HeyGenSimulator: state lock ${lock} still taken after ${LOCK_TIMEOUT_MS} ms`);
    await sleep(LOCK_RETRY_MIN_MS + Math.random() * LOCK_RETRY_JITTER_MS);
  }
}

async function readState(file: string): Promise<PersistedState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = parseState(text);
  if (!state) throw new Error(`HeyGenSimulator: unreadable state file ${file}`);
  return state;
}

function parseState(text: string): PersistedState | null {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.created)) return null;
  if (!Array.isArray(value.groups) || !Array.isArray(value.looks) || !Array.isArray(value.assets)) return null;
  return value as unknown as PersistedState;
}

async function writeStateAtomically(file: string, state: PersistedState): Promise<void> {
  const temp = `${file}.${process.pid}.${hex16()}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(state), { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * A small, structurally valid ISO-BMFF file of exactly `size` bytes: `ftyp` (isom; isom, iso2, mp41),
 * `free`, then `mdat` filled with bytes that depend only on `id`.
 */
function sampleMp4(id: string, size: number): Buffer {
  const ftyp = Buffer.alloc(28);
  ftyp.writeUInt32BE(28, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2mp41', 16, 'latin1');
  const note = Buffer.from(`HeyGen simulator sample video ${id}`, 'utf8');
  const free = Buffer.alloc(8 + note.length);
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  note.copy(free, 8);
  const mdatSize = Math.max(8, size - ftyp.length - free.length);
  const mdat = Buffer.alloc(mdatSize);
  mdat.writeUInt32BE(mdatSize, 0);
  mdat.write('mdat', 4, 'latin1');
  // xorshift32 seeded from the id: deterministic and fast.
  let x = createHash('sha256').update(id).digest().readUInt32BE(0) || 0x9e3779b9;
  for (let i = 8; i < mdatSize; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    if (i + 4 <= mdatSize) mdat.writeUInt32BE(x, i);
    else for (let j = i; j < mdatSize; j++) mdat[j] = (x >>> (8 * (j - i))) & 0xff;
  }
  return Buffer.concat([ftyp, free, mdat]);
}

/** A video's length in seconds (20.0–59.9), fixed per id. */
function durationOf(id: string): number {
  return 20 + (createHash('sha256').update(`duration:${id}`).digest().readUInt16BE(0) % 400) / 10;
}

/** A single `Range: bytes=…` request against `total` bytes; null to answer the whole file (absent, malformed or multi-range). */
function parseRange(
  header: string | undefined,
  total: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || total === 0) return 'unsatisfiable';
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(from);
  if (to !== '' && Number(to) < start) return null;
  if (start >= total) return 'unsatisfiable';
  return { start, end: to === '' ? total - 1 : Math.min(Number(to), total - 1) };
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_parameter', 'Request body must be valid JSON');
  }
  if (!isRecord(body)) throw new ApiError(400, 'invalid_parameter', 'Request body must be a JSON object');
  return body;
}

/** An optional string field: null when absent or null, 400 invalid_parameter when of another type. */
function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_parameter', `${key} must be a string`, key);
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

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

function json(
  status: number,
  payload: Record<string, unknown>,
  requestId: string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    body: JSON.stringify({ ...payload, request_id: requestId }),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

function errorReply(error: ApiError, requestId: string): Reply {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.param !== undefined) body.param = error.param;
  body.doc_url = `${DOCS_HOST}/errors#${error.code}`;
  return json(error.status, { error: body }, requestId, error.headers);
}

function html404(): Reply {
  return { status: 404, body: HTML_404, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

function faultReply(
  fault: Exclude<HeyGenFault, { kind: 'reset-before' | 'reset-after' | 'hang' }>,
  requestId: string,
): Reply {
  switch (fault.kind) {
    case 'rate-limited':
      return errorReply(
        new ApiError(
          429,
          'rate_limit_exceeded',
          `Rate limit exceeded. Retry after ${fault.retryAfterSeconds} seconds.`,
          undefined,
          { 'retry-after': String(fault.retryAfterSeconds) },
        ),
        requestId,
      );
    case 'server-error':
      return errorReply(new ApiError(fault.status, 'internal_error', 'Internal server error'), requestId);
    case 'html-404':
      return html404();
    case 'unauthorized':
      return errorReply(new ApiError(401, 'unauthorized', 'Invalid API key'), requestId);
    case 'insufficient-credit':
      return errorReply(
        new ApiError(
          402,
          'insufficient_credit',
          'Insufficient credit: your API wallet balance is too low. Top up the API wallet (web plan credits are not used by the API).',
        ),
        requestId,
      );
    case 'payload-too-large':
      return errorReply(
        new ApiError(413, 'payload_too_large', `Request payload exceeds the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit`),
        requestId,
      );
  }
}
