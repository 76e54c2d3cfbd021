/** `eum feedback pending`: messages sent with feedback that have no outcome yet, from the ledger. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError } from '../../cli/errors.js';
import { DURATION_HINT, formatSeconds, parseDuration } from '../../core/feedback/duration.js';
import { Outcome } from '../../core/feedback/snapshot.js';
import { contextLedger } from './ledger.js';

export interface PendingMessage {
  messageId: string;
  sentAt: string;
  ageSeconds: number;
  isoCountryCode: string;
  origination: string;
  configurationSet: string;
  region: string;
}

/** The JSON shape of `eum feedback pending --json`. */
export interface FeedbackPendingData {
  olderThanSeconds: number;
  count: number;
  pending: PendingMessage[];
}

/** Parses `--older-than`; `fallback` when not given. */
export function parseOlderThan(raw: unknown, fallback: string): number {
  const text = raw === undefined ? fallback : String(raw);
  const ms = parseDuration(text);
  if (ms === undefined) throw new InputError([{ field: '--older-than', message: `"${text}" is not a duration: ${DURATION_HINT}` }]);
  return ms;
}

/** Pending messages older than `olderThanMs`, oldest first. */
export async function findPending(ctx: Context, olderThanMs: number): Promise<{ pending: PendingMessage[]; location: string }> {
  const ledger = await contextLedger(ctx);
  const snap = await ledger.scan({ details: true });
  const now = ctx.clock.now().getTime();
  const cutoff = now - olderThanMs;
  const pending: PendingMessage[] = [];
  for (let i = 0; i < snap.count; i++) {
    if (snap.feedback[i] !== 1 || snap.outcome[i] !== Outcome.None || snap.sentMs[i] > cutoff) continue;
    const d = snap.details![i];
    pending.push({
      messageId: d.messageId,
      sentAt: new Date(snap.sentMs[i]).toISOString(),
      ageSeconds: Math.round((now - snap.sentMs[i]) / 1000),
      isoCountryCode: d.isoCountryCode,
      origination: d.origination,
      configurationSet: d.configurationSet,
      region: d.region,
    });
  }
  return { pending, location: ledger.location };
}

export async function runFeedbackPending(ctx: Context, options: { olderThanMs: number }): Promise<CommandResult<FeedbackPendingData>> {
  const { pending } = await findPending(ctx, options.olderThanMs);
  return {
    data: { olderThanSeconds: options.olderThanMs / 1000, count: pending.length, pending },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'messageId', header: 'Message ID' },
          { key: 'sentAt', header: 'Sent' },
          { key: 'ageSeconds', header: 'Age', align: 'right', format: (v) => formatSeconds(v as number) },
          { key: 'isoCountryCode', header: 'Country' },
          { key: 'configurationSet', header: 'Config set' },
          { key: 'region', header: 'Region' },
        ],
        rows: pending as unknown as Record<string, unknown>[],
        empty: 'no pending messages',
      },
    ],
    notes: pending.length ? [`${pending.length} pending; post FAILED for those past the window with: eum feedback expire --older-than 1h`] : [],
  };
}

export function registerFeedbackPending(parent: Command, app: App): void {
  const cmd = parent
    .command('pending')
    .description('messages sent with feedback that have no outcome yet (from the local ledger)')
    .option('--older-than <duration>', 'only those sent longer ago than this (e.g. 10m, 1h)')
    .action(app.action(async (ctx, { opts }) => runFeedbackPending(ctx, { olderThanMs: parseOlderThan(opts.olderThan, '0s') })));
  app.examples(cmd, [
    ['every message still waiting for an outcome', 'eum feedback pending'],
    ['those older than 10 minutes, as JSON', 'eum feedback pending --older-than 10m --json'],
  ]);
}
