/** Phone numbers and pools: read-only for now, so the origination identities are visible. */
import type { DescribePhoneNumbersRequest, DescribePoolsRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { notFoundError } from '../errors.js';
import type { PhoneNumberRecord, PoolRecord } from '../state.js';
import { applyFilters, arnIsLocal, compact, epochSeconds, paginate, parseArn, type OpContext, type OpMap } from './context.js';

/** A phone number by id, ARN or E.164 number; undefined when there is none. */
export function lookupPhoneNumber(ctx: OpContext, idArnOrNumber: string): PhoneNumberRecord | undefined {
  let id = idArnOrNumber;
  if (idArnOrNumber.startsWith('arn:')) {
    const a = parseArn(idArnOrNumber);
    if (a?.resourceType !== 'phone-number' || !arnIsLocal(a, ctx)) return undefined;
    id = a.resourceId;
  }
  const byId = ctx.region.phoneNumbers[id];
  if (byId) return byId;
  const digits = idArnOrNumber.startsWith('+') ? idArnOrNumber : `+${idArnOrNumber}`;
  return Object.values(ctx.region.phoneNumbers).find((p) => p.phoneNumber === digits);
}

/** A pool by id or ARN; undefined when there is none. */
export function lookupPool(ctx: OpContext, idOrArn: string): PoolRecord | undefined {
  let id = idOrArn;
  if (idOrArn.startsWith('arn:')) {
    const a = parseArn(idOrArn);
    if (a?.resourceType !== 'pool' || !arnIsLocal(a, ctx)) return undefined;
    id = a.resourceId;
  }
  return ctx.region.pools[id];
}

export function phoneNumberInformation(p: PhoneNumberRecord): object {
  return compact({
    PhoneNumberArn: p.arn,
    PhoneNumberId: p.id,
    PhoneNumber: p.phoneNumber,
    Status: p.status,
    IsoCountryCode: p.isoCountryCode,
    MessageType: p.messageType,
    NumberCapabilities: p.numberCapabilities,
    NumberType: p.numberType,
    MonthlyLeasingPrice: p.monthlyLeasingPrice,
    TwoWayEnabled: p.twoWayEnabled,
    TwoWayChannelArn: p.twoWayChannelArn,
    TwoWayChannelRole: p.twoWayChannelRole,
    SelfManagedOptOutsEnabled: p.selfManagedOptOutsEnabled,
    OptOutListName: p.optOutListName,
    InternationalSendingEnabled: p.internationalSendingEnabled,
    DeletionProtectionEnabled: p.deletionProtectionEnabled,
    PoolId: p.poolId,
    RegistrationId: p.registrationId,
    CreatedTimestamp: epochSeconds(p.createdAt),
  });
}

export function poolInformation(p: PoolRecord): object {
  return compact({
    PoolArn: p.arn,
    PoolId: p.id,
    Status: p.status,
    MessageType: p.messageType,
    TwoWayEnabled: p.twoWayEnabled,
    TwoWayChannelArn: p.twoWayChannelArn,
    TwoWayChannelRole: p.twoWayChannelRole,
    SelfManagedOptOutsEnabled: p.selfManagedOptOutsEnabled,
    OptOutListName: p.optOutListName,
    SharedRoutesEnabled: p.sharedRoutesEnabled,
    DeletionProtectionEnabled: p.deletionProtectionEnabled,
    CreatedTimestamp: epochSeconds(p.createdAt),
  });
}

export const phoneNumberOps: OpMap = {
  DescribePhoneNumbers(ctx, input: DescribePhoneNumbersRequest) {
    let numbers: PhoneNumberRecord[];
    if (input.Owner === 'SHARED') numbers = [];
    else if (input.PhoneNumberIds?.length) {
      numbers = input.PhoneNumberIds.map((id) => {
        const p = lookupPhoneNumber(ctx, id);
        if (!p) throw notFoundError('phone-number', id);
        return p;
      });
    } else numbers = Object.values(ctx.region.phoneNumbers);
    numbers = applyFilters(numbers, input.Filters, {
      status: (p) => p.status,
      'iso-country-code': (p) => p.isoCountryCode,
      'message-type': (p) => p.messageType,
      'number-capability': (p) => p.numberCapabilities,
      'number-type': (p) => p.numberType,
      'two-way-enabled': (p) => p.twoWayEnabled,
      'self-managed-opt-outs-enabled': (p) => p.selfManagedOptOutsEnabled,
      'opt-out-list-name': (p) => p.optOutListName,
      'deletion-protection-enabled': (p) => p.deletionProtectionEnabled,
      'two-way-channel-arn': (p) => p.twoWayChannelArn,
    });
    const { page, nextToken } = paginate(numbers, input);
    return compact({ PhoneNumbers: page.map(phoneNumberInformation), NextToken: nextToken });
  },

  DescribePools(ctx, input: DescribePoolsRequest) {
    let pools: PoolRecord[];
    if (input.Owner === 'SHARED') pools = [];
    else if (input.PoolIds?.length) {
      pools = input.PoolIds.map((id) => {
        const p = lookupPool(ctx, id);
        if (!p) throw notFoundError('pool', id);
        return p;
      });
    } else pools = Object.values(ctx.region.pools);
    pools = applyFilters(pools, input.Filters, {
      status: (p) => p.status,
      'message-type': (p) => p.messageType,
      'two-way-enabled': (p) => p.twoWayEnabled,
      'self-managed-opt-outs-enabled': (p) => p.selfManagedOptOutsEnabled,
      'opt-out-list-name': (p) => p.optOutListName,
      'shared-routes-enabled': (p) => p.sharedRoutesEnabled,
      'deletion-protection-enabled': (p) => p.deletionProtectionEnabled,
      'two-way-channel-arn': (p) => p.twoWayChannelArn,
    });
    const { page, nextToken } = paginate(pools, input);
    return compact({ Pools: page.map(poolInformation), NextToken: nextToken });
  },
};
