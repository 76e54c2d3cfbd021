/**
 * The account over the SMS API: attributes and spend limits (and, as they come, the other account
 * reads), as typed functions over the SDK's paginators. Loaded on first use only.
 */
import { paginateDescribeAccountAttributes, paginateDescribeSpendLimits, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

export interface AccountAttribute {
  name: string;
  value: string;
}

export interface SpendLimit {
  name: string;
  /** USD per month. */
  enforcedLimit: number;
  maxLimit: number;
  overridden: boolean;
}

/** The account's attributes (sandbox status, account tier, ...), every page. */
export async function describeAccountAttributes(client: PinpointSMSVoiceV2Client, o: { signal?: AbortSignal } = {}): Promise<AccountAttribute[]> {
  const out: AccountAttribute[] = [];
  for await (const page of paginateDescribeAccountAttributes({ client }, {}, o.signal ? { abortSignal: o.signal } : undefined)) {
    for (const a of page.AccountAttributes ?? []) out.push({ name: a.Name ?? '', value: a.Value ?? '' });
  }
  return out;
}

/** The account's spend limits, every page. */
export async function describeSpendLimits(client: PinpointSMSVoiceV2Client, o: { signal?: AbortSignal } = {}): Promise<SpendLimit[]> {
  const out: SpendLimit[] = [];
  for await (const page of paginateDescribeSpendLimits({ client }, {}, o.signal ? { abortSignal: o.signal } : undefined)) {
    for (const l of page.SpendLimits ?? []) out.push({ name: l.Name ?? '', enforcedLimit: l.EnforcedLimit ?? 0, maxLimit: l.MaxLimit ?? 0, overridden: l.Overridden ?? false });
  }
  return out;
}

/** The region the client sends to, as the SDK resolved it (flag, environment or profile). */
export async function clientRegion(client: PinpointSMSVoiceV2Client): Promise<string> {
  return client.config.region();
}
