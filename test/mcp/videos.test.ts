// create_video, get_video_status and download_video over stdio with the SDK Client, against the
// HeyGen simulator's Video Agent: from a completed look to an MP4 on disk, every refusal, the
// key, the in-flight limit, a failed render and a stuck session.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const PROMPT = 'A 60-second explainer on why deep sleep matters, friendly and concrete.';

describe('Video Agent tools (stdio, simulator)', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 200, sessionThinkingMs: 300, videoRenderMs: 600 });
  const home = temporaryHome();
  let connection: StdioConnected;
  let image: string;
  const call = async (name: string, args: Record<string, unknown>, on?: StdioConnected) =>
    (await (on ?? connection).client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 })) as Result;
  const env = (extra: Record<string, string> = {}) => ({
    AVATAR_LOOKS_HOME: home,
    HEYGEN_API_KEY: sim.apiKey,
    HEYGEN_BASE_URL: sim.url,
    HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
    ...extra,
  });

  /** A look made through the server's own tools; waits until it settles unless told not to. */
  async function makeLook(options: { groupId?: string; wait?: boolean } = {}): Promise<string> {
    const uploaded = await call('upload_to_heygen', { image_path: image });
    const added = await call('add_look', {
      asset_id: uploaded.structuredContent!.asset_id,
      name: 'Video look',
      ...(options.groupId ? { group_id: options.groupId } : {}),
    });
    const lookId = String(added.structuredContent!.look_id);
    if (options.wait !== false) await call('get_look_status', { look_id: lookId, wait_seconds: 10 });
    return lookId;
  }

  before(async () => {
    await sim.start();
    image = join(home, 'look.png');
    writeFileSync(image, await photo(1280, 720, 'png'));
    connection = await connectStdio(
      env({ AVATAR_LOOKS_MAX_VIDEO_SESSIONS: '3', AVATAR_LOOKS_STUCK_THINKING_MINUTES: '0.02' }),
    );
  });
  after(async () => {
    await connection.close();
    await sim.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('goes from a completed look to a downloaded MP4: create_video, get_video_status, download_video', async () => {
    const lookId = await makeLook();
    const started = await call('create_video', { prompt: PROMPT, avatar_id: lookId, orientation: 'landscape' });
    assert.equal(started.isError, undefined, textOf(started));
    const sessionId = String(started.structuredContent!.session_id);
    assert.match(sessionId, /^sess_/);
    assert.match(textOf(started), /get_video_status/);

    let status = await call('get_video_status', { session_id: sessionId, wait_seconds: 15 });
    while (status.structuredContent?.video_status !== 'completed' && !status.isError)
      status = await call('get_video_status', { session_id: sessionId, wait_seconds: 15 });
    const out = status.structuredContent!;
    assert.equal(out.session_status, 'completed');
    assert.match(out.video_url, /\/files\/videos\/vid_\w+\.mp4\?/);
    assert.ok(out.duration_seconds > 0);
    assert.ok(Date.parse(out.urls_expire_at) > Date.now() + 6 * 86_400_000, 'expires in about 7 days');
    assert.match(textOf(status), /expire after 7 days/);
    assert.match(out.next_step, /download_video/);

    const downloaded = await call('download_video', { video_id: out.video_id });
    assert.equal(downloaded.isError, undefined, textOf(downloaded));
    const path = String(downloaded.structuredContent!.path);
    assert.ok(existsSync(path) && path.startsWith(home));
    const bytes = readFileSync(path);
    assert.equal(bytes.toString('latin1', 4, 8), 'ftyp');
    assert.equal(bytes.length, downloaded.structuredContent!.size_bytes);
    const again = await call('download_video', { video_id: out.video_id });
    assert.equal(again.structuredContent!.already_downloaded, true);
    assert.equal(again.structuredContent!.path, path);
  });

  it('refuses a look that is still processing, waiting for consent, or failed — naming the tool to use, and starting nothing', async () => {
    const before = (await sim.sessionsSnapshot()).length;
    const processing = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook({ wait: false }) });
    assert.equal(processing.isError, true);
    assert.match(textOf(processing), /not ready yet.*get_look_status/s);

    const group = sim.addGroup({ name: 'Needs consent', consentPending: true });
    const pending = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook({ groupId: group.id }) });
    assert.equal(pending.isError, true);
    assert.match(textOf(pending), new RegExp(`consent.*request_avatar_consent with group_id "${group.id}"`, 's'));

    sim.rejectNextAssets(1, 'no_face_detected', 'No face detected, please try another photo.');
    const failed = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook() });
    assert.equal(failed.isError, true);
    assert.match(textOf(failed), /failed at HeyGen \(no_face_detected.*Make a new look/s);

    const unknown = await call('create_video', { prompt: PROMPT, avatar_id: 'look_doesnotexist' });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /no look "look_doesnotexist"/);
    assert.equal((await sim.sessionsSnapshot()).length, before, 'no session started');
  });

  it('with a key, a second call returns the same session (the key goes to HeyGen as callback_id); other inputs under it are refused', async () => {
    const lookId = await makeLook();
    const first = await call('create_video', { prompt: PROMPT, avatar_id: lookId, key: 'sleep-ep12' });
    const second = await call('create_video', { prompt: PROMPT, avatar_id: lookId, key: 'sleep-ep12' });
    assert.equal(second.structuredContent!.session_id, first.structuredContent!.session_id);
    assert.equal(second.structuredContent!.existing, true);
    const sessions = await sim.sessionsSnapshot();
    assert.equal(sessions.filter((s) => s.callback_id === 'sleep-ep12').length, 1);
    const other = await call('create_video', {
      prompt: 'Something else entirely',
      avatar_id: lookId,
      key: 'sleep-ep12',
    });
    assert.equal(other.isError, true);
    assert.match(textOf(other), /different inputs \(prompt differs\)/);
    // Let these finish so they do not count toward the limit below.
    await call('get_video_status', { session_id: first.structuredContent!.session_id, wait_seconds: 10 });
  });

  it("a failed render gives HeyGen's code and message with a next step", async () => {
    sim.failNextVideos(1, 'AVATAR_RENDER_ERROR', 'The avatar could not be rendered.');
    const started = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook() });
    let status = await call('get_video_status', {
      session_id: started.structuredContent!.session_id,
      wait_seconds: 15,
    });
    while (!status.isError && status.structuredContent?.video_status !== 'completed')
      status = await call('get_video_status', { session_id: started.structuredContent!.session_id, wait_seconds: 15 });
    assert.equal(status.isError, true);
    assert.match(textOf(status), /failed at HeyGen \(AVATAR_RENDER_ERROR: The avatar could not be rendered\.\)/);
    assert.match(textOf(status), /Next step: The look could not be rendered: make a new look/);
  });

  it('chat mode: shows what Video Agent asks (waiting_for_input), takes the answer, passes reviewing, and completes', async () => {
    sim.askNextSession('Should the video open with a statistic or a story?');
    sim.sessionReviewingMs = 1_500;
    try {
      const started = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook(), mode: 'chat' });
      assert.equal(started.isError, undefined, textOf(started));
      const sessionId = started.structuredContent!.session_id;
      const asked = await call('get_video_status', { session_id: sessionId, wait_seconds: 10 });
      assert.equal(asked.structuredContent!.session_status, 'waiting_for_input', textOf(asked));
      assert.equal(asked.structuredContent!.question, 'Should the video open with a statistic or a story?');
      assert.match(textOf(asked), /Video Agent asks: "Should the video open with a statistic or a story\?"/);
      assert.match(String(asked.structuredContent!.next_step), /answer_video_agent/);

      const answered = await call('answer_video_agent', { session_id: sessionId, message: 'A story, please.' });
      assert.equal(answered.isError, undefined, textOf(answered));
      const sent = sim.requests.find((r) => r.method === 'POST' && r.path === `/v3/video-agents/${sessionId}`);
      assert.deepEqual(sent?.body, { message: 'A story, please.' });

      const reviewing = await call('get_video_status', { session_id: sessionId, wait_seconds: 0 });
      assert.equal(reviewing.structuredContent!.session_status, 'reviewing', textOf(reviewing));
      let done = reviewing;
      while (!done.isError && done.structuredContent?.video_status !== 'completed')
        done = await call('get_video_status', { session_id: sessionId, wait_seconds: 10 });
      assert.equal(done.structuredContent!.video_status, 'completed', textOf(done));
      // 10 s of sandbox video at $0.0333 a second.
      assert.equal(done.structuredContent!.cost_estimate_usd, 0.33);
      assert.match(textOf(done), /Cost: about \$0\.33/);
    } finally {
      sim.sessionReviewingMs = 0;
    }
  });

  it('generate mode: a question can only be answered in HeyGen (answer_video_agent is refused by HeyGen, said plainly)', async () => {
    sim.askNextSession('Which of your two logos?');
    const started = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook() });
    const sessionId = started.structuredContent!.session_id;
    const asked = await call('get_video_status', { session_id: sessionId, wait_seconds: 10 });
    assert.equal(asked.structuredContent!.session_status, 'waiting_for_input');
    assert.match(String(asked.structuredContent!.next_step), /generate mode/);
    const refused = await call('answer_video_agent', { session_id: sessionId, message: 'The blue one.' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /chat/);
    await call('stop_video_agent', { session_id: sessionId });
  });

  it('stop_video_agent stops a stuck session; its status then gives the reason from the messages and frees its place', async () => {
    sim.stickNextSessions(1);
    const started = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook() });
    const sessionId = started.structuredContent!.session_id;
    const stopped = await call('stop_video_agent', { session_id: sessionId });
    assert.equal(stopped.isError, undefined, textOf(stopped));
    assert.ok(sim.requests.some((r) => r.method === 'POST' && r.path === `/v3/video-agents/${sessionId}/stop`));
    const status = await call('get_video_status', { session_id: sessionId, wait_seconds: 10 });
    assert.equal(status.isError, true);
    // The session's newest error message (messages come newest first) is the reason.
    assert.match(textOf(status), /The video failed at HeyGen \(.*The run was stopped at your request/);
    assert.match(textOf(status), /create_video \(with a new key/);
    const record = JSON.parse(readFileSync(join(home, 'videos', `${sessionId}.json`), 'utf8'));
    assert.equal(record.status, 'failed');
    assert.ok(record.stop_requested_at);
  });

  it('flags a session thinking longer than the threshold as stuck', async () => {
    sim.stickNextSessions(1);
    const started = await call('create_video', { prompt: PROMPT, avatar_id: await makeLook() });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const status = await call('get_video_status', {
      session_id: started.structuredContent!.session_id,
      wait_seconds: 0,
    });
    assert.equal(status.structuredContent!.stuck, true);
    assert.equal(status.structuredContent!.session_status, 'thinking');
    assert.match(textOf(status), /thinking for \d+ minutes \(over 0\.02\): the session looks stuck/);
  });

  it('refuses beyond the in-flight limit, naming the sessions still running', async () => {
    // One stuck session from the test above is running; two more fill the limit of 3.
    sim.stickNextSessions(2);
    const lookId = await makeLook();
    await call('create_video', { prompt: PROMPT, avatar_id: lookId });
    const last = await call('create_video', { prompt: PROMPT, avatar_id: lookId });
    assert.equal(last.isError, undefined, textOf(last));
    const before = (await sim.sessionsSnapshot()).length;
    const refused = await call('create_video', { prompt: PROMPT, avatar_id: lookId });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /3 Video Agent sessions are already running from this server \(the limit is 3/);
    assert.match(textOf(refused), new RegExp(String(last.structuredContent!.session_id)));
    assert.match(textOf(refused), /AVATAR_LOOKS_MAX_VIDEO_SESSIONS/);
    assert.equal((await sim.sessionsSnapshot()).length, before);
  });
});
