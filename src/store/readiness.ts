// How soon this HeyGen's new looks became ready, for the last few looks: create_look times its
// first "is it ready?" read from it (domain/heygen/polling.ts). One small file per home, by
// HeyGen endpoint (the sandbox's simulator and the real API learn apart). Several jobs may finish
// at once: each rewrites the file whole, and a lost observation costs nothing but a little
// learning.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonRecord, writeJsonAtomic } from '../core/files.ts';

/** One look: when after its add it was last seen not ready (if ever), and first seen ready. */
export interface ReadinessObservation {
  pending_at_ms?: number | undefined;
  ready_after_ms: number;
}

/** Observations kept per endpoint. */
const KEEP = 20;

const observation = z.object({
  at: z.string(),
  pending_at_ms: z.number().nonnegative().optional(),
  ready_after_ms: z.number().nonnegative(),
});

const file = z.looseObject({ endpoints: z.record(z.string(), z.array(observation)) });

export class ReadinessHistory {
  private readonly path: string;

  constructor(home: string) {
    this.path = join(home, 'heygen', 'look-readiness.json');
  }

  /** The endpoint's recent observations, oldest first. */
  async recent(endpoint: string): Promise<ReadinessObservation[]> {
    const stored = await readJsonRecord(this.path, file);
    return stored?.endpoints[endpoint] ?? [];
  }

  async add(endpoint: string, seen: ReadinessObservation): Promise<void> {
    const stored = (await readJsonRecord(this.path, file)) ?? { endpoints: {} };
    const entry = {
      at: new Date().toISOString(),
      ...(seen.pending_at_ms === undefined ? {} : { pending_at_ms: Math.round(seen.pending_at_ms) }),
      ready_after_ms: Math.round(seen.ready_after_ms),
    };
    stored.endpoints[endpoint] = [...(stored.endpoints[endpoint] ?? []), entry].slice(-KEEP);
    await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.path, stored);
  }
}
