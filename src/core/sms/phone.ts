/**
 * Destination checks with libphonenumber-js's `max` metadata: the number must be valid for its
 * country (not only well-formed), and its ISO country is derived from it.
 *
 * The metadata is large: import this module dynamically (`await import(...)`) from commands.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { ok: true; e164: string; isoCountryCode: string; type?: string } | { ok: false; message: string };

/** Checks an E.164 destination number. */
export function checkDestination(raw: string): PhoneCheck {
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
