/**
 * The reads a send-many run needs before its first message: the account's phone numbers (type,
 * country, opt-out list, `MessagingLimits`), pools, and the sandbox's verified destinations.
 * Typed functions over the SDK's paginators, one attempt each (callers go through
 * `readWithRetry`). Opted-out numbers: `src/aws/opt-outs.ts`; sender IDs: `src/aws/sender-ids.ts`.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

interface CallOptions {
  signal?: AbortSignal;
}

/** A phone number as a sender uses it. */
export interface SendingNumber {
  phoneNumber: string;
  phoneNumberId: string;
  isoCountryCode: string;
  numberType: string;
  status: string;
  capabilities: string[];
  optOutListName: string;
  poolId: string | null;
  /** MessagingLimits.RateLimits.SMS, when the service gives it. */
  smsRate: number | null;
}

export async function describeSendingNumbers(client: PinpointSMSVoiceV2Client, options: CallOptions = {}): Promise<SendingNumber[]> {
  const { paginateDescribePhoneNumbers } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: SendingNumber[] = [];
  for await (const page of paginateDescribePhoneNumbers({ client, pageSize: 100 }, {}, { abortSignal: options.signal })) {
    for (const p of page.PhoneNumbers ?? []) {
      out.push({
        phoneNumber: p.PhoneNumber ?? '',
        phoneNumberId: p.PhoneNumberId ?? '',
        isoCountryCode: p.IsoCountryCode ?? '',
        numberType: p.NumberType ?? '',
        status: p.Status ?? '',
        capabilities: p.NumberCapabilities ?? [],
        optOutListName: p.OptOutListName ?? 'Default',
        poolId: p.PoolId ?? null,
        smsRate: p.MessagingLimits?.RateLimits?.SMS ?? null,
      });
    }
  }
  return out;
}

/** A pool: its opt-out list, and whether it may use shared routes. */
export interface SendingPool {
  poolId: string;
  poolArn: string;
  optOutListName: string;
  sharedRoutesEnabled: boolean;
  status: string;
}

export async function describeSendingPools(client: PinpointSMSVoiceV2Client, options: CallOptions = {}): Promise<SendingPool[]> {
  const { paginateDescribePools } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: SendingPool[] = [];
  for await (const page of paginateDescribePools({ client, pageSize: 100 }, {}, { abortSignal: options.signal })) {
    for (const p of page.Pools ?? []) {
      out.push({
        poolId: p.PoolId ?? '',
        poolArn: p.PoolArn ?? '',
        optOutListName: p.OptOutListName ?? 'Default',
        sharedRoutesEnabled: p.SharedRoutesEnabled ?? false,
        status: p.Status ?? '',
      });
    }
  }
  return out;
}

/** Verified destination numbers (the sandbox), VERIFIED ones only. */
export async function verifiedDestinations(client: PinpointSMSVoiceV2Client, options: CallOptions = {}): Promise<string[]> {
  const { paginateDescribeVerifiedDestinationNumbers } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: string[] = [];
  for await (const page of paginateDescribeVerifiedDestinationNumbers({ client, pageSize: 100 }, {}, { abortSignal: options.signal })) {
    for (const v of page.VerifiedDestinationNumbers ?? []) if (v.Status === 'VERIFIED' && v.DestinationPhoneNumber) out.push(v.DestinationPhoneNumber);
  }
  return out;
}
