// Step 2 of create_look: the candidates of this round. Images an earlier job of the run saved are
// kept (recorded or, when it died before recording one, adopted); only the missing are made. With
// the strict gate, reference photos that are not one person facing the camera (each, and the same
// person in all) are refused before any is paid for.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../core/files.ts';
import { EXTENSIONS, sniffImage } from '../../core/media.ts';
import { ImageError } from '../../domain/images/errors.ts';
import { makePreview } from '../../domain/images/preview.ts';
import { HEYGEN_LOOK_MODEL, type LookProviderName } from '../../domain/images/registry.ts';
import { heygenLookProvider } from './heygen-look.ts';
import { makeCandidates } from '../candidates.ts';
import { referenceFiles } from './record.ts';
import type { StepContext } from './step.ts';

/** The candidate numbers of a round: round 2 of 2 candidates makes 3 and 4. */
function roundIndices(count: number, round: number): number[] {
  return Array.from({ length: count }, (_, i) => (round - 1) * count + i + 1);
}

export async function generateStep(step: StepContext): Promise<void> {
  const { run } = step;
  const indices = roundIndices(run.generation.count, run.rounds);
  // An image saved by a job that stopped before recording it is paid for too: adopt it.
  for (const index of indices.filter((i) => !run.candidates.some((candidate) => candidate.index === i))) {
    await adopt(step, index);
  }
  // Candidates already saved (by an earlier job of this run) are paid for: keep them.
  const missing = indices.filter((index) => !run.candidates.some((candidate) => candidate.index === index));
  // A HeyGen look asked for before is asked for again with its key: HeyGen answers with the same look.
  const inFlightBefore = missing.filter(
    (index) =>
      run.failures.every((failure) => failure.index !== index) &&
      run.jobs.length > 1 &&
      !run.heygen?.looks.some((look) => look.index === index),
  );
  if (inFlightBefore.length > 0 && run.steps.generate.started_at) {
    run.warnings.push(
      `The job that made candidate${inFlightBefore.length === 1 ? '' : 's'} ${inFlightBefore.join(', ')} stopped before saving it; it was generated again (the stopped request may have been billed).`,
    );
  }
  if (missing.length === 0) return;
  await refuseUnusableReferences(step);
  const { saved, firstError } = await makeMissing(step, indices, missing);
  const made = run.candidates.filter((candidate) => candidate.round === run.rounds).length;
  if (saved.length === 0 && made === 0) {
    const error = firstError ?? new ImageError('no_image', 'No image was made.', 'Try again.');
    const again = error.final
      ? 'Then call create_look with a new key (or force_new: true): the same key returns this outcome.'
      : 'Calling create_look again with the same key retries the generation.';
    throw new ImageError(
      error.kind,
      `${error.message}${missing.length > 1 ? ` (all ${missing.length} candidates failed)` : ''}`,
      `${error.nextStep} ${again}`,
      { provider: error.provider },
    );
  }
}

/**
 * Every candidate is compared with the reference photos: without one person facing the camera in
 * each, and the same person in all, every candidate would fail. Say so before paying (strict gate);
 * the warn gate records it as a warning and goes on.
 */
async function refuseUnusableReferences(step: StepContext): Promise<void> {
  const { run } = step;
  const faces = await step.services.faces();
  if (!faces || run.gate.mode === 'off' || run.candidates.length > 0) return;
  const files = referenceFiles(run);
  step.progress(0, `checking the reference photo${files.length === 1 ? '' : 's'} for one face each.`);
  const set = await faces.checkReferences(
    files.map((photo) => ({ path: join(step.folder.dir, photo.file), label: photo.source })),
  );
  if (set.problems.length === 0) return;
  if (run.gate.mode === 'warn') {
    const already = run.warnings.some((warning) => warning.startsWith('Reference photos (warn mode'));
    if (!already) run.warnings.push(`Reference photos (warn mode, not enforced): ${set.problems.join(' ')}`);
    return;
  }
  throw new UserError(
    'bad_request',
    `${set.problems.join(' ')} No look could pass the gate's identity check against ${files.length === 1 ? 'it' : 'them'}. Nothing was paid for.`,
    'Use clear, front-facing photos of the one person (one face each, good light) as reference_image(s) or AVATAR_REFERENCE_IMAGE(S), leaving out the photo named, then call create_look with a new key (or force_new: true).',
    { final: true },
  );
}

function makeMissing(step: StepContext, indices: number[], missing: number[]) {
  const { run, services } = step;
  const states = missing.map(() => 'waiting for the provider');
  const done = () => run.candidates.filter((candidate) => candidate.round === run.rounds).length;
  const report = () => {
    const each =
      missing.length === 1
        ? `candidate ${missing[0]}: ${states[0]}`
        : states.map((state, i) => `${missing[i]}: ${state}`).join('; ');
    step.progress(done() / indices.length, `${run.rounds > 1 ? `round ${run.rounds}, ` : ''}${each}.`);
  };
  report();
  return (async () => {
    const chain = await Promise.all(
      roundChain(step).map(async (name) =>
        name === 'heygen' ? heygenLookProvider(step) : services.providers.resolve(name as LookProviderName),
      ),
    );
    const references = await Promise.all(
      referenceFiles(run).map(async (photo) => ({
        bytes: await readFile(join(step.folder.dir, photo.file)),
        mimeType: 'image/jpeg',
      })),
    );
    return makeCandidates(
      {
        chain,
        prompt: run.prompt.text,
        references,
        aspectRatio: run.generation.aspect_ratio,
        size: run.generation.size,
        // The run's model belongs to its first provider; a round that went on down the chain uses defaults.
        model: chain[0]?.name === run.generation.provider ? run.generation.model : (chain[0]?.defaultModel ?? ''),
        indices: missing,
        run: step.folder,
        logger: services.logger,
        retryPolicy: step.options.retryPolicy,
        signal: step.job.signal,
      },
      {
        state: (offset, state) => {
          states[offset] = state;
          report();
        },
        skipped: (entry) => run.skipped.push({ ...entry, message: services.redact(entry.message) }),
        saved: async (file, costUsd, attempts) => {
          await step.crash('inside:generate'); // saved on disk, not yet in run.json
          const { path: _path, preview_path: _preview, uri: _uri, ...kept } = file;
          run.candidates.push({ ...kept, round: run.rounds, attempts, cost_usd: costUsd });
          run.cost_estimate_usd = Math.round((run.cost_estimate_usd + costUsd) * 1000) / 1000;
          // Paid for: on disk in run.json before anything else happens.
          await step
            .save()
            .catch((error: unknown) =>
              services.logger.error('could not update run.json', { run: run.id, message: (error as Error).message }),
            );
        },
        failed: async (index, error, attempts) => {
          const message = services.redact(error.message);
          run.failures.push({ index, round: run.rounds, kind: error.kind, message, attempts, job_id: run.job_id });
          await step.save().catch(() => {});
        },
      },
    );
  })();
}

/**
 * The providers of this round: the run's chain, except that after a HeyGen look failed the gate
 * the next round goes on down the chain (another HeyGen look from the same base would likely
 * fail the same way); heygen alone stays.
 */
function roundChain(step: StepContext): string[] {
  const { run } = step;
  const providers = run.generation.providers;
  const heygenFailed = run.gate.checks.some(
    (check) => check.status === 'fail' && run.candidates.some((c) => c.index === check.index && c.look),
  );
  if (!heygenFailed || !providers.includes('heygen') || providers.length === 1) return providers;
  const rest = providers.filter((name) => name !== 'heygen');
  const note = `A look HeyGen made failed the face check: round ${run.rounds} uses ${rest.join(', ')}.`;
  if (!run.warnings.includes(note)) run.warnings.push(note);
  return rest;
}

/** Records candidate-<index>.* if it is on disk but not in run.json (the job died in between). */
async function adopt(step: StepContext, index: number): Promise<void> {
  const { run, folder } = step;
  for (const mime of ['image/png', 'image/jpeg', 'image/webp'] as const) {
    const file = `candidate-${index}.${EXTENSIONS[mime]}`;
    const bytes = await readFile(join(folder.dir, file)).catch(() => undefined);
    if (!bytes) continue;
    const sniffed = sniffImage(bytes);
    if (sniffed.kind !== 'image') continue;
    const { default: sharp } = await import('sharp');
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => undefined);
    if (!meta?.width || !meta.height) continue;
    const previewFile = `candidate-${index}.preview.jpg`;
    if (!(await stat(join(folder.dir, previewFile)).catch(() => undefined))) {
      await writeFileAtomic(join(folder.dir, previewFile), (await makePreview(bytes)).bytes);
    }
    // A HeyGen look's preview: the look it belongs to is in run.json (asked for before it was saved).
    const made = run.heygen?.looks.find((look) => look.index === index && look.round === run.rounds && look.look_id);
    run.candidates.push({
      index,
      provider: made ? 'heygen' : run.generation.provider,
      model: made ? HEYGEN_LOOK_MODEL : run.generation.model,
      ...(made?.look_id
        ? { look: { id: made.look_id, group_id: run.group_id, base_look_id: run.heygen?.base_look?.id ?? '' } }
        : {}),
      file,
      preview_file: previewFile,
      mime_type: sniffed.mime,
      width: meta.width,
      height: meta.height,
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      round: run.rounds,
      attempts: 1,
      cost_usd: 0,
    });
    run.warnings.push(
      `Candidate ${index} was saved by a job that stopped before recording it: it is used as is (its cost is not in the estimate).`,
    );
    await step.save();
    return;
  }
}
