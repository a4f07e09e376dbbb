// The person's reference photos (1–5), wherever a tool takes them: the caller's, else the
// configured ones. Each goes through loadReference (the allowed folders, the byte cap, the
// public-address guard); on disk in a run folder they are reference.jpg, reference-2.jpg, …

import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import type { FaceChecker } from '../domain/faces/checker.ts';
import { ImageError } from '../domain/images/errors.ts';
import { loadReference, type ReferenceImage } from '../domain/images/reference.ts';
import { MAX_REFERENCES } from '../domain/faces/reference-set.ts';
import type { Services } from './deps.ts';

/** The caller's photos (reference_image first, then reference_images), else the configured ones. */
export function referenceSources(
  given: { one?: string | undefined; several?: string[] | undefined },
  configured: string[],
): string[] {
  const named = [given.one, ...(given.several ?? [])].filter((item): item is string => !!item?.trim());
  const sources = [...new Set(named.length > 0 ? named : configured)];
  if (sources.length > MAX_REFERENCES) {
    throw new ImageError(
      'reference',
      `${sources.length} reference photos were given; at most ${MAX_REFERENCES} are used (as many as the image models take of one person).`,
      `Pass the ${MAX_REFERENCES} clearest, most varied front-facing photos of the person.`,
    );
  }
  return sources;
}

/** The file a run keeps reference photo `index` (0-based) in. */
export const referenceFile = (index: number) => (index === 0 ? 'reference.jpg' : `reference-${index + 1}.jpg`);

/** Loads every photo, in order; none given at all is refused by loadReference's own message. */
export async function loadReferences(
  services: Pick<Services, 'config' | 'files'>,
  sources: string[],
  signal: AbortSignal,
): Promise<ReferenceImage[]> {
  const options = { allowPrivateUrls: services.config.allowPrivateUrls, files: services.files, signal };
  if (sources.length === 0) return [await loadReference(undefined, options)];
  const loaded: ReferenceImage[] = [];
  for (const [index, source] of sources.entries()) {
    try {
      loaded.push(await loadReference(source, options));
    } catch (error) {
      // With several photos, say which one.
      if (sources.length > 1 && error instanceof ImageError)
        throw new ImageError(error.kind, `Reference photo ${index + 1}: ${error.message}`, error.nextStep, {
          cause: error,
        });
      throw error;
    }
  }
  return loaded;
}

/** The photos in the run folder (reference.jpg, reference-2.jpg, …), as a job record lists them. */
export async function saveReferences(
  dir: string,
  photos: ReferenceImage[],
): Promise<Array<Omit<ReferenceImage, 'bytes' | 'mimeType'> & { path: string }>> {
  const saved = [];
  for (const [index, photo] of photos.entries()) {
    const path = join(dir, referenceFile(index));
    await writeFileAtomic(path, photo.bytes);
    const { bytes: _bytes, mimeType: _mime, ...info } = photo;
    saved.push({ ...info, path });
  }
  return saved;
}

/**
 * Several photos must show one person: a mix is refused before any image is paid for, naming the
 * photo that differs. (With the face checks off, nothing is compared.)
 */
export async function refuseMixedReferences(
  photos: Array<{ path: string; source: string }>,
  faceChecker: (() => Promise<FaceChecker | undefined>) | undefined,
): Promise<void> {
  if (photos.length < 2 || !faceChecker) return;
  const faces = await faceChecker();
  if (!faces) return;
  const set = await faces.checkReferences(photos.map((photo) => ({ path: photo.path, label: photo.source })));
  if (set.problems.length === 0) return;
  throw new ImageError(
    'reference',
    `Refused before any image was paid for: ${set.problems.join(' ')}`,
    'Pass only photos of the person (one face each, facing the camera) as reference_images, then call generate_look_image again.',
  );
}
