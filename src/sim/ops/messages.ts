/**
 * Sending (text, media, voice) and message feedback.
 *
 * A send, as the service does it: the destination and its country; Protect; the origination
 * identity (the given one, else the configuration set's default sender ID, else an own number or
 * pool that reaches the country, else a shared route); whether that identity may send yet (its
 * registration), the SIMULATOR number's restriction to destination simulator numbers; the sandbox
 * (verified destinations and simulator numbers only); the identity's opt-out list; MaxPrice; the
 * monthly spend limit; the identity's throughput (MPS, like the request quotas). Then the message
 * is stored, its spend counted and its events recorded (src/sim/events.ts).
 *
 * Not simulated: TimeToLive, DestinationCountryParameters, the 1 message per second per recipient.
 */
import { randomUUID } from 'node:crypto';
import type { PutMessageFeedbackRequest, SendTextMessageRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';
import { countryFacts, isBlockedDestination } from '../../core/countries.js';
import type { SendMediaMessageRequest, SendVoiceMessageRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, throttlingError, validationError, type SimError } from '../errors.js';
import { emitSendEvents, messageParts, priceOf, simulatorDestination, type EventChannel, type SendPrice } from '../events.js';
import { canSend } from '../identities.js';
import { MAX_MESSAGES_PER_REGION, type MessageRecord, type OriginationRef, type PhoneNumberRecord, type PoolRecord, type SenderIdRecord } from '../state.js';
import { mpsFor } from '../throughput.js';
import { findConfigurationSet } from './configuration-sets.js';
import { arnIsLocal, parseArn, type OpContext, type OpMap } from './context.js';
import { lookupPhoneNumber, lookupPool } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';
import { enforceProtect } from './protect.js';

const callingCodeMain = (metadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;

/** Countries of recent destinations: parsing a number is the costliest step of a send. Bounded. */
const countryCache = new Map<string, string | undefined>();
const COUNTRY_CACHE_SIZE = 10_000;

/** The destination's ISO country: by number ranges where known, else the calling code's main country. */
export function destinationCountry(phoneNumber: string): string | undefined {
  if (countryCache.has(phoneNumber)) return countryCache.get(phoneNumber);
  if (countryCache.size >= COUNTRY_CACHE_SIZE) countryCache.clear();
  const iso = parseCountry(phoneNumber);
  countryCache.set(phoneNumber, iso);
  return iso;
}

function parseCountry(phoneNumber: string): string | undefined {
  const e164 = phoneNumber.startsWith('+') ? phoneNumber : `+${phoneNumber}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return undefined;
  return parsed.country ?? callingCodeMain[parsed.countryCallingCode]?.[0];
}

/** US numbers also reach the US territories of the North American Numbering Plan. */
const US_REACH = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

function phoneReaches(p: PhoneNumberRecord, iso: string): boolean {
  return p.status === 'ACTIVE' && phoneCountryReaches(p, iso);
}

/** Whether the number's country (or international sending) covers the destination, whatever its status. */
function phoneCountryReaches(p: PhoneNumberRecord, iso: string): boolean {
  if (p.isoCountryCode === iso || p.internationalSendingEnabled) return true;
  return p.isoCountryCode === 'US' && US_REACH.has(iso);
}

const fromPhone = (p: PhoneNumberRecord): OriginationRef => ({ type: 'phone-number', id: p.id, value: p.phoneNumber, arn: p.arn });
const fromSenderId = (s: SenderIdRecord): OriginationRef => ({
  type: 'sender-id',
  id: senderIdKey(s.senderId, s.isoCountryCode),
  value: s.senderId,
  arn: s.arn,
});
const sharedRoute = (iso: string): OriginationRef => ({ type: 'shared-route', id: 'shared', value: `shared:${iso}` });

function usableSenderId(s: SenderIdRecord): SenderIdRecord {
  if (!s.registered && countryFacts(s.isoCountryCode)?.senderId === 'registration') {
    throw validationError('SENDER_ID_NOT_REGISTERED', `Sender ID ${s.senderId} is not registered in ${s.isoCountryCode}.`, [
      { Name: 'OriginationIdentity', Message: 'Sender ID not registered' },
    ]);
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

function fromPool(ctx: OpContext, pool: PoolRecord, destination: string, iso: string, channel: EventChannel): Resolved {
  let refusal: (() => SimError) | undefined;
  for (const memberArn of pool.originationIdentities) {
    const a = parseArn(memberArn);
    if (a?.resourceType === 'phone-number') {
      const p = lookupPhoneNumber(ctx, memberArn);
      if (p && phoneCountryReaches(p, iso)) {
        const problem = phoneRefusal(ctx, p, destination, iso, channel);
        if (!problem) return { ref: fromPhone(p), optOutList: pool.optOutListName, phone: p };
        refusal ??= problem;
      }
    } else if (a?.resourceType === 'sender-id' && a.parts[1] === iso && channel === 'TEXT') {
      const s = ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])];
      if (s) return { ref: fromSenderId(usableSenderId(s)), optOutList: pool.optOutListName };
    }
  }
  if (pool.sharedRoutesEnabled && channel === 'TEXT' && ctx.region.sharedRoutes.includes(iso))
    return { ref: sharedRoute(iso), optOutList: pool.optOutListName };
  if (refusal) throw refusal();
  throw conflictError('NO_ORIGINATION_IDENTITIES_FOUND', 'pool', pool.id, `Pool ${pool.id} has no origination identity that can send to ${iso}.`);
}

/** OriginationIdentity: a phone number, phone number id/ARN, sender ID/ARN, or pool id/ARN. */
function resolveGivenIdentity(ctx: OpContext, identity: string, destination: string, iso: string, channel: EventChannel): Resolved {
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
    return fromPool(ctx, pool, destination, iso, channel);
  }

  if (a?.resourceType === 'phone-number' || identity.startsWith('phone-') || /^\+?[0-9]+$/.test(identity)) {
    const p = lookupPhoneNumber(ctx, identity);
    if (!p) throw notFoundError('phone-number', identity);
    if (!phoneCountryReaches(p, iso)) wrongCountry(identity, iso);
    const problem = phoneRefusal(ctx, p, destination, iso, channel);
    if (problem) throw problem();
    return { ref: fromPhone(p), optOutList: optOutListOf(ctx, p), phone: p };
  }

  if (channel !== 'TEXT') {
    throw validationError('INVALID_PARAMETER', `A sender ID cannot send ${channel === 'VOICE' ? 'voice' : 'media'} messages; use a phone number or pool.`, [
      { Name: 'OriginationIdentity', Message: 'Sender IDs send text only' },
    ]);
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

/**
 * Why a phone number cannot send this message now, as a function making the error (errors capture
 * a stack: picking an identity tries several numbers, so only the one thrown is built), or
 * undefined when it can.
 */
function phoneRefusal(ctx: OpContext, p: PhoneNumberRecord, destination: string, iso: string, channel: EventChannel): (() => SimError) | undefined {
  const capability = channel === 'MEDIA' ? 'MMS' : channel === 'VOICE' ? 'VOICE' : 'SMS';
  if (!p.numberCapabilities.includes(capability)) {
    if (capability === 'VOICE')
      return () =>
        validationError('VOICE_CAPABILITY_NOT_AVAILABLE', `The phone number ${p.phoneNumber} cannot make voice calls.`, [
          { Name: 'OriginationIdentity', Message: 'No VOICE capability' },
        ]);
    return () => conflictError('NUMBER_CAPABILITIES_MISMATCH', 'phone-number', p.id, `The phone number ${p.phoneNumber} has no ${capability} capability.`);
  }
  if (p.numberType === 'SIMULATOR' && p.status === 'ACTIVE') {
    const sim = simulatorDestination(destination);
    if (!sim || sim.iso !== p.isoCountryCode) {
      return () =>
        validationError(
          'INVALID_PARAMETER',
          `The simulator phone number ${p.phoneNumber} can send only to destination simulator numbers of ${p.isoCountryCode}.`,
          [{ Name: 'DestinationPhoneNumber', Message: "Not a destination simulator number of the origination number's country" }],
        );
    }
    return undefined;
  }
  // The number's life (src/sim/identities.ts): ACTIVE, and toll-free and 10DLC registered.
  const why = canSend(ctx.region, { phone: p }, ctx.now);
  if (why?.reason === 'NOT_ACTIVE') return () => conflictError('RESOURCE_NOT_ACTIVE', 'phone-number', p.id, why.message);
  if (why) return () => conflictError('REGISTRATION_NOT_COMPLETE', 'phone-number', p.id, why.message);
  void iso;
  return undefined;
}

interface Resolved {
  ref: OriginationRef;
  optOutList: string;
  phone?: PhoneNumberRecord;
}

/** No OriginationIdentity: the default sender ID, an own number or pool for the country, else a shared route. */
function pickIdentity(ctx: OpContext, destination: string, iso: string, defaultSenderId: string | undefined, channel: EventChannel): Resolved {
  const text = channel === 'TEXT';
  if (defaultSenderId && text) {
    const s = ctx.region.senderIds[senderIdKey(defaultSenderId, iso)];
    if (s && (s.registered || countryFacts(iso)?.senderId !== 'registration')) return { ref: fromSenderId(s), optOutList: 'Default' };
  }
  const phones = Object.values(ctx.region.phoneNumbers).filter((p) => phoneReaches(p, iso));
  // Own local numbers first, then internationally enabled ones; numbers that can send this one first.
  phones.sort((a, b) => Number(b.isoCountryCode === iso) - Number(a.isoCountryCode === iso));
  const usable = phones.find((p) => !phoneRefusal(ctx, p, destination, iso, channel));
  if (usable) return { ref: fromPhone(usable), optOutList: optOutListOf(ctx, usable), phone: usable };
  if (text) {
    const sender = Object.values(ctx.region.senderIds).find(
      (s) => s.isoCountryCode === iso && (s.registered || countryFacts(iso)?.senderId !== 'registration'),
    );
    if (sender) return { ref: fromSenderId(sender), optOutList: 'Default' };
    const pool = Object.values(ctx.region.pools).find((p) => p.sharedRoutesEnabled && ctx.region.sharedRoutes.includes(iso));
    if (pool) return { ref: sharedRoute(iso), optOutList: pool.optOutListName };
    if (ctx.region.sharedRoutes.includes(iso)) return { ref: sharedRoute(iso), optOutList: 'Default' };
  }
  // A number reaches the country but cannot send this message: say why.
  if (phones[0]) throw phoneRefusal(ctx, phones[0], destination, iso, channel)!();
  noIdentity(iso);
}

/** A number in a pool uses the pool's opt-out list. */
function optOutListOf(ctx: OpContext, p: PhoneNumberRecord): string {
  const pool = p.poolId ? ctx.region.pools[p.poolId] : undefined;
  return pool?.optOutListName ?? p.optOutListName;
}

/** Messages over the cap before the oldest are removed (then down to the cap). */
const PRUNE_BATCH = 10_000;

/** Message counts per messages object (not stored: the state stays plain JSON). */
const messageCounts = new WeakMap<object, number>();

function storeMessage(ctx: OpContext, m: MessageRecord): void {
  const messages = ctx.region.messages;
  let count = messageCounts.get(messages) ?? Object.keys(messages).length;
  messages[m.messageId] = m;
  count++;
  // Keys are UUIDs (never integer-like), so iteration order is insertion order: oldest first.
  // for...in lists every key up front, so the keys are walked only once PRUNE_BATCH more have
  // come, and the oldest go all at once: a million sends walk 100 times, not 900,000.
  if (count > MAX_MESSAGES_PER_REGION + PRUNE_BATCH) {
    for (const oldest in messages) {
      if (count <= MAX_MESSAGES_PER_REGION) break;
      delete messages[oldest];
      count--;
    }
  }
  messageCounts.set(messages, count);
}

const SPEND_LIMIT: Record<EventChannel, { name: string; reason: string }> = {
  TEXT: { name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' },
  MEDIA: { name: 'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT', reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA' },
  VOICE: { name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE' },
  RCS: { name: 'RCS_MESSAGE_MONTHLY_SPEND_LIMIT', reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_RCS' },
};

/** `YYYY-MM` of a simulated time (UTC): spend limits are monthly. */
export function spendMonth(now: number): string {
  const d = new Date(now);
  const m = d.getUTCMonth() + 1;
  return `${d.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}`;
}

/** This month's spend of a channel (`TEXT`, `MEDIA`, `VOICE`, `NOTIFY`, `RCS`), US dollars. */
export function spentThisMonth(ctx: Pick<OpContext, 'region' | 'now'>, channel: string): number {
  return ctx.region.account.spend?.[spendMonth(ctx.now)]?.[channel] ?? 0;
}

function addSpend(ctx: OpContext, channel: string, amount: number): void {
  const account = ctx.region.account;
  const month = spendMonth(ctx.now);
  account.spend ??= {};
  // Keep the last twelve months only.
  const months = Object.keys(account.spend);
  if (months.length > 12) for (const m of months.sort().slice(0, months.length - 12)) delete account.spend[m];
  account.spend[month] ??= {};
  const row = account.spend[month];
  row[channel] = Math.round(((row[channel] ?? 0) + amount) * 1e6) / 1e6;
}

/** Whether the account may still spend `cost` this month on the channel (its enforced limit). */
export function checkSpend(ctx: OpContext, channel: string, limitName: string, reason: string, cost: number): void {
  const limit = ctx.region.account.spendLimits[limitName]?.enforcedLimit;
  if (limit === undefined) return;
  if (spentThisMonth(ctx, channel) + cost > limit + 1e-9) {
    throw quotaError(reason, `The monthly spend limit of ${limit} USD for ${channel.toLowerCase()} messages is reached.`);
  }
}

/** The sandbox lets a send through only to a verified destination or a destination simulator number. */
export function checkSandbox(ctx: OpContext, destination: string): void {
  if (ctx.region.account.tier !== 'SANDBOX') return;
  if (simulatorDestination(destination)) return;
  for (const id in ctx.region.verifiedDestinations) {
    const v = ctx.region.verifiedDestinations[id];
    if (v.phoneNumber === destination && v.status === 'VERIFIED') return;
  }
  throw conflictError(
    'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
    'verified-destination-number',
    destination,
    `The account is in the SMS sandbox: ${destination} is not a verified destination phone number. Verify it (CreateVerifiedDestinationNumber) or send to a destination simulator number.`,
  );
}

/** The destination in E.164 and its country; refuses unknown and blocked countries. */
export function checkDestination(raw: string): { destination: string; iso: string } {
  const destination = raw.startsWith('+') ? raw : `+${raw}`;
  const iso = destinationCountry(destination);
  if (!iso)
    throw validationError('INVALID_PARAMETER', `The destination phone number ${raw} is not valid.`, [
      { Name: 'DestinationPhoneNumber', Message: 'Invalid phone number' },
    ]);
  if (isBlockedDestination(iso)) {
    throw validationError('DESTINATION_COUNTRY_BLOCKED', `Sending to ${iso} is not supported.`, [
      { Name: 'DestinationPhoneNumber', Message: 'Destination country blocked' },
    ]);
  }
  return { destination, iso };
}

export interface SendRequest {
  channel: EventChannel;
  /** Spend is counted (and limited) under this channel: NOTIFY for Notify sends (default: channel). */
  spendChannel?: 'NOTIFY';
  /** An identity chosen by the caller (Notify's managed numbers, an RCS agent): no resolution. */
  origination?: { ref: OriginationRef; optOutList: string };
  kind: NonNullable<MessageRecord['kind']>;
  DestinationPhoneNumber: string;
  OriginationIdentity?: string;
  ConfigurationSetName?: string;
  MessageType?: string;
  MessageBody?: string;
  MaxPrice?: string;
  Context?: Record<string, string>;
  ProtectConfigurationId?: string;
  MessageFeedbackEnabled?: boolean;
  DryRun?: boolean;
}

/** Sends one message; every Send* operation comes here. */
export function send(ctx: OpContext, input: SendRequest): { MessageId: string } {
  const { channel } = input;
  const { destination, iso } = checkDestination(input.DestinationPhoneNumber);
  const cs = input.ConfigurationSetName ? findConfigurationSet(ctx, input.ConfigurationSetName) : undefined;
  enforceProtect(ctx, { destination, configurationSetName: cs?.name, protectConfigurationId: input.ProtectConfigurationId });

  const { ref, optOutList, phone }: Resolved = input.origination
    ? input.origination
    : input.OriginationIdentity
      ? resolveGivenIdentity(ctx, input.OriginationIdentity, destination, iso, channel)
      : pickIdentity(ctx, destination, iso, cs?.defaultSenderId, channel);
  checkSandbox(ctx, destination);
  if (ctx.region.optOuts[optOutList]?.numbers[destination]) {
    throw conflictError('DESTINATION_PHONE_NUMBER_OPTED_OUT', 'opted-out-number', destination, `The destination phone number ${destination} has opted out.`);
  }

  const { encoding, parts } = channel === 'TEXT' ? messageParts(input.MessageBody ?? '') : { encoding: undefined, parts: 1 };
  const price: SendPrice = priceOf(channel, iso, parts);
  const cost = price.price + price.carrierFee;
  if (input.MaxPrice !== undefined && cost > Number(input.MaxPrice)) {
    throw validationError('PRICE_OVER_THRESHOLD', `The message costs ${cost.toFixed(5)} USD, over MaxPrice ${input.MaxPrice}.`, [
      { Name: input.channel === 'VOICE' ? 'MaxPricePerMinute' : 'MaxPrice', Message: 'Price over threshold' },
    ]);
  }
  const spendChannel = input.spendChannel ?? channel;
  const limit = input.spendChannel ? { name: 'NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT', reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_NOTIFY' } : SPEND_LIMIT[channel];
  checkSpend(ctx, spendChannel, limit.name, limit.reason, cost);

  const messageId = randomUUID();
  if (input.DryRun) return { MessageId: messageId };
  if (ctx.mps) {
    const capability = channel === 'MEDIA' ? 'MMS' : channel === 'VOICE' ? 'VOICE' : 'SMS';
    const mps = mpsFor({
      kind: ref.type === 'rcs-agent' ? 'shared-route' : ref.type,
      numberType: phone?.numberType,
      isoCountryCode: phone?.isoCountryCode ?? iso,
      capability,
    });
    // A 10DLC campaign's throughput is shared by its numbers.
    const key =
      ref.type === 'shared-route'
        ? `shared:${ref.id}:${iso}`
        : phone?.numberType === 'TEN_DLC' && phone.registrationId
          ? `campaign:${phone.registrationId}`
          : `${ref.type}:${ref.id}`;
    if (mps > 0 && !ctx.mps.take(key, mps, parts, ctx.now)) {
      throw throttlingError(`Rate exceeded: ${ref.value} sends at most ${mps} message parts per second.`);
    }
  }

  const messageType = input.MessageType ?? cs?.defaultMessageType ?? phone?.messageType;
  const m: MessageRecord = {
    messageId,
    sentAt: ctx.now,
    destinationPhoneNumber: destination,
    isoCountryCode: iso,
    origination: ref,
    ...(cs ? { configurationSetName: cs.name } : {}),
    ...(messageType ? { messageType } : {}),
    ...(input.MessageBody !== undefined ? { messageBody: input.MessageBody } : {}),
    feedbackEnabled: input.MessageFeedbackEnabled ?? cs?.defaultMessageFeedbackEnabled ?? false,
    ...(input.kind !== 'text' ? { kind: input.kind } : {}),
  };
  storeMessage(ctx, m);
  addSpend(ctx, spendChannel, cost);
  emitSendEvents(ctx.region, ctx.regionName, ctx.now, {
    channel,
    message: m,
    origination: ref.type === 'shared-route' && ref.id === 'shared' ? sharedRouteNumber(iso) : ref.value,
    isInternationalSend: phone ? phone.isoCountryCode !== iso : false,
    encoding,
    parts,
    price,
    context: input.Context,
    protectConfigurationId: input.ProtectConfigurationId ?? cs?.protectConfigurationId ?? ctx.region.account.defaultProtectConfigurationId ?? undefined,
    failureRate: ctx.config.deliveryFailureRate ?? 0,
  });
  return { MessageId: messageId };
}

/** What a handset sees from a shared route (synthesized): the country's generic sender "AWSSMS". */
function sharedRouteNumber(_iso: string): string {
  return 'AWSSMS';
}

/** Records a message a handset receives from the account (keyword answers: src/sim/hooks/messaging.ts). */
export function deliverMessage(ctx: OpContext, m: MessageRecord): void {
  storeMessage(ctx, m);
}

export const messageOps: OpMap = {
  SendTextMessage(ctx, input: SendTextMessageRequest) {
    return send(ctx, { ...(input as SendRequest), channel: 'TEXT', kind: 'text', DestinationPhoneNumber: input.DestinationPhoneNumber! });
  },

  SendMediaMessage(ctx, input: SendMediaMessageRequest) {
    if (!input.MessageBody && !input.MediaUrls?.length) {
      throw validationError('MISSING_PARAMETER', 'A media message needs MessageBody or MediaUrls.', [
        { Name: 'MediaUrls', Message: 'MessageBody or MediaUrls is required' },
      ]);
    }
    return send(ctx, { ...(input as SendRequest), channel: 'MEDIA', kind: 'media', DestinationPhoneNumber: input.DestinationPhoneNumber! });
  },

  SendVoiceMessage(ctx, input: SendVoiceMessageRequest) {
    return send(ctx, {
      ...(input as SendRequest),
      channel: 'VOICE',
      kind: 'voice',
      DestinationPhoneNumber: input.DestinationPhoneNumber!,
      MaxPrice: input.MaxPricePerMinute,
    });
  },

  PutMessageFeedback(ctx, input: PutMessageFeedbackRequest) {
    const m = ctx.region.messages[input.MessageId!];
    if (!m) throw notFoundError('message', input.MessageId!, `Message ${input.MessageId} not found.`);
    if (!m.feedbackEnabled) {
      // The operation's modeled errors have no ConflictException, and ResourceNotFoundException
      // would make a message sent without feedback look like a mistyped id. INVALID_REQUEST is the
      // ValidationExceptionReason for a well-formed request the resource's state does not allow.
      throw validationError(
        'INVALID_REQUEST',
        `Message feedback is not enabled for message ${m.messageId}. Send with MessageFeedbackEnabled or set it as the configuration set's default.`,
        [{ Name: 'MessageId', Message: 'Message feedback not enabled for this message' }],
      );
    }
    m.feedbackStatus = input.MessageFeedbackStatus as MessageRecord['feedbackStatus'];
    m.feedbackUpdatedAt = ctx.now;
    return { MessageId: m.messageId, MessageFeedbackStatus: m.feedbackStatus };
  },
};
