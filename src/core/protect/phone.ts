/**
 * Destination numbers: E.164 validation and the destination country. Imports libphonenumber-js,
 * so load this module dynamically from commands.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { maskPhoneNumbersIn } from '../mask.js';

/** A problem message for a number that is not E.164, or undefined; a phone-like value is masked in it. */
export function phoneNumberProblem(value: string): string | undefined {
  const shown = maskPhoneNumbersIn(value);
  if (!/^\+[1-9]\d{6,14}$/.test(value)) return `"${shown}" is not an E.164 phone number (a + then 7 to 15 digits, e.g. +12065550100)`;
  const p = parsePhoneNumberFromString(value);
  if (!p?.isPossible()) return `"${shown}" is not a possible phone number for its country code`;
  return undefined;
}

/**
 * The destination country of an E.164 number. libphonenumber decides when it knows the number;
 * otherwise the longest matching dialing prefix among `prefixes` (code -> prefixes) wins, with the
 * main country of a shared calling code (US for +1) first.
 */
export function countryOfNumber(value: string, prefixes?: ReadonlyMap<string, string[]>): string | undefined {
  const p = parsePhoneNumberFromString(value);
  if (p?.country) return p.country;
  const digits = value.replace(/\D/g, '');
  let best: { code: string; len: number } | undefined;
  if (prefixes) {
    for (const [code, list] of prefixes) {
      for (const prefix of list) {
        if (!digits.startsWith(prefix)) continue;
        const better = !best || prefix.length > best.len || (prefix.length === best.len && MAIN_COUNTRY[prefix] === code);
        if (better) best = { code, len: prefix.length };
      }
    }
  }
  if (best) return best.code;
  const cc = p?.countryCallingCode;
  return cc ? MAIN_COUNTRY[cc] : undefined;
}

/** Main country of calling codes several countries share. */
const MAIN_COUNTRY: Record<string, string> = { '1': 'US', '7': 'RU', '44': 'GB', '47': 'NO', '61': 'AU', '212': 'MA', '262': 'RE', '590': 'GP', '599': 'CW' };
