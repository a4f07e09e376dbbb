// Who may talk to the HTTP server: pure checks on a request's Host, Origin and Authorization
// headers, apart from the server so each rule is tested on its own.
//
// DNS rebinding: a web page on evil.example whose name is made to resolve to 127.0.0.1 can make
// the user's browser POST to this server. The browser then sends `Host: evil.example` (and an
// `Origin` of that page), so a server that answers only Host values it knows, and only browser
// origins it knows, never serves such a page.

import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Whether a name in a Host or Origin header names this machine only. (Where to listen is judged
 * by what --host resolves to instead: listen.ts.)
 */
export function isLoopback(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** `host[:port]` from a Host header or an origin's authority, lowercased; undefined when malformed. */
export function splitAuthority(authority: string): { hostname: string; port: string | undefined } | undefined {
  const value = authority.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match?.[1]) return undefined;
  return { hostname: match[1], port: match[2] };
}

export interface HostPolicy {
  /** Extra allowed Host values: a host name (any port) or host:port. */
  allowedHosts: readonly string[];
  /** The address the server is bound to, when it is a specific IP (a client may use it as Host). */
  boundAddress?: string | undefined;
}

/** A Host header this server answers: a loopback name, the bound IP, or one configured. */
export function hostAllowed(header: string | undefined, policy: HostPolicy): boolean {
  if (!header) return false;
  const host = splitAuthority(header);
  if (!host) return false;
  if (isLoopback(host.hostname)) return true;
  const bound = policy.boundAddress
    ? isIP(policy.boundAddress) === 6
      ? `[${policy.boundAddress.toLowerCase()}]`
      : policy.boundAddress.toLowerCase()
    : undefined;
  if (bound && bound !== '0.0.0.0' && bound !== '[::]' && host.hostname === bound) return true;
  return policy.allowedHosts.some((allowed) => {
    const entry = splitAuthority(allowed);
    return !!entry && entry.hostname === host.hostname && (entry.port === undefined || entry.port === host.port);
  });
}

/**
 * An Origin header this server answers. Clients that are not browsers send none; a browser page
 * is answered only from a loopback origin or one configured. `null` (sandboxed frames, file://)
 * is refused.
 */
export function originAllowed(header: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (header === undefined) return true;
  const origin = header.trim().toLowerCase();
  if (allowedOrigins.includes(origin)) return true;
  const match = /^https?:\/\/(.+)$/.exec(origin);
  const authority = match?.[1] ? splitAuthority(match[1]) : undefined;
  return !!authority && isLoopback(authority.hostname);
}

/** Whether an Authorization header carries exactly this bearer token, in time that does not depend on where they differ. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  // Hashing first makes both sides the same length, so neither the content nor the length leaks.
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && !!match;
}
