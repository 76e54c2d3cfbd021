/**
 * A recipient file's header and rows: which column holds the number, the `from`, `ttl` and
 * `context.*` columns, the `{{column}}` template, and the checks of one row (its number valid for
 * its country, its rendered body's encoding and parts). Pure.
 */
import { analyzeBody, fitsOneGsmPart, type SmsEncoding } from '../sms/encoding.js';
import { checkBody, parseTtl, CONTEXT_MAX_ENTRIES, ORIGINATION_PATTERN } from '../sms/checks.js';
import { checkDestination } from '../sms/phone.js';

/** The columns that mean something to eum; the others feed the template only. */
export interface RecipientColumns {
  header: string[];
  to: number;
  from?: number;
  ttl?: number;
  /** `context.KEY` columns: [KEY, index]. */
  context: Array<[string, number]>;
}

/** Reads the header row; returns the columns, or problems naming the fix. */
export function readHeader(fields: string[], toColumn: string): { columns?: RecipientColumns; problems: string[] } {
  const problems: string[] = [];
  const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') problems.push('the header has an empty column name: name every column');
    else if (seen.has(h)) problems.push(`the header names column "${h}" twice`);
    seen.add(h);
  }
  const to = header.indexOf(toColumn);
  if (to < 0) problems.push(`no "${toColumn}" column in the header (${header.slice(0, 8).join(', ')}): add one, or name it with --to-column`);
  const context = header.flatMap((h, i): Array<[string, number]> => (h.startsWith('context.') ? [[h.slice('context.'.length), i]] : []));
  if (context.length > CONTEXT_MAX_ENTRIES) problems.push(`at most ${CONTEXT_MAX_ENTRIES} context.* columns are allowed, got ${context.length}`);
  for (const [key] of context) if (!/^\S{1,100}$/.test(key)) problems.push(`"context.${key}" is not a context key: 1 to 100 characters without spaces`);
  if (problems.length) return { problems };
  const index = (name: string) => (header.indexOf(name) >= 0 ? header.indexOf(name) : undefined);
  return { columns: { header, to, from: index('from'), ttl: index('ttl'), context }, problems };
}

/** A body template: text and `{{column}}` placeholders. */
export type Template = Array<string | { column: string; index: number }>;

/** Parses `{{column}}` placeholders against the header; a column the header lacks is a problem naming it. */
export function parseTemplate(text: string, header: string[]): { template: Template; problems: string[] } {
  const template: Template = [];
  const problems: string[] = [];
  const re = /\{\{\s*([^{}]*?)\s*\}\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) template.push(text.slice(last, m.index));
    const column = m[1];
    const index = header.indexOf(column);
    if (index < 0) problems.push(`{{${column}}}: no such column in the file (columns: ${header.slice(0, 8).join(', ')})`);
    template.push({ column, index });
    last = m.index + m[0].length;
  }
  if (last < text.length) template.push(text.slice(last));
  return { template, problems };
}

export function renderTemplate(template: Template, fields: string[]): string {
  let out = '';
  for (const part of template) out += typeof part === 'string' ? part : (fields[part.index] ?? '');
  return out;
}

const ONE_GSM_PART = { encoding: 'GSM-7', parts: 1 } as const;

/** One data row, checked. */
export interface CheckedRow {
  /** 1-based data row number (the header is row 0). */
  row: number;
  line: number;
  to: string;
  isoCountryCode: string;
  body: string;
  from?: string;
  ttl?: number;
  context?: Record<string, string>;
  encoding: SmsEncoding;
  parts: number;
  /** Input problems (field names carry the row); empty when the row can be sent. */
  problems: Array<{ field: string; message: string }>;
}

/** Checks one row: number, body (rendered), parts, the row's own from/ttl/context. */
export function checkRow(
  row: number,
  line: number,
  fields: string[],
  columns: RecipientColumns,
  template: Template,
  options: {
    maxParts?: number /** The number's country, known from an earlier check of the same E.164 text: libphonenumber is skipped. */;
    knownCountry?: string;
  },
): CheckedRow {
  const problems: CheckedRow['problems'] = [];
  const where = `row ${row} (line ${line})`;
  if (fields.length !== columns.header.length)
    problems.push({ field: where, message: `has ${fields.length} fields, the header ${columns.header.length}: check the commas and quotes` });
  const raw = (fields[columns.to] ?? '').trim();
  let to = raw;
  let isoCountryCode = '';
  const phone: ReturnType<typeof checkDestination> = options.knownCountry
    ? { ok: true, e164: raw, isoCountryCode: options.knownCountry }
    : checkDestination(raw);
  if (phone.ok) {
    to = phone.e164;
    isoCountryCode = phone.isoCountryCode;
  } else problems.push({ field: `${where} ${columns.header[columns.to]}`, message: phone.message });
  const body = renderTemplate(template, fields);
  const quick = fitsOneGsmPart(body);
  const bodyProblem = quick && body.trim() !== '' ? undefined : checkBody(body);
  const info = bodyProblem ? analyzeBody('') : quick ? ONE_GSM_PART : analyzeBody(body);
  if (bodyProblem) problems.push({ field: `${where} body`, message: bodyProblem });
  else if (options.maxParts !== undefined && info.parts > options.maxParts) {
    problems.push({ field: `${where} body`, message: `needs ${info.parts} parts (${info.encoding}), more than --max-parts ${options.maxParts}: shorten it` });
  }
  let from: string | undefined;
  if (columns.from !== undefined && (fields[columns.from] ?? '').trim() !== '') {
    from = fields[columns.from].trim();
    if (!ORIGINATION_PATTERN.test(from))
      problems.push({ field: `${where} from`, message: `"${from.slice(0, 60)}" is not an origination identity (a phone number, sender ID, pool ID or ARN)` });
  }
  let ttl: number | undefined;
  if (columns.ttl !== undefined && (fields[columns.ttl] ?? '').trim() !== '') {
    const r = parseTtl(fields[columns.ttl].trim());
    if (r.problem) problems.push({ field: `${where} ttl`, message: r.problem });
    ttl = r.value;
  }
  let context: Record<string, string> | undefined;
  for (const [key, index] of columns.context) {
    const v = fields[index] ?? '';
    if (v === '') continue;
    if (v.length > 800) problems.push({ field: `${where} context.${key}`, message: 'at most 800 characters' });
    context ??= {};
    context[key] = v;
  }
  return { row, line, to, isoCountryCode, body, from, ttl, context, encoding: info.encoding, parts: info.parts, problems };
}

/** An E.164 number as a number (at most 15 digits: exact in a double), so a million fit a small Set. */
export function numberKey(e164: string): number {
  return Number(e164.slice(1));
}
