// Step 3 of create_look: every candidate of the round through the gate; the best that passes is
// chosen. When none passes, one more round is made (MAX_ROUNDS in all), then the run stops with
// every candidate's scores — the images are kept, nothing more is paid for. A candidate whose only
// doubt is the likeness (review) is never uploaded by the strict gate on its own: a look that is
// not quite the person costs a HeyGen look and, worse, a video; the run stops with its preview and
// score so that a person decides (warn mode passes it with a warning).

import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import type { GateCheck } from '../../store/records.ts';
import { gateCandidate } from '../gate.ts';
import { discardFailedLook } from './heygen-look.ts';
import { referenceFiles } from './record.ts';
import type { StepContext } from './step.ts';

/** Rounds of generation when no candidate passes the gate (the first round included). */
export const MAX_ROUNDS = 2;

export async function gateStep(step: StepContext): Promise<'done' | 'again'> {
  const { run } = step;
  const faces = await step.services.faces();
  // A HeyGen look deleted after an earlier check failed it is gone: never checked again or chosen.
  const unchecked = run.candidates.filter(
    (candidate) => !run.gate.checks.some((check) => check.index === candidate.index) && !deletedLook(step, candidate),
  );
  for (const [position, candidate] of unchecked.entries()) {
    step.progress(position / Math.max(1, unchecked.length), `candidate ${candidate.index}.`);
    const check = await gateCandidate(
      {
        index: candidate.index,
        path: join(step.folder.dir, candidate.file),
        file: candidate.file,
        width: candidate.width,
        height: candidate.height,
      },
      {
        mode: run.gate.mode,
        orientation: run.request.orientation,
        referencePaths: referenceFiles(run).map((photo) => join(step.folder.dir, photo.file)),
        faces,
        composited: run.sandbox,
      },
    );
    run.gate.checks.push(check);
  }
  // HeyGen looks that are not the person are deleted (unless the group's last); one whose delete
  // failed before is tried again.
  for (const check of run.gate.checks) {
    const candidate = run.candidates.find((item) => item.index === check.index);
    if (candidate?.look && notThePerson(check)) await discardFailedLook(step, candidate);
  }
  const passing = run.gate.checks
    .filter((check) => check.passed)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const best = passing[0];
  if (best) {
    run.gate.chosen = best.index;
    step.progress(
      1,
      `candidate ${best.index} chosen${run.gate.checks.length > 1 ? ` of ${run.gate.checks.length}` : ''}.`,
    );
    return 'done';
  }
  const scores = [...run.gate.checks]
    .sort((a, b) => a.index - b.index)
    .map(describeCheck)
    .join('; ');
  const reviewed = run.gate.checks.filter((check) => check.status === 'review');
  // With pick approval a person looks anyway: the candidates for review are shown to them.
  if (reviewed.length > 0 && run.approval.mode === 'pick') {
    step.progress(1, `no candidate passed clearly; ${reviewed.length} for review go to the person (pick).`);
    return 'done';
  }
  if (run.rounds < MAX_ROUNDS) {
    run.warnings.push(
      `No candidate of round ${run.rounds} passed the gate (${scores}); generated ${run.generation.count} more.`,
    );
    run.rounds += 1;
    run.steps.generate = { status: 'pending' };
    run.steps.gate = { status: 'pending' };
    await step.save();
    return 'again';
  }
  if (reviewed.length > 0) throw reviewError(step, reviewed);
  throw new UserError(
    'gate_rejected',
    `No candidate passed the gate after ${run.rounds} rounds (${run.candidates.length} images): ${scores}`,
    `The images are kept in ${step.folder.dir}. Change the prompt (for example a clearer front-facing pose or the video's orientation) and call create_look with a new key or force_new: true. Or, to accept such images, set AVATAR_LOOKS_FACE_GATE=warn, restart the server and call create_look again with the same key: the kept images are checked again and nothing new is paid for.`,
    { final: true },
  );
}

/** "candidate 2 [1 face, yaw 12°, likeness 0.91 (pass ≥ 0.95; each reference 0.9, 0.92)]: Not the same person …" */
function describeCheck(check: GateCheck): string {
  const { identity } = check;
  const each =
    identity?.per_reference && identity.per_reference.length > 1
      ? `; each reference ${identity.per_reference.join(', ')}`
      : '';
  const measured = [
    check.faces ? `${check.faces.count} face${check.faces.count === 1 ? '' : 's'}` : undefined,
    check.faces?.yaw !== undefined ? `yaw ${check.faces.yaw}°` : undefined,
    identity ? `likeness ${identity.similarity} (pass ≥ ${identity.threshold}${each})` : undefined,
  ].filter(Boolean);
  return `candidate ${check.index}${measured.length ? ` [${measured.join(', ')}]` : ''}: ${[...check.reasons, ...(check.review ?? [])].join(' ')}`;
}

/** Not the person, or no usable face: a failed likeness, or not exactly one face (framing failures are not the look's fault). */
function notThePerson(check: GateCheck): boolean {
  if (check.passed) return false;
  return check.identity?.verdict === 'fail' || (check.faces !== undefined && check.faces.count !== 1);
}

function deletedLook(step: StepContext, candidate: { look?: { id: string } | undefined }): boolean {
  const id = candidate.look?.id;
  return !!id && !!step.run.heygen?.looks.some((look) => look.look_id === id && look.deleted);
}

/** The strict gate's stop when the only doubt left is the likeness: the person decides. */
function reviewError(step: StepContext, reviewed: GateCheck[]): UserError {
  const { run } = step;
  const shown = reviewed.map((check) => {
    const candidate = run.candidates.find((item) => item.index === check.index);
    return `${describeCheck(check)} Preview: ${join(step.folder.dir, candidate?.preview_file ?? check.file)}`;
  });
  const atHeyGen = reviewed
    .map((check) => run.candidates.find((item) => item.index === check.index)?.look?.id)
    .filter((id): id is string => !!id);
  return new UserError(
    'gate_review',
    `No candidate passed the strict gate clearly after ${run.rounds} rounds (${run.candidates.length} images); ${reviewed.length === 1 ? 'one is' : `${reviewed.length} are`} for review — every check passed but the likeness is in the unclear band: ${shown.join('; ')}${atHeyGen.length > 0 ? ` (HeyGen made ${atHeyGen.join(', ')}: ${atHeyGen.length === 1 ? 'it stays' : 'they stay'} in the group, not deleted, until a person decides)` : ''}`,
    `Look at the preview${reviewed.length === 1 ? '' : 's'} (the images are kept in ${step.folder.dir}). If one is the person, check_look_image shows its scores again; to use it, call create_look with approval "pick" and force_new: true (the person then chooses among the candidates, review ones included), or set AVATAR_LOOKS_FACE_GATE=warn, restart the server and call create_look again with the same key: the kept images are checked again, a review candidate passes with a warning, and nothing new is paid for. If none is the person, change the prompt or add reference photos (reference_images) and call create_look with force_new: true.`,
    { final: true },
  );
}
