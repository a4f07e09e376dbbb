// Over HTTP the client is on another machine or account: results name the server's files by
// their resource URIs (avatar-looks://runs/{run_id}/{file}, which resources/read serves), never by
// absolute paths of the server's disk, and those URIs are what the next tool takes. Over stdio
// paths stay real (the other tests hold that).

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectHttp, startSandboxHttp, type HttpProcess } from '../helpers/http.ts';
import { temporaryHome, textOf } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const RUN_FILE = /^avatar-looks:\/\/runs\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\/[\w.-]+$/;
const RUN_FOLDER = /^avatar-looks:\/\/runs\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\/$/;

/** A result as the client sees it, without the image bytes. */
const shown = (result: Result) =>
  JSON.stringify({
    content: result.content.map((block) => (block.type === 'image' ? { ...block, data: '…' } : block)),
    structuredContent: result.structuredContent,
  });

describe('Streamable HTTP: results name files by resource URI, not by server path', () => {
  let home: string;
  let server: HttpProcess;
  let client: Client;
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;
    assert.ok(!shown(result).includes(home), `${name} showed a path of the server's disk:\n${shown(result)}`);
    return result;
  };
  before(async () => {
    home = temporaryHome();
    server = await startSandboxHttp(home);
    client = await connectHttp(server.url, server.token);
  });
  after(async () => {
    await client?.close();
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('generate_look_image gives each image as a URI that resources/read serves, and the run as a URI prefix', async () => {
    const result = await call('generate_look_image', { prompt: 'sleep science', size: '1K', wait_seconds: 45 });
    assert.equal(result.structuredContent?.status, 'completed', textOf(result));
    const [image] = result.structuredContent?.images as Array<Record<string, string>>;
    assert.match(image!.path!, RUN_FILE);
    assert.match(image!.preview_path!, RUN_FILE);
    assert.equal(image!.path, image!.uri, 'the path is the resource URI');
    assert.match(result.structuredContent?.run_dir, RUN_FOLDER);
    assert.ok(image!.path!.startsWith(result.structuredContent?.run_dir), 'the image is in its run');
    assert.equal(result.structuredContent?.reference?.source, 'AVATAR_REFERENCE_IMAGE');
    assert.match(textOf(result), /check_look_image with image_path "avatar-looks:\/\/runs\//);
    const read = await client.readResource({ uri: image!.path! });
    assert.ok((read.contents[0] as { blob?: string }).blob, 'the URI is readable');
  });

  it('check_look_image and upload_to_heygen take the URI, and list_runs and create_look show URIs', async () => {
    const generated = await call('generate_look_image', { prompt: 'tech news', size: '1K', wait_seconds: 45 });
    const uri = (generated.structuredContent?.images as Array<{ path: string }>)[0]!.path;
    const checked = await call('check_look_image', { image_path: uri, orientation: 'landscape' });
    assert.equal(checked.isError, undefined, textOf(checked));
    const uploaded = await call('upload_to_heygen', { image_path: uri });
    assert.equal(uploaded.isError, undefined, textOf(uploaded));
    assert.match(uploaded.structuredContent?.image_path, RUN_FILE);

    const look = await call('create_look', { key: 'paths-ep1', topic: 'sleep science', size: '1K', wait_seconds: 45 });
    let done = look;
    while (done.structuredContent?.status === 'running')
      done = await call('get_job', { job_id: done.structuredContent.job_id, wait_seconds: 45 });
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.match(done.structuredContent?.image?.path, RUN_FILE);
    assert.match(done.structuredContent?.run_dir, RUN_FOLDER);

    const runs = await call('list_runs', {});
    assert.ok((runs.structuredContent?.runs as unknown[]).length >= 3);
    for (const run of runs.structuredContent?.runs as Array<Record<string, string>>) {
      assert.match(run.run_dir!, RUN_FOLDER);
      if (run.preview_path) assert.match(run.preview_path, RUN_FILE);
    }
  });

  it('says where a file is with a URI in a refusal too', async () => {
    const refused = await call('check_look_image', {
      image_path: 'avatar-looks://runs/2026-01-01-nothing-abc123/x.png',
    });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /avatar-looks:\/\/runs\/2026-01-01-nothing-abc123\/x\.png/);
  });
});
