/**
 * `eum opt-out list [--list NAME] [--since 7d] [--end-user|--added]`: the numbers on a list (every
 * page, each page retried on its own), newest first. `--since` keeps numbers opted out since then
 * (the API has no time filter: eum filters the pages).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import type { OptedOutNumber } from '../../aws/opt-outs.js';
import { byWhom, listFlag, parseWho, sinceFlag, switchFlag, walkOptedOutNumbers } from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface OptOutNumbersData {
  list: string;
  listArn: string | null;
  numbers: Array<{ number: string; optedOutAt: Date | null; endUserOptedOut: boolean }>;
  summary: { total: number; byRecipient: number; byAccount: number };
}

export interface ListOptions {
  list: string;
  since?: Date;
  endUserOptedOut?: boolean;
}

/** The flags of `opt-out list` and `opt-out export`, each with its type and check. */
const listFlags = (now: Date) => ({ list: listFlag, since: sinceFlag(now), endUser: switchFlag, added: switchFlag });

export function parseListOptions(ctx: Context, opts: Record<string, unknown>): ListOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions(listFlags(ctx.clock.now()), opts, problems);
  if (problems.length) throw new InputError(problems);
  return { list: o.list, since: o.since, endUserOptedOut: parseWho(o) };
}

/** Every number on the list that matches, newest first. */
export async function readNumbers(ctx: Context, o: ListOptions): Promise<{ listName: string; listArn: string | null; numbers: OptedOutNumber[] }> {
  const numbers: OptedOutNumber[] = [];
  const since = o.since?.getTime();
  const walked = await walkOptedOutNumbers(ctx, o.list, { endUserOptedOut: o.endUserOptedOut }, (page) => {
    for (const n of page) if (since === undefined || (n.optedOutAt !== null && n.optedOutAt.getTime() >= since)) numbers.push(n);
  });
  numbers.sort((a, b) => (b.optedOutAt?.getTime() ?? 0) - (a.optedOutAt?.getTime() ?? 0) || a.number.localeCompare(b.number));
  return { listName: walked.listName, listArn: walked.listArn, numbers };
}

export async function runOptOutList(ctx: Context, o: ListOptions): Promise<CommandResult<OptOutNumbersData>> {
  const read = await readNumbers(ctx, o);
  const byRecipient = read.numbers.filter((n) => n.endUserOptedOut).length;
  const data: OptOutNumbersData = {
    list: read.listName,
    listArn: read.listArn,
    numbers: read.numbers.map((n) => ({ number: n.number, optedOutAt: n.optedOutAt, endUserOptedOut: n.endUserOptedOut })),
    summary: { total: read.numbers.length, byRecipient, byAccount: read.numbers.length - byRecipient },
  };
  const sinceText = o.since ? ` since ${o.since.toISOString()}` : '';
  return {
    data,
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'number', header: 'Number' },
          { key: 'optedOutAt', header: 'Opted out', format: (v) => (v instanceof Date ? v.toISOString().replace('T', ' ').slice(0, 19) : '') },
          { key: 'endUserOptedOut', header: 'By', format: (v) => byWhom(v === true) },
        ],
        rows: data.numbers as unknown as Record<string, unknown>[],
        empty: `No numbers on opt-out list ${read.listName}${sinceText}.`,
      },
    ],
    notes: [
      `${data.summary.total} number${data.summary.total === 1 ? '' : 's'} on ${read.listName}${sinceText} (${byRecipient} by the recipient, ${data.summary.byAccount} added by the account)`,
    ],
  };
}

export function registerOptOutList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list the numbers on an opt-out list (newest first), optionally since a time or by who opted them out')
    .option('--list <name>', 'the opt-out list (name or ARN; default: Default)')
    .option('--since <when>', 'only numbers opted out since then: a duration (7d, 12h) or a date (2026-11-01)')
    .option('--end-user', 'only numbers whose owners opted out (replied STOP)')
    .option('--added', 'only numbers the account added')
    .action(app.action(async (ctx, { opts }) => runOptOutList(ctx, parseListOptions(ctx, opts))));
  app.examples(cmd, [
    ['who opted out this week', 'eum opt-out list --since 7d'],
    ['recipients who replied STOP, from another list, as JSON', 'eum opt-out list --list acme-marketing --end-user --json'],
  ]);
}
