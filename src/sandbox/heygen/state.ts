// The account's records (assets, groups, looks, Video Agent sessions, videos) and their sharing.
// With a state file, several simulators — also in several processes — are one HeyGen account: each
// piece of work loads the file under an inter-process lock, works, and saves it whole before the
// lock is let go. The bytes of assets and look images are not in it: files.ts keeps them.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseJsonRecord, writeFileAtomic } from '../../core/files.ts';
import { acquireLock } from '../../core/lock.ts';
import { SANDBOX_GROUP_ID } from '../seed.ts';

/** A lock older than this was left by a crashed process: no piece of work holds it this long. */
const LOCK_ABANDONED_AFTER_MS = 10_000;
/** How long a request waits for another simulator's lock before it is answered 503. */
const LOCK_WAIT_MS = 5_000;

const failure = z.object({ code: z.string(), message: z.string() });

const persistedAsset = z.object({
  id: z.string(),
  /** The uploaded file's name (GET /v3/assets lists it). */
  name: z.string().default('upload'),
  mime: z.enum(['image/png', 'image/jpeg']),
  width: z.number(),
  height: z.number(),
  createdAtMs: z.number(),
  /** Consumed by the next look made from this asset. */
  rejection: failure.optional(),
});

const group = z.object({
  id: z.string(),
  name: z.string(),
  /** HeyGen asks consent only for digital twins: a photo avatar group never waits for it. */
  avatarType: z.enum(['photo_avatar', 'digital_twin']).default('photo_avatar'),
  consentPending: z.boolean(),
  createdAtMs: z.number(),
});

const look = z.object({
  id: z.string(),
  name: z.string(),
  groupId: z.string(),
  assetId: z.string().nullable(),
  width: z.number(),
  height: z.number(),
  createdAtMs: z.number(),
  rejection: failure.optional(),
  /** A prompt look's prompt (POST /v3/avatars, type "prompt"); null for a photo look. */
  prompt: z.string().nullable().default(null),
  /** Its image is kept (files.ts, `<id>.jpg`), so it has a preview served by the simulator. */
  image: z.boolean().default(false),
  /** The seeded "Original photo": its image is the simulator's `seedLookImage`, whichever process seeded it. */
  seed: z.boolean().default(false),
  /** Sticky once reached, so raising the delays later never moves a look back. */
  visible: z.boolean(),
  ready: z.boolean(),
});

const session = z.object({
  id: z.string(),
  prompt: z.string(),
  avatarId: z.string().nullable(),
  voiceId: z.string().nullable(),
  styleId: z.string().nullable(),
  orientation: z.enum(['landscape', 'portrait']),
  fileAssetIds: z.array(z.string()),
  callbackUrl: z.string().nullable(),
  callbackId: z.string().nullable(),
  mode: z.enum(['generate', 'chat']),
  /** Chosen at creation, revealed (and the video made) when the session leaves `thinking`. */
  videoId: z.string(),
  createdAtMs: z.number(),
  /** When the session left `thinking`; sticky once set, so raising the delays later never moves it back. */
  generatingAtMs: z.number().nullable(),
  /** When the session finished (completed or failed); sticky once set. */
  finishedAtMs: z.number().nullable(),
  /** From stickNextSessions: never leaves `thinking`. */
  stuck: z.boolean(),
  /** From failNextVideos: ends `failed` with this instead of `completed`. */
  failure: failure.nullable(),
  /** From askNextSessions: after `thinking` the agent asks this and waits for an answer. */
  question: z.string().nullable().default(null),
  /** What the user sent (POST /v3/video-agents/{id}), oldest first. */
  replies: z.array(z.object({ text: z.string(), atMs: z.number() })).default([]),
  /** POST /v3/video-agents/{id}/stop: the run halts at its next checkpoint. */
  stoppedAtMs: z.number().nullable().default(null),
});

/** An answer HeyGen replays to a POST that repeats its Idempotency-Key (for 24 h). */
const idempotentAnswer = z.object({
  key: z.string(),
  route: z.string(),
  startedAtMs: z.number(),
  /** Absent while the first request is still being handled: a repeat then gets 409. */
  answer: z.object({ status: z.number(), body: z.string(), headers: z.record(z.string(), z.string()) }).optional(),
});

const video = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(['processing', 'completed', 'failed']),
  createdAtMs: z.number(),
  completedAtMs: z.number().nullable(),
  durationSeconds: z.number(),
  failure: failure.nullable(),
});

/** The content of the state file. */
const persistedState = z.object({
  version: z.literal(1),
  /** `sessions` is absent in files written before Video Agent existed. */
  created: z.object({ assets: z.number(), looks: z.number(), groups: z.number(), sessions: z.number().optional() }),
  groups: z.array(group),
  looks: z.array(look),
  assets: z.array(persistedAsset),
  /** Absent in files written before Video Agent existed. */
  sessions: z.array(session).optional(),
  videos: z.array(video).optional(),
  idempotency: z.array(idempotentAnswer).optional(),
});

export type Failure = z.infer<typeof failure>;
export type Group = z.infer<typeof group>;
export type Look = z.infer<typeof look>;
export type Session = z.infer<typeof session>;
export type Video = z.infer<typeof video>;
export type IdempotentAnswer = z.infer<typeof idempotentAnswer>;
type PersistedState = z.infer<typeof persistedState>;

export interface Asset extends z.infer<typeof persistedAsset> {
  /** Empty for an asset another simulator received (its bytes are in files.ts). */
  bytes: Buffer;
}

/** An id as HeyGen makes them: a prefix, an underscore, 16 hex digits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** One account's records in memory; a new account has the seeded group with its original look. */
export class Account {
  readonly assets = new Map<string, Asset>();
  readonly groups = new Map<string, Group>();
  readonly looks = new Map<string, Look>();
  readonly sessions = new Map<string, Session>();
  readonly videos = new Map<string, Video>();
  /** Answers to POSTs that carried an Idempotency-Key, by key. */
  readonly idempotency = new Map<string, IdempotentAnswer>();
  /** What the API created (seed data and addGroup not counted). */
  readonly created = { assets: 0, looks: 0, groups: 0, sessions: 0 };

  /** `seedSize`: the size of the seeded look's image, when it has one. */
  constructor(seedSize?: { width: number; height: number }) {
    const seededAt = Date.now() - 86_400_000;
    this.groups.set(SANDBOX_GROUP_ID, {
      id: SANDBOX_GROUP_ID,
      name: 'My avatar',
      avatarType: 'photo_avatar',
      consentPending: false,
      createdAtMs: seededAt,
    });
    const seedLook = newId('look');
    this.looks.set(seedLook, {
      id: seedLook,
      name: 'Original photo',
      groupId: SANDBOX_GROUP_ID,
      assetId: null,
      width: seedSize?.width ?? 1920,
      height: seedSize?.height ?? 1080,
      createdAtMs: seededAt,
      prompt: null,
      image: false,
      seed: true,
      visible: true,
      ready: true,
    });
  }

  /** Takes the file's records, keeping the bytes of the assets this simulator received. */
  load(state: PersistedState): void {
    const previous = this.assets;
    const assets = state.assets.map((a): Asset => ({ ...a, bytes: previous.get(a.id)?.bytes ?? Buffer.alloc(0) }));
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
    this.idempotency.clear();
    for (const answer of state.idempotency ?? []) this.idempotency.set(answer.key, answer);
    Object.assign(this.created, state.created);
    this.created.sessions = state.created.sessions ?? 0;
  }

  toPersisted(): PersistedState {
    return {
      version: 1,
      created: { ...this.created },
      groups: [...this.groups.values()],
      looks: [...this.looks.values()],
      assets: [...this.assets.values()].map(({ bytes: _bytes, ...rest }) => rest),
      sessions: [...this.sessions.values()],
      videos: [...this.videos.values()],
      idempotency: [...this.idempotency.values()],
    };
  }
}

/** The shared state file could not be locked in time; the request is answered 503. */
export class StateLockTimeout extends Error {}

/**
 * The account as one simulator works on it: in memory alone, or — with a state file — loaded from
 * the file before each piece of work and saved after it, under the file's lock. One piece at a time
 * per simulator, so a simulator never waits for its own lock.
 */
export class SharedAccount {
  readonly account: Account;
  private readonly file: string | undefined;
  /** Changes from addGroup/approveConsent/rejectAsset, applied at the next locked load. */
  private readonly pendingChanges: (() => void)[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(file: string | undefined, seedSize?: { width: number; height: number }) {
    this.file = file;
    this.account = new Account(seedSize);
  }

  /**
   * Runs `work` on the account; with a state file, under its lock with the file's records loaded
   * (when it exists), then saves them. Rejects with StateLockTimeout when the lock stays taken.
   */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const file = this.file;
    if (!file) return work();
    const run = this.tail.then(() => this.underLock(file, work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Applies a change now or, with a state file, at the next locked load, saving it in the background. */
  change(change: () => void): void {
    if (!this.file) {
      change();
      return;
    }
    this.pendingChanges.push(change);
    this.run(() => undefined).catch(() => undefined); // a failed save keeps the change pending
  }

  /** Resolves once the work and changes queued so far are saved to the file. */
  async flush(): Promise<void> {
    if (!this.file) return;
    if (this.pendingChanges.length > 0) await this.run(() => undefined).catch(() => undefined);
    else await this.tail.catch(() => undefined);
  }

  /** The state file's records read synchronously without the lock (saves are atomic); null if absent or unreadable. */
  peek(): PersistedState | null {
    if (!this.file) return null;
    try {
      return parseJsonRecord(readFileSync(this.file, 'utf8'), persistedState) ?? null;
    } catch {
      return null;
    }
  }

  /** The account's looks and sessions as the state file holds them now (without one, or before it exists: in memory). */
  async records(): Promise<{ looks: Iterable<Look>; sessions: Iterable<Session> }> {
    // Saves are atomic renames, so reading without the lock sees a whole state.
    const state = this.file ? await readState(this.file) : null;
    if (state) return { looks: state.looks, sessions: state.sessions ?? [] };
    return { looks: this.account.looks.values(), sessions: this.account.sessions.values() };
  }

  private async underLock<T>(file: string, work: () => T | Promise<T>): Promise<T> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // Not `.lock`: older simulators made a directory of that name.
    const lockFile = `${file}.lk`;
    const lock = await acquireLock(lockFile, {
      holder: { pid: process.pid, what: 'HeyGen simulator state' },
      abandoned: (_holder, ageMs) => ageMs > LOCK_ABANDONED_AFTER_MS,
      waitMs: LOCK_WAIT_MS,
    });
    if (!('release' in lock)) {
      const pid = typeof lock.heldBy?.pid === 'number' ? ` by pid ${lock.heldBy.pid}` : '';
      throw new StateLockTimeout(`HeyGenSimulator: state lock ${lockFile} still taken${pid} after ${LOCK_WAIT_MS} ms`);
    }
    try {
      const state = await readState(file);
      if (state) this.account.load(state);
      for (const change of this.pendingChanges.splice(0)) change();
      try {
        return await work();
      } finally {
        await writeFileAtomic(file, JSON.stringify(this.account.toPersisted()));
      }
    } finally {
      await lock.release().catch(() => undefined);
    }
  }
}

/** The state file's records: null when there is no file yet; throws when it cannot be read. */
async function readState(file: string): Promise<PersistedState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = parseJsonRecord(text, persistedState);
  if (!state) throw new Error(`HeyGenSimulator: unreadable state file ${file}`);
  return state;
}
