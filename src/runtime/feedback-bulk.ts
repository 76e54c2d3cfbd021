/**
 * `feedback put --file` and `feedback expire` on the shared bulk engine (`src/runtime/bulk.ts`):
 * PutMessageFeedback for a stream of items, with the engine's rate, concurrency, attempts,
 * classification, per-Region lanes, progress and Ctrl-C. This module adds the ledger:
 *
 * - Results are reported (printed) only once the ledger holds them, in batches (one write and
 *   one fsync per batch, not per item).
 * - Items for the same message are posted one after the other, in input order (the engine's
 *   `keyOf`), so the last line wins at the API as it does in the ledger.
 * - When the ledger cannot be written, nothing new starts: what is in flight finishes and is
 *   reported (as posted but not recorded), and the run ends with that error (`stopped`) instead
 *   of throwing the results away. The same when the input turns out unreadable midway.
 */
import type { Context } from '../cli/context.js';
import { EumError } from '../cli/errors.js';
import { translateAwsError } from '../aws/errors.js';
import type { FeedbackStatus } from '../core/feedback/lines.js';
import type { LightTarget } from '../aws/light-call.js';
import type { Ledger, OutcomeEvent } from '../store/ledger/index.js';
import { runBulk, StopRun, type BulkOutcome as EngineOutcome } from './bulk.js';

export interface BulkItem {
  messageId: string;
  status: FeedbackStatus;
  /** The Region the message was sent in (from the ledger); default the context's. */
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
  /** Interrupted in flight: it may have been posted (posting again is harmless). */
  unknown?: boolean;
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
   * Asked just before an item is first posted (after any --rate wait): false skips it, uncounted
   * in the summary (expire: an outcome was recorded meanwhile by another run).
   */
  beforePost?(item: BulkItem): Promise<boolean>;
  /**
   * Where a post to a Region can go without the SDK client (`src/aws/light-call.ts`), or
   * undefined when only the SDK can resolve it. A post through the SDK client allocates about
   * 170 kB (its middleware, schema serde, endpoint rules, signer), through the light call over
   * kept-alive connections about 60 kB: a third of the garbage, and about twice the posts per
   * second on two cores.
   */
  lightTarget?(region: string | undefined): Promise<LightTarget | undefined>;
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

/**
 * Where a bulk run's results go: each waits until the ledger holds it, then is handed to
 * `onResult`, in batches. A ledger that cannot be written stops new work (`StopRun` from
 * `report`); what was posted is still reported, counted as `unrecorded`.
 */
function createResultReporter(ctx: Context, options: BulkOptions) {
  const state = { summary: { total: 0, succeeded: 0, failed: 0 } as BulkSummary, unrecorded: 0, ledgerError: undefined as EumError | undefined };
  let waiting: Array<{ result: BulkResult; item?: BulkItem }> = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const record = async (batch: Array<{ result: BulkResult }>): Promise<void> => {
    if (!options.ledger) return;
    const at = ctx.clock.now();
    const events: OutcomeEvent[] = [];
    for (const { result } of batch) {
      if (result.ok && result.messageId && result.status) events.push({ messageId: result.messageId, status: result.status, at, source: options.source });
      else if (result.abandoned && result.messageId) events.push({ messageId: result.messageId, status: 'ABANDONED', at, source: options.source });
    }
    if (events.length && state.ledgerError) state.unrecorded += events.length;
    else if (events.length) {
      try {
        await options.ledger.recordOutcomes(events);
      } catch (err) {
        // Posted but not recorded: report them anyway, start nothing new, and say so.
        state.unrecorded += events.length;
        state.ledgerError = err instanceof EumError ? err : translateAwsError(err);
      }
    }
  };
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    flushing = flushing.then(async () => {
      if (batch.length === 0) return;
      await record(batch);
      for (const { result, item } of batch) options.onResult(result, item);
    });
    return flushing;
  };
  const report = async (result: BulkResult, item?: BulkItem): Promise<void> => {
    state.summary.total++;
    if (result.ok) state.summary.succeeded++;
    else state.summary.failed++;
    waiting.push({ result, item });
    if (waiting.length >= FLUSH_EVERY) await flush();
    else timer ??= setTimeout(() => void flush(), FLUSH_MS);
    if (state.ledgerError) throw new StopRun(state.ledgerError);
  };
  return { state, report, flush };
}

/** Attempts per item unless --max-attempts says otherwise: puts are idempotent, and sustained throttling is absorbed, not reported. */
export const FEEDBACK_ATTEMPTS = 12;
const FLUSH_EVERY = 512;
const FLUSH_MS = 100;

/** Posts every item through the bulk engine, one message's outcomes in file order; results are reported once the ledger holds them. */
export async function runBulkFeedback(ctx: Context, items: AsyncIterable<BulkItem>, options: BulkOptions): Promise<BulkOutcome> {
  const { putMessageFeedback, putMessageFeedbackLight, isPermanentFeedbackRefusal } = await import('../aws/feedback.js');
  const { state, report, flush } = createResultReporter(ctx, options);
  const light = lightPoster(options);
  let skipped = 0;

  // Bad stdin lines are reported where they are read; only good items reach the engine.
  let inputError: unknown;
  async function* good(): AsyncGenerator<BulkItem> {
    try {
      for await (const item of items) {
        if (item.problem) {
          await report({
            messageId: item.messageId || null,
            status: item.status ?? null,
            ok: false,
            error: item.line ? `line ${item.line}: ${item.problem}` : item.problem,
          }).catch(() => undefined);
          if (state.ledgerError) return;
          continue;
        }
        yield item;
      }
    } catch (err) {
      // The input could not be read further (an over-long line, binary data): stop, report what was done.
      inputError = err;
    }
  }

  const run = await runBulk<BulkItem, 'posted' | 'skipped'>(ctx, good(), {
    idempotent: true,
    rate: options.rate,
    concurrency: options.concurrency,
    maxAttempts: ctx.globals.maxAttempts ?? FEEDBACK_ATTEMPTS,
    regionOf: (item) => item.region,
    keyOf: (item) => item.messageId,
    progress: { label: 'posting feedback', total: options.expectedTotal },
    call: async (item, call) => {
      if (call.attempt === 0 && options.beforePost && !(await options.beforePost(item))) return 'skipped';
      const target = await light.target(call.region);
      // One attempt per call: the engine's attempts and classification apply to both paths.
      if (target) await putMessageFeedbackLight({ ...target, signal: call.signal }, item.messageId, item.status);
      else await putMessageFeedback(call.client, item.messageId, item.status, { signal: call.signal });
      return 'posted';
    },
    onOutcome: async (item, outcome) => {
      if (outcome.kind === 'ok' && outcome.value === 'skipped') skipped++;
      else await report(resultOf(item, outcome, options.source === 'expire' && outcome.kind === 'failed' && isPermanentFeedbackRefusal(outcome.error)), item);
    },
  });
  await flush();
  light.close();
  const cause = state.ledgerError ?? run.stopped ?? inputError;
  const stopped = cause === undefined ? undefined : cause instanceof EumError ? cause : translateAwsError(cause);
  return { summary: state.summary, interrupted: run.interrupted, elapsedMs: run.elapsedMs, skipped, stopped, unrecorded: state.unrecorded };
}

/** An item's result; `abandoned`: the API refused it for good (expire sets it aside). */
function resultOf(item: BulkItem, outcome: EngineOutcome<'posted' | 'skipped'>, abandoned: boolean): BulkResult {
  const base = { messageId: item.messageId, status: item.status };
  if (outcome.kind === 'ok') return { ...base, ok: true, error: null };
  if (outcome.kind === 'unknown') return { ...base, ok: false, unknown: true, error: `outcome unknown: ${outcome.reason}; posting it again is harmless` };
  return { ...base, ok: false, error: translateAwsError(outcome.error).message, ...(abandoned ? { abandoned: true } : {}) };
}

/** The light targets of a run, one per Region, each over connections kept alive for the run (made on first use). */
function lightPoster(options: BulkOptions) {
  const targets = new Map<string, Promise<(LightTarget & { agent: import('node:http').Agent }) | undefined>>();
  return {
    /** The Region's target with the run's agent; undefined: post with the SDK client. */
    target(region: string): Promise<LightTarget | undefined> {
      if (!options.lightTarget) return Promise.resolve(undefined);
      let t = targets.get(region);
      if (!t) {
        t = Promise.all([options.lightTarget(region || undefined), import('../aws/light-call.js')]).then(
          ([target, { bulkLightTarget }]) => target && bulkLightTarget(target),
        );
        targets.set(region, t);
      }
      return t;
    },
    /** Closes the kept-alive connections. */
    close() {
      for (const t of targets.values()) t.then((target) => target?.agent.destroy()).catch(() => undefined);
    },
  };
}
