// What the tools share for the life of the process: run folders, jobs, image providers. Built
// once in main (not per request), so jobs outlive the call that started them.

import type { Config } from './config.ts';
import { ImageError } from './images/errors.ts';
import { runGeneration, type GenerateLookResult, type PreparedGeneration } from './images/generate.ts';
import { ProviderRegistry } from './images/providers.ts';
import type { RetryPolicy } from './images/retry.ts';
import { redact, secretValues, type Logger } from './log.ts';
import { JobManager, type JobContext } from './looks/jobs.ts';
import { RunStore } from './looks/runs.ts';

export interface Services {
  runs: RunStore;
  jobs: JobManager;
  providers: ProviderRegistry;
  generate: (prepared: PreparedGeneration, job: JobContext) => Promise<GenerateLookResult>;
  /** Values that must never appear in a result or a log. */
  secrets: string[];
}

export interface ServiceOptions {
  providers?: ProviderRegistry;
  retryPolicy?: RetryPolicy;
}

export function createServices(config: Config, logger: Logger, options: ServiceOptions = {}): Services {
  const secrets = [...new Set([config.gemini.apiKey, ...secretValues()].filter((s): s is string => !!s && s.length >= 8))];
  const runs = new RunStore(config.home);
  const providers = options.providers ?? new ProviderRegistry(config);
  const jobs = new JobManager(
    config.home,
    (error) => {
      if (error instanceof ImageError) return { kind: error.kind, message: redact(error.message, secrets), next_step: redact(error.nextStep, secrets) };
      logger.error('job crashed', { message: (error as Error)?.message, stack: (error as Error)?.stack });
      return { kind: 'internal', message: `Internal error: ${redact((error as Error)?.message ?? String(error), secrets)}.`, next_step: 'This is a bug; the details are in the server log (stderr). Try again.' };
    },
    logger,
  );
  const deps = { config, providers, runs, logger, ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}) };
  return { runs, jobs, providers, secrets, generate: (prepared, job) => runGeneration(prepared, deps, job) };
}
