// Step 5 of create_look: the asset to a new look in the person's group — never twice. The add is
// marked "sending" on disk just before it goes out; a resumed run that finds that mark (and no
// look id) first looks in the group for a look whose name carries the run id, for as long as a
// new look can take to be listed, and only then adds.

import { UserError } from '../../core/errors.ts';
import { poll } from '../../core/retry.ts';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { addLookOnce, looksMatching } from '../../domain/heygen/looks.ts';
import type { Look } from '../../domain/heygen/schemas.ts';
import { patiently, type StepContext } from './step.ts';

/** After an add whose answer was lost, how long to keep looking for its look before adding again. */
const ADD_VISIBLE_MS = 30_000;
const LISTING_INTERVAL_MS = 3_000;

export async function addStep(step: StepContext): Promise<void> {
  const { run } = step;
  const client = await step.heygen();
  const assetId = run.upload.asset_id;
  if (!assetId) {
    throw new UserError('bad_request', 'The run has no asset to add.', 'Call create_look with force_new: true.', {
      final: true,
    });
  }
  if (run.look.sending_at && run.look.look_id === undefined) {
    if (await reconcile(step, client, Date.parse(run.look.sending_at))) return;
  }
  await step.crash('before:add');
  // Marked just before sending: from here on, a resume looks in the group before adding.
  run.look.sending_at = new Date().toISOString();
  await step.save();
  step.progress(0.3, `"${run.look_name}" into group ${run.group_id}.`);
  // The name carries the run id, and no earlier attempt sent it (else sending_at would be set and
  // the group listed above): no look of this name can exist yet, so there is nothing to list first.
  const request = { assetId, name: run.look_name, groupId: run.group_id, baseline: new Set<string>() };
  const outcome = await patiently(step, 'adding the look', () => addLookOnce(client, request, step.job.signal));
  if ('unresolved' in outcome) {
    throw new UserError(
      'add_unresolved',
      `${outcome.unresolved.message} HeyGen may still have made the look${outcome.several ? ' (several new looks of this name appeared)' : ''}.`,
      'Call create_look again with the same key in a minute: it looks in the group for the look (its name carries the run id) before it ever adds again.',
    );
  }
  await step.crash('inside:add');
  run.look = { ...run.look, look_id: outcome.look.id, status: outcome.look.status, recovered: outcome.recovered };
  run.steps.add.finished_at = new Date().toISOString();
  step.progress(1, `look ${outcome.look.id}.`);
}

/**
 * An earlier attempt sent the add and its answer was never recorded (a crash, a lost answer):
 * looks for what it may have made until ADD_VISIBLE_MS after it was sent. True when found.
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
  const matches = found.value;
  const mine = matches.sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0))[0] as Look;
  const count = `${matches.length} match${matches.length === 1 ? '' : 'es'}`;
  run.look = {
    ...run.look,
    look_id: mine.id,
    status: mine.status,
    recovered: true,
    reconciled: `found in the group by the run id in its name (${count})`,
  };
  if (matches.length > 1)
    run.warnings.push(`${matches.length} looks in the group carry this run's id; ${mine.id} (the first) is used.`);
  run.steps.add.finished_at = new Date().toISOString();
  step.progress(1, `found look ${mine.id}; not adding again.`);
  return true;
}
