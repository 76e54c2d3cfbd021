/**
 * Phone numbers: request (with NumberPreference), update, release, describe, the 10DLC numbers
 * available, carrier lookup; and reading pools (pools.ts changes them). A number's life: toll-free
 * and 10DLC numbers send only once registered (identities.ts).
 */
import { randomInt } from 'node:crypto';
import type {
  CarrierLookupRequest,
  DescribePhoneNumbersRequest,
  DescribePoolsRequest,
  ListAvailablePhoneNumbersRequest,
  ReleasePhoneNumberRequest,
  RequestPhoneNumberRequest,
  UpdatePhoneNumberRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { countryFacts } from '../../core/countries.js';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { registrationComplete } from '../identities.js';
import { destinationCountry } from './messages.js';
import type * as registrations from '../registrations/model.js';
import { arn, defaultKeywords, TOLL_FREE_LEASE_PRICE, type OptOutListRecord, type PhoneNumberRecord, type PoolRecord } from '../state.js';
import { messagingLimitsFor } from '../throughput.js';
import { applyFilters, arnIsLocal, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';

/** Phone numbers per account and region (quotas page, "Number of SMS, MMS, and Voice numbers", 25). */
export const MAX_PHONE_NUMBERS = 25;

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

/** An opt-out list by name or ARN; ResourceNotFoundException otherwise. */
export function findOptOutList(ctx: OpContext, nameOrArn: string): OptOutListRecord {
  let name = nameOrArn;
  if (nameOrArn.startsWith('arn:')) {
    const a = parseArn(nameOrArn);
    if (a?.resourceType !== 'opt-out-list' || !arnIsLocal(a, ctx)) throw notFoundError('opt-out-list', nameOrArn);
    name = a.resourceId;
  }
  const l = ctx.region.optOuts[name];
  if (!l) throw notFoundError('opt-out-list', nameOrArn, `Opt-out list ${nameOrArn} not found.`);
  return l;
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
    MessagingLimits: messagingLimitsFor({
      kind: 'phone-number',
      numberType: p.numberType,
      isoCountryCode: p.isoCountryCode,
      capabilities: p.numberCapabilities,
    }),
  });
}

/** Synthesized monthly lease prices (only CA long code 1.00 is documented). */
function leasePrice(numberType: string): string {
  if (numberType === 'SIMULATOR') return '0.00';
  if (numberType === 'TOLL_FREE') return TOLL_FREE_LEASE_PRICE;
  if (numberType === 'SHORT_CODE') return '995.00';
  return '1.00';
}

/**
 * The national part new numbers start from (synthesized, in fictional ranges where there are
 * some): US toll-free 833-555, 10DLC 206-555, SIMULATOR 206-555-01xx, Canada 204-555, UK 7700-900.
 */
function numberTemplate(iso: string, numberType: string): { cc: string; start: string; length: number } | undefined {
  let cc: string;
  try {
    cc = getCountryCallingCode(iso as CountryCode);
  } catch {
    return undefined;
  }
  if (iso === 'US') {
    if (numberType === 'TOLL_FREE') return { cc, start: '833555', length: 10 };
    if (numberType === 'SIMULATOR') return { cc, start: '20655501', length: 10 };
    return { cc, start: '206555', length: 10 };
  }
  if (iso === 'CA') return { cc, start: '204555', length: 10 };
  if (iso === 'GB') return { cc, start: '7700900', length: 10 };
  return { cc, start: '', length: Math.max(7, 12 - cc.length) };
}

const randomHex = () => Array.from({ length: 32 }, () => randomInt(16).toString(16)).join('');
const randomDigits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

interface NumberPreference {
  PreferenceType?: string[];
  Filter?: string[];
}

/** The national digits a NumberPreference filter value fixes: `+1206` and `1206` drop the calling code. */
function preferenceDigits(value: string, cc: string): string {
  const digits = value.replace(/^\+/, '');
  return value.startsWith('+') || digits.startsWith(cc) ? digits.slice(cc.length) : digits;
}

/** New numbers for a country and type, matching the preference; fewer (or none) when it cannot be met. */
export function candidateNumbers(ctx: OpContext, iso: string, numberType: string, preference: NumberPreference | undefined, count: number): string[] {
  const t = numberTemplate(iso, numberType);
  if (!t) return [];
  const taken = new Set(Object.values(ctx.region.phoneNumbers).map((p) => p.phoneNumber));
  const kind = preference?.PreferenceType?.[0];
  const filters = preference?.Filter ?? [];
  const out = new Set<string>();
  for (let attempt = 0; attempt < count * 20 && out.size < count; attempt++) {
    let national: string | undefined;
    const want = filters.length ? preferenceDigits(filters[attempt % filters.length], t.cc) : '';
    // A national number never starts with 0 (the trunk prefix).
    if (!kind || !want) national = t.start ? t.start + randomDigits(t.length - t.start.length) : String(randomInt(1, 10)) + randomDigits(t.length - 1);
    else if (kind === 'ExactMatch') national = want;
    else if (kind === 'StartsWith') national = want.length <= t.length ? want + randomDigits(t.length - want.length) : undefined;
    else if (kind === 'EndsWith') {
      const head = t.start.slice(0, Math.max(0, t.length - want.length));
      national = want.length <= t.length ? head + randomDigits(t.length - want.length - head.length) + want : undefined;
    } else if (kind === 'Contains') {
      const head = t.start.slice(0, Math.max(0, Math.min(3, t.length - want.length)));
      national = want.length + head.length <= t.length ? head + want + randomDigits(t.length - want.length - head.length) : undefined;
    }
    if (national === undefined || national.length !== t.length) continue;
    const e164 = `+${t.cc}${national}`;
    if (iso === 'US' && numberType !== 'SIMULATOR' && e164.startsWith('+120655501')) continue;
    if (!taken.has(e164)) out.add(e164);
  }
  return [...out];
}

function requireCompleteCampaign(ctx: OpContext, registrationId: string | undefined): registrations.StoredRegistration {
  if (!registrationId) {
    throw validationError('MISSING_PARAMETER', 'A 10DLC number needs the RegistrationId of a COMPLETE 10DLC campaign registration.', [
      { Name: 'RegistrationId', Message: 'Required for TEN_DLC' },
    ]);
  }
  const r = findRegistrationOrThrow(ctx, registrationId);
  if (r.RegistrationType !== 'US_TEN_DLC_CAMPAIGN_REGISTRATION') {
    throw validationError('INVALID_REGISTRATION_ASSOCIATION', `Registration ${r.RegistrationId} is a ${r.RegistrationType}, not a 10DLC campaign.`, [
      { Name: 'RegistrationId', Message: 'Not a 10DLC campaign registration' },
    ]);
  }
  if (!registrationComplete(ctx.region, r.RegistrationId, ctx.now)) {
    throw conflictError('REGISTRATION_NOT_COMPLETE', 'registration', r.RegistrationId, `Registration ${r.RegistrationId} is not COMPLETE.`);
  }
  return r;
}

function findRegistrationOrThrow(ctx: OpContext, idOrArn: string): registrations.StoredRegistration {
  const id = idOrArn.startsWith('arn:') ? idOrArn.split('/').pop()! : idOrArn;
  const r = ctx.region.registrations.registrations[id];
  if (!r) throw notFoundError('registration', idOrArn, `Registration ${idOrArn} not found.`);
  return r;
}

/** Which number types a country offers (country data; SIMULATOR: US only). */
function checkRequestable(iso: string, numberType: string, messageType: string): void {
  const facts = countryFacts(iso);
  if (!facts)
    throw validationError('INVALID_PARAMETER', `${iso} is not a country or region that AWS End User Messaging SMS supports.`, [
      { Name: 'IsoCountryCode', Message: 'Unsupported country' },
    ]);
  const refuse = (why: string) => {
    throw validationError('INVALID_PARAMETER', why, [{ Name: 'NumberType', Message: why }]);
  };
  if (numberType === 'SIMULATOR') {
    if (iso !== 'US') refuse('SIMULATOR numbers are available in the US only.');
    if (messageType !== 'TRANSACTIONAL')
      throw validationError('INVALID_PARAMETER', 'SIMULATOR numbers are TRANSACTIONAL only.', [
        { Name: 'MessageType', Message: 'Must be TRANSACTIONAL for SIMULATOR' },
      ]);
  } else if (numberType === 'TOLL_FREE' || numberType === 'TEN_DLC') {
    if (iso !== 'US') refuse(`${numberType} numbers are available in the US only.`);
  } else if (numberType === 'LONG_CODE') {
    if (iso === 'US') refuse('US long codes cannot send A2P messages: request a TEN_DLC or TOLL_FREE number.');
    if (facts.longCodes === false || (facts.numberTypes.length && !facts.numberTypes.includes('LONG_CODE')))
      refuse(`Long codes are not available in ${facts.name} (${iso}).`);
  }
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
  RequestPhoneNumber(ctx, input: RequestPhoneNumberRequest) {
    return idempotent(ctx, 'RequestPhoneNumber', input, () => {
      const iso = input.IsoCountryCode!;
      const numberType = input.NumberType!;
      checkRequestable(iso, numberType, input.MessageType!);
      const pool = input.PoolId ? lookupPool(ctx, input.PoolId) : undefined;
      if (input.PoolId && !pool) throw notFoundError('pool', input.PoolId);
      // A number requested into a pool takes the pool's settings, so that it matches the pool.
      const optOutList = findOptOutList(ctx, input.OptOutListName ?? pool?.optOutListName ?? 'Default');
      if (pool && pool.messageType !== input.MessageType) {
        throw conflictError('MESSAGE_TYPE_MISMATCH', 'pool', pool.id, `Pool ${pool.id} is ${pool.messageType}; the number would be ${input.MessageType}.`);
      }
      if (pool && optOutList.name !== pool.optOutListName) {
        throw conflictError('OPT_OUT_LIST_MISMATCH', 'pool', pool.id, `Pool ${pool.id} uses opt-out list ${pool.optOutListName}.`);
      }
      let registration: registrations.StoredRegistration | undefined;
      if (numberType === 'TEN_DLC') registration = requireCompleteCampaign(ctx, input.RegistrationId);
      else if (input.RegistrationId) registration = findRegistrationOrThrow(ctx, input.RegistrationId);
      if (Object.keys(ctx.region.phoneNumbers).length >= MAX_PHONE_NUMBERS) {
        throw quotaError('PHONE_NUMBERS_PER_ACCOUNT', `You have reached the maximum of ${MAX_PHONE_NUMBERS} phone numbers.`);
      }
      const [phoneNumber] = candidateNumbers(ctx, iso, numberType, input.NumberPreference?.[0], 1);
      if (!phoneNumber) {
        throw validationError('INVALID_PARAMETER', `No ${numberType} number in ${iso} is available that matches the NumberPreference.`, [
          { Name: 'NumberPreference', Message: 'No available number matches' },
        ]);
      }
      const id = `phone-${randomHex()}`;
      const p: PhoneNumberRecord = {
        id,
        arn: arn(ctx.regionName, `phone-number/${id}`),
        phoneNumber,
        // Answered PENDING (as documented), ACTIVE at once after: nothing in the simulator provisions slowly.
        status: 'ACTIVE',
        isoCountryCode: iso,
        messageType: input.MessageType!,
        numberCapabilities: [...new Set(input.NumberCapabilities!)],
        numberType,
        monthlyLeasingPrice: leasePrice(numberType),
        twoWayEnabled: pool?.twoWayEnabled ?? false,
        ...(pool?.twoWayChannelArn ? { twoWayChannelArn: pool.twoWayChannelArn } : {}),
        ...(pool?.twoWayChannelRole ? { twoWayChannelRole: pool.twoWayChannelRole } : {}),
        selfManagedOptOutsEnabled: pool?.selfManagedOptOutsEnabled ?? false,
        optOutListName: optOutList.name,
        internationalSendingEnabled: input.InternationalSendingEnabled ?? false,
        deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        ...(pool ? { poolId: pool.id } : {}),
        ...(registration ? { registrationId: registration.RegistrationId } : {}),
        keywords: defaultKeywords(),
        createdAt: ctx.now,
      };
      ctx.region.phoneNumbers[id] = p;
      if (pool) pool.originationIdentities.push(p.arn);
      registration?.associations.push({ ResourceArn: p.arn, ResourceId: p.id, ResourceType: 'phone-number', IsoCountryCode: iso, PhoneNumber: phoneNumber });
      setTags(ctx, p.arn, input.Tags);
      const { MessagingLimits: _limits, ...info } = phoneNumberInformation(p) as Record<string, unknown>;
      return { ...info, Status: 'PENDING', Tags: input.Tags ?? [] };
    });
  },

  UpdatePhoneNumber(ctx, input: UpdatePhoneNumberRequest) {
    const p = lookupPhoneNumber(ctx, input.PhoneNumberId!);
    if (!p) throw notFoundError('phone-number', input.PhoneNumberId!);
    const optOutList = input.OptOutListName !== undefined ? findOptOutList(ctx, input.OptOutListName) : undefined;
    const twoWay = input.TwoWayEnabled ?? p.twoWayEnabled;
    const channel = input.TwoWayChannelArn ?? p.twoWayChannelArn;
    if (twoWay && !channel) {
      throw validationError('TWO_WAY_CHANNEL_NOT_PRESENT', 'Two-way messaging needs a TwoWayChannelArn.', [
        { Name: 'TwoWayChannelArn', Message: 'Required when TwoWayEnabled is true' },
      ]);
    }
    if (input.InternationalSendingEnabled && p.numberType !== 'TOLL_FREE') {
      throw validationError('INTERNATIONAL_SENDING_NOT_SUPPORTED', `International sending is available for US toll-free numbers only.`, [
        { Name: 'InternationalSendingEnabled', Message: 'Not supported for this number type' },
      ]);
    }
    p.twoWayEnabled = twoWay;
    if (input.TwoWayChannelArn !== undefined) p.twoWayChannelArn = input.TwoWayChannelArn;
    if (input.TwoWayChannelRole !== undefined) p.twoWayChannelRole = input.TwoWayChannelRole;
    if (input.SelfManagedOptOutsEnabled !== undefined) p.selfManagedOptOutsEnabled = input.SelfManagedOptOutsEnabled;
    if (optOutList) p.optOutListName = optOutList.name;
    if (input.InternationalSendingEnabled !== undefined) p.internationalSendingEnabled = input.InternationalSendingEnabled;
    if (input.DeletionProtectionEnabled !== undefined) p.deletionProtectionEnabled = input.DeletionProtectionEnabled;
    const { PoolId: _pool, MessagingLimits: _limits, ...info } = phoneNumberInformation(p) as Record<string, unknown>;
    return info;
  },

  ReleasePhoneNumber(ctx, input: ReleasePhoneNumberRequest) {
    const p = lookupPhoneNumber(ctx, input.PhoneNumberId!);
    if (!p) throw notFoundError('phone-number', input.PhoneNumberId!);
    if (p.deletionProtectionEnabled)
      throw conflictError('DELETION_PROTECTION_ENABLED', 'phone-number', p.id, `Phone number ${p.id} has deletion protection enabled.`);
    const pool = Object.values(ctx.region.pools).find((x) => x.originationIdentities.includes(p.arn));
    if (pool)
      throw conflictError('PHONE_NUMBER_ASSOCIATED_TO_POOL', 'phone-number', p.id, `Phone number ${p.id} is in pool ${pool.id}; disassociate it first.`);
    delete ctx.region.phoneNumbers[p.id];
    delete ctx.region.tags[p.arn];
    delete ctx.region.resourcePolicies[p.arn];
    for (const r of Object.values(ctx.region.registrations.registrations)) r.associations = r.associations.filter((a) => a.ResourceArn !== p.arn);
    const {
      PoolId: _pool,
      MessagingLimits: _limits,
      InternationalSendingEnabled: _i,
      DeletionProtectionEnabled: _d,
      ...info
    } = phoneNumberInformation(p) as Record<string, unknown>;
    return { ...info, Status: 'DELETED' };
  },

  ListAvailablePhoneNumbers(ctx, input: ListAvailablePhoneNumbersRequest) {
    const iso = input.IsoCountryCode!;
    if (iso !== 'US')
      throw validationError('INVALID_PARAMETER', `${input.NumberType} numbers are available in the US only.`, [
        { Name: 'IsoCountryCode', Message: 'Must be US for TEN_DLC' },
      ]);
    if (input.RegistrationId) findRegistrationOrThrow(ctx, input.RegistrationId);
    if (input.NextToken !== undefined) paginate([], { NextToken: input.NextToken });
    // A fresh search each time: numbers are offered, not reserved, until RequestPhoneNumber.
    const numbers = candidateNumbers(ctx, iso, input.NumberType!, input.NumberPreference?.[0], input.MaxResults ?? 10);
    return { AvailablePhoneNumbers: numbers };
  },

  CarrierLookup(_ctx, input: CarrierLookupRequest) {
    const raw = input.PhoneNumber!;
    const parsed = parsePhoneNumberFromString(raw.startsWith('+') ? raw : `+${raw}`);
    if (!parsed)
      throw validationError('INVALID_PARAMETER', `The phone number ${raw} is not valid.`, [{ Name: 'PhoneNumber', Message: 'Invalid phone number' }]);
    const iso = parsed.country ?? destinationCountry(parsed.number);
    const facts = iso ? countryFacts(iso) : undefined;
    // The bundled metadata knows lengths, not every range: a possible number is treated as mobile.
    const valid = parsed.isPossible();
    // Synthesized carrier data: the simulator has no numbering database.
    return compact({
      E164PhoneNumber: parsed.number,
      DialingCountryCode: parsed.countryCallingCode,
      IsoCountryCode: iso,
      Country: facts?.name,
      MCC: valid ? '310' : undefined,
      MNC: valid ? '260' : undefined,
      Carrier: valid ? 'Simulated Carrier' : undefined,
      PhoneNumberType: valid ? 'MOBILE' : 'INVALID',
    });
  },

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
