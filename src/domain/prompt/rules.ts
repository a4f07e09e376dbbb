// The twelve photorealism rules of the original recipe, each with a check that reads a prompt
// and says which line satisfies the rule, or what is missing and the line that would fix it.

import { FIXED_LINES } from './template.ts';

export interface PhotorealismRule {
  id: string;
  number: number;
  name: string;
  /** What the rule asks for, in the recipe's words. */
  summary: string;
  /** "prompt": checked in the text. "pipeline": kept by the server, not by the words. */
  scope: 'prompt' | 'pipeline';
  /** The line to add when a prompt misses the rule. */
  fix: string;
}

export interface RuleCheck {
  id: string;
  number: number;
  name: string;
  satisfied: boolean;
  /** The sentence of the prompt that satisfies the rule, or how the pipeline keeps it. */
  satisfied_by: string | null;
  /** What is wrong, when not satisfied. */
  problem?: string;
  /** The line that would satisfy it. */
  fix?: string;
}

export const RULES: readonly PhotorealismRule[] = [
  {
    id: 'camera-hardware',
    number: 1,
    name: 'Camera hardware',
    scope: 'prompt',
    summary: 'Name a real camera and lens: "Shot on Canon 5D Mark IV, 85mm f/1.8".',
    fix: FIXED_LINES.camera,
  },
  {
    id: 'natural-skin',
    number: 2,
    name: 'Natural skin',
    scope: 'prompt',
    summary: 'Visible pores and texture, no retouching.',
    fix: FIXED_LINES.skin,
  },
  {
    id: 'film-characteristics',
    number: 3,
    name: 'Film characteristics',
    scope: 'prompt',
    summary: 'Slight film grain, slightly desaturated warm tones.',
    fix: FIXED_LINES.film,
  },
  {
    id: 'natural-lighting',
    number: 4,
    name: 'Natural lighting',
    scope: 'prompt',
    summary: 'One light with a direction and a colour temperature, and slight shadows under the chin.',
    fix: `Soft window light from the left, warm 3500K, ${FIXED_LINES.chinShadows}.`,
  },
  {
    id: 'candid-not-posed',
    number: 5,
    name: 'Candid, not posed',
    scope: 'prompt',
    summary: 'A genuine expression, caught rather than posed: "genuine relaxed smile, not posed".',
    fix: 'Genuine relaxed smile, not posed.',
  },
  {
    id: 'grounded-wardrobe',
    number: 6,
    name: 'Grounded wardrobe',
    scope: 'prompt',
    summary: 'Everyday clothes with fabric, colour and fit; no theatrical costumes.',
    fix: 'Describe everyday clothes: fabric, colour, fit and one or two accessories.',
  },
  {
    id: 'messy-environment',
    number: 7,
    name: 'Messy real environment',
    scope: 'prompt',
    summary: 'Clutter, wrinkled fabric, a lived-in space; never a pristine studio.',
    fix: 'Wrinkled fabric, a half-empty mug, a cluttered desk.',
  },
  {
    id: 'muted-palette',
    number: 8,
    name: 'Muted palette',
    scope: 'prompt',
    summary: 'Slightly desaturated and warm, not oversaturated.',
    fix: FIXED_LINES.palette,
  },
  {
    id: 'anti-render-closing',
    number: 9,
    name: 'Anti-AI-render closing',
    scope: 'prompt',
    summary: 'Always end with the anti-render line.',
    fix: FIXED_LINES.antiRender,
  },
  {
    id: 'reference-image',
    number: 10,
    name: 'Reference image',
    scope: 'pipeline',
    summary: 'Always pass a reference photo of the face for identity; never describe the face instead.',
    fix: 'Remove any words that ask the model to ignore or replace the reference photo.',
  },
  {
    id: 'face-toward-camera',
    number: 11,
    name: 'Face toward camera',
    scope: 'prompt',
    summary: 'Front-facing or a natural 3/4 angle; no profiles or looking away.',
    fix: 'Facing the camera (or: natural 3/4 angle toward the camera).',
  },
  {
    id: 'simple-composition',
    number: 12,
    name: 'Simple composition',
    scope: 'prompt',
    summary: 'One person, one environment, one light source.',
    fix: 'Keep one person in the frame, one setting and one main light.',
  },
];

const CAMERA =
  /\b(canon|nikon|sony|fujifilm|fuji|leica|hasselblad|pentax|panasonic|lumix|olympus|ricoh)\b|\b\d{2,3}\s?mm\b|\bf\/\d/i;
const SKIN = /\bpores\b|\bskin texture\b|\bno retouch|\bunretouched\b/i;
const SKIN_AGAINST =
  /\b(airbrushed|flawless skin|smooth(ed)? skin|beauty filter|porcelain-smooth|retouched to perfection)\b/i;
const FILM = /\bfilm grain\b|\bgrain(y)?\b|\bkodak\b|\bportra\b|\b35mm film\b|\banalog(ue)? film\b/i;
const LIGHT = /\b\w*(light|lights|lighting|lamp|lamps|glow)\b|\b(sun|backlit)\b/i;
const LIGHT_DIRECTION =
  /\bfrom (the )?(left|right|above|behind|below|side|front|back|window|camera[- ]left|camera[- ]right)\b|\bon the (left|right)\b|\bfrom (a |the )?(\w+[- ])?(window|windows|skylight|doorway)\b|\b(camera|frame)[- ](left|right)\b|\b(overhead|backlit|backlight|side-?light|rim light|top light|through (the )?(sheer )?(curtains|window|blinds))\b|\b(left|right)[- ]side\b/i;
const LIGHT_TEMPERATURE =
  /\b\d{4}\s?K\b|\b(warm|cool|cold|neutral|amber|golden|tungsten|daylight|blue[- ]hour|candlelit|candle|sodium|fluorescent|morning|dusk|sunset|sunrise|overcast)\b/i;
export const CHIN_SHADOWS = /\bshadows? (under|beneath|below) (the |her |his |their |my )?chin\b/i;
const CANDID =
  /\bnot posed\b|\bcandid\b|\bunposed\b|\bgenuine\b|\bnatural (smile|expression|laugh)\b|\brelaxed\b|\bmid-(laugh|sentence|thought|gesture)\b/i;
export const POSED =
  /(?<!\bnot |\bun)\bposed\b|\b(posing|model pose|glamour pose|fashion pose|power pose|striking a pose|headshot pose)\b/i;
const STUDIO_LIGHT =
  /\b(ring ?light|softbox(es)?|on-camera flash|flash photography|strobes?|studio lighting|beauty dish)\b/i;
const WARDROBE =
  /\b(wearing|dressed|\w*(shirt|coat|jacket|sweater|jumper|hoodie|dress|blouse|suit|wear|vest|cardigan|knit|trousers|pants|jeans|skirt|shorts|tee|top|neck))\b|\b(flannel|denim|polo|scarf|beanie|cap|apron|uniform|scrubs|overalls|fleece|parka|henley|chinos|blazer|gilet|pullover|windbreaker|tank)\b/i;
const COSTUME =
  /\b(costume|cosplay|superhero|cape|armou?r|tiara|crown|ball gown|sequin(ed)? gown|wizard robes?|pirate outfit|medieval|spacesuit|fantasy outfit|chainmail)\b/i;
const MESSY =
  /\b(messy|cluttered|clutter|wrinkled|rumpled|crumpled|lived-in|half-empty|half-finished|half-drunk|scattered|stacks? of|piles? of|worn|scuffed|unmade|tangled|stray|smudged|fingerprints|dog-eared|stained|sticky notes?|loose (papers|cables)|creased|scribbled|scrawled|splattered|dusty|dust|coffee rings?|crossed-out|dented|chipped|frayed|peeling|spilled|spilt|wrappers)\b/i;
const PRISTINE =
  /\b(pristine|spotless|immaculate|perfectly clean|seamless backdrop|studio backdrop|plain (white |grey |gray )?background|white void|empty studio)\b/i;
const MUTED = /\bmuted\b|\bdesaturated\b/i;
const SATURATED =
  /\b(vibrant|vivid|oversaturated|saturated colou?rs|hyper-?saturated|neon-bright|punchy colou?rs|HDR)\b/i;
const RENDER_WORDS =
  /\b(8k|4k render|ultra[- ]detailed|octane( render)?|unreal engine|cgi|3d render|digital art|illustration|masterpiece|trending on artstation|hyper-?realistic|concept art|anime|cartoon)\b/i;
const REFERENCE_AGAINST =
  /\b(ignore (the )?reference|without (a |the )?reference|different person|new person|random person|another face|different face)\b/i;
const FACING =
  /\bfacing (the )?(camera|lens|viewer)\b|\bfaces? (the )?camera\b|\btoward(s)? the (camera|lens)\b|\b3\/4\b|\bthree-quarter\b|\blooking (at|into|straight into|directly into) the (camera|lens)\b|\beye contact\b/i;
const FACING_AGAINST =
  /\b(profile view|side profile|in profile|looking away|turned away|back to the camera|from behind|over (the|her|his|their) shoulder|eyes closed|looking down at)\b/i;
const MANY_PEOPLE =
  /\b(crowded (room|hall|bar|street|cafe|café|office|venue|stadium|conference|party|train|platform)|packed room|crowd|crowds|audience|group of|friends|colleagues|coworkers|co-workers|team of|family|couple|kids|children|people|two (men|women|people|persons)|several (people|men|women)|others|bystanders|passers-by|passersby|another person|second person|guests)\b/i;
const MANY_LIGHTS =
  /\b(multiple|several|many|two|three|four) (lights|light sources|lamps|spotlights|softboxes)\b|\bmixed lighting\b/i;

/** Splits a prompt into its sentences, keeping each sentence's words as written. */
export function sentencesOf(prompt: string): string[] {
  return prompt
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function firstMatch(sentences: string[], pattern: RegExp): string | undefined {
  return sentences.find((s) => pattern.test(s));
}

function against(prompt: string, pattern: RegExp): string | undefined {
  return pattern.exec(prompt)?.[0];
}

/** Checks a prompt against all twelve rules, in order. */
/** What a rule's check works with: the prompt, its sentences, and the two ways to answer. */
interface RuleContext {
  prompt: string;
  sentences: string[];
  ok(line: string): RuleCheck;
  missing(problem: string, line?: string | null): RuleCheck;
}

/** Rules met by one matching sentence, unless a word elsewhere works against them. */
const FOUND_BY: Record<string, [RegExp, string, RegExp?, ((word: string) => string)?]> = {
  'camera-hardware': [CAMERA, 'no camera body or lens is named'],
  'natural-skin': [
    SKIN,
    'natural skin texture is not asked for',
    SKIN_AGAINST,
    (w) => `"${w}" asks for retouched skin`,
  ],
  'film-characteristics': [FILM, 'no film grain or film look is asked for'],
  'candid-not-posed': [
    CANDID,
    'the expression is not described as genuine or candid',
    POSED,
    (w) => `"${w}" asks for a posed look`,
  ],
  'grounded-wardrobe': [
    WARDROBE,
    'no wardrobe is described',
    COSTUME,
    (w) => `"${w}" is a costume, not everyday clothes`,
  ],
  'messy-environment': [
    MESSY,
    'nothing messy or lived-in is described',
    PRISTINE,
    (w) => `"${w}" makes the set too clean to be real`,
  ],
  'muted-palette': [
    MUTED,
    'a muted, desaturated palette is not asked for',
    SATURATED,
    (w) => `"${w}" pushes the colours past muted`,
  ],
  'face-toward-camera': [
    FACING,
    'the face is not turned toward the camera',
    FACING_AGAINST,
    (w) => `"${w}" turns the face away from the camera`,
  ],
};

/** Rules that need more than one sentence to judge. */
const CHECKED_BY: Record<string, (rule: RuleContext) => RuleCheck> = {
  'natural-lighting': ({ prompt, sentences, ok, missing }) => {
    const light =
      sentences.find((s) => LIGHT.test(s) && LIGHT_DIRECTION.test(s) && LIGHT_TEMPERATURE.test(s)) ??
      sentences.find((s) => LIGHT.test(s) && (LIGHT_DIRECTION.test(s) || LIGHT_TEMPERATURE.test(s)));
    if (!light) return missing('no light with a direction and a colour temperature is described');
    const gaps = [
      LIGHT_DIRECTION.test(light) ? null : 'a direction (e.g. "from the left window")',
      LIGHT_TEMPERATURE.test(light) ? null : 'a colour temperature (e.g. "warm 3200K")',
      CHIN_SHADOWS.test(prompt) ? null : '"slight shadows under chin"',
    ].filter((g): g is string => g !== null);
    if (gaps.length > 0) return missing(`the lighting needs ${gaps.join(' and ')}`, light);
    const studio = against(prompt, STUDIO_LIGHT);
    if (studio) return missing(`"${studio}" is studio light, not natural light`, light);
    return ok(light);
  },
  'anti-render-closing': ({ prompt, sentences, ok, missing }) => {
    const last = sentences[sentences.length - 1] ?? '';
    const render = against(prompt, RENDER_WORDS);
    if (render) return missing(`"${render}" asks for a render, the opposite of a candid photo`, null);
    if (normalise(last) === normalise(FIXED_LINES.antiRender)) return ok(last);
    const elsewhere = sentences.find((s) => normalise(s) === normalise(FIXED_LINES.antiRender));
    const problem = elsewhere
      ? 'the anti-render line must be the last line'
      : 'the prompt does not end with the anti-render line';
    return missing(problem, elsewhere ?? null);
  },
  'reference-image': ({ prompt, ok, missing }) => {
    const bad = against(prompt, REFERENCE_AGAINST);
    if (bad) return missing(`"${bad}" works against the reference photo, which carries the person's identity`);
    return ok(
      'The reference photo goes with the prompt: generate_look_image always sends it; with your own image model, pass it yourself.',
    );
  },
  'simple-composition': ({ prompt, ok, missing }) => {
    const crowd = against(prompt, MANY_PEOPLE);
    if (crowd) return missing(`"${crowd}" brings more people into the frame; the face gate needs exactly one face`);
    const lights = against(prompt, MANY_LIGHTS);
    if (lights) return missing(`"${lights}" asks for several light sources; keep one main light`);
    return ok('One person, one environment, one light: nothing in the prompt adds more.');
  },
};

export function checkRules(prompt: string): RuleCheck[] {
  const sentences = sentencesOf(prompt);
  return RULES.map((rule) => {
    const base = { id: rule.id, number: rule.number, name: rule.name };
    const context: RuleContext = {
      prompt,
      sentences,
      ok: (line) => ({ ...base, satisfied: true, satisfied_by: line }),
      missing: (problem, line = null) => ({ ...base, satisfied: false, satisfied_by: line, problem, fix: rule.fix }),
    };
    const found = FOUND_BY[rule.id];
    if (found) {
      const [pattern, problem, contra, contraProblem] = found;
      const bad = contra ? against(prompt, contra) : undefined;
      if (bad && contraProblem) return context.missing(contraProblem(bad), firstMatch(sentences, pattern) ?? null);
      const line = firstMatch(sentences, pattern);
      return line ? context.ok(line) : context.missing(problem);
    }
    return (CHECKED_BY[rule.id] ?? (() => context.missing('unknown rule')))(context);
  });
}
