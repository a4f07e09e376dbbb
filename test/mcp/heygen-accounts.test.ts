// A key belongs to the HeyGen it was used with. A newcomer tries the sandbox first, then sets real
// keys: the sandbox's look (which exists only in the offline simulator) must not come back as a
// ready look — create_video would then fail on it — and costs are told as published prices.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { writeReference } from '../helpers/faces.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

const LOOK = { key: 'sleep-science', topic: 'sleep science', orientation: 'landscape', size: '1K' } as const;

async function call(connection: StdioConnected, name: string, args: Record<string, unknown>): Promise<Result> {
  let result = (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;
  while (!result.isError && result.structuredContent?.status === 'running') {
    result = (await connection.client.callTool(
      { name: 'get_job', arguments: { job_id: result.structuredContent.job_id, wait_seconds: 30 } },
      undefined,
      { timeout: 120_000 },
    )) as Result;
  }
  return result;
}

describe('keys across the sandbox and real HeyGen (stdio)', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 300, sessionThinkingMs: 300, videoRenderMs: 300 });
  const home = temporaryHome();
  after(async () => {
    await sim.stop();
    rmSync(home, { recursive: true, force: true });
  });

  async function server(mode: 'sandbox' | 'real', apiKey = sim.apiKey): Promise<StdioConnected> {
    const reference = await writeReference(home);
    const common = { AVATAR_LOOKS_HOME: home, AVATAR_REFERENCE_IMAGE: reference, AVATAR_LOOKS_FACE_GATE: 'off' };
    if (mode === 'sandbox') return connectStdio({ ...common, AVATAR_LOOKS_SANDBOX: '1' });
    await sim.start();
    return connectStdio({
      ...common,
      HEYGEN_API_KEY: apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
    });
  }

  it('a sandbox key is refused in real mode (not returned as a ready look), force_new makes a real one, and back in the sandbox the real one is refused', async () => {
    const sandbox = await server('sandbox');
    let sandboxLook: string;
    try {
      const made = await call(sandbox, 'create_look', LOOK);
      assert.equal(made.structuredContent?.status, 'completed', textOf(made));
      sandboxLook = String(made.structuredContent?.look_id);
      assert.equal(made.structuredContent?.cost_estimate_usd, 0);
      assert.deepEqual((made.structuredContent?.costs as Record<string, unknown>).heygen_look_usd, 0);
      assert.match(textOf(made), /nothing spent \(sandbox\)/);
    } finally {
      await sandbox.close();
    }

    const real = await server('real');
    try {
      const refused = await call(real, 'create_look', { ...LOOK, provider: 'sandbox' });
      assert.equal(refused.isError, true, textOf(refused));
      assert.match(textOf(refused), /was used in the sandbox/);
      assert.match(textOf(refused), new RegExp(`look ${sandboxLook}`));
      assert.match(textOf(refused), /force_new: true/);
      assert.equal(sim.created.looks, 0, 'nothing was made at HeyGen');

      const made = await call(real, 'create_look', { ...LOOK, provider: 'sandbox', force_new: true });
      assert.equal(made.structuredContent?.status, 'completed', textOf(made));
      assert.notEqual(made.structuredContent?.look_id, sandboxLook);
      assert.equal(sim.created.looks, 1);
      // The HeyGen look is priced at HeyGen's published $1.00 (the sandbox image cost nothing).
      const costs = made.structuredContent?.costs as Record<string, unknown>;
      assert.deepEqual([costs.images_usd, costs.heygen_look_usd], [0, 1]);
      assert.equal(made.structuredContent?.cost_estimate_usd, 1);
      assert.match(String(costs.note), /pay-as-you-go/);
      assert.match(textOf(made), /\$1\.00 in all: \$0\.00 for images and \$1\.00 for the HeyGen look/);

      // The same key again, still real: that look, nothing new.
      const again = await call(real, 'create_look', { ...LOOK, provider: 'sandbox' });
      assert.equal(again.structuredContent?.look_id, made.structuredContent?.look_id);
      assert.equal(sim.created.looks, 1);

      const video = await call(real, 'create_video', {
        key: 'sleep-video',
        prompt: 'A one-minute explainer on deep sleep.',
        avatar_id: made.structuredContent?.look_id,
      });
      assert.equal(video.isError, undefined, textOf(video));
    } finally {
      await real.close();
    }

    const other = await server('real', 'another-account-key-0000000');
    try {
      // Another API key (another account): the simulator refuses it anyway, but the key is refused first, by name.
      const refused = await call(other, 'create_look', { ...LOOK, provider: 'sandbox' });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /another HeyGen account or HEYGEN_BASE_URL/);
    } finally {
      await other.close();
    }

    const back = await server('sandbox');
    try {
      const refused = await call(back, 'create_look', LOOK);
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /was used with real HeyGen/);
      const video = await call(back, 'create_video', {
        key: 'sleep-video',
        prompt: 'A one-minute explainer on deep sleep.',
        avatar_id: 'whatever',
      });
      assert.equal(video.isError, true);
      assert.match(textOf(video), /Key "sleep-video" was used with real HeyGen \(its session/);
    } finally {
      await back.close();
    }
  });
});
