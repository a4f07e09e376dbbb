// dist/server.js --http as a real process on loopback, and the SDK Client over Streamable HTTP
// against it: what an agentic pipeline or a remote host runs.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { writeReference } from './faces.ts';
import { SERVER_JS, TEST_POLL_SCALE } from './mcp.ts';

export interface HttpProcess {
  /** http://127.0.0.1:PORT/mcp */
  url: string;
  port: number;
  /**
   * The bearer token clients send: AVATAR_LOOKS_HTTP_TOKEN when the test set it, else the one the
   * server made in its home's http-token file (undefined when there is none).
   */
  token: string | undefined;
  child: ChildProcess;
  stderr: () => string;
  /** Sends the signal and resolves with how the process ended. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the server with --http on a free port (unless args say otherwise); env is explicit.
 * `nodeArgs` go to Node before the script (e.g. an --import that stands in for DNS).
 */
export async function startHttpProcess(
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<HttpProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, SERVER_JS, '--http', ...(args.includes('--port') ? [] : ['--port', '0']), ...args],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        AVATAR_LOOKS_TEST_POLL_SCALE: TEST_POLL_SCALE,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}`)));
    setTimeout(
      () =>
        reject(
          new Error(
            `the server did not say it was listening within 20 s (is AVATAR_LOOKS_LOG_LEVEL above info?):\n${stderr}`,
          ),
        ),
      20_000,
    ).unref();
  });
  return {
    url,
    port: Number(new URL(url).port),
    token: env.AVATAR_LOOKS_HTTP_TOKEN ?? tokenFile(env.AVATAR_LOOKS_HOME),
    child,
    stderr: () => (stdout ? `${stderr}\n[stdout — must stay empty]\n${stdout}` : stderr),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The token a server made in its home, if any. */
/** The server in sandbox mode over HTTP, with a one-person reference photo (me.jpg) in its home. */
export async function startSandboxHttp(home: string, env: Record<string, string> = {}): Promise<HttpProcess> {
  mkdirSync(home, { recursive: true });
  const reference = await writeReference(home);
  return startHttpProcess({
    AVATAR_LOOKS_HOME: home,
    AVATAR_LOOKS_SANDBOX: '1',
    AVATAR_REFERENCE_IMAGE: reference,
    ...env,
  });
}

export function tokenFile(home: string | undefined): string | undefined {
  if (!home) return undefined;
  try {
    return readFileSync(join(home, 'http-token'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The SDK Client over Streamable HTTP, with a bearer token when given. */
export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(
    new URL(url),
    token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {},
  );
  const client = new Client({ name: 'avatar-looks-http-tests', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request, with any headers (Host included, which fetch does not let you set); `newConnection` opens a connection of its own. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; newConnection?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const settings = {
      method: options.method ?? 'POST',
      headers: options.headers ?? {},
      ...(options.newConnection ? { agent: false as const } : {}),
    };
    const req = request(url, settings, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const MCP_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'Mcp-Protocol-Version': '2025-11-25',
} as const;

/** A tools/call as one JSON-RPC POST (stateless: no initialize needed). */
export function toolCallBody(id: number, name: string, args: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
}
