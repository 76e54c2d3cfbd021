/**
 * The origination identity argument of `eum keyword` and `eum opt-out check --from`: a phone
 * number (E.164, id or ARN), a pool (id or ARN), or a sender ID ("ID:CC"). Checked offline; an
 * E.164 number is turned into its phone number id with one read (DescribeKeywords takes ids).
 */
import type { Context } from '../../cli/context.js';
import { OperationError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import type { IdentityOptOutSettings } from '../../aws/opt-outs.js';

const IDENTITY = /^[A-Za-z0-9_:/+-]{1,256}$/;
const E164 = /^\+[1-9]\d{1,18}$/;

/** The identity as typed, or a problem (field `field`). */
export function checkIdentity(raw: string | undefined, field: string, problems: InputProblem[], options: { senderIds?: boolean } = {}): string {
  const kinds = options.senderIds
    ? 'a phone number (+12065550100, phone-..., or its ARN), a pool (pool-... or its ARN) or a sender ID (ACME:GB)'
    : 'a phone number (+12065550100, phone-..., or its ARN) or a pool (pool-... or its ARN)';
  if (raw === undefined || raw === '') {
    problems.push({ field, message: `required: ${kinds}` });
    return '';
  }
  if (!IDENTITY.test(raw) || (raw.startsWith('+') && !E164.test(raw))) {
    problems.push({ field, message: `"${raw.startsWith('+') ? maskPhoneNumber(raw) : raw}" is not an origination identity: give ${kinds}` });
    return raw;
  }
  if (!options.senderIds && /^[^:]+:[A-Za-z]{2}$/.test(raw))
    problems.push({ field, message: 'sender IDs have no keywords (recipients cannot reply to them): give a phone number or a pool' });
  return raw;
}

/** The identity's settings, or a not-found error that says how to list identities. */
export async function resolveIdentity(ctx: Context, identity: string): Promise<IdentityOptOutSettings> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const { identityOptOutSettings } = await import('../../aws/opt-outs.js');
  const found = await readWithRetry(ctx, (call) => identityOptOutSettings(call.client, identity, { signal: call.signal }));
  if (!found) {
    const shown = identity.startsWith('+') ? maskPhoneNumber(identity) : identity;
    throw new OperationError(`no phone number, pool or sender ID ${shown} in this account and Region`, {
      code: 'NOT_FOUND',
      hint: 'check the Region (--region); list them with: aws pinpoint-sms-voice-v2 describe-phone-numbers',
    });
  }
  return found;
}

/** How an identity is shown in messages: its number masked, else its id. */
export function shownIdentity(i: { phoneNumber: string | null; id: string }): string {
  return i.phoneNumber ? `${maskPhoneNumber(i.phoneNumber)} (${i.id})` : i.id;
}
