// Progress notifications for long tool calls: sent on every change and at least every few
// seconds, always increasing (the protocol requires it), only when the client asked for them.

import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { anySignal } from '../core/retry.ts';
import type { Services } from '../flows/deps.ts';
import type { JobManager } from '../jobs/manager.ts';
import type { JobRecord } from '../jobs/record.ts';
import { renderJob } from './job-result.ts';

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export const HEARTBEAT_MS = 4_000;

const senders = new WeakMap<Extra, (percent: number, message: string) => void>();

/** One sender per request, however many parts of the handler report: progress never goes back. */
export function progressSender(extra: Extra): (percent: number, message: string) => void {
  const known = senders.get(extra);
  if (known) return known;
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => {};
  let last = -1;
  let said = '';
  const send = (percent: number, message: string) => {
    // The same words twice in a row tell nothing new (a step's start arrives as a milestone and as progress).
    if (message === said) return;
    // Tenths only: a value like 2.3000000000000003 is noise to whoever reads it.
    const progress = Math.round(Math.min(99.9, Math.max(percent, last + 0.1)) * 10) / 10;
    if (progress <= last) return;
    last = progress;
    said = message;
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total: 100, message },
      })
      .catch(() => {});
  };
  senders.set(extra, send);
  return send;
}

/**
 * Waits on a job for up to `waitMs`, reporting progress. A client that cancels the call
 * (notifications/cancelled) cancels the job; a connection that closes (host restart, client
 * gone) does not: the SDK aborts every handler on close too, so we look one tick later
 * whether the connection is still there before cancelling paid work. Nor does a server that
 * shuts down: the wait just ends early.
 */
export async function waitForJob(
  jobs: JobManager,
  jobId: string,
  waitMs: number,
  extra: Extra,
  cancel: { onAbort: boolean; isConnected: () => boolean; stopping: AbortSignal },
): Promise<JobRecord | undefined> {
  const send = progressSender(extra);
  const started = Date.now();
  let latest: JobRecord | undefined;
  const tell = (record: JobRecord) => {
    latest = record;
    send(record.progress.percent, `${record.progress.message} (${Math.round((Date.now() - started) / 1000)} s)`);
  };
  const heartbeat = setInterval(() => latest && tell(latest), HEARTBEAT_MS);
  const onAbort = () => {
    if (!cancel.onAbort) return;
    setImmediate(() => {
      if (cancel.isConnected()) void jobs.cancel(jobId);
    });
  };
  // The wait ends when the call is aborted, or at once when the server shuts down: the job goes
  // on, and the client asks again.
  const waitEnds = anySignal(extra.signal, cancel.stopping);
  extra.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await jobs.wait(jobId, waitMs, tell, waitEnds.signal);
  } finally {
    clearInterval(heartbeat);
    extra.signal.removeEventListener('abort', onAbort);
    waitEnds.dispose();
  }
}

/**
 * Waits on a job the call started (or found) until `deadline`, then renders it: its result, or
 * "still running, ask get_job". A client that cancels a call that started paid work cancels it.
 */
export async function followJob(
  server: McpServer,
  services: Services,
  extra: Extra,
  job: JobRecord,
  options: { deadline: number; cancelOnAbort: boolean; note?: string | undefined },
): Promise<CallToolResult> {
  const record = await waitForJob(services.jobs, job.id, Math.max(0, options.deadline - Date.now()), extra, {
    onAbort: options.cancelOnAbort,
    isConnected: () => server.isConnected(),
    stopping: services.stopping,
  });
  return renderJob(record ?? job, { note: options.note, services });
}
