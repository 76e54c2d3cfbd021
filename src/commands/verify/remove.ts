/** `eum verify remove +E164`: DeleteVerifiedDestinationNumber (asks; `--yes`; `--dry-run`). */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { AwsApiError, ExitCode, InputError, OperationError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { translateAwsError } from '../../aws/errors.js';
import type { VerificationStatus } from '../../aws/verify.js';
import { checkPhone, findVerifiedNumber } from './options.js';
import { flagSchemas, parseOptions } from '../../cli/options.js';

export interface VerifyRemoveData {
  id: string;
  phoneNumber: string;
  status: VerificationStatus;
  removed: boolean;
  dryRun: boolean;
}

export async function runVerifyRemove(ctx: Context, o: { phoneNumber: string; dryRun: boolean }): Promise<CommandResult<VerifyRemoveData>> {
  const { deleteVerifiedNumber } = await import('../../aws/verify.js');
  const masked = maskPhoneNumber(o.phoneNumber);
  const found = await findVerifiedNumber(ctx, o.phoneNumber);
  const base = { id: found.id, phoneNumber: found.phoneNumber, status: found.status };
  const what = `verified destination number ${masked} (${found.status.toLowerCase()}, ${found.id})`;
  const consequence = found.status === 'VERIFIED' ? '; in the sandbox, messages to it will be refused again' : '';
  if (o.dryRun) return { data: { ...base, removed: false, dryRun: true }, notes: [`dry run: would remove ${what}${consequence}`], exitCode: ExitCode.Pending };
  if (!(await ctx.confirm(`remove ${what}${consequence}?`)))
    return { data: { ...base, removed: false, dryRun: false }, notes: ['nothing removed'], exitCode: ExitCode.Failed };
  try {
    await deleteVerifiedNumber(await ctx.sms(), found.id, { signal: ctx.signal });
  } catch (err) {
    const e = translateAwsError(err);
    if (e instanceof AwsApiError && e.reason === 'RESOURCE_DELETION_NOT_ALLOWED') {
      throw new OperationError(
        `${masked} cannot be removed yet: a verified number can be removed 24 hours after it was added (added ${found.createdAt ?? 'recently'})`,
        {
          code: 'ConflictException',
          hint: 'try again after that; the sandbox holds 10 numbers',
          cause: err,
        },
      );
    }
    throw e;
  }
  return { data: { ...base, removed: true, dryRun: false }, notes: [`removed ${what}`] };
}

export function registerVerifyRemove(parent: Command, app: App): void {
  const cmd = parent
    .command('remove')
    .description('remove a verified destination number (asks first; a verified one 24 hours after it was added)')
    .argument('<phone-number>', 'E.164')
    .option('--dry-run', 'show what would be removed, remove nothing (exit 3)')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const phoneNumber = await checkPhone(args[0], '<phone-number>', problems);
        const { dryRun } = parseOptions({ dryRun: flagSchemas.switch() }, opts, problems);
        if (problems.length) throw new InputError(problems, 'nothing was removed');
        return runVerifyRemove(ctx, { phoneNumber, dryRun });
      }),
    );
  app.examples(cmd, [['in a script', 'eum verify remove +12065550142 --yes']]);
}
