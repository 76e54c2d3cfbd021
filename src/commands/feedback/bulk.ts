/**
 * The bulk engine of `feedback put --file` and `feedback expire`: PutMessageFeedback for a stream
 * of items with a concurrency limit, a token bucket (--rate), retries, the ledger, and Ctrl-C.
 *
 * Retries: the SDK retries each request (standard mode, more attempts for bulk). Its retry quota
 * is shared by the whole client and drains under sustained throttling; when it refuses, an item
 * that failed for a retryable reason goes back for another round after a jittered backoff, so
 * throttling is absorbed instead of reported.
 */
import type { Context } from '../../cli/context.js';
import { isRetryable, translateAwsError } from '../../aws/errors.js';
import { backoffMs, createTokenBucket } from '../../core/rate.js';
import type { FeedbackStatus } from '../../core/feedback/lines.js';
import type { Ledger, OutcomeEvent } from '../../store/ledger/index.js';

export interface BulkItem {
  messageId: string;
  status: FeedbackStatus;
  /** The region the message was sent in (expire); default the context's. */
  region?: string;
  /** Line number in the input, for messages. */
  line?: number;
  /** A bad stdin line: reported as a failed item, not sent. */
  problem?: string;
}

/** One item's result in `--json` output. */
export interface BulkResult {
  messageId: string | null;
  status: FeedbackStatus | null;
  ok: boolean;
  error: string | null;
  /** expire: the API refused the id for good (unknown id, feedback not enabled); it is not retried. */
  abandoned?: boolean;
}

export interface BulkSummary {
  total: number;
  succeeded: number;
  failed: number;
}

export interface BulkOptions {
  concurrency: number;
  /** Requests per second (token bucket); undefined: as fast as concurrency allows. */
  rate?: number;
  source: OutcomeEvent['source'];
  ledger?: Ledger;
  /** Called in order of durability: after the ledger holds the item's outcome. */
  onResult(result: BulkResult, item: BulkItem | undefined): void;
  /** Counted, for progress ("of N"). */
  expectedTotal?: number;
}

/** Item-level rounds after the SDK's own attempts. */
const ITEM_ROUNDS = 8;
const FLUSH_EVERY = 512;
const FLUSH_MS = 100;

/** Refusals that will never change: the id is unknown or the message has no feedback. */
function isPermanent(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ResourceNotFoundException' || name === 'ValidationException' || name === 'ConflictException';
}

/** Attempts per request for bulk runs when the user did not choose (the SDK's default is 3). */
export const BULK_MAX_ATTEMPTS = 4;

export async function runBulkFeedback(ctx: Context, items: AsyncIterable<BulkItem>, options: BulkOptions): Promise<{ summary: BulkSummary; interrupted: boolean; elapsedMs: number }> {
  // Bulk runs give each request more attempts than one-shot commands (standard retry mode).
  ctx.globals.maxAttempts ??= BULK_MAX_ATTEMPTS;
  // Tens of thousands of requests make V8 grow its young generation and old-space limit far past
  // what is live (about 10 MB): peak RSS passed 400 MB for 100,000 posts. Trading a little GC
  // time for memory keeps it near 100 MB (bench/feedback-bulk). It is the last thing this process does.
  (await import('node:v8')).setFlagsFromString('--optimize-for-size');
  const { PutMessageFeedbackCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const bucket = options.rate ? createTokenBucket(options.rate) : undefined;
  const summary: BulkSummary = { total: 0, succeeded: 0, failed: 0 };
  const started = Date.now();
  const signal = ctx.signal;

  // Results wait here until the ledger holds them; then they are reported, in batches.
  let waiting: Array<{ result: BulkResult; item?: BulkItem }> = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    flushing = flushing.then(async () => {
      if (batch.length === 0) return;
      if (options.ledger) {
        const at = ctx.clock.now();
        const events: OutcomeEvent[] = [];
        for (const { result } of batch) {
          if (result.ok && result.messageId && result.status) events.push({ messageId: result.messageId, status: result.status, at, source: options.source });
          else if (result.abandoned && result.messageId) events.push({ messageId: result.messageId, status: 'ABANDONED', at, source: options.source });
        }
        if (events.length) await options.ledger.recordOutcomes(events);
      }
      for (const { result, item } of batch) options.onResult(result, item);
    });
    return flushing;
  };
  const report = (result: BulkResult, item?: BulkItem) => {
    summary.total++;
    if (result.ok) summary.succeeded++;
    else summary.failed++;
    waiting.push({ result, item });
    if (waiting.length >= FLUSH_EVERY) void flush();
    else timer ??= setTimeout(() => void flush(), FLUSH_MS);
  };

  const progress = ctx.stderrIsTTY && !ctx.stdoutIsTTY && !ctx.globals.quiet ? setInterval(() => drawProgress(false), 250) : undefined;
  const drawProgress = (final: boolean) => {
    const secs = (Date.now() - started) / 1000;
    const of = options.expectedTotal ? `/${options.expectedTotal}` : '';
    ctx.stderr.write(`\r\x1b[2K${final ? '' : `posting feedback: ${summary.total}${of} done, ${summary.failed} failed, ${Math.round(summary.total / Math.max(secs, 0.001))}/s`}`);
  };

  const send = async (item: BulkItem): Promise<void> => {
    const client = await (item.region ? ctx.smsFor(item.region) : ctx.sms());
    for (let round = 0; ; round++) {
      if (bucket) {
        const wait = bucket.take(Date.now());
        if (wait > 0) await ctx.clock.sleep(wait, signal);
      }
      if (signal.aborted && round === 0) return; // never started: not counted
      try {
        await client.send(new PutMessageFeedbackCommand({ MessageId: item.messageId, MessageFeedbackStatus: item.status }));
        report({ messageId: item.messageId, status: item.status, ok: true, error: null }, item);
        return;
      } catch (err) {
        if (isRetryable(err) && round < ITEM_ROUNDS && !signal.aborted) {
          await ctx.clock.sleep(backoffMs(round, Math.random(), 250, 8000), signal);
          if (!signal.aborted) continue;
        }
        const error = translateAwsError(err).message;
        report({ messageId: item.messageId, status: item.status, ok: false, error, ...(options.source === 'expire' && isPermanent(err) ? { abandoned: true } : {}) }, item);
        return;
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  // The items' source must end when the signal aborts (readline with `signal`), so Ctrl-C never
  // waits for the next line of an open stdin. (Racing each next() against one long-lived abort
  // promise would leak a reaction per item.)
  try {
    for await (const item of items) {
      if (signal.aborted) break;
      if (item.problem) {
        report({ messageId: item.messageId || null, status: item.status ?? null, ok: false, error: item.line ? `line ${item.line}: ${item.problem}` : item.problem });
        continue;
      }
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      if (signal.aborted) break;
      const p: Promise<void> = send(item).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  } finally {
    // Ctrl-C: nothing new starts; what is in flight finishes and is reported.
    await Promise.all(inFlight);
    await flush();
    if (progress) {
      clearInterval(progress);
      drawProgress(true);
    }
  }
  return { summary, interrupted: signal.aborted, elapsedMs: Date.now() - started };
}
