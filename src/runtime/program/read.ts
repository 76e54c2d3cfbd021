/**
 * Reads what a program document describes, per Region, in parallel: every read through
 * `readWithRetry` (throttling absorbed), paced by one token bucket per Region and operation at
 * the service's published rate, so a plan's reads take as long as the read quotas make them and
 * no longer. Only the sections asked for are read.
 */
import type { Context } from '../../cli/context.js';
import { readWithRetry, type CallContext } from '../bulk.js';
import { createTokenBucket, type TokenBucket } from '../../core/rate.js';
import type { ConfigSetState, NumberState, PoolState, RegionSnapshot } from '../../core/program/plan.js';
import { DEFAULT_OPT_OUT_LIST, type DesiredDestination, type ProgramSpendChannel } from '../../core/program/document.js';
import type { Channel, CountryRuleSet, ProtectConfigurationSnapshot } from '../../core/protect/types.js';
import { CHANNELS } from '../../core/protect/types.js';

/**
 * Requests per second per operation ("Quotas for AWS End User Messaging SMS", RPS table): 1 for
 * every operation except these (the simulator enforces the same table).
 */
export const PUBLISHED_RPS: Record<string, number> = { DeleteOptedOutNumber: 10, ListTagsForResource: 10, PutMessageFeedback: 20, PutOptedOutNumber: 10 };
export const rpsOf = (op: string) => PUBLISHED_RPS[op] ?? 1;

export type Section = 'senderIds' | 'optedOutNumbers' | 'phoneNumbers' | 'keywords' | 'pools' | 'optOutLists' | 'configurationSets' | 'protect' | 'spendLimits';

export interface ReadRequest {
  region: string;
  sections: ReadonlySet<Section>;
  /** Numbers (E.164) whose keywords are read; undefined: every number's. */
  keywordNumbers?: ReadonlySet<string>;
  /** Lists whose opted-out numbers are read; undefined: every list's. */
  optedOutLists?: readonly string[];
}

/** Paced reads: one bucket per Region and operation, shared by every read of the run. */
export function pacedReader(ctx: Context) {
  const buckets = new Map<string, TokenBucket>();
  const bucketOf = (region: string, op: string) => {
    const key = `${region}\u0000${op}`;
    let b = buckets.get(key);
    if (!b) {
      b = createTokenBucket(rpsOf(op), Math.max(1, rpsOf(op)));
      buckets.set(key, b);
    }
    return b;
  };
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    /** One read of `op` (pages of one listing count once: they follow the first). */
    read<R>(region: string, op: string, fn: (call: CallContext) => Promise<R>): Promise<R> {
      calls++;
      return readWithRetry(ctx, fn, { region, bucket: bucketOf(region, op), maxAttempts: ctx.globals.maxAttempts ?? 8 });
    },
  };
}

const twoWay = (enabled: boolean, channel: string | null, role: string | null) => (enabled && channel ? { channel, ...(role ? { role } : {}) } : null);

/** What a section's read needs, and the snapshot it fills in. */
interface SectionRead {
  reader: ReturnType<typeof pacedReader>;
  req: ReadRequest;
  snap: RegionSnapshot;
}

/** A Region's reads, each with the sections that need it. */
const REGION_READS: Array<[needs: Section[], read: (r: SectionRead) => Promise<void>]> = [
  [['phoneNumbers', 'pools', 'keywords'], readNumbers],
  [['pools'], readPools],
  [['optOutLists', 'phoneNumbers', 'pools', 'optedOutNumbers'], readOptOutLists],
  [['configurationSets'], readConfigurationSets],
  [['senderIds'], readSenderIds],
  [['spendLimits'], readSpendLimits],
  [
    ['protect'],
    async ({ reader, req, snap }) => {
      snap.protect = await readProtect(reader, req.region);
    },
  ],
];

/** Reads one Region: the reads its sections need, in parallel. */
export async function readRegion(_ctx: Context, reader: ReturnType<typeof pacedReader>, req: ReadRequest): Promise<RegionSnapshot> {
  const snap: RegionSnapshot = { region: req.region, numbers: [], pools: [], optOutLists: [], configurationSets: [], spendOverrides: {} };
  const reads = REGION_READS.filter(([needs]) => needs.some((s) => req.sections.has(s)));
  await Promise.all(reads.map(([, read]) => read({ reader, req, snap })));
  return snap;
}

/** Phone numbers, and the keywords of those asked for. */
async function readNumbers(r: SectionRead): Promise<void> {
  const { reader, req, snap } = r;
  const { listPhoneNumbers } = await import('../../aws/phone-numbers.js');
  const list = await reader.read(req.region, 'DescribePhoneNumbers', (c) => listPhoneNumbers(c.client, {}, { signal: c.signal }));
  snap.numbers = list.map(
    (n): NumberState => ({
      id: n.phoneNumberId,
      arn: n.phoneNumberArn,
      number: n.phoneNumber,
      numberType: n.numberType,
      status: n.status,
      registrationId: n.registrationId,
      twoWay: twoWay(n.twoWayEnabled, n.twoWayChannelArn, n.twoWayChannelRole),
      selfManagedOptOuts: n.selfManagedOptOutsEnabled,
      optOutList: n.optOutListName ?? DEFAULT_OPT_OUT_LIST,
      deletionProtection: n.deletionProtectionEnabled,
      internationalSending: n.internationalSendingEnabled,
      poolId: n.poolId,
    }),
  );
  if (req.sections.has('keywords')) await readKeywords(r);
}

/** The keywords of the numbers read (of those in `keywordNumbers` when it is given). */
async function readKeywords({ reader, req, snap }: SectionRead): Promise<void> {
  const { describeKeywords } = await import('../../aws/keywords.js');
  await Promise.all(
    snap.numbers
      .filter((n) => !req.keywordNumbers || req.keywordNumbers.has(n.number))
      .map(async (n) => {
        const k = await reader.read(req.region, 'DescribeKeywords', (c) => describeKeywords(c.client, n.id, {}, { signal: c.signal }));
        n.keywords = k.keywords
          .map((x) => ({ keyword: x.keyword.toUpperCase(), message: x.message, action: x.action }))
          .sort((a, b) => a.keyword.localeCompare(b.keyword));
      }),
  );
}

/** Pools, with their members and Name tags. */
async function readPools({ reader, req, snap }: SectionRead): Promise<void> {
  const region = req.region;
  const { getTags } = await import('../../aws/protect.js');
  const poolsApi = await import('../../aws/pools.js');
  const pools = await reader.read(region, 'DescribePools', (c) => poolsApi.listPools(c.client, {}, { signal: c.signal }));
  snap.pools = await Promise.all(
    pools.map(async (p): Promise<PoolState> => {
      const [members, tags] = await Promise.all([
        reader.read(region, 'ListPoolOriginationIdentities', (c) => poolsApi.listPoolOriginationIdentities(c.client, p.poolId, {}, { signal: c.signal })),
        reader.read(region, 'ListTagsForResource', (c) => getTags(c.client, p.poolArn)),
      ]);
      return {
        id: p.poolId,
        arn: p.poolArn,
        name: tags.Name,
        messageType: p.messageType,
        twoWay: twoWay(p.twoWayEnabled, p.twoWayChannelArn, p.twoWayChannelRole),
        selfManagedOptOuts: p.selfManagedOptOutsEnabled,
        optOutList: p.optOutListName ?? DEFAULT_OPT_OUT_LIST,
        sharedRoutes: p.sharedRoutesEnabled,
        deletionProtection: p.deletionProtectionEnabled,
        members: members.map((x) => x.phoneNumber ?? x.originationIdentity).sort(),
      };
    }),
  );
}

/** Opt-out lists, and the opted-out numbers of those asked for. */
async function readOptOutLists({ reader, req, snap }: SectionRead): Promise<void> {
  const region = req.region;
  const { describeOptOutLists, describeOptedOutNumbers } = await import('../../aws/opt-outs.js');
  const lists = await reader.read(region, 'DescribeOptOutLists', (c) => describeOptOutLists(c.client, undefined, { signal: c.signal }));
  snap.optOutLists = lists.map((l) => l.name).sort();
  if (!req.sections.has('optedOutNumbers')) return;
  const optedOut: Record<string, string[]> = {};
  const wanted = (req.optedOutLists ?? snap.optOutLists).filter((l) => snap.optOutLists.includes(l));
  await Promise.all(
    wanted.map(async (list) => {
      const nums = await reader.read(region, 'DescribeOptedOutNumbers', (c) => describeOptedOutNumbers(c.client, list, {}, { signal: c.signal }));
      optedOut[list] = nums.map((n) => n.number).sort();
    }),
  );
  snap.optedOut = optedOut;
}

/** Configuration sets, with their defaults and event destinations. */
async function readConfigurationSets({ reader, req, snap }: SectionRead): Promise<void> {
  const { describeConfigurationSets } = await import('../../aws/config-sets.js');
  const sets = await reader.read(req.region, 'DescribeConfigurationSets', (c) => describeConfigurationSets(c.client, {}, { signal: c.signal }));
  snap.configurationSets = sets.map(
    (s): ConfigSetState => ({
      name: s.name,
      defaultSenderId: s.defaultSenderId,
      defaultMessageType: s.defaultMessageType,
      feedback: s.defaultMessageFeedback,
      destinations: s.eventDestinations
        .map((d) => ({ name: d.name, enabled: d.enabled, eventTypes: [...d.eventTypes].sort(), target: d.target as DesiredDestination['target'] }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }),
  );
}

/** Sender IDs, one per sender ID and country. */
async function readSenderIds({ reader, req, snap }: SectionRead): Promise<void> {
  const { describeSenderIds } = await import('../../aws/sender-ids.js');
  const list = await reader.read(req.region, 'DescribeSenderIds', (c) => describeSenderIds(c.client, {}, { signal: c.signal }));
  snap.senderIds = list.map((s) => ({
    senderId: s.senderId,
    country: s.country,
    messageTypes: [...s.messageTypes].sort(),
    deletionProtection: s.deletionProtection ?? false,
  }));
}

/** The channels whose spend limit is overridden, with the override. */
async function readSpendLimits({ reader, req, snap }: SectionRead): Promise<void> {
  const { describeSpendLimits, SPEND_LIMIT_NAMES } = await import('../../aws/account.js');
  const limits = await reader.read(req.region, 'DescribeSpendLimits', (c) => describeSpendLimits(c.client, { signal: c.signal }));
  for (const [channel, apiName] of Object.entries(SPEND_LIMIT_NAMES) as Array<[ProgramSpendChannel, string]>) {
    const l = limits.find((x) => x.name === apiName);
    if (l?.overridden) snap.spendOverrides[channel] = l.enforcedLimit;
  }
}

/** Protect's snapshot (the same shape as `readSnapshot` in src/aws/protect.ts), its reads paced and in parallel. */
async function readProtect(reader: ReturnType<typeof pacedReader>, region: string) {
  const api = await import('../../aws/protect.js');
  const [all, sets] = await Promise.all([
    reader.read(region, 'DescribeProtectConfigurations', (c) => api.listConfigurations(c.client)),
    reader.read(region, 'DescribeConfigurationSets', (c) => api.configurationSetAssociations(c.client)),
  ]);
  const configurations = await Promise.all(
    all.map(async (c): Promise<ProtectConfigurationSnapshot> => {
      const [tags, overrides, ...ruleSets] = await Promise.all([
        reader.read(region, 'ListTagsForResource', (x) => api.getTags(x.client, c.arn)),
        reader.read(region, 'ListProtectConfigurationRuleSetNumberOverrides', (x) => api.listOverrides(x.client, c.id)),
        ...CHANNELS.map((ch) => reader.read(region, 'GetProtectConfigurationCountryRuleSet', (x) => api.getRuleSet(x.client, c.id, ch))),
      ]);
      const rules = {} as Record<Channel, CountryRuleSet>;
      CHANNELS.forEach((ch, i) => {
        rules[ch] = ruleSets[i] as CountryRuleSet;
      });
      return {
        id: c.id,
        arn: c.arn,
        name: (tags as Record<string, string>).Name,
        tags: tags as Record<string, string>,
        deletionProtection: c.deletionProtection,
        accountDefault: c.accountDefault,
        createdAt: c.createdAt?.toISOString(),
        rules,
        overrides: overrides as ProtectConfigurationSnapshot['overrides'],
        configurationSets: (sets.byProtectId.get(c.id) ?? []).sort(),
      };
    }),
  );
  return { configurations, accountDefaultId: all.find((c) => c.accountDefault)?.id, configurationSetNames: sets.names };
}
