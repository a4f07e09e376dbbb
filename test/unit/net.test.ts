import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrivateAddress, neverSent, retryAfterMs, upstreamUrlProblem } from '../../src/core/net.ts';

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

describe('isPrivateAddress: IPv6 prefixes that lead back to private networks', () => {
  it('refuses local-use NAT64 (64:ff9b:1::/48), Teredo (2001::/32) and discard-only (100::/64), and still allows public IPv6', () => {
    for (const address of [
      '64:ff9b:1::a00:1',
      '64:ff9b:1:ffff::7f00:1',
      '2001::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '100::1',
      '100::ffff:1',
    ])
      assert.equal(isPrivateAddress(address), true, address);
    for (const address of ['2001:4860:4860::8888', '2606:4700:4700::1111', '64:ff9b:2::1'])
      assert.equal(isPrivateAddress(address), false, address);
  });
});

describe('upstreamUrlProblem: URLs an upstream names', () => {
  it('allows public http(s) and the trusted host, and refuses other private or local addresses and other schemes', () => {
    const trusted = ['127.0.0.1'];
    assert.equal(upstreamUrlProblem('https://resource2.heygen.ai/video/x.mp4', trusted), undefined);
    assert.equal(upstreamUrlProblem('http://127.0.0.1:5555/files/videos/v.mp4', trusted), undefined);
    for (const url of [
      'http://169.254.169.254/latest/',
      'http://10.0.0.5/x',
      'http://[::1]/x',
      'http://localhost:80/x',
      'http://a.localhost/x',
    ])
      assert.match(String(upstreamUrlProblem(url, trusted)), /private or local address/, url);
    assert.match(String(upstreamUrlProblem('file:///etc/passwd', trusted)), /file:/);
  });
});
