// What a refusal of a prompt that describes the person says, the same for every tool that takes
// a prompt: each phrase named with what it describes, and the prompt as it would read without
// them (when what is left still reads as a scene), so an agent can go on without guessing.

import { lintAppearance } from './linter.ts';
import { withoutAppearance } from './without.ts';

export interface AppearanceRefusal {
  /** Each phrase quoted, with what it describes: `"long blonde hair" (hair colour or style), …`. */
  phrases: string;
  /** The sentence a refusal ends with: the prompt as it would read, or that too little is left. */
  without: string;
}

/** The refusal of `text`, or undefined when it does not describe the person. */
export function appearanceRefusal(text: string): AppearanceRefusal | undefined {
  const prompt = text.trim();
  const findings = lintAppearance(prompt);
  if (findings.length === 0) return undefined;
  const rest = withoutAppearance(prompt, findings);
  return {
    phrases: findings.map((f) => `"${f.phrase}" (${f.label})`).join(', '),
    without:
      rest === undefined
        ? 'Without them, too little of the prompt is left to read as a scene: describe the scene again.'
        : `Without them, the prompt would read:\n${rest}`,
  };
}
