/**
 * Phone numbers and pools: the names eum accepts for types, message types and capabilities, and
 * the rules checked before a RequestPhoneNumber (the type is offered in the country; the
 * registration it needs). Pure: country facts come from `src/core/countries.ts` (generated from
 * the country data), the rules from data/service-facts/numbers.json (quoted in comments).
 */
import { countryFacts } from '../countries.js';
import type { InputProblem } from '../../errors.js';

export type RequestableType = 'TOLL_FREE' | 'TEN_DLC' | 'LONG_CODE' | 'SIMULATOR';
export type MessageType = 'TRANSACTIONAL' | 'PROMOTIONAL';
export type Capability = 'SMS' | 'MMS' | 'VOICE';

/** `--type` values, as typed on the command line. */
export const NUMBER_TYPE_NAMES: Record<string, RequestableType> = {
  'toll-free': 'TOLL_FREE',
  'ten-dlc': 'TEN_DLC',
  'long-code': 'LONG_CODE',
  simulator: 'SIMULATOR',
};

/** The flag spelling of an API number type (TOLL_FREE -> toll-free; SHORT_CODE -> short-code). */
export function typeName(apiType: string): string {
  return apiType.toLowerCase().replace(/_/g, '-');
}

/** The registration type a 10DLC number names (numbers.json registration_requirements.TEN_DLC). */
export const TEN_DLC_CAMPAIGN = 'US_TEN_DLC_CAMPAIGN_REGISTRATION';
/** The registration a toll-free number needs before it sends (ASSOCIATE_BEFORE_SUBMIT). */
export const TOLL_FREE_REGISTRATION = 'US_TOLL_FREE_REGISTRATION';

export function parseNumberType(raw: string | undefined, problems: InputProblem[], field = '--type'): RequestableType | undefined {
  if (raw === undefined) {
    problems.push({ field, message: `required: one of ${Object.keys(NUMBER_TYPE_NAMES).join(', ')}` });
    return undefined;
  }
  const t =
    NUMBER_TYPE_NAMES[raw.toLowerCase()] ??
    (Object.values(NUMBER_TYPE_NAMES).includes(raw.toUpperCase() as RequestableType) ? (raw.toUpperCase() as RequestableType) : undefined);
  if (!t)
    problems.push({
      field,
      message: `"${raw}" is not a number type that can be requested: use ${Object.keys(NUMBER_TYPE_NAMES).join(', ')} (short codes are requested through an AWS Support case)`,
    });
  return t;
}

export function parseMessageType(raw: string | undefined, problems: InputProblem[], field = '--message-type'): MessageType | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toUpperCase();
  if (v === 'TRANSACTIONAL' || v === 'PROMOTIONAL') return v;
  problems.push({ field, message: `"${raw}" is not a message type: use transactional or promotional` });
  return undefined;
}

/** `sms,mms,voice` -> ['SMS','MMS','VOICE'], without duplicates. */
export function parseCapabilities(raw: string | undefined, problems: InputProblem[], field = '--capabilities'): Capability[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => p.toUpperCase());
  const bad = parts.filter((p) => p !== 'SMS' && p !== 'MMS' && p !== 'VOICE');
  if (bad.length) problems.push({ field, message: `not a capability: ${bad.map((b) => b.toLowerCase()).join(', ')}; use sms, mms, voice (comma-separated)` });
  if (parts.length === 0) problems.push({ field, message: 'no capability given: e.g. --capabilities sms,voice' });
  return [...new Set(parts.filter((p) => !bad.includes(p)))] as Capability[];
}

/** What a number of this type in this country needs, or why it cannot be requested. */
export interface RequestRule {
  /** Problems that make the request impossible (reported as input errors, exit 2). */
  problems: InputProblem[];
  /** Things the user should know that do not block it. */
  warnings: string[];
  /** The registration type the request must name (TEN_DLC), if any. */
  requiresRegistration?: string;
  /** The registration type that makes the number send after it is leased (TOLL_FREE), if any. */
  registerAfter?: string;
}

/**
 * Checks a request against the country data and the service facts, with no API call:
 * toll-free and 10DLC numbers are US numbers; US long codes cannot send A2P messages; long codes
 * only where the country lists them; SIMULATOR numbers are US and transactional only.
 */
export function requestRule(country: string, type: RequestableType, messageType: MessageType, capabilities: Capability[]): RequestRule {
  const r: RequestRule = { problems: [], warnings: [] };
  const facts = countryFacts(country);
  if (!facts) {
    r.problems.push({ field: '--country', message: `"${country}" is not a country AWS End User Messaging SMS lists` });
    return r;
  }
  const where = `${facts.name} (${country})`;
  const refuse = (message: string) => r.problems.push({ field: '--type', message });
  if (type === 'SIMULATOR') {
    if (country !== 'US') refuse(`simulator numbers are US numbers only; use --country US`);
    if (messageType !== 'TRANSACTIONAL') r.problems.push({ field: '--message-type', message: 'simulator numbers are transactional only' });
  } else if (type === 'TOLL_FREE' || type === 'TEN_DLC') {
    const label = type === 'TOLL_FREE' ? 'toll-free' : '10DLC';
    if (country !== 'US' || !facts.numberTypes.includes(type)) refuse(`${label} numbers are US numbers only, not offered in ${where}; use --country US`);
    if (type === 'TEN_DLC') r.requiresRegistration = TEN_DLC_CAMPAIGN;
    else r.registerAfter = TOLL_FREE_REGISTRATION;
  } else if (type === 'LONG_CODE') {
    if (country === 'US') refuse('US long codes cannot send A2P messages: request --type ten-dlc or --type toll-free');
    else if (facts.longCodes === false || !facts.numberTypes.includes('LONG_CODE')) {
      const others = facts.numberTypes
        .filter((t) => t !== 'LONG_CODE')
        .map((t) => (t === 'SENDER_ID' ? 'a sender ID (eum sender-id bulk)' : t === 'SHORT_CODE' ? 'a short code (AWS Support case)' : typeName(t)));
      refuse(`long codes are not offered in ${where}${others.length ? `; it offers ${others.join(', ')}` : ''}`);
    } else if (facts.longCodesInboundOnly) r.warnings.push(`long codes in ${where} receive messages but cannot send them`);
  }
  if (capabilities.includes('MMS') && type === 'LONG_CODE' && country !== 'CA') r.warnings.push('long codes support MMS in the United States and Canada only');
  return r;
}

/** The messages per second a number's limits give its SMS channel, if the API said. */
export function smsMps(limits: { rateLimits: Record<string, number> } | null): number | null {
  if (!limits) return null;
  const v = limits.rateLimits.SMS ?? limits.rateLimits.sms;
  return typeof v === 'number' ? v : null;
}

/** A phone number ID, ARN or E.164 number as the API takes it; a problem otherwise. */
export function checkNumberRef(raw: string | undefined, problems: InputProblem[], field = '<number>'): string {
  if (raw === undefined || raw === '') {
    problems.push({ field, message: 'required: a phone number ID (phone-...), its ARN, or the E.164 number' });
    return '';
  }
  if (
    /^phone-[A-Za-z0-9]{1,64}$/.test(raw) ||
    /^\+[1-9]\d{4,14}$/.test(raw) ||
    /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:phone-number\/[A-Za-z0-9-]+$/.test(raw)
  )
    return raw;
  problems.push({ field, message: `"${raw}" is not a phone number ID (phone-...), a phone number ARN or an E.164 number (+12065550100)` });
  return raw;
}

/** A pool ID or ARN; a problem otherwise. */
export function checkPoolRef(raw: string | undefined, problems: InputProblem[], field = '<pool>'): string {
  if (raw === undefined || raw === '') {
    problems.push({ field, message: 'required: a pool ID (pool-...) or its ARN' });
    return '';
  }
  if (/^pool-[A-Za-z0-9]{1,64}$/.test(raw) || /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:pool\/[A-Za-z0-9-]+$/.test(raw)) return raw;
  problems.push({ field, message: `"${raw}" is not a pool ID (pool-...) or a pool ARN` });
  return raw;
}

/** An origination identity for a pool: a phone number (ID, ARN, E.164), a sender ID (value or ARN). */
export function checkOriginationIdentity(raw: string, problems: InputProblem[], field: string): { identity: string; kind: 'phone-number' | 'sender-id' } {
  if (/^phone-[A-Za-z0-9]{1,64}$/.test(raw) || /^\+[1-9]\d{4,14}$/.test(raw) || /:phone-number\//.test(raw)) return { identity: raw, kind: 'phone-number' };
  if (/:sender-id\//.test(raw) || /^[A-Za-z0-9_-]{1,11}$/.test(raw)) return { identity: raw, kind: 'sender-id' };
  problems.push({
    field,
    message: `"${raw}" is not an origination identity: a phone number ID, ARN or E.164 number, or a sender ID (1 to 11 letters, digits, _ or -) or its ARN`,
  });
  return { identity: raw, kind: 'phone-number' };
}

/** A value for `--opt-out-list`: a name (1 to 64 letters, digits, _ or -) or an ARN. */
export function checkOptOutList(raw: string, problems: InputProblem[], field = '--opt-out-list'): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(raw) || /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:opt-out-list\/[A-Za-z0-9_-]+$/.test(raw)) return raw;
  problems.push({ field, message: `"${raw}" is not an opt-out list name (1 to 64 letters, digits, _ or -) or ARN` });
  return raw;
}

/** A two-way channel ARN (`--two-way-channel`): any ARN, or `connect.<region>.amazonaws.com`. */
export function checkTwoWayChannel(raw: string, problems: InputProblem[], field = '--two-way-channel'): string {
  if (/^arn:\S{1,2040}$/.test(raw) || /^connect\.[a-z0-9-]+\.amazonaws\.com$/.test(raw)) return raw;
  problems.push({ field, message: `"${raw}" is not a two-way channel: an ARN (e.g. an SNS topic) or connect.<region>.amazonaws.com` });
  return raw;
}

/** An IAM role ARN (`--two-way-role`). */
export function checkRoleArn(raw: string, problems: InputProblem[], field = '--two-way-role'): string {
  if (/^arn:aws[a-z-]*:iam::\d{12}:role\/\S{1,512}$/.test(raw)) return raw;
  problems.push({ field, message: `"${raw}" is not an IAM role ARN (arn:aws:iam::111122223333:role/NAME)` });
  return raw;
}
