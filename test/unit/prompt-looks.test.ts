// HeyGen's prompt looks, the pure parts: the prompt fitted into HeyGen's 1000 characters, the
// request body as the published schema has it, the provider chain that holds heygen only where a
// look is made, and the per-provider identity report that list_runs sums from run records.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/core/config.ts';
import { HeyGenError, refusedOutright } from '../../src/domain/heygen/errors.ts';
import { PROMPT_LOOK_MAX_CHARS, promptLookBody } from '../../src/domain/heygen/prompt-looks.ts';
import { ProviderRegistry } from '../../src/domain/images/registry.ts';
import { fitPrompt } from '../../src/domain/prompt/fit.ts';
import { identityByProvider } from '../../src/flows/list-runs.ts';
import type { RunSummary } from '../../src/store/records.ts';

const SCENE = [
  'Facing the camera, framed from the chest up in a wide 16:9 shot, genuine relaxed smile.',
  'A cosy cream cable-knit jumper.',
  'A bedroom with soft linen bedding and a bedside lamp.',
  'Shot on Canon 5D Mark IV, 85mm f/1.8.',
  'Natural skin with visible pores and texture, no retouching.',
  'Slight film grain, slightly desaturated warm tones.',
  'This should look like a real candid photo, NOT an AI render.',
];

describe('fitting a prompt into HeyGen’s 1000 characters', () => {
  it('leaves a prompt that fits as it is', () => {
    const text = SCENE.join('\n');
    assert.deepEqual(fitPrompt(text, PROMPT_LOOK_MAX_CHARS), { text, dropped: [] });
  });

  it('leaves out the photographic boilerplate first, keeping wardrobe, set and pose', () => {
    const text = SCENE.join('\n');
    const fitted = fitPrompt(text, 240);
    assert.ok(fitted);
    assert.ok(fitted.text.length <= 240, String(fitted.text.length));
    assert.match(fitted.text, /cable-knit jumper/);
    assert.match(fitted.text, /bedroom/);
    assert.match(fitted.text, /Facing the camera/);
    assert.ok(fitted.dropped.some((sentence) => sentence.startsWith('Shot on Canon')));
    assert.ok(!fitted.text.includes('85mm'));
  });

  it('then leaves out sentences from the end, and refuses when not even the first fits', () => {
    const long = `${'A reading nook with shelves of old atlases. '.repeat(30)}`.trim();
    const fitted = fitPrompt(long, 1000);
    assert.ok(fitted && fitted.text.length <= 1000 && fitted.text.length > 900);
    assert.equal(fitPrompt('x'.repeat(1200), 1000), undefined);
  });
});

describe('the prompt look request body', () => {
  it('is type prompt with the base look as avatar_id, the group, and at most 3 reference assets', () => {
    const body = promptLookBody({
      name: 'Sleep (run_1) #1',
      prompt: 'A cosy knit on a bed.',
      baseLookId: 'look_base',
      groupId: 'grp_1',
      referenceAssetIds: ['a1', 'a2', 'a3', 'a4'],
      idempotencyKey: 'k',
    });
    assert.deepEqual(body, {
      type: 'prompt',
      name: 'Sleep (run_1) #1',
      prompt: 'A cosy knit on a bed.',
      avatar_id: 'look_base',
      avatar_group_id: 'grp_1',
      reference_images: ['a1', 'a2', 'a3'].map((asset_id) => ({ type: 'asset_id', asset_id })),
    });
    const bare = promptLookBody({
      ...{ name: 'n', prompt: 'p', baseLookId: 'b', groupId: 'g' },
      referenceAssetIds: [],
      idempotencyKey: 'k',
    });
    assert.equal('reference_images' in bare, false, 'no empty reference_images');
  });
});

describe('a refusal that made nothing (the next attempt needs a new key)', () => {
  const error = (status: number, code = 'invalid_parameter') => new HeyGenError({ status, code, said: 'no' });
  it('is a 4xx other than a timeout, "still in progress" or a rate limit', () => {
    for (const status of [400, 401, 402, 403, 404, 413, 422])
      assert.equal(refusedOutright(error(status)), true, String(status));
    for (const status of [408, 409, 429, 500, 502, 0])
      assert.equal(refusedOutright(error(status)), false, String(status));
    assert.equal(refusedOutright(new Error('400')), false, 'only HeyGen answers');
  });
});

describe('the provider chain holds heygen only where a look is made', () => {
  const registry = (env: Record<string, string>) =>
    new ProviderRegistry(loadConfig({ AVATAR_LOOKS_HOME: '/tmp/x', ...env }), {
      sandbox: () => Promise.reject(new Error('not in this test')),
    });

  it('create_look gets heygen in its place in AVATAR_LOOKS_PROVIDERS; generate_look_image never does', async () => {
    const env = { AVATAR_LOOKS_PROVIDERS: 'heygen,gemini', HEYGEN_API_KEY: 'h', GEMINI_API_KEY: 'g' };
    const looks = await registry(env).chain(undefined, { looks: true });
    assert.deepEqual(
      looks.map((provider) => provider.name),
      ['heygen', 'gemini'],
    );
    const images = await registry(env).chain(undefined);
    assert.deepEqual(
      images.map((provider) => provider.name),
      ['gemini'],
    );
    await assert.rejects(registry(env).chain('heygen'), /only create_look uses it/);
  });

  it('heygen without HEYGEN_API_KEY is left out like any provider without its key', async () => {
    const chain = await registry({ AVATAR_LOOKS_PROVIDERS: 'heygen,gemini', GEMINI_API_KEY: 'g' }).chain(undefined, {
      looks: true,
    });
    assert.deepEqual(
      chain.map((provider) => provider.name),
      ['gemini'],
    );
  });

  it('refuses an unknown provider in AVATAR_LOOKS_PROVIDERS, naming heygen among the choices', () => {
    assert.throws(
      () => loadConfig({ AVATAR_LOOKS_HOME: '/tmp/x', AVATAR_LOOKS_PROVIDERS: 'heygen,midjourney' }),
      /heygen,gemini/,
    );
  });
});

describe('identity by provider, summed from run records', () => {
  const run = (
    candidates: Array<[number, string]>,
    checks: Array<[number, boolean, number]>,
    chosen?: number,
  ): RunSummary => ({
    kind: 'create_look',
    status: chosen === undefined ? 'failed' : 'completed',
    candidates: candidates.map(([index, provider]) => ({
      index,
      provider,
      file: `c${index}.png`,
      preview_file: `c${index}.jpg`,
    })),
    gate: {
      ...(chosen === undefined ? {} : { chosen }),
      checks: checks.map(([index, passed, similarity]) => ({ index, passed, identity: { similarity } })),
    },
  });

  it('counts runs, checks, passes, the median likeness and the looks made, per provider', () => {
    const report = identityByProvider([
      run([[1, 'heygen']], [[1, true, 0.97]], 1),
      run(
        [
          [1, 'heygen'],
          [2, 'gemini'],
        ],
        [
          [1, false, 0.9],
          [2, true, 0.96],
        ],
        2,
      ),
      run(
        [
          [1, 'gemini'],
          [2, 'gemini'],
        ],
        [
          [1, true, 0.955],
          [2, false, 0.91],
        ],
      ),
      { kind: 'generate_look_image', candidates: [{ index: 1, provider: 'openai', file: 'a', preview_file: 'b' }] },
      // Left out: a sandbox run (its stand-ins paste the reference in).
      { ...run([[1, 'heygen']], [[1, true, 0.999]], 1), sandbox: true },
    ]);
    assert.deepEqual(report, [
      { provider: 'gemini', runs: 2, checked: 3, passed: 2, pass_rate: 0.667, median_likeness: 0.955, looks: 1 },
      { provider: 'heygen', runs: 2, checked: 2, passed: 1, pass_rate: 0.5, median_likeness: 0.935, looks: 1 },
    ]);
  });

  it('counts a warn-mode pass of a review or failed likeness as checked, not passed', () => {
    const warned = run([[1, 'flux']], [[1, true, 0.94]], 1);
    warned.gate!.checks![0]!.status = 'review';
    const [flux] = identityByProvider([warned]);
    assert.equal(flux?.checked, 1);
    assert.equal(flux?.passed, 0);
  });

  it('is empty without create_look runs, and omits the median when nothing was measured', () => {
    assert.deepEqual(identityByProvider([]), []);
    const [only] = identityByProvider([
      { kind: 'create_look', candidates: [{ index: 1, provider: 'flux', file: 'a', preview_file: 'b' }] },
    ]);
    assert.deepEqual(only, { provider: 'flux', runs: 1, checked: 0, passed: 0, pass_rate: 0, looks: 0 });
  });
});
