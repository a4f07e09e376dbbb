// build_look_prompt: the first step of the pipeline. Instant, offline and free.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ORIENTATIONS } from '../../core/types.ts';
import type { LookPrompt } from '../../domain/prompt/build.ts';
import type { Services } from '../../flows/deps.ts';
import { lookPrompt } from '../../flows/look-prompt.ts';
import { directionExamples, lookFieldsShape } from '../fields.ts';
import { errorResult, success } from '../render.ts';

export const BUILD_LOOK_PROMPT = 'build_look_prompt';

const inputSchema = z.object(lookFieldsShape);

const ruleSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  satisfied: z.boolean(),
  satisfied_by: z
    .string()
    .optional()
    .describe('The line of the prompt that meets the rule, or how the pipeline meets it.'),
  problem: z.string().optional(),
  fix: z.string().optional(),
});

const outputSchema = z.object({
  prompt: z
    .string()
    .describe('The prompt for generate_look_image, one template line per line, ending with the anti-render line.'),
  source: z.enum(['built', 'custom']),
  orientation: z.enum(ORIENTATIONS),
  aspect_ratio: z.enum(['16:9', '9:16', '1:1']).describe('Pass to the image model with the prompt.'),
  preset: z.string().optional().describe('The topic direction that filled missing fields, if any.'),
  defaults_used: z.array(z.string()).describe('Fields you left out that got a default.'),
  rules: z.array(ruleSchema).describe('The twelve photorealism rules, each with the line that satisfies it.'),
  missing_rules: z.array(z.string()).describe('Ids of rules the prompt does not meet.'),
  suggested_prompt: z
    .string()
    .optional()
    .describe('For your own prompt: the same prompt with the missing fixed lines added.'),
  warnings: z.array(z.string()),
  next_step: z.string(),
});

export function registerBuildLookPromptTool(server: McpServer, services: Services): void {
  server.registerTool(
    BUILD_LOOK_PROMPT,
    {
      title: 'Build look prompt',
      description: [
        'Step 1 of making a look: turns a video topic and your creative choices into an image prompt that follows the ' +
          "photorealism template and the twelve rules, in the video's orientation. Instant, offline and free: call it as often as you like.",
        'Be ambitiously creative with wardrobe, set and props: they should viscerally evoke the topic. Think music-video ' +
          `director, not corporate photographer. Examples: ${directionExamples}.`,
        'Never describe the person: their reference photo carries who they are. Any hair, eye colour, skin tone, age, ' +
          'ethnicity, build, weight, height, facial hair, face shape, makeup or "looks like <someone>" is refused with ' +
          'every offending phrase named; wardrobe, props, sets and light may use any words.',
        'Pass topic (plus any of angle, expression, wardrobe, environment, lighting, details, props), or a ready prompt to ' +
          'have it checked. Then pass the returned prompt and aspect_ratio to generate_look_image.',
      ].join('\n\n'),
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const props = typeof args.props === 'string' ? args.props.split(/[,;\n]/) : args.props;
      let outcome: LookPrompt;
      try {
        outcome = lookPrompt({ ...args, props }, BUILD_LOOK_PROMPT);
      } catch (error) {
        return errorResult(error, services);
      }
      const next = nextStep(outcome);
      return success(renderText(outcome, next), {
        prompt: outcome.prompt,
        source: outcome.source,
        orientation: outcome.orientation,
        aspect_ratio: outcome.aspect_ratio,
        ...(outcome.preset ? { preset: outcome.preset } : {}),
        defaults_used: outcome.defaults_used,
        rules: outcome.rules.map(({ satisfied_by, ...rule }) => (satisfied_by ? { ...rule, satisfied_by } : rule)),
        missing_rules: outcome.missing_rules.map((rule) => rule.id),
        ...(outcome.suggested_prompt ? { suggested_prompt: outcome.suggested_prompt } : {}),
        warnings: outcome.warnings,
        next_step: next,
      });
    },
  );
}

function nextStep(result: LookPrompt): string {
  const fix =
    result.missing_rules.length > 0
      ? `First consider fixing the ${result.missing_rules.length} missed rule(s)${result.suggested_prompt ? ' (suggested_prompt adds the fixed lines)' : ''}. `
      : '';
  return `${fix}Call generate_look_image with this prompt and orientation "${result.orientation}".`;
}

function renderText(result: LookPrompt, next: string): string {
  const met = result.rules.length - result.missing_rules.length;
  const lines = [
    result.prompt,
    '',
    `Aspect ratio ${result.aspect_ratio} (${result.orientation}). Photorealism rules met: ${met} of ${result.rules.length}.`,
    ...result.missing_rules.map(
      (rule) => `Missed rule ${rule.number} (${rule.name}): ${rule.problem}. Fix: ${rule.fix}`,
    ),
    ...result.warnings.filter((w) => !w.startsWith('Rule ')),
    ...(result.suggested_prompt ? ['', 'Suggested prompt with the fixed lines added:', result.suggested_prompt] : []),
    '',
    `Next step: ${next}`,
  ];
  return lines.join('\n');
}
