/**
 * Phone numbers: typed functions over the SDK (its paginators for DescribePhoneNumbers and
 * ListAvailablePhoneNumbers), mapping SDK shapes to eum's once. One attempt each: callers retry
 * through the bulk engine (`src/runtime/bulk.ts`), which decides what may be tried again.
 * Keywords are not read here (`eum keyword` owns them).
 */
import type { PhoneNumberInformation, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

/** The number types the API knows (RequestPhoneNumber accepts all but SHORT_CODE). */
export type NumberType = 'LONG_CODE' | 'SHORT_CODE' | 'SIMULATOR' | 'TEN_DLC' | 'TOLL_FREE';
export type NumberCapability = 'SMS' | 'MMS' | 'VOICE' | 'RCS';
export type MessageTypeName = 'TRANSACTIONAL' | 'PROMOTIONAL';

/** The limits a number carries (MessagingLimits): messages per second and per day, by channel. */
export interface NumberLimits {
  /** Parts (or messages) per second, by channel name as the API writes it ("SMS", "VOICE", ...). */
  rateLimits: Record<string, number>;
  dailyMessageCaps: Record<string, number>;
}

/** A phone number as eum shows it. */
export interface PhoneNumberInfo {
  phoneNumberId: string;
  phoneNumberArn: string;
  phoneNumber: string;
  /** PENDING, ACTIVE, ASSOCIATING, DISASSOCIATING, DELETED. */
  status: string;
  country: string;
  messageType: string | null;
  capabilities: string[];
  numberType: string;
  /** USD per month, as the API writes it ("2.00"). */
  monthlyLeasingPrice: string | null;
  twoWayEnabled: boolean;
  twoWayChannelArn: string | null;
  twoWayChannelRole: string | null;
  selfManagedOptOutsEnabled: boolean;
  optOutListName: string | null;
  internationalSendingEnabled: boolean | null;
  deletionProtectionEnabled: boolean;
  poolId: string | null;
  registrationId: string | null;
  limits: NumberLimits | null;
  createdTimestamp: string | null;
}

/** Filters DescribePhoneNumbers applies (each one value; the API ANDs them). */
export interface PhoneNumberFilters {
  country?: string;
  numberType?: NumberType;
  status?: string;
  messageType?: MessageTypeName;
  capability?: NumberCapability;
  twoWayEnabled?: boolean;
  optOutListName?: string;
  selfManagedOptOutsEnabled?: boolean;
  deletionProtectionEnabled?: boolean;
  twoWayChannelArn?: string;
}

interface CallOptions {
  signal?: AbortSignal;
}

type NumberShape = Partial<PhoneNumberInformation>;

function iso(d: Date | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export function toPhoneNumberInfo(n: NumberShape): PhoneNumberInfo {
  const limits = n.MessagingLimits;
  return {
    phoneNumberId: n.PhoneNumberId ?? '',
    phoneNumberArn: n.PhoneNumberArn ?? '',
    phoneNumber: n.PhoneNumber ?? '',
    status: n.Status ?? '',
    country: n.IsoCountryCode ?? '',
    messageType: n.MessageType ?? null,
    capabilities: n.NumberCapabilities ?? [],
    numberType: n.NumberType ?? '',
    monthlyLeasingPrice: n.MonthlyLeasingPrice ?? null,
    twoWayEnabled: n.TwoWayEnabled ?? false,
    twoWayChannelArn: n.TwoWayChannelArn ?? null,
    twoWayChannelRole: n.TwoWayChannelRole ?? null,
    selfManagedOptOutsEnabled: n.SelfManagedOptOutsEnabled ?? false,
    optOutListName: n.OptOutListName ?? null,
    internationalSendingEnabled: n.InternationalSendingEnabled ?? null,
    deletionProtectionEnabled: n.DeletionProtectionEnabled ?? false,
    poolId: n.PoolId ?? null,
    registrationId: n.RegistrationId ?? null,
    limits: limits ? { rateLimits: { ...(limits.RateLimits ?? {}) }, dailyMessageCaps: { ...(limits.DailyMessageCaps ?? {}) } } : null,
    createdTimestamp: iso(n.CreatedTimestamp),
  };
}

function filtersOf(f: PhoneNumberFilters): Array<{ Name: string; Values: string[] }> {
  const out: Array<{ Name: string; Values: string[] }> = [];
  const add = (name: string, v: string | boolean | undefined) => {
    if (v !== undefined) out.push({ Name: name, Values: [String(v)] });
  };
  add('iso-country-code', f.country);
  add('number-type', f.numberType);
  add('status', f.status);
  add('message-type', f.messageType);
  add('number-capability', f.capability);
  add('two-way-enabled', f.twoWayEnabled);
  add('opt-out-list-name', f.optOutListName);
  add('self-managed-opt-outs-enabled', f.selfManagedOptOutsEnabled);
  add('deletion-protection-enabled', f.deletionProtectionEnabled);
  add('two-way-channel-arn', f.twoWayChannelArn);
  return out;
}

/** Every phone number matching the filters in the client's Region (all pages). */
export async function listPhoneNumbers(
  client: PinpointSMSVoiceV2Client,
  filters: PhoneNumberFilters = {},
  options: CallOptions = {},
): Promise<PhoneNumberInfo[]> {
  const { paginateDescribePhoneNumbers } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const Filters = filtersOf(filters) as Array<{ Name: never; Values: string[] }>;
  return collectPages(
    paginateDescribePhoneNumbers({ client, pageSize: 100 }, { Filters: Filters.length ? Filters : undefined }, pageOptions(options.signal)),
    (page) => page.PhoneNumbers,
    toPhoneNumberInfo,
  );
}

/** One phone number by its ID, ARN or E.164 number; ResourceNotFoundException when absent. */
export async function describePhoneNumber(client: PinpointSMSVoiceV2Client, phoneNumberId: string, options: CallOptions = {}): Promise<PhoneNumberInfo> {
  const { DescribePhoneNumbersCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  let found: Partial<PhoneNumberInformation> | undefined;
  // The API takes IDs and ARNs: an E.164 number is looked up among the account's numbers.
  if (phoneNumberId.startsWith('+')) {
    const match = (await listPhoneNumbers(client, {}, options)).find((n) => n.phoneNumber === phoneNumberId);
    if (match) return match;
  } else {
    const out = await client.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [phoneNumberId] }), { abortSignal: options.signal });
    found = out.PhoneNumbers?.[0];
  }
  if (!found) {
    const { ResourceNotFoundException } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    throw new ResourceNotFoundException({
      message: `phone number ${phoneNumberId} not found`,
      $metadata: {},
      ResourceType: 'phone-number',
      ResourceId: phoneNumberId,
    });
  }
  return toPhoneNumberInfo(found);
}

/** How ListAvailablePhoneNumbers narrows the numbers it offers. */
export interface NumberPreference {
  kind: 'StartsWith' | 'EndsWith' | 'Contains' | 'ExactMatch';
  digits: string;
}

export interface AvailableNumberSearch {
  country: string;
  /** The API searches TEN_DLC numbers only (today). */
  numberType: 'TEN_DLC';
  capabilities: NumberCapability[];
  registrationId?: string;
  preference?: NumberPreference;
  /** The most numbers to return (pages are read until this many). */
  limit: number;
}

/** Numbers that could be requested now (ListAvailablePhoneNumbers, pages until `limit`). */
export async function listAvailablePhoneNumbers(client: PinpointSMSVoiceV2Client, s: AvailableNumberSearch, options: CallOptions = {}): Promise<string[]> {
  const { paginateListAvailablePhoneNumbers } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: string[] = [];
  const input = {
    IsoCountryCode: s.country,
    NumberType: s.numberType,
    NumberCapabilities: s.capabilities,
    RegistrationId: s.registrationId,
    NumberPreference: s.preference ? [{ PreferenceType: [s.preference.kind], Filter: [s.preference.digits] }] : undefined,
  };
  for await (const page of paginateListAvailablePhoneNumbers({ client, pageSize: Math.min(s.limit, 100) }, input, { abortSignal: options.signal })) {
    for (const n of page.AvailablePhoneNumbers ?? []) {
      out.push(n);
      if (out.length >= s.limit) return out;
    }
  }
  return out;
}

export interface PhoneNumberRequest {
  country: string;
  numberType: 'LONG_CODE' | 'SIMULATOR' | 'TEN_DLC' | 'TOLL_FREE';
  messageType: MessageTypeName;
  capabilities: NumberCapability[];
  registrationId?: string;
  poolId?: string;
  optOutListName?: string;
  preference?: NumberPreference;
  deletionProtection: boolean;
  tags: Array<{ Key: string; Value: string }>;
  /** Identifies one attempt to lease this number: the same token replays the first answer. */
  clientToken: string;
}

/** RequestPhoneNumber (idempotent with its ClientToken): leases a number, billed monthly. */
export async function requestPhoneNumber(client: PinpointSMSVoiceV2Client, r: PhoneNumberRequest, options: CallOptions = {}): Promise<PhoneNumberInfo> {
  const { RequestPhoneNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new RequestPhoneNumberCommand({
      IsoCountryCode: r.country,
      NumberType: r.numberType,
      MessageType: r.messageType,
      NumberCapabilities: r.capabilities,
      RegistrationId: r.registrationId,
      PoolId: r.poolId,
      OptOutListName: r.optOutListName,
      NumberPreference: r.preference ? [{ PreferenceType: [r.preference.kind], Filter: [r.preference.digits] }] : undefined,
      DeletionProtectionEnabled: r.deletionProtection,
      Tags: r.tags.length ? r.tags : undefined,
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toPhoneNumberInfo(out);
}

/** What UpdatePhoneNumber changes (absent: unchanged). */
export interface PhoneNumberChanges {
  twoWayEnabled?: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  internationalSendingEnabled?: boolean;
  deletionProtectionEnabled?: boolean;
}

/** UpdatePhoneNumber (setting the same values again is harmless). */
export async function updatePhoneNumber(
  client: PinpointSMSVoiceV2Client,
  phoneNumberId: string,
  c: PhoneNumberChanges,
  options: CallOptions = {},
): Promise<PhoneNumberInfo> {
  const { UpdatePhoneNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new UpdatePhoneNumberCommand({
      PhoneNumberId: phoneNumberId,
      TwoWayEnabled: c.twoWayEnabled,
      TwoWayChannelArn: c.twoWayChannelArn,
      TwoWayChannelRole: c.twoWayChannelRole,
      SelfManagedOptOutsEnabled: c.selfManagedOptOutsEnabled,
      OptOutListName: c.optOutListName,
      InternationalSendingEnabled: c.internationalSendingEnabled,
      DeletionProtectionEnabled: c.deletionProtectionEnabled,
    }),
    { abortSignal: options.signal },
  );
  return toPhoneNumberInfo(out);
}

/** ReleasePhoneNumber (a repeat finds nothing: ResourceNotFoundException). */
export async function releasePhoneNumber(client: PinpointSMSVoiceV2Client, phoneNumberId: string, options: CallOptions = {}): Promise<PhoneNumberInfo> {
  const { ReleasePhoneNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  return toPhoneNumberInfo(await client.send(new ReleasePhoneNumberCommand({ PhoneNumberId: phoneNumberId }), { abortSignal: options.signal }));
}
