/**
 * Sender IDs: typed functions over the SDK (its paginator for DescribeSenderIds), mapping SDK
 * shapes to eum's once. One attempt each: callers retry through the bulk engine
 * (`src/runtime/bulk.ts`), which decides what may be tried again.
 */
import type { PinpointSMSVoiceV2Client, SenderIdInformation } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/** A sender ID as eum shows it. */
export interface SenderIdInfo {
  senderId: string;
  country: string;
  arn: string | null;
  messageTypes: string[];
  /** USD per month, as the API writes it ("3.09"). */
  monthlyLeasingPrice: string | null;
  registered: boolean | null;
  registrationId: string | null;
  deletionProtection: boolean | null;
}

export interface SenderIdFilters {
  senderId?: string;
  country?: string;
  registered?: boolean;
}

interface CallOptions {
  signal?: AbortSignal;
}

function toInfo(s: Partial<SenderIdInformation> & { SenderId?: string; IsoCountryCode?: string }): SenderIdInfo {
  return {
    senderId: s.SenderId ?? '',
    country: s.IsoCountryCode ?? '',
    arn: s.SenderIdArn ?? null,
    messageTypes: s.MessageTypes ?? [],
    monthlyLeasingPrice: s.MonthlyLeasingPrice ?? null,
    registered: s.Registered ?? null,
    registrationId: s.RegistrationId ?? null,
    deletionProtection: s.DeletionProtectionEnabled ?? null,
  };
}

/** Every sender ID matching the filters in the client's Region (all pages). */
export async function describeSenderIds(client: PinpointSMSVoiceV2Client, filters: SenderIdFilters = {}, options: CallOptions = {}): Promise<SenderIdInfo[]> {
  const { paginateDescribeSenderIds } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const Filters: Array<{ Name: 'sender-id' | 'iso-country-code' | 'registered'; Values: string[] }> = [];
  if (filters.senderId !== undefined) Filters.push({ Name: 'sender-id', Values: [filters.senderId] });
  if (filters.country !== undefined) Filters.push({ Name: 'iso-country-code', Values: [filters.country] });
  if (filters.registered !== undefined) Filters.push({ Name: 'registered', Values: [String(filters.registered)] });
  const out: SenderIdInfo[] = [];
  for await (const page of paginateDescribeSenderIds(
    { client, pageSize: 100 },
    { Filters: Filters.length ? Filters : undefined },
    { abortSignal: options.signal },
  )) {
    for (const s of page.SenderIds ?? []) out.push(toInfo(s));
  }
  return out;
}

export interface SenderIdRequest {
  senderId: string;
  country: string;
  messageTypes: Array<'TRANSACTIONAL' | 'PROMOTIONAL'>;
  deletionProtection: boolean;
  tags: Array<{ Key: string; Value: string }>;
  /** Identifies one attempt to create this sender ID: the same token replays the first answer. */
  clientToken: string;
}

/** RequestSenderId (idempotent with its ClientToken). */
export async function requestSenderId(client: PinpointSMSVoiceV2Client, r: SenderIdRequest, options: CallOptions = {}): Promise<SenderIdInfo> {
  const { RequestSenderIdCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new RequestSenderIdCommand({
      SenderId: r.senderId,
      IsoCountryCode: r.country,
      MessageTypes: r.messageTypes,
      DeletionProtectionEnabled: r.deletionProtection,
      Tags: r.tags.length ? r.tags : undefined,
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toInfo(out);
}

/** ReleaseSenderId (a repeat finds nothing: ResourceNotFoundException). */
export async function releaseSenderId(client: PinpointSMSVoiceV2Client, senderId: string, country: string, options: CallOptions = {}): Promise<SenderIdInfo> {
  const { ReleaseSenderIdCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new ReleaseSenderIdCommand({ SenderId: senderId, IsoCountryCode: country }), { abortSignal: options.signal });
  return toInfo(out);
}
