/**
 * `eum feedback expire`: post FAILED for every pending message older than the window.
 * Safe to run from cron again and again: each outcome is recorded as soon as it is posted, so
 * the next run skips it; a message the API refuses for good is set aside, not retried forever.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../cli/errors.js';
import { formatSeconds } from '../../core/feedback/duration.js';
import { parseOlderThan, findPending } from './pending.js';
import { DEFAULT_CONCURRENCY, itemLine, positiveNumber, summaryNote } from './put.js';
import { contextLedger } from './ledger.js';
import type { BulkItem, BulkResult } from './bulk.js';

export interface FeedbackExpireOptions {
  olderThanMs: number;
  dryRun: boolean;
  rate?: number;
  concurrency: number;
}

/** The JSON shape of `eum feedback expire --json`. */
export interface FeedbackExpireData {
  dryRun: boolean;
  olderThanSeconds: number;
  results: BulkResult[];
  summary: { total: number; succeeded: number; failed: number; abandoned: number };
}

export function parseFeedbackExpireOptions(opts: Record<string, unknown>): FeedbackExpireOptions {
  const problems: InputProblem[] = [];
  let olderThanMs = 3_600_000;
  try {
    olderThanMs = parseOlderThan(opts.olderThan, '1h');
  } catch (err) {
    problems.push(...(err as InputError).problems);
  }
  const rate = positiveNumber('--rate', opts.rate, false, problems);
  const concurrency = positiveNumber('--concurrency', opts.concurrency, true, problems) ?? DEFAULT_CONCURRENCY;
  if (problems.length) throw new InputError(problems, 'see eum feedback expire --help');
  return { olderThanMs, dryRun: opts.dryRun === true, rate, concurrency };
}

export async function runFeedbackExpire(ctx: Context, options: FeedbackExpireOptions): Promise<CommandResult<FeedbackExpireData>> {
  const { pending } = await findPending(ctx, options.olderThanMs);
  const olderThanSeconds = options.olderThanMs / 1000;
  if (options.dryRun) {
    const results: BulkResult[] = pending.map((p) => ({ messageId: p.messageId, status: 'FAILED', ok: true, error: null }));
    return {
      data: { dryRun: true, olderThanSeconds, results, summary: { total: results.length, succeeded: 0, failed: 0, abandoned: 0 } },
      views: [
        {
          kind: 'table',
          columns: [
            { key: 'messageId', header: 'Would post FAILED for' },
            { key: 'sentAt', header: 'Sent' },
            { key: 'ageSeconds', header: 'Age', align: 'right', format: (v) => formatSeconds(v as number) },
          ],
          rows: pending as unknown as Record<string, unknown>[],
          empty: `nothing to expire: no pending message is older than ${formatSeconds(olderThanSeconds)}`,
        },
      ],
      notes: [`dry run: ${pending.length} message${pending.length === 1 ? '' : 's'} would be set to FAILED; nothing was sent`],
    };
  }
  const { runBulkFeedback } = await import('./bulk.js');
  const ledger = await contextLedger(ctx);
  async function* items(): AsyncGenerator<BulkItem> {
    for (const p of pending) yield { messageId: p.messageId, status: 'FAILED', region: p.region || undefined };
  }
  const results: BulkResult[] = [];
  let abandoned = 0;
  let outcome;
  try {
    outcome = await runBulkFeedback(ctx, items(), {
      concurrency: options.concurrency,
      rate: options.rate,
      source: 'expire',
      ledger,
      expectedTotal: pending.length,
      onResult: (r) => {
        if (r.abandoned) abandoned++;
        if (ctx.globals.json) results.push(r);
        else ctx.stdout.write(itemLine(ctx, r));
      },
    });
  } finally {
    await ledger.close();
  }
  const { summary, interrupted, elapsedMs } = outcome;
  const notes = [summaryNote('posted FAILED for', summary, elapsedMs, interrupted)];
  if (pending.length === 0) notes[0] = `nothing to expire: no pending message is older than ${formatSeconds(olderThanSeconds)}`;
  if (abandoned) notes.push(`${abandoned} refused for good by the API (unknown id or feedback not enabled): set aside, not retried`);
  return {
    data: { dryRun: false, olderThanSeconds, results, summary: { ...summary, abandoned } },
    notes,
    exitCode: interrupted ? ExitCode.Interrupted : summary.failed > abandoned ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerFeedbackExpire(parent: Command, app: App): void {
  const cmd = parent
    .command('expire')
    .description('post FAILED for every pending message older than the window (safe to run from cron)')
    .option('--older-than <duration>', 'the window a user has to act (default 1h)')
    .option('--dry-run', 'list what would be set to FAILED; send nothing')
    .option('--rate <n>', 'at most n requests per second')
    .option('--concurrency <n>', `requests in flight (default ${DEFAULT_CONCURRENCY})`)
    .action(app.action(async (ctx, { opts }) => runFeedbackExpire(ctx, parseFeedbackExpireOptions(opts)), { interruptible: true }));
  app.examples(cmd, [
    ['every 5 minutes from cron: codes not entered within 10 minutes failed', '*/5 * * * * eum feedback expire --older-than 10m --quiet'],
    ['see what would be expired', 'eum feedback expire --older-than 1h --dry-run'],
  ]);
}
