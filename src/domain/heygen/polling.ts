// When to ask HeyGen whether a new look is ready. HeyGen asks for about one GET every 10 s for
// the first 2 minutes and every 30 s after that; photo looks take 30–90 s. Asking at a fixed
// 10 s would add up to 10 s to every look, so the first read is timed to when this account's
// looks have usually become ready (learned from its recent looks), a look that is not ready yet
// is asked again 3 s and then 5 s later, and then the 10 s / 30 s cadence takes over — never more
// than 6 reads in any minute, whatever the schedule says. All of it is pure: the flows keep the
// reads' times and the history.

/** One earlier look: when after its add it was last seen not ready (if ever) and first seen ready. */
export interface ReadinessObservation {
  pending_at_ms?: number | undefined;
  ready_after_ms: number;
}

export const LOOK_POLLING = {
  /** The first read when there is no history yet: HeyGen's own cadence. */
  defaultFirstCheckMs: 10_000,
  minFirstCheckMs: 2_000,
  maxFirstCheckMs: 90_000,
  /** After an early first read: the gaps to the second and the third. */
  burstMs: [3_000, 5_000],
  cadenceMs: 10_000,
  /** Past this long after the add, HeyGen asks for one read every 30 s. */
  cadenceUntilMs: 120_000,
  laterCadenceMs: 30_000,
  /** At most this many reads of one look in any window of windowMs. */
  perWindow: 6,
  windowMs: 60_000,
  /**
   * A look seen ready at its first read was ready some time before: counted at three quarters of
   * that read's time (at least 3 s earlier), so a HeyGen that became quicker is followed within
   * a few looks.
   */
  censoredFraction: 0.75,
  censoredShiftMs: 3_000,
  /** The first read goes out when this share of recent looks had become ready: a quarter, so that
   * with HeyGen's usual spread (30–90 s) most looks are caught by the reads that follow. */
  firstCheckQuantile: 0.25,
  /** How many recent looks the first read is learned from. */
  historySize: 10,
} as const;

/**
 * When to read a new look first (milliseconds after the add): when a quarter of the recent
 * looks had become ready. A look is known to have become ready between its last "not ready" read and its first
 * "ready" one (the midpoint counts); one that was ready at the first read counts well before
 * that read, so the first read keeps moving earlier until it finds looks not ready yet.
 */
export function firstCheckMs(history: readonly ReadinessObservation[], scale = 1): number {
  const recent = history.slice(-LOOK_POLLING.historySize);
  if (recent.length === 0) return LOOK_POLLING.defaultFirstCheckMs * scale;
  const estimates = recent
    .map((seen) =>
      seen.pending_at_ms === undefined
        ? Math.min(
            seen.ready_after_ms * LOOK_POLLING.censoredFraction,
            seen.ready_after_ms - LOOK_POLLING.censoredShiftMs * scale,
          )
        : (seen.pending_at_ms + seen.ready_after_ms) / 2,
    )
    .sort((a, b) => a - b);
  const at = quantile(estimates, LOOK_POLLING.firstCheckQuantile);
  return Math.round(Math.min(LOOK_POLLING.maxFirstCheckMs * scale, Math.max(LOOK_POLLING.minFirstCheckMs * scale, at)));
}

/** The q-quantile of sorted values, interpolated between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = sorted[Math.floor(position)] ?? 0;
  const above = sorted[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - Math.floor(position));
}

/**
 * When to read next (milliseconds after the add), given the reads so far (also after the add),
 * the first read's time, and whether the last read said nothing about the look (an outage or a
 * 429: then no sooner than the cadence). Never a 7th read within a minute of 6 others: after the
 * quick follow-ups, the reads the minute still allows are spread evenly over what is left of it,
 * so the limit never forces one long pause.
 */
export function nextReadAtMs(
  reads: readonly number[],
  firstMs: number,
  options: { scale?: number; lastUnknown?: boolean } = {},
): number {
  const scale = options.scale ?? 1;
  const last = reads.at(-1);
  if (last === undefined) return firstMs;
  const windowMs = LOOK_POLLING.windowMs * scale;
  const burst = LOOK_POLLING.burstMs[reads.length - 1];
  const cadence = last < LOOK_POLLING.cadenceUntilMs * scale ? LOOK_POLLING.cadenceMs : LOOK_POLLING.laterCadenceMs;
  if (burst !== undefined && !options.lastUnknown) return last + burst * scale;
  const recent = reads.filter((at) => at > last - windowMs);
  const allowed = LOOK_POLLING.perWindow - recent.length;
  const oldest = recent[0] ?? last;
  const limit = reads.at(-LOOK_POLLING.perWindow);
  if (allowed <= 0) return Math.max(last + cadence * scale, limit === undefined ? 0 : limit + windowMs);
  const spread = (oldest + windowMs - last) / (allowed + 1);
  return last + Math.max(cadence * scale, spread);
}

/** The most reads any window of windowMs holds: what HeyGen would count. */
export function busiestWindow(reads: readonly number[], windowMs: number = LOOK_POLLING.windowMs): number {
  let most = 0;
  for (let i = 0; i < reads.length; i++) {
    const start = reads[i] ?? 0;
    most = Math.max(most, reads.filter((at) => at >= start && at < start + windowMs).length);
  }
  return most;
}
