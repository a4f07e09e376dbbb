// The process a job runs in:  node job-runner.js <home> <job-id>
// Started detached by JobManager.start(). SIGTERM cancels: upstream requests are aborted and the
// record says so. SIGUSR2 (the server shutting down) asks the job to stop at its next safe point
// instead. Logs go to jobs/<id>.log. The work itself: jobs/runner.ts, with the kinds compose.ts wires.

// Only light modules are imported statically: the signal handlers must be in place before the
// heavy ones (zod, sharp, the Gemini SDK) load, so an early cancel is recorded, not a dead runner.
import module from 'node:module';
import { cancellation, STOP_SIGNAL } from './jobs/signals.ts';

const [home, id] = process.argv.slice(2);
if (!home || !id) {
  process.stderr.write('usage: job-runner <home> <job-id>\n');
  process.exit(2);
}
module.enableCompileCache?.();
const controller = new AbortController();
const cancel = () => controller.abort(cancellation('The job was cancelled.'));
process.on('SIGTERM', cancel);
process.on('SIGINT', cancel);
const stopping = new AbortController();
process.on(STOP_SIGNAL, () => stopping.abort());

const { runJobProcess } = await import('./compose.ts');
runJobProcess({ home, id, controller, stopping: stopping.signal, env: process.env }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`job-runner failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
