// Sandbox mode's HeyGen: the simulator, in this process, with its state in a file under
// AVATAR_LOOKS_HOME that every process of this home shares. So a look that a job runner adds is
// the same look the server (or a later server: MCP Inspector's CLI starts one per call) reports.

import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

export async function startSandboxHeyGen(config: Config, logger: Logger): Promise<Config> {
  const { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } = await import('./heygen-simulator.ts');
  const stateFile = join(config.home, 'sandbox', 'heygen-simulator.json');
  const simulator = await new HeyGenSimulator({ stateFile }).start();
  logger.info('sandbox: HeyGen simulator listening', { url: simulator.url, state: stateFile });
  return { ...config, heygen: { ...config.heygen, apiKey: simulator.apiKey, baseUrl: simulator.url, groupId: config.heygen.groupId ?? SIMULATOR_SEED_GROUP_ID } };
}
