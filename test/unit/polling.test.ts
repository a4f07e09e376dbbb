// When create_look asks HeyGen about a new look (domain/heygen/polling.ts): HeyGen's cadence,
// never more than 6 reads in a minute, and a first read that learns when looks become ready.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  busiestWindow,
  firstCheckMs,
  LOOK_POLLING,
  nextReadAtMs,
  type ReadinessObservation,
} from '../../src/domain/heygen/polling.ts';

/** The reads create_look makes for a look that becomes ready `readyMs` after its add. */
function follow(readyMs: number, firstMs: number, scale = 1, giveUpMs = 5 * 60_000 * scale): number[] {
  const reads: number[] = [];
  for (;;) {
    const at = nextReadAtMs(reads, firstMs, { scale });
    if (at > giveUpMs) return reads;
    reads.push(at);
    if (at >= readyMs) return reads;
  }
}

/** What a finished look leaves in the history. */
function observed(reads: number[], readyMs: number): ReadinessObservation {
  const pending = reads.filter((at) => at < readyMs).at(-1);
  return { pending_at_ms: pending, ready_after_ms: reads.at(-1) ?? 0 };
}

describe('look polling', () => {
  it('with no history reads first at 10 s, then 3 s and 5 s later, then spreads what the minute allows, then every 10 s to 2 min, then every 30 s', () => {
    const first = firstCheckMs([]);
    assert.equal(first, 10_000);
    const reads = follow(200_000, first);
    // Three reads in the first 8 s leave three for the rest of that minute: 13 s apart, and the
    // 7th exactly a minute after the 1st.
    assert.deepEqual(reads.slice(0, 8), [10_000, 13_000, 18_000, 31_000, 44_000, 57_000, 70_000, 80_000]);
    const gaps = reads.slice(1).map((at, i) => at - (reads[i] ?? 0));
    const late = reads.findIndex((at) => at >= LOOK_POLLING.cadenceUntilMs);
    assert.ok(
      gaps.slice(7, late).every((gap) => gap === 10_000),
      `gaps to 2 min: ${gaps.join(', ')}`,
    );
    assert.ok(
      gaps.slice(late).every((gap) => gap === 30_000),
      `gaps after 2 min: ${gaps.slice(late).join(', ')}`,
    );
    assert.ok(Math.max(...gaps) <= 30_000);
    assert.ok(reads.at(-1)! >= 200_000 && reads.at(-1)! < 230_000);
  });

  it('never reads a look more than 6 times in any minute, at any scale, whatever the first read', () => {
    for (const scale of [1, 0.1]) {
      for (let first = 0; first <= 90_000; first += 1_700) {
        for (let ready = 0; ready <= 300_000; ready += 3_100) {
          const reads = follow(ready * scale, first * scale, scale);
          const most = busiestWindow(reads, LOOK_POLLING.windowMs * scale);
          assert.ok(most <= 6, `first ${first}, ready ${ready}, scale ${scale}: ${most} reads in a minute`);
        }
      }
    }
  });

  it('learns the first read from recent looks: a steady HeyGen gets one read per look within a few seconds', () => {
    const readyMs = 42_000;
    const history: ReadinessObservation[] = [];
    const lags: number[] = [];
    const counts: number[] = [];
    for (let look = 0; look < 12; look++) {
      const reads = follow(readyMs, firstCheckMs(history));
      lags.push((reads.at(-1) ?? 0) - readyMs);
      counts.push(reads.length);
      history.push(observed(reads, readyMs));
    }
    // The first look pays HeyGen's cadence; later ones find it within a few seconds.
    assert.ok(counts[0]! >= 4, `first look: ${counts[0]} reads`);
    const later = lags.slice(4);
    assert.ok(Math.max(...later) <= 5_000, `lags once learned: ${later.join(', ')}`);
    assert.ok(Math.max(...counts.slice(4)) <= 3, `reads once learned: ${counts.slice(4).join(', ')}`);
  });

  it('moves the first read earlier when HeyGen becomes quicker, and later when it slows down', () => {
    const slow: ReadinessObservation[] = Array.from({ length: 10 }, () => ({
      pending_at_ms: 58_000,
      ready_after_ms: 62_000,
    }));
    assert.equal(firstCheckMs(slow), 60_000);
    // Now ready at 20 s: each look is ready at its first read, which moves 3 s earlier each time.
    const history = [...slow];
    let first = firstCheckMs(history);
    for (let look = 0; look < 30 && first > 25_000; look++) {
      const reads = follow(20_000, first);
      history.push(observed(reads, 20_000));
      first = firstCheckMs(history);
    }
    assert.ok(first <= 25_000, `the first read stayed at ${first} ms`);
    // And back to slow looks: the first read follows within a few looks.
    for (let look = 0; look < 8; look++) history.push(observed(follow(60_000, firstCheckMs(history)), 60_000));
    assert.ok(firstCheckMs(history) >= 50_000, `first read ${firstCheckMs(history)} ms for 60 s looks`);
  });

  it('keeps the first read between 2 s and 90 s, and scales with a local double', () => {
    assert.equal(firstCheckMs([{ ready_after_ms: 0 }]), 2_000);
    assert.equal(firstCheckMs([{ pending_at_ms: 400_000, ready_after_ms: 410_000 }]), 90_000);
    assert.equal(firstCheckMs([], 0.1), 1_000);
    assert.equal(nextReadAtMs([1_000], 1_000, { scale: 0.1 }), 1_300);
  });

  it('after a read that said nothing (an outage or a 429) waits the full cadence, not the quick follow-up', () => {
    assert.equal(nextReadAtMs([10_000], 10_000, { lastUnknown: true }), 20_000);
    assert.equal(nextReadAtMs([10_000], 10_000), 13_000);
  });
});
