/**
 * Keywords of an origination identity: typed functions over the SDK (its paginator for
 * DescribeKeywords), mapping SDK shapes to eum's once. One attempt each: callers retry through
 * the bulk engine (`src/runtime/bulk.ts`), which decides what may be tried again.
 */
import type { KeywordInformation, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

export const KEYWORD_ACTIONS = ['AUTOMATIC_RESPONSE', 'OPT_OUT', 'OPT_IN'] as const;
export type KeywordAction = (typeof KEYWORD_ACTIONS)[number];

/** A keyword as eum shows it. */
export interface KeywordInfo {
  keyword: string;
  message: string;
  action: KeywordAction;
}

/** The keywords of one identity, with the identity as the service names it. */
export interface IdentityKeywords {
  /** The phone number id, pool id, ... as the service answered it. */
  identity: string;
  identityArn: string | null;
  keywords: KeywordInfo[];
}

export interface KeywordFilters {
  /** Only these keywords (case-insensitive on the service). */
  keywords?: string[];
  action?: KeywordAction;
}

interface CallOptions {
  signal?: AbortSignal;
}

function toInfo(k: Partial<KeywordInformation>): KeywordInfo {
  return { keyword: k.Keyword ?? '', message: k.KeywordMessage ?? '', action: (k.KeywordAction ?? 'AUTOMATIC_RESPONSE') as KeywordAction };
}

/** Every keyword of an identity (phone number or pool, by id or ARN; all pages). */
export async function describeKeywords(
  client: PinpointSMSVoiceV2Client,
  identity: string,
  filters: KeywordFilters = {},
  options: CallOptions = {},
): Promise<IdentityKeywords> {
  const { paginateDescribeKeywords } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: IdentityKeywords = { identity, identityArn: null, keywords: [] };
  const Filters = filters.action ? [{ Name: 'keyword-action' as const, Values: [filters.action] }] : undefined;
  const Keywords = filters.keywords?.length ? filters.keywords : undefined;
  for await (const page of paginateDescribeKeywords(
    { client, pageSize: 100 },
    { OriginationIdentity: identity, Keywords, Filters },
    { abortSignal: options.signal },
  )) {
    if (page.OriginationIdentity) out.identity = page.OriginationIdentity;
    if (page.OriginationIdentityArn) out.identityArn = page.OriginationIdentityArn;
    for (const k of page.Keywords ?? []) out.keywords.push(toInfo(k));
  }
  return out;
}

export interface KeywordChange {
  identity: string;
  identityArn: string | null;
  keyword: KeywordInfo;
}

/** PutKeyword: creates or replaces a keyword (replaying it leaves the same state). */
export async function putKeyword(client: PinpointSMSVoiceV2Client, identity: string, keyword: KeywordInfo, options: CallOptions = {}): Promise<KeywordChange> {
  const { PutKeywordCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new PutKeywordCommand({ OriginationIdentity: identity, Keyword: keyword.keyword, KeywordMessage: keyword.message, KeywordAction: keyword.action }),
    { abortSignal: options.signal },
  );
  return { identity: out.OriginationIdentity ?? identity, identityArn: out.OriginationIdentityArn ?? null, keyword: toInfo(out) };
}

/** DeleteKeyword (a repeat finds nothing: ResourceNotFoundException). */
export async function deleteKeyword(client: PinpointSMSVoiceV2Client, identity: string, keyword: string, options: CallOptions = {}): Promise<KeywordChange> {
  const { DeleteKeywordCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new DeleteKeywordCommand({ OriginationIdentity: identity, Keyword: keyword }), { abortSignal: options.signal });
  return { identity: out.OriginationIdentity ?? identity, identityArn: out.OriginationIdentityArn ?? null, keyword: toInfo(out) };
}

/**
 * The registrations of a pool's phone numbers (a pool's keywords answer for all of them), without
 * duplicates: the pool's members (all pages), then their numbers' RegistrationId.
 */
export async function poolMemberRegistrations(client: PinpointSMSVoiceV2Client, poolId: string, options: CallOptions = {}): Promise<string[]> {
  const { paginateListPoolOriginationIdentities, DescribePhoneNumbersCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const phoneIds: string[] = [];
  for await (const page of paginateListPoolOriginationIdentities({ client, pageSize: 100 }, { PoolId: poolId }, { abortSignal: options.signal })) {
    for (const o of page.OriginationIdentities ?? [])
      if (o.OriginationIdentity && /^phone-|:phone-number\//.test(o.OriginationIdentity)) phoneIds.push(o.OriginationIdentity);
  }
  const registrations = new Set<string>();
  // DescribePhoneNumbers takes a few ids a call.
  for (let i = 0; i < phoneIds.length; i += 5) {
    const out = await client.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: phoneIds.slice(i, i + 5) }), { abortSignal: options.signal });
    for (const n of out.PhoneNumbers ?? []) if (n.RegistrationId) registrations.add(n.RegistrationId);
  }
  return [...registrations];
}
