// The look prompt as build_look_prompt and create_look take it: built from the look fields (or an
// agent's own prompt reviewed), refused with every offending phrase named when it describes the
// person.

import { UserError } from '../core/errors.ts';
import { buildLookPrompt, type LookPrompt, type LookRequest } from '../domain/prompt/build.ts';

/** The prompt, or a UserError naming what to fix; `tool` is the tool to call again. */
export function lookPrompt(request: LookRequest, tool: string): LookPrompt {
  const outcome = buildLookPrompt(request);
  if (outcome.kind === 'invalid') {
    throw new UserError('bad_request', outcome.message, `Call ${tool} again with the corrected arguments.`);
  }
  if (outcome.kind === 'refused') {
    const list = outcome.findings.map((f) => `- "${f.phrase}" in ${f.field}: ${f.label}`).join('\n');
    throw new UserError(
      'appearance',
      `Refused: this describes the person's appearance, which their reference photo already carries; the image model would draw someone else.\n${list}`,
      `Remove or rephrase each phrase above (describe only wardrobe, set, light and pose), then call ${tool} again.`,
    );
  }
  return outcome;
}
