/**
 * The bulk engine: every command that makes many calls (sender-id bulk and release, feedback put
 * --file and expire, registration field writes, protect apply) runs them through `runBulk`, and
 * one-shot calls that need eum's own retries (`eum send`, the first read of a bulk run) through
 * `callWithRetry`. One policy for all:
 *
 * - **Items** come from an array or a stream (read as work frees up: bounded memory). Each item
 *   goes to the lane of its Region (`regionOf`), and within it of its `laneOf` key (a send's
 *   origination identity, at its own `laneRate`); lanes run in parallel.
 * - **Rate**: a token bucket per Region at `rate` calls per second (`src/core/rate.ts`); every
 *   attempt, retries included, takes a token, so retries never burst past the rate. A throttled
 *   attempt gives its token back (the service did not serve it).
 * - **Concurrency**: at most `concurrency` calls in flight per lane (`laneConcurrency` for `laneOf` lanes).
 * - **Attempts**: the SDK's own retries are off for the engine's clients (`maxAttempts: 1`); the
 *   engine tries an item up to `maxAttempts` times, with the shared backoff with full jitter.
 * - **Classification** (`src/aws/retry.ts`): throttling and errors where the service certainly
 *   did not act are retried for every call; server errors, dropped connections and read timeouts
 *   only for idempotent calls (`idempotent: true`); for the others the outcome is `unknown`.
 * - **Order**: items with the same `keyOf` run one after another, in input order.
 * - **Outcomes** are handed to `onOutcome` one at a time, in order of completion, each awaited
 *   before the next (a journal or ledger write). If it throws (a journal that cannot be written),
 *   no new work starts, the calls in flight finish, and the run returns with `stopped` set.
 * - **Ctrl-C / SIGTERM** (`ctx.signal`): no new call starts; calls in flight get `graceMs` to
 *   finish, then they are aborted (`signal` of the call) and reported `unknown` (they may have
 *   taken effect). Items not started are `unfinished` (`onUnfinished`). The second Ctrl-C
 *   (`ctx.hardSignal`) aborts them at once.
 * - **Progress** on stderr, only when it is a terminal (`src/cli/progress.ts`).
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { Context } from '../cli/context.js';
import { InputError, InterruptedError } from '../errors.js';
import { ambiguityReason, classifyError, isRetryClass, type ErrorClass } from '../aws/retry.js';
import { backoffMs, createTokenBucket, MAX_RATE, MIN_RATE, THROTTLE_MIN_WAIT_MS, type TokenBucket } from '../core/rate.js';
import { setMaxListeners } from 'node:events';

/** Attempts per item when neither the command, --max-attempts nor EUM_MAX_ATTEMPTS says otherwise. */
export const BULK_ATTEMPTS = 8;

/** What a call receives besides its item. */
export interface CallContext {
  /** A client of the item's Region without SDK retries (the engine retries). */
  client: PinpointSMSVoiceV2Client;
  region: string;
  /** Pass to the SDK: `client.send(command, { abortSignal: call.signal })`. Aborted on Ctrl-C after the grace period. */
  signal: AbortSignal;
  /** 0 for the first attempt. */
  attempt: number;
}

/** How one item ended. */
export type BulkOutcome<R> =
  | { kind: 'ok'; value: R; attempts: number }
  /** The service refused (permanent), or attempts ran out; it did not act on the last attempt, or the call is idempotent. */
  | { kind: 'failed'; error: unknown; errorClass: ErrorClass; attempts: number }
  /** The call may have taken effect and is not repeated: say so, with `reason`. */
  | { kind: 'unknown'; error: unknown; reason: string; attempts: number };

export interface BulkOptions<I, R> {
  /** Repeating the call cannot do its work twice (reads, ClientToken calls, puts, releases). Sends: false. Per item where a run mixes both. */
  idempotent: boolean | ((item: I) => boolean);
  /** One attempt at one item. Throw what the SDK throws; throw `StopRun` to end the whole run. */
  call(item: I, call: CallContext): Promise<R>;
  /** Each item's outcome, one at a time, awaited. Keep it in memory before writing it where that can fail. */
  onOutcome(item: I, outcome: BulkOutcome<R>): void | Promise<void>;
  /** Items never started (Ctrl-C, a stop). */
  onUnfinished?(item: I): void;
  /** Calls per second in each Region (token bucket); undefined: no pacing. */
  rate?: number;
  /** Calls in flight per Region; default from the rate (2 per call a second, 2 to 64), else 16. */
  concurrency?: number;
  /** Attempts per item; default --max-attempts / EUM_MAX_ATTEMPTS, else `BULK_ATTEMPTS`. */
  maxAttempts?: number;
  /** The item's Region; undefined: the context's. */
  regionOf?(item: I): string | undefined;
  /** Items with the same key run one after another, in input order (e.g. one message's outcomes). */
  keyOf?(item: I): string;
  /**
   * A lane within the item's Region (e.g. its origination identity): each lane has its own token
   * bucket at `laneRate(lane)` (default `rate`) and its own concurrency. Undefined: one lane per Region.
   */
  laneOf?(item: I): string | undefined;
  /** The rate of a lane named by `laneOf` (calls, or `costOf` units, per second); undefined: `rate`. */
  laneRate?(lane: string): number | undefined;
  /** Calls in flight in a lane named by `laneOf`; undefined: `concurrency`, else from the lane's rate. */
  laneConcurrency?(lane: string): number | undefined;
  /** Tokens an attempt takes from its lane's bucket (e.g. message parts); default 1. */
  costOf?(item: I): number;
  /** Drawn on stderr when it is a terminal and not --quiet. `total` defaults to the array's length (a stream: a count). */
  progress?: {
    label: string;
    total?: number;
    /** Items per second before any has finished (the first ETA); default `rate`. */
    expectedRate?: number;
    /** Shown after the counts, asked for at each redraw. */
    live?: () => string | undefined;
  };
  /** How long calls in flight may finish after Ctrl-C before they are aborted (default 1000 ms). */
  graceMs?: number;
  /** Backoff after a failed attempt: full jitter up to min(capMs, baseMs * 2^attempt). Default base min(1000, 1000/rate) or 250, cap 20 s. */
  backoff?: { baseMs?: number; capMs?: number };
}

export interface BulkRun {
  /** Ctrl-C or SIGTERM stopped the run. */
  interrupted: boolean;
  /** Why the run stopped early (an `onOutcome` that threw, a `StopRun`), else undefined. */
  stopped?: unknown;
  /** Items never started. */
  unfinished: number;
  counts: { ok: number; failed: number; unknown: number };
  elapsedMs: number;
}

/** Thrown by a `call` (or `onOutcome`) to end the run: no new work; what is in flight finishes. */
export class StopRun extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
    this.name = 'StopRun';
  }
}

/** Calls in flight per Region for a rate: enough to keep the rate with slow answers, never a crowd. */
export function concurrencyFor(rate: number | undefined): number {
  if (rate === undefined) return 16;
  return Math.min(64, Math.max(2, Math.ceil(rate * 2)));
}

/** Errors that no item can get past (no credentials, no Region): the run stops at the first. */
function isFatal(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  return e?.name === 'CredentialsProviderError' || /region is missing/i.test(e?.message ?? '');
}

interface Lane<I> {
  region: string;
  bucket?: TokenBucket;
  queue: I[];
  active: number;
  concurrency: number;
  client: Promise<PinpointSMSVoiceV2Client>;
}

/** The engine's client for a Region: no SDK retries (attempts are the engine's). */
export function engineClient(ctx: Context, region: string | undefined): Promise<PinpointSMSVoiceV2Client> {
  return ctx.smsFor(region ?? ctx.region() ?? '', { maxAttempts: 1 });
}

/** Runs every item; see the module comment for the policy. */
export async function runBulk<I, R>(ctx: Context, items: Iterable<I> | AsyncIterable<I>, options: BulkOptions<I, R>): Promise<BulkRun> {
  const started = Date.now();
  const maxAttempts = options.maxAttempts ?? ctx.globals.maxAttempts ?? BULK_ATTEMPTS;
  const baseMs = options.backoff?.baseMs ?? (options.rate ? Math.min(1000, 1000 / options.rate) : 250);
  const capMs = options.backoff?.capMs ?? 20_000;
  const bounded = !Array.isArray(items);
  const counts = { ok: 0, failed: 0, unknown: 0 };
  let unfinished = 0;
  let stopped: unknown;
  let stopping = false;
  const halted = () => stopping || ctx.signal.aborted;

  if (options.rate !== undefined && !(options.rate >= MIN_RATE && options.rate <= MAX_RATE)) {
    // Commands check --rate while parsing; this keeps a timer from being asked for the impossible.
    throw new InputError([{ field: '--rate', message: `${options.rate} is not a rate: requests per second, from ${MIN_RATE} to ${MAX_RATE}` }]);
  }
  // Ctrl-C: calls in flight get a grace period, then their requests are aborted.
  const inner = new AbortController();
  // Every call in flight listens on it (the SDK adds one listener per request).
  setMaxListeners(0, inner.signal);
  let graceTimer: NodeJS.Timeout | undefined;
  const onInterrupt = () => {
    graceTimer = setTimeout(() => inner.abort(), options.graceMs ?? 1000);
    wake();
  };
  if (ctx.signal.aborted) inner.abort();
  else ctx.signal.addEventListener('abort', onInterrupt, { once: true });
  // The second Ctrl-C: no grace.
  const onHardInterrupt = () => {
    clearTimeout(graceTimer);
    inner.abort();
    wake();
  };
  if (ctx.hardSignal?.aborted) inner.abort();
  else ctx.hardSignal?.addEventListener('abort', onHardInterrupt, { once: true });
  // A long run's garbage would grow V8's young generation to 128 MB: the process holds it smaller (src/cli/heap.ts).
  const releaseHeap = ctx.heap?.hold();

  // Wakes the reader when work finishes (or Ctrl-C).
  let wake: () => void = () => undefined;
  let changed = Promise.resolve();
  const rearm = () => {
    changed = new Promise<void>((resolve) => (wake = resolve));
  };
  rearm();
  const waitForChange = async () => {
    await changed;
    rearm();
  };

  const stop = (reason: unknown) => {
    if (!stopping) stopped = reason instanceof StopRun ? reason.reason : reason;
    stopping = true;
    wake();
  };

  const progress = options.progress
    ? await startProgress(
        ctx,
        options.progress.label,
        options.progress.total ?? (Array.isArray(items) ? items.length : undefined),
        options.progress.expectedRate ?? options.rate,
        options.progress.live,
      )
    : undefined;
  let done = 0;

  // Outcomes are reported one at a time, in order of completion.
  let reporting: Promise<void> = Promise.resolve();
  const report = (item: I, outcome: BulkOutcome<R>): Promise<void> => {
    counts[outcome.kind]++;
    reporting = reporting.then(async () => {
      try {
        await options.onOutcome(item, outcome);
      } catch (err) {
        stop(err);
      }
      done++;
      progress?.update(done, counts.failed + counts.unknown ? `${counts.failed} failed${counts.unknown ? `, ${counts.unknown} unknown` : ''}` : undefined);
    });
    return reporting;
  };
  const leave = (item: I) => {
    unfinished++;
    options.onUnfinished?.(item);
  };

  const lanes = new Map<string, Lane<I>>();
  const laneFor = (item: I): Lane<I> => {
    const region = options.regionOf?.(item) ?? ctx.region() ?? '';
    const sub = options.laneOf?.(item);
    const name = sub === undefined ? region : `${region}\u0000${sub}`;
    let lane = lanes.get(name);
    if (!lane) {
      const rate = (sub !== undefined ? options.laneRate?.(sub) : undefined) ?? options.rate;
      const laneConcurrency = (sub !== undefined ? options.laneConcurrency?.(sub) : undefined) ?? options.concurrency ?? concurrencyFor(rate);
      lane = {
        region,
        bucket: rate ? createTokenBucket(rate) : undefined,
        queue: [],
        active: 0,
        concurrency: laneConcurrency,
        client: engineClient(ctx, region || undefined),
      };
      // A client that cannot be built fails each item's call, not the process.
      lane.client.catch(() => undefined);
      lanes.set(name, lane);
    }
    return lane;
  };

  const cost = (item: I) => Math.max(1, options.costOf?.(item) ?? 1);
  const attemptItem = async (lane: Lane<I>, item: I): Promise<void> => {
    let lastError: unknown;
    let lastClass: ErrorClass = 'retry';
    for (let attempt = 0; ; attempt++) {
      if (lane.bucket) {
        // An item that costs n tokens reserves them all; the last one's wait is the item's.
        let wait = 0;
        for (let i = 0; i < cost(item); i++) wait = lane.bucket.take(Date.now());
        if (wait > 0) await ctx.clock.sleep(wait, ctx.signal);
      }
      if (halted()) {
        if (attempt === 0) leave(item);
        else await report(item, { kind: 'failed', error: lastError, errorClass: lastClass, attempts: attempt });
        return;
      }
      try {
        const client = await lane.client;
        const value = await options.call(item, { client, region: lane.region, signal: inner.signal, attempt });
        await report(item, { kind: 'ok', value, attempts: attempt + 1 });
        return;
      } catch (err) {
        if (err instanceof StopRun) {
          stop(err);
          leave(item);
          return;
        }
        lastError = err;
        lastClass = classifyError(err, { idempotent: typeof options.idempotent === 'function' ? options.idempotent(item) : options.idempotent });
        if (lastClass === 'ambiguous') {
          await report(item, { kind: 'unknown', error: err, reason: ambiguityReason(err), attempts: attempt + 1 });
          return;
        }
        if (isFatal(err)) stop(err);
        if (isRetryClass(lastClass) && attempt + 1 < maxAttempts && !halted()) {
          if (lastClass === 'throttle') for (let i = 0; i < cost(item); i++) lane.bucket?.refund();
          await ctx.clock.sleep(backoffMs(attempt, Math.random(), baseMs, capMs), ctx.signal);
          continue;
        }
        await report(item, { kind: 'failed', error: err, errorClass: lastClass, attempts: attempt + 1 });
        return;
      }
    }
  };

  // Items with the same key wait here behind the one running.
  const keyWaiting = new Map<string, I[]>();
  const inFlight = new Set<Promise<void>>();
  const launch = (lane: Lane<I>, item: I, key: string | undefined) => {
    lane.active++;
    const p: Promise<void> = attemptItem(lane, item).finally(() => {
      lane.active--;
      inFlight.delete(p);
      if (key !== undefined) {
        const next = keyWaiting.get(key)!.shift();
        if (next === undefined) keyWaiting.delete(key);
        else if (halted()) {
          for (const left of [next, ...keyWaiting.get(key)!]) leave(left);
          keyWaiting.delete(key);
        } else launch(laneFor(next), next, key);
      }
      fill(lane);
      wake();
    });
    inFlight.add(p);
  };
  const fill = (lane: Lane<I>) => {
    while (!halted() && lane.active < lane.concurrency && lane.queue.length > 0) {
      const item = lane.queue.shift()!;
      const key = options.keyOf?.(item);
      if (key !== undefined) {
        const waiting = keyWaiting.get(key);
        if (waiting) {
          waiting.push(item);
          continue;
        }
        keyWaiting.set(key, []);
      }
      launch(lane, item, key);
    }
  };

  try {
    try {
      let index = 0;
      for await (const item of items) {
        index++;
        if (halted()) {
          // What was read (an array: everything left) was never started.
          leave(item);
          if (Array.isArray(items)) for (const rest of items.slice(index)) leave(rest);
          break;
        }
        const lane = laneFor(item);
        lane.queue.push(item);
        fill(lane);
        // A stream is read only as work frees up, so memory stays bounded.
        while (bounded && !halted() && lane.queue.length >= lane.concurrency) await waitForChange();
      }
    } catch (err) {
      // The items' source failed (an unreadable file): stop, and say why.
      stop(err);
    }
    while (inFlight.size > 0 || (!halted() && [...lanes.values()].some((l) => l.queue.length > 0))) await waitForChange();
    for (const lane of lanes.values()) for (const item of lane.queue.splice(0)) leave(item);
    for (const waiting of keyWaiting.values()) for (const item of waiting.splice(0)) leave(item);
    await reporting;
  } finally {
    clearTimeout(graceTimer);
    ctx.signal.removeEventListener('abort', onInterrupt);
    ctx.hardSignal?.removeEventListener('abort', onHardInterrupt);
    progress?.stop();
    releaseHeap?.();
  }
  return { interrupted: ctx.signal.aborted, stopped, unfinished, counts, elapsedMs: Date.now() - started };
}

async function startProgress(ctx: Context, label: string, total: number | undefined, rate: number | undefined, live?: () => string | undefined) {
  const { createProgress } = await import('../cli/progress.js');
  return createProgress(ctx, { label, total, expectedRate: rate, live });
}

export interface RetryOptions {
  idempotent: boolean;
  /** The Region of the call; undefined: the context's. */
  region?: string;
  /** Default --max-attempts / EUM_MAX_ATTEMPTS, else 3 (one-shot calls) . */
  maxAttempts?: number;
  /** Shared pacing (a bulk command's bucket for its first read); throttled attempts refund it. */
  bucket?: TokenBucket;
  /** Backoff after a failed attempt: full jitter up to min(capMs, baseMs * 2^attempt), default base 250 ms, cap 20 s; after a throttle, THROTTLE_MIN_WAIT_MS more. */
  backoff?: { baseMs?: number; capMs?: number };
}

/**
 * One call with the engine's attempts and classification, for one-shot commands and the reads
 * around a bulk run. Returns the outcome: `ok`, `failed` (the service did not act, or the call is
 * idempotent), or `unknown` (it may have acted; never repeated). Ctrl-C aborts the request at once.
 */
export async function callWithRetry<R>(ctx: Context, fn: (call: CallContext) => Promise<R>, options: RetryOptions): Promise<BulkOutcome<R>> {
  const maxAttempts = options.maxAttempts ?? ctx.globals.maxAttempts ?? 3;
  const baseMs = options.backoff?.baseMs ?? 250;
  const capMs = options.backoff?.capMs ?? 20_000;
  const region = options.region ?? ctx.region() ?? '';
  for (let attempt = 0; ; attempt++) {
    const wait = options.bucket?.take(Date.now()) ?? 0;
    if (wait > 0) await ctx.clock.sleep(wait, ctx.signal);
    let error: unknown;
    try {
      const client = await engineClient(ctx, region || undefined);
      if (ctx.signal.aborted) throw Object.assign(new Error('interrupted before the request was sent'), { name: 'AbortError', notSent: true });
      return { kind: 'ok', value: await fn({ client, region, signal: ctx.signal, attempt }), attempts: attempt + 1 };
    } catch (err) {
      error = err;
    }
    if ((error as { notSent?: boolean }).notSent) return { kind: 'failed', error, errorClass: 'permanent', attempts: attempt };
    const errorClass = classifyError(error, { idempotent: options.idempotent });
    if (errorClass === 'ambiguous') return { kind: 'unknown', error, reason: ambiguityReason(error), attempts: attempt + 1 };
    if (!isRetryClass(errorClass) || attempt + 1 >= maxAttempts || ctx.signal.aborted || isFatal(error))
      return { kind: 'failed', error, errorClass, attempts: attempt + 1 };
    if (errorClass === 'throttle') options.bucket?.refund();
    // A throttle means the account's bucket is empty: at 1 request/s it refills in a second, so
    // a throttled attempt waits that second plus the jittered backoff (no bucket paces one-shot calls).
    const jitter = backoffMs(attempt, Math.random(), baseMs, capMs);
    await ctx.clock.sleep(errorClass === 'throttle' ? THROTTLE_MIN_WAIT_MS + jitter : jitter, ctx.signal);
  }
}

/** `callWithRetry` for reads: returns the value, or throws the last error (an `unknown` read is a failed read). */
export async function readWithRetry<R>(ctx: Context, fn: (call: CallContext) => Promise<R>, options: Omit<RetryOptions, 'idempotent'> = {}): Promise<R> {
  const outcome = await callWithRetry(ctx, fn, { ...options, idempotent: true });
  if (outcome.kind === 'ok') return outcome.value;
  if (ctx.signal.aborted) throw new InterruptedError();
  throw outcome.error;
}
