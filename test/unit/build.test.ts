import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLookPrompt, type LookPrompt, type LookPromptOutcome } from '../../src/domain/prompt/build.ts';
import { TOPIC_PRESETS } from '../../src/domain/prompt/direction.ts';
import { lintAppearance } from '../../src/domain/prompt/linter.ts';
import { checkRules, RULES } from '../../src/domain/prompt/rules.ts';
import { FIXED_LINES } from '../../src/domain/prompt/template.ts';

function built(outcome: LookPromptOutcome): LookPrompt {
  assert.equal(outcome.kind, 'prompt', JSON.stringify(outcome));
  return outcome as LookPrompt;
}

describe('buildLookPrompt', () => {
  it('builds the template lines in order, with the anti-render line last', () => {
    const result = built(
      buildLookPrompt({
        topic: 'breaking tech news',
        angle: 'three-quarter',
        expression: 'amused half-smile mid-sentence',
        wardrobe: 'charcoal merino crew-neck under a navy blazer',
        environment: 'a glass newsroom with company logos on monitors behind',
        lighting: 'cool 5600K daylight from the left window',
        details: 'coffee cups and scattered printouts',
        props: ['a press lanyard', 'a red BREAKING ticker'],
      }),
    );
    const lines = result.prompt.split('\n');
    assert.deepEqual(lines, [
      'Natural 3/4 angle toward the camera, framed from the chest up in a wide 16:9 shot with headroom and space on both sides, amused half-smile mid-sentence, not posed.',
      'Charcoal merino crew-neck under a navy blazer.',
      'A glass newsroom with company logos on monitors behind, with a press lanyard and a red BREAKING ticker.',
      FIXED_LINES.camera,
      FIXED_LINES.skin,
      FIXED_LINES.film,
      'Cool 5600K daylight from the left window, slight shadows under chin.',
      'Coffee cups and scattered printouts.',
      FIXED_LINES.palette,
      FIXED_LINES.antiRender,
    ]);
    assert.deepEqual(result.defaults_used, []);
    assert.deepEqual(result.missing_rules, []);
  });

  it('gives the aspect ratio and framing of each orientation', () => {
    const landscape = built(buildLookPrompt({ topic: 'sleep science' }));
    const portrait = built(buildLookPrompt({ topic: 'sleep science', orientation: 'portrait' }));
    const square = built(buildLookPrompt({ topic: 'sleep science', orientation: 'square' }));
    assert.equal(landscape.aspect_ratio, '16:9');
    assert.equal(portrait.aspect_ratio, '9:16');
    assert.equal(square.aspect_ratio, '1:1');
    assert.match(portrait.prompt, /9:16 shot with headroom/);
    assert.ok(square.warnings.some((w) => w.includes('Square looks render badly')));
    assert.ok(!landscape.warnings.some((w) => w.includes('Square')));
  });

  it("fills what the agent left out from the topic's direction and says so", () => {
    const result = built(buildLookPrompt({ topic: 'sleep science' }));
    assert.equal(result.preset, 'sleep');
    assert.deepEqual(result.defaults_used, ['angle', 'expression', 'wardrobe', 'environment', 'lighting', 'details']);
    assert.match(result.prompt, /king bed/);
    assert.match(result.prompt, /amber bedside lamp/);
    assert.match(result.prompt, /sheer curtains/);
    assert.ok(result.warnings.some((w) => w.includes('Defaults filled')));
  });

  it('gives an unknown topic a concrete set with objects about it', () => {
    const result = built(buildLookPrompt({ topic: 'urban beekeeping' }));
    assert.equal(result.preset, null);
    assert.match(
      result.prompt,
      /^A lived-in home office with a crowded bookshelf behind, a corkboard of pinned notes and a few objects about urban beekeeping on the desk\.$/m,
    );
    assert.deepEqual(result.missing_rules, []);
  });

  it('adds "not posed" to an expression that is not already candid', () => {
    const result = built(buildLookPrompt({ topic: 'finance', expression: 'Serious, focused' }));
    assert.match(result.prompt.split('\n')[0] ?? '', /serious, focused, not posed\.$/);
  });

  it('keeps agent punctuation, capitals and repeated props out of the prompt', () => {
    const result = built(
      buildLookPrompt({
        topic: 'tech news',
        environment: 'A glass newsroom, monitors behind.',
        props: ['A press badge on a lanyard.', 'a laptop', 'A laptop', 'monitors behind'],
        lighting: 'Warm lamp from the left, 3000K.',
        details: 'coffee cups,',
      }),
    );
    const lines = result.prompt.split('\n');
    assert.equal(lines[2], 'A glass newsroom, monitors behind, with a press badge on a lanyard and a laptop.');
    assert.equal(lines[6], 'Warm lamp from the left, 3000K, slight shadows under chin.');
    assert.equal(lines[7], 'Coffee cups.');
    assert.doesNotMatch(result.prompt, /\.,|,,|\.\./);
  });

  it('does not add chin shadows twice when the lighting already has them', () => {
    const result = built(
      buildLookPrompt({
        topic: 'sleep',
        lighting: 'morning light from the left, warm 3800K, soft shadows beneath her chin',
      }),
    );
    assert.equal(result.prompt.match(/\bchin\b/g)?.length, 1);
  });

  it('lets a topic about appearance through, but keeps its words out of the prompt', () => {
    const result = built(buildLookPrompt({ topic: 'my curly hair routine' }));
    assert.doesNotMatch(result.prompt, /curly hair/);
    assert.ok(result.warnings.some((w) => w.includes('topic describes appearance')));
  });

  it('routes topics to the direction that fits them best', () => {
    const preset = (topic: string) => built(buildLookPrompt({ topic })).preset;
    assert.equal(preset('apple pie recipe'), 'cooking');
    assert.equal(preset('farmers market cooking'), 'cooking');
    assert.equal(preset('dream home renovation'), null);
    assert.equal(preset('the rest of the season'), null);
    assert.equal(preset("Apple's new chip announcement"), 'tech-news');
    assert.equal(preset('the Reddit community drama'), 'reddit');
  });

  it('does not call a posed expression "not posed"; rule 5 reports it', () => {
    const result = built(buildLookPrompt({ topic: 'fitness', expression: 'posed smile for the camera' }));
    assert.doesNotMatch(result.prompt, /not posed/);
    assert.ok(result.missing_rules.some((rule) => rule.id === 'candid-not-posed'));
  });

  it('refuses appearance in any field, naming the field', () => {
    const outcome = buildLookPrompt({
      topic: 'cooking',
      lighting: 'warm light on her olive skin',
      props: ['a photo of a bald man'],
    });
    assert.equal(outcome.kind, 'refused');
    if (outcome.kind !== 'refused') return;
    assert.deepEqual(
      outcome.findings.map((f) => [f.field, f.phrase]),
      [
        ['lighting', 'olive skin'],
        ['props', 'bald man'],
      ],
    );
  });

  it('asks for a topic when there is neither topic nor prompt', () => {
    const outcome = buildLookPrompt({ wardrobe: 'a grey hoodie' });
    assert.equal(outcome.kind, 'invalid');
    assert.match(outcome.kind === 'invalid' ? outcome.message : '', /topic/);
  });

  it('refuses a prompt together with look fields, naming the fields to drop', () => {
    const outcome = buildLookPrompt({ prompt: 'A photo.', wardrobe: 'a hoodie', lighting: 'warm' });
    assert.equal(outcome.kind, 'invalid');
    assert.match(outcome.kind === 'invalid' ? outcome.message : '', /drop wardrobe, lighting/);
  });

  it("reviews an agent's own prompt: which rules it misses and a suggestion with the fixed lines", () => {
    const result = built(
      buildLookPrompt({
        prompt:
          'Facing the camera in a red raincoat on a rainy street, genuine grin. Warm 3000K streetlight from the right, slight shadows under chin. Puddles and a soggy flyer.',
      }),
    );
    assert.equal(result.source, 'custom');
    assert.deepEqual(
      result.missing_rules.map((r) => r.id),
      [
        'camera-hardware',
        'natural-skin',
        'film-characteristics',
        'messy-environment',
        'muted-palette',
        'anti-render-closing',
      ],
    );
    const suggestion = result.suggested_prompt ?? '';
    assert.equal(suggestion.split('\n').at(-1), FIXED_LINES.antiRender);
    const recheck = checkRules(suggestion)
      .filter((r) => !r.satisfied)
      .map((r) => r.id);
    assert.deepEqual(recheck, ['messy-environment'], 'only the creative rule is left for the agent');
  });

  it("refuses an agent's prompt that describes the person", () => {
    const outcome = buildLookPrompt({
      prompt:
        'A 30-year-old woman with red hair in a cafe. This should look like a real candid photo, NOT an AI render.',
    });
    assert.equal(outcome.kind, 'refused');
    assert.deepEqual(outcome.kind === 'refused' ? outcome.findings.map((f) => f.phrase) : [], [
      '30-year-old woman',
      'red hair',
    ]);
  });
});

describe('the twelve rules', () => {
  it('are twelve, numbered 1 to 12', () => {
    assert.deepEqual(
      RULES.map((r) => r.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
  });

  it('each name the line of a built prompt that satisfies them', () => {
    const result = built(buildLookPrompt({ topic: 'reddit community' }));
    for (const rule of result.rules) {
      assert.equal(rule.satisfied, true, `${rule.name}: ${rule.problem}`);
      assert.ok(rule.satisfied_by && rule.satisfied_by.length > 0);
      if (rule.id !== 'reference-image' && rule.id !== 'simple-composition') {
        assert.ok(result.prompt.includes(rule.satisfied_by), `${rule.name} points at a line of the prompt`);
      }
    }
  });

  it('catch the anti-render line when it is not last', () => {
    const prompt = `${FIXED_LINES.antiRender}\nFacing the camera.`;
    const check = checkRules(prompt).find((r) => r.id === 'anti-render-closing');
    assert.equal(check?.satisfied, false);
    assert.match(check?.problem ?? '', /must be the last line/);
  });

  it("catch render words, saturated colour, a crowd, a profile and a costume in the agent's own words", () => {
    const problems = (text: string) =>
      checkRules(text)
        .filter((r) => !r.satisfied)
        .map((r) => r.id);
    assert.ok(problems('Vibrant colors everywhere.').includes('muted-palette'));
    assert.ok(problems('Ultra-detailed 8k.').includes('anti-render-closing'));
    assert.ok(problems('Facing the camera with a crowd cheering behind.').includes('simple-composition'));
    assert.ok(problems('Side profile, looking away.').includes('face-toward-camera'));
    assert.ok(problems('Wearing a superhero costume.').includes('grounded-wardrobe'));
    assert.ok(problems('Soft light, warm.').includes('natural-lighting'));
    assert.ok(problems('A ring light from the front, 5600K, slight shadows under chin.').includes('natural-lighting'));
    assert.ok(problems('A crowded conference hall behind.').includes('simple-composition'));
  });

  it('ask for direction and temperature of the light separately', () => {
    const lighting = (text: string) => checkRules(text).find((r) => r.id === 'natural-lighting')?.problem ?? '';
    assert.match(lighting('Warm 3200K lamp light, slight shadows under chin.'), /a direction/);
    assert.doesNotMatch(lighting('Warm 3200K lamp light, slight shadows under chin.'), /temperature/);
    assert.match(lighting('Lamp light from the left, slight shadows under chin.'), /a colour temperature/);
  });
});

describe('topic directions', () => {
  for (const preset of TOPIC_PRESETS) {
    it(`"${preset.id}" passes the appearance linter and all twelve rules`, () => {
      for (const text of [preset.wardrobe, preset.environment, preset.lighting, preset.details]) {
        assert.deepEqual(lintAppearance(text), [], text);
      }
      const example = preset.example;
      const result = built(buildLookPrompt({ topic: example }));
      assert.equal(result.preset, preset.id, `topic "${example}" picks its own direction`);
      assert.deepEqual(
        result.missing_rules.map((r) => r.id),
        [],
      );
    });
  }
});
