/** `eum verify list [--status pending|verified]`: the account's verified destination numbers (all pages). */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { flag, parseOptions, shown } from '../../cli/options.js';
import type { VerificationStatus, VerifiedNumberInfo } from '../../aws/verify.js';

export interface VerifyListData {
  verifiedNumbers: VerifiedNumberInfo[];
  summary: { total: number; verified: number; pending: number; max: number };
}

/** Verified destination numbers per account (sandbox page: "up to 10"). */
const MAX_VERIFIED = 10;

/** The flags of `verify list`. */
const verifyListFlags = {
  status: flag((raw, problem): VerificationStatus | undefined => {
    if (raw === undefined) return undefined;
    const s = String(raw).toUpperCase();
    if (s !== 'PENDING' && s !== 'VERIFIED') problem(`"${shown(String(raw).slice(0, 20))}": use pending or verified`);
    return s as VerificationStatus;
  }),
};

export async function runVerifyList(ctx: Context, o: { status?: VerificationStatus }): Promise<CommandResult<VerifyListData>> {
  const { describeVerifiedNumbers } = await import('../../aws/verify.js');
  const list = await describeVerifiedNumbers(await ctx.sms(), { status: o.status }, { signal: ctx.signal });
  list.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.phoneNumber.localeCompare(b.phoneNumber));
  const summary = {
    total: list.length,
    verified: list.filter((v) => v.status === 'VERIFIED').length,
    pending: list.filter((v) => v.status === 'PENDING').length,
    max: MAX_VERIFIED,
  };
  return {
    data: { verifiedNumbers: list, summary },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'phoneNumber', header: 'Number' },
          { key: 'status', header: 'Status', format: (v) => String(v).toLowerCase() },
          { key: 'id', header: 'Id' },
          { key: 'createdAt', header: 'Added' },
        ],
        rows: list as unknown as Record<string, unknown>[],
        empty: 'No verified destination numbers. In the sandbox, add one with: eum verify add +E164',
      },
    ],
    notes: list.length ? [`${summary.verified} verified, ${summary.pending} pending${o.status ? '' : `; the sandbox allows ${MAX_VERIFIED}`}`] : [],
  };
}

export function registerVerifyList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list verified destination numbers and their status (pending or verified)')
    .option('--status <status>', 'only pending or verified numbers')
    .action(
      app.action(async (ctx, { opts }) => {
        const problems: InputProblem[] = [];
        const { status } = parseOptions(verifyListFlags, opts, problems);
        if (problems.length) throw new InputError(problems);
        return runVerifyList(ctx, { status });
      }),
    );
  app.examples(cmd, [
    ['every number', 'eum --sim verify list'],
    ['the verified numbers only, for a script', 'eum verify list --status verified | cut -f1'],
  ]);
}
