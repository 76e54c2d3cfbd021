/**
 * Text messages and message feedback.
 *
 * Not simulated: the SMS sandbox (a new account is SANDBOX, yet any destination is accepted, since
 * the SIMULATOR number is what a new account sends from), spend limits, MPS limits, MaxPrice and
 * TimeToLive, and the rule that a SIMULATOR number reaches only AWS's simulated destinations.
 */
import { randomUUID } from 'node:crypto';
import type { PutMessageFeedbackRequest, SendTextMessageRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';
import { countryFacts, isBlockedDestination } from '../../core/countries.js';
import { conflictError, notFoundError, validationError } from '../errors.js';
import { MAX_MESSAGES_PER_REGION, type MessageRecord, type OriginationRef, type PhoneNumberRecord, type PoolRecord, type SenderIdRecord } from '../state.js';
import { findConfigurationSet } from './configuration-sets.js';
import { arnIsLocal, parseArn, type OpContext, type OpMap } from './context.js';
import { lookupPhoneNumber, lookupPool } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';
import { enforceProtect } from './protect.js';

const callingCodeMain = (metadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;

/** The destination's ISO country: by number ranges where known, else the calling code's main country. */
export function destinationCountry(phoneNumber: string): string | undefined {
  const e164 = phoneNumber.startsWith('+') ? phoneNumber : `+${phoneNumber}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return undefined;
  return parsed.country ?? callingCodeMain[parsed.countryCallingCode]?.[0];
}

/** US numbers also reach the US territories of the North American Numbering Plan. */
const US_REACH = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

function phoneReaches(p: PhoneNumberRecord, iso: string): boolean {
  if (p.status !== 'ACTIVE') return false;
  if (p.isoCountryCode === iso || p.internationalSendingEnabled) return true;
  return p.isoCountryCode === 'US' && US_REACH.has(iso);
}

const fromPhone = (p: PhoneNumberRecord): OriginationRef => ({ type: 'phone-number', id: p.id, value: p.phoneNumber, arn: p.arn });
const fromSenderId = (s: SenderIdRecord): OriginationRef => ({ type: 'sender-id', id: senderIdKey(s.senderId, s.isoCountryCode), value: s.senderId, arn: s.arn });
const sharedRoute = (iso: string): OriginationRef => ({ type: 'shared-route', id: 'shared', value: `shared:${iso}` });

function usableSenderId(s: SenderIdRecord): SenderIdRecord {
  if (!s.registered && countryFacts(s.isoCountryCode)?.senderId === 'registration') {
    throw validationError('SENDER_ID_NOT_REGISTERED', `Sender ID ${s.senderId} is not registered in ${s.isoCountryCode}.`, [{ Name: 'OriginationIdentity', Message: 'Sender ID not registered' }]);
  }
  return s;
}

function wrongCountry(identity: string, iso: string): never {
  throw validationError('INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', `The origination identity ${identity} cannot send to ${iso}.`, [
    { Name: 'OriginationIdentity', Message: 'Origination identity cannot reach the destination country' },
  ]);
}

/** No identity reaches the country. ResourceType/ResourceId name the destination country's identities. */
function noIdentity(iso: string): never {
  throw conflictError('NO_ORIGINATION_IDENTITIES_FOUND', 'phone-number', iso, `No origination identities found that can send to ${iso}.`);
}

function fromPool(ctx: OpContext, pool: PoolRecord, iso: string): OriginationRef {
  for (const memberArn of pool.originationIdentities) {
    const a = parseArn(memberArn);
    if (a?.resourceType === 'phone-number') {
      const p = lookupPhoneNumber(ctx, memberArn);
      if (p && phoneReaches(p, iso)) return fromPhone(p);
    } else if (a?.resourceType === 'sender-id' && a.parts[1] === iso) {
      const s = ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])];
      if (s) return fromSenderId(usableSenderId(s));
    }
  }
  if (pool.sharedRoutesEnabled && ctx.region.sharedRoutes.includes(iso)) return sharedRoute(iso);
  throw conflictError('NO_ORIGINATION_IDENTITIES_FOUND', 'pool', pool.id, `Pool ${pool.id} has no origination identity that can send to ${iso}.`);
}

/** OriginationIdentity: a phone number, phone number id/ARN, sender ID/ARN, or pool id/ARN. */
function resolveGivenIdentity(ctx: OpContext, identity: string, iso: string): { ref: OriginationRef; optOutList: string } {
  const a = identity.startsWith('arn:') ? parseArn(identity) : undefined;
  if (identity.startsWith('arn:')) {
    if (!a) throw validationError('INVALID_ARN', `The ARN ${identity} is not valid.`, [{ Name: 'OriginationIdentity', Message: 'Invalid ARN' }]);
    if (a.resourceType !== 'phone-number' && a.resourceType !== 'pool' && a.resourceType !== 'sender-id') {
      throw validationError('INVALID_ARN', `The ARN ${identity} is not an origination identity.`, [{ Name: 'OriginationIdentity', Message: 'Invalid ARN' }]);
    }
    if (!arnIsLocal(a, ctx)) throw notFoundError(a.resourceType, identity);
  }

  if (a?.resourceType === 'pool' || identity.startsWith('pool-')) {
    const pool = lookupPool(ctx, identity);
    if (!pool) throw notFoundError('pool', identity);
    return { ref: fromPool(ctx, pool, iso), optOutList: pool.optOutListName };
  }

  if (a?.resourceType === 'phone-number' || identity.startsWith('phone-') || /^\+?[0-9]+$/.test(identity)) {
    const p = lookupPhoneNumber(ctx, identity);
    if (!p) throw notFoundError('phone-number', identity);
    if (!phoneReaches(p, iso)) wrongCountry(identity, iso);
    return { ref: fromPhone(p), optOutList: p.optOutListName };
  }

  if (a) {
    // a sender-ID ARN names its country
    const s = a.parts.length === 2 ? ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])] : undefined;
    if (!s) throw notFoundError('sender-id', identity);
    if (s.isoCountryCode !== iso) wrongCountry(identity, iso);
    return { ref: fromSenderId(usableSenderId(s)), optOutList: 'Default' };
  }
  const s = ctx.region.senderIds[senderIdKey(identity, iso)];
  if (s) return { ref: fromSenderId(usableSenderId(s)), optOutList: 'Default' };
  if (Object.values(ctx.region.senderIds).some((x) => x.senderId === identity)) wrongCountry(identity, iso);
  throw notFoundError('sender-id', identity);
}

/** No OriginationIdentity: an own number or sender ID for the country, else a shared route. */
function pickIdentity(ctx: OpContext, iso: string, defaultSenderId: string | undefined): { ref: OriginationRef; optOutList: string } {
  if (defaultSenderId) {
    const s = ctx.region.senderIds[senderIdKey(defaultSenderId, iso)];
    if (s && (s.registered || countryFacts(iso)?.senderId !== 'registration')) return { ref: fromSenderId(s), optOutList: 'Default' };
  }
  const phones = Object.values(ctx.region.phoneNumbers).filter((p) => phoneReaches(p, iso));
  // Own local numbers first, then internationally enabled ones.
  phones.sort((a, b) => Number(b.isoCountryCode === iso) - Number(a.isoCountryCode === iso));
  if (phones[0]) return { ref: fromPhone(phones[0]), optOutList: phones[0].optOutListName };
  const sender = Object.values(ctx.region.senderIds).find((s) => s.isoCountryCode === iso && (s.registered || countryFacts(iso)?.senderId !== 'registration'));
  if (sender) return { ref: fromSenderId(sender), optOutList: 'Default' };
  if (ctx.region.sharedRoutes.includes(iso)) return { ref: sharedRoute(iso), optOutList: 'Default' };
  noIdentity(iso);
}

/** Message counts per messages object (not stored: the state stays plain JSON). */
const messageCounts = new WeakMap<object, number>();

function storeMessage(ctx: OpContext, m: MessageRecord): void {
  const messages = ctx.region.messages;
  let count = messageCounts.get(messages) ?? Object.keys(messages).length;
  messages[m.messageId] = m;
  count++;
  // Keys are UUIDs (never integer-like), so iteration order is insertion order: oldest first.
  // Only walk the keys when over the cap: for...in lists every key up front.
  if (count > MAX_MESSAGES_PER_REGION) {
    for (const oldest in messages) {
      if (count <= MAX_MESSAGES_PER_REGION) break;
      delete messages[oldest];
      count--;
    }
  }
  messageCounts.set(messages, count);
}

export const messageOps: OpMap = {
  SendTextMessage(ctx, input: SendTextMessageRequest) {
    const destination = input.DestinationPhoneNumber!.startsWith('+') ? input.DestinationPhoneNumber! : `+${input.DestinationPhoneNumber}`;
    const iso = destinationCountry(destination);
    if (!iso) {
      throw validationError('INVALID_PARAMETER', `The destination phone number ${input.DestinationPhoneNumber} is not valid.`, [
        { Name: 'DestinationPhoneNumber', Message: 'Invalid phone number' },
      ]);
    }
    if (isBlockedDestination(iso)) {
      throw validationError('DESTINATION_COUNTRY_BLOCKED', `Sending to ${iso} is not supported.`, [{ Name: 'DestinationPhoneNumber', Message: 'Destination country blocked' }]);
    }
    const cs = input.ConfigurationSetName ? findConfigurationSet(ctx, input.ConfigurationSetName) : undefined;
    enforceProtect(ctx, { destination, configurationSetName: cs?.name, protectConfigurationId: input.ProtectConfigurationId });

    const { ref, optOutList } = input.OriginationIdentity ? resolveGivenIdentity(ctx, input.OriginationIdentity, iso) : pickIdentity(ctx, iso, cs?.defaultSenderId);
    if (ctx.region.optOuts[optOutList]?.numbers[destination]) {
      throw conflictError('DESTINATION_PHONE_NUMBER_OPTED_OUT', 'opted-out-number', destination, `The destination phone number ${destination} has opted out.`);
    }

    const messageId = randomUUID();
    if (input.DryRun) return { MessageId: messageId };
    storeMessage(ctx, {
      messageId,
      sentAt: ctx.now,
      destinationPhoneNumber: destination,
      isoCountryCode: iso,
      origination: ref,
      ...(cs ? { configurationSetName: cs.name } : {}),
      ...(input.MessageType ?? cs?.defaultMessageType ? { messageType: input.MessageType ?? cs?.defaultMessageType } : {}),
      ...(input.MessageBody !== undefined ? { messageBody: input.MessageBody } : {}),
      feedbackEnabled: input.MessageFeedbackEnabled ?? cs?.defaultMessageFeedbackEnabled ?? false,
    });
    return { MessageId: messageId };
  },

  PutMessageFeedback(ctx, input: PutMessageFeedbackRequest) {
    const m = ctx.region.messages[input.MessageId!];
    if (!m) throw notFoundError('message', input.MessageId!, `Message ${input.MessageId} not found.`);
    if (!m.feedbackEnabled) {
      // The operation's modeled errors have no ConflictException, and ResourceNotFoundException
      // would make a message sent without feedback look like a mistyped id. INVALID_REQUEST is the
      // ValidationExceptionReason for a well-formed request the resource's state does not allow.
      throw validationError('INVALID_REQUEST', `Message feedback is not enabled for message ${m.messageId}. Send with MessageFeedbackEnabled or set it as the configuration set's default.`, [
        { Name: 'MessageId', Message: 'Message feedback not enabled for this message' },
      ]);
    }
    m.feedbackStatus = input.MessageFeedbackStatus as MessageRecord['feedbackStatus'];
    m.feedbackUpdatedAt = ctx.now;
    return { MessageId: m.messageId, MessageFeedbackStatus: m.feedbackStatus };
  },
};
