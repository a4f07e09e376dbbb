// The Video Agent scenarios of heygen-contract.test.ts: sessions through every status, their videos
// processing, completed and failed, chat mode with a question and an answer, and stops. The
// simulator's delays are held (HOLD) while a status must be seen, then let go, so no status is
// missed on a slow machine; nothing here asserts on time.

import assert from 'node:assert/strict';
import type { HeyGenSimulator } from '../../src/sandbox/heygen/simulator.ts';
import { SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import type { CheckedCalls } from './checked-calls.ts';

/** Long enough that a phase does not end while the test looks at it. */
const HOLD = 3_600_000;
const PROMPT = 'A 30-second explainer on why deep sleep matters, friendly and concrete.';

const status = (json: any) => `status=${json.data.status}`;

/** The seeded group's original look: completed, so Video Agent takes it. */
async function readyLook(calls: CheckedCalls): Promise<string> {
  const looks = await calls.expect(200, 'GET', `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}&limit=50`);
  const look = looks.data.find((item: any) => item.name === 'Original photo');
  assert.ok(look, 'the seeded look');
  return look.id as string;
}

async function create(calls: CheckedCalls, body: Record<string, unknown>): Promise<any> {
  const avatar_id = await readyLook(calls);
  const shape = `mode=${String(body.mode ?? 'default')}`;
  return (await calls.expect(200, 'POST', '/v3/video-agents', { json: { prompt: PROMPT, avatar_id, ...body }, shape }))
    .data;
}

const session = (calls: CheckedCalls, id: string, wanted: string) =>
  calls.until(`/v3/video-agents/${id}`, (json) => json.data.status === wanted, status);
const video = (calls: CheckedCalls, id: string, wanted: string) =>
  calls.until(`/v3/videos/${id}`, (json) => json.data.status === wanted, status);

async function generateMode(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  sim.sessionThinkingMs = HOLD;
  sim.videoRenderMs = HOLD;
  const created = await create(calls, { orientation: 'landscape' });
  assert.equal(created.status, 'thinking');
  const thinking = await session(calls, created.session_id, 'thinking');
  assert.equal(thinking.data.video_id, null);
  sim.sessionThinkingMs = 0;
  const generating = await session(calls, created.session_id, 'generating');
  assert.equal(typeof generating.data.video_id, 'string');
  await video(calls, generating.data.video_id, 'processing');
  sim.videoRenderMs = 0;
  const completed = await session(calls, created.session_id, 'completed');
  assert.equal(completed.data.progress, 100);
  assert.deepEqual(completed.data.messages[0].resource_ids, [generating.data.video_id]);
  const done = await video(calls, generating.data.video_id, 'completed');
  assert.equal(typeof done.data.video_url, 'string');
  assert.equal(done.data.failure_code, null);
}

async function failedRender(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  sim.failNextVideos(1, 'AVATAR_RENDER_ERROR', 'The avatar could not be rendered.');
  const created = await create(calls, {});
  const failed = await session(calls, created.session_id, 'failed');
  assert.equal(failed.data.messages[0].type, 'error');
  const gone = await video(calls, failed.data.video_id, 'failed');
  assert.equal(gone.data.failure_code, 'AVATAR_RENDER_ERROR');
  assert.equal(gone.data.video_url, null);
}

async function chatMode(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  sim.askNextSession('Which voice should narrate: warm or crisp?');
  sim.sessionReviewingMs = HOLD;
  const created = await create(calls, { mode: 'chat' });
  const waiting = await session(calls, created.session_id, 'waiting_for_input');
  assert.equal(waiting.data.messages[0].role, 'model');
  assert.match(waiting.data.messages[0].content, /Which voice/);
  const path = `/v3/video-agents/${created.session_id}`;
  const sent = await calls.expect(200, 'POST', path, { json: { message: 'The warm one.' } });
  assert.equal(sent.data.session_id, created.session_id);
  assert.equal(typeof sent.data.run_id, 'string');
  await session(calls, created.session_id, 'reviewing');
  sim.sessionReviewingMs = 0;
  await session(calls, created.session_id, 'completed');
  // Only chat sessions take messages; a finished one takes none.
  await calls.expect(400, 'POST', path, { json: { message: 'One more thing.' } });
  const generate = await create(calls, { mode: 'generate' });
  await calls.expect(400, 'POST', `/v3/video-agents/${generate.session_id}`, { json: { message: 'Hello?' } });
}

async function stopped(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  sim.sessionThinkingMs = HOLD;
  const early = await create(calls, {});
  const stop = await calls.expect(200, 'POST', `/v3/video-agents/${early.session_id}/stop`, { json: {} });
  assert.deepEqual(stop.data, { session_id: early.session_id });
  const halted = await session(calls, early.session_id, 'failed');
  assert.equal(halted.data.video_id, null);

  sim.sessionThinkingMs = 0;
  sim.videoRenderMs = HOLD;
  const late = await create(calls, {});
  const generating = await session(calls, late.session_id, 'generating');
  await calls.expect(200, 'POST', `/v3/video-agents/${late.session_id}/stop`, { json: {} });
  await session(calls, late.session_id, 'failed');
  const gone = await video(calls, generating.data.video_id, 'failed');
  assert.equal(gone.data.failure_code, 'stopped');
  // Stopping a finished session again is harmless.
  await calls.expect(200, 'POST', `/v3/video-agents/${late.session_id}/stop`, { json: {} });
}

/** Sessions that skip `thinking` (sessionThinkingMs 0), then review or ask: their create answers, both checked. */
export async function createWithoutThinking(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  sim.sessionThinkingMs = 0;
  sim.sessionReviewingMs = HOLD;
  const failures: string[] = [];
  for (const question of [null, 'Which voice should narrate?']) {
    if (question) sim.askNextSession(question);
    await create(calls, { mode: 'chat' }).catch((error: Error) => failures.push(error.message));
  }
  assert.deepEqual(failures, []);
}

export const videoAgentScenarios: Record<string, (sim: HeyGenSimulator, calls: CheckedCalls) => Promise<void>> = {
  'generate mode: thinking → generating → completed; its video processing → completed': generateMode,
  'a failed render: session failed with an error message, its video failed with failure_code': failedRender,
  'chat mode: waiting_for_input, a message, reviewing, completed; messages refused where HeyGen refuses them': chatMode,
  'stopped while thinking and while generating: failed, its video failed': stopped,
};
