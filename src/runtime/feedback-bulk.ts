/**
 * The bulk engine of `feedback put --file` and `feedback expire`: PutMessageFeedback for a stream
 * of items with a concurrency limit, a token bucket (--rate), retries, the ledger, and Ctrl-C.
 *
 * Items for the same message are posted one after the other, in input order, so the last line
 * wins at the API as it does in the ledger. When the ledger cannot be written, or the input turns
 * out to be unreadable midway, nothing new starts: what is in flight finishes and is reported,
 * and the run ends with that error (`stopped`) instead of throwing away the results.
 *
 * Retries: the SDK retries each request (standard mode, more attempts for bulk). Its retry quota
 * is shared by the whole client and drains under sustained throttling; when it refuses, an item
 * that failed for a retryable reason goes back for another round after a jittered backoff, so
 * throttling is absorbed instead of reported.
 */
import type { Context } from '../cli/context.js';
import { EumError } from '../cli/errors.js';
import { isRetryable, translateAwsError } from '../aws/errors.js';
import { backoffMs, createTokenBucket } from '../core/rate.js';
import type { FeedbackStatus } from '../core/feedback/lines.js';
import type { Ledger, OutcomeEvent } from '../store/ledger/index.js';

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
  /**
   * Asked just before an item is posted (after any --rate wait): false skips it, uncounted in
   * the summary's total (expire: an outcome was recorded meanwhile by another run).
   */
  beforePost?(item: BulkItem): Promise<boolean>;
}

export interface BulkOutcome {
  summary: BulkSummary;
  interrupted: boolean;
  elapsedMs: number;
  /** Items `beforePost` skipped. */
  skipped: number;
  /** Why the run stopped early (the ledger could not be written, the input could not be read); results so far were reported. */
  stopped?: EumError;
  /** Results posted but not recorded because the ledger could not be written. */
  unrecorded: number;
}

/** Item-level rounds after the SDK's own attempts. */
const ITEM_ROUNDS = 8;
const FLUSH_EVERY = 512;
const FLUSH_MS = 100;

/** Attempts per request for bulk runs when the user did not choose (the SDK's default is 3). */
export const BULK_MAX_ATTEMPTS = 4;

export async function runBulkFeedback(ctx: Context, items: AsyncIterable<BulkItem>, options: BulkOptions): Promise<BulkOutcome> {
  // Bulk runs give each request more attempts than one-shot commands (standard retry mode).
  ctx.globals.maxAttempts ??= BULK_MAX_ATTEMPTS;
  // Tens of thousands of requests make V8 grow its young generation and old-space limit far past
  // what is live (about 10 MB): peak RSS passed 400 MB for 100,000 posts. Trading a little GC
  // time for memory keeps it near 100 MB (bench/feedback-bulk). It is the last thing this process does.
  (await import('node:v8')).setFlagsFromString('--optimize-for-size');
  const { putMessageFeedback, isPermanentFeedbackRefusal } = await import('../aws/feedback.js');
  const bucket = options.rate ? createTokenBucket(options.rate) : undefined;
  const summary: BulkSummary = { total: 0, succeeded: 0, failed: 0 };
  const started = Date.now();
  const signal = ctx.signal;
  let stopped: EumError | undefined;
  let unrecorded = 0;
  let skipped = 0;

  // Results wait here until the ledger holds them; then they are reported, in batches.
  let waiting: Array<{ result: BulkResult; item?: BulkItem }> = [];
  let ledgerBroken = false;
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
        if (events.length && ledgerBroken) unrecorded += events.length;
        else if (events.length) {
          try {
            await options.ledger.recordOutcomes(events);
          } catch (err) {
            // Posted but not recorded: report them anyway, start nothing new, and say so.
            ledgerBroken = true;
            unrecorded += events.length;
            stopped ??= err instanceof EumError ? err : translateAwsError(err);
          }
        }
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
      if ((signal.aborted || stopped) && round === 0) return; // never started: not counted
      if (round === 0 && options.beforePost && !(await options.beforePost(item))) {
        skipped++;
        return;
      }
      try {
        await putMessageFeedback(client, item.messageId, item.status);
        report({ messageId: item.messageId, status: item.status, ok: true, error: null }, item);
        return;
      } catch (err) {
        if (isRetryable(err) && round < ITEM_ROUNDS && !signal.aborted) {
          await ctx.clock.sleep(backoffMs(round, Math.random(), 250, 8000), signal);
          if (!signal.aborted) continue;
        }
        const error = translateAwsError(err).message;
        report({ messageId: item.messageId, status: item.status, ok: false, error, ...(options.source === 'expire' && isPermanentFeedbackRefusal(err) ? { abandoned: true } : {}) }, item);
        return;
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  // The last item started per message: the next one for that message waits for it (file order).
  const lastFor = new Map<string, Promise<void>>();
  // The items' source must end when the signal aborts (readline with `signal`), so Ctrl-C never
  // waits for the next line of an open stdin. (Racing each next() against one long-lived abort
  // promise would leak a reaction per item.)
  try {
    for await (const item of items) {
      if (signal.aborted || stopped) break;
      if (item.problem) {
        report({ messageId: item.messageId || null, status: item.status ?? null, ok: false, error: item.line ? `line ${item.line}: ${item.problem}` : item.problem });
        continue;
      }
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      if (signal.aborted || stopped) break;
      const before = lastFor.get(item.messageId);
      const p: Promise<void> = (before ? before.then(() => send(item)) : send(item)).finally(() => {
        inFlight.delete(p);
        if (lastFor.get(item.messageId) === p) lastFor.delete(item.messageId);
      });
      lastFor.set(item.messageId, p);
      inFlight.add(p);
    }
  } catch (err) {
    // The input could not be read further (an over-long line, binary data): stop, report what was done.
    stopped ??= err instanceof EumError ? err : translateAwsError(err);
  } finally {
    // Ctrl-C: nothing new starts; what is in flight finishes and is reported.
    await Promise.all(inFlight);
    await flush();
    if (progress) {
      clearInterval(progress);
      drawProgress(true);
    }
  }
  return { summary, interrupted: signal.aborted, elapsedMs: Date.now() - started, skipped, stopped, unrecorded };
}
