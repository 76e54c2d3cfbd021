/**
 * `eum opt-out check +E164... [--from IDENTITY | --list NAME]`: for each number, whether it may be
 * sent to and why: which list the identity uses (a number in a pool uses the pool's), whether the
 * number is on it (opted out when, by whom), and whether the identity manages opt-outs itself
 * (then the service checks no list: the account's own records decide). One DescribeOptedOutNumbers
 * per number through the bulk engine, at --rate (the service's quota is 1 a second).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { translateAwsError } from '../../aws/errors.js';
import type { OptedOutNumber } from '../../aws/opt-outs.js';
import { checkIdentity, resolveIdentity, shownIdentity } from '../keyword/identity.js';
import { byWhom, checkNumbers, optionalListFlag, rateFlag } from './options.js';
import { flag, parseOptions } from '../../cli/options.js';

export type CheckVerdict = 'may-send' | 'opted-out' | 'self-managed' | 'failed';

export interface CheckResult {
  number: string;
  /** true: the service will not refuse a send to it because of an opt-out. */
  sendable: boolean | null;
  verdict: CheckVerdict;
  reason: string;
  optedOutAt: Date | null;
  endUserOptedOut: boolean | null;
}

export interface OptOutCheckData {
  /** The identity asked about (--from), with what it does with opt-outs. */
  identity: { id: string; kind: string; phoneNumber: string | null; poolId: string | null; optOutList: string | null; selfManagedOptOuts: boolean } | null;
  list: string;
  numbers: CheckResult[];
  summary: { total: number; maySend: number; optedOut: number; selfManaged: number; failed: number };
}

interface CheckOptions {
  numbers: string[];
  from?: string;
  list?: string;
  rate: number;
}

/** The flags of `opt-out check`, each with its type and check. */
const checkFlags = {
  from: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const found: InputProblem[] = [];
    const identity = checkIdentity(String(raw), '--from', found, { senderIds: true });
    for (const p of found) problem(p.message);
    return identity;
  }),
  list: optionalListFlag,
  rate: rateFlag(1),
};

export function parseCheckOptions(args: unknown[], opts: Record<string, unknown>): CheckOptions {
  const problems: InputProblem[] = [];
  const numbers = checkNumbers((args[0] as string[] | undefined) ?? [], '<numbers>', problems);
  if (opts.from !== undefined && opts.list !== undefined)
    problems.push({ field: '--from', message: 'give --from IDENTITY (its list is used) or --list NAME, not both' });
  const { from, list, rate } = parseOptions(checkFlags, opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was checked (see eum opt-out check --help)');
  return { numbers, from, list, rate };
}

const day = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : 'an unknown time');

export async function runOptOutCheck(ctx: Context, o: CheckOptions): Promise<CommandResult<OptOutCheckData>> {
  let identity: OptOutCheckData['identity'] = null;
  let list = o.list ?? 'Default';
  let selfManaged = false;
  const notes: string[] = [];
  if (o.from !== undefined) {
    let found = await resolveIdentity(ctx, o.from);
    const asked = found;
    // A number in a pool sends with the pool's settings.
    if (found.kind === 'phone-number' && found.poolId) found = { ...(await resolveIdentity(ctx, found.poolId)), phoneNumber: found.phoneNumber };
    identity = {
      id: asked.id,
      kind: asked.kind,
      phoneNumber: asked.phoneNumber,
      poolId: asked.poolId,
      optOutList: found.optOutList,
      selfManagedOptOuts: found.selfManagedOptOuts,
    };
    list = found.optOutList ?? 'Default';
    selfManaged = found.selfManagedOptOuts;
    const via = asked.poolId ? ` (through pool ${asked.poolId})` : '';
    notes.push(
      `${shownIdentity(asked)} uses opt-out list ${list}${via}${selfManaged ? '; self-managed opt-outs are on: the service checks no list, your own records decide' : ''}`,
    );
    if (asked.kind === 'sender-id') notes.push('sender IDs have no opt-out list of their own: eum checks the Default list');
  }
  const { runBulk, readWithRetry } = await import('../../runtime/bulk.js');
  const { describeOptedOutNumbersPage, describeOptOutLists } = await import('../../aws/opt-outs.js');
  // The list first: a missing list is one clear error, not "not found" for every number.
  await readWithRetry(ctx, (call) => describeOptOutLists(call.client, [list], { signal: call.signal }));
  const verdicts = new Map<string, CheckResult>();
  const run = await runBulk(ctx, o.numbers, {
    idempotent: true,
    rate: o.rate,
    progress: { label: `checking ${list}`, total: o.numbers.length },
    call: async (number, call): Promise<OptedOutNumber | null> => {
      try {
        const page = await describeOptedOutNumbersPage(call.client, list, { numbers: [number] }, {}, { signal: call.signal });
        return page.numbers.find((n) => n.number === number) ?? null;
      } catch (err) {
        // A number not on the list: the API answers "not found" for it.
        if ((err as { name?: string }).name === 'ResourceNotFoundException') return null;
        throw err;
      }
    },
    onOutcome(number, outcome) {
      if (outcome.kind !== 'ok') {
        verdicts.set(number, {
          number,
          sendable: null,
          verdict: 'failed',
          reason: translateAwsError(outcome.error).message,
          optedOutAt: null,
          endUserOptedOut: null,
        });
        return;
      }
      const n = outcome.value;
      if (selfManaged) {
        verdicts.set(number, {
          number,
          sendable: true,
          verdict: 'self-managed',
          reason: `self-managed opt-outs: the service checks no list; ${n ? `on ${list} since ${day(n.optedOutAt)}, ` : ''}your own records decide`,
          optedOutAt: n?.optedOutAt ?? null,
          endUserOptedOut: n?.endUserOptedOut ?? null,
        });
      } else if (n) {
        const who = byWhom(n.endUserOptedOut) === 'recipient' ? 'the recipient opted out' : 'the account added it';
        verdicts.set(number, {
          number,
          sendable: false,
          verdict: 'opted-out',
          reason: `on opt-out list ${list} since ${day(n.optedOutAt)}: ${who}`,
          optedOutAt: n.optedOutAt,
          endUserOptedOut: n.endUserOptedOut,
        });
      } else {
        verdicts.set(number, { number, sendable: true, verdict: 'may-send', reason: `not on opt-out list ${list}`, optedOutAt: null, endUserOptedOut: null });
      }
    },
  });
  const numbers = o.numbers.filter((n) => verdicts.has(n)).map((n) => verdicts.get(n)!);
  const count = (v: CheckVerdict) => numbers.filter((r) => r.verdict === v).length;
  const summary = {
    total: numbers.length,
    maySend: count('may-send'),
    optedOut: count('opted-out'),
    selfManaged: count('self-managed'),
    failed: count('failed'),
  };
  notes.push(
    `${summary.maySend} may be sent to, ${summary.optedOut} opted out${summary.selfManaged ? `, ${summary.selfManaged} up to your own records` : ''}${summary.failed ? `, ${summary.failed} not checked` : ''}`,
  );
  for (const r of numbers) if (r.verdict === 'failed') ctx.log.error(`${maskPhoneNumber(r.number)}: ${r.reason}`);
  if (run.interrupted) notes.push(`interrupted: ${run.unfinished} number${run.unfinished === 1 ? '' : 's'} not checked`);
  return {
    data: { identity, list, numbers, summary },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'number', header: 'Number' },
          { key: 'sendable', header: 'May send', format: (v) => (v === true ? 'yes' : v === false ? 'no' : '?') },
          { key: 'reason', header: 'Why' },
        ],
        rows: numbers as unknown as Record<string, unknown>[],
      },
    ],
    notes,
    exitCode: run.interrupted ? ExitCode.Interrupted : summary.failed ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerOptOutCheck(parent: Command, app: App): void {
  const cmd = parent
    .command('check')
    .description('say for each number whether it may be sent to, and why (the list the identity uses, opted out when, self-managed opt-outs)')
    .argument('[numbers...]', 'E.164 numbers, e.g. +12065550142')
    .option('--from <identity>', 'the phone number, pool or sender ID (ACME:GB) that would send: its list and settings are used')
    .option('--list <name>', 'check this opt-out list (default: Default)')
    .option('--rate <n>', 'DescribeOptedOutNumbers calls per second (default 1, the service quota)')
    .action(app.action(async (ctx, { args, opts }) => runOptOutCheck(ctx, parseCheckOptions(args, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['may this number be sent to from our toll-free number?', 'eum opt-out check +12065550142 --from +18335550100'],
    ['several numbers against one list, as JSON', 'eum opt-out check +12065550142 +12065550143 --list acme-marketing --json'],
  ]);
}
