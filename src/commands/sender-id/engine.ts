/**
 * Rate-limited bulk requests across regions: regions run in parallel; in each, a token bucket at
 * `rate` requests per second paces the calls, and each item is retried on throttling, server
 * errors and dropped connections with exponential backoff and full jitter.
 *
 * The SDK's own retries are off for these clients (one attempt per call): every attempt goes
 * through the bucket, so retries never burst past the rate. A throttled attempt gives its token
 * back (the service did not serve it), so throttling costs a backoff, not a slot of the rate.
 *
 * Ctrl-C: no new request starts; requests in flight finish and are reported; items waiting or
 * backing off are left for the next run.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { Context } from '../../cli/context.js';
import { isRetryable } from '../../aws/errors.js';
import { backoffMs, createTokenBucket } from '../../core/rate.js';

/** Attempts per item when neither --max-attempts nor EUM_MAX_ATTEMPTS says otherwise. */
export const BULK_ATTEMPTS = 8;

export interface RegionWork<I> {
  region: string;
  items: I[];
}

export interface EngineOptions<I, R> {
  rate: number;
  maxAttempts: number;
  /** One attempt for one item; throws what the SDK throws. */
  attempt(client: PinpointSMSVoiceV2Client, item: I, region: string): Promise<R>;
  /** The result of an item whose last attempt failed (or that failed for good). */
  failed(err: unknown, item: I, region: string): R | Promise<R>;
  /** Called once per finished item, in order of completion; awaited before the next is reported. */
  onResult(result: R, item: I, region: string): Promise<void>;
}

/** Requests in flight per region: enough to keep the rate with slow responses, never a crowd. */
export function concurrencyFor(rate: number): number {
  return Math.min(64, Math.max(2, Math.ceil(rate * 2)));
}

export async function runRegions<I, R>(ctx: Context, work: RegionWork<I>[], options: EngineOptions<I, R>): Promise<{ interrupted: boolean; unfinished: number }> {
  const signal = ctx.signal;
  let unfinished = 0;
  let reporting = Promise.resolve();
  const report = (result: R, item: I, region: string) => {
    reporting = reporting.then(() => options.onResult(result, item, region));
    return reporting;
  };

  const runRegion = async ({ region, items }: RegionWork<I>) => {
    if (items.length === 0) return;
    const client = await ctx.smsFor(region, { maxAttempts: 1 });
    const bucket = createTokenBucket(options.rate);
    const queue = [...items];
    const worker = async () => {
      while (queue.length > 0 && !signal.aborted) {
        const item = queue.shift()!;
        for (let attempt = 0; ; attempt++) {
          const wait = bucket.take(Date.now());
          if (wait > 0) await ctx.clock.sleep(wait, signal);
          if (signal.aborted) {
            unfinished++;
            break;
          }
          try {
            const result = await options.attempt(client, item, region);
            await report(result, item, region);
            break;
          } catch (err) {
            if (isRetryable(err) && attempt + 1 < options.maxAttempts) {
              if ((err as { name?: string }).name === 'ThrottlingException') bucket.refund();
              await ctx.clock.sleep(backoffMs(attempt, Math.random(), Math.min(1000, 1000 / options.rate)), signal);
              if (!signal.aborted) continue;
              unfinished++;
              break;
            }
            await report(await options.failed(err, item, region), item, region);
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrencyFor(options.rate), items.length) }, worker));
    unfinished += queue.length;
  };

  await Promise.all(work.map(runRegion));
  await reporting;
  return { interrupted: signal.aborted, unfinished };
}
