/**
 * Verified destination numbers and the code flow (data/service-facts/sandbox.json): create
 * (PENDING), send a code (stored as a MessageRecord of kind `verification` to that number, so a
 * test reads it from GET /_eum/messages?to=), verify (VERIFIED), describe, delete. At most 10.
 * Six-digit codes valid 15 minutes, five codes per number per 24 hours (the 2023 console page).
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type {
  CreateVerifiedDestinationNumberRequest,
  DeleteVerifiedDestinationNumberRequest,
  DescribeVerifiedDestinationNumbersRequest,
  SendDestinationNumberVerificationCodeRequest,
  VerifyDestinationNumberRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { canSend } from '../identities.js';
import { arn, type MessageRecord, type OriginationRef, type VerifiedDestinationRecord } from '../state.js';
import { applyFilters, arnIsLocal, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';
import { findConfigurationSet } from './configuration-sets.js';
import { destinationCountry } from './messages.js';
import { lookupPhoneNumber } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';
import { TAGGABLE } from './tags.js';

/** Verified destination numbers per account (sandbox page: "up to 10"). */
export const MAX_VERIFIED_DESTINATIONS = 10;
export const VERIFICATION_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_CODES_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Synthesized: the sender of verification codes when the account has no identity for the country. */
export const AWS_VERIFICATION_SENDER = 'AWSVerify';

TAGGABLE['verified-destination-number'] = (ctx, a) => Boolean(ctx.region.verifiedDestinations[a.resourceId]);

function findVerified(ctx: OpContext, idOrArn: string): VerifiedDestinationRecord {
  let id = idOrArn;
  if (idOrArn.startsWith('arn:')) {
    const a = parseArn(idOrArn);
    if (a?.resourceType !== 'verified-destination-number' || !arnIsLocal(a, ctx)) throw notFoundError('verified-destination-number', idOrArn);
    id = a.resourceId;
  }
  const v = ctx.region.verifiedDestinations[id];
  if (!v) throw notFoundError('verified-destination-number', idOrArn, `Verified destination number ${idOrArn} not found.`);
  return v;
}

const information = (v: VerifiedDestinationRecord) =>
  compact({
    VerifiedDestinationNumberArn: v.arn,
    VerifiedDestinationNumberId: v.id,
    DestinationPhoneNumber: v.phoneNumber,
    Status: v.status,
    RcsAgentId: v.rcsAgentId,
    CreatedTimestamp: epochSeconds(v.createdAt),
  });

/** Whether a destination is a VERIFIED destination number of the account (the sandbox allows only these). */
export function isVerifiedDestination(ctx: OpContext, phoneNumber: string): boolean {
  return Object.values(ctx.region.verifiedDestinations).some((v) => v.phoneNumber === phoneNumber && v.status === 'VERIFIED');
}

/**
 * Where the code comes from: the given identity (never a SIMULATOR number: "You can not use a
 * simulator phone number to verify a destination phone number"), else an own number or sender ID
 * of the destination's country that may send, else AWS's own verification sender (synthesized).
 */
function verificationOrigin(ctx: OpContext, given: string | undefined, iso: string): OriginationRef {
  if (given) {
    const a = given.startsWith('arn:') ? parseArn(given) : undefined;
    if (a?.resourceType === 'sender-id' || (!a && !/^(\+?[0-9]+|phone-.*)$/.test(given))) {
      const s = a
        ? a.parts.length === 2
          ? ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])]
          : undefined
        : ctx.region.senderIds[senderIdKey(given, iso)];
      if (!s) throw notFoundError('sender-id', given);
      if (s.isoCountryCode !== iso)
        throw validationError('INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', `Sender ID ${s.senderId} cannot send to ${iso}.`, [
          { Name: 'OriginationIdentity', Message: 'Wrong country' },
        ]);
      return { type: 'sender-id', id: senderIdKey(s.senderId, s.isoCountryCode), value: s.senderId, arn: s.arn };
    }
    const p = lookupPhoneNumber(ctx, given);
    if (!p) throw notFoundError('phone-number', given);
    if (p.numberType === 'SIMULATOR')
      throw validationError('INVALID_PARAMETER', 'A SIMULATOR number cannot send verification codes.', [
        { Name: 'OriginationIdentity', Message: 'Simulator numbers cannot verify destinations' },
      ]);
    if (p.isoCountryCode !== iso)
      throw validationError('INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', `${p.phoneNumber} cannot send to ${iso}.`, [
        { Name: 'OriginationIdentity', Message: 'Wrong country' },
      ]);
    const why = canSend(ctx.region, { phone: p }, ctx.now);
    if (why) throw conflictError(why.reason === 'NOT_ACTIVE' ? 'RESOURCE_NOT_ACTIVE' : 'REGISTRATION_NOT_COMPLETE', 'phone-number', p.id, why.message);
    return { type: 'phone-number', id: p.id, value: p.phoneNumber, arn: p.arn };
  }
  const own = Object.values(ctx.region.phoneNumbers).find(
    (p) => p.numberType !== 'SIMULATOR' && p.isoCountryCode === iso && !canSend(ctx.region, { phone: p }, ctx.now),
  );
  if (own) return { type: 'phone-number', id: own.id, value: own.phoneNumber, arn: own.arn };
  return { type: 'shared-route', id: 'shared', value: AWS_VERIFICATION_SENDER };
}

export const verifiedDestinationOps: OpMap = {
  CreateVerifiedDestinationNumber(ctx, input: CreateVerifiedDestinationNumberRequest) {
    return idempotent(ctx, 'CreateVerifiedDestinationNumber', input, () => {
      const phoneNumber = input.DestinationPhoneNumber!.startsWith('+') ? input.DestinationPhoneNumber! : `+${input.DestinationPhoneNumber}`;
      if (!destinationCountry(phoneNumber))
        throw validationError('INVALID_PARAMETER', `The phone number ${phoneNumber} is not valid.`, [
          { Name: 'DestinationPhoneNumber', Message: 'Invalid phone number' },
        ]);
      const existing = Object.values(ctx.region.verifiedDestinations).find((v) => v.phoneNumber === phoneNumber);
      if (existing)
        throw conflictError(
          'RESOURCE_ALREADY_EXISTS',
          'verified-destination-number',
          existing.id,
          `${phoneNumber} is already a verified destination number (${existing.id}).`,
        );
      if (Object.keys(ctx.region.verifiedDestinations).length >= MAX_VERIFIED_DESTINATIONS) {
        throw quotaError('VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT', `You can add up to ${MAX_VERIFIED_DESTINATIONS} verified destination numbers.`);
      }
      const id = `verifieddestination-${randomBytes(16).toString('hex')}`;
      const v: VerifiedDestinationRecord = {
        id,
        arn: arn(ctx.regionName, `verified-destination-number/${id}`),
        phoneNumber,
        status: 'PENDING',
        createdAt: ctx.now,
        codesSent: 0,
        ...(input.RcsAgentId ? { rcsAgentId: input.RcsAgentId } : {}),
      };
      ctx.region.verifiedDestinations[id] = v;
      setTags(ctx, v.arn, input.Tags);
      return { ...information(v), Tags: input.Tags ?? [] };
    });
  },

  SendDestinationNumberVerificationCode(ctx, input: SendDestinationNumberVerificationCodeRequest) {
    const v = findVerified(ctx, input.VerifiedDestinationNumberId!);
    if (v.status === 'VERIFIED')
      throw conflictError('VERIFICATION_ALREADY_COMPLETE', 'verified-destination-number', v.id, `${v.phoneNumber} is already verified.`);
    const iso = destinationCountry(v.phoneNumber) ?? 'US';
    const cs = input.ConfigurationSetName ? findConfigurationSet(ctx, input.ConfigurationSetName) : undefined;
    const origin = verificationOrigin(ctx, input.OriginationIdentity, iso);
    if (v.codeSentAt !== undefined && ctx.now - v.codeSentAt > DAY_MS) v.codesSent = 0;
    if (v.codesSent >= MAX_CODES_PER_DAY)
      throw quotaError('VERIFICATION_ATTEMPTS_PER_DAY', `At most ${MAX_CODES_PER_DAY} verification codes per number in 24 hours.`);
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    v.code = code;
    v.codeSentAt = ctx.now;
    v.codesSent++;
    const messageId = randomUUID();
    const m: MessageRecord = {
      messageId,
      sentAt: ctx.now,
      destinationPhoneNumber: v.phoneNumber,
      isoCountryCode: iso,
      origination: origin,
      ...(cs ? { configurationSetName: cs.name } : {}),
      messageType: 'TRANSACTIONAL',
      messageBody: input.VerificationChannel === 'VOICE' ? `Your verification code is ${code.split('').join(' ')}.` : `Your verification code is ${code}.`,
      feedbackEnabled: false,
      kind: 'verification',
      originationNumber: origin.value,
    };
    ctx.region.messages[messageId] = m;
    return { MessageId: messageId };
  },

  VerifyDestinationNumber(ctx, input: VerifyDestinationNumberRequest) {
    const v = findVerified(ctx, input.VerifiedDestinationNumberId!);
    if (v.status === 'VERIFIED')
      throw conflictError('VERIFICATION_ALREADY_COMPLETE', 'verified-destination-number', v.id, `${v.phoneNumber} is already verified.`);
    if (v.code === undefined || v.codeSentAt === undefined) {
      throw validationError('VERIFICATION_CODE_MISMATCH', 'No verification code was sent to this number; call SendDestinationNumberVerificationCode first.', [
        { Name: 'VerificationCode', Message: 'No code sent' },
      ]);
    }
    if (ctx.now - v.codeSentAt > VERIFICATION_CODE_TTL_MS)
      throw conflictError('VERIFICATION_CODE_EXPIRED', 'verified-destination-number', v.id, 'The verification code has expired; send a new one.');
    if (input.VerificationCode !== v.code)
      throw validationError('VERIFICATION_CODE_MISMATCH', 'The verification code does not match.', [{ Name: 'VerificationCode', Message: 'Code mismatch' }]);
    v.status = 'VERIFIED';
    delete v.code;
    const { RcsAgentId: _r, ...info } = information(v);
    return info;
  },

  DescribeVerifiedDestinationNumbers(ctx, input: DescribeVerifiedDestinationNumbersRequest) {
    let list: VerifiedDestinationRecord[];
    if (input.VerifiedDestinationNumberIds?.length) list = input.VerifiedDestinationNumberIds.map((id) => findVerified(ctx, id));
    else list = Object.values(ctx.region.verifiedDestinations);
    if (input.DestinationPhoneNumbers?.length) {
      const wanted = new Set(input.DestinationPhoneNumbers.map((n) => (n.startsWith('+') ? n : `+${n}`)));
      list = list.filter((v) => wanted.has(v.phoneNumber));
    }
    list = applyFilters(list, input.Filters, { status: (v) => v.status, 'rcs-agent-id': (v) => v.rcsAgentId });
    const { page, nextToken } = paginate(list, input);
    return compact({ VerifiedDestinationNumbers: page.map(information), NextToken: nextToken });
  },

  DeleteVerifiedDestinationNumber(ctx, input: DeleteVerifiedDestinationNumberRequest) {
    const v = findVerified(ctx, input.VerifiedDestinationNumberId!);
    // "you must wait 24 hours after adding a phone number before you can delete it" (sandbox page);
    // unverified numbers can go at any time (2023 page).
    if (v.status === 'VERIFIED' && ctx.now - v.createdAt < DAY_MS) {
      throw conflictError(
        'RESOURCE_DELETION_NOT_ALLOWED',
        'verified-destination-number',
        v.id,
        'A verified destination number can be deleted 24 hours after it was added.',
      );
    }
    delete ctx.region.verifiedDestinations[v.id];
    delete ctx.region.tags[v.arn];
    const { Status: _s, RcsAgentId: _r, ...info } = information(v);
    return info;
  },
};
