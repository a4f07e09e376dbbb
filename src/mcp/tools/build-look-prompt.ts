// build_look_prompt: the first step of the pipeline. Thin: schema, description and rendering;
// the work is buildLookPrompt() in src/prompt/.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { buildLookPrompt, type LookPrompt, type FieldFinding } from '../../domain/prompt/build.ts';
import { DIRECTION_EXAMPLES } from '../../domain/prompt/direction.ts';
import { ANGLES, ORIENTATIONS } from '../../domain/prompt/template.ts';
import { failure, success } from '../render.ts';
import type { ToolContext } from '../registry.ts';

export const BUILD_LOOK_PROMPT = 'build_look_prompt';

const examples = DIRECTION_EXAMPLES.map((example) => `${example.topic} → ${example.look}`).join('; ');

/** The look fields, shared with create_look. */
export const lookFieldsShape = {
  topic: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe(
      'What the video is about, e.g. "sleep science" or "Apple\'s new chip announcement". Required unless you pass ' +
        'a ready prompt. Fields you leave out get a direction that fits the topic.',
    ),
  orientation: z
    .enum(ORIENTATIONS)
    .default('landscape')
    .describe(
      "The video's shape: landscape (16:9, the default), portrait (9:16, for Shorts/Reels/TikTok) or square (1:1). " +
        "Generate in the video's orientation; square studio looks render badly in Video Agent.",
    ),
  angle: z
    .enum(ANGLES)
    .optional()
    .describe(
      '"front" (facing the camera, the default) or "three-quarter" (a natural 3/4 angle toward the camera). Never a profile.',
    ),
  expression: z
    .string()
    .max(300)
    .optional()
    .describe(
      'A genuine expression caught mid-moment, not posed: "half-smile mid-sentence", "amused, one eyebrow up". ' +
        'Default: "genuine relaxed smile, not posed".',
    ),
  wardrobe: z
    .string()
    .max(600)
    .optional()
    .describe(
      'Everyday clothes that evoke the topic: fabric, colour, fit, one or two accessories ("oversized oatmeal ' +
        'cable-knit sweater, cuffs stretched"). Grounded, never a costume. Clothes only: never hair, face or body.',
    ),
  environment: z
    .string()
    .max(800)
    .optional()
    .describe(
      'One specific, lived-in set that makes the topic unmistakable, with props, brand logos and set details. ' +
        `Be a music-video director, not a corporate photographer. Examples: ${examples}.`,
    ),
  lighting: z
    .string()
    .max(300)
    .optional()
    .describe(
      'One natural light with a direction and a colour temperature: "morning light through sheer curtains from the ' +
        'left, warm 3800K". "slight shadows under chin" is added for you.',
    ),
  details: z
    .string()
    .max(400)
    .optional()
    .describe(
      'Two or three messy real-world details that make it a photo, not a render: "rumpled duvet, a half-finished mug of tea".',
    ),
  props: z
    .union([z.array(z.string().trim().min(1).max(200)).max(12), z.string().max(1200)])
    .optional()
    .describe(
      'Optional objects tied to the topic, added to the environment line: ["a stack of sleep-science books", "an amber lamp"] (a comma-separated string works too).',
    ),
  prompt: z
    .string()
    .max(4000)
    .optional()
    .describe(
      'A prompt you wrote yourself, instead of the fields above: it gets the same appearance check and you are told ' +
        'which of the twelve rules it misses, with the line that fixes each (and suggested_prompt with fixed lines added).',
    ),
};

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

export function registerBuildLookPromptTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    BUILD_LOOK_PROMPT,
    {
      title: 'Build look prompt',
      description: [
        'Step 1 of making a look: turns a video topic and your creative choices into an image prompt that follows the ' +
          "photorealism template and the twelve rules, in the video's orientation. Instant, offline and free: call it as often as you like.",
        'Be ambitiously creative with wardrobe, set and props: they should viscerally evoke the topic. Think music-video ' +
          `director, not corporate photographer. Examples: ${examples}.`,
        'Never describe the person: their reference photo carries who they are. Any hair, eye colour, skin tone, age, ' +
          'ethnicity, build, weight, height, facial hair, face shape, makeup or "looks like <someone>" is refused with ' +
          'every offending phrase named; wardrobe, props, sets and light may use any words.',
        'Pass topic (plus any of angle, expression, wardrobe, environment, lighting, details, props), or a ready prompt to ' +
          `have it checked. Then pass the returned prompt and aspect_ratio to ${context.nextToolAfterPrompt ?? 'your image model, with a reference photo of the person'}.`,
      ].join('\n\n'),
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const props = typeof args.props === 'string' ? args.props.split(/[,;\n]/) : args.props;
      const outcome = buildLookPrompt({ ...args, props });
      if (outcome.kind === 'invalid')
        return failure(outcome.message, 'Call build_look_prompt again with the corrected arguments.');
      if (outcome.kind === 'refused') return refusal(outcome.findings);
      const next = nextStep(outcome, context);
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

export function refusal(findings: FieldFinding[], tool = BUILD_LOOK_PROMPT) {
  const list = findings.map((f) => `- "${f.phrase}" in ${f.field}: ${f.label}`).join('\n');
  return failure(
    `Refused: this describes the person's appearance, which their reference photo already carries; the image model ` +
      `would draw someone else.\n${list}`,
    `Remove or rephrase each phrase above (describe only wardrobe, set, light and pose), then call ${tool} again.`,
  );
}

function nextStep(result: LookPrompt, context: ToolContext): string {
  const fix =
    result.missing_rules.length > 0
      ? `First consider fixing the ${result.missing_rules.length} missed rule(s)${result.suggested_prompt ? ' (suggested_prompt adds the fixed lines)' : ''}. `
      : '';
  const generate = context.nextToolAfterPrompt
    ? `Call ${context.nextToolAfterPrompt} with this prompt and orientation "${result.orientation}".`
    : `Generate the image with this prompt at aspect ratio ${result.aspect_ratio}, always passing the person's reference photo.`;
  return fix + generate;
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
