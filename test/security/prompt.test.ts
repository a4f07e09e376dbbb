// Security: text made to look innocent to the appearance check — invisible characters inside a
// word, accents, full-width letters, look-alike Cyrillic and Greek letters — is read as a person
// reads it, through the tools an agent calls.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { normalizeForCheck } from '../../src/domain/prompt/normalize.ts';
import { connectInMemory, textOf, type InMemoryConnected } from '../helpers/mcp.ts';

/** How the description is hidden, the text, and the disguised word as the refusal must name it. */
const DISGUISED: Array<[string, string, string]> = [
  ['a zero-width space', 'blo\u200bnde hair', 'blo\u200bnde'],
  ['a zero-width joiner', 'freck\u200dles on her cheeks', 'freck\u200dles'],
  ['a soft hyphen', 'a bald\u00ad head', 'bald\u00ad'],
  ['a right-to-left mark', 'blue\u200f eyes', 'blue\u200f'],
  ['an accent', 'blónde hair', 'blónde'],
  ['a combining accent', 'blo\u0301nde hair', 'blo\u0301nde'],
  ['full-width letters', 'ｂｌｏｎｄｅ hair', 'ｂｌｏｎｄｅ'],
  ['a Cyrillic o', 'blоnde hair', 'blоnde'],
  ['a Cyrillic e', 'a grеy beard', 'grеy'],
];

describe('security: disguised descriptions (MCP, build_look_prompt)', () => {
  let connection: InMemoryConnected;
  before(async () => {
    connection = await connectInMemory();
  });
  after(() => connection.close());

  for (const [how, words, named] of DISGUISED) {
    it(`refuses a description hidden with ${how}, naming the words as written`, async () => {
      const result = (await connection.client.callTool({
        name: 'build_look_prompt',
        arguments: { topic: 'sleep science', details: `cosy knit jumper, ${words}, warm lamp` },
      })) as CallToolResult;
      assert.equal(result.isError, true, `${how}: ${textOf(result)}`);
      assert.ok(textOf(result).includes(named), `${how}: the refusal names "${named}" as written: ${textOf(result)}`);
    });
  }

  it('still passes scene text with accents and other scripts', async () => {
    const result = (await connection.client.callTool({
      name: 'build_look_prompt',
      arguments: { topic: 'sleep science', environment: 'a café in Zürich, naïve art and a Москва poster on the wall' },
    })) as CallToolResult;
    assert.equal(result.isError, undefined, textOf(result));
  });
});

describe('normalizeForCheck', () => {
  it('maps every checked character back to where it was written', () => {
    const original = 'ｂ\u200bló';
    const { text, origin } = normalizeForCheck(original);
    assert.equal(text, 'blo');
    assert.deepEqual(origin, [0, 2, 3]);
  });
});
