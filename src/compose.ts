// The one composition root: config → services (stores, jobs, image providers, HeyGen, face
// checks), the sandbox's stand-ins when in sandbox mode, and the job kinds. The stdio server, the
// HTTP server and the job runner all build what they need here. Heavy parts (sharp, the SDKs, the
// face models, the simulator) load on first use: a server's cold start never pays for them.

import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from './core/config.ts';
import { UserError } from './core/errors.ts';
import { createLogger, redact, secretValues, type Logger } from './core/log.ts';
import { registerSecrets } from './core/redact.ts';
import type { HeyGenClient } from './domain/heygen/client.ts';
import type { FaceChecker } from './domain/faces/checker.ts';
import { ProviderRegistry } from './domain/images/registry.ts';
import type { Services } from './flows/deps.ts';
import { JOB_KIND_INFO, jobKinds } from './flows/jobs.ts';
import { JobManager } from './jobs/manager.ts';
import { addLookKeys, lookKeys, lookLikeness, promptRefusals, referenceAssets, videoKeys } from './store/keys.ts';
import { LocalFiles } from './core/local-files.ts';
import { ReadinessHistory } from './store/readiness.ts';
import { RunStore } from './store/runs.ts';
import { VideoStore } from './store/videos.ts';

export type { Services } from './flows/deps.ts';

/** The simulator's seeded avatar group: sandbox mode's default HEYGEN_AVATAR_GROUP_ID. */
export { SANDBOX_GROUP_ID } from './sandbox/seed.ts';
import { SANDBOX_GROUP_ID } from './sandbox/seed.ts';

/** The job runner's script, beside this file (src/ when run from source, dist/ when built). */
const RUNNER_SCRIPT = fileURLToPath(new URL(`./job-runner${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** The config from the environment, with sandbox mode's default avatar group filled in. */
export function appConfig(env: NodeJS.ProcessEnv, options: { sandboxFlag?: boolean } = {}): Config {
  const config = loadConfig(env, options);
  return config.sandbox
    ? { ...config, heygen: { ...config.heygen, groupId: config.heygen.groupId ?? SANDBOX_GROUP_ID } }
    : config;
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
      [
        config.gemini.apiKey,
        config.heygen.apiKey,
        config.openai.apiKey,
        config.bfl.apiKey,
        ...secretValues(options.env),
      ].filter((secret): secret is string => !!secret && secret.length >= 8),
    ),
  ].sort((a, b) => b.length - a.length);
  // From now on every log line, tool result and record written in this process masks them.
  registerSecrets(secrets);
  // A job runner never serves HTTP: it does not get the server's bearer token.
  const { AVATAR_LOOKS_HTTP_TOKEN: _token, ...env } = options.env;
  const runnerEnv = {
    ...env,
    AVATAR_LOOKS_HOME: config.home,
    ...(config.sandbox === 'flag' ? { AVATAR_LOOKS_SANDBOX: '1' } : {}),
  };
  return {
    config,
    logger,
    files: new LocalFiles(config.allowedDirs),
    sandboxFace:
      config.sandbox === null ? undefined : async () => (await import('./sandbox/face.ts')).sandboxFace(config.home),
    runs: new RunStore(config.home),
    lookKeys: lookKeys(config.home),
    videoKeys: videoKeys(config.home),
    addLookKeys: addLookKeys(config.home),
    referenceAssets: referenceAssets(config.home),
    lookLikeness: lookLikeness(config.home),
    promptRefusals: promptRefusals(config.home),
    readiness: new ReadinessHistory(config.home),
    videos: new VideoStore(config.home),
    jobs: new JobManager(config.home, logger, {
      runnerEnv,
      runnerScript: RUNNER_SCRIPT,
      kinds: JOB_KIND_INFO,
      maxRunning: config.maxJobs,
    }),
    providers: new ProviderRegistry(config, { sandbox: () => sandboxImages(config) }),
    heygen: once(() => heygenClient(config, logger)),
    faces: once(() => faceChecker(config)),
    redact: (text) => redact(text, secrets),
    lookCreatedAt: new Map(),
    stopping: options.stopping ?? new AbortController().signal,
  };
}

/** A lazy singleton that forgets a failure, so the next call tries again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    made.catch(() => (made = undefined));
    return made;
  };
}

/** HeyGen: the real API, or in sandbox mode this process's simulator (sharing the home's state). */
async function heygenClient(config: Config, logger: Logger): Promise<HeyGenClient> {
  if (!config.heygen.apiKey && !config.sandbox) {
    throw new UserError(
      'config',
      'HeyGen is not configured: the server has no HEYGEN_API_KEY.',
      "Add HEYGEN_API_KEY (HeyGen → Settings → API) to the server's environment in your MCP host config and restart it, or start the server with --sandbox to try the HeyGen steps offline.",
    );
  }
  const settings = config.sandbox
    ? await (await import('./sandbox/wire.ts')).startSandboxHeyGen(config, logger)
    : config.heygen;
  const { HeyGenClient } = await import('./domain/heygen/client.ts');
  return new HeyGenClient({
    apiKey: settings.apiKey as string,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    pollScale: settings.pollScale,
  });
}

async function faceChecker(config: Config): Promise<FaceChecker | undefined> {
  if (config.faceGate === 'off') return undefined;
  // The models load on the first check, not here.
  return (await import('./domain/faces/checker.ts')).createFaceChecker();
}

async function sandboxImages(config: Config) {
  const { SandboxImageProvider } = await import('./sandbox/image-provider.ts');
  return new SandboxImageProvider({ delayMs: config.sandboxDelayMs });
}

export interface JobProcess {
  home: string;
  id: string;
  controller: AbortController;
  stopping: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** The job runner's body: the job's services and kinds, built in the runner's own process. */
export async function runJobProcess(job: JobProcess): Promise<void> {
  const secrets = secretValues(job.env);
  registerSecrets(secrets);
  // The server's log level; the config (with zod) loads inside the job, where a failure is recorded.
  const wanted = job.env.AVATAR_LOOKS_LOG_LEVEL;
  const level = wanted === 'debug' || wanted === 'warn' || wanted === 'error' ? wanted : 'info';
  const logger = createLogger(level, (line) => process.stderr.write(line), secrets);
  const { runJob } = await import('./jobs/runner.ts');
  await runJob({
    home: job.home,
    id: job.id,
    logger,
    redact: (text) => redact(text, secrets),
    controller: job.controller,
    stopping: job.stopping,
    kinds: async () => {
      const services = createServices(appConfig(job.env), logger, { env: job.env });
      return jobKinds(services, { jobId: job.id, crashAt: job.env.AVATAR_LOOKS_TEST_CRASH_AT });
    },
  });
}
