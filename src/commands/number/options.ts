/**
 * The flags the `eum number` and `eum pool` commands share, each declared once with its type and
 * check (`parseOptions`), and what is built from several of them (filters, settings changes).
 */
import type { InputProblem } from '../../errors.js';
import type { PhoneNumberFilters, NumberType } from '../../aws/phone-numbers.js';
import type { NumberPreference } from '../../aws/phone-numbers.js';
import {
  checkOptOutList,
  checkPoolRef,
  checkRoleArn,
  checkTwoWayChannel,
  parseCapabilities,
  parseMessageType,
  parseNumberType,
} from '../../core/number/rules.js';
import { normalizeCountries, splitCountryList } from '../../core/sender-id/plan.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';
import { flag, flagSchemas, shown, type FlagSchema, type ParsedOptions } from '../../cli/options.js';

const STATUSES = ['PENDING', 'ACTIVE', 'ASSOCIATING', 'DISASSOCIATING', 'DELETED'];

/**
 * A flag checked by one of the checks of `src/core/number/rules.ts` (which collect problems):
 * their messages become the flag's. Absent flags are undefined unless `fallback` is given.
 */
export function checkedFlag<T>(check: (raw: string, problems: InputProblem[]) => T | undefined, fallback?: string): FlagSchema<T | undefined> {
  return flag((raw, problem) => {
    if (raw === undefined && fallback === undefined) return undefined;
    const found: InputProblem[] = [];
    const value = check(raw === undefined ? fallback! : String(raw), found);
    for (const p of found) problem(p.message);
    return value;
  });
}

/**
 * `--country`: one ISO code, upper-cased, checked against the country list (`iso`, loaded by
 * `countryCodes` only when the flag is given).
 */
export const countryFlag = (iso: ReadonlySet<string> | undefined) =>
  flag((raw, problem): string | undefined => {
    if (raw === undefined) return undefined;
    const found: InputProblem[] = [];
    const [code] = normalizeCountries([String(raw)], iso ?? new Set(), '--country', found);
    for (const p of found) problem(p.message);
    return code;
  });

/** `--countries`: a list of ISO codes (GB,DE), each checked against the country list. */
export const countriesFlag = (iso: ReadonlySet<string> | undefined) =>
  flag((raw, problem): string[] => {
    if (raw === undefined) return [];
    const found: InputProblem[] = [];
    const codes = normalizeCountries(splitCountryList(String(raw)), iso ?? new Set(), '--countries', found);
    for (const p of found) problem(p.message);
    return codes;
  });

/** `--rate`: calls per second a timer can pace (0.001 to 1000); `fallback` when absent. */
export const rateFlag = (fallback: number) => flagSchemas.rate(fallback);

/** The ISO codes `--country` is checked against; undefined (nothing loaded) when it is absent. */
export async function countryCodes(raw: unknown): Promise<ReadonlySet<string> | undefined> {
  return raw === undefined ? undefined : (await loadCountryCatalog()).iso;
}

/** `on` / `off` (also true/false, yes/no, enabled/disabled) for a setting flag. */
export const onOffFlag = flag((raw, problem): boolean | undefined => {
  if (raw === undefined) return undefined;
  const v = String(raw).toLowerCase();
  if (['on', 'true', 'yes', 'enabled'].includes(v)) return true;
  if (['off', 'false', 'no', 'disabled'].includes(v)) return false;
  problem(`"${shown(raw)}" is not on or off`);
  return undefined;
});

/** `--type` of a number to request: toll-free, ten-dlc, long-code, simulator (required). */
export const numberTypeFlag = flag((raw, problem) => {
  const found: InputProblem[] = [];
  const t = parseNumberType(raw === undefined ? undefined : String(raw), found);
  for (const p of found) problem(p.message);
  return t;
});
/** `--message-type`: transactional (the default) or promotional. */
export const messageTypeFlag = checkedFlag(parseMessageType, 'transactional');
/** `--capabilities`: sms, mms, voice, comma-separated (default sms). */
export const capabilitiesFlag = checkedFlag(parseCapabilities, 'sms');
/** `--opt-out-list`: a list name or ARN. */
export const optOutListFlag = checkedFlag(checkOptOutList);
/** `--pool`: a pool ID or ARN. */
export const poolFlag = checkedFlag((raw, problems) => checkPoolRef(raw, problems, '--pool'));

const REGISTRATION_ID = /^(registration-[A-Za-z0-9]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:registration\/[A-Za-z0-9-]+)$/;

/** `--registration`: a registration ID or ARN. */
export const registrationFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const v = String(raw);
  if (!REGISTRATION_ID.test(v)) problem(`"${shown(v)}" is not a registration ID (registration-...) or ARN`);
  return v;
});

/** A digit pattern (`--starts-with`, `--ends-with`, `--contains`): digits, optionally with a leading +. */
const digitsFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const v = String(raw);
  if (!/^\+?\d{1,15}$/.test(v)) problem(`"${shown(v)}" is not a digit pattern: 1 to 15 digits, optionally with a leading + (e.g. +1206 or 0100)`);
  return v;
});

/** The number preference flags; at most one is given (`preferenceOf`). */
export const preferenceFlags = { startsWith: digitsFlag, endsWith: digitsFlag, contains: digitsFlag };

/** The one number preference of the parsed flags; a problem when more than one was given. */
export function preferenceOf(o: ParsedOptions<typeof preferenceFlags>, raw: Record<string, unknown>, problems: InputProblem[]): NumberPreference | undefined {
  const given = (
    [
      ['--starts-with', 'StartsWith', 'startsWith'],
      ['--ends-with', 'EndsWith', 'endsWith'],
      ['--contains', 'Contains', 'contains'],
    ] as const
  ).filter(([, , key]) => raw[key] !== undefined);
  if (given.length > 1) {
    problems.push({ field: given.map(([f]) => f).join(', '), message: 'give one pattern: the API takes one number preference' });
    return undefined;
  }
  if (given.length === 0) return undefined;
  const [, kind, key] = given[0];
  const digits = o[key];
  return digits === undefined ? undefined : { kind, digits };
}

/** The filters of `eum number list`. */
export const numberFilterFlags = (iso: ReadonlySet<string> | undefined) => ({
  country: countryFlag(iso),
  type: flag((raw, problem): NumberType | undefined => {
    if (raw === undefined) return undefined;
    if (String(raw).toLowerCase() === 'short-code') return 'SHORT_CODE';
    const found: InputProblem[] = [];
    const t = parseNumberType(String(raw), found) as NumberType | undefined;
    for (const p of found) problem(p.message);
    return t;
  }),
  status: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const s = String(raw).toUpperCase();
    if (!STATUSES.includes(s)) problem(`"${shown(raw)}" is not a number status: use ${STATUSES.map((x) => x.toLowerCase()).join(', ')}`);
    return s;
  }),
  capability: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const found: InputProblem[] = [];
    const caps = parseCapabilities(String(raw), found, '--capability');
    for (const p of found) problem(p.message);
    if (caps && caps.length > 1) problem('one capability at a time (sms, mms or voice)');
    return caps?.[0];
  }),
});

/** The parsed filters as the API call takes them. */
export function numberFilters(o: ParsedOptions<ReturnType<typeof numberFilterFlags>>): PhoneNumberFilters {
  return { country: o.country, numberType: o.type, status: o.status, capability: o.capability };
}

/** The settings numbers and pools share (UpdatePhoneNumber / UpdatePool). */
export interface SharedChanges {
  twoWayEnabled?: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  deletionProtectionEnabled?: boolean;
}

/** The flags of those settings (`number update`, `pool update`). */
export const sharedChangeFlags = {
  twoWay: onOffFlag,
  twoWayChannel: checkedFlag(checkTwoWayChannel),
  twoWayRole: checkedFlag(checkRoleArn),
  selfManagedOptOuts: onOffFlag,
  optOutList: optOutListFlag,
  deletionProtection: onOffFlag,
};

/** The settings from their parsed flags; a channel or role with two-way off is a problem. */
export function sharedChanges(o: ParsedOptions<typeof sharedChangeFlags>, problems: InputProblem[]): SharedChanges {
  if ((o.twoWayChannel !== undefined || o.twoWayRole !== undefined) && o.twoWay === false) {
    problems.push({ field: '--two-way', message: 'off, but a two-way channel or role is given: turn it on (--two-way on) or leave the channel out' });
  }
  return {
    twoWayEnabled: o.twoWay,
    twoWayChannelArn: o.twoWayChannel,
    twoWayChannelRole: o.twoWayRole,
    selfManagedOptOutsEnabled: o.selfManagedOptOuts,
    optOutListName: o.optOutList,
    deletionProtectionEnabled: o.deletionProtection,
  };
}

/** `--dry-run` and the other switches. */
export const switchFlag = flagSchemas.switch();

/** Drops the keys left undefined, so a change lists only what the user asked for. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const onOff = (v: unknown): string => (v === true ? 'on' : v === false ? 'off' : '');
export const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase().replace(/_/g, '-') : '');
export const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => String(x).toLowerCase()).join(',') : '');
