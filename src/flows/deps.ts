// What the use cases share for the life of a process, built once by compose.ts: config, stores,
// jobs, image providers, HeyGen, the face checks. Job runners get the same.

import type { Config } from '../core/config.ts';
import type { LocalFiles } from '../core/local-files.ts';
import type { Logger } from '../core/log.ts';
import type { HeyGenClient } from '../domain/heygen/client.ts';
import type { FaceChecker } from '../domain/faces/checker.ts';
import type { ProviderRegistry } from '../domain/images/registry.ts';
import type { JobManager } from '../jobs/manager.ts';
import type {
  addLookKeyEntry,
  KeyStore,
  lookKeyEntry,
  lookLikenessEntry,
  promptRefusalEntry,
  referenceAssetEntry,
  videoKeyEntry,
} from '../store/keys.ts';
import type { ReadinessHistory } from '../store/readiness.ts';
import type { RunStore } from '../store/runs.ts';
import type { VideoStore } from '../store/videos.ts';

export interface Services {
  config: Config;
  logger: Logger;
  /** Local files callers name: read only inside the allowed folders, capped. */
  files: LocalFiles;
  /** Sandbox mode only: a sample face made at first use, for when no reference photo is configured. */
  sandboxFace: (() => Promise<string>) | undefined;
  runs: RunStore;
  /** create_look's idempotency keys → runs. */
  lookKeys: KeyStore<typeof lookKeyEntry>;
  /** add_look's Idempotency-Keys → the looks HeyGen made for them. */
  addLookKeys: KeyStore<typeof addLookKeyEntry>;
  /** The heygen provider's reference photos as HeyGen assets, by photo hash and account. */
  referenceAssets: KeyStore<typeof referenceAssetEntry>;
  /** add_look prompt calls HeyGen refused outright, so the next one gets a new key. */
  promptRefusals: KeyStore<typeof promptRefusalEntry>;
  /** How alike each look's preview is to the reference photos (the heygen provider's base look). */
  lookLikeness: KeyStore<typeof lookLikenessEntry>;
  /** create_video's idempotency keys → sessions. */
  videoKeys: KeyStore<typeof videoKeyEntry>;
  videos: VideoStore;
  /** How soon recent looks became ready, per HeyGen endpoint. */
  readiness: ReadinessHistory;
  jobs: JobManager;
  providers: ProviderRegistry;
  /** The HeyGen client; rejects with a UserError naming HEYGEN_API_KEY when there is none. */
  heygen: () => Promise<HeyGenClient>;
  /** The face checks (their models load on first use); undefined when the gate is off. */
  faces: () => Promise<FaceChecker | undefined>;
  /** Removes every configured secret from text that leaves the process. */
  redact: (text: string) => string;
  /** When this process added each look (a new look can 404 for a few seconds). */
  lookCreatedAt: Map<string, number>;
  /** Aborts when the server starts shutting down: waits end early with "still running, ask again". */
  stopping: AbortSignal;
}
