/** Arguments shared by the `eum verify` commands, and the lookup of a number's verified-destination id. */
import type { Context } from '../../cli/context.js';
import { OperationError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber, maskPhoneNumbersIn } from '../../core/mask.js';
import type { VerifiedNumberInfo } from '../../aws/verify.js';

/** The sandbox in one paragraph (sandbox.json), for notes and help. */
export const SANDBOX_RULES =
  'in the sandbox an account sends only to verified destination numbers (up to 10) and to simulator numbers, with a $1.00 monthly SMS and MMS spend limit; a number is verified with a code sent to it (six digits, valid about 15 minutes, at most 5 codes in 24 hours) and can be removed 24 hours after it was added';

/**
 * What a verified number allows, for notes: the sandbox stops blocking it, but a message still needs
 * an origination identity that reaches it, and a SIMULATOR number reaches only destination
 * simulator numbers (simulator-numbers.json), so "it can be sent to now" would not be true.
 */
export function verifiedNote(masked: string, already = false): string {
  return `${masked} is verified${already ? ' already' : ''}: the sandbox no longer blocks messages to it (eum send --to +E164 ...); they still need a number, sender ID or shared route that reaches it (a simulator number reaches only destination simulator numbers)`;
}

/** The fictional number the phone checks give as an example. */
const EXAMPLE_NUMBER = '+12065550100';

/** An E.164 destination, valid for its country (libphonenumber); the message masks the number. */
export async function checkPhone(value: unknown, field: string, problems: InputProblem[]): Promise<string> {
  const raw = String(value ?? '');
  const { checkDestination } = await import('../../core/sms/phone.js');
  const r = checkDestination(raw);
  if (r.ok) return r.e164;
  // The number given is masked; the example number in the message stays readable.
  problems.push({ field, message: r.message.split(EXAMPLE_NUMBER).map(maskPhoneNumbersIn).join(EXAMPLE_NUMBER) });
  return raw;
}

/** The verified destination number for a phone number (ResourceNotFoundException when it has none). */
export async function findVerifiedNumber(ctx: Context, phoneNumber: string): Promise<VerifiedNumberInfo> {
  const { describeVerifiedNumbers } = await import('../../aws/verify.js');
  const [found] = await describeVerifiedNumbers(await ctx.sms(), { phoneNumbers: [phoneNumber] }, { signal: ctx.signal });
  if (!found) {
    throw new OperationError(`${maskPhoneNumber(phoneNumber)} is not a verified destination number of this account and Region`, {
      code: 'ResourceNotFoundException',
      hint: 'add it first with eum verify add +E164 (eum verify list shows the numbers added)',
    });
  }
  return found;
}
