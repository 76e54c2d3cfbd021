/** `eum number release <number>...`: gives numbers back (asks first; --yes). A released number is gone for good. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { describePhoneNumber, releasePhoneNumber } from '../../aws/phone-numbers.js';
import { checkNumberRef } from '../../core/number/rules.js';
import { plural } from '../../core/sender-id/plan.js';
import { parseOptions } from '../../cli/options.js';
import { switchFlag } from './options.js';

export type NumberReleaseStatus = 'would-release' | 'released' | 'not-found' | 'protected' | 'in-pool' | 'failed' | 'unknown' | 'not-started';

export interface NumberReleaseData {
  results: Array<{ number: string; phoneNumberId: string | null; phoneNumber: string | null; status: NumberReleaseStatus; error: string | null }>;
  summary: { total: number; released: number; failed: number };
}

/** The most numbers one release takes. */
const MAX_RELEASE = 1000;

export function parseNumberReleaseArgs(refs: string[]): string[] {
  const problems: InputProblem[] = [];
  if (refs.length === 0) problems.push({ field: '<number>', message: 'required: one or more phone number IDs, ARNs or E.164 numbers' });
  // An account holds far fewer numbers than this (its quota); a longer list is a mistake.
  if (refs.length > MAX_RELEASE) problems.push({ field: '<number>', message: `${refs.length} numbers; at most ${MAX_RELEASE} at once` });
  else for (const r of refs) checkNumberRef(r, problems);
  if (problems.length) throw new InputError(problems, 'nothing was released');
  return [...new Set(refs)];
}

/** `--dry-run`, the one flag of `number release` (and `pool delete`). */
export function parseDryRun(opts: Record<string, unknown>): { dryRun: boolean } {
  const problems: InputProblem[] = [];
  const o = parseOptions({ dryRun: switchFlag }, opts, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

function refused(err: unknown, ref: string): { status: NumberReleaseStatus; error: string } {
  const e = err as { name?: string; Reason?: string };
  if (e?.name === 'ResourceNotFoundException') return { status: 'not-found', error: 'no such number (already released?)' };
  if (e?.name === 'ConflictException' && e.Reason === 'DELETION_PROTECTION_ENABLED')
    return { status: 'protected', error: `deletion protection is on; turn it off first: eum number update ${ref} --deletion-protection off` };
  if (e?.name === 'ConflictException' && e.Reason === 'PHONE_NUMBER_ASSOCIATED_TO_POOL')
    return { status: 'in-pool', error: `it is in a pool; take it out first: eum pool remove POOL_ID ${ref}` };
  return { status: 'failed', error: translateAwsError(err).message };
}

/** --dry-run: reads each number and says what a release would do; changes nothing. */
async function dryRun(ctx: Context, refs: string[]): Promise<CommandResult<NumberReleaseData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const results: NumberReleaseData['results'] = [];
  for (const ref of refs) {
    try {
      const n = await readWithRetry(ctx, (call) => describePhoneNumber(call.client, ref, { signal: call.signal }));
      const blocked = n.deletionProtectionEnabled
        ? refused({ name: 'ConflictException', Reason: 'DELETION_PROTECTION_ENABLED' }, ref)
        : n.poolId
          ? refused({ name: 'ConflictException', Reason: 'PHONE_NUMBER_ASSOCIATED_TO_POOL' }, ref)
          : undefined;
      results.push({
        number: ref,
        phoneNumberId: n.phoneNumberId,
        phoneNumber: n.phoneNumber,
        status: blocked?.status ?? 'would-release',
        error: blocked?.error.replace('POOL_ID', n.poolId ?? 'POOL_ID') ?? null,
      });
    } catch (err) {
      results.push({ number: ref, phoneNumberId: null, phoneNumber: null, ...refused(err, ref) });
    }
  }
  const would = results.filter((r) => r.status === 'would-release').length;
  return {
    data: { results, summary: { total: results.length, released: 0, failed: results.length - would } },
    views: [resultsView(results)],
    notes: [`would release ${would} of ${results.length}; nothing was changed`],
    // As every --dry-run: 3 when something would change, 1 when something stands in the way.
    exitCode: would === results.length ? ExitCode.Pending : ExitCode.Failed,
  };
}

function resultsView(rows: NumberReleaseData['results']) {
  return {
    kind: 'table' as const,
    columns: [
      { key: 'number', header: 'Number' },
      { key: 'status', header: 'Status' },
      { key: 'error', header: 'Error' },
    ],
    rows: rows as unknown as Record<string, unknown>[],
  };
}

export async function runNumberRelease(ctx: Context, refs: string[], options: { dryRun?: boolean } = {}): Promise<CommandResult<NumberReleaseData>> {
  if (options.dryRun) return dryRun(ctx, refs);
  const confirmed = await ctx.confirm(
    `release ${plural(refs.length, 'phone number', 'phone numbers')} (${refs.join(', ')})? A released number is gone: it cannot be requested back.`,
  );
  if (!confirmed) return { data: { results: [], summary: { total: 0, released: 0, failed: 0 } }, notes: ['nothing released'] };
  const { runBulk } = await import('../../runtime/bulk.js');
  const results = new Map<string, NumberReleaseData['results'][number]>();
  const run = await runBulk(ctx, refs, {
    // A repeated release finds nothing: safe to ask again after a lost reply.
    idempotent: true,
    rate: 1,
    progress: { label: 'releasing numbers', total: refs.length },
    async call(ref, call) {
      const id = ref.startsWith('+') ? (await describePhoneNumber(call.client, ref, { signal: call.signal })).phoneNumberId : ref;
      return releasePhoneNumber(call.client, id, { signal: call.signal });
    },
    onOutcome(ref, outcome) {
      const base = { number: ref, phoneNumberId: null, phoneNumber: null };
      if (outcome.kind === 'ok')
        results.set(ref, { ...base, phoneNumberId: outcome.value.phoneNumberId, phoneNumber: outcome.value.phoneNumber, status: 'released', error: null });
      else if (outcome.kind === 'unknown') results.set(ref, { ...base, status: 'unknown', error: `${outcome.reason}; run the same command again to find out` });
      else {
        const r = refused(outcome.error, ref);
        // Not found after an attempt whose reply was lost: that attempt released it.
        if (r.status === 'not-found' && outcome.attempts > 1) results.set(ref, { ...base, status: 'released', error: null });
        else results.set(ref, { ...base, ...r });
      }
    },
  });
  const list = refs.map(
    (ref) =>
      results.get(ref) ?? { number: ref, phoneNumberId: null, phoneNumber: null, status: 'not-started' as const, error: 'interrupted before it started' },
  );
  const released = list.filter((r) => r.status === 'released').length;
  const summary = { total: list.length, released, failed: list.length - released };
  return {
    data: { results: list, summary },
    views: [resultsView(list)],
    notes: [`${run.interrupted ? 'interrupted: ' : ''}released ${released} of ${list.length}`],
    exitCode: run.interrupted ? ExitCode.Interrupted : summary.failed ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerNumberRelease(parent: Command, app: App): void {
  const cmd = parent
    .command('release <number...>')
    .description('release phone numbers (IDs, ARNs or E.164 numbers); asks first unless --yes')
    .option('--dry-run', 'say what would be released (and what stops it), change nothing')
    .action(
      app.action(async (ctx, { args, opts }) => runNumberRelease(ctx, parseNumberReleaseArgs(args[0] as string[]), parseDryRun(opts)), {
        interruptible: true,
      }),
    );
  app.examples(cmd, [
    ['see first', 'eum number release +18335550123 --dry-run'],
    ['release one number, after confirming', 'eum number release +18335550123'],
    ['in a script', 'eum number release phone-0123... phone-4567... --yes --json'],
  ]);
}
