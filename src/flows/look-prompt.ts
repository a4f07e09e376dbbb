// The look prompt as build_look_prompt and create_look take it: built from the look fields (or an
// agent's own prompt reviewed), refused with every offending phrase named when it describes the
// person, and with what the text would be without them, so the agent can go on without guessing.

import { UserError } from '../core/errors.ts';
import { buildLookPrompt, lookFieldTexts, type LookPrompt, type LookRequest } from '../domain/prompt/build.ts';
import { lintAppearance } from '../domain/prompt/linter.ts';
import { appearanceRefusal } from '../domain/prompt/refusal.ts';
import { withoutAppearance } from '../domain/prompt/without.ts';

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
      `Refused: this describes the person's appearance, which their reference photo already carries; the image model would draw someone else.\n${list}\n${withoutThem(request)}`,
      `Remove or rephrase each phrase above (describe only wardrobe, set, light and pose), then call ${tool} again.`,
    );
  }
  return outcome;
}

/** The refused texts without the phrases: the ready prompt as a whole, or each look field that was refused. */
function withoutThem(request: LookRequest): string {
  if (request.prompt !== undefined) return appearanceRefusal(request.prompt)?.without ?? '';
  const lines: string[] = [];
  for (const [field, text] of lookFieldTexts(request)) {
    const findings = lintAppearance(text);
    if (findings.length === 0) continue;
    const rest = withoutAppearance(text, findings);
    lines.push(
      rest === undefined ? `- ${field}: nothing of the scene is left; describe it again` : `- ${field}: "${rest}"`,
    );
  }
  return `Without them:\n${lines.join('\n')}`;
}
