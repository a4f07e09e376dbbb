// Sandbox mode's HeyGen: the simulator, in this process, with its state in a file under
// AVATAR_LOOKS_HOME that every process of this home shares. So a look that a job runner adds is
// the same look the server (or a later server: MCP Inspector's CLI starts one per call) reports.
// Started on the first HeyGen call, so a server that never calls HeyGen never pays for it.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../core/config.ts';
import { LocalFiles } from '../core/local-files.ts';
import type { Logger } from '../core/log.ts';
import { loadReference } from '../domain/images/reference.ts';
import { sandboxFace } from './face.ts';
import { SANDBOX_GROUP_ID } from './seed.ts';

/** Starts this process's simulator and returns the HeyGen settings that reach it. */
export async function startSandboxHeyGen(config: Config, logger: Logger): Promise<Config['heygen']> {
  const { HeyGenSimulator } = await import('./heygen/simulator.ts');
  const stateFile = join(config.home, 'sandbox', 'heygen-simulator.json');
  // Looks are ready in 3 s, not 30–90, so they are asked about ten times as often as HeyGen's
  // cadence; a Video Agent video takes about 11 s (thinking 3 s, reviewing 1 s, rendering 7 s),
  // not 20–45 minutes.
  const simulator = await new HeyGenSimulator({
    stateFile,
    seedLookImage: await seedLookImage(config, logger),
    sessionThinkingMs: 3_000,
    sessionReviewingMs: 1_000,
    videoRenderMs: 7_000,
  }).start();
  logger.info('sandbox: HeyGen simulator listening', { url: simulator.url, state: stateFile });
  return {
    ...config.heygen,
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    groupId: config.heygen.groupId ?? SANDBOX_GROUP_ID,
    pollScale: 0.1,
  };
}

/**
 * The seeded look's image: the person's first reference photo, as a real avatar is made from
 * their photo (upright JPEG, read with the reference photo's 20 MB cap), else the sandbox face.
 * A URL is not fetched: the sandbox stays offline.
 */
async function seedLookImage(config: Config, logger: Logger): Promise<Buffer> {
  const reference = config.referenceImages[0];
  if (reference && !/^https?:\/\//i.test(reference)) {
    try {
      const files = new LocalFiles(config.allowedDirs);
      return (await loadReference(reference, { allowPrivateUrls: false, files })).bytes;
    } catch (error) {
      logger.warn('sandbox: the reference photo cannot be read; the seeded look shows the sandbox face', {
        error: (error as Error).message,
      });
    }
  }
  // The sandbox face is a JPEG crop already.
  return readFile(await sandboxFace(config.home));
}
