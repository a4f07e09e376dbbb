// create_look's heygen provider: HeyGen makes the look itself (POST /v3/avatars, type "prompt")
// from the run's prompt, a base look of the person's group and their reference photos. It is an
// image provider to the generate step — its image is the new look's preview, which the gate then
// checks like any candidate — but what it makes lives at HeyGen: each look's idempotency key is on
// disk before the request and its id right after, so a retry or a resumed job gets the same look
// back instead of paying for a second one.

import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { fetchPreview } from '../../domain/heygen/download.ts';
import { HeyGenError, refusedOutright } from '../../domain/heygen/errors.ts';
import { idempotencyKey, REPLAY_WINDOW_MS } from '../../domain/heygen/idempotency.ts';
import { looksMatching } from '../../domain/heygen/looks.ts';
import { addPromptLookOnce, deleteLook } from '../../domain/heygen/prompt-looks.ts';
import { ImageError } from '../../domain/images/errors.ts';
import {
  describeImage,
  type GeneratedImage,
  type GenerateRequest,
  type ImageProvider,
} from '../../domain/images/provider.ts';
import { HEYGEN_LOOK_MODEL } from '../../domain/images/registry.ts';
import type { CreateLookRun, StoredCandidate } from '../../store/records.ts';
import { chooseBaseLook, forgetReferenceAssets, promptForHeyGen, referenceAssetIds } from '../prompt-looks.ts';
import { referenceFiles } from './record.ts';
import { patiently, type StepContext } from './step.ts';
import { followNewLook } from './wait.ts';

/** Prompt looks are usually ready in 1–3 minutes: past this, progress stays at 95 %. */
const USUAL_SECONDS = 180;

type HeyGenRecord = NonNullable<CreateLookRun['heygen']>;
type LookRecord = HeyGenRecord['looks'][number];

/** The heygen provider for this run's generate step (it records every look it asks for in run.json). */
export function heygenLookProvider(step: StepContext): ImageProvider {
  let ready: Promise<HeyGenRecord> | undefined;
  return {
    name: 'heygen',
    models: [HEYGEN_LOOK_MODEL],
    defaultModel: HEYGEN_LOOK_MODEL,
    sandbox: false,
    checkKey: () => Promise.resolve('uses HEYGEN_API_KEY'),
    generate: async (request) => {
      // Once per run: the base look, the reference assets and the fitted prompt (kept in run.json).
      ready ??= prepare(step, request.signal);
      const record = await ready.catch((error: unknown) => {
        ready = undefined;
        throw asImageError(error);
      });
      return makeLook(step, record, request).catch((error: unknown) => {
        throw asImageError(error, mayHaveMade(record, request.index ?? 1, step.run.rounds, error));
      });
    },
  };
}

async function prepare(step: StepContext, signal: AbortSignal): Promise<HeyGenRecord> {
  const { run } = step;
  const record: HeyGenRecord = (run.heygen ??= { looks: [] });
  if (record.base_look && record.reference_assets && record.prompt) return record;
  const client = await step.heygen();
  const fitted = promptForHeyGen(run.prompt.text);
  if (fitted.dropped.length > 0 && !record.prompt) {
    run.warnings.push(
      `HeyGen's prompt looks take at most 1000 characters: ${fitted.dropped.length} sentence(s) were left out for heygen (${fitted.dropped.join(' ')}).`,
    );
  }
  record.prompt = fitted.text;
  const references = referenceFiles(run).map((photo, index) => ({
    path: join(step.folder.dir, photo.file),
    sha256: (run.references?.[index] ?? run.reference).sha256,
  }));
  record.base_look ??= await chooseBaseLook(
    step.services,
    client,
    { groupId: run.group_id, given: run.request.base_look_id ?? undefined, references },
    signal,
    (sentence) => step.progress(0, sentence),
  ).then((base) => ({
    id: base.id,
    how: base.how,
    ...(base.likeness === undefined ? {} : { likeness: base.likeness }),
    ...(base.checked === undefined ? {} : { checked: base.checked }),
  }));
  await step.save();
  step.progress(0, 'uploading the reference photos to HeyGen (once per photo).');
  record.reference_assets ??= await referenceAssetIds(step.services, client, references, signal);
  await step.save();
  return record;
}

/** One prompt look for one candidate: asked for (or found again by its key), followed until ready, its preview returned. */
async function makeLook(step: StepContext, record: HeyGenRecord, request: GenerateRequest): Promise<GeneratedImage> {
  const { run } = step;
  const index = request.index ?? 1;
  const client = await step.heygen();
  let entry = record.looks.find((look) => look.index === index && look.round === run.rounds);
  if (!entry) {
    entry = {
      index,
      round: run.rounds,
      // The run id in the name finds the look in the group when HeyGen's answer names none.
      name: `${run.look_name} #${index}`,
      idempotency_key: idempotencyKey(
        'avatar-looks',
        run.id,
        'prompt-look',
        String(index),
        String(record.refused ?? 0),
      ),
      sending_at: new Date().toISOString(),
    };
    record.looks.push(entry);
  }
  const look = entry;
  // Past HeyGen's 24 h replay window, the key would make a second look: find the first by its name.
  if (!look.look_id && Date.now() - Date.parse(look.sending_at) > REPLAY_WINDOW_MS) await findAfterWindow(step, look);
  if (!look.look_id) {
    // The key on disk before the request: a resumed job sends the same key and HeyGen answers with the same look.
    await step.save();
    await step.crash('before:heygen-look');
    const made = await patiently(step, 'asking for the look', () =>
      addPromptLookOnce(
        client,
        {
          name: look.name,
          prompt: record.prompt ?? run.prompt.text,
          baseLookId: (record.base_look as { id: string }).id,
          groupId: run.group_id,
          referenceAssetIds: record.reference_assets ?? [],
          idempotencyKey: look.idempotency_key,
        },
        request.signal,
      ),
    ).catch((error: unknown) => forgetRefusal(step, record, look, error));
    await step.crash('inside:heygen-look'); // made at HeyGen, its id not yet in run.json
    look.look_id = made.id;
    look.status = made.status ?? undefined;
    await step.save();
  }
  const lookId = look.look_id;
  const { state } = await followNewLook(step, lookId, Date.parse(look.sending_at), {
    usualSeconds: USUAL_SECONDS,
    kind: 'prompt looks take 1–3 minutes',
    prompt: true,
    onStatus: (status) => (look.status = status),
  });
  if (state.state !== 'ready') throw notMade(step, lookId, state);
  const url = state.look.preview_image_url as string;
  const bytes = await fetchPreview(url, request.signal, { trustedHosts: [new URL(client.baseUrl).hostname] });
  const described = await describeImage(bytes, 'heygen').catch((error: unknown) => {
    throw new ImageError('unavailable', (error as Error).message, 'Call create_look again with the same key.', {
      provider: 'heygen',
      retryable: false,
    });
  });
  // Framing is the look's (the preview may be smaller than the look Video Agent uses).
  const width = state.look.image_width || described.width;
  const height = state.look.image_height || described.height;
  return {
    bytes,
    ...described,
    width,
    height,
    provider: 'heygen',
    model: HEYGEN_LOOK_MODEL,
    // HeyGen does not publish the price of a prompt look: it is not in the estimate (the result says so).
    costUsd: 0,
    sandbox: run.sandbox,
    look: { id: lookId, group_id: state.look.group_id ?? run.group_id, base_look_id: record.base_look?.id ?? '' },
  };
}

/**
 * HeyGen refused the look outright (a 4xx that made nothing): that key's answer would be replayed
 * for 24 h, so the entry goes and the next attempt gets a new key.
 */
async function forgetRefusal(
  step: StepContext,
  record: HeyGenRecord,
  look: LookRecord,
  error: unknown,
): Promise<never> {
  if (refusedOutright(error)) {
    record.refused = (record.refused ?? 0) + 1;
    record.looks = record.looks.filter((entry) => entry !== look);
    // A remembered reference asset HeyGen no longer has: upload the photos again next time.
    if ((error as HeyGenError).param?.startsWith('reference_images')) {
      delete record.reference_assets;
      await forgetReferenceAssets(
        step.services,
        (step.run.references ?? [step.run.reference]).map((photo) => photo.sha256),
      );
    }
    await step.save();
  }
  throw error;
}

function notMade(
  step: StepContext,
  lookId: string,
  state: Exclude<Awaited<ReturnType<typeof followNewLook>>['state'], { state: 'ready' }>,
): ImageError {
  switch (state.state) {
    case 'failed':
      return new ImageError(
        'output_blocked',
        `HeyGen could not make look ${lookId} from the prompt (${state.reason}).`,
        'Change the prompt (wardrobe, set, light), or use another provider (gemini, openai, flux).',
        { provider: 'heygen' },
      );
    case 'gone':
      return new ImageError(
        'unavailable',
        `Look ${lookId} is no longer at HeyGen (it was deleted, or its group was).`,
        'Call create_look with force_new: true to make a new one.',
        { provider: 'heygen' },
      );
    default:
      return new ImageError(
        step.job.stopping?.aborted ? 'cancelled' : 'timeout',
        `HeyGen is still making look ${lookId} (status ${'look' in state ? (state.look.status ?? 'unknown') : 'not visible yet'}).`,
        'Call create_look again with the same key later: it waits for this look and asks for nothing new.',
        { provider: 'heygen' },
      );
  }
}

/** A look asked for more than a day ago and never answered: found in the group by its name (it carries the run id), or asked for again under a new key. */
async function findAfterWindow(step: StepContext, look: LookRecord): Promise<void> {
  const client = await step.heygen();
  const [found] = await looksMatching(client, step.run.group_id, (item) => item.name === look.name, step.job.signal);
  if (found) {
    look.look_id = found.id;
    look.status = found.status ?? undefined;
  } else {
    look.idempotency_key = `${look.idempotency_key}:after-window`;
    look.sending_at = new Date().toISOString();
  }
  await step.save();
}

/**
 * Whether HeyGen may have made this candidate's look: it has an id, or its request went out and
 * the answer was not a clear "no" (a 4xx refusal, a 429, or a connection never made). Then the
 * chain must not move on to another provider: that would pay twice. The same key asks again.
 */
function mayHaveMade(record: HeyGenRecord, index: number, round: number, error: unknown): boolean {
  const entry = record.looks.find((look) => look.index === index && look.round === round);
  if (!entry) return false; // refused outright (its entry went), or never asked
  if (entry.look_id) return true;
  if (!(error instanceof HeyGenError)) return !(error instanceof UserError); // a UserError before the request
  // A 429 also made nothing: it is refused before any work begins.
  return !(refusedOutright(error) || error.status === 429 || error.code === 'connect_failed');
}

/** Kinds after which the candidate loop may try the next provider (see candidates.ts). */
const FALLS_BACK = new Set([
  'prompt_blocked',
  'output_blocked',
  'no_quota',
  'rate_limited',
  'auth',
  'config',
  'bad_request',
  'no_image',
]);

/**
 * HeyGen's and the flow's errors as the candidate loop knows them (kind decides retry and
 * fallback). When HeyGen may have made the look, an error that would move on to the next
 * provider stops instead, keeping its own advice: the same key gets the same look.
 */
function asImageError(error: unknown, made = false): unknown {
  const converted = imageErrorOf(error);
  if (!made || !(converted instanceof ImageError)) return converted;
  if (!FALLS_BACK.has(converted.kind) && !(converted.kind === 'unavailable' && converted.retryable)) return converted;
  return new ImageError(
    'unavailable',
    `${converted.message} HeyGen may already have made this look, so no other provider is paid for it.`,
    `${converted.nextStep} Calling create_look again with the same key asks HeyGen for the same look (nothing is made twice).`,
    { provider: 'heygen', cause: error, retryable: false },
  );
}

function imageErrorOf(error: unknown): unknown {
  if (error instanceof ImageError) return error;
  if (error instanceof HeyGenError) {
    const refused = refusedOutright(error);
    const kind =
      error.status === 401 || error.status === 403
        ? 'auth'
        : error.status === 402
          ? 'no_quota'
          : error.status === 429
            ? 'rate_limited'
            : refused
              ? 'bad_request'
              : // HeyGen may have made the look: the same key asks again (never another provider, which would pay twice).
                error.maybeProcessed
                ? 'timeout'
                : 'unavailable';
    return new ImageError(kind, error.message, error.nextStep, {
      provider: 'heygen',
      cause: error,
      retryable: !refused,
    });
  }
  if (error instanceof UserError && error.kind === 'download') {
    // The look is made (and paid for): only its preview is missing. A re-call fetches it again.
    return new ImageError(
      'unavailable',
      error.message,
      `${error.nextStep} Calling create_look again with the same key fetches it again; the look is not made twice.`,
      { provider: 'heygen', cause: error, retryable: false },
    );
  }
  if (error instanceof UserError) {
    // Nothing was asked of HeyGen (no base look, a prompt that does not fit): the next provider may make it.
    return new ImageError('config', error.message, error.nextStep, { provider: 'heygen', cause: error });
  }
  return error;
}

/**
 * A look HeyGen made that failed the face check: deleted, so the person's group does not fill with
 * looks that are not them — unless it is the group's last look (deleting that would delete the
 * group). What was done is kept in run.json; deleting again is harmless (a 404 is "already gone").
 */
export async function discardFailedLook(step: StepContext, candidate: StoredCandidate): Promise<void> {
  const { run } = step;
  const lookId = candidate.look?.id;
  const entry = run.heygen?.looks.find((look) => look.look_id === lookId);
  if (!lookId || !entry || entry.deleted || entry.kept) return;
  const client = await step.heygen();
  const groupId = candidate.look?.group_id ?? run.group_id;
  try {
    const inGroup = await looksMatching(client, groupId, () => true, step.job.signal);
    if (inGroup.filter((look) => look.id !== lookId).length === 0) {
      entry.kept = 'the last look of its group: deleting it would delete the group';
      run.warnings.push(`Look ${lookId} failed the face check but was kept: it is the last look of group ${groupId}.`);
    } else {
      await deleteLook(client, lookId, step.job.signal);
      entry.deleted = true;
      run.warnings.push(
        `Look ${lookId} (candidate ${candidate.index}) failed the face check and was deleted from HeyGen.`,
      );
    }
  } catch (error) {
    if (step.job.signal.aborted) throw error;
    // The gate's verdict stands; the delete is tried again the next time the gate runs for this run.
    const note = `Look ${lookId} failed the face check but could not be deleted (${(error as Error).message}); it stays in group ${groupId} for now.`;
    if (!run.warnings.includes(note)) run.warnings.push(note);
  }
  await step.save();
}
