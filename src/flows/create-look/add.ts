// Step 5 of create_look: the asset to a new look in the person's group — never twice. The add goes
// out with an idempotency key kept in run.json: a retry, or a resumed job, sends the same key and
// HeyGen answers with the look it made the first time (for 24 h). Past that window, a run whose
// add was sent but never answered first looks in the group for a look whose name carries the run
// id, for as long as a new look can take to be listed, and only then adds.

import { UserError } from '../../core/errors.ts';
import { poll } from '../../core/retry.ts';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { idempotencyKey, REPLAY_WINDOW_MS } from '../../domain/heygen/idempotency.ts';
import { HeyGenError, refusedOutright } from '../../domain/heygen/errors.ts';
import { addLookOnce, getLook, looksMatching } from '../../domain/heygen/looks.ts';
import { HEYGEN_PRICES } from '../../domain/heygen/prices.ts';
import type { CreateLookRun } from '../../store/records.ts';
import { chosenCandidate, patiently, type StepContext } from './step.ts';

/** After an add whose answer was lost, how long to keep looking for its look before adding again. */
const ADD_VISIBLE_MS = 30_000;
const LISTING_INTERVAL_MS = 3_000;

export async function addStep(step: StepContext): Promise<void> {
  const { run } = step;
  if (chosenCandidate(run).look) return adoptPromptLook(step);
  const client = await step.heygen();
  const assetId = run.upload.asset_id;
  if (!assetId) {
    throw new UserError('bad_request', 'The run has no asset to add.', 'Call create_look with force_new: true.', {
      final: true,
    });
  }
  const sentAt = run.look.sending_at ? Date.parse(run.look.sending_at) : undefined;
  if (sentAt !== undefined && run.look.look_id === undefined && Date.now() - sentAt > REPLAY_WINDOW_MS) {
    // Too long ago for HeyGen to replay its answer: look for what that add may have made.
    if (await reconcile(step, client, sentAt)) return;
    delete run.look.idempotency_key;
    delete run.look.sending_at;
  }
  await step.crash('before:add');
  // An earlier attempt sent this add and never recorded the answer: this one is a recovery.
  const resent = run.look.sending_at !== undefined;
  // The key and the time it was first sent, on disk before the request: a resume sends the same key.
  run.look.idempotency_key ??= keyFor(run);
  run.look.sending_at ??= new Date().toISOString();
  await step.save();
  step.progress(0.3, `"${run.look_name}" into group ${run.group_id}.`);
  // The name carries the run id, and no earlier attempt of this key was answered: no look of this
  // name can exist yet, so there is nothing to list first.
  const request = {
    assetId,
    name: run.look_name,
    groupId: run.group_id,
    idempotencyKey: run.look.idempotency_key,
    baseline: new Set<string>(),
  };
  const outcome = await patiently(step, 'adding the look', () => addLookOnce(client, request, step.job.signal)).catch(
    (error: unknown) => forgetRefusedKey(step, error),
  );
  if ('unresolved' in outcome) {
    throw new UserError(
      'add_unresolved',
      `${outcome.unresolved.message} HeyGen may still have made the look${outcome.several ? ' (several new looks of this name appeared)' : ''}.`,
      'Call create_look again with the same key in a minute: it asks HeyGen again with the same idempotency key, and HeyGen answers with the look it made, if it made one — nothing is added twice.',
    );
  }
  await step.crash('inside:add');
  run.look = {
    ...run.look,
    look_id: outcome.look.id,
    status: outcome.look.status ?? undefined,
    recovered: outcome.recovered || resent,
    ...(resent && !outcome.recovered
      ? { reconciled: 'An earlier attempt sent this add and was cut off; HeyGen answered the same key again.' }
      : {}),
  };
  // HeyGen's price of the look, once per run (a replayed or recovered add made one look, not two).
  if (run.look.cost_estimate_usd === undefined) {
    run.look.cost_estimate_usd = step.services.config.sandbox === null ? HEYGEN_PRICES.photoLookUsd : 0;
    run.cost_estimate_usd = Math.round((run.cost_estimate_usd + run.look.cost_estimate_usd) * 1000) / 1000;
  }
  run.steps.add.finished_at = new Date().toISOString();
  step.progress(1, `look ${outcome.look.id}.`);
}

/** The run's key for its next add: the run id, the step, and how many adds HeyGen refused before. */
function keyFor(run: CreateLookRun): string {
  return idempotencyKey('avatar-looks', run.id, 'add', String(run.look.refused_adds ?? 0));
}

/**
 * HeyGen refused the add outright (a 4xx that made nothing: no group, no credit, a bad image):
 * that key's answer would be replayed for 24 h, so the next attempt — after the user fixed the
 * cause — must use a new one.
 */
async function forgetRefusedKey(step: StepContext, error: unknown): Promise<never> {
  if (refusedOutright(error)) {
    const { look } = step.run;
    look.refused_adds = (look.refused_adds ?? 0) + 1;
    delete look.idempotency_key;
    delete look.sending_at;
    await step.save();
  }
  throw error;
}

/**
 * An earlier attempt sent the add more than a day ago and its answer was never recorded: looks
 * for what it may have made until ADD_VISIBLE_MS after it was sent. True when found.
 */
async function reconcile(step: StepContext, client: HeyGenClient, sentAt: number): Promise<boolean> {
  const { run } = step;
  const found = await poll(
    async (listing) => {
      step.progress(0.1, `looking in group ${run.group_id} for the look an earlier attempt sent (listing ${listing}).`);
      const matches = await looksMatching(
        client,
        run.group_id,
        (item) => (item.name ?? '').includes(run.id),
        step.job.signal,
      );
      return matches.length > 0 ? matches : undefined;
    },
    {
      intervalMs: LISTING_INTERVAL_MS,
      deadline: Math.max(Date.now(), sentAt + ADD_VISIBLE_MS),
      signal: step.job.signal,
    },
  );
  if ('aborted' in found) throw step.job.signal.reason;
  if (!('value' in found)) {
    const waited = Math.round((Date.now() - sentAt) / 1000);
    run.look = {
      ...run.look,
      reconciled: `no look with the run id in the group ${waited} s after the earlier add was sent: adding it`,
    };
    return false;
  }
  // Looks carry no creation time: of several, the first listed is taken, and the rest named.
  const [mine, ...others] = found.value;
  if (!mine) return false;
  const count = `${found.value.length} match${found.value.length === 1 ? '' : 'es'}`;
  run.look = {
    ...run.look,
    look_id: mine.id,
    status: mine.status ?? undefined,
    recovered: true,
    reconciled: `found in the group by the run id in its name (${count})`,
  };
  if (others.length > 0) {
    run.warnings.push(
      `${found.value.length} looks in the group carry this run's id; ${mine.id} is used (the others: ${others.map((look) => look.id).join(', ')}).`,
    );
  }
  // HeyGen's price of the look, once per run (a replayed or recovered add made one look, not two).
  if (run.look.cost_estimate_usd === undefined) {
    run.look.cost_estimate_usd = step.services.config.sandbox === null ? HEYGEN_PRICES.photoLookUsd : 0;
    run.cost_estimate_usd = Math.round((run.cost_estimate_usd + run.look.cost_estimate_usd) * 1000) / 1000;
  }
  run.steps.add.finished_at = new Date().toISOString();
  step.progress(1, `found look ${mine.id}; not adding again.`);
  return true;
}

/**
 * The chosen candidate is a look HeyGen made from the prompt: it is the run's look (nothing is
 * added). The other looks HeyGen made for this run and that passed stay in the group, named.
 */
async function adoptPromptLook(step: StepContext): Promise<void> {
  const { run } = step;
  const chosen = chosenCandidate(run);
  const look = chosen.look as NonNullable<typeof chosen.look>;
  const client = await step.heygen();
  // Read again: the look must still be there (a person may have approved it hours later).
  const current = await getLook(client, look.id, step.job.signal).catch((error: unknown) => {
    if (!(error instanceof HeyGenError) || error.status !== 404) throw error;
    throw new UserError(
      'look_failed',
      `Look ${look.id}, which HeyGen made for candidate ${chosen.index}, is no longer at HeyGen (it was deleted).`,
      'Call create_look with force_new: true to make a new look (the images of this run are kept in its folder).',
      { final: true },
    );
  });
  run.look = {
    ...run.look,
    look_id: look.id,
    made_from_prompt: true,
    status: current.status ?? undefined,
    ...(current.preview_image_url ? { preview_image_url: current.preview_image_url } : {}),
    ...(current.image_width ? { width: current.image_width } : {}),
    ...(current.image_height ? { height: current.image_height } : {}),
    // HeyGen does not publish the price of a prompt look.
    cost_estimate_usd: run.look.cost_estimate_usd ?? 0,
  };
  if (look.group_id !== run.group_id) run.group_id = look.group_id;
  const others = (run.heygen?.looks ?? []).filter(
    (entry) => entry.look_id && entry.look_id !== look.id && !entry.deleted && !entry.kept,
  );
  if (others.length > 0) {
    run.warnings.push(
      `HeyGen also made ${others.map((entry) => entry.look_id).join(', ')} for this run; ${others.length === 1 ? 'it stays' : 'they stay'} in the group (remove ${others.length === 1 ? 'it' : 'them'} in HeyGen's app if unwanted).`,
    );
  }
  run.steps.add.finished_at = new Date().toISOString();
  step.progress(1, `look ${look.id} (made by HeyGen from the prompt).`);
}
