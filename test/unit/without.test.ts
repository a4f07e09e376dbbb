import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/core/errors.ts';
import { lintAppearance } from '../../src/domain/prompt/linter.ts';
import { withoutAppearance } from '../../src/domain/prompt/without.ts';
import { lookPrompt } from '../../src/flows/look-prompt.ts';

const without = (text: string) => withoutAppearance(text, lintAppearance(text));

describe('withoutAppearance', () => {
  for (const [text, rest] of [
    // the words a phrase leaves hanging go with it: "with", "and", "her", "on"
    ['oversized hoodie, with blonde hair and blue eyes', 'oversized hoodie'],
    ['warm light on her olive skin', 'warm light'],
    ['a navy blazer, freckled arms and a red scarf', 'a navy blazer, a red scarf'],
    ['a grey coat, a ginger beard, a laptop bag', 'a grey coat, a laptop bag'],
    // a sentence or a clause with nothing of the scene left goes, the rest keep their capitals
    ['A grey coat. She is tall and slender, with freckles.', 'A grey coat.'],
    ['A cosy cafe; she has freckles and a beard.', 'A cosy cafe.'],
    ['A 40-year-old man with a shaved head in a busy kitchen.', 'In a busy kitchen.'],
    ['A man with a grey goatee and a thin moustache lights the grill.', 'A man lights the grill.'],
    ['Reading at the window, her long red plait falls over one shoulder.', 'Reading at the window.'],
    // a clause that goes on with a participle of the shot stays; the person placed stays
    ['Cover my back with a dragon tattoo, shot from behind at sunset', 'Shot from behind at sunset'],
    ['me in my sporty rigid-frame wheelchair at the basketball court', 'me at the basketball court'],
    ['Show him with a shaved head at the bar', 'Show him at the bar'],
    ["I'm in a wheelchair, show me wheeling along the harbour front", 'Show me wheeling along the harbour front'],
  ] as const) {
    it(`"${text}" → "${rest}"`, () => assert.equal(without(text), rest));
  }

  it('keeps the lines of a prompt, dropping a line with nothing left', () => {
    const prompt = 'Facing the camera, warm smile.\nA tall, slim man in a navy suit.\nBlonde hair.\nA sunny office.';
    assert.equal(without(prompt), 'Facing the camera, warm smile.\nIn a navy suit.\nA sunny office.');
  });

  it('returns the text untouched when nothing describes the person', () => {
    assert.equal(withoutAppearance('a faded blue denim shirt', []), 'a faded blue denim shirt');
  });

  for (const text of [
    'blonde hair',
    'She has almond-shaped eyes.',
    'a photo of a bald man',
    'pale skin and a round face',
    'His eyebrows are thin and over-plucked.',
    // a verb left without what it gives: not "Give me in the photo"
    'Give me a shaved head in the photo',
    'Turn me into a redhead on the beach',
  ]) {
    it(`gives nothing back when no scene is left: "${text}"`, () => assert.equal(without(text), undefined));
  }

  it('what it gives back passes the linter', () => {
    for (const text of [
      'A red-haired woman with freckles, in a yellow raincoat, on a wet pier',
      'He looks like a young Al Pacino, leaning on a vintage car at dusk',
      'Make her look ten years younger, standing in a sunlit greenhouse',
    ]) {
      const rest = without(text);
      assert.ok(rest, text);
      assert.deepEqual(lintAppearance(rest), [], rest);
    }
  });
});

describe('lookPrompt refusal', () => {
  const refusal = (request: Parameters<typeof lookPrompt>[0]) => {
    try {
      lookPrompt(request, 'build_look_prompt');
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
    assert.fail('not refused');
  };

  it('says what each refused look field would be without the phrases', () => {
    const message = refusal({
      topic: 'cooking',
      wardrobe: 'oversized hoodie, with blonde hair and blue eyes',
      lighting: 'warm light on her olive skin',
      props: ['a wooden spoon', 'a photo of a bald man'],
    });
    assert.match(message, /"blonde hair" in wardrobe: hair colour or style/);
    assert.match(
      message,
      /Without them:\n- wardrobe: "oversized hoodie"\n- lighting: "warm light"\n- props: nothing of the scene is left; describe it again$/,
    );
  });

  it('says what a ready prompt would be without the phrases, as a whole', () => {
    const message = refusal({
      prompt:
        'A 30-year-old woman with red hair in a cafe.\nThis should look like a real candid photo, NOT an AI render.',
    });
    assert.match(
      message,
      /Without them, the prompt would read:\nIn a cafe\.\nThis should look like a real candid photo, NOT an AI render\.$/,
    );
  });
});
