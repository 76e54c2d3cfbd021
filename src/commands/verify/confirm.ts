/** `eum verify confirm +E164 CODE`: VerifyDestinationNumber with the code the handset received. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import type { VerificationStatus } from '../../aws/verify.js';
import { checkPhone, findVerifiedNumber, verifiedNote } from './options.js';

export interface VerifyConfirmData {
  id: string;
  phoneNumber: string;
  status: VerificationStatus;
  /** False when it was verified already (no call made). */
  changed: boolean;
}

export async function parseVerifyConfirmOptions(args: unknown[]): Promise<{ phoneNumber: string; code: string }> {
  const problems: InputProblem[] = [];
  const phoneNumber = await checkPhone(args[0], '<phone-number>', problems);
  const code = String(args[1] ?? '').trim();
  if (!/^[A-Za-z0-9]{1,20}$/.test(code))
    problems.push({ field: '<code>', message: 'the code from the message: 1 to 20 letters and digits (usually six digits)' });
  if (problems.length) throw new InputError(problems, 'nothing was sent');
  return { phoneNumber, code };
}

export async function runVerifyConfirm(ctx: Context, o: { phoneNumber: string; code: string }): Promise<CommandResult<VerifyConfirmData>> {
  const { verifyNumber } = await import('../../aws/verify.js');
  const masked = maskPhoneNumber(o.phoneNumber);
  const found = await findVerifiedNumber(ctx, o.phoneNumber);
  if (found.status === 'VERIFIED') {
    return {
      data: { id: found.id, phoneNumber: found.phoneNumber, status: found.status, changed: false },
      notes: [verifiedNote(masked, true)],
    };
  }
  const v = await verifyNumber(await ctx.sms(), found.id, o.code, { signal: ctx.signal });
  return {
    data: { id: v.id, phoneNumber: v.phoneNumber || found.phoneNumber, status: v.status, changed: true },
    views: [{ kind: 'text', text: v.status }],
    notes: [v.status === 'VERIFIED' ? verifiedNote(masked) : `${masked} is ${v.status.toLowerCase()}`],
  };
}

export function registerVerifyConfirm(parent: Command, app: App): void {
  const cmd = parent
    .command('confirm')
    .description('confirm a destination number with the code it received')
    .argument('<phone-number>', 'the number given to eum verify add, E.164')
    .argument('<code>', 'the code from the message (or the call)')
    .action(app.action(async (ctx, { args }) => runVerifyConfirm(ctx, await parseVerifyConfirmOptions(args))));
  app.examples(cmd, [['the code that arrived by text', 'eum --sim verify confirm +12065550142 123456']]);
}
