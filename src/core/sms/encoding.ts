/**
 * SMS encoding and part counting: GSM-7 (3GPP TS 23.038 default alphabet and its extension
 * table) when every character fits, UCS-2 otherwise.
 *
 * - GSM-7: 160 septets in one part; 153 per part when concatenated. Extension characters
 *   (`{ } [ ] ~ \ | ^ €` and form feed) take two septets and are never split across parts.
 * - UCS-2: 70 UTF-16 code units in one part; 67 per part when concatenated. A surrogate pair
 *   (emoji) is never split across parts.
 */

/** The GSM 03.38 basic character set. */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table, reached with an escape: two septets each. */
const GSM_EXTENDED = '\f^{}\\[~]|€';

const BASIC = new Set(Array.from(GSM_BASIC).filter((c) => c !== '\u001B'));
const EXTENDED = new Set(Array.from(GSM_EXTENDED));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface EncodingInfo {
  encoding: SmsEncoding;
  /** Characters as the user sees them (code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  parts: number;
  /** Units left in the last part before another part is needed. */
  remainingInPart: number;
  /** The distinct characters that forced UCS-2 (empty for GSM-7), in order of appearance. */
  ucs2Characters: string[];
}

/** ASCII code units that are GSM-7 basic characters (one septet each): 1, else 0. */
const BASIC_ASCII = new Uint8Array(128);
for (const c of BASIC) if (c.charCodeAt(0) < 128) BASIC_ASCII[c.charCodeAt(0)] = 1;

/**
 * Whether `body` is at most 160 characters of GSM-7's basic set in ASCII: one GSM-7 part, as
 * `analyzeBody` would say, without its work (a recipient file's rows, a million times).
 */
export function fitsOneGsmPart(body: string): boolean {
  if (body.length > 160) return false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 128 || BASIC_ASCII[c] === 0) return false;
  }
  return true;
}

/** Septets a character takes in GSM-7, or 0 when it is not in the alphabet. */
export function gsmSeptets(ch: string): 0 | 1 | 2 {
  if (BASIC.has(ch)) return 1;
  if (EXTENDED.has(ch)) return 2;
  return 0;
}

/** Describes a few characters that commonly force UCS-2, for hints ("’ U+2019"). */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `${ch} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Straight replacements for the characters that most often force UCS-2 by accident. */
export const GSM_REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

/** Counts parts greedily, never splitting a unit group (escape pair or surrogate pair). */
function countParts(sizes: number[], single: number, multi: number): { parts: number; remaining: number } {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= single) return { parts: 1, remaining: single - total };
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return { parts, remaining: multi - used };
}

/** The encoding and the number of parts of a message body. */
export function analyzeBody(body: string): EncodingInfo {
  const chars = Array.from(body);
  const ucs2: string[] = [];
  const seen = new Set<string>();
  const septets: number[] = [];
  for (const ch of chars) {
    const s = gsmSeptets(ch);
    if (s === 0) {
      if (!seen.has(ch)) {
        seen.add(ch);
        ucs2.push(ch);
      }
    } else septets.push(s);
  }
  if (ucs2.length === 0) {
    const { parts, remaining } = countParts(septets, 160, 153);
    return { encoding: 'GSM-7', characters: chars.length, units: septets.reduce((a, b) => a + b, 0), parts, remainingInPart: remaining, ucs2Characters: [] };
  }
  const units = chars.map((c) => c.length);
  const { parts, remaining } = countParts(units, 70, 67);
  return { encoding: 'UCS-2', characters: chars.length, units: body.length, parts, remainingInPart: remaining, ucs2Characters: ucs2 };
}
