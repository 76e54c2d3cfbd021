/**
 * Throughput per origination identity: a token bucket of message parts per identity, refilled at
 * the identity's MPS (src/sim/throughput.ts `mpsFor`) on the simulator's clock. Like the request
 * quotas (quotas.ts) it lives in the server's memory, not in the state, and `--no-quotas` lifts it.
 * A bucket holds one second's worth (at least one message), so a sender pacing itself at its MPS
 * never sees a throttle; a message longer than the bucket is let through when the bucket is full.
 */
export class MpsBuckets {
  private readonly buckets = new Map<string, { tokens: number; updated: number; mps: number }>();

  /** Takes `parts` from the identity's bucket at time `now`; false when the identity is over its MPS. */
  take(identity: string, mps: number, parts: number, now: number): boolean {
    let b = this.buckets.get(identity);
    if (!b || b.mps !== mps) {
      b = { tokens: mps, updated: now, mps };
      this.buckets.set(identity, b);
    }
    b.tokens = Math.min(mps, b.tokens + (Math.max(0, now - b.updated) / 1000) * mps);
    b.updated = now;
    if (b.tokens < Math.min(parts, mps) - 1e-9) return false;
    b.tokens -= parts;
    return true;
  }
}
