import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neverSent, retryAfterMs } from '../../src/core/net.ts';

const errno = (code: string, syscall?: string) =>
  Object.assign(new Error(code), { code, ...(syscall ? { syscall } : {}) });

describe('neverSent', () => {
  it("is true only when the connect or DNS step failed, also inside a fetch error's cause", () => {
    assert.equal(neverSent(errno('ECONNREFUSED', 'connect')), true);
    assert.equal(neverSent(errno('ENOTFOUND', 'getaddrinfo')), true);
    assert.equal(neverSent(errno('UND_ERR_CONNECT_TIMEOUT')), true);
    assert.equal(neverSent(new TypeError('fetch failed', { cause: errno('ECONNREFUSED', 'connect') })), true);
  });

  it('is false for a connection that broke once open, whatever its code', () => {
    assert.equal(neverSent(errno('ECONNRESET', 'read')), false);
    assert.equal(neverSent(errno('EHOSTUNREACH', 'write')), false, 'can come after the request was sent');
    assert.equal(neverSent(errno('UND_ERR_SOCKET')), false);
    assert.equal(neverSent(new TypeError('fetch failed', { cause: errno('UND_ERR_SOCKET') })), false);
    assert.equal(neverSent(undefined), false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    assert.equal(retryAfterMs('27'), 27_000);
    assert.equal(retryAfterMs(['3']), 3_000);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = retryAfterMs(inTenSeconds) ?? 0;
    assert.ok(fromDate > 8_000 && fromDate <= 10_000, String(fromDate));
    assert.equal(retryAfterMs(new Date(Date.now() - 60_000).toUTCString()), 0);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });
});
