/**
 * Pools: typed functions over the SDK (its paginators for DescribePools and
 * ListPoolOriginationIdentities), mapping SDK shapes to eum's once. One attempt each: callers
 * retry through the bulk engine (`src/runtime/bulk.ts`), which decides what may be tried again.
 */
import type { OriginationIdentityMetadata, PinpointSMSVoiceV2Client, PoolInformation } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

/** A pool as eum shows it. */
export interface PoolInfo {
  poolId: string;
  poolArn: string;
  /** CREATING, ACTIVE, DELETING. */
  status: string;
  messageType: string | null;
  twoWayEnabled: boolean;
  twoWayChannelArn: string | null;
  twoWayChannelRole: string | null;
  selfManagedOptOutsEnabled: boolean;
  optOutListName: string | null;
  sharedRoutesEnabled: boolean;
  deletionProtectionEnabled: boolean;
  createdTimestamp: string | null;
}

/** An origination identity in a pool: a phone number or a sender ID. */
export interface PoolMember {
  originationIdentity: string;
  originationIdentityArn: string;
  country: string;
  capabilities: string[];
  /** The E.164 number when the identity is a phone number. */
  phoneNumber: string | null;
}

export interface PoolFilters {
  status?: string;
  messageType?: 'TRANSACTIONAL' | 'PROMOTIONAL';
  twoWayEnabled?: boolean;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  sharedRoutesEnabled?: boolean;
  deletionProtectionEnabled?: boolean;
}

export interface PoolMemberFilters {
  country?: string;
  capability?: string;
}

interface CallOptions {
  signal?: AbortSignal;
}

function iso(d: Date | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export function toPoolInfo(p: Partial<PoolInformation>): PoolInfo {
  return {
    poolId: p.PoolId ?? '',
    poolArn: p.PoolArn ?? '',
    status: p.Status ?? '',
    messageType: p.MessageType ?? null,
    twoWayEnabled: p.TwoWayEnabled ?? false,
    twoWayChannelArn: p.TwoWayChannelArn ?? null,
    twoWayChannelRole: p.TwoWayChannelRole ?? null,
    selfManagedOptOutsEnabled: p.SelfManagedOptOutsEnabled ?? false,
    optOutListName: p.OptOutListName ?? null,
    sharedRoutesEnabled: p.SharedRoutesEnabled ?? false,
    deletionProtectionEnabled: p.DeletionProtectionEnabled ?? false,
    createdTimestamp: iso(p.CreatedTimestamp),
  };
}

function toMember(m: Partial<OriginationIdentityMetadata>): PoolMember {
  return {
    originationIdentity: m.OriginationIdentity ?? '',
    originationIdentityArn: m.OriginationIdentityArn ?? '',
    country: m.IsoCountryCode ?? '',
    capabilities: m.NumberCapabilities ?? [],
    phoneNumber: m.PhoneNumber ?? null,
  };
}

function filtersOf(entries: Array<[string, string | boolean | undefined]>): Array<{ Name: never; Values: string[] }> | undefined {
  const out = entries.filter(([, v]) => v !== undefined).map(([Name, v]) => ({ Name: Name as never, Values: [String(v)] }));
  return out.length ? out : undefined;
}

/** Every pool matching the filters in the client's Region (all pages). */
export async function listPools(client: PinpointSMSVoiceV2Client, filters: PoolFilters = {}, options: CallOptions = {}): Promise<PoolInfo[]> {
  const { paginateDescribePools } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const Filters = filtersOf([
    ['status', filters.status],
    ['message-type', filters.messageType],
    ['two-way-enabled', filters.twoWayEnabled],
    ['self-managed-opt-outs-enabled', filters.selfManagedOptOutsEnabled],
    ['opt-out-list-name', filters.optOutListName],
    ['shared-routes-enabled', filters.sharedRoutesEnabled],
    ['deletion-protection-enabled', filters.deletionProtectionEnabled],
  ]);
  return collectPages(paginateDescribePools({ client, pageSize: 100 }, { Filters }, pageOptions(options.signal)), (page) => page.Pools, toPoolInfo);
}

/** One pool by ID or ARN; ResourceNotFoundException when absent. */
export async function describePool(client: PinpointSMSVoiceV2Client, poolId: string, options: CallOptions = {}): Promise<PoolInfo> {
  const { DescribePoolsCommand, ResourceNotFoundException } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new DescribePoolsCommand({ PoolIds: [poolId] }), { abortSignal: options.signal });
  const found = out.Pools?.[0];
  if (!found) throw new ResourceNotFoundException({ message: `pool ${poolId} not found`, $metadata: {}, ResourceType: 'pool', ResourceId: poolId });
  return toPoolInfo(found);
}

/** Every origination identity of a pool (all pages). */
export async function listPoolOriginationIdentities(
  client: PinpointSMSVoiceV2Client,
  poolId: string,
  filters: PoolMemberFilters = {},
  options: CallOptions = {},
): Promise<PoolMember[]> {
  const { paginateListPoolOriginationIdentities } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const Filters = filtersOf([
    ['iso-country-code', filters.country],
    ['number-capability', filters.capability],
  ]);
  return collectPages(
    paginateListPoolOriginationIdentities({ client, pageSize: 100 }, { PoolId: poolId, Filters }, pageOptions(options.signal)),
    (page) => page.OriginationIdentities,
    toMember,
  );
}

export interface PoolCreateRequest {
  /** A phone number (ID, ARN) or a sender ID (ARN, or its value with `country`). */
  originationIdentity: string;
  country?: string;
  messageType: 'TRANSACTIONAL' | 'PROMOTIONAL';
  deletionProtection: boolean;
  tags: Array<{ Key: string; Value: string }>;
  /** Identifies one attempt to create this pool: the same token replays the first answer. */
  clientToken: string;
}

/** CreatePool (idempotent with its ClientToken). */
export async function createPool(client: PinpointSMSVoiceV2Client, r: PoolCreateRequest, options: CallOptions = {}): Promise<PoolInfo> {
  const { CreatePoolCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new CreatePoolCommand({
      OriginationIdentity: r.originationIdentity,
      IsoCountryCode: r.country,
      MessageType: r.messageType,
      DeletionProtectionEnabled: r.deletionProtection,
      Tags: r.tags.length ? r.tags : undefined,
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toPoolInfo(out);
}

/** What UpdatePool changes (absent: unchanged). */
export interface PoolChanges {
  twoWayEnabled?: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  sharedRoutesEnabled?: boolean;
  deletionProtectionEnabled?: boolean;
}

/** UpdatePool (setting the same values again is harmless). */
export async function updatePool(client: PinpointSMSVoiceV2Client, poolId: string, c: PoolChanges, options: CallOptions = {}): Promise<PoolInfo> {
  const { UpdatePoolCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new UpdatePoolCommand({
      PoolId: poolId,
      TwoWayEnabled: c.twoWayEnabled,
      TwoWayChannelArn: c.twoWayChannelArn,
      TwoWayChannelRole: c.twoWayChannelRole,
      SelfManagedOptOutsEnabled: c.selfManagedOptOutsEnabled,
      OptOutListName: c.optOutListName,
      SharedRoutesEnabled: c.sharedRoutesEnabled,
      DeletionProtectionEnabled: c.deletionProtectionEnabled,
    }),
    { abortSignal: options.signal },
  );
  return toPoolInfo(out);
}

/** DeletePool (a repeat finds nothing: ResourceNotFoundException). */
export async function deletePool(client: PinpointSMSVoiceV2Client, poolId: string, options: CallOptions = {}): Promise<PoolInfo> {
  const { DeletePoolCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  return toPoolInfo(await client.send(new DeletePoolCommand({ PoolId: poolId }), { abortSignal: options.signal }));
}

export interface PoolMemberChange {
  poolId: string;
  originationIdentity: string;
  country?: string;
  clientToken?: string;
}

/** AssociateOriginationIdentity (a repeat answers ConflictException RESOURCE_ALREADY_ASSOCIATED). */
export async function associateOriginationIdentity(client: PinpointSMSVoiceV2Client, r: PoolMemberChange, options: CallOptions = {}): Promise<PoolMember> {
  const { AssociateOriginationIdentityCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new AssociateOriginationIdentityCommand({
      PoolId: r.poolId,
      OriginationIdentity: r.originationIdentity,
      IsoCountryCode: r.country,
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toMember({ OriginationIdentity: out.OriginationIdentity, OriginationIdentityArn: out.OriginationIdentityArn, IsoCountryCode: out.IsoCountryCode });
}

/** DisassociateOriginationIdentity (a repeat answers that the identity is not in the pool). */
export async function disassociateOriginationIdentity(client: PinpointSMSVoiceV2Client, r: PoolMemberChange, options: CallOptions = {}): Promise<PoolMember> {
  const { DisassociateOriginationIdentityCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(
    new DisassociateOriginationIdentityCommand({
      PoolId: r.poolId,
      OriginationIdentity: r.originationIdentity,
      IsoCountryCode: r.country,
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toMember({ OriginationIdentity: out.OriginationIdentity, OriginationIdentityArn: out.OriginationIdentityArn, IsoCountryCode: out.IsoCountryCode });
}
