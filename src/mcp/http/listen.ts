// Where the HTTP server listens. --host is resolved here, once, before listening, and the server
// binds the address that was checked: a name is judged by the addresses it resolves to, not by
// how it looks (an /etc/hosts line can point looks.localhost at the LAN address), and resolving
// it again in listen() could give another answer.

import dns from 'node:dns';
import type { Server } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { UserError } from '../../core/errors.ts';

export interface HttpListenOptions {
  host: string;
  port: number;
}

/** Every address a name resolves to (the system resolver, /etc/hosts included). */
export type Lookup = (hostname: string) => Promise<Array<{ address: string }>>;

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true });

const LOOPBACK_V4 = new BlockList();
LOOPBACK_V4.addSubnet('127.0.0.0', 8, 'ipv4');
const LOOPBACK_V6 = new BlockList();
LOOPBACK_V6.addAddress('::1', 'ipv6');

/** Whether an IP address only reaches this machine: 127.0.0.0/8, ::1, and 127.x.x.x mapped into IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  if (isIP(ip) === 4) return LOOPBACK_V4.check(ip, 'ipv4');
  return isIP(ip) === 6 && LOOPBACK_V6.check(ip, 'ipv6');
}

/**
 * The address to bind for --host: the first it resolves to. Refuses, unless the user set
 * AVATAR_LOOKS_HTTP_TOKEN, when any of them reaches beyond this machine — a token the server made
 * for itself does not count there: nobody chose it to hand to remote clients.
 */
export async function listenAddress(
  options: HttpListenOptions,
  userToken: string | undefined,
  lookup: Lookup = systemLookup,
): Promise<string> {
  let addresses: string[];
  try {
    addresses = (await lookup(options.host)).map((entry) => entry.address);
  } catch (error) {
    addresses = [];
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
  }
  const [first] = addresses;
  if (first === undefined)
    throw new UserError(
      'http_start',
      `--host ${options.host} does not resolve to an address.`,
      'Pass --host with an address of this machine (127.0.0.1 for this machine only, the default) or a name that resolves to one.',
    );
  const beyond = addresses.filter((address) => !isLoopbackAddress(address));
  if (beyond.length > 0 && !userToken) {
    const shown = isIP(options.host) ? options.host : `${options.host} (${addresses.join(', ')})`;
    throw new UserError(
      'http_start',
      `Refusing to listen on ${shown} without a token you set: anyone who can reach ${beyond.join(', ')} could generate images and HeyGen looks on your keys.`,
      'Set AVATAR_LOOKS_HTTP_TOKEN (at least 32 characters, e.g. `openssl rand -hex 32`) and give it to your clients as "Authorization: Bearer <token>", or listen on 127.0.0.1 only (the default).',
    );
  }
  return first;
}

/** Listens on the address already checked; a failure says what to change. */
export function listen(server: Server, address: string, options: HttpListenOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const [said, next] =
        error.code === 'EADDRINUSE'
          ? [
              `Port ${options.port} on ${options.host} is already in use.`,
              'Stop what holds it, or pass --port with another number.',
            ]
          : error.code === 'EADDRNOTAVAIL'
            ? [
                `${options.host}${address === options.host ? '' : ` (${address})`} is not an address of this machine.`,
                'Pass --host with one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for all).',
              ]
            : [
                `Could not listen on ${options.host}:${options.port}: ${error.message}.`,
                'Check the address and port, then start the server again.',
              ];
      reject(new UserError('http_start', said, next));
    });
    server.listen(options.port, address, () => resolve());
  });
}
