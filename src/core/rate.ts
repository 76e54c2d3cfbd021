/**
 * A token bucket for bulk commands: `rate` tokens per second, at most `burst` saved up. Pure: the
 * caller passes the time, and sleeps for the wait this returns.
 */
export interface TokenBucket {
  /** Takes one token at `nowMs`; returns how many milliseconds the caller must wait before using it (0: go now). */
  take(nowMs: number): number;
  /** Gives back a token the service did not charge (a throttled request), so the next taker goes sooner. */
  refund(): void;
  readonly rate: number;
}

/** The slowest rate eum paces at: one request every 1000 seconds (a timer can wait that long; much slower ones it cannot express). */
export const MIN_RATE = 0.001;
/** The fastest `--rate`. */
export const MAX_RATE = 1000;

export function createTokenBucket(rate: number, burst = Math.max(1, Math.min(rate, Math.ceil(rate / 10)))): TokenBucket {
  if (!(rate > 0)) throw new RangeError('rate must be positive');
  if (rate < MIN_RATE) throw new RangeError(`rate must be at least ${MIN_RATE}`);
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
    refund() {
      tokens = Math.min(burst, tokens + 1);
    },
  };
}

/**
 * Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^attempt)).
 * `attempt` counts from 0 (the wait after the first failure); `random` is in [0, 1).
 */
export function backoffMs(attempt: number, random: number, baseMs = 200, capMs = 20_000): number {
  return Math.floor(random * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * The least a throttled one-shot call waits before its next attempt. Nearly every operation of the
 * SMS v2 API is limited to 1 request per second (the quotas table; `src/sim/quotas.ts`): a retry
 * sooner than a second after the throttle finds the account's bucket still empty.
 */
export const THROTTLE_MIN_WAIT_MS = 1000;

/**
 * A `--rate` value: requests per second, from 0.001 (one every 1000 seconds: slower than a timer
 * can pace is refused, not run at full speed) to 1000. Returns the rate, or a problem naming the fix.
 */
export function parseRateValue(raw: string): number | { problem: string } {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(n >= MIN_RATE) || n > MAX_RATE) {
    return { problem: `"${raw.slice(0, 40)}" is not a rate: requests per second, from ${MIN_RATE} to ${MAX_RATE} (AWS's default quota is 1)` };
  }
  return n;
}
