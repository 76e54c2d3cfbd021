/**
 * `eum feedback expire`: post FAILED for every pending message older than the window.
 *
 * Safe to run from cron, and from two CI jobs at once:
 * - one run per ledger at a time: a lock file beside the ledger (`<ledger>.expire.lock`, with the
 *   holder's pid; a lock whose process is gone is taken over). A second run exits 0 at once,
 *   saying another is running: the next scheduled run picks up what is left.
 * - the ledger is read again just before each post: a message whose outcome was recorded
 *   meanwhile (a RECEIVED from `feedback put`) is skipped, not turned into FAILED.
 * - each outcome is recorded as soon as it is posted, so the next run skips it; a message the
 *   API refuses for good is set aside, not retried forever; a message named by a damaged ledger
 *   line is left alone (its outcome may be the damaged line).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../cli/errors.js';
import { formatSeconds } from '../../core/feedback/duration.js';
import { pendingMessages, type PendingMessage } from '../../core/feedback/pending.js';
import type { LedgerSnapshot } from '../../core/feedback/snapshot.js';
import type { Ledger } from '../../store/ledger/index.js';
import type { LockHolder } from '../../store/lock.js';
import type { BulkItem, BulkResult } from '../../runtime/feedback-bulk.js';
import { parseOptions } from '../../cli/options.js';
import { concurrencyFlag, DEFAULT_CONCURRENCY, olderThanFlag, rateFlag, switchFlag } from './flags.js';
import { scanLedger } from './pending.js';
import { itemLine, stoppedError, summaryNote } from './put.js';

export interface FeedbackExpireOptions {
  olderThanMs: number;
  dryRun: boolean;
  rate?: number;
  concurrency: number;
}

/** One item of `expire --dry-run`: not posted (`ok: null`), planned. */
export interface PlannedExpiry {
  messageId: string;
  status: 'FAILED';
  ok: null;
  planned: true;
  error: null;
}

/** The JSON shape of `eum feedback expire --json`. */
export interface FeedbackExpireData {
  dryRun: boolean;
  olderThanSeconds: number;
  results: Array<BulkResult | PlannedExpiry>;
  summary: {
    total: number;
    succeeded: number;
    failed: number;
    /** Refused by the API for good: recorded as set aside, never retried. */
    abandoned: number;
    /** Dry run: would be posted. */
    planned: number;
    /** An outcome was recorded meanwhile (by `feedback put` or another run): not posted. */
    skipped: number;
    /** Named by damaged ledger lines: left alone. */
    damaged: number;
  };
  /** Ledger lines that could not be read and were ignored. */
  damagedLines: number;
  /** Another expire run holds the lock: this one did nothing. null otherwise. */
  anotherRun: LockHolder | null;
  /** Why the run stopped early (e.g. LEDGER_WRITE_FAILED), null when it did not. */
  error: { code: string; message: string } | null;
}

/** The flags of `eum feedback expire`, each with its type and check. */
const expireFlags = { olderThan: olderThanFlag('1h'), dryRun: switchFlag, rate: rateFlag, concurrency: concurrencyFlag };

export function parseFeedbackExpireOptions(opts: Record<string, unknown>): FeedbackExpireOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions(expireFlags, opts, problems);
  if (problems.length) throw new InputError(problems, 'see eum feedback expire --help');
  return { olderThanMs: o.olderThan, dryRun: o.dryRun, rate: o.rate, concurrency: o.concurrency };
}

const emptySummary = () => ({ total: 0, succeeded: 0, failed: 0, abandoned: 0, planned: 0, skipped: 0, damaged: 0 });

export async function runFeedbackExpire(ctx: Context, options: FeedbackExpireOptions): Promise<CommandResult<FeedbackExpireData>> {
  const olderThanSeconds = options.olderThanMs / 1000;
  const { ledgerFor, LedgerError } = await import('../../store/ledger/index.js');
  let release: (() => Promise<void>) | undefined;
  if (!options.dryRun) {
    const { tryLock } = await import('../../store/lock.js');
    const lockFile = `${ledgerFor(ctx.stateDir, ctx.globals).location}.expire.lock`;
    const lock = await tryLock(lockFile, ctx.clock.now()).catch((err: unknown) => {
      throw new LedgerError('write', lockFile, err);
    });
    if (!lock.acquired) {
      const who = lock.holder ? `pid ${lock.holder.pid}${lock.holder.host ? ` on ${lock.holder.host}` : ''}, since ${lock.holder.since}` : 'starting';
      return {
        data: { dryRun: false, olderThanSeconds, results: [], summary: emptySummary(), damagedLines: 0, anotherRun: lock.holder ?? null, error: null },
        notes: [`another eum feedback expire is running for this ledger (${who}): nothing done; the next run picks up what is left`],
      };
    }
    release = lock.release;
  }
  try {
    return await expire(ctx, options);
  } finally {
    await release?.();
  }
}

async function expire(ctx: Context, options: FeedbackExpireOptions): Promise<CommandResult<FeedbackExpireData>> {
  const { ledger, snap } = await scanLedger(ctx);
  const all = pendingMessages(snap, ctx.clock.now().getTime(), options.olderThanMs);
  const pending = all.filter((p) => !p.damaged);
  const damaged = all.length - pending.length;
  // A warning, not a note: shown with --quiet and --json too.
  if (damaged)
    ctx.log.warn(
      `${damaged} pending message${damaged === 1 ? '' : 's'} named by damaged ledger lines left alone: check them and post their outcome with eum feedback put`,
    );
  if (options.dryRun) return dryRun(options, pending, damaged, snap.damagedLines);
  return postFailed(ctx, options, { ledger, snap, pending, damaged });
}

/** `--dry-run`: what would be set to FAILED; exit 3 when there is something. */
function dryRun(options: FeedbackExpireOptions, pending: PendingMessage[], damaged: number, damagedLines: number): CommandResult<FeedbackExpireData> {
  const olderThanSeconds = options.olderThanMs / 1000;
  const results: PlannedExpiry[] = pending.map((p) => ({ messageId: p.messageId, status: 'FAILED', ok: null, planned: true, error: null }));
  const notes = [`dry run: ${pending.length} message${pending.length === 1 ? '' : 's'} would be set to FAILED; nothing was sent`];
  return {
    data: {
      dryRun: true,
      olderThanSeconds,
      results,
      summary: { ...emptySummary(), total: results.length, planned: results.length, damaged },
      damagedLines,
      anotherRun: null,
      error: null,
    },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'messageId', header: 'Would post FAILED for' },
          { key: 'sentAt', header: 'Sent (UTC)' },
          { key: 'ageSeconds', header: 'Age', align: 'right', format: (v) => formatSeconds(v as number) },
        ],
        rows: pending as unknown as Record<string, unknown>[],
        empty: `nothing to expire: no pending message is older than ${formatSeconds(olderThanSeconds)}`,
      },
    ],
    notes,
    // As `sender-id bulk --dry-run`: 3 when something would change.
    exitCode: pending.length > 0 ? ExitCode.Pending : ExitCode.Ok,
  };
}

/**
 * Outcomes other runs recorded since the scan, read again before each post (one read at a time):
 * false for a message decided meanwhile.
 */
function notDecidedSince(ledger: Ledger, position: number): (item: BulkItem) => Promise<boolean> {
  const decided = new Set<string>();
  let reading: Promise<void> = Promise.resolve();
  return async (item) => {
    reading = reading.then(async () => {
      const since = await ledger.outcomesSince(position);
      position = since.position;
      for (const id of since.outcomes.keys()) decided.add(id);
    });
    await reading;
    return !decided.has(item.messageId);
  };
}

/** Posts FAILED for each pending message through the bulk engine, recording each outcome. */
async function postFailed(
  ctx: Context,
  options: FeedbackExpireOptions,
  scan: { ledger: Ledger; snap: LedgerSnapshot; pending: PendingMessage[]; damaged: number },
): Promise<CommandResult<FeedbackExpireData>> {
  const { ledger, snap, pending, damaged } = scan;
  const olderThanSeconds = options.olderThanMs / 1000;
  const { runBulkFeedback } = await import('../../runtime/feedback-bulk.js');
  async function* items(): AsyncGenerator<BulkItem> {
    for (const p of pending) yield { messageId: p.messageId, status: 'FAILED', region: p.region ?? undefined };
  }
  const results: BulkResult[] = [];
  let abandoned = 0;
  let outcome: Awaited<ReturnType<typeof runBulkFeedback>>;
  try {
    outcome = await runBulkFeedback(ctx, items(), {
      concurrency: options.concurrency,
      rate: options.rate,
      source: 'expire',
      ledger,
      expectedTotal: pending.length,
      lightTarget: async (region) => (await import('../../cli/sms-factory.js')).lightTargetFor(ctx, region),
      beforePost: notDecidedSince(ledger, snap.position),
      onResult: (r) => {
        if (r.abandoned) abandoned++;
        if (ctx.globals.json) results.push(r);
        else ctx.stdout.write(itemLine(ctx, r));
      },
    });
  } finally {
    await ledger.close();
  }
  const { summary, interrupted, elapsedMs, skipped, stopped } = outcome;
  const notes = [summaryNote('posted FAILED for', summary, elapsedMs, interrupted)];
  if (pending.length === 0)
    notes[0] = damaged
      ? 'nothing expired: every pending message past the window is named by damaged ledger lines'
      : `nothing to expire: no pending message is older than ${formatSeconds(olderThanSeconds)}`;
  if (skipped) notes.push(`${skipped} skipped: an outcome was recorded for them meanwhile`);
  if (abandoned) notes.push(`${abandoned} refused for good by the API (unknown id or feedback not enabled): set aside, not retried`);
  const error = stoppedError(ctx, outcome);
  return {
    data: {
      dryRun: false,
      olderThanSeconds,
      results,
      summary: { ...summary, abandoned, planned: 0, skipped, damaged },
      damagedLines: snap.damagedLines,
      anotherRun: null,
      error,
    },
    notes,
    exitCode: stopped ? stopped.exitCode : interrupted ? ExitCode.Interrupted : summary.failed > abandoned ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerFeedbackExpire(parent: Command, app: App): void {
  const cmd = parent
    .command('expire')
    .description('post FAILED for every pending message older than the window (safe to run from cron, one run at a time)')
    .option('--older-than <duration>', 'the window a user has to act (default 1h)')
    .option('--dry-run', 'list what would be set to FAILED; send nothing (exit 3 when there is something)')
    .option('--rate <n>', 'at most n requests per second')
    .option('--concurrency <n>', `requests in flight (default ${DEFAULT_CONCURRENCY})`)
    .action(app.action(async (ctx, { opts }) => runFeedbackExpire(ctx, parseFeedbackExpireOptions(opts)), { interruptible: true }));
  app.examples(cmd, [
    ['every 5 minutes from cron: codes not entered within 10 minutes failed', '*/5 * * * * eum feedback expire --older-than 10m --quiet'],
    ['see what would be expired (exit 3 when something would be)', 'eum feedback expire --older-than 1h --dry-run'],
  ]);
}
