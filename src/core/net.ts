// Network facts decided in one place: when a failed request may be repeated, what Retry-After
// asks, which addresses are private (the SSRF guard), and reading a request body with a cap.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Whether a failed request certainly never reached the server, so repeating it cannot do
 * anything twice: only a failure of the connect or DNS step proves that. (EHOSTUNREACH and the
 * like can also come from a socket that had already sent the request.) Fetch-based SDKs wrap the
 * socket error, so the cause chain is followed.
 */
export function neverSent(error: unknown): boolean {
  for (
    let current: unknown = error, depth = 0;
    current && depth < 4;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const { syscall, code } = current as NodeJS.ErrnoException;
    if (syscall === 'connect' || syscall === 'getaddrinfo' || code === 'UND_ERR_CONNECT_TIMEOUT') return true;
  }
  return false;
}

/** A Retry-After header in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

// Two lists: Node's BlockList also matches IPv4 addresses against IPv6 rules such as ::/96.
const PRIVATE_V4 = new BlockList();
const PRIVATE_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE_V4.addSubnet(network, prefix, 'ipv4');
// ::/96 (IPv4-compatible, includes ::1), ::ffff:0:0/96 (SIIT), 2002::/16 (6to4 wraps any IPv4),
// fec0::/10 (old site-local), 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64, well-known and local-use),
// 2001::/32 (Teredo) can all lead back to a private IPv4 network; 100::/64 is the discard prefix.
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['::ffff:0:0:0', 96],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2001::', 32],
  ['100::', 64],
] as const) {
  PRIVATE_V6.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, CGNAT, multicast and reserved addresses (v4, v6, v4-mapped v6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return PRIVATE_V4.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE_V4.check(address, 'ipv4');
  if (family === 6) return PRIVATE_V6.check(address, 'ipv6');
  return true;
}

/** The error code of a lookup refused by guardedLookup. */
export const PRIVATE_ADDRESS = 'EPRIVATEADDRESS';

/**
 * A DNS lookup for an HTTP agent that refuses private addresses. The check runs at connect time, on the address actually used, so DNS rebinding cannot slip past it.
 */
export function guardedLookup(
  hostname: string,
  options: object,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((entry) => isPrivateAddress(entry.address));
    if (bad) {
      const refusal = Object.assign(new Error(`${hostname} resolves to a private or local address (${bad.address})`), {
        code: PRIVATE_ADDRESS,
        hostname,
      });
      return callback(refusal, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    return callback(null, first.address, first.family);
  });
}

/**
 * For URLs an upstream names (a video's CDN link, a FLUX result): a lookup that refuses private
 * addresses, except for the hosts we were configured to talk to (a base URL on this machine, as
 * the sandbox's and the tests' doubles are).
 */
export function upstreamLookup(trustedHosts: readonly string[]): typeof guardedLookup {
  const trusted = new Set(trustedHosts.map((host) => host.toLowerCase()));
  return (hostname, options, callback) =>
    trusted.has(hostname.toLowerCase())
      ? dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, []);
          const list = addresses as LookupAddress[];
          if ((options as { all?: boolean }).all) return callback(null, list);
          const first = list[0];
          return first ? callback(null, first.address, first.family) : callback(null, []);
        })
      : guardedLookup(hostname, options, callback);
}

/** True when a request failed because guardedLookup refused a private address (anywhere in its causes). */
export function refusedAsPrivate(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if ((e as NodeJS.ErrnoException).code === PRIVATE_ADDRESS) return true;
  return false;
}

/**
 * Why an upstream-named URL may not be fetched, or undefined: only http(s), and a literal address
 * (which no lookup sees) must be public unless its host is trusted.
 */
export function upstreamUrlProblem(href: string, trustedHosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'it is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `it uses ${url.protocol}, not http(s)`;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (trustedHosts.some((trusted) => trusted.replace(/^\[|\]$/g, '').toLowerCase() === host)) return undefined;
  if (isIP(host) !== 0 ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))
    return `it points at ${url.hostname}, a private or local address`;
  return undefined;
}

export type BodyRead = { bytes: Buffer } | { tooLarge: true } | { gone: true };

/**
 * A request's body, keeping at most `cap` bytes. Past the cap it answers `tooLarge` at once and
 * keeps nothing more; with `drain`, only after the client has sent everything (so a client still
 * uploading reads the answer instead of a reset). `gone` when the client left before the end.
 */
export function readBody(req: IncomingMessage, cap: number, options: { drain?: boolean } = {}): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      if (options.drain) return;
      req.off('data', onData);
      resolve({ tooLarge: true });
    };
    req.on('data', onData);
    req.once('end', () => resolve(over ? { tooLarge: true } : { bytes: Buffer.concat(chunks) }));
    req.once('error', () => resolve({ gone: true }));
    req.once('close', () =>
      resolve(req.complete ? (over ? { tooLarge: true } : { bytes: Buffer.concat(chunks) }) : { gone: true }),
    );
  });
}
