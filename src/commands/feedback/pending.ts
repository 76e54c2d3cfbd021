/** `eum feedback pending`: messages sent with feedback that have no outcome yet, from the ledger. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { parseOptions } from '../../cli/options.js';
import { DURATION_HINT } from '../../core/duration.js';
import { formatSeconds } from '../../core/feedback/duration.js';
import { olderThanFlag } from './flags.js';
import { pendingMessages, type PendingMessage } from '../../core/feedback/pending.js';
import type { LedgerSnapshot } from '../../core/feedback/snapshot.js';
import type { Ledger } from '../../store/ledger/index.js';

export type { PendingMessage };

/** The JSON shape of `eum feedback pending --json`. */
export interface FeedbackPendingData {
  olderThanSeconds: number;
  count: number;
  pending: PendingMessage[];
  /** Ledger lines that could not be read and were ignored (their numbers are on stderr). */
  damagedLines: number;
}

/** The flags of `eum feedback pending`, each with its type and check. */
const pendingFlags = { olderThan: olderThanFlag('0s') };

export function parseFeedbackPendingOptions(opts: Record<string, unknown>): { olderThanMs: number } {
  const problems: InputProblem[] = [];
  const o = parseOptions(pendingFlags, opts, problems);
  if (problems.length) throw new InputError(problems, `--older-than takes ${DURATION_HINT}`);
  return { olderThanMs: o.olderThan };
}

/** The ledger of this invocation's target, scanned with details; damaged lines are named on stderr. */
export async function scanLedger(ctx: Context): Promise<{ ledger: Ledger; snap: LedgerSnapshot }> {
  const { ledgerFor, damageWarnings } = await import('../../store/ledger/index.js');
  const ledger = ledgerFor(ctx.stateDir, ctx.globals);
  const snap = await ledger.scan({ details: true });
  for (const w of damageWarnings(snap, ledger.location)) ctx.log.warn(w);
  return { ledger, snap };
}

export async function runFeedbackPending(ctx: Context, options: { olderThanMs: number }): Promise<CommandResult<FeedbackPendingData>> {
  const { snap } = await scanLedger(ctx);
  const pending = pendingMessages(snap, ctx.clock.now().getTime(), options.olderThanMs);
  const damaged = pending.filter((p) => p.damaged).length;
  const notes = pending.length ? [`${pending.length} pending; post FAILED for those past the window with: eum feedback expire --older-than 1h`] : [];
  if (damaged)
    notes.push(`${damaged} of them named by damaged ledger lines: expire leaves them alone; check them and post their outcome with eum feedback put`);
  return {
    data: { olderThanSeconds: options.olderThanMs / 1000, count: pending.length, pending, damagedLines: snap.damagedLines },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'messageId', header: 'Message ID' },
          { key: 'sentAt', header: 'Sent (UTC)' },
          { key: 'ageSeconds', header: 'Age', align: 'right', format: (v) => formatSeconds(v as number) },
          { key: 'isoCountryCode', header: 'Country' },
          { key: 'configurationSet', header: 'Config set' },
          { key: 'region', header: 'Region' },
          { key: 'damaged', header: 'Damaged', format: (v) => (v ? 'yes' : '') },
        ],
        rows: pending as unknown as Record<string, unknown>[],
        empty: 'no pending messages',
      },
    ],
    notes,
  };
}

export function registerFeedbackPending(parent: Command, app: App): void {
  const cmd = parent
    .command('pending')
    .description('messages sent with feedback that have no outcome yet (from the local ledger)')
    .option('--older-than <duration>', 'only those sent longer ago than this (e.g. 10m, 1h)')
    .action(app.action(async (ctx, { opts }) => runFeedbackPending(ctx, parseFeedbackPendingOptions(opts))));
  app.examples(cmd, [
    ['every message still waiting for an outcome', 'eum feedback pending'],
    ['those older than 10 minutes, as JSON', 'eum feedback pending --older-than 10m --json'],
  ]);
}
