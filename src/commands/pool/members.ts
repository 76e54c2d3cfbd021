/**
 * `eum pool add` and `eum pool remove`: origination identities in and out of a pool, several at
 * once, a sender ID in several countries (--countries), through the bulk engine. Each association
 * carries a ClientToken for all its attempts; an identity already in (or already out of) the pool
 * is reported as such, so running the same command again is safe.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { associateOriginationIdentity, disassociateOriginationIdentity } from '../../aws/pools.js';
import { listPhoneNumbers } from '../../aws/phone-numbers.js';
import { checkOriginationIdentity, checkPoolRef } from '../../core/number/rules.js';
import { plural } from '../../core/sender-id/plan.js';
import { countriesFlag, countryCodes, rateFlag } from '../number/options.js';
import { parseOptions } from '../../cli/options.js';

export type MemberStatus = 'added' | 'already-in-pool' | 'removed' | 'not-in-pool' | 'failed' | 'unknown' | 'not-started';

export interface PoolMembersData {
  poolId: string;
  results: Array<{ identity: string; country: string | null; status: MemberStatus; originationIdentityArn: string | null; error: string | null }>;
  summary: { total: number; done: number; unchanged: number; failed: number; unknown: number };
}

interface MemberItem {
  identity: string;
  country?: string;
}

export interface PoolMembersOptions {
  poolId: string;
  items: MemberItem[];
  rate: number;
}

/** The flags of `pool add` and `pool remove`, each with its type and check. */
const membersFlags = (iso: ReadonlySet<string> | undefined) => ({ countries: countriesFlag(iso), rate: rateFlag(1) });

/** The most identities one command takes (a pool's quota is far below it). */
const MAX_ITEMS = 1000;

export async function parsePoolMembersOptions(pool: string | undefined, identities: string[], opts: Record<string, unknown>): Promise<PoolMembersOptions> {
  const problems: InputProblem[] = [];
  const poolId = checkPoolRef(pool, problems);
  if (identities.length === 0) problems.push({ field: '<identity>', message: 'required: one or more phone numbers (ID, ARN, E.164) or sender IDs' });
  const { countries, rate } = parseOptions(membersFlags(await countryCodes(opts.countries)), opts, problems);
  const items: MemberItem[] = [];
  for (const raw of [...new Set(identities)]) {
    const { kind } = checkOriginationIdentity(raw, problems, `<identity> ${raw}`);
    if (kind === 'sender-id' && !raw.startsWith('arn:')) {
      if (countries.length === 0)
        problems.push({ field: '--countries', message: `required for sender ID ${raw}: the countries it is added in, e.g. --countries GB,DE` });
      for (const country of countries) items.push({ identity: raw, country });
    } else items.push({ identity: raw });
  }
  if (items.length > MAX_ITEMS) problems.push({ field: '<identity>', message: `${items.length} identities; at most ${MAX_ITEMS} at once` });
  if (problems.length) throw new InputError(problems, 'nothing was changed; see eum pool add --help');
  return { poolId, items, rate };
}

function describeError(err: unknown, adding: boolean): { status: MemberStatus; error: string | null } {
  const e = err as { name?: string; Reason?: string };
  if (adding && e?.name === 'ConflictException' && e.Reason === 'RESOURCE_ALREADY_ASSOCIATED') return { status: 'already-in-pool', error: null };
  if (!adding && e?.name === 'ConflictException' && /NOT_ASSOCIATED/.test(e.Reason ?? '')) return { status: 'not-in-pool', error: null };
  if (adding && e?.name === 'ConflictException' && /_MISMATCH$/.test(e.Reason ?? '')) {
    return {
      status: 'failed',
      error: `${translateAwsError(err).message}; a pool's identities share its settings: compare eum pool show and eum number show, then change one with eum number update or eum pool update`,
    };
  }
  return { status: 'failed', error: translateAwsError(err).message };
}

export async function runPoolMembers(ctx: Context, o: PoolMembersOptions, adding: boolean): Promise<CommandResult<PoolMembersData>> {
  const { runBulk, readWithRetry } = await import('../../runtime/bulk.js');
  // E.164 numbers to IDs (the API takes IDs and ARNs), with one read of the account's numbers.
  const byNumber = new Map<string, string>();
  if (o.items.some((i) => i.identity.startsWith('+'))) {
    for (const n of await readWithRetry(ctx, (call) => listPhoneNumbers(call.client, {}, { signal: call.signal })))
      byNumber.set(n.phoneNumber, n.phoneNumberId);
  }
  const results = new Map<MemberItem, PoolMembersData['results'][number]>();
  const tokens = new Map<MemberItem, string>();
  const run = await runBulk(ctx, o.items, {
    // Associations carry a ClientToken; a repeat of either call answers "already": safe to retry.
    idempotent: true,
    rate: o.rate,
    progress: { label: adding ? `adding to ${o.poolId}` : `removing from ${o.poolId}`, total: o.items.length },
    async call(item, call) {
      const identity = byNumber.get(item.identity) ?? item.identity;
      if (identity.startsWith('+')) throw Object.assign(new Error(`no phone number ${item.identity} in this account`), { name: 'ResourceNotFoundException' });
      const clientToken = tokens.get(item) ?? `eum-pool-${randomUUID()}`;
      tokens.set(item, clientToken);
      const change = { poolId: o.poolId, originationIdentity: identity, country: item.country, clientToken };
      return adding
        ? associateOriginationIdentity(call.client, change, { signal: call.signal })
        : disassociateOriginationIdentity(call.client, change, { signal: call.signal });
    },
    onOutcome(item, outcome) {
      const base = { identity: item.identity, country: item.country ?? null, originationIdentityArn: null };
      if (outcome.kind === 'ok')
        results.set(item, {
          ...base,
          country: outcome.value.country || base.country,
          originationIdentityArn: outcome.value.originationIdentityArn || null,
          status: adding ? 'added' : 'removed',
          error: null,
        });
      else if (outcome.kind === 'unknown')
        results.set(item, { ...base, status: 'unknown', error: `${outcome.reason}; run the same command again to find out` });
      else {
        const r = describeError(outcome.error, adding);
        // "Already" after an attempt whose reply was lost: that attempt did it.
        if (r.status !== 'failed' && outcome.attempts > 1) results.set(item, { ...base, status: adding ? 'added' : 'removed', error: null });
        else results.set(item, { ...base, ...r });
      }
    },
  });
  const list = o.items.map(
    (i) =>
      results.get(i) ?? {
        identity: i.identity,
        country: i.country ?? null,
        status: 'not-started' as const,
        originationIdentityArn: null,
        error: 'interrupted before it started',
      },
  );
  const count = (...s: MemberStatus[]) => list.filter((r) => s.includes(r.status)).length;
  const summary = {
    total: list.length,
    done: count('added', 'removed'),
    unchanged: count('already-in-pool', 'not-in-pool'),
    failed: count('failed', 'not-started'),
    unknown: count('unknown'),
  };
  const verb = adding ? 'added' : 'removed';
  return {
    data: { poolId: o.poolId, results: list, summary },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'identity', header: 'Identity' },
          { key: 'country', header: 'Country' },
          { key: 'status', header: 'Status' },
          { key: 'error', header: 'Error' },
        ],
        rows: list as unknown as Record<string, unknown>[],
      },
    ],
    notes: [
      `${run.interrupted ? 'interrupted: ' : ''}${verb} ${summary.done} of ${plural(list.length, 'identity', 'identities')}${summary.unchanged ? `, ${summary.unchanged} ${adding ? 'already in the pool' : 'not in the pool'}` : ''}${summary.failed ? `, ${summary.failed} failed` : ''}${summary.unknown ? `, ${summary.unknown} unknown` : ''}`,
    ],
    exitCode: run.interrupted ? ExitCode.Interrupted : summary.failed + summary.unknown ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerPoolMembers(parent: Command, app: App): void {
  for (const adding of [true, false]) {
    const cmd = parent
      .command(`${adding ? 'add' : 'remove'} <pool> <identity...>`)
      .description(
        adding
          ? 'add origination identities to a pool: phone numbers (ID, ARN, E.164), sender IDs per country'
          : 'take origination identities out of a pool (they are kept, not released)',
      )
      .option('--countries <list>', 'the countries of the sender IDs given by value, e.g. GB,DE')
      .option('--rate <n>', 'calls per second (default 1)')
      .action(
        app.action(async (ctx, { args, opts }) => runPoolMembers(ctx, await parsePoolMembersOptions(args[0] as string, args[1] as string[], opts), adding), {
          interruptible: true,
        }),
      );
    app.examples(
      cmd,
      adding
        ? [
            ['two numbers', 'eum pool add pool-0123... +18335550100 phone-4567...'],
            ['a sender ID in three countries', 'eum pool add pool-0123... ACME --countries GB,DE,FR --json'],
          ]
        : [['a number', 'eum pool remove pool-0123... +18335550100']],
    );
  }
}
