// What the tools share for the life of the process: run folders, jobs, image providers. Built
// once in main (not per request); jobs themselves run in their own processes and outlive it.

import type { Config } from './core/config.ts';
import type { HeyGenClient } from './domain/heygen/client.ts';
import { ProviderRegistry } from './domain/images/registry.ts';
import { secretValues, type Logger } from './core/log.ts';
import { JobManager } from './jobs/manager.ts';
import { KeyStore } from './store/keys.ts';
import { RunStore } from './store/runs.ts';

export interface Services {
  runs: RunStore;
  /** create_look's idempotency keys → runs. */
  keys: KeyStore;
  jobs: JobManager;
  providers: ProviderRegistry;
  /** Values that must never appear in a result or a log. */
  secrets: string[];
  /** The HeyGen client; throws a HeyGenConfigError naming HEYGEN_API_KEY when there is no key. */
  heygen: () => Promise<HeyGenClient>;
  /** When this process created each look (a new look can 404 for a few seconds). */
  lookCreatedAt: Map<string, number>;
  /** Aborts when the server starts shutting down: waits end early with "still running, ask again". */
  stopping: AbortSignal;
}

export class MissingHeyGenKey extends Error {
  override name = 'MissingHeyGenKey';
}

export interface ServiceOptions {
  /** The environment the config was read from: job runners get the same. */
  env: Record<string, string | undefined>;
  /** Aborted by the transport when the server shuts down (HTTP); never, by default. */
  stopping?: AbortSignal;
}

export function createServices(config: Config, logger: Logger, options: ServiceOptions): Services {
  const secrets = [
    ...new Set(
      [config.gemini.apiKey, config.heygen.apiKey, ...secretValues(options.env)].filter(
        (s): s is string => !!s && s.length >= 8,
      ),
    ),
  ];
  let heygen: Promise<HeyGenClient> | undefined;
  // A job runner never serves HTTP: it does not get the server's bearer token.
  const { AVATAR_LOOKS_HTTP_TOKEN: _token, ...env } = options.env;
  const runnerEnv = {
    ...env,
    AVATAR_LOOKS_HOME: config.home,
    ...(config.sandbox === 'flag' ? { AVATAR_LOOKS_SANDBOX: '1' } : {}),
  };
  return {
    runs: new RunStore(config.home),
    keys: new KeyStore(config.home),
    jobs: new JobManager(config.home, logger, { runnerEnv }),
    providers: new ProviderRegistry(config),
    secrets,
    lookCreatedAt: new Map(),
    stopping: options.stopping ?? new AbortController().signal,
    heygen: () => {
      if (!config.heygen.apiKey && !config.sandbox) {
        return Promise.reject(new MissingHeyGenKey('HeyGen is not configured: the server has no HEYGEN_API_KEY.'));
      }
      heygen ??= (async () => {
        // Sandbox mode: this process's simulator, sharing the home's simulator state.
        const settings = config.sandbox
          ? await (await import('./sandbox/wire.ts')).startSandboxHeyGen(config, logger)
          : config.heygen;
        const { HeyGenClient } = await import('./domain/heygen/client.ts');
        return new HeyGenClient({
          apiKey: settings.apiKey as string,
          baseUrl: settings.baseUrl,
          timeoutMs: settings.timeoutMs,
        });
      })();
      heygen.catch(() => (heygen = undefined));
      return heygen;
    },
  };
}
