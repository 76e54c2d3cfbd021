/**
 * Destination checks with libphonenumber-js's `max` metadata: the number must be valid for its
 * country (not only well-formed), and its ISO country is derived from it.
 *
 * The metadata is large: import this module dynamically (`await import(...)`) from commands.
 */
import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/max/metadata';

export type PhoneCheck = { ok: true; e164: string; isoCountryCode: string; type?: string } | { ok: false; message: string };

/** Checks an E.164 destination number. */
export function checkDestination(raw: string): PhoneCheck {
  // Most numbers of a recipient file are already E.164: the fast path decides them with the same
  // metadata and rules (a number it cannot decide goes through libphonenumber, which words the problems).
  if (raw.length <= 20 && raw.charCodeAt(0) === 43 /* + */) {
    const fast = fastCheck(raw);
    if (fast) return fast;
  }
  return checkWithLibphonenumber(raw);
}

/** `checkDestination` through libphonenumber alone (the reference the fast path is tested against). */
export function checkWithLibphonenumber(raw: string): PhoneCheck {
  const value = raw.trim();
  if (!/^\+[1-9]\d{1,18}$/.test(value.replace(/[ ()-]/g, ''))) {
    return { ok: false, message: `must be an E.164 number: + then the country code and number, digits only (e.g. +12065550100), got "${raw}"` };
  }
  const phone = parsePhoneNumberFromString(value);
  if (!phone) return { ok: false, message: `"${raw}" is not a phone number; give it in E.164 form, e.g. +12065550100` };
  if (!phone.isValid()) {
    const where = phone.country ?? (phone.countryCallingCode ? `country code +${phone.countryCallingCode}` : 'any country');
    return { ok: false, message: `${phone.number} is not a valid number for ${where}: check the digits (length and prefix)` };
  }
  const iso = phone.country;
  if (!iso) return { ok: false, message: `cannot tell the country of ${phone.number}: check the country code` };
  return { ok: true, e164: phone.number, isoCountryCode: iso, type: phone.getType() };
}

/**
 * The fast path: libphonenumber-js's parse and isValid for a bare `+digits` number, the same
 * steps (calling code, national prefix, the country of a shared calling code, the type patterns
 * with their possible lengths) over regular expressions compiled once per country, where
 * libphonenumber compiles each pattern again for every number (most of its cost: about 25 µs a
 * number). Answers only "valid, this country"; anything else (not valid, a national prefix to
 * strip, a non-geographic code) is undefined and left to libphonenumber. A test compares the
 * two over every country's numbers.
 */
function fastCheck(raw: string): PhoneCheck | undefined {
  if (!/^\+[1-9]\d{1,18}$/.test(raw)) return undefined;
  for (let i = 2; i <= 4 && i < raw.length; i++) {
    const plan = callingCodePlan(raw.slice(1, i));
    if (plan === undefined) continue;
    // libphonenumber takes the first calling code its metadata knows, as here.
    if (plan === null) return undefined;
    const nsn = raw.slice(i);
    if (nsn.length < 2 || nsn.length > 17) return undefined;
    if (plan.nationalPrefix?.test(nsn)) return undefined;
    for (const c of plan.countries) {
      if (c.leadingDigits) {
        if (nsn.search(c.leadingDigits) !== 0) continue;
      } else if (numberType(c, nsn) === undefined) continue;
      const type = numberType(c, nsn);
      return type === undefined ? undefined : { ok: true, e164: raw, isoCountryCode: c.iso, type };
    }
    return undefined;
  }
  return undefined;
}

interface CountryPlan {
  iso: string;
  leadingDigits?: RegExp;
  nationalNumber: RegExp;
  fixedLine?: TypePlan;
  /** MOBILE's pattern is empty: the metadata removed it as a copy of FIXED_LINE's. */
  mobileSameAsFixed: boolean;
  mobile?: TypePlan;
  others: TypePlan[];
}
interface TypePlan {
  type: string;
  pattern: RegExp;
  lengths?: number[];
}
interface CallingCodePlan {
  /** The main country's national prefix for parsing (libphonenumber selects the calling code's plan). */
  nationalPrefix?: RegExp;
  countries: CountryPlan[];
}

const NON_FIXED_LINE_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
/** Per calling code: its plan, null when the fast path leaves it to libphonenumber, absent when not built yet. */
const plans = new Map<string, CallingCodePlan | null>();
let metadata: LooseMetadata | undefined;

/** The parts of libphonenumber's Metadata class used here (its typings declare fewer). */
interface LooseMetadata {
  hasCallingCode(cc: string): boolean;
  getCountryCodesForCallingCode(cc: string): string[] | undefined;
  selectNumberingPlan(country: string): void;
  numberingPlan: {
    nationalNumberPattern(): string;
    nationalPrefixForParsing(): string | undefined;
    leadingDigits(): string | undefined;
    hasTypes(): boolean;
    type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
  };
}

/** undefined: not a calling code; null: one the fast path leaves alone. */
function callingCodePlan(cc: string): CallingCodePlan | null | undefined {
  const known = plans.get(cc);
  if (known !== undefined) return known;
  // The same metadata as `libphonenumber-js/max` (one module: the same object).
  metadata ??= new Metadata(maxMetadata) as unknown as LooseMetadata;
  if (!metadata.hasCallingCode(cc)) return undefined;
  let plan: CallingCodePlan | null = null;
  const countries = metadata.getCountryCodesForCallingCode(cc);
  if (countries?.length) {
    metadata.selectNumberingPlan(cc);
    const prefix = metadata.numberingPlan.nationalPrefixForParsing();
    plan = { nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined, countries: [] };
    for (const iso of countries) {
      metadata.selectNumberingPlan(iso);
      const np = metadata.numberingPlan;
      // Plans without types are validated differently by libphonenumber: not here.
      if (!np.hasTypes()) {
        plan = null;
        break;
      }
      const typePlan = (t: string): TypePlan | undefined => {
        const d = np.type(t);
        const pattern = d?.pattern();
        if (!d || !pattern) return undefined;
        return { type: t, pattern: new RegExp(`^(?:${pattern})$`), lengths: d.possibleLengths() };
      };
      const mobile = np.type('MOBILE');
      const leading = np.leadingDigits();
      plan.countries.push({
        iso,
        leadingDigits: leading ? new RegExp(leading) : undefined,
        nationalNumber: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
        fixedLine: typePlan('FIXED_LINE'),
        mobileSameAsFixed: !mobile || mobile.pattern() === '',
        mobile: typePlan('MOBILE'),
        others: NON_FIXED_LINE_TYPES.map(typePlan).filter((x): x is TypePlan => x !== undefined),
      });
    }
  }
  plans.set(cc, plan);
  return plan;
}

const typeMatches = (t: TypePlan | undefined, nsn: string): boolean => !!t && (!t.lengths || t.lengths.includes(nsn.length)) && t.pattern.test(nsn);

/** libphonenumber's getNumberType: undefined when the number is of no type (not valid). */
function numberType(c: CountryPlan, nsn: string): string | undefined {
  if (!c.nationalNumber.test(nsn)) return undefined;
  if (typeMatches(c.fixedLine, nsn)) return c.mobileSameAsFixed || typeMatches(c.mobile, nsn) ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
  for (const t of c.others) if (typeMatches(t, nsn)) return t.type;
  return undefined;
}
