/**
 * Opt-out lists and the numbers on them: typed functions over the SDK (its paginators for
 * DescribeOptOutLists and DescribeOptedOutNumbers), mapping SDK shapes to eum's once. One attempt
 * each: callers retry through the bulk engine (`src/runtime/bulk.ts`), which decides what may be
 * tried again.
 */
import type { OptedOutNumberInformation, OptOutListInformation, PhoneNumberInformation, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

/** An opt-out list as eum shows it. */
export interface OptOutListInfo {
  name: string;
  arn: string | null;
  createdAt: Date | null;
}

/** A number on an opt-out list. */
export interface OptedOutNumber {
  /** E.164. */
  number: string;
  optedOutAt: Date | null;
  /** true: the recipient replied STOP (or similar); false: added by the account. */
  endUserOptedOut: boolean;
}

export interface OptedOutFilters {
  /** Only these numbers (E.164, at most 5 per call on the service: callers split). */
  numbers?: string[];
  /** Only numbers the recipients opted out themselves (true) or the account added (false). */
  endUserOptedOut?: boolean;
}

interface CallOptions {
  signal?: AbortSignal;
}

function toList(l: Partial<OptOutListInformation>): OptOutListInfo {
  return { name: l.OptOutListName ?? '', arn: l.OptOutListArn ?? null, createdAt: l.CreatedTimestamp ?? null };
}

function toNumber(n: Partial<OptedOutNumberInformation>): OptedOutNumber {
  return { number: n.OptedOutNumber ?? '', optedOutAt: n.OptedOutTimestamp ?? null, endUserOptedOut: n.EndUserOptedOut ?? false };
}

/** Every opt-out list (or the named ones) in the client's Region (all pages). */
export async function describeOptOutLists(client: PinpointSMSVoiceV2Client, names?: string[], options: CallOptions = {}): Promise<OptOutListInfo[]> {
  const { paginateDescribeOptOutLists } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  return collectPages(
    paginateDescribeOptOutLists({ client, pageSize: 100 }, { OptOutListNames: names?.length ? names : undefined }, pageOptions(options.signal)),
    (page) => page.OptOutLists,
    toList,
  );
}

export interface OptOutListRequest {
  name: string;
  tags: Array<{ Key: string; Value: string }>;
  /** Identifies one attempt to create this list: the same token replays the first answer. */
  clientToken: string;
}

/** CreateOptOutList (idempotent with its ClientToken). */
export async function createOptOutList(client: PinpointSMSVoiceV2Client, r: OptOutListRequest, options: CallOptions = {}): Promise<OptOutListInfo> {
  const { CreateOptOutListCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new CreateOptOutListCommand({ OptOutListName: r.name, Tags: r.tags.length ? r.tags : undefined, ClientToken: r.clientToken }), {
    abortSignal: options.signal,
  });
  return toList(out);
}

/** DeleteOptOutList (a repeat finds nothing: ResourceNotFoundException). */
export async function deleteOptOutList(client: PinpointSMSVoiceV2Client, name: string, options: CallOptions = {}): Promise<OptOutListInfo> {
  const { DeleteOptOutListCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new DeleteOptOutListCommand({ OptOutListName: name }), { abortSignal: options.signal });
  return toList(out);
}

/**
 * The numbers on a list, one page at a time (so a caller can stream 10,000 numbers without
 * holding them). `pageSize` up to 100.
 */
export async function* optedOutNumberPages(
  client: PinpointSMSVoiceV2Client,
  list: string,
  filters: OptedOutFilters = {},
  options: CallOptions & { pageSize?: number } = {},
): AsyncGenerator<OptedOutNumber[]> {
  const { paginateDescribeOptedOutNumbers } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const Filters = filters.endUserOptedOut === undefined ? undefined : [{ Name: 'end-user-opted-out' as const, Values: [String(filters.endUserOptedOut)] }];
  const OptedOutNumbers = filters.numbers?.length ? filters.numbers : undefined;
  for await (const page of paginateDescribeOptedOutNumbers(
    { client, pageSize: options.pageSize ?? 100 },
    { OptOutListName: list, OptedOutNumbers, Filters },
    { abortSignal: options.signal },
  )) {
    yield (page.OptedOutNumbers ?? []).map(toNumber);
  }
}

/**
 * One page of DescribeOptedOutNumbers (`nextToken` from the previous page), for callers that retry
 * each page on its own (a throttled page 37 is tried again, not the whole walk).
 */
export async function describeOptedOutNumbersPage(
  client: PinpointSMSVoiceV2Client,
  list: string,
  filters: OptedOutFilters = {},
  page: { nextToken?: string; pageSize?: number } = {},
  options: CallOptions = {},
): Promise<{ listName: string; listArn: string | null; numbers: OptedOutNumber[]; nextToken?: string }> {
  const { DescribeOptedOutNumbersCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new DescribeOptedOutNumbersCommand({
      OptOutListName: list,
      OptedOutNumbers: filters.numbers?.length ? filters.numbers : undefined,
      Filters: filters.endUserOptedOut === undefined ? undefined : [{ Name: 'end-user-opted-out', Values: [String(filters.endUserOptedOut)] }],
      NextToken: page.nextToken,
      MaxResults: page.pageSize ?? 100,
    }),
    { abortSignal: options.signal },
  );
  return {
    listName: out.OptOutListName ?? list,
    listArn: out.OptOutListArn ?? null,
    numbers: (out.OptedOutNumbers ?? []).map(toNumber),
    nextToken: out.NextToken || undefined,
  };
}

/** Every number on a list matching the filters (all pages). */
export async function describeOptedOutNumbers(
  client: PinpointSMSVoiceV2Client,
  list: string,
  filters: OptedOutFilters = {},
  options: CallOptions = {},
): Promise<OptedOutNumber[]> {
  const out: OptedOutNumber[] = [];
  for await (const page of optedOutNumberPages(client, list, filters, options)) out.push(...page);
  return out;
}

/** PutOptedOutNumber: adds a number to a list (replaying it leaves the same state). */
export async function putOptedOutNumber(client: PinpointSMSVoiceV2Client, list: string, number: string, options: CallOptions = {}): Promise<OptedOutNumber> {
  const { PutOptedOutNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new PutOptedOutNumberCommand({ OptOutListName: list, OptedOutNumber: number }), { abortSignal: options.signal });
  return toNumber({ ...out, OptedOutNumber: out.OptedOutNumber ?? number });
}

/** DeleteOptedOutNumber (a number not on the list: ResourceNotFoundException). */
export async function deleteOptedOutNumber(client: PinpointSMSVoiceV2Client, list: string, number: string, options: CallOptions = {}): Promise<OptedOutNumber> {
  const { DeleteOptedOutNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new DeleteOptedOutNumberCommand({ OptOutListName: list, OptedOutNumber: number }), { abortSignal: options.signal });
  return toNumber({ ...out, OptedOutNumber: out.OptedOutNumber ?? number });
}

/** What an origination identity does with opt-outs. */
export interface IdentityOptOutSettings {
  kind: 'phone-number' | 'pool' | 'sender-id';
  /** As the service names it (phone number id, pool id, sender id). */
  id: string;
  /** The phone number in E.164, for a phone number. */
  phoneNumber: string | null;
  optOutList: string | null;
  /** true: the account answers STOP itself and the service keeps no list for this identity. */
  selfManagedOptOuts: boolean;
  /** For a phone number: its type (TOLL_FREE, TEN_DLC, ...), country, registration and pool. */
  numberType: string | null;
  country: string | null;
  registrationId: string | null;
  poolId: string | null;
}

/**
 * The opt-out list and self-managed setting of an identity (with what `eum keyword` needs of a
 * phone number): a phone number (id, ARN or E.164),
 * a pool (id or ARN), or a sender ID ("ID:CC"; sender IDs use the account's Default list). Returns
 * undefined when no identity matches.
 */
export async function identityOptOutSettings(
  client: PinpointSMSVoiceV2Client,
  identity: string,
  options: CallOptions = {},
): Promise<IdentityOptOutSettings | undefined> {
  const sdk = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const o = { abortSignal: options.signal };
  const notFound = (e: unknown): boolean => (e as { name?: string }).name === 'ResourceNotFoundException';
  if (/^pool-|:pool\//.test(identity)) {
    try {
      const r = await client.send(new sdk.DescribePoolsCommand({ PoolIds: [identity] }), o);
      const p = r.Pools?.[0];
      if (!p) return undefined;
      return {
        ...NONE,
        kind: 'pool',
        id: p.PoolId ?? identity,
        optOutList: p.OptOutListName ?? null,
        selfManagedOptOuts: p.SelfManagedOptOutsEnabled ?? false,
      };
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }
  if (/^phone-|:phone-number\//.test(identity)) {
    try {
      const r = await client.send(new sdk.DescribePhoneNumbersCommand({ PhoneNumberIds: [identity] }), o);
      const n = r.PhoneNumbers?.[0];
      return n ? numberSettings(n, identity) : undefined;
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }
  if (identity.startsWith('+')) {
    for await (const page of sdk.paginateDescribePhoneNumbers({ client }, {}, o)) {
      const n = page.PhoneNumbers?.find((p) => p.PhoneNumber === identity);
      if (n) return numberSettings(n, identity);
    }
    return undefined;
  }
  const m = /^([^:]+):([A-Za-z]{2})$/.exec(identity) ?? /:sender-id\/([^/]+)\/([A-Za-z]{2})$/.exec(identity);
  if (m) {
    const r = await client
      .send(new sdk.DescribeSenderIdsCommand({ SenderIds: [{ SenderId: m[1]!, IsoCountryCode: m[2]!.toUpperCase() }] }), o)
      .catch((e: unknown) => {
        if (notFound(e)) return undefined;
        throw e;
      });
    const s = r?.SenderIds?.[0];
    return s
      ? {
          ...NONE,
          kind: 'sender-id',
          id: `${s.SenderId}:${s.IsoCountryCode}`,
          optOutList: 'Default',
          country: s.IsoCountryCode ?? null,
          registrationId: s.RegistrationId ?? null,
        }
      : undefined;
  }
  return undefined;
}

const NONE = { phoneNumber: null, optOutList: null, selfManagedOptOuts: false, numberType: null, country: null, registrationId: null, poolId: null };

function numberSettings(n: PhoneNumberInformation, identity: string): IdentityOptOutSettings {
  return {
    kind: 'phone-number',
    id: n.PhoneNumberId ?? identity,
    phoneNumber: n.PhoneNumber ?? null,
    optOutList: n.OptOutListName ?? null,
    selfManagedOptOuts: n.SelfManagedOptOutsEnabled ?? false,
    numberType: n.NumberType ?? null,
    country: n.IsoCountryCode ?? null,
    registrationId: n.RegistrationId ?? null,
    poolId: n.PoolId ?? null,
  };
}
