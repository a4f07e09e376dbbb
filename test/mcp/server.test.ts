// The server through the SDK Client over an in-memory transport: what a host sees.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FIXED_LINES } from '../../src/domain/prompt/template.ts';
import { connectInMemory, textOf, type Connected } from '../helpers/mcp.ts';
import { currentSnapshot, snapshotOf, snapshotToolNames, strayFiles, writeSnapshots } from '../helpers/snapshots.ts';

describe('avatar-looks-mcp over MCP', () => {
  let connected: Connected;
  before(async () => {
    connected = await connectInMemory();
  });
  after(async () => {
    await connected.close();
  });
  const call = async (args: Record<string, unknown>) =>
    (await connected.client.callTool({ name: 'build_look_prompt', arguments: args })) as CallToolResult;

  it('matches the checked-in tools/list, tool by tool (UPDATE_SNAPSHOTS=1 npm test to accept a change)', async () => {
    const { tools } = await connected.client.listTools();
    if (process.env.UPDATE_SNAPSHOTS === '1') writeSnapshots(tools);
    const names = tools.map((tool) => tool.name);
    assert.deepEqual(names, snapshotToolNames(), 'the tools and their order (test/snapshots/tools/ORDER)');
    for (const tool of tools)
      assert.equal(currentSnapshot(tool), snapshotOf(tool.name), `test/snapshots/tools/${tool.name}.json`);
    assert.deepEqual(strayFiles(names), [], 'snapshot files of tools the server no longer has');
  });

  it('describes every input field and sets all four annotation hints', async () => {
    const { tools } = await connected.client.listTools();
    const tool = tools.find((t) => t.name === 'build_look_prompt');
    assert.ok(tool);
    const properties = tool.inputSchema.properties as Record<string, { description?: string }>;
    assert.deepEqual(Object.keys(properties).sort(), [
      'angle',
      'details',
      'environment',
      'expression',
      'lighting',
      'orientation',
      'prompt',
      'props',
      'topic',
      'wardrobe',
    ]);
    for (const [name, property] of Object.entries(properties))
      assert.ok((property.description ?? '').length > 30, `${name} is described`);
    assert.deepEqual(tool.annotations, {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    assert.match(tool.description ?? '', /music-video director, not corporate photographer/);
    for (const example of ['Sleep science', 'Breaking tech story', 'Reddit community'])
      assert.match(tool.description ?? '', new RegExp(example));
  });

  it('tells the model the pipeline order in its instructions', () => {
    const instructions = connected.client.getInstructions() ?? '';
    assert.match(instructions, /1\. build_look_prompt/);
    assert.match(instructions, /1\. build_look_prompt[\s\S]*2\. generate_look_image/);
    assert.doesNotMatch(instructions, /Not in this server version/);
    assert.match(instructions, /7\. create_video[\s\S]*8\. get_video_status[\s\S]*9\. download_video/);
    assert.match(
      instructions,
      /3\. check_look_image[\s\S]*4\. upload_to_heygen[\s\S]*5\. add_look[\s\S]*6\. get_look_status/,
    );
    assert.match(instructions, /get_job/);
    assert.match(instructions, /SANDBOX MODE \(no API keys are set\)/);
  });

  it('builds a sleep-science prompt whose last line is the anti-render line', async () => {
    const result = await call({ topic: 'sleep science' });
    assert.equal(result.isError, undefined);
    const structured = result.structuredContent as {
      prompt: string;
      aspect_ratio: string;
      rules: unknown[];
      missing_rules: string[];
      next_step: string;
    };
    assert.equal(structured.prompt.split('\n').at(-1), FIXED_LINES.antiRender);
    assert.equal(structured.aspect_ratio, '16:9');
    assert.equal(structured.rules.length, 12);
    assert.deepEqual(structured.missing_rules, []);
    assert.match(structured.next_step, /Call generate_look_image with this prompt and orientation "landscape"/);
    assert.ok(textOf(result).startsWith(structured.prompt), 'the text block leads with the prompt');
  });

  it('refuses a wardrobe with blonde hair and blue eyes, naming both', async () => {
    const result = await call({ topic: 'gaming', wardrobe: 'oversized hoodie, with blonde hair and blue eyes' });
    assert.equal(result.isError, true);
    const text = textOf(result);
    assert.match(text, /"blonde hair" in wardrobe: hair colour or style/);
    assert.match(text, /"blue eyes" in wardrobe: eye colour or shape/);
    assert.match(text, /Without them:\n- wardrobe: "oversized hoodie"/);
    assert.match(text, /reference photo/);
    assert.match(text, /Next step: Remove or rephrase/);
  });

  it('passes "a faded blue denim shirt"', async () => {
    const result = await call({ topic: 'gaming', wardrobe: 'a faded blue denim shirt' });
    assert.equal(result.isError, undefined);
    assert.match((result.structuredContent as { prompt: string }).prompt, /^A faded blue denim shirt\.$/m);
  });

  it("checks an agent's own prompt and names the rules it misses", async () => {
    const result = await call({
      prompt: 'Facing the camera in a yellow raincoat, genuine grin, on a wet street.',
      orientation: 'portrait',
    });
    assert.equal(result.isError, undefined);
    const structured = result.structuredContent as {
      source: string;
      aspect_ratio: string;
      missing_rules: string[];
      suggested_prompt?: string;
    };
    assert.equal(structured.source, 'custom');
    assert.equal(structured.aspect_ratio, '9:16');
    assert.ok(structured.missing_rules.includes('anti-render-closing'));
    assert.ok(structured.missing_rules.includes('camera-hardware'));
    assert.match(textOf(result), /Missed rule 1 \(Camera hardware\)/);
    assert.equal(structured.suggested_prompt?.split('\n').at(-1), FIXED_LINES.antiRender);
  });

  it('rejects arguments outside the schema with a clear message', async () => {
    const result = await call({ topic: 'sleep', orientation: 'diagonal' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /orientation/);
  });

  it('asks for a topic when neither topic nor prompt is given', async () => {
    const result = await call({ wardrobe: 'a grey hoodie' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Say what the video is about in topic/);
  });

  it('serves the look-design guide as a resource', async () => {
    const { resources } = await connected.client.listResources();
    assert.deepEqual(
      resources.map((r) => r.uri),
      ['avatar-looks://guide/look-design', 'ui://avatar-looks/look-picker.html'],
    );
    const { contents } = await connected.client.readResource({ uri: 'avatar-looks://guide/look-design' });
    const text = (contents[0] as { text: string }).text;
    assert.match(text, /## The twelve photorealism rules/);
    assert.match(text, /12\. \*\*Simple composition\*\*/);
    assert.ok(text.includes(FIXED_LINES.antiRender));
    assert.match(text, /glass newsroom/);
  });

  it('offers the design_look prompt, with orientation completion', async () => {
    const { prompts } = await connected.client.listPrompts();
    const prompt = prompts.find((p) => p.name === 'design_look');
    assert.deepEqual(
      prompt?.arguments?.map((a) => [a.name, a.required]),
      [
        ['topic', true],
        ['orientation', false],
      ],
    );
    const got = await connected.client.getPrompt({
      name: 'design_look',
      arguments: { topic: 'sleep science', orientation: 'portrait' },
    });
    const text = (got.messages[0]?.content as { text: string }).text;
    assert.match(text, /video about: sleep science/);
    assert.match(text, /portrait \(9:16\)/);
    assert.match(text, /call build_look_prompt/);
    const completion = await connected.client.complete({
      ref: { type: 'ref/prompt', name: 'design_look' },
      argument: { name: 'orientation', value: 'p' },
    });
    assert.deepEqual(completion.completion.values, ['portrait']);
    const topics = await connected.client.complete({
      ref: { type: 'ref/prompt', name: 'design_look' },
      argument: { name: 'topic', value: 'sleep' },
    });
    assert.deepEqual(topics.completion.values, ['the science of sleep']);
  });
});
