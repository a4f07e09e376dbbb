// Video Agent sessions this server started, on disk: one record per session under
// AVATAR_LOOKS_HOME/videos, and an index from create_video's key to its session, claimed
// exclusively before the paid call so that two calls with one key never both start a video.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExclusive, writeJsonAtomic } from '../../core/files.ts';

export interface VideoRecord {
  session_id: string;
  key?: string;
  avatar_id: string;
  prompt_sha256: string;
  /** The first words of the prompt, for a person reading the folder. */
  prompt_start: string;
  orientation?: string;
  created_at: string;
  updated_at: string;
  /** The session's and the video's status as last seen. */
  status: string;
  video_id?: string;
  video_status?: string;
  /** The create_look run of the look, when there is one: the video is downloaded there. */
  run_id?: string;
  run_dir?: string;
  download?: { path: string; size_bytes: number; sha256: string };
}

export interface VideoKeyEntry {
  key: string;
  /** Undefined while the call that claimed the key is starting the session (or lost its answer). */
  session_id?: string;
  request: Record<string, unknown>;
  created_at: string;
  /** The POST may have reached HeyGen, but no session id came back. */
  unknown?: boolean;
}

/** Statuses after which a session or video changes no more. */
export const FINISHED = new Set(['completed', 'failed']);

export class VideoStore {
  private readonly dir: string;

  constructor(home: string) {
    this.dir = join(home, 'videos');
  }

  private recordPath(sessionId: string): string {
    return join(this.dir, `${sessionId.replace(/[^\w-]/g, '_')}.json`);
  }

  private keyPath(key: string): string {
    return join(this.dir, 'keys', `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  async get(sessionId: string): Promise<VideoRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.recordPath(sessionId), 'utf8')) as VideoRecord;
    } catch {
      return undefined;
    }
  }

  async put(record: VideoRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.recordPath(record.session_id), { ...record, updated_at: new Date().toISOString() });
  }

  async all(): Promise<VideoRecord[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
    const records = await Promise.all(
      names.map((name) =>
        readFile(join(this.dir, name), 'utf8')
          .then((text) => JSON.parse(text) as VideoRecord)
          .catch(() => undefined),
      ),
    );
    return records.filter((record): record is VideoRecord => !!record?.session_id);
  }

  async byVideoId(videoId: string): Promise<VideoRecord | undefined> {
    return (await this.all()).find((record) => record.video_id === videoId);
  }

  async key(key: string): Promise<VideoKeyEntry | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.keyPath(key), 'utf8')) as VideoKeyEntry;
      return entry.key === key ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Claims the key for a new session; false when another call has it. */
  async claimKey(entry: VideoKeyEntry): Promise<boolean> {
    await mkdir(join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
    return createExclusive(this.keyPath(entry.key), `${JSON.stringify(entry, null, 2)}\n`);
  }

  async putKey(entry: VideoKeyEntry): Promise<void> {
    await mkdir(join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.keyPath(entry.key), entry);
  }

  /** Frees a key whose session was certainly never started (HeyGen refused the request). */
  async releaseKey(key: string): Promise<void> {
    await rm(this.keyPath(key), { force: true });
  }
}

export function promptHash(prompt: string): string {
  return createHash('sha256').update(prompt).digest('hex');
}

/** What a session's status means for the user, and what to do next. */
export function describeSession(
  status: string,
  options: { minutesInThinking: number; stuckAfterMinutes: number },
): { meaning: string; stuck: boolean } {
  switch (status) {
    case 'thinking': {
      const stuck = options.minutesInThinking >= options.stuckAfterMinutes;
      return {
        stuck,
        meaning: stuck
          ? `Video Agent has been thinking for ${Math.round(options.minutesInThinking)} minutes (over ${options.stuckAfterMinutes}): the session looks stuck.`
          : 'Video Agent is planning the video (script, scenes).',
      };
    }
    case 'waiting_for_input':
      return {
        stuck: false,
        meaning:
          'Video Agent is waiting for an answer from you: open the session in HeyGen to reply (this server cannot chat with it).',
      };
    case 'reviewing':
      return { stuck: false, meaning: 'Video Agent is reviewing its draft.' };
    case 'generating':
      return { stuck: false, meaning: 'Video Agent is rendering the video.' };
    case 'completed':
      return { stuck: false, meaning: 'Video Agent has finished.' };
    case 'failed':
      return { stuck: false, meaning: 'Video Agent failed.' };
    default:
      return { stuck: false, meaning: `Video Agent reports "${status}".` };
  }
}

/** HeyGen's signed video URLs expire this long after the video is made. */
export const URL_LIFETIME_DAYS = 7;

export class DownloadError extends Error {
  readonly nextStep: string;
  constructor(message: string, nextStep: string) {
    super(message);
    this.nextStep = nextStep;
  }
}

/**
 * Streams the URL into `<path>.part` (resuming it with a Range request when it exists), checks
 * the length and that it is an MP4, then renames it into place. No API key is sent: the URL is
 * a signed CDN link.
 */
export async function fetchToFile(
  url: string,
  path: string,
  signal: AbortSignal,
  progress: (done: number, total: number | undefined) => void,
): Promise<{ size: number; sha256: string }> {
  const { request } = await import('undici');
  const partial = `${path}.part`;
  const from = (await stat(partial).catch(() => undefined))?.size ?? 0;
  const answer = await request(url, {
    method: 'GET',
    signal,
    headers: from > 0 ? { range: `bytes=${from}-` } : {},
    headersTimeout: 30_000,
    bodyTimeout: 60_000,
  });
  if (answer.statusCode === 403 || answer.statusCode === 410) {
    await answer.body.dump();
    throw new DownloadError(
      `The video URL was refused (HTTP ${answer.statusCode}): signed URLs expire ${URL_LIFETIME_DAYS} days after the video was made.`,
      'Call get_video_status for a fresh URL, then download_video again.',
    );
  }
  if (answer.statusCode !== 200 && answer.statusCode !== 206) {
    await answer.body.dump();
    throw new DownloadError(
      `The video download answered HTTP ${answer.statusCode}.`,
      'Try download_video again in a minute.',
    );
  }
  const resumed = answer.statusCode === 206 && from > 0;
  const length = Number(answer.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? length + (resumed ? from : 0) : undefined;
  const out = createWriteStream(partial, { flags: resumed ? 'a' : 'w', mode: 0o600 });
  let done = resumed ? from : 0;
  let told = 0;
  try {
    for await (const chunk of answer.body) {
      done += (chunk as Buffer).length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      if (Date.now() - told > 1_000) {
        told = Date.now();
        progress(done, total);
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  if (total !== undefined && done !== total)
    throw new DownloadError(
      `The download stopped at ${done} of ${total} bytes.`,
      'Call download_video again: it resumes where it stopped.',
    );
  const file = await open(partial, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(12);
    await file.read(head, 0, 12, 0);
  } finally {
    await file.close();
  }
  if (head.toString('latin1', 4, 8) !== 'ftyp') {
    await rm(partial, { force: true });
    throw new DownloadError(
      'The downloaded file is not an MP4 (no ftyp box).',
      'Call get_video_status for a fresh URL, then download_video again.',
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(partial)) hash.update(chunk as Buffer);
  await rename(partial, path);
  progress(done, total);
  return { size: done, sha256: hash.digest('hex') };
}
