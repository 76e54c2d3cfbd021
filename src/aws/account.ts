/**
 * The account over the SMS API: attributes, account limits and spend limits with their overrides,
 * as typed functions over the SDK's paginators. Loaded on first use only.
 */
import {
  DeleteMediaMessageSpendLimitOverrideCommand,
  DeleteNotifyMessageSpendLimitOverrideCommand,
  DeleteRcsMessageSpendLimitOverrideCommand,
  DeleteTextMessageSpendLimitOverrideCommand,
  DeleteVoiceMessageSpendLimitOverrideCommand,
  SetMediaMessageSpendLimitOverrideCommand,
  SetNotifyMessageSpendLimitOverrideCommand,
  SetRcsMessageSpendLimitOverrideCommand,
  SetTextMessageSpendLimitOverrideCommand,
  SetVoiceMessageSpendLimitOverrideCommand,
  paginateDescribeAccountAttributes,
  paginateDescribeAccountLimits,
  paginateDescribeSpendLimits,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

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
  return collectPages(
    paginateDescribeAccountAttributes({ client }, {}, pageOptions(o.signal)),
    (page) => page.AccountAttributes,
    (a) => ({ name: a.Name ?? '', value: a.Value ?? '' }),
  );
}

/** The account's spend limits, every page. */
export async function describeSpendLimits(client: PinpointSMSVoiceV2Client, o: { signal?: AbortSignal } = {}): Promise<SpendLimit[]> {
  return collectPages(
    paginateDescribeSpendLimits({ client }, {}, pageOptions(o.signal)),
    (page) => page.SpendLimits,
    (l) => ({ name: l.Name ?? '', enforcedLimit: l.EnforcedLimit ?? 0, maxLimit: l.MaxLimit ?? 0, overridden: l.Overridden ?? false }),
  );
}

/** The region the client sends to, as the SDK resolved it (flag, environment or profile). */
export async function clientRegion(client: PinpointSMSVoiceV2Client): Promise<string> {
  return client.config.region();
}

/** One account limit (PHONE_NUMBERS, POOLS, CONFIGURATION_SETS, ...) with its use. */
export interface AccountLimit {
  name: string;
  used: number;
  max: number;
}

/** The account's limits with the use against each, every page. */
export async function describeAccountLimits(client: PinpointSMSVoiceV2Client, o: { signal?: AbortSignal } = {}): Promise<AccountLimit[]> {
  return collectPages(
    paginateDescribeAccountLimits({ client }, {}, pageOptions(o.signal)),
    (page) => page.AccountLimits,
    (l) => ({ name: l.Name ?? '', used: l.Used ?? 0, max: l.Max ?? 0 }),
  );
}

/** The channels whose monthly spend limit can be overridden, as eum names them. */
export const SPEND_CHANNELS = ['text', 'voice', 'media', 'notify', 'rcs'] as const;
export type SpendChannel = (typeof SPEND_CHANNELS)[number];

/** The SpendLimit name the API uses for a channel. */
export const SPEND_LIMIT_NAMES: Record<SpendChannel, string> = {
  text: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
  voice: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT',
  media: 'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT',
  notify: 'NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT',
  rcs: 'RCS_MESSAGE_MONTHLY_SPEND_LIMIT',
};

/** Set<Channel>MessageSpendLimitOverride: the monthly limit (whole USD) now enforced. */
export async function setSpendLimitOverride(
  client: PinpointSMSVoiceV2Client,
  channel: SpendChannel,
  monthlyLimit: number,
  o: { signal?: AbortSignal } = {},
): Promise<{ channel: SpendChannel; monthlyLimit: number | null }> {
  const input = { MonthlyLimit: monthlyLimit };
  const opts = { abortSignal: o.signal };
  let out: { MonthlyLimit?: number };
  switch (channel) {
    case 'text':
      out = await client.send(new SetTextMessageSpendLimitOverrideCommand(input), opts);
      break;
    case 'voice':
      out = await client.send(new SetVoiceMessageSpendLimitOverrideCommand(input), opts);
      break;
    case 'media':
      out = await client.send(new SetMediaMessageSpendLimitOverrideCommand(input), opts);
      break;
    case 'notify':
      out = await client.send(new SetNotifyMessageSpendLimitOverrideCommand(input), opts);
      break;
    case 'rcs':
      out = await client.send(new SetRcsMessageSpendLimitOverrideCommand(input), opts);
      break;
  }
  return { channel, monthlyLimit: out.MonthlyLimit ?? null };
}

/** Delete<Channel>MessageSpendLimitOverride: the override that was removed (the account limit applies again). */
export async function deleteSpendLimitOverride(
  client: PinpointSMSVoiceV2Client,
  channel: SpendChannel,
  o: { signal?: AbortSignal } = {},
): Promise<{ channel: SpendChannel; monthlyLimit: number | null }> {
  const opts = { abortSignal: o.signal };
  let out: { MonthlyLimit?: number };
  switch (channel) {
    case 'text':
      out = await client.send(new DeleteTextMessageSpendLimitOverrideCommand({}), opts);
      break;
    case 'voice':
      out = await client.send(new DeleteVoiceMessageSpendLimitOverrideCommand({}), opts);
      break;
    case 'media':
      out = await client.send(new DeleteMediaMessageSpendLimitOverrideCommand({}), opts);
      break;
    case 'notify':
      out = await client.send(new DeleteNotifyMessageSpendLimitOverrideCommand({}), opts);
      break;
    case 'rcs':
      out = await client.send(new DeleteRcsMessageSpendLimitOverrideCommand({}), opts);
      break;
  }
  return { channel, monthlyLimit: out.MonthlyLimit ?? null };
}
