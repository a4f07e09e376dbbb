// Video Agent: a session goes thinking → (waiting_for_input, when the agent asks something, until
// the user answers) → reviewing → generating → completed (or failed, or stopped) over time;
// starting to generate makes its video, whose signed `video_url` points back at the simulator's
// file route. Progress is computed when asked, from the clock and the simulator's current delays,
// and recorded (sticky) so that raising a delay later never moves a session back. Messages come
// newest first, each with its role and type ("error" says why a session failed), as HeyGen's do.

import { createHash, createHmac } from 'node:crypto';
import { orientationOf, type LooksApi } from './looks.ts';
import { SampleVideos } from './mp4.ts';
import { SAMPLE_VIDEO_SECONDS } from './sample-video.ts';
import {
  APP_HOST,
  ApiError,
  isRecord,
  json,
  optionalString,
  parseJsonObject,
  rateLimited,
  type Reply,
} from './replies.ts';
import type { RouteContext } from './routes.ts';
import { newId, type Account, type Failure, type Look, type Session, type Video } from './state.ts';

export type VideoAgentSessionStatus =
  'thinking' | 'waiting_for_input' | 'reviewing' | 'generating' | 'completed' | 'failed';

/** Video Agent limits (HeyGen v3). */
const MAX_PROMPT_CHARS = 10_000;
const MAX_AGENT_FILES = 20;
/** How long a signed video URL is valid, as HeyGen's are. */
const SIGNED_URL_TTL_S = 7 * 86_400;
/** Progress (0–100) a session reaches at the end of `thinking`; `generating` then rises to 99. */
const THINKING_PROGRESS = 10;

/** The simulator's settings the Video Agent handlers read at each request (they can change between requests). */
export interface VideoAgentSettings {
  /** Signs the video URLs. */
  readonly apiKey: string;
  readonly maxConcurrentSessions: number;
  readonly concurrencyRetryAfterSeconds: number;
  readonly sessionThinkingMs: number;
  /** How long a session reviews its plan before it generates. */
  readonly sessionReviewingMs: number;
  readonly videoRenderMs: number;
  /** Counts the POST /v3/video-agents answered 429 because of maxConcurrentSessions. */
  sessionsRateLimited: number;
}

/** Where a session's timeline stands at a moment. */
interface Phase {
  thinkingEndsAtMs: number | null;
  /** When it went on after thinking (or after the user answered its question). */
  reviewingAtMs: number | null;
  generatingAtMs: number | null;
  finishedAtMs: number | null;
}

/** What a session that was stopped ends with. */
const STOPPED: Failure = { code: 'stopped', message: 'The run was stopped at your request; partial results are kept.' };

/** The checked body of POST /v3/video-agents. */
type SessionRequest = Pick<
  Session,
  'prompt' | 'avatarId' | 'voiceId' | 'styleId' | 'fileAssetIds' | 'callbackUrl' | 'callbackId' | 'mode'
> & { orientation: Session['orientation'] | null };

/** The simulator's answers on Video Agent sessions, their videos, and the video files. */
export class VideoAgentApi {
  /** Failures for the videos of the next sessions, in order (per simulator, never persisted). */
  readonly nextVideoFailures: Failure[] = [];
  /** How many of the next sessions stay `thinking` forever (per simulator, never persisted). */
  nextStuckSessions = 0;
  /** Questions the agent asks in the next sessions, in order, then waits for an answer (per simulator). */
  readonly nextQuestions: string[] = [];
  private readonly account: Account;
  private readonly settings: VideoAgentSettings;
  private readonly looks: LooksApi;
  /** The simulator's own address, which video URLs point at. */
  private readonly origin: () => string;
  private readonly sampleVideos = new SampleVideos();

  constructor(account: Account, settings: VideoAgentSettings, looks: LooksApi, origin: () => string) {
    this.account = account;
    this.settings = settings;
    this.looks = looks;
    this.origin = origin;
  }

  createSession(ctx: RouteContext, bytes: Buffer): Reply {
    const request = this.parseSessionRequest(bytes);
    const look = request.avatarId !== null ? this.requireReadyLook(request.avatarId) : undefined;
    const now = Date.now();
    this.advanceSessions(now);
    this.checkSessionCap();
    const stuck = this.nextStuckSessions > 0;
    if (stuck) this.nextStuckSessions--;
    const lookOrientation = look ? orientationOf(look.width, look.height) : 'landscape';
    const session: Session = {
      id: newId('sess'),
      ...request,
      orientation: request.orientation ?? (lookOrientation === 'portrait' ? 'portrait' : 'landscape'),
      videoId: newId('vid'),
      createdAtMs: now,
      generatingAtMs: null,
      finishedAtMs: null,
      stuck,
      failure: this.nextVideoFailures.shift() ?? null,
      question: this.nextQuestions.shift() ?? null,
      replies: [],
      stoppedAtMs: null,
    };
    this.account.sessions.set(session.id, session);
    this.account.created.sessions++;
    this.advanceSession(session, now);
    // The create answer's status is one of generating | thinking | completed | failed (published):
    // a session that would already be waiting or reviewing is still reported as thinking.
    const current = this.statusAt(session, now);
    const status = current === 'waiting_for_input' || current === 'reviewing' ? 'thinking' : current;
    const data = {
      session_id: session.id,
      status,
      video_id: this.account.videos.has(session.videoId) ? session.videoId : null,
      created_at: Math.floor(now / 1000),
    };
    return { ...json(200, { data }, ctx.requestId), created: 'session' };
  }

  /** POST /v3/video-agents/{id}: the user's message to the agent (an answer, more context); chat mode only. */
  sendMessage(ctx: RouteContext, bytes: Buffer): Reply {
    const session = this.requireSession(ctx.params[0] ?? '');
    const body = parseJsonObject(bytes);
    if (typeof body.message !== 'string' || body.message.trim() === '')
      throw new ApiError(400, 'invalid_parameter', 'message is required', 'message');
    if (session.mode !== 'chat')
      throw new ApiError(
        400,
        'invalid_parameter',
        'Messages can only be sent to sessions created in chat mode',
        'session_id',
      );
    const now = Date.now();
    this.advanceSession(session, now);
    if (session.finishedAtMs !== null)
      throw new ApiError(400, 'invalid_parameter', 'The session has finished; start a new one', 'session_id');
    session.replies.push({ text: body.message, atMs: now });
    return json(200, { data: { session_id: session.id, run_id: newId('run'), title: null } }, ctx.requestId);
  }

  /** POST /v3/video-agents/{id}/stop: halts the run at its next checkpoint. */
  stop(ctx: RouteContext): Reply {
    const session = this.requireSession(ctx.params[0] ?? '');
    const now = Date.now();
    this.advanceSession(session, now);
    if (session.finishedAtMs === null) session.stoppedAtMs ??= now;
    this.advanceSession(session, now);
    return json(200, { data: { session_id: session.id } }, ctx.requestId);
  }

  getSession(ctx: RouteContext): Reply {
    const session = this.requireSession(ctx.params[0] ?? '');
    const now = Date.now();
    this.advanceSession(session, now);
    return json(200, { data: this.sessionJson(session, now) }, ctx.requestId);
  }

  getVideo(ctx: RouteContext): Reply {
    const id = ctx.params[0] ?? '';
    const now = Date.now();
    this.advanceSessions(now);
    const video = this.account.videos.get(id);
    if (!video) throw new ApiError(404, 'video_not_found', `Video ${id} not found`);
    return json(200, { data: this.videoJson(video, now) }, ctx.requestId);
  }

  /** GET (or HEAD) /files/videos/<video_id>.mp4: the finished video's bytes; honours `Range: bytes=N-`, `N-M` and `-N`. */
  videoFile(ctx: RouteContext): Reply {
    const name = ctx.params[0] ?? '';
    const id = name.endsWith('.mp4') ? name.slice(0, -'.mp4'.length) : '';
    this.advanceSessions(Date.now());
    const video = id ? this.account.videos.get(id) : undefined;
    if (!video || video.status !== 'completed') throw new ApiError(404, 'not_found', `File ${name} not found`);
    const bytes = this.sampleVideos.bytes(id);
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

  /** The session's status at `now` with this simulator's delays; changes nothing. */
  statusAt(session: Session, now: number): VideoAgentSessionStatus {
    return sessionStatus(this.phaseOf(session, now), session, now);
  }

  private requireSession(id: string): Session {
    const session = this.account.sessions.get(id);
    if (!session) throw new ApiError(404, 'not_found', `Video Agent session ${id} not found`);
    return session;
  }

  private parseSessionRequest(bytes: Buffer): SessionRequest {
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
    return { prompt, avatarId, voiceId, styleId, orientation, fileAssetIds, callbackUrl, callbackId, mode };
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
      if (typeof entry.asset_id !== 'string' || !this.account.assets.has(entry.asset_id)) {
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

  /** The look a session presents: it must exist and be `completed`. */
  private requireReadyLook(avatarId: string): Look {
    const look = this.account.looks.get(avatarId);
    if (!look || !this.looks.isVisible(look))
      throw new ApiError(404, 'avatar_not_found', `Avatar look ${avatarId} not found`, 'avatar_id');
    const status = this.looks.statusOf(look);
    if (status !== 'completed') {
      throw new ApiError(
        400,
        'invalid_parameter',
        `Avatar ${avatarId} is not ready for video generation (status: ${status}); wait until it is completed`,
        'avatar_id',
      );
    }
    return look;
  }

  /** 429 when maxConcurrentSessions sessions are unfinished already. */
  private checkSessionCap(): void {
    const cap = this.settings.maxConcurrentSessions;
    const unfinished = [...this.account.sessions.values()].filter((s) => s.finishedAtMs === null).length;
    if (unfinished < cap) return;
    this.settings.sessionsRateLimited++;
    const seconds = this.settings.concurrencyRetryAfterSeconds;
    throw rateLimited(
      `Too many concurrent Video Agent sessions (limit ${cap}). Retry after ${seconds} seconds.`,
      seconds,
    );
  }

  /** Where the session's timeline stands at `now` with this simulator's delays; changes nothing. */
  private phaseOf(session: Session, now: number): Phase {
    const { sessionThinkingMs, sessionReviewingMs, videoRenderMs } = this.settings;
    const thinkingEndsAtMs = session.stuck ? null : session.createdAtMs + Math.max(0, sessionThinkingMs);
    // A session that asked waits for the first answer sent after the question appeared.
    const answer = session.replies.find((reply) => thinkingEndsAtMs !== null && reply.atMs >= thinkingEndsAtMs);
    const resumesAtMs = session.question === null ? thinkingEndsAtMs : (answer?.atMs ?? null);
    const reviewingAtMs = resumesAtMs !== null && now >= resumesAtMs ? resumesAtMs : null;
    let generatingAtMs = session.generatingAtMs;
    if (generatingAtMs === null && reviewingAtMs !== null && now - reviewingAtMs >= sessionReviewingMs) {
      generatingAtMs = reviewingAtMs + Math.max(0, sessionReviewingMs);
    }
    let finishedAtMs = session.finishedAtMs;
    if (finishedAtMs === null && generatingAtMs !== null && now - generatingAtMs >= videoRenderMs) {
      finishedAtMs = generatingAtMs + Math.max(0, videoRenderMs);
    }
    if (finishedAtMs === null && session.stoppedAtMs !== null) finishedAtMs = session.stoppedAtMs;
    return { thinkingEndsAtMs, reviewingAtMs, generatingAtMs, finishedAtMs };
  }

  /** Records the session's progress (sticky), making its video when it leaves `thinking` and finishing it with the session. */
  private advanceSession(session: Session, now: number): void {
    const phase = this.phaseOf(session, now);
    if (session.generatingAtMs === null && phase.generatingAtMs !== null) {
      session.generatingAtMs = phase.generatingAtMs;
      if (!this.account.videos.has(session.videoId)) {
        this.account.videos.set(session.videoId, {
          id: session.videoId,
          sessionId: session.id,
          status: 'processing',
          createdAtMs: phase.generatingAtMs,
          completedAtMs: null,
          durationSeconds: SAMPLE_VIDEO_SECONDS,
          failure: null,
        });
      }
    }
    if (session.finishedAtMs === null && phase.finishedAtMs !== null) {
      session.finishedAtMs = phase.finishedAtMs;
      const video = this.account.videos.get(session.videoId);
      const failure = session.stoppedAtMs !== null ? STOPPED : session.failure;
      if (video && failure) {
        video.status = 'failed';
        video.failure = { ...failure };
      } else if (video) {
        video.status = 'completed';
        video.completedAtMs = phase.finishedAtMs;
      }
    }
  }

  private advanceSessions(now: number): void {
    for (const session of this.account.sessions.values()) this.advanceSession(session, now);
  }

  private sessionJson(session: Session, now: number): Record<string, unknown> {
    const phase = this.phaseOf(session, now);
    const status = sessionStatus(phase, session, now);
    return {
      session_id: session.id,
      status,
      progress: this.progressOf(session, status, now),
      video_id: this.account.videos.has(session.videoId) ? session.videoId : null,
      created_at: Math.floor(session.createdAtMs / 1000),
      title: null,
      messages: messagesOf(session, phase, status).slice(0, MAX_MESSAGES),
    };
  }

  /** 0–100: `thinking` rises to THINKING_PROGRESS, `generating` from there to 99. */
  private progressOf(session: Session, status: VideoAgentSessionStatus, now: number): number {
    if (status === 'completed') return 100;
    if (status === 'failed') return 99;
    if (status === 'waiting_for_input' || status === 'reviewing') return THINKING_PROGRESS;
    if (status === 'generating') {
      const share = (now - (session.generatingAtMs ?? now)) / Math.max(1, this.settings.videoRenderMs);
      return Math.min(99, THINKING_PROGRESS + Math.floor((99 - THINKING_PROGRESS) * Math.max(0, share)));
    }
    const share = (now - session.createdAtMs) / Math.max(1, this.settings.sessionThinkingMs);
    return Math.min(THINKING_PROGRESS - 1, Math.floor(THINKING_PROGRESS * Math.max(0, share)));
  }

  private videoJson(video: Video, now: number): Record<string, unknown> {
    const done = video.status === 'completed';
    const base = this.origin();
    const file = `/files/videos/${video.id}.mp4`;
    const expires = Math.floor(now / 1000) + SIGNED_URL_TTL_S;
    const signature = createHmac('sha256', this.settings.apiKey).update(`${file}?Expires=${expires}`).digest('hex');
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
}

function sessionStatus(phase: Phase, session: Session, now: number): VideoAgentSessionStatus {
  if (phase.finishedAtMs !== null) return session.failure || session.stoppedAtMs !== null ? 'failed' : 'completed';
  if (phase.generatingAtMs !== null) return 'generating';
  if (phase.reviewingAtMs !== null) return 'reviewing';
  if (session.question !== null && phase.thinkingEndsAtMs !== null && now >= phase.thinkingEndsAtMs)
    return 'waiting_for_input';
  return 'thinking';
}

/** A session message as HeyGen sends it. */
interface Message {
  role: 'user' | 'model';
  type: 'text' | 'resource' | 'error';
  content: string;
  created_at: number | null;
  resource_ids: string[] | null;
}

/** HeyGen keeps at most this many messages on a session. */
const MAX_MESSAGES = 40;

/** The conversation so far, newest first (as HeyGen orders it). */
function messagesOf(session: Session, phase: Phase, status: VideoAgentSessionStatus): Message[] {
  const at = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
  const say = (
    role: Message['role'],
    type: Message['type'],
    content: string,
    ms: number | null,
    ids: string[] | null = null,
  ) => ({ role, type, content, created_at: at(ms), resource_ids: ids }) satisfies Message;
  const oldestFirst: Message[] = [
    say('user', 'text', session.prompt, session.createdAtMs),
    say('model', 'text', 'Got it. Planning the script and scenes for your video…', session.createdAtMs),
  ];
  if (session.question !== null && phase.thinkingEndsAtMs !== null && status !== 'thinking') {
    oldestFirst.push(say('model', 'text', session.question, phase.thinkingEndsAtMs));
  }
  for (const reply of session.replies) oldestFirst.push(say('user', 'text', reply.text, reply.atMs));
  if (phase.generatingAtMs !== null) {
    oldestFirst.push(
      say('model', 'text', `The plan is ready; rendering the video in ${session.orientation}.`, phase.generatingAtMs),
    );
  }
  if (status === 'completed')
    oldestFirst.push(say('model', 'resource', 'Your video is ready.', phase.finishedAtMs, [session.videoId]));
  if (status === 'failed') {
    const failure = session.stoppedAtMs !== null ? STOPPED : session.failure;
    oldestFirst.push(
      say(
        'model',
        'error',
        `The video could not be generated: ${failure?.message ?? 'unknown error'}`,
        phase.finishedAtMs,
      ),
    );
  }
  return oldestFirst.reverse();
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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
