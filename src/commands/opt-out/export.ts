/**
 * `eum opt-out export [--list NAME] [--since ...]`: the numbers on a list as CSV on stdout
 * (`phoneNumber,optedOutAt,endUserOptedOut`), written page by page (bounded memory). The numbers
 * are not masked: this is the account's own data, for its records or `eum opt-out import`.
 * Under --json, the same shape as `eum opt-out list --json`.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { walkOptedOutNumbers } from './options.js';
import { parseListOptions, runOptOutList, type ListOptions } from './list.js';

export const CSV_HEADER = 'phoneNumber,optedOutAt,endUserOptedOut';

export async function runOptOutExport(ctx: Context, o: ListOptions): Promise<CommandResult<unknown>> {
  if (ctx.globals.json) return runOptOutList(ctx, o);
  const since = o.since?.getTime();
  let total = 0;
  let header = false;
  const walked = await walkOptedOutNumbers(ctx, o.list, { endUserOptedOut: o.endUserOptedOut }, (page) => {
    // The header once the first page came back: a missing list prints nothing on stdout.
    let chunk = header ? '' : `${CSV_HEADER}\n`;
    header = true;
    for (const n of page) {
      if (since !== undefined && (n.optedOutAt === null || n.optedOutAt.getTime() < since)) continue;
      // E.164 numbers and ISO times need no CSV quoting.
      chunk += `${n.number},${n.optedOutAt?.toISOString() ?? ''},${n.endUserOptedOut}\n`;
      total++;
    }
    if (chunk) ctx.stdout.write(chunk);
  });
  return {
    data: undefined,
    notes: [`exported ${total} number${total === 1 ? '' : 's'} from ${walked.listName} (${walked.pages} page${walked.pages === 1 ? '' : 's'})`],
  };
}

export function registerOptOutExport(parent: Command, app: App): void {
  const cmd = parent
    .command('export')
    .description('write the numbers on an opt-out list as CSV on stdout (phoneNumber,optedOutAt,endUserOptedOut)')
    .option('--list <name>', 'the opt-out list (name or ARN; default: Default)')
    .option('--since <when>', 'only numbers opted out since then: a duration (7d) or a date (2026-11-01)')
    .option('--end-user', 'only numbers whose owners opted out (replied STOP)')
    .option('--added', 'only numbers the account added')
    .action(app.action(async (ctx, { opts }) => runOptOutExport(ctx, parseListOptions(ctx, opts))));
  app.examples(cmd, [
    ['keep a copy of the list', 'eum opt-out export > opt-outs.csv'],
    ['copy one list into another', 'eum opt-out export --list old | eum opt-out import - --list new'],
  ]);
}
