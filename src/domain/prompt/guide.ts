// The look-design guide, written out from the same data the prompt builder uses, so the guide
// a model reads and the prompt the server builds can never disagree.

import { CATEGORY_LABELS } from './lexicon.ts';
import { CREATIVE_DIRECTION, DIRECTION_EXAMPLES, TOPIC_PRESETS } from './direction.ts';
import { RULES } from './rules.ts';
import { ASPECT_RATIOS, ORIENTATIONS, type Orientation } from '../../core/types.ts';
import { TEMPLATE_SLOTS } from './template.ts';

export function lookGuideMarkdown(): string {
  const lines = [
    '# Designing a look',
    '',
    'A look is one photorealistic photo of the person, made from a reference photo of their face ',
    'and a prompt that describes only what is new: wardrobe, set, light and pose. The reference ',
    'photo carries the identity, so the prompt never describes the person.',
    '',
    '## Creative direction',
    '',
    CREATIVE_DIRECTION,
    '',
    ...DIRECTION_EXAMPLES.map((example) => `- ${example.topic} → ${example.look}`),
    '',
    '## The prompt template (one line each, in this order)',
    '',
    '```',
    ...TEMPLATE_SLOTS.map((slot) => slot.pattern),
    '```',
    '',
    '## The twelve photorealism rules',
    '',
    ...RULES.map((rule) => `${rule.number}. **${rule.name}** — ${rule.summary}`),
    '',
    '## Never describe the person',
    '',
    'These are refused, wherever they appear:',
    '',
    ...Object.values(CATEGORY_LABELS).map((label) => `- ${label}`),
    '',
    'Wardrobe, props, sets and light may use any words: "brown leather jacket", "blue-hour light", ',
    '"a poster of a bald eagle", "a tall bookshelf" are all fine.',
    '',
    '## Orientation',
    '',
    ...ORIENTATIONS.map((orientation) => `- ${orientation}: ${ASPECT_RATIOS[orientation]}`),
    '',
    "Generate in the video's orientation with headroom; square studio looks render badly in Video Agent.",
    '',
    '## Topics with a ready direction',
    '',
    'When a field is left out, build_look_prompt fills it from the first of these that matches the topic: ',
    TOPIC_PRESETS.map((preset) => preset.id).join(', ') + '.',
  ];
  return lines.join('\n') + '\n';
}

/** The steps of the design_look prompt: how a model should design one look, then call the tool. */
export function designLookSteps(topic: string, orientation: Orientation): string {
  return [
    `Design a look for a video about: ${topic}`,
    `Orientation: ${orientation} (${ASPECT_RATIOS[orientation]}).`,
    '',
    CREATIVE_DIRECTION,
    'For example:',
    ...DIRECTION_EXAMPLES.map((example) => `- ${example.topic} → ${example.look}`),
    '',
    'Work through these, in order, then call build_look_prompt with your choices:',
    '1. angle: "front" or "three-quarter" — the face always turned toward the camera.',
    '2. expression: genuine, caught mid-moment, not posed (e.g. "half-smile mid-sentence").',
    '3. wardrobe: everyday clothes that evoke the topic — fabric, colour, fit, one or two accessories.',
    '4. environment: one specific, lived-in set with props, brand logos and set details that make the topic unmistakable.',
    '5. lighting: one natural light with a direction and a colour temperature (e.g. "morning window light from the left, warm 3800K").',
    '6. details: two or three messy real-world details (wrinkled fabric, a half-empty mug, tangled cables).',
    '7. props (optional): objects tied to the topic.',
    `8. orientation: "${orientation}" — pass it to build_look_prompt so the look is framed for the video.`,
    '',
    'Never describe the person: no hair, eyes, skin, age, ethnicity, build, weight, height, facial hair, ',
    'face shape, makeup or "looks like". The reference photo carries who they are; build_look_prompt refuses such words.',
    'Keep one person in the frame and one main light.',
  ].join('\n');
}
