/** Masking of personal data in logs: phone numbers keep their last four digits at most. */

/** `+447700900123` -> `+*********0123`. Anything shorter than five digits is left alone. */
export function maskPhoneNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 5) return value;
  const keep = digits.slice(-4);
  return `${value.startsWith('+') ? '+' : ''}${'*'.repeat(digits.length - 4)}${keep}`;
}

const PHONE_IN_TEXT = /\+?\d[\d ()-]{6,18}\d/g;

/** Masks every phone-number-like run of digits (7 to 15 digits) in free text. */
export function maskPhoneNumbersIn(text: string): string {
  return text.replace(PHONE_IN_TEXT, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length >= 7 && digits.length <= 15 ? maskPhoneNumber(m.replace(/[ ()-]/g, '')) : m;
  });
}

/** Keys whose values are never logged. */
const SECRET_KEY = /secret|token|password|authorization|signature|credential|session/i;

/** A deep copy of a request for logging: secrets removed, phone numbers masked. */
export function redactForLog(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && key !== 'NextToken' && key !== 'ClientToken') return '[redacted]';
  if (typeof value === 'string') return maskPhoneNumbersIn(value);
  if (Array.isArray(value)) return value.map((v) => redactForLog(v));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactForLog(v, k);
    return out;
  }
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  return value;
}
