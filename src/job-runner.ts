// The process a job runs in:  node job-runner.js <home> <job-id>
// Started detached by JobManager.start(). Reads the job's input, does the work, and keeps the
// job's record current (progress, heartbeat, result or error). SIGTERM cancels: upstream
// requests are aborted and the record says so. SIGUSR2 (the server shutting down) asks the job
// to stop at its next safe point instead: it ends "interrupted", with how to resume. Logs go to
// jobs/<id>.log.

// Only light modules are imported statically: the signal handlers must be in place before the
// heavy ones (sharp, the Gemini SDK) load, so an early cancel is recorded, not a dead runner.
import module from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Config } from './core/config.ts';
import { ImageError } from './domain/images/errors.ts';
import { PipelineError } from './flows/create-look/errors.ts';
import type { GenerationJob } from './flows/generate-image.ts';
import { createLogger, redact, secretValues, type Logger } from './core/log.ts';
import { writeJsonAtomic } from './core/files.ts';
import { HEARTBEAT_MS, jobPaths, STOP_SIGNAL, type JobContext, type JobError, type JobRecord } from './jobs/manager.ts';

/** A job may not run longer than this, whatever its upstream does (create_look: two rounds of
 * images, up to 5 minutes of HeyGen 429s and 10 minutes of waiting for the look). */
const TIME_LIMITS_MS: Record<string, number> = { generate_look_image: 20 * 60_000, create_look: 40 * 60_000 };
const PROGRESS_WRITE_MS = 250;

type JobWork = (
  input: unknown,
  deps: { config: Config; logger: Logger; jobId: string },
  context: JobContext,
) => Promise<Record<string, unknown>>;

const KINDS: Record<string, JobWork> = {
  generate_look_image: async (input, { config, logger }, context) => {
    const [{ runGeneration }, { ProviderRegistry }, { RunStore }] = await Promise.all([
      import('./flows/generate-image.ts'),
      import('./domain/images/registry.ts'),
      import('./store/runs.ts'),
    ]);
    return runGeneration(
      input as GenerationJob,
      { config, providers: new ProviderRegistry(config), runs: new RunStore(config.home), logger },
      context,
    );
  },
  create_look: async (input, { config, logger, jobId }, context) => {
    const [{ runCreateLook }, { ProviderRegistry }, { RunStore }, { HeyGenClient }] = await Promise.all([
      import('./flows/create-look/run.ts'),
      import('./domain/images/registry.ts'),
      import('./store/runs.ts'),
      import('./domain/heygen/client.ts'),
    ]);
    // In sandbox mode this process has its own simulator (started on the first HeyGen call), sharing the home's simulator state.
    let client: Promise<InstanceType<typeof HeyGenClient>> | undefined;
    const heygen = () =>
      (client ??= (async () => {
        const settings = config.sandbox
          ? await (await import('./sandbox/wire.ts')).startSandboxHeyGen(config, logger)
          : config.heygen;
        if (!settings.apiKey)
          throw new PipelineError(
            'heygen',
            'HeyGen is not configured: the server has no HEYGEN_API_KEY.',
            "Add HEYGEN_API_KEY to the server's environment and restart it; then call create_look again with the same key.",
          );
        return new HeyGenClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl, timeoutMs: settings.timeoutMs });
      })());
    const { run_id } = input as { run_id: string };
    return runCreateLook(
      { run_id, job_id: jobId },
      // The face checks load their models on the first candidate, not before.
      {
        config,
        logger,
        runs: new RunStore(config.home),
        providers: new ProviderRegistry(config),
        heygen,
        faces: config.faceGate === 'off' ? undefined : (await import('./domain/faces/checker.ts')).createFaceChecker(),
        crashAt: process.env.AVATAR_LOOKS_TEST_CRASH_AT,
      },
      context,
    );
  },
};

export function describeJobError(error: unknown, secrets: readonly string[], logger: Logger): JobError {
  if (error instanceof ImageError)
    return { kind: error.kind, message: redact(error.message, secrets), next_step: redact(error.nextStep, secrets) };
  if (error instanceof PipelineError)
    return {
      kind: error.kind,
      message: redact(error.message, secrets),
      next_step: redact(error.nextStep, secrets),
      final: error.final,
    };
  logger.error('job crashed', { message: (error as Error)?.message, stack: (error as Error)?.stack });
  return {
    kind: 'internal',
    message: `Internal error: ${redact((error as Error)?.message ?? String(error), secrets)}.`,
    next_step: 'This is a bug in avatar-looks-mcp; the details are in the job log. Try again.',
  };
}

async function main(home: string, id: string, controller: AbortController, stopping: AbortSignal): Promise<void> {
  const paths = jobPaths(home, id);
  const secrets = secretValues();
  // The server's log level (config.ts, with zod, loads later: signal handlers come first).
  const wanted = process.env.AVATAR_LOOKS_LOG_LEVEL;
  const level = wanted === 'debug' || wanted === 'warn' || wanted === 'error' ? wanted : 'info';
  const logger = createLogger(level, (line) => process.stderr.write(line), secrets);
  const { kind, input } = JSON.parse(await readFile(paths.input, 'utf8')) as { kind: string; input: unknown };
  const record = JSON.parse(await readFile(paths.record, 'utf8')) as JobRecord;
  record.owner = { pid: process.pid };

  let writing = Promise.resolve();
  const save = () => {
    const now = new Date().toISOString();
    record.updated_at = now;
    record.heartbeat_at = now;
    const snapshot = JSON.parse(JSON.stringify(record)) as JobRecord;
    writing = writing
      .then(() => writeJsonAtomic(paths.record, snapshot))
      .catch((error: unknown) => logger.error('could not write the job record', { message: (error as Error).message }));
    return writing;
  };
  let progressTimer: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(save, HEARTBEAT_MS);

  const limitMs = TIME_LIMITS_MS[kind] ?? 20 * 60_000;
  const limit = setTimeout(
    stop(controller, `The job ran longer than ${limitMs / 60_000} minutes and was stopped.`),
    limitMs,
  );

  const context: JobContext = {
    signal: controller.signal,
    stopping,
    progress: (percent, message, milestone) => {
      record.progress = { percent: Math.max(record.progress.percent, Math.min(99, Math.round(percent))), message };
      if (milestone) {
        record.milestones = [...(record.milestones ?? []), record.progress].slice(-50);
        void save();
        return;
      }
      progressTimer ??= setTimeout(() => {
        progressTimer = undefined;
        void save();
      }, PROGRESS_WRITE_MS);
    },
  };
  await save();
  logger.info('job running', { id, kind });
  try {
    const work = KINDS[kind];
    if (!work) throw new Error(`unknown job kind "${kind}"`);
    const { loadConfig } = await import('./core/config.ts');
    if (controller.signal.aborted) throw controller.signal.reason;
    const config = loadConfig(process.env);
    record.result = await work(input, { config, logger, jobId: id }, context);
    record.status = 'completed';
    record.progress = { percent: 100, message: 'Done.' };
  } catch (error) {
    // Stopped at a safe point for a server shutdown: nothing is lost, and a later call resumes.
    record.status = error instanceof PipelineError && error.kind === 'interrupted' ? 'interrupted' : 'failed';
    record.error = describeJobError(
      controller.signal.aborted && !(error instanceof ImageError || error instanceof PipelineError)
        ? controller.signal.reason
        : error,
      secrets,
      logger,
    );
    record.progress = {
      percent: 100,
      message: record.status === 'interrupted' ? 'Stopped at a safe point: the server shut down.' : 'Failed.',
    };
  }
  clearInterval(heartbeat);
  clearTimeout(limit);
  if (progressTimer) clearTimeout(progressTimer);
  await save();
  logger.info('job finished', {
    id,
    status: record.status,
    ...(record.error ? { error: record.error.kind } : {}),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}

const stop = (controller: AbortController, reason: string) => () =>
  controller.abort(new ImageError('cancelled', reason, 'Call the tool again when ready.'));

const [home, id] = process.argv.slice(2);
if (!home || !id) {
  process.stderr.write('usage: job-runner <home> <job-id>\n');
  process.exit(2);
}
module.enableCompileCache?.();
const controller = new AbortController();
process.on('SIGTERM', stop(controller, 'The job was cancelled.'));
process.on('SIGINT', stop(controller, 'The job was cancelled.'));
const stopping = new AbortController();
process.on(STOP_SIGNAL, () => stopping.abort());
main(home, id, controller, stopping.signal).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`job-runner failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
