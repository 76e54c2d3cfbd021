/**
 * Prices per message part for the plan of a send-many run, and the spend check. Pure.
 *
 * The SMS API has no price operation and AWS's price list changes, so eum ships no prices (a
 * vendored table would be wrong without saying so): the user gives their own copy of the AWS
 * price list with `--prices FILE`, a CSV with a header `country,price_per_part_usd` (ISO
 * 3166-1 alpha-2 code, or `*` for every country not listed) and, optionally,
 * `carrier_fee_usd`, added to the price. Other columns are ignored; lines whose first field
 * starts with `#` are comments.
 */
import type { InputProblem } from '../../errors.js';
import { CsvError, CsvReader } from './csv.js';

/** The most bytes a price file may hold: a row per country is about 6 KiB. */
export const PRICE_FILE_LIMIT_BYTES = 256 * 1024;
/** A price per part above this is a typo (AWS's dearest country is well under $1 a part). */
const MAX_PRICE_PER_PART = 100;

/** USD per message part, carrier fee included, by country. */
export interface PriceList {
  /** The file as shown in messages. */
  file: string;
  perPart: Map<string, number>;
  /** The `*` row: every country not listed. */
  other?: number;
}

/** Parses the text of a price file; every problem at once (field: `FILE line N`). */
export function parsePriceList(text: string, shown: string): { prices?: PriceList; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const at = (line: number) => `${shown} line ${line}`;
  let records: Array<{ line: number; fields: string[] }>;
  try {
    const reader = new CsvReader({ maxFieldChars: 256, maxColumns: 20 });
    records = [...reader.push(text), ...reader.end()];
  } catch (err) {
    if (err instanceof CsvError) return { problems: [{ field: err.line ? at(err.line) : shown, message: err.message }] };
    throw err;
  }
  records = records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === '') && !r.fields[0].trimStart().startsWith('#'));
  if (records.length === 0)
    return { problems: [{ field: shown, message: 'the file is empty: give a header country,price_per_part_usd and one row per country' }] };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const country = header.indexOf('country');
  const price = header.indexOf('price_per_part_usd');
  const fee = header.indexOf('carrier_fee_usd');
  if (country < 0 || price < 0) {
    const missing = [country < 0 ? 'country' : '', price < 0 ? 'price_per_part_usd' : ''].filter(Boolean).join(' and ');
    return {
      problems: [{ field: `${shown} header`, message: `no ${missing} column (header: ${header.join(', ')}): the header is country,price_per_part_usd` }],
    };
  }
  const usd = (raw: string | undefined, line: number, column: string): number | undefined => {
    const v = (raw ?? '').trim().replace(/^\$/, '');
    const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
    if (!(n >= 0 && n <= MAX_PRICE_PER_PART)) {
      problems.push({
        field: at(line),
        message: `${column} "${(raw ?? '').slice(0, 40)}" is not a price in US dollars from 0 to ${MAX_PRICE_PER_PART}, e.g. 0.00581`,
      });
      return undefined;
    }
    return n;
  };
  const perPart = new Map<string, number>();
  let other: number | undefined;
  for (const r of records.slice(1)) {
    const iso = (r.fields[country] ?? '').trim().toUpperCase();
    if (iso !== '*' && !/^[A-Z]{2}$/.test(iso)) {
      problems.push({ field: at(r.line), message: `country "${iso.slice(0, 40)}" is not an ISO 3166-1 alpha-2 code (e.g. US, DE) or *` });
      continue;
    }
    const p = usd(r.fields[price], r.line, 'price_per_part_usd');
    const f = fee >= 0 && (r.fields[fee] ?? '').trim() !== '' ? usd(r.fields[fee], r.line, 'carrier_fee_usd') : 0;
    if (p === undefined || f === undefined) continue;
    if (iso === '*' ? other !== undefined : perPart.has(iso)) {
      problems.push({ field: at(r.line), message: `${iso} is listed twice: keep one row per country` });
      continue;
    }
    // Whole hundred-thousandths of a dollar, as AWS's price list gives them, without float noise.
    const total = Math.round((p + f) * 1e5) / 1e5;
    if (iso === '*') other = total;
    else perPart.set(iso, total);
  }
  if (problems.length) return { problems };
  if (perPart.size === 0 && other === undefined) return { problems: [{ field: shown, message: 'the file has a header but no prices' }] };
  return { prices: { file: shown, perPart, other }, problems };
}

/** The price of one part to `iso`, or null when the list does not say. */
export function pricePerPart(prices: PriceList | undefined, iso: string): number | null {
  if (!prices) return null;
  return prices.perPart.get(iso) ?? prices.other ?? null;
}

/** How the estimate compares with the monthly spend limit. */
export type SpendCheck = 'within' | 'exceeds' | 'unknown';

/**
 * `exceeds` when the estimate (or, with countries unpriced, the part that is priced) is above
 * the limit; `within` when every country is priced and the total is not; else `unknown`. The API
 * does not say how much of the limit this month has used, so `within` means "if nothing else was
 * spent": the run may still reach the limit, and then stops there.
 */
export function checkSpend(estimate: { total: number | null; priced: number }, monthlyLimit: number | null): SpendCheck {
  if (monthlyLimit === null) return 'unknown';
  if (estimate.priced > monthlyLimit) return 'exceeds';
  if (estimate.total !== null) return 'within';
  return 'unknown';
}

/** "$1,000", "$12.34", "$0.00883": cents, and up to five decimals below a cent. */
export function formatUsd(usd: number): string {
  if (usd >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  if (usd >= 0.01 || usd === 0) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toFixed(5))}`;
}
