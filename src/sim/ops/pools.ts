/** Pools and their origination identities: create, update, delete, associate, disassociate, list. */
import { randomBytes } from 'node:crypto';
import type {
  AssociateOriginationIdentityRequest,
  CreatePoolRequest,
  DeletePoolRequest,
  DisassociateOriginationIdentityRequest,
  ListPoolOriginationIdentitiesRequest,
  UpdatePoolRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { arn, defaultKeywords, type PhoneNumberRecord, type PoolRecord, type SenderIdRecord } from '../state.js';
import { applyFilters, arnIsLocal, compact, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';
import { findOptOutList, lookupPhoneNumber, lookupPool, poolInformation } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';

/** Pools per account and region (quotas page, "Number of phone number pools", 25). */
export const MAX_POOLS = 25;

type Member = { kind: 'phone-number'; phone: PhoneNumberRecord } | { kind: 'sender-id'; sender: SenderIdRecord };

/** A phone number (id, ARN, E.164) or sender ID (ARN, or value with IsoCountryCode) of the account. */
export function resolveMember(ctx: OpContext, identity: string, iso: string | undefined): Member {
  const a = identity.startsWith('arn:') ? parseArn(identity) : undefined;
  if (identity.startsWith('arn:')) {
    if (!a || (a.resourceType !== 'phone-number' && a.resourceType !== 'sender-id')) {
      throw validationError('INVALID_ARN', `The ARN ${identity} is not a phone number or sender ID.`, [
        { Name: 'OriginationIdentity', Message: 'Invalid ARN' },
      ]);
    }
    if (!arnIsLocal(a, ctx)) throw notFoundError(a.resourceType, identity);
  }
  if (a?.resourceType === 'sender-id') {
    const s = a.parts.length === 2 ? ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])] : undefined;
    if (!s) throw notFoundError('sender-id', identity);
    return { kind: 'sender-id', sender: s };
  }
  const p = lookupPhoneNumber(ctx, identity);
  if (p) return { kind: 'phone-number', phone: p };
  if (a?.resourceType === 'phone-number' || identity.startsWith('phone-') || /^\+?[0-9]+$/.test(identity)) throw notFoundError('phone-number', identity);
  if (!iso) {
    throw validationError('MISSING_PARAMETER', `A sender ID needs its IsoCountryCode (or give its ARN).`, [
      { Name: 'IsoCountryCode', Message: 'Required for a sender ID' },
    ]);
  }
  const s = ctx.region.senderIds[senderIdKey(identity, iso)];
  if (!s) throw notFoundError('sender-id', identity, `Sender ID ${identity} in ${iso} not found.`);
  return { kind: 'sender-id', sender: s };
}

const memberArn = (m: Member) => (m.kind === 'phone-number' ? m.phone.arn : m.sender.arn);
const memberId = (m: Member) => (m.kind === 'phone-number' ? m.phone.phoneNumber : m.sender.senderId);
const memberIso = (m: Member) => (m.kind === 'phone-number' ? m.phone.isoCountryCode : m.sender.isoCountryCode);

function findPool(ctx: OpContext, idOrArn: string): PoolRecord {
  const p = lookupPool(ctx, idOrArn);
  if (!p) throw notFoundError('pool', idOrArn, `Pool ${idOrArn} not found.`);
  return p;
}

/** A member must not be in another pool and must match the pool's settings (the service checks each). */
function checkCanJoin(ctx: OpContext, pool: PoolRecord | undefined, m: Member, messageType: string): void {
  const a = memberArn(m);
  const other = Object.values(ctx.region.pools).find((p) => p.originationIdentities.includes(a));
  if (other && other === pool) throw conflictError('RESOURCE_ALREADY_ASSOCIATED', 'pool', pool.id, `${memberId(m)} is already in pool ${pool.id}.`);
  if (other) {
    throw conflictError(
      m.kind === 'phone-number' ? 'PHONE_NUMBER_ASSOCIATED_TO_POOL' : 'SENDER_ID_ASSOCIATED_TO_POOL',
      m.kind,
      memberId(m),
      `${memberId(m)} is already in pool ${other.id}.`,
    );
  }
  if (m.kind === 'sender-id') {
    if (!m.sender.messageTypes.includes(messageType))
      throw conflictError('MESSAGE_TYPE_MISMATCH', 'sender-id', m.sender.senderId, `Sender ID ${m.sender.senderId} does not send ${messageType} messages.`);
    return;
  }
  const p = m.phone;
  if (p.status !== 'ACTIVE') throw conflictError('RESOURCE_NOT_ACTIVE', 'phone-number', p.id, `Phone number ${p.phoneNumber} is not ACTIVE.`);
  if (p.messageType !== messageType)
    throw conflictError('MESSAGE_TYPE_MISMATCH', 'phone-number', p.id, `Phone number ${p.phoneNumber} is ${p.messageType}; the pool is ${messageType}.`);
  if (!pool) return;
  if (p.optOutListName !== pool.optOutListName)
    throw conflictError(
      'OPT_OUT_LIST_MISMATCH',
      'phone-number',
      p.id,
      `Phone number ${p.phoneNumber} uses opt-out list ${p.optOutListName}; the pool uses ${pool.optOutListName}.`,
    );
  if (p.twoWayEnabled !== pool.twoWayEnabled || (pool.twoWayEnabled && p.twoWayChannelArn !== pool.twoWayChannelArn)) {
    throw conflictError('TWO_WAY_CONFIG_MISMATCH', 'phone-number', p.id, `Phone number ${p.phoneNumber}'s two-way settings differ from the pool's.`);
  }
  if (p.selfManagedOptOutsEnabled !== pool.selfManagedOptOutsEnabled) {
    throw conflictError(
      'SELF_MANAGED_OPT_OUTS_MISMATCH',
      'phone-number',
      p.id,
      `Phone number ${p.phoneNumber}'s self-managed opt-outs setting differs from the pool's.`,
    );
  }
}

function join(pool: PoolRecord, m: Member): void {
  pool.originationIdentities.push(memberArn(m));
  if (m.kind === 'phone-number') m.phone.poolId = pool.id;
}

function capabilitiesOf(
  ctx: OpContext,
  memberArnValue: string,
): { arn: string; identity: string; iso: string; capabilities: string[]; phoneNumber?: string } | undefined {
  const a = parseArn(memberArnValue);
  if (a?.resourceType === 'phone-number') {
    const p = lookupPhoneNumber(ctx, memberArnValue);
    return p && { arn: p.arn, identity: p.id, iso: p.isoCountryCode, capabilities: p.numberCapabilities, phoneNumber: p.phoneNumber };
  }
  if (a?.resourceType === 'sender-id' && a.parts.length === 2) {
    const s = ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])];
    return s && { arn: s.arn, identity: s.senderId, iso: s.isoCountryCode, capabilities: ['SMS'] };
  }
  return undefined;
}

export const poolOps: OpMap = {
  CreatePool(ctx, input: CreatePoolRequest) {
    return idempotent(ctx, 'CreatePool', input, () => {
      const m = resolveMember(ctx, input.OriginationIdentity!, input.IsoCountryCode);
      checkCanJoin(ctx, undefined, m, input.MessageType!);
      if (Object.keys(ctx.region.pools).length >= MAX_POOLS) throw quotaError('POOLS_PER_ACCOUNT', `You have reached the maximum of ${MAX_POOLS} pools.`);
      const id = `pool-${randomBytes(16).toString('hex')}`;
      // A pool takes its first number's opt-out and two-way settings, so that number matches it.
      const phone = m.kind === 'phone-number' ? m.phone : undefined;
      const pool: PoolRecord = {
        id,
        arn: arn(ctx.regionName, `pool/${id}`),
        status: 'ACTIVE',
        messageType: input.MessageType!,
        twoWayEnabled: phone?.twoWayEnabled ?? false,
        ...(phone?.twoWayChannelArn ? { twoWayChannelArn: phone.twoWayChannelArn } : {}),
        ...(phone?.twoWayChannelRole ? { twoWayChannelRole: phone.twoWayChannelRole } : {}),
        selfManagedOptOutsEnabled: phone?.selfManagedOptOutsEnabled ?? false,
        optOutListName: phone?.optOutListName ?? 'Default',
        sharedRoutesEnabled: false,
        deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        originationIdentities: [],
        keywords: defaultKeywords(),
        createdAt: ctx.now,
      };
      join(pool, m);
      ctx.region.pools[id] = pool;
      setTags(ctx, pool.arn, input.Tags);
      return { ...poolInformation(pool), Status: 'CREATING', Tags: input.Tags ?? [] };
    });
  },

  UpdatePool(ctx, input: UpdatePoolRequest) {
    const pool = findPool(ctx, input.PoolId!);
    const list = input.OptOutListName !== undefined ? findOptOutList(ctx, input.OptOutListName) : undefined;
    const twoWay = input.TwoWayEnabled ?? pool.twoWayEnabled;
    if (twoWay && !(input.TwoWayChannelArn ?? pool.twoWayChannelArn)) {
      throw validationError('TWO_WAY_CHANNEL_NOT_PRESENT', 'Two-way messaging needs a TwoWayChannelArn.', [
        { Name: 'TwoWayChannelArn', Message: 'Required when TwoWayEnabled is true' },
      ]);
    }
    pool.twoWayEnabled = twoWay;
    if (input.TwoWayChannelArn !== undefined) pool.twoWayChannelArn = input.TwoWayChannelArn;
    if (input.TwoWayChannelRole !== undefined) pool.twoWayChannelRole = input.TwoWayChannelRole;
    if (input.SelfManagedOptOutsEnabled !== undefined) pool.selfManagedOptOutsEnabled = input.SelfManagedOptOutsEnabled;
    if (list) pool.optOutListName = list.name;
    if (input.SharedRoutesEnabled !== undefined) pool.sharedRoutesEnabled = input.SharedRoutesEnabled;
    if (input.DeletionProtectionEnabled !== undefined) pool.deletionProtectionEnabled = input.DeletionProtectionEnabled;
    // The pool's settings apply to its numbers (the console says so when you change them).
    for (const a of pool.originationIdentities) {
      const p = lookupPhoneNumber(ctx, a);
      if (!p) continue;
      p.twoWayEnabled = pool.twoWayEnabled;
      if (pool.twoWayChannelArn) p.twoWayChannelArn = pool.twoWayChannelArn;
      if (pool.twoWayChannelRole) p.twoWayChannelRole = pool.twoWayChannelRole;
      p.selfManagedOptOutsEnabled = pool.selfManagedOptOutsEnabled;
      p.optOutListName = pool.optOutListName;
    }
    return poolInformation(pool);
  },

  DeletePool(ctx, input: DeletePoolRequest) {
    const pool = findPool(ctx, input.PoolId!);
    if (pool.deletionProtectionEnabled) throw conflictError('DELETION_PROTECTION_ENABLED', 'pool', pool.id, `Pool ${pool.id} has deletion protection enabled.`);
    for (const a of pool.originationIdentities) {
      const p = lookupPhoneNumber(ctx, a);
      if (p) delete p.poolId;
    }
    for (const cs of Object.values(ctx.region.configurationSets)) if (cs.defaultSenderId === pool.id) delete cs.defaultSenderId;
    delete ctx.region.pools[pool.id];
    delete ctx.region.tags[pool.arn];
    delete ctx.region.resourcePolicies[pool.arn];
    const { DeletionProtectionEnabled: _d, ...info } = poolInformation(pool) as Record<string, unknown>;
    return { ...info, Status: 'DELETING' };
  },

  AssociateOriginationIdentity(ctx, input: AssociateOriginationIdentityRequest) {
    return idempotent(ctx, 'AssociateOriginationIdentity', input, () => {
      const pool = findPool(ctx, input.PoolId!);
      const m = resolveMember(ctx, input.OriginationIdentity!, input.IsoCountryCode);
      checkCanJoin(ctx, pool, m, pool.messageType);
      join(pool, m);
      return { PoolArn: pool.arn, PoolId: pool.id, OriginationIdentityArn: memberArn(m), OriginationIdentity: memberId(m), IsoCountryCode: memberIso(m) };
    });
  },

  DisassociateOriginationIdentity(ctx, input: DisassociateOriginationIdentityRequest) {
    return idempotent(ctx, 'DisassociateOriginationIdentity', input, () => {
      const pool = findPool(ctx, input.PoolId!);
      const m = resolveMember(ctx, input.OriginationIdentity!, input.IsoCountryCode);
      const a = memberArn(m);
      if (!pool.originationIdentities.includes(a)) {
        throw conflictError('PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL', m.kind, memberId(m), `${memberId(m)} is not in pool ${pool.id}.`);
      }
      if (pool.originationIdentities.length === 1) {
        throw conflictError(
          'LAST_PHONE_NUMBER',
          'pool',
          pool.id,
          `${memberId(m)} is the last origination identity of pool ${pool.id}; delete the pool instead.`,
        );
      }
      pool.originationIdentities = pool.originationIdentities.filter((x) => x !== a);
      if (m.kind === 'phone-number') delete m.phone.poolId;
      return { PoolArn: pool.arn, PoolId: pool.id, OriginationIdentityArn: a, OriginationIdentity: memberId(m), IsoCountryCode: memberIso(m) };
    });
  },

  ListPoolOriginationIdentities(ctx, input: ListPoolOriginationIdentitiesRequest) {
    const pool = findPool(ctx, input.PoolId!);
    let members = pool.originationIdentities.map((a) => capabilitiesOf(ctx, a)).filter((x) => x !== undefined);
    members = applyFilters(members, input.Filters, { 'iso-country-code': (m) => m.iso, 'number-capability': (m) => m.capabilities });
    const { page, nextToken } = paginate(members, input);
    return compact({
      PoolArn: pool.arn,
      PoolId: pool.id,
      OriginationIdentities: page.map((m) =>
        compact({
          OriginationIdentityArn: m.arn,
          OriginationIdentity: m.identity,
          IsoCountryCode: m.iso,
          NumberCapabilities: m.capabilities,
          PhoneNumber: m.phoneNumber,
        }),
      ),
      NextToken: nextToken,
    });
  },
};
