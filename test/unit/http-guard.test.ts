// The HTTP server's gatekeeping as pure rules: which Host and Origin values it answers (DNS
// rebinding), the bearer token check, the refusal to listen openly without a token, the HTTP
// settings read from the environment, and the connections that have not shown the token yet.

import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { isIP, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/core/config.ts';
import { UserError } from '../../src/core/errors.ts';
import { addressKey, PendingConnections } from '../../src/mcp/http/connections.ts';
import { bearerMatches, hostAllowed, isLoopback, originAllowed, splitAuthority } from '../../src/mcp/http/guard.ts';
import { isLoopbackAddress, listenAddress, type Lookup } from '../../src/mcp/http/listen.ts';

const TOKEN = 'c0ffee'.repeat(8);

describe('Host allow-list', () => {
  const policy = { allowedHosts: [] as string[], boundAddress: '127.0.0.1' };

  it('answers the loopback names, with or without a port', () => {
    for (const host of [
      'localhost',
      'localhost:3400',
      '127.0.0.1:3400',
      '127.0.0.5',
      '[::1]:3400',
      '[::1]',
      'LOCALHOST:80',
    ])
      assert.equal(hostAllowed(host, policy), true, host);
  });

  it('refuses a rebinding name, a missing Host, and malformed values', () => {
    for (const host of [
      'evil.example.com',
      'evil.example.com:3400',
      'localhost.evil.example.com',
      '127.0.0.1.evil.example.com',
      '',
      'local host',
      'localhost:99999999',
      undefined,
    ]) {
      assert.equal(hostAllowed(host, policy), false, String(host));
    }
  });

  it('answers configured names (any port, or the one given), and the specific address it is bound to', () => {
    const configured = { allowedHosts: ['looks.internal', 'api.example.com:8443'], boundAddress: '10.0.0.5' };
    assert.equal(hostAllowed('looks.internal:3400', configured), true);
    assert.equal(hostAllowed('api.example.com:8443', configured), true);
    assert.equal(hostAllowed('api.example.com:9000', configured), false, 'the port is part of a configured host:port');
    assert.equal(hostAllowed('10.0.0.5:3400', configured), true, 'the bound IP');
    assert.equal(hostAllowed('10.0.0.6:3400', configured), false);
    assert.equal(
      hostAllowed('0.0.0.0:3400', { allowedHosts: [], boundAddress: '0.0.0.0' }),
      false,
      'the wildcard address is not a name anyone is reached by',
    );
  });

  it('parses authorities, IPv6 in brackets included', () => {
    assert.deepEqual(splitAuthority('[::1]:3400'), { hostname: '[::1]', port: '3400' });
    assert.deepEqual(splitAuthority('Looks.Internal'), { hostname: 'looks.internal', port: undefined });
    assert.equal(splitAuthority('a b'), undefined);
  });

  it('knows which bind addresses only reach this machine', () => {
    for (const address of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'])
      assert.equal(isLoopback(address), true, address);
    for (const address of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com'])
      assert.equal(isLoopback(address), false, address);
  });
});

describe('Origin check', () => {
  it('answers clients that send no Origin (not browsers) and loopback pages', () => {
    assert.equal(originAllowed(undefined, []), true);
    for (const origin of ['http://localhost:6274', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'https://localhost'])
      assert.equal(originAllowed(origin, []), true, origin);
  });

  it('refuses other pages unless configured, and the opaque null origin', () => {
    assert.equal(originAllowed('https://evil.example.com', []), false);
    assert.equal(originAllowed('http://localhost.evil.example.com', []), false);
    assert.equal(originAllowed('null', []), false);
    assert.equal(originAllowed('file://', []), false);
    assert.equal(originAllowed('https://studio.example.com', ['https://studio.example.com']), true);
    assert.equal(
      originAllowed('https://studio.example.com:8443', ['https://studio.example.com']),
      false,
      'an origin is matched whole',
    );
  });
});

describe('bearer token', () => {
  it('accepts exactly the token, in a Bearer header', () => {
    assert.equal(bearerMatches(`Bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`bearer ${TOKEN}`, TOKEN), true, 'the scheme is case-insensitive');
  });

  it('refuses a missing header, another scheme, a prefix, a longer value, and an empty token', () => {
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}0`,
      `Bearer ${TOKEN} extra`,
      'Bearer ',
    ]) {
      assert.equal(bearerMatches(header, TOKEN), false, String(header));
    }
  });
});

describe('listening safely', () => {
  /** A resolver with a fixed table, as /etc/hosts would give. */
  const resolver =
    (table: Record<string, string[]>): Lookup =>
    async (hostname) => {
      const addresses = table[hostname] ?? (isIP(hostname) ? [hostname] : undefined);
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address }));
    };
  const hosts = resolver({
    localhost: ['::1', '127.0.0.1'],
    'looks.localhost': ['192.168.1.20'],
    'both.localhost': ['127.0.0.1', '10.0.0.5'],
  });
  const refusal = (pattern: RegExp) => (error: unknown) =>
    error instanceof UserError &&
    error.kind === 'http_start' &&
    pattern.test(error.message) &&
    /AVATAR_LOOKS_HTTP_TOKEN/.test(error.nextStep) &&
    /127\.0\.0\.1/.test(error.nextStep);

  it('judges a name by the addresses it resolves to: a .localhost name pointed at the LAN needs a token', async () => {
    await assert.rejects(
      listenAddress({ host: 'looks.localhost', port: 3400 }, undefined, hosts),
      refusal(/Refusing to listen on looks\.localhost \(192\.168\.1\.20\) without a token/),
    );
    await assert.rejects(
      listenAddress({ host: 'both.localhost', port: 3400 }, undefined, hosts),
      refusal(/anyone who can reach 10\.0\.0\.5/),
      'one address beyond loopback is enough',
    );
    assert.equal(await listenAddress({ host: 'looks.localhost', port: 3400 }, TOKEN, hosts), '192.168.1.20');
  });

  it('refuses a non-loopback address without a token, and binds the address it checked', async () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5'])
      await assert.rejects(listenAddress({ host, port: 3400 }, undefined, hosts), refusal(/without a token/), host);
    assert.equal(await listenAddress({ host: '0.0.0.0', port: 3400 }, TOKEN, hosts), '0.0.0.0');
    assert.equal(await listenAddress({ host: '127.0.0.1', port: 3400 }, undefined, hosts), '127.0.0.1');
    assert.equal(await listenAddress({ host: 'localhost', port: 3400 }, undefined, hosts), '::1');
  });

  it('says when --host does not resolve', async () => {
    await assert.rejects(
      listenAddress({ host: 'nowhere.invalid', port: 3400 }, undefined, hosts),
      (error: unknown) => error instanceof UserError && /does not resolve/.test(error.message),
    );
  });

  it('knows which addresses are loopback', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      assert.equal(isLoopbackAddress(address), true, address);
    for (const address of ['0.0.0.0', '::', '10.0.0.5', '::ffff:10.0.0.5', 'fe80::1', 'localhost'])
      assert.equal(isLoopbackAddress(address), false, address);
  });
});

describe('HTTP settings from the environment', () => {
  it('has safe defaults: no token set, loopback names only, 32 MB bodies, 120 s answers, 25 s to shut down, 16 calls in flight', () => {
    const { http } = loadConfig({});
    assert.equal(http.token, undefined);
    assert.deepEqual(http.allowedHosts, []);
    assert.deepEqual(http.allowedOrigins, []);
    assert.equal(http.maxBodyBytes, 32 * 1024 * 1024);
    assert.equal(http.requestTimeoutMs, 120_000);
    assert.equal(http.shutdownMs, 25_000);
    assert.equal(http.maxCallsInFlight, 16);
  });

  it('reads lists and limits', () => {
    const { http } = loadConfig({
      AVATAR_LOOKS_HTTP_TOKEN: TOKEN,
      AVATAR_LOOKS_HTTP_ALLOWED_HOSTS: 'Looks.Internal, 10.0.0.5:3400',
      AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS: 'https://Studio.example.com/',
      AVATAR_LOOKS_HTTP_MAX_BODY_MB: '4',
      AVATAR_LOOKS_HTTP_SHUTDOWN_SECONDS: '90',
      AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT: '4',
    });
    assert.equal(http.token, TOKEN);
    assert.deepEqual(http.allowedHosts, ['looks.internal', '10.0.0.5:3400']);
    assert.deepEqual(http.allowedOrigins, ['https://studio.example.com']);
    assert.equal(http.maxBodyBytes, 4 * 1024 * 1024);
    assert.equal(http.shutdownMs, 90_000);
    assert.equal(http.maxCallsInFlight, 4);
  });

  it('refuses a weak token and a malformed list, naming the variable and never echoing the token', () => {
    assert.throws(
      () => loadConfig({ AVATAR_LOOKS_HTTP_TOKEN: 'short-secret' }),
      (error: unknown) =>
        error instanceof UserError &&
        error.kind === 'config' &&
        /AVATAR_LOOKS_HTTP_TOKEN must be at least 32/.test(error.message) &&
        !error.message.includes('short-secret'),
    );
    assert.throws(
      () => loadConfig({ AVATAR_LOOKS_HTTP_TOKEN: `${TOKEN} with spaces` }),
      (error: unknown) =>
        error instanceof UserError &&
        error.kind === 'config' &&
        /printable ASCII/.test(error.message) &&
        !error.message.includes(TOKEN),
    );
    assert.throws(
      () => loadConfig({ AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS: 'studio.example.com' }),
      /AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS must be a comma-separated list of origins/,
    );
    assert.throws(() => loadConfig({ AVATAR_LOOKS_HTTP_ALLOWED_HOSTS: 'a b' }), /AVATAR_LOOKS_HTTP_ALLOWED_HOSTS/);
  });
});

describe('connections that have not shown the token', () => {
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  /** A stand-in for a socket: an address, and whether it was closed. */
  const socket = (remoteAddress: string) =>
    Object.assign(new EventEmitter(), {
      remoteAddress,
      destroyed: false,
      destroy(this: EventEmitter & { destroyed: boolean }) {
        this.destroyed = true;
        this.emit('close');
      },
    });
  type FakeSocket = ReturnType<typeof socket>;
  const accept = (pending: PendingConnections, item: FakeSocket) => pending.accept(item as unknown as Socket);

  it('makes room by closing the oldest from the same address, never the new one nor one that showed the token', () => {
    const pending = new PendingConnections({ perAddress: 3, graceMs: 0, total: 100, deadlineMs: 60_000 }, quiet);
    const local = Array.from({ length: 5 }, () => socket('127.0.0.1'));
    const other = socket('192.0.2.7');
    accept(pending, local[0]!);
    accept(pending, local[1]!);
    pending.authenticated(local[1] as unknown as Socket);
    accept(pending, other);
    accept(pending, local[2]!);
    accept(pending, local[3]!);
    assert.deepEqual(
      local.map((item) => item.destroyed),
      [false, false, false, false, false],
      'three without the token from 127.0.0.1: at the cap, not over it',
    );
    accept(pending, local[4]!);
    assert.deepEqual(
      local.map((item) => item.destroyed),
      [true, false, false, false, false],
      'the oldest one without the token made room; the one with the token is not counted',
    );
    assert.equal(other.destroyed, false, 'another address has its own count');
    assert.equal(pending.size, 4);
  });

  it('lets a burst of new connections from one address past its cap: only those that had time to show the token make room', async () => {
    const pending = new PendingConnections({ perAddress: 2, graceMs: 50, total: 100, deadlineMs: 60_000 }, quiet);
    const burst = Array.from({ length: 5 }, () => socket('127.0.0.1'));
    for (const item of burst) accept(pending, item);
    assert.equal(burst.filter((item) => item.destroyed).length, 0, 'a client opening five at once keeps all five');
    await new Promise((resolve) => setTimeout(resolve, 80));
    accept(pending, socket('127.0.0.1'));
    assert.deepEqual(
      burst.map((item) => item.destroyed),
      [true, false, false, false, false],
    );
  });

  it('makes room in all by closing the oldest anywhere', () => {
    const pending = new PendingConnections({ perAddress: 10, graceMs: 0, total: 2, deadlineMs: 60_000 }, quiet);
    const [a, b, c] = [socket('192.0.2.1'), socket('192.0.2.2'), socket('192.0.2.3')];
    for (const item of [a, b, c]) accept(pending, item);
    assert.deepEqual([a.destroyed, b.destroyed, c.destroyed], [true, false, false]);
  });

  it('closes a connection that shows no token by the deadline, and keeps one that did', async () => {
    const warnings: string[] = [];
    const pending = new PendingConnections(
      { perAddress: 10, graceMs: 0, total: 10, deadlineMs: 50 },
      { ...quiet, warn: (message) => void warnings.push(message) },
    );
    const [idle, client] = [socket('127.0.0.1'), socket('127.0.0.1')];
    accept(pending, idle);
    accept(pending, client);
    pending.authenticated(client as unknown as Socket);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(idle.destroyed, true);
    assert.equal(client.destroyed, false);
    assert.match(warnings.join('\n'), /closed 1 connection that showed no token: 1 within 0.05 s/);
  });

  it('counts IPv6 clients by their /64 and IPv4-mapped ones as IPv4', () => {
    assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(addressKey('10.0.0.5'), '10.0.0.5');
  });
});
