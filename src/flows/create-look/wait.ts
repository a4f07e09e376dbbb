// Step 6 of create_look: follows the new look at HeyGen until it is ready (completed, with a
// preview and its dimensions). Waiting only reads: a server shutting down may stop it at any
// moment, and a re-call with the same key waits again without making anything.

import { UserError } from '../../core/errors.ts';
import { CREATE_LOOK_STEPS } from '../../store/records.ts';
import { firstCheckMs, LOOK_POLLING, nextReadAtMs } from '../../domain/heygen/polling.ts';
import { followLook, type LookState } from '../look-status.ts';
import { stoppedBefore, type StepContext } from './step.ts';

/** How long the wait step follows a look that HeyGen is still processing: HeyGen says to give up after about 5 minutes. */
const LOOK_WAIT_MS = 5 * 60_000;
/** Photo looks are usually ready within this long (30–90 s): past it, progress stays at 95 %. */
const USUAL_SECONDS = 90;

export async function waitStep(step: StepContext): Promise<void> {
  const { run } = step;
  const lookId = run.look.look_id;
  if (!lookId) {
    throw new UserError('bad_request', 'The run has no look to wait for.', 'Call create_look with force_new: true.', {
      final: true,
    });
  }
  // A look HeyGen made from the prompt was followed until ready before the gate saw its preview.
  if (run.look.made_from_prompt && run.look.preview_image_url) {
    step.progress(1, `look ${lookId} is ready (HeyGen made it from the prompt).`);
    return;
  }
  const addedAt = Date.parse(run.steps.add.finished_at ?? run.steps.wait.started_at ?? new Date().toISOString());
  const { state, timing } = await followNewLook(step, lookId, addedAt, {
    usualSeconds: USUAL_SECONDS,
    onStatus: (status) => (run.look.status = status),
    kind: 'photo looks take 30–90 s',
  });
  if (state.state === 'ready') {
    const { look } = state;
    run.look = {
      ...run.look,
      ...timing,
      status: look.status ?? undefined,
      ...(look.preview_image_url ? { preview_image_url: look.preview_image_url } : {}),
      ...(look.image_width ? { width: look.image_width } : {}),
      ...(look.image_height ? { height: look.image_height } : {}),
    };
    step.progress(1, `look ${lookId} is ready.`);
    return;
  }
  throw notReady(step, lookId, state);
}

/**
 * Follows a look HeyGen is making (added at `addedAt`) until it settles or HEYGEN's 5 minutes pass:
 * the first read when this HeyGen's looks are usually ready (a resumed wait reads at once), then
 * HeyGen's cadence; what was learned about how soon looks are ready is kept for the next look.
 */
export async function followNewLook(
  step: StepContext,
  lookId: string,
  addedAt: number,
  options: {
    usualSeconds: number;
    kind: string;
    onStatus: (status: string | undefined) => void;
    /** A prompt look (HeyGen makes it from a prompt): its readiness is learned apart from photo looks'. */
    prompt?: boolean;
  },
): Promise<{ state: LookState; timing: { ready_after_ms?: number; pending_at_ms?: number } }> {
  const { services } = step;
  const client = await step.heygen();
  const scale = client.pollScale;
  // Prompt looks take minutes, photo looks seconds: each kind learns its own first read.
  const history = options.prompt ? `${client.endpoint}#prompt-looks` : client.endpoint;
  const firstMs = firstCheckMs(await services.readiness.recent(history).catch(() => []), scale);
  const sinceAdd = (at: number) => at - addedAt;
  let pendingAt: number | undefined;
  let readyAt: number | undefined;
  let firstSeen: number | undefined;
  const state = await followLook(client, lookId, {
    addedAt,
    tolerateOutages: true,
    deadline: Date.now() + LOOK_WAIT_MS,
    firstReadAt: addedAt + firstMs,
    nextReadAt: (last, reads) =>
      addedAt + nextReadAtMs(reads.map(sinceAdd), firstMs, { scale, lastUnknown: last.state === 'unknown' }),
    onRead: (last, elapsedMs) => {
      if ('look' in last) options.onStatus(last.look.status ?? undefined);
      const seen = sinceAdd(Date.now());
      firstSeen ??= seen;
      if (last.state === 'ready') readyAt = seen;
      else if (last.state === 'processing' || last.state === 'not_visible') pendingAt = seen;
      const elapsed = Math.round(elapsedMs / 1000);
      const what =
        last.state === 'unknown'
          ? `asking again about look ${lookId}: ${last.error.message} (${elapsed} s).`
          : `look ${lookId} is ${'look' in last ? (last.look.status ?? 'not ready') : 'not visible yet'} (${elapsed} s; ${options.kind}).`;
      if (last.state !== 'ready') step.progress(Math.min(0.95, elapsed / options.usualSeconds), what);
    },
    signal: step.job.signal,
    stopping: step.job.stopping,
  });
  if (readyAt === undefined) return { state, timing: {} };
  // A wait resumed long after its add (a restart) says nothing about how soon looks are ready.
  const onTime = (firstSeen ?? 0) <= firstMs + LOOK_POLLING.cadenceMs * scale;
  await learn(step, onTime ? history : undefined, pendingAt, readyAt);
  return {
    state,
    timing: {
      ready_after_ms: Math.round(readyAt),
      ...(pendingAt === undefined ? {} : { pending_at_ms: Math.round(pendingAt) }),
    },
  };
}

function notReady(step: StepContext, lookId: string, state: LookState): UserError {
  const { run, folder } = step;
  switch (state.state) {
    case 'gone':
      return new UserError(
        'look_failed',
        `Look ${lookId} is no longer at HeyGen (404 ${Math.round(state.sinceAddedMs / 1000)} s after it was added): it was deleted, or its group was.`,
        `The image is kept in ${folder.dir}: call create_look with force_new: true to add it again, or upload_to_heygen and add_look with that image (no new image is paid for that way).`,
        { final: true },
      );
    case 'failed': {
      const face = /face/i.test(state.reason);
      return new UserError(
        'look_failed',
        `HeyGen could not make look ${lookId} (${state.reason}).`,
        `${face ? 'HeyGen found no usable face in the image. ' : ''}The images are kept in ${folder.dir}. Call create_look with force_new: true (or a new key) to generate a new image; ${face ? 'a clear, front-facing pose helps.' : 'a different prompt may help.'}`,
        { final: true },
      );
    }
    case 'pending_consent':
      return new UserError(
        'consent_pending',
        `Look ${lookId} is made, but HeyGen waits for the avatar owner's consent before it can be used.`,
        `Call request_avatar_consent with group_id "${run.group_id}" and have the owner open the link; then call create_look again with the same key (it only waits for the look, nothing is made again).`,
      );
    default:
      if (step.job.stopping?.aborted)
        return stoppedBefore('wait', CREATE_LOOK_STEPS.slice(0, CREATE_LOOK_STEPS.indexOf('wait')));
      return new UserError(
        'look_timeout',
        `HeyGen is still processing look ${lookId} after ${Math.round(LOOK_WAIT_MS / 60_000)} minutes (status ${'look' in state ? state.look.status : 'not visible yet'}).`,
        'Call create_look again with the same key later: it continues waiting for this look and makes nothing new. get_look_status shows it too.',
      );
  }
}

/**
 * Keeps when this look was last seen not ready and first seen ready (after the add), for a wait
 * that started on time, in the endpoint's history that times the next look's first read.
 */
async function learn(step: StepContext, endpoint: string | undefined, pendingAt: number | undefined, readyAt: number) {
  if (endpoint === undefined) return;
  await step.services.readiness
    .add(endpoint, { pending_at_ms: pendingAt, ready_after_ms: readyAt })
    .catch((error: unknown) =>
      step.services.logger.warn('could not keep how soon the look was ready', { error: String(error) }),
    );
}
