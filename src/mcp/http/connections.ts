// Connections that have not shown the token yet. Each socket costs a file descriptor and memory
// before a single header is read, so a client without the token could otherwise hold every
// socket the server has and lock its user out. A connection is "pending" from accept until a
// request on it passes the token check; a pending one is closed when it has not done so within a
// few seconds, and there are at most so many per remote address and in all.
//
// At a cap the oldest pending connection is closed to make room, instead of the new one being
// refused: on loopback (or behind a proxy) every client shares one address, and a client with
// the token shows it within a millisecond of connecting, while an idle socket never does. The cap
// per address only closes connections that have had a second to show the token, so a client
// opening a burst of connections at once is not cut by it; the cap in all closes the oldest
// whatever its age. A connection that showed the token is no longer counted: pending ones never
// crowd it out.

import { isIP, type Socket } from 'node:net';
import type { Logger } from '../../core/log.ts';

export interface PendingLimits {
  /** Pending connections from one address (one IPv6 /64) at most, counting those older than `graceMs`. */
  perAddress: number;
  /** How long a new connection has before it counts against the cap of its address. */
  graceMs: number;
  /** Pending connections in all at most. */
  total: number;
  /** How long a connection has to show the token in a request's headers. */
  deadlineMs: number;
}

export const PENDING_LIMITS: PendingLimits = { perAddress: 64, graceMs: 1_000, total: 512, deadlineMs: 5_000 };

/** How often at most the closed connections are summed up in the log (a flood must not flood it). */
const REPORT_MS = 10_000;

export class PendingConnections {
  /** In order of arrival: the first is the oldest. */
  private readonly pending = new Map<Socket, { address: string; since: number; timer: NodeJS.Timeout }>();
  private readonly byAddress = new Map<string, Set<Socket>>();
  private readonly closed = { deadline: 0, room: 0 };
  private reporting: NodeJS.Timeout | undefined;
  private reportedAt = 0;

  private readonly limits: PendingLimits;
  private readonly logger: Logger;

  constructor(limits: PendingLimits, logger: Logger) {
    this.limits = limits;
    this.logger = logger;
  }

  /** A new connection: pending until `authenticated`, closed at the deadline. */
  accept(socket: Socket): void {
    const address = addressKey(socket.remoteAddress);
    const fromThere = this.byAddress.get(address);
    const oldestThere = fromThere && fromThere.size >= this.limits.perAddress ? first(fromThere) : undefined;
    const since = Date.now();
    if (oldestThere && since - (this.pending.get(oldestThere)?.since ?? since) >= this.limits.graceMs)
      this.close(oldestThere, 'room');
    else if (this.pending.size >= this.limits.total) this.close(first(this.pending.keys())!, 'room');
    const same = this.byAddress.get(address) ?? new Set<Socket>();
    this.byAddress.set(address, same);
    const timer = setTimeout(() => this.close(socket, 'deadline'), this.limits.deadlineMs).unref();
    this.pending.set(socket, { address, since, timer });
    same.add(socket);
    socket.once('close', () => this.forget(socket));
  }

  /** A request on this connection carried the token: it is no longer pending. */
  authenticated(socket: Socket): void {
    this.forget(socket);
  }

  get size(): number {
    return this.pending.size;
  }

  private close(socket: Socket, why: 'deadline' | 'room'): void {
    if (!this.pending.has(socket)) return;
    this.forget(socket);
    socket.destroy();
    this.closed[why]++;
    const wait = Math.max(0, this.reportedAt + REPORT_MS - Date.now());
    this.reporting ??= setTimeout(() => this.report(), wait).unref();
  }

  private report(): void {
    this.reporting = undefined;
    this.reportedAt = Date.now();
    const { deadline, room } = this.closed;
    if (deadline + room === 0) return;
    this.logger.warn(
      `closed ${deadline + room} connection${deadline + room === 1 ? '' : 's'} that showed no token: ${deadline} within ${this.limits.deadlineMs / 1000} s of connecting, ${room} to make room (at most ${this.limits.perAddress} such connections from one address once they are ${this.limits.graceMs / 1000} s old, ${this.limits.total} in all)`,
      { pending: this.pending.size },
    );
    this.closed.deadline = 0;
    this.closed.room = 0;
  }

  private forget(socket: Socket): void {
    const entry = this.pending.get(socket);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(socket);
    const same = this.byAddress.get(entry.address);
    same?.delete(socket);
    if (same?.size === 0) this.byAddress.delete(entry.address);
  }
}

const first = <T>(items: Iterable<T>): T | undefined => {
  for (const item of items) return item;
  return undefined;
};

/** The address a connection is counted under: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64). */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
