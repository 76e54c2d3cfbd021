/**
 * Sender IDs in bulk, the pure part: checking the sender ID against the API's and the carriers'
 * rules, parsing country lists, regions, message types and tags, deciding per country what a run
 * does before any call, and the summary. No I/O.
 */
import { countryFacts, isBlockedDestination, senderIdProblems } from '../countries.js';

/** One problem with one input field (the CLI's InputProblem; core imports nothing outside core). */
export interface Problem {
  field: string;
  message: string;
}

export type MessageType = 'TRANSACTIONAL' | 'PROMOTIONAL';

/** What happened to one (region, country). */
/** `unknown`: the request may have created it (interrupted in flight); the next run asks with the same ClientToken. */
export type SenderIdStatus = 'created' | 'exists' | 'needs-registration' | 'unsupported' | 'failed' | 'unknown' | 'planned';

export interface SenderIdResult {
  region: string;
  country: string;
  senderId: string;
  status: SenderIdStatus;
  senderIdArn: string | null;
  /** USD per month, as the API writes it ("3.09"). */
  monthlyLeasingPrice: string | null;
  registered: boolean | null;
  error: string | null;
}

export interface SenderIdSummary {
  total: number;
  created: number;
  exists: number;
  needsRegistration: number;
  unsupported: number;
  failed: number;
  unknown: number;
  planned: number;
  /** Sum of the monthly leasing prices of created and existing sender IDs, USD ("12.34"). */
  monthlyLeasingTotal: string;
}

/** The API's rule (SenderId shape): 1 to 11 of letters, digits, `_` and `-`. */
export const API_SENDER_ID = /^[A-Za-z0-9_-]{1,11}$/;

export interface SenderIdFindings {
  /** Breaks the API's rule: nothing can be requested. */
  errors: Problem[];
  /** Carriers' rules: warnings, errors with --strict. */
  warnings: Problem[];
}

/**
 * Checks a sender ID for a set of countries and message types.
 *
 * Sources (shared/country-data/sms-rules.json): the API's SenderId shape; the user guide's
 * general rules (sv-sender-id: letters, digits and dashes, at least one letter, no leading or
 * trailing dash, 3 characters recommended); France allows no dash (FR note); India takes 3 to 6
 * letters for transactional and exactly 6 for promotional (registration forms).
 */
export function checkSenderId(senderId: string, countries: string[], messageTypes: MessageType[]): SenderIdFindings {
  const field = '--sender-id';
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  if (!API_SENDER_ID.test(senderId)) {
    if (senderId.length === 0 || senderId.length > 11) errors.push({ field, message: `"${senderId}" is ${senderId.length} characters; the API takes 1 to 11` });
    const bad = [...new Set(senderId.replace(/[A-Za-z0-9_-]/g, ''))];
    if (bad.length)
      errors.push({
        field,
        message: `"${senderId}" contains ${bad.map((c) => (c === ' ' ? 'a space' : `"${c}"`)).join(', ')}; the API takes only letters, digits, "_" and "-"`,
      });
    return { errors, warnings };
  }
  if (senderId.length < 3) warnings.push({ field, message: `"${senderId}" is shorter than 3 characters; carriers in many countries refuse it` });
  if (senderId.includes('_')) warnings.push({ field, message: `"${senderId}" contains "_"; carriers take only letters, digits and dashes` });
  for (const p of senderIdProblems(senderId)) {
    if (p.startsWith('may contain only') || p.startsWith('must be 1 to')) continue;
    if (p === 'must contain at least one letter') warnings.push({ field, message: `"${senderId}" has no letter; numeric-only sender IDs are refused` });
    else warnings.push({ field, message: `"${senderId}" ${p}` });
  }
  if (countries.includes('FR') && senderId.includes('-'))
    warnings.push({ field: 'FR', message: `France allows no dash in a sender ID ("${senderId}"); the request will be refused there` });
  if (countries.includes('IN')) {
    if (messageTypes.includes('TRANSACTIONAL') && !/^[A-Za-z]{3,6}$/.test(senderId))
      warnings.push({ field: 'IN', message: `India takes 3 to 6 letters for a transactional sender ID ("${senderId}")` });
    if (messageTypes.includes('PROMOTIONAL') && !/^[A-Za-z]{6}$/.test(senderId))
      warnings.push({ field: 'IN', message: `India takes exactly 6 letters for a promotional sender ID ("${senderId}")` });
  }
  return { errors, warnings };
}

/** Splits a country list: commas, spaces and new lines; `#` starts a comment. */
export function splitCountryList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s,;]+/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Codes people use that ISO 3166-1 does not: the United Kingdom is GB, Greece (EL in the EU) is GR. */
const COMMON_MISTAKES: Record<string, string> = { UK: 'GB', EL: 'GR' };

/**
 * Upper-cases, checks each code against the ISO 3166-1 alpha-2 list, and drops duplicates (the
 * first stays). Unknown codes are problems under `field`, named.
 */
export function normalizeCountries(codes: string[], isoCodes: ReadonlySet<string>, field: string, problems: Problem[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const raw of codes) {
    const code = raw.toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || !isoCodes.has(code)) {
      unknown.push(raw);
      continue;
    }
    if (seen.has(code)) continue;
    seen.add(code);
    out.push(code);
  }
  if (unknown.length) {
    const named = unknown.map((raw) => {
      const suggestion = COMMON_MISTAKES[raw.toUpperCase()];
      return suggestion ? `${raw} (did you mean ${suggestion}?)` : raw;
    });
    problems.push({ field, message: `not ISO 3166-1 alpha-2 country codes: ${named.join(', ')} (use two letters, e.g. GB, DE, BR)` });
  }
  return out;
}

const MESSAGE_TYPES: Record<string, MessageType> = { transactional: 'TRANSACTIONAL', promotional: 'PROMOTIONAL' };

export function parseMessageTypes(raw: string | undefined, problems: Problem[]): MessageType[] {
  if (raw === undefined) return ['TRANSACTIONAL', 'PROMOTIONAL'];
  const out: MessageType[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const t = MESSAGE_TYPES[part.toLowerCase()];
    if (!t) problems.push({ field: '--message-types', message: `"${part}" is not a message type; use transactional, promotional or both` });
    else if (!out.includes(t)) out.push(t);
  }
  if (out.length === 0 && !problems.some((p) => p.field === '--message-types'))
    problems.push({ field: '--message-types', message: 'empty; use transactional, promotional or both' });
  return out;
}

/** `--tag KEY=VALUE`, repeatable; the TagKey (1-128) and TagValue (0-256) limits of the API. */
export function parseTags(raw: string[], problems: Problem[]): Array<{ Key: string; Value: string }> {
  const tags = new Map<string, string>();
  for (const t of raw) {
    const eq = t.indexOf('=');
    if (eq <= 0) {
      problems.push({ field: '--tag', message: `"${t}" is not KEY=VALUE` });
      continue;
    }
    const key = t.slice(0, eq);
    const value = t.slice(eq + 1);
    if (key.length > 128) problems.push({ field: '--tag', message: `key "${key.slice(0, 20)}…" is longer than 128 characters` });
    else if (value.length > 256) problems.push({ field: '--tag', message: `the value of ${key} is longer than 256 characters` });
    else if (key.toLowerCase().startsWith('aws:')) problems.push({ field: '--tag', message: `"${key}": keys starting with aws: are reserved by AWS` });
    else tags.set(key, value);
  }
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/** AWS Region names: us-east-1, eu-west-2, ap-southeast-5, us-gov-west-1, cn-north-1. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export function parseRegions(raw: string, problems: Problem[]): string[] {
  const out: string[] = [];
  for (const r of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!REGION.test(r)) problems.push({ field: '--regions', message: `"${r}" is not an AWS Region name (e.g. us-east-1, eu-west-2)` });
    else if (!out.includes(r)) out.push(r);
  }
  if (out.length === 0 && !problems.some((p) => p.field === '--regions'))
    problems.push({ field: '--regions', message: 'empty; name at least one Region, e.g. us-east-1' });
  return out;
}

/** What a country needs before any call, from the country table. */
export type CountryClass = { kind: 'request' } | { kind: 'needs-registration'; reason: string } | { kind: 'unsupported'; reason: string };

export function classifyCountry(iso: string): CountryClass {
  if (isBlockedDestination(iso)) return { kind: 'unsupported', reason: `AWS End User Messaging SMS does not send to ${iso} (a blocked destination)` };
  const facts = countryFacts(iso);
  if (!facts) return { kind: 'unsupported', reason: `AWS End User Messaging SMS does not list ${iso} as a destination` };
  if (facts.senderId === 'registration') return { kind: 'needs-registration', reason: registrationHint(iso, facts.name) };
  if (facts.senderId === 'no') return { kind: 'unsupported', reason: `${facts.name} does not support sender IDs; use a phone number` };
  return { kind: 'request' };
}

export function registrationHint(iso: string, name = countryFacts(iso)?.name ?? iso): string {
  return `${name} requires a sender ID registration (eum registration types --country ${iso})`;
}

/** "1 country", "2 countries": `n` and the right word. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Adds decimal USD amounts exactly (in millionths), e.g. ["3.09", "4.91"] -> "8.00". */
export function sumPrices(prices: Array<string | null | undefined>): string {
  let micros = 0n;
  for (const p of prices) {
    if (!p || !/^\d+(\.\d+)?$/.test(p)) continue;
    const [whole, frac = ''] = p.split('.');
    micros += BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  }
  const whole = micros / 1_000_000n;
  const frac = (micros % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${frac}`;
}

export function summarize(results: SenderIdResult[]): SenderIdSummary {
  const s: SenderIdSummary = {
    total: results.length,
    created: 0,
    exists: 0,
    needsRegistration: 0,
    unsupported: 0,
    failed: 0,
    unknown: 0,
    planned: 0,
    monthlyLeasingTotal: '0.00',
  };
  for (const r of results) {
    if (r.status === 'created') s.created++;
    else if (r.status === 'exists') s.exists++;
    else if (r.status === 'needs-registration') s.needsRegistration++;
    else if (r.status === 'unsupported') s.unsupported++;
    else if (r.status === 'failed') s.failed++;
    else if (r.status === 'unknown') s.unknown++;
    else s.planned++;
  }
  s.monthlyLeasingTotal = sumPrices(results.filter((r) => r.status === 'created' || r.status === 'exists').map((r) => r.monthlyLeasingPrice));
  return s;
}

/** Results in a stable order: region as given, then country code. */
export function sortResults<T extends { region: string; country: string }>(results: T[], regions: string[]): T[] {
  return [...results].sort((a, b) => regions.indexOf(a.region) - regions.indexOf(b.region) || a.country.localeCompare(b.country));
}
