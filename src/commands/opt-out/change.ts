/**
 * `eum opt-out add`, `remove` and `import FILE`: numbers onto or off a list through the bulk engine
 * (--rate, retries, Ctrl-C with partial results). Every number is checked before any call.
 * Removing asks first (--yes), and keeps numbers whose owners opted out themselves unless
 * --include-end-user: sending to them again needs their consent.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { translateAwsError } from '../../aws/errors.js';
import { MAX_NUMBERS, checkNumbers, listFlag, numberProblem, rateFlag, switchFlag } from './options.js';
import { parseOptions } from '../../cli/options.js';
import { CSV_HEADER } from './export.js';

export type ChangeStatus = 'added' | 'removed' | 'not-on-list' | 'kept' | 'planned' | 'failed' | 'unknown';

export interface ChangeResult {
  number: string;
  status: ChangeStatus;
  optedOutAt: Date | null;
  endUserOptedOut: boolean | null;
  error: string | null;
}

export interface OptOutChangeData {
  list: string;
  results: ChangeResult[];
  summary: { total: number; added: number; removed: number; notOnList: number; kept: number; failed: number; unknown: number; unfinished: number };
}

interface ChangeOptions {
  list: string;
  numbers: string[];
  rate: number;
  dryRun: boolean;
  includeEndUser: boolean;
}

/** The most an import file may hold: 100,000 numbers of 16 characters and some columns each. */
export const IMPORT_LIMIT_BYTES = 8 * 1024 * 1024;

/** The flags of `opt-out add`, `remove` and `import`, each with its type and check. */
const changeFlags = { list: listFlag, rate: rateFlag(10), dryRun: switchFlag, includeEndUser: switchFlag };

export function parseChangeOptions(numbers: string[], opts: Record<string, unknown>, problems: InputProblem[], field = '<numbers>'): ChangeOptions {
  const checked = field === '<numbers>' ? checkNumbers(numbers, field, problems) : numbers;
  return { numbers: checked, ...parseOptions(changeFlags, opts, problems) };
}

/**
 * Numbers from an import file: one a line, the first column of a CSV (a header line and other
 * columns are allowed, as `eum opt-out export` writes them), blank lines and # comments skipped.
 * Every bad line is a problem naming its line number.
 */
export function parseImportText(text: string, shown: string, problems: InputProblem[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  let bad = 0;
  lines.forEach((line, i) => {
    const first = line
      .split(',')[0]!
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (first === '' || first.startsWith('#')) return;
    if (i === 0 && !/^\+?\d/.test(first)) return; // a header
    const p = numberProblem(first);
    if (p) {
      // Every problem is counted; the first 100 are listed (--json lists them too).
      if (++bad <= 100) problems.push({ field: `${shown} line ${i + 1}`, message: p });
      return;
    }
    if (!seen.has(first)) {
      seen.add(first);
      out.push(first);
    }
  });
  if (bad > 100) problems.push({ field: shown, message: `${bad - 100} more lines are not E.164 numbers` });
  if (out.length > MAX_NUMBERS) problems.push({ field: shown, message: `${out.length} numbers; at most ${MAX_NUMBERS} at once: split the file` });
  if (out.length === 0 && bad === 0)
    problems.push({ field: shown, message: 'holds no numbers (one E.164 number a line, or a CSV whose first column is the number)' });
  return out;
}

export async function runOptOutChange(ctx: Context, mode: 'add' | 'remove', o: ChangeOptions): Promise<CommandResult<OptOutChangeData>> {
  const { runBulk, readWithRetry } = await import('../../runtime/bulk.js');
  const { describeOptOutLists, putOptedOutNumber, deleteOptedOutNumber, describeOptedOutNumbersPage } = await import('../../aws/opt-outs.js');
  // The list first: a missing list is one clear error, not one per number.
  const [info] = await readWithRetry(ctx, (call) => describeOptOutLists(call.client, [o.list], { signal: call.signal }));
  const list = info?.name ?? o.list;
  const n = o.numbers.length;
  const what = `${n} number${n === 1 ? '' : 's'}`;
  const results = new Map<string, ChangeResult>();
  const base = (number: string): ChangeResult => ({ number, status: 'planned', optedOutAt: null, endUserOptedOut: null, error: null });
  if (o.dryRun) {
    for (const number of o.numbers) results.set(number, base(number));
    return finish(
      ctx,
      mode,
      list,
      o,
      results,
      0,
      false,
      [`dry run: would ${mode === 'add' ? 'add' : 'remove'} ${what} ${mode === 'add' ? 'to' : 'from'} ${list}; nothing changed`],
      ExitCode.Pending,
    );
  }
  if (mode === 'remove') {
    const confirmed = await ctx.confirm(`remove ${what} from opt-out list ${list}? Identities that use it may send to them again.`);
    if (!confirmed) return finish(ctx, mode, list, o, results, 0, false, ['nothing removed'], ExitCode.Failed);
  }
  const run = await runBulk(ctx, o.numbers, {
    // A put leaves the same entry; a repeated delete finds nothing: both safe to repeat.
    idempotent: true,
    rate: o.rate,
    progress: { label: `${mode === 'add' ? 'adding to' : 'removing from'} ${list}`, total: n },
    call: async (number, call): Promise<ChangeResult> => {
      if (mode === 'add') {
        const r = await putOptedOutNumber(call.client, list, number, { signal: call.signal });
        return { number, status: 'added', optedOutAt: r.optedOutAt, endUserOptedOut: r.endUserOptedOut, error: null };
      }
      // Read first: a recipient's own opt-out stays unless --include-end-user.
      let entry: { optedOutAt: Date | null; endUserOptedOut: boolean } | undefined;
      try {
        entry = (await describeOptedOutNumbersPage(call.client, list, { numbers: [number] }, {}, { signal: call.signal })).numbers.find(
          (x) => x.number === number,
        );
      } catch (err) {
        if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
      }
      // Not there on a later attempt: the earlier one removed it and its answer was lost.
      if (!entry) return { ...base(number), status: call.attempt > 0 ? 'removed' : 'not-on-list' };
      if (entry.endUserOptedOut && !o.includeEndUser) {
        return {
          number,
          status: 'kept',
          optedOutAt: entry.optedOutAt,
          endUserOptedOut: true,
          error: 'the recipient opted out (replied STOP): kept; pass --include-end-user only with their consent (e.g. they texted START)',
        };
      }
      try {
        const r = await deleteOptedOutNumber(call.client, list, number, { signal: call.signal });
        return { number, status: 'removed', optedOutAt: r.optedOutAt, endUserOptedOut: r.endUserOptedOut, error: null };
      } catch (err) {
        if ((err as { name?: string }).name === 'ResourceNotFoundException') return { ...base(number), status: call.attempt > 0 ? 'removed' : 'not-on-list' };
        throw err;
      }
    },
    onOutcome(number, outcome) {
      if (outcome.kind === 'ok') results.set(number, outcome.value);
      else if (outcome.kind === 'unknown')
        results.set(number, { ...base(number), status: 'unknown', error: `${outcome.reason}; run the same command again to find out` });
      else results.set(number, { ...base(number), status: 'failed', error: translateAwsError(outcome.error).message });
    },
  });
  return finish(ctx, mode, list, o, results, run.unfinished, run.interrupted, [], undefined);
}

function finish(
  ctx: Context,
  mode: 'add' | 'remove',
  list: string,
  o: ChangeOptions,
  results: Map<string, ChangeResult>,
  unfinished: number,
  interrupted: boolean,
  extraNotes: string[],
  exitCode: number | undefined,
): CommandResult<OptOutChangeData> {
  const rows = o.numbers.filter((x) => results.has(x)).map((x) => results.get(x)!);
  const count = (s: ChangeStatus) => rows.filter((r) => r.status === s).length;
  const summary = {
    total: rows.length,
    added: count('added'),
    removed: count('removed'),
    notOnList: count('not-on-list'),
    kept: count('kept'),
    failed: count('failed'),
    unknown: count('unknown'),
    unfinished,
  };
  for (const r of rows) if (r.error && (r.status === 'failed' || r.status === 'unknown')) ctx.log.error(`${maskPhoneNumber(r.number)}: ${r.error}`);
  const notes = [...extraNotes];
  if (!o.dryRun && rows.length) {
    notes.push(
      mode === 'add'
        ? `${interrupted ? 'interrupted: ' : ''}added ${summary.added} of ${o.numbers.length} to ${list}${summary.failed ? `, ${summary.failed} failed` : ''}${summary.unknown ? `, ${summary.unknown} unknown` : ''}`
        : `${interrupted ? 'interrupted: ' : ''}removed ${summary.removed} of ${o.numbers.length} from ${list}, ${summary.notOnList} not on it, ${summary.kept} kept (opted out by the recipient)${summary.failed ? `, ${summary.failed} failed` : ''}${summary.unknown ? `, ${summary.unknown} unknown` : ''}`,
    );
  }
  if (summary.kept) notes.push('kept numbers were opted out by their owners: remove them only with their consent (--include-end-user)');
  if (interrupted) notes.push(`${unfinished} number${unfinished === 1 ? '' : 's'} not done; run the same command again to finish`);
  return {
    data: { list, results: rows, summary },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'number', header: 'Number' },
          { key: 'status', header: 'Status' },
          { key: 'error', header: 'Note' },
        ],
        rows: rows as unknown as Record<string, unknown>[],
      },
    ],
    notes,
    exitCode: exitCode ?? (interrupted ? ExitCode.Interrupted : summary.failed + summary.unknown > 0 ? ExitCode.Failed : ExitCode.Ok),
  };
}

export function registerOptOutChanges(parent: Command, app: App): void {
  // add and remove: the same command but for the direction, the prompt and --include-end-user.
  for (const mode of ['add', 'remove'] as const) {
    const cmd = parent
      .command(mode)
      .description(
        mode === 'add'
          ? 'add numbers to an opt-out list (no messages go to them from identities that use it)'
          : 'remove numbers from an opt-out list (asks first unless --yes; keeps recipients\u2019 own opt-outs unless --include-end-user)',
      )
      .argument('[numbers...]', 'E.164 numbers')
      .option('--list <name>', 'the opt-out list (default: Default)');
    if (mode === 'remove') cmd.option('--include-end-user', 'also remove numbers whose owners opted out themselves (only with their consent)');
    cmd
      .option(
        '--rate <n>',
        mode === 'add' ? 'PutOptedOutNumber calls per second (default 10, the service quota)' : 'calls per second (default 10, the service quota)',
      )
      .option('--dry-run', 'check the input and the list; change nothing (exit 3)')
      .action(
        app.action(
          async (ctx, { args, opts }) => {
            const problems: InputProblem[] = [];
            const o = parseChangeOptions((args[0] as string[]) ?? [], opts, problems);
            if (problems.length) throw new InputError(problems, `nothing was ${mode === 'add' ? 'added' : 'removed'} (see eum opt-out ${mode} --help)`);
            return runOptOutChange(ctx, mode, o);
          },
          { interruptible: true },
        ),
      );
    app.examples(
      cmd,
      mode === 'add'
        ? [
            ['a customer asked by email to stop', 'eum opt-out add +12065550142'],
            ['several numbers to another list', 'eum opt-out add +12065550142 +12065550143 --list acme-marketing'],
          ]
        : [
            ['a number added by mistake', 'eum opt-out remove +12065550142'],
            ['in a script', 'eum opt-out remove +12065550142 --list acme-marketing --yes --json'],
          ],
    );
  }
  const imp = parent
    .command('import')
    .description(`add the numbers of a file to an opt-out list: one a line, or CSV with the number first (as export writes: ${CSV_HEADER})`)
    .argument('[file]', 'the file, or - for stdin')
    .option('--list <name>', 'the opt-out list (default: Default)')
    .option('--rate <n>', 'PutOptedOutNumber calls per second (default 10, the service quota)')
    .option('--dry-run', 'check the file and the list; change nothing (exit 3)')
    .action(
      app.action(
        async (ctx, { args, opts }) => {
          const problems: InputProblem[] = [];
          const file = args[0] as string | undefined;
          let numbers: string[] = [];
          if (file === undefined) problems.push({ field: '<file>', message: 'required: a file of numbers, or - for stdin' });
          else if (file === '-' && ctx.stdinIsTTY)
            problems.push({
              field: '<file>',
              message: '- reads stdin, which is a terminal: pipe the numbers in (eum opt-out export --list old | eum opt-out import - --list new)',
            });
          else {
            const { readLimitedText } = await import('../../runtime/input.js');
            // Bounded while reading: /dev/zero or an endless pipe end at the limit.
            const r = await readLimitedText(ctx, file, { limitBytes: IMPORT_LIMIT_BYTES, why: `an import holds at most ${MAX_NUMBERS} numbers: split it` });
            if (r.problem !== undefined) problems.push({ field: '<file>', message: r.problem });
            else numbers = parseImportText(r.text!, file === '-' ? 'stdin' : file, problems);
          }
          const o = parseChangeOptions(numbers, opts, problems, '<file>');
          if (problems.length) throw new InputError(problems, 'nothing was imported; fix the file and run again');
          return runOptOutChange(ctx, 'add', o);
        },
        { interruptible: true },
      ),
    );
  app.examples(imp, [
    ['numbers collected elsewhere, one a line', 'eum opt-out import unsubscribed.txt'],
    ['copy one list into another', 'eum opt-out export --list old | eum opt-out import - --list new'],
  ]);
}
