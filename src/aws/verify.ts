/**
 * Verified destination numbers (the sandbox): typed functions over the SDK (its paginator for
 * DescribeVerifiedDestinationNumbers). One attempt each: callers retry through the bulk engine.
 * Loaded on first use only.
 */
import {
  CreateVerifiedDestinationNumberCommand,
  DeleteVerifiedDestinationNumberCommand,
  SendDestinationNumberVerificationCodeCommand,
  VerifyDestinationNumberCommand,
  paginateDescribeVerifiedDestinationNumbers,
  type PinpointSMSVoiceV2Client,
  type VerifiedDestinationNumberInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

type Client = PinpointSMSVoiceV2Client;

interface CallOptions {
  signal?: AbortSignal;
}

export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'UNSUPPORTED';
export type VerificationChannel = 'TEXT' | 'VOICE';

/** A verified destination number as eum shows it (the number unmasked: renderers mask it). */
export interface VerifiedNumberInfo {
  id: string;
  arn: string;
  phoneNumber: string;
  status: VerificationStatus;
  createdAt: string | null;
}

function toInfo(v: Partial<VerifiedDestinationNumberInformation>): VerifiedNumberInfo {
  return {
    id: v.VerifiedDestinationNumberId ?? '',
    arn: v.VerifiedDestinationNumberArn ?? '',
    phoneNumber: v.DestinationPhoneNumber ?? '',
    status: (v.Status as VerificationStatus | undefined) ?? 'PENDING',
    createdAt: v.CreatedTimestamp ? v.CreatedTimestamp.toISOString() : null,
  };
}

export interface VerifiedNumberFilters {
  ids?: string[];
  phoneNumbers?: string[];
  status?: VerificationStatus;
}

/** Every verified destination number matching the filters (all pages). */
export async function describeVerifiedNumbers(client: Client, filters: VerifiedNumberFilters = {}, options: CallOptions = {}): Promise<VerifiedNumberInfo[]> {
  const input = {
    VerifiedDestinationNumberIds: filters.ids?.length ? filters.ids : undefined,
    DestinationPhoneNumbers: filters.phoneNumbers?.length ? filters.phoneNumbers : undefined,
    Filters: filters.status ? [{ Name: 'status' as const, Values: [filters.status] }] : undefined,
  };
  return collectPages(
    paginateDescribeVerifiedDestinationNumbers({ client }, input, pageOptions(options.signal)),
    (page) => page.VerifiedDestinationNumbers,
    toInfo,
  );
}

/** CreateVerifiedDestinationNumber (idempotent with its ClientToken): the number, PENDING. */
export async function createVerifiedNumber(
  client: Client,
  r: { phoneNumber: string; clientToken: string; tags?: Array<{ Key: string; Value: string }> },
  options: CallOptions = {},
): Promise<VerifiedNumberInfo> {
  const out = await client.send(
    new CreateVerifiedDestinationNumberCommand({
      DestinationPhoneNumber: r.phoneNumber,
      ClientToken: r.clientToken,
      Tags: r.tags?.length ? r.tags : undefined,
    }),
    { abortSignal: options.signal },
  );
  return toInfo(out);
}

/** SendDestinationNumberVerificationCode: sends a code by text or voice; the message id. Not idempotent: each call sends one. */
export async function sendVerificationCode(
  client: Client,
  r: { id: string; channel: VerificationChannel; languageCode?: string; originationIdentity?: string; configurationSet?: string },
  options: CallOptions = {},
): Promise<{ messageId: string }> {
  const out = await client.send(
    new SendDestinationNumberVerificationCodeCommand({
      VerifiedDestinationNumberId: r.id,
      VerificationChannel: r.channel,
      LanguageCode: r.languageCode as never,
      OriginationIdentity: r.originationIdentity,
      ConfigurationSetName: r.configurationSet,
    }),
    { abortSignal: options.signal },
  );
  return { messageId: out.MessageId ?? '' };
}

/** VerifyDestinationNumber: the number with its new status. */
export async function verifyNumber(client: Client, id: string, code: string, options: CallOptions = {}): Promise<VerifiedNumberInfo> {
  const out = await client.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: code }), {
    abortSignal: options.signal,
  });
  return toInfo(out);
}

/** DeleteVerifiedDestinationNumber: the number as it was. */
export async function deleteVerifiedNumber(client: Client, id: string, options: CallOptions = {}): Promise<VerifiedNumberInfo> {
  const out = await client.send(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: id }), { abortSignal: options.signal });
  return toInfo(out);
}
