// Calls to the HeyGen simulator whose every answer is checked against the published v3 schema
// (heygen-v3.ts): a 2xx against its route's answer schema, anything else against the error
// envelope. What was checked is recorded, so a test can prove it covered every route and shape.
// A look or group whose preview_image_url points at the simulator's preview CDN (/files/previews/,
// not a v3 route) has that image fetched too, without an API key, and checked: a JPEG, of the look's
// image_width × image_height.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { readImageHeader, type HeyGenSimulator } from '../../src/sandbox/heygen/simulator.ts';
import { ANSWERS, errorAnswer, issuesOf, routeOf, type Route } from './heygen-v3.ts';

export interface CheckedAnswer {
  route: Route;
  status: number;
  json: any;
}

export interface CallOptions {
  json?: unknown;
  form?: FormData;
  /** The x-api-key sent: the simulator's by default, null for none. */
  apiKey?: string | null;
  headers?: Record<string, string>;
  /** The answer shape this call is meant to see (e.g. `lookStatus=null`), for the coverage record. */
  shape?: string;
}

export class CheckedCalls {
  /** `route status` → how often an answer of that kind passed its schema. */
  readonly answered = new Map<string, number>();
  /** `route: shape` labels of the answers that passed, e.g. `GET /v3/video-agents/:id: status=reviewing`. */
  readonly shapes = new Set<string>();
  /** The preview URLs fetched and checked (each once). */
  readonly previews = new Set<string>();
  private readonly sim: HeyGenSimulator;

  constructor(sim: HeyGenSimulator) {
    this.sim = sim;
  }

  /** Calls the simulator and asserts that the answer matches the published schema of its route. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<CheckedAnswer> {
    const route = routeOf(method, path.split('?')[0] ?? path);
    assert.ok(route, `${method} ${path} is not a published v3 route this contract knows`);
    const headers: Record<string, string> = { ...options.headers };
    const apiKey = options.apiKey === undefined ? this.sim.apiKey : options.apiKey;
    if (apiKey !== null) headers['x-api-key'] = apiKey;
    const init: RequestInit = { method, headers };
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.json);
    } else if (options.form) init.body = options.form;
    const response = await fetch(this.sim.url + path, init);
    const text = await response.text();
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path}: ${text}`);
    const json: unknown = JSON.parse(text);
    const ok = response.status >= 200 && response.status < 300;
    const result = (ok ? ANSWERS[route] : errorAnswer).safeParse(json);
    assert.ok(
      result.success,
      `${method} ${path} answered ${response.status}, which does not match the published ${ok ? route : 'error envelope'}: ${issuesOf(result)}\n${text}`,
    );
    const kind = `${route} ${response.status}`;
    this.answered.set(kind, (this.answered.get(kind) ?? 0) + 1);
    if (options.shape) this.shapes.add(`${route}: ${options.shape}`);
    if (ok) await this.checkPreviews((json as { data?: unknown }).data);
    return { route, status: response.status, json };
  }

  /** Fetches each new simulator-served preview_image_url in `data` (looks, groups, lists, the add answer) and checks it. */
  private async checkPreviews(data: unknown): Promise<void> {
    const records = (Array.isArray(data) ? data : [data]).flatMap((record: any) =>
      record && typeof record === 'object' ? [record, record.avatar_item, record.avatar_group] : [],
    );
    for (const record of records) {
      const url = record?.preview_image_url;
      if (typeof url !== 'string' || !url.startsWith(`${this.sim.url}/files/previews/`)) continue;
      const isLook = 'image_width' in record;
      const key = `${url} ${isLook ? `${record.image_width}x${record.image_height}` : ''}`;
      if (this.previews.has(key)) continue;
      const response = await fetch(url); // a CDN URL: no x-api-key
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(response.status, 200, `preview ${url}`);
      assert.equal(response.headers.get('content-type'), 'image/jpeg', `preview ${url}`);
      const header = readImageHeader(bytes);
      assert.equal(header?.mime, 'image/jpeg', `preview ${url}: JPEG bytes`);
      if (isLook)
        assert.deepEqual(
          [header?.width, header?.height],
          [record.image_width, record.image_height],
          `preview ${url}: the size the look states`,
        );
      this.previews.add(key);
    }
  }

  /** Like call, and asserts the status. */
  async expect(status: number, method: string, path: string, options: CallOptions = {}): Promise<any> {
    const answer = await this.call(method, path, options);
    assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  }

  /** Polls a GET (every answer checked) until `done` holds; each answer's shape label comes from `shape`. */
  async until(path: string, done: (json: any) => boolean, shape: (json: any) => string): Promise<any> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { json, status } = await this.call('GET', path);
      assert.equal(status, 200, `GET ${path}: ${JSON.stringify(json)}`);
      this.shapes.add(`${routeOf('GET', path.split('?')[0] ?? path)}: ${shape(json)}`);
      if (done(json)) return json;
      assert.ok(Date.now() < deadline, `GET ${path} never reached the awaited state; last: ${JSON.stringify(json)}`);
      await sleep(25);
    }
  }
}

/** A multipart body with one `file` part, as POST /v3/assets takes it. */
export function fileForm(bytes: Uint8Array, type = 'image/jpeg', name = 'look.jpg'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return form;
}
