/** Sender IDs: request (with the country rules of fixtures/countries), describe, release. */
import type { DescribeSenderIdsRequest, ReleaseSenderIdRequest, RequestSenderIdRequest, UpdateSenderIdRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { countryFacts, isBlockedDestination, senderIdProblems } from '../../core/countries.js';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { arn, type SenderIdRecord } from '../state.js';
import { messagingLimitsFor } from '../throughput.js';
import { refreshRegistrations } from '../registrations/sender-ids.js';
import { catalogFor } from './registrations.js';
import { applyFilters, arnIsLocal, compact, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';

/** Sender IDs per account (quotas page: "Number of SenderIDs", 200). */
export const MAX_SENDER_IDS = 200;

export function senderIdKey(senderId: string, iso: string): string {
  return `${senderId}/${iso}`;
}

/** A sender ID by value or ARN and country; ResourceNotFoundException otherwise. */
export function findSenderId(ctx: OpContext, senderIdOrArn: string, iso: string): SenderIdRecord {
  let id = senderIdOrArn;
  let cc = iso;
  if (senderIdOrArn.startsWith('arn:')) {
    const a = parseArn(senderIdOrArn);
    if (a?.resourceType !== 'sender-id' || !arnIsLocal(a, ctx) || a.parts.length !== 2) throw notFoundError('sender-id', senderIdOrArn);
    [id, cc] = a.parts;
  }
  const rec = ctx.region.senderIds[senderIdKey(id, cc)];
  if (!rec) throw notFoundError('sender-id', senderIdOrArn, `Sender ID ${id} in ${cc} not found.`);
  return rec;
}

export function senderIdInformation(s: SenderIdRecord): object {
  return compact({
    SenderIdArn: s.arn,
    SenderId: s.senderId,
    IsoCountryCode: s.isoCountryCode,
    MessageTypes: s.messageTypes,
    MonthlyLeasingPrice: s.monthlyLeasingPrice,
    DeletionProtectionEnabled: s.deletionProtectionEnabled,
    Registered: s.registered,
    RegistrationId: s.registrationId,
    MessagingLimits: messagingLimitsFor({ kind: 'sender-id', isoCountryCode: s.isoCountryCode, capabilities: ['SMS'] }),
  });
}

/** Country rules for requesting a sender ID without registration; throws the service's ValidationException. */
function checkCountryAllowsSenderId(senderId: string, iso: string): void {
  const facts = countryFacts(iso);
  if (!facts) {
    throw validationError('INVALID_PARAMETER', `${iso} is not a country or region that AWS End User Messaging SMS supports.`, [
      { Name: 'IsoCountryCode', Message: 'Unsupported country' },
    ]);
  }
  if (isBlockedDestination(iso)) {
    throw validationError('DESTINATION_COUNTRY_BLOCKED', `Sending to ${facts.name} is not supported.`, [
      { Name: 'IsoCountryCode', Message: 'Destination country blocked' },
    ]);
  }
  if (facts.senderId === 'registration') {
    throw validationError('SENDER_ID_REQUIRES_REGISTRATION', `Sender IDs in ${facts.name} (${iso}) require registration. Use CreateRegistration.`, [
      { Name: 'IsoCountryCode', Message: 'Sender ID requires registration in this country' },
    ]);
  }
  if (facts.senderId === 'no') {
    throw validationError('SENDER_ID_NOT_SUPPORTED', `Sender IDs are not supported in ${facts.name} (${iso}).`, [
      { Name: 'IsoCountryCode', Message: 'Sender ID not supported in this country' },
    ]);
  }
  // The model's pattern allows [A-Za-z0-9_-]; the guide's rules (sv-sender-id) add these.
  const problems = senderIdProblems(senderId, iso).filter((p) => !p.startsWith('may contain only') && !p.startsWith('must be 1 to'));
  if (problems.length) {
    throw validationError(
      'INVALID_PARAMETER',
      `Sender ID ${senderId} is not valid: it ${problems.join('; it ')}.`,
      problems.map((p) => ({ Name: 'SenderId', Message: `Sender ID ${p}` })),
    );
  }
}

export const senderIdOps: OpMap = {
  RequestSenderId(ctx, input: RequestSenderIdRequest) {
    return idempotent(ctx, 'RequestSenderId', input, () => {
      const senderId = input.SenderId!;
      const iso = input.IsoCountryCode!;
      checkCountryAllowsSenderId(senderId, iso);
      const key = senderIdKey(senderId, iso);
      if (ctx.region.senderIds[key]) {
        throw conflictError('RESOURCE_ALREADY_EXISTS', 'sender-id', senderId, `Sender ID ${senderId} already exists in ${iso}.`);
      }
      if (Object.keys(ctx.region.senderIds).length >= MAX_SENDER_IDS) {
        throw quotaError('SENDER_IDS_PER_ACCOUNT', `You have reached the maximum of ${MAX_SENDER_IDS} sender IDs.`);
      }
      const rec: SenderIdRecord = {
        senderId,
        isoCountryCode: iso,
        arn: arn(ctx.regionName, `sender-id/${senderId}/${iso}`),
        messageTypes: input.MessageTypes?.length ? [...new Set(input.MessageTypes)] : ['TRANSACTIONAL', 'PROMOTIONAL'],
        monthlyLeasingPrice: countryFacts(iso)!.monthlySenderIdPrice,
        deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        registered: false,
        createdAt: ctx.now,
      };
      ctx.region.senderIds[key] = rec;
      setTags(ctx, rec.arn, input.Tags);
      return {
        SenderIdArn: rec.arn,
        SenderId: rec.senderId,
        IsoCountryCode: rec.isoCountryCode,
        MessageTypes: rec.messageTypes,
        MonthlyLeasingPrice: rec.monthlyLeasingPrice,
        DeletionProtectionEnabled: rec.deletionProtectionEnabled,
        Registered: rec.registered,
        Tags: input.Tags ?? [],
      };
    });
  },

  DescribeSenderIds(ctx, input: DescribeSenderIdsRequest) {
    // Scheduled approvals create their sender IDs when anyone looks.
    refreshRegistrations(ctx.region, ctx.regionName, catalogFor(ctx.config.registrationTypesDir), ctx.now);
    let ids: SenderIdRecord[];
    if (input.Owner === 'SHARED') ids = [];
    else if (input.SenderIds?.length) ids = input.SenderIds.map((s) => findSenderId(ctx, s.SenderId!, s.IsoCountryCode!));
    else ids = Object.values(ctx.region.senderIds);
    ids = applyFilters(ids, input.Filters, {
      'sender-id': (s) => s.senderId,
      'iso-country-code': (s) => s.isoCountryCode,
      'message-type': (s) => s.messageTypes,
      'deletion-protection-enabled': (s) => s.deletionProtectionEnabled,
      registered: (s) => s.registered,
    });
    const { page, nextToken } = paginate(ids, input);
    return compact({ SenderIds: page.map(senderIdInformation), NextToken: nextToken });
  },

  UpdateSenderId(ctx, input: UpdateSenderIdRequest) {
    const rec = findSenderId(ctx, input.SenderId!, input.IsoCountryCode!);
    if (input.DeletionProtectionEnabled !== undefined) rec.deletionProtectionEnabled = input.DeletionProtectionEnabled;
    const { MessagingLimits: _limits, ...info } = senderIdInformation(rec) as Record<string, unknown>;
    return info;
  },

  ReleaseSenderId(ctx, input: ReleaseSenderIdRequest) {
    const rec = findSenderId(ctx, input.SenderId!, input.IsoCountryCode!);
    if (rec.deletionProtectionEnabled) {
      throw conflictError(
        'DELETION_PROTECTION_ENABLED',
        'sender-id',
        rec.senderId,
        `Sender ID ${rec.senderId} in ${rec.isoCountryCode} has deletion protection enabled.`,
      );
    }
    const pool = Object.values(ctx.region.pools).find((p) => p.originationIdentities.includes(rec.arn));
    if (pool) throw conflictError('SENDER_ID_ASSOCIATED_TO_POOL', 'sender-id', rec.senderId, `Sender ID ${rec.senderId} is associated with pool ${pool.id}.`);
    delete ctx.region.senderIds[senderIdKey(rec.senderId, rec.isoCountryCode)];
    delete ctx.region.tags[rec.arn];
    delete ctx.region.resourcePolicies[rec.arn];
    return compact({
      SenderIdArn: rec.arn,
      SenderId: rec.senderId,
      IsoCountryCode: rec.isoCountryCode,
      MessageTypes: rec.messageTypes,
      MonthlyLeasingPrice: rec.monthlyLeasingPrice,
      Registered: rec.registered,
      RegistrationId: rec.registrationId,
    });
  },
};
