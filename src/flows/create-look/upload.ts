// Step 4 of create_look: the chosen image to a HeyGen asset. The intent is on disk before the
// request goes out; the asset id right after it comes back.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../core/files.ts';
import { prepareUpload, uploadAsset } from '../../domain/heygen/assets.ts';
import { chosenCandidate, patiently, type StepContext } from './step.ts';

export async function uploadStep(step: StepContext): Promise<void> {
  const { run } = step;
  const chosen = chosenCandidate(run);
  // A look HeyGen made from the prompt is at HeyGen already: nothing to upload.
  if (chosen.look) {
    step.progress(1, `nothing to upload: HeyGen made look ${chosen.look.id} from the prompt.`);
    return;
  }
  const path = join(step.folder.dir, chosen.file);
  // The run's own file, checked on its bytes like any upload; a WebP's PNG goes beside it, in the run folder.
  const checked = await readFile(path)
    .then((bytes) => prepareUpload(bytes, chosen.file))
    .catch((error: unknown) => {
      if (!(error instanceof UserError)) throw error;
      throw new UserError('bad_request', error.message, `${error.nextStep} Or call create_look with force_new: true.`, {
        final: true,
      });
    });
  if (checked.converted) await writeFileAtomic(join(step.folder.dir, checked.name), checked.bytes);
  if (run.steps.upload.status === 'running' && run.upload.attempts > 0) {
    // Intent recorded, no asset id: the earlier job stopped mid-upload. v3 cannot list assets,
    // so it is sent again; an unused asset costs nothing (the look, a credit, is never made twice).
    run.warnings.push(
      "An earlier upload of this image was interrupted before HeyGen's answer was recorded; it was uploaded again (an unused asset costs nothing).",
    );
  }
  run.upload.attempts += 1;
  run.upload.image_file = checked.name;
  await step.save(); // the intent, on disk before the request
  await step.crash('before:upload');
  step.progress(0.2, `sending ${checked.name} (${(checked.bytes.length / 1024 / 1024).toFixed(1)} MB).`);
  const client = await step.heygen();
  const asset = await patiently(step, 'with the upload', () =>
    uploadAsset(client, checked, step.job.signal, step.services.config.heygen.timeoutMs),
  );
  run.upload.asset_id = asset.asset_id;
  if (asset.url) run.upload.url = asset.url;
  step.progress(1, `asset ${asset.asset_id}.`);
}
