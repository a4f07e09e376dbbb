// Builds a look prompt from creative choices, or reviews one an agent wrote itself.
// Pure: no I/O, no MCP. The tool in src/mcp/tools/build-look-prompt.ts renders the result.

import { ASPECT_RATIOS, type AspectRatio, type Orientation } from '../../core/types.ts';
import { lintAppearance, type AppearanceCategory } from './linter.ts';
import { CHIN_SHADOWS, checkRules, POSED, RULES, sentencesOf, type RuleCheck } from './rules.ts';
import { genericDirection, presetFor } from './direction.ts';
import { ANGLE_PHRASES, DEFAULT_EXPRESSION, FIXED_LINES, FRAMING_PHRASES, type Angle } from './template.ts';

export const LOOK_FIELDS = [
  'topic',
  'angle',
  'expression',
  'wardrobe',
  'environment',
  'lighting',
  'details',
  'props',
] as const;
export type LookField = (typeof LOOK_FIELDS)[number];

export interface LookRequest {
  topic?: string | undefined;
  orientation?: Orientation | undefined;
  angle?: Angle | undefined;
  expression?: string | undefined;
  wardrobe?: string | undefined;
  environment?: string | undefined;
  lighting?: string | undefined;
  details?: string | undefined;
  props?: string[] | undefined;
  /** A prompt the agent wrote itself: reviewed instead of built. */
  prompt?: string | undefined;
}

export interface FieldFinding {
  field: LookField | 'prompt';
  phrase: string;
  category: AppearanceCategory;
  label: string;
}

export interface LookPrompt {
  kind: 'prompt';
  prompt: string;
  source: 'built' | 'custom';
  orientation: Orientation;
  aspect_ratio: AspectRatio;
  /** Which creative preset filled in missing fields, if any. */
  preset: string | null;
  defaults_used: LookField[];
  rules: RuleCheck[];
  /** Rules the prompt does not meet: the agent's own prompt, or text it passed in a field. */
  missing_rules: RuleCheck[];
  /** For a custom prompt that misses fixed lines: the same prompt with those lines added. */
  suggested_prompt: string | null;
  warnings: string[];
}

export interface AppearanceRefusal {
  kind: 'refused';
  findings: FieldFinding[];
}

export interface InvalidRequest {
  kind: 'invalid';
  message: string;
}

export type LookPromptOutcome = LookPrompt | AppearanceRefusal | InvalidRequest;

const CREATIVE_FIELDS = ['angle', 'expression', 'wardrobe', 'environment', 'lighting', 'details', 'props'] as const;

/** Builds the prompt (or reviews `request.prompt`). Never throws for bad input: it says why. */
export function buildLookPrompt(request: LookRequest): LookPromptOutcome {
  const orientation = request.orientation ?? 'landscape';
  if (request.prompt !== undefined) {
    const extra = CREATIVE_FIELDS.filter((field) => request[field] !== undefined);
    if (extra.length > 0) {
      return {
        kind: 'invalid',
        message: `Pass either a ready prompt or the look fields, not both: drop ${extra.join(', ')}, or drop prompt to have the prompt built from them.`,
      };
    }
    return reviewPrompt(request.prompt, orientation, request.topic);
  }
  const topic = request.topic?.trim();
  if (!topic) {
    return {
      kind: 'invalid',
      message:
        'Say what the video is about in topic (e.g. "sleep science"), or pass a ready prompt to have it checked.',
    };
  }

  const findings = lintFields(request);
  if (findings.length > 0) return { kind: 'refused', findings };

  return composePrompt(request, topic, orientation);
}

/** The prompt from the look fields, each missing one filled from the topic's direction. */
function composePrompt(request: LookRequest, topic: string, orientation: Orientation): LookPrompt {
  const preset = presetFor(topic);
  // The topic reaches the prompt only through the generic set, and only when it describes no one:
  // a video about "curly hair routines" is fine, but those words must not steer the face.
  const topicDescribesPerson = lintAppearance(topic).length > 0;
  const insertsTopic = !preset && !clean(request.environment);
  const fallback = preset ?? genericDirection(topicDescribesPerson ? undefined : topic);
  const defaults_used: LookField[] = [];
  const pick = (
    field: 'expression' | 'wardrobe' | 'environment' | 'lighting' | 'details',
    value: string | undefined,
    otherwise: string,
  ) => {
    const given = clean(value);
    if (given) return given;
    defaults_used.push(field);
    return otherwise;
  };
  if (!request.angle) defaults_used.push('angle');
  const angle = request.angle ?? 'front';
  const expression = pick('expression', request.expression, DEFAULT_EXPRESSION);
  const wardrobe = pick('wardrobe', request.wardrobe, fallback.wardrobe);
  const environment = pick('environment', request.environment, fallback.environment);
  const lighting = pick('lighting', request.lighting, fallback.lighting);
  const details = pick('details', request.details, fallback.details);
  const props = distinctProps(request.props ?? [], environment);

  // "not posed" is added to a neutral expression, never to one that asks for a pose (rule 5 says so).
  const candid = /\bnot posed\b|\bcandid\b|\bunposed\b|\bgenuine\b/i.test(expression) || POSED.test(expression);
  const lines = [
    `${ANGLE_PHRASES[angle]}, ${FRAMING_PHRASES[orientation]}, ${lowerFirst(expression)}${candid ? '' : ', not posed'}.`,
    sentence(wardrobe),
    sentence(props.length > 0 ? `${trimEnd(environment)}, with ${joinList(props)}` : environment),
    FIXED_LINES.camera,
    FIXED_LINES.skin,
    FIXED_LINES.film,
    CHIN_SHADOWS.test(lighting) ? sentence(lighting) : `${upperFirst(trimEnd(lighting))}, ${FIXED_LINES.chinShadows}.`,
    sentence(details),
    FIXED_LINES.palette,
    FIXED_LINES.antiRender,
  ];
  const prompt = lines.join('\n');
  return describeBuilt(prompt, orientation, preset?.id ?? null, defaults_used, insertsTopic && topicDescribesPerson);
}

/** The built prompt with its rules and what the caller should know about it. */
function describeBuilt(
  prompt: string,
  orientation: Orientation,
  preset: string | null,
  defaults_used: LookField[],
  topicLeftOut: boolean,
): LookPrompt {
  const rules = checkRules(prompt);
  const missing_rules = rules.filter((rule) => !rule.satisfied);
  const warnings = [
    ...orientationWarnings(orientation),
    ...missing_rules.map((rule) => `Rule ${rule.number} (${rule.name}): ${rule.problem}.`),
    ...(topicLeftOut
      ? [
          'The topic describes appearance, so it was left out of the prompt; pass an environment that evokes it instead.',
        ]
      : []),
  ];
  if (defaults_used.some((field) => field === 'wardrobe' || field === 'environment')) {
    warnings.push(
      `Defaults filled ${defaults_used.join(', ')}${preset ? ` from the "${preset}" direction` : ''}. ` +
        'A specific, ambitious wardrobe and set for this video make a far better look than defaults.',
    );
  }
  return {
    kind: 'prompt',
    prompt,
    source: 'built',
    orientation,
    aspect_ratio: ASPECT_RATIOS[orientation],
    preset,
    defaults_used,
    rules,
    missing_rules,
    suggested_prompt: null,
    warnings,
  };
}

function reviewPrompt(text: string, orientation: Orientation, topic: string | undefined): LookPromptOutcome {
  const prompt = text.trim();
  if (!prompt)
    return {
      kind: 'invalid',
      message: 'prompt is empty: pass the prompt text, or leave prompt out and pass topic to have one built.',
    };
  // The topic is not part of a ready prompt, so only the prompt itself is checked.
  void topic;
  const findings: FieldFinding[] = lintAppearance(prompt).map((f) => ({
    field: 'prompt' as const,
    phrase: f.phrase,
    category: f.category,
    label: f.label,
  }));
  if (findings.length > 0) return { kind: 'refused', findings };
  const rules = checkRules(prompt);
  const missing_rules = rules.filter((rule) => !rule.satisfied);
  return {
    kind: 'prompt',
    prompt,
    source: 'custom',
    orientation,
    aspect_ratio: ASPECT_RATIOS[orientation],
    preset: null,
    defaults_used: [],
    rules,
    missing_rules,
    suggested_prompt: suggestFixedLines(prompt, missing_rules),
    warnings: [
      ...orientationWarnings(orientation),
      ...missing_rules.map((rule) => `Rule ${rule.number} (${rule.name}): ${rule.problem}. Fix: ${rule.fix}`),
    ],
  };
}

/** Lines that can be added word for word; the others need the agent's own creative words. */
const LITERAL_FIXES = new Set([
  'camera-hardware',
  'natural-skin',
  'film-characteristics',
  'muted-palette',
  'anti-render-closing',
]);

function suggestFixedLines(prompt: string, missing: RuleCheck[]): string | null {
  const addable = missing.filter(
    (rule) => LITERAL_FIXES.has(rule.id) && !/asks for|pushes|makes/.test(rule.problem ?? ''),
  );
  if (addable.length === 0) return null;
  const antiRender = FIXED_LINES.antiRender.toLowerCase();
  const body = sentencesOf(prompt).filter((s) => !s.toLowerCase().startsWith(antiRender.slice(0, 30)));
  const additions = RULES.filter(
    (rule) => rule.id !== 'anti-render-closing' && addable.some((m) => m.id === rule.id),
  ).map((rule) => rule.fix);
  return [...body, ...additions, FIXED_LINES.antiRender].join('\n');
}

/** The free-text look fields a request fills in, each with its text (one entry per prop). */
export function lookFieldTexts(request: LookRequest): Array<[LookField, string]> {
  const texts: Array<[LookField, string | undefined]> = [
    ['expression', request.expression],
    ['wardrobe', request.wardrobe],
    ['environment', request.environment],
    ['lighting', request.lighting],
    ['details', request.details],
    ...(request.props ?? []).map((prop): [LookField, string] => ['props', prop]),
  ];
  return texts.filter((entry): entry is [LookField, string] => !!entry[1]);
}

function lintFields(request: LookRequest): FieldFinding[] {
  const findings: FieldFinding[] = [];
  for (const [field, text] of lookFieldTexts(request)) {
    for (const finding of lintAppearance(text)) {
      findings.push({ field, phrase: finding.phrase, category: finding.category, label: finding.label });
    }
  }
  return findings;
}

function orientationWarnings(orientation: Orientation): string[] {
  return orientation === 'square'
    ? [
        "Square looks render badly in Video Agent: generate in the video's orientation (landscape 16:9 or portrait 9:16) unless the video itself is square.",
      ]
    : [];
}

/** One line of the prompt: single spaces, capitalised, ending in a full stop. */
function sentence(text: string): string {
  return `${upperFirst(trimEnd(text))}.`;
}

/** Without the trailing full stops, commas and semicolons an agent's text often ends with. */
function trimEnd(text: string): string {
  return clean(text).replace(/[.;,:\s]+$/, '');
}

/** Props as list items: lower-case first letter, no trailing punctuation, no repeats, none the set already names. */
function distinctProps(props: string[], environment: string): string[] {
  const seen = new Set<string>();
  const set = environment.toLowerCase();
  const out: string[] = [];
  for (const prop of props) {
    const item = lowerFirst(prop);
    const key = item.toLowerCase().replace(/^(a|an|the)\s+/, '');
    if (!item || seen.has(key) || set.includes(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter unless the first word is an acronym or a name ("OK", "iPhone"). */
function lowerFirst(text: string): string {
  const body = trimEnd(text);
  return /^([A-Z][a-z]|(A|An|The) )/.test(body) ? body.charAt(0).toLowerCase() + body.slice(1) : body;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
