/**
 * A token bucket for bulk commands: `rate` tokens per second, at most `burst` saved up. Pure: the
 * caller passes the time, and sleeps for the wait this returns.
 */
export interface TokenBucket {
  /** Takes one token at `nowMs`; returns how many milliseconds the caller must wait before using it (0: go now). */
  take(nowMs: number): number;
  readonly rate: number;
}

export function createTokenBucket(rate: number, burst = Math.max(1, Math.min(rate, Math.ceil(rate / 10)))): TokenBucket {
  if (!(rate > 0)) throw new RangeError('rate must be positive');
  // Tokens may go negative: each taker reserves its slot, so concurrent takers queue in order.
  let tokens = burst;
  let last: number | undefined;
  return {
    rate,
    take(nowMs: number): number {
      if (last === undefined) last = nowMs;
      tokens = Math.min(burst, tokens + ((nowMs - last) * rate) / 1000);
      last = nowMs;
      tokens -= 1;
      return tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / rate);
    },
  };
}
