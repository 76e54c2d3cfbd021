/**
 * What the opt-out commands share: list names, E.164 numbers (every problem collected, numbers
 * masked in messages), --since, --rate, and the page walk that retries each page on its own.
 */
import type { Context } from '../../cli/context.js';
import type { InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { checkDuration } from '../../core/duration.js';
import { flag, flagSchemas, shown } from '../../cli/options.js';
import type { OptedOutFilters, OptedOutNumber } from '../../aws/opt-outs.js';

/** A list to create: the API's OptOutListName (1 to 64 letters, digits, _ and -). */
const LIST_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** A list to read or change: its name or ARN. */
const LIST_NAME_OR_ARN = /^[A-Za-z0-9_:/-]{1,256}$/;
const E164 = /^\+[1-9]\d{1,18}$/;

/** The most numbers one command line or file may name (a file of more: split it). */
export const MAX_NUMBERS = 100_000;

export function checkListName(raw: string | undefined, field: string, problems: InputProblem[], options: { create?: boolean } = {}): string {
  const value = raw ?? 'Default';
  const pattern = options.create ? LIST_NAME : LIST_NAME_OR_ARN;
  if (!pattern.test(value)) {
    problems.push({
      field,
      message: options.create
        ? `"${value.slice(0, 80)}" is not a list name: 1 to 64 letters, digits, "_" or "-"`
        : `"${value.slice(0, 80)}" is not an opt-out list name or ARN (letters, digits, "_", "-", ":" and "/", at most 256)`,
    });
  }
  return value;
}

/** The problem with one number, masked: "+*******0100 is not ..." (never the whole number). */
export function numberProblem(raw: string): string | undefined {
  const value = raw.trim();
  if (E164.test(value)) return undefined;
  const shown = /\d{5,}/.test(value) ? maskPhoneNumber(value.slice(0, 40)) : JSON.stringify(value.slice(0, 40));
  return `${shown} is not an E.164 number: + then the country code and number, digits only (e.g. +12065550100)`;
}

/** E.164 numbers from arguments, without duplicates, in order; problems name their position. */
export function checkNumbers(raw: string[], field: string, problems: InputProblem[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  if (raw.length === 0) problems.push({ field, message: 'required: one or more E.164 numbers, e.g. +12065550142' });
  if (raw.length > MAX_NUMBERS) {
    problems.push({ field, message: `${raw.length} numbers; at most ${MAX_NUMBERS} at once` });
    return [];
  }
  raw.forEach((r, i) => {
    const p = numberProblem(r);
    if (p) problems.push({ field: raw.length > 1 ? `${field} #${i + 1}` : field, message: p });
    else if (!seen.has(r.trim())) {
      seen.add(r.trim());
      out.push(r.trim());
    }
  });
  return out;
}

/** `--since 7d` or `--since 2026-11-01[T10:00:00Z]`: the earliest opt-out time kept (a duration counts back from `now`). */
export const sinceFlag = (now: Date) =>
  flag((raw, problem): Date | undefined => {
    if (raw === undefined) return undefined;
    const text = String(raw).trim();
    if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
      const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
      if (!Number.isNaN(d.getTime())) return d;
    }
    const ms = checkDuration(text);
    if (typeof ms === 'number') return new Date(now.getTime() - ms);
    problem(`"${shown(text.slice(0, 40))}" is neither a duration (e.g. 7d, 12h) nor a date (e.g. 2026-11-01 or 2026-11-01T10:00:00Z)`);
    return undefined;
  });

/** A list name or ARN from `--list`, its problems reported as the flag's. */
function checkedList(raw: unknown, problem: (message: string) => void): string {
  const found: InputProblem[] = [];
  const list = checkListName(raw === undefined ? undefined : String(raw), '--list', found);
  for (const p of found) problem(p.message);
  return list;
}

/** `--list`: a list name or ARN; `Default` when absent. */
export const listFlag = flag((raw, problem) => checkedList(raw, problem));

/** `--list` where absent means another source (`opt-out check --from`). */
export const optionalListFlag = flag((raw, problem) => (raw === undefined ? undefined : checkedList(raw, problem)));

/** A switch (`--dry-run`, `--include-end-user`, `--end-user`, `--added`). */
export const switchFlag = flagSchemas.switch();

/** `--rate` of the opt-out commands. */
export { rateFlag } from '../number/options.js';

/** --end-user / --added: who opted the numbers out (both or neither: everyone). */
export function parseWho(opts: { endUser?: boolean; added?: boolean }): boolean | undefined {
  if (opts.endUser && !opts.added) return true;
  if (opts.added && !opts.endUser) return false;
  return undefined;
}

/**
 * Walks a list's pages, each read with eum's retries (a throttled page is tried again, not the
 * whole walk), handing each page to `onPage`. Returns the list's name and ARN as the API gave them.
 */
export async function walkOptedOutNumbers(
  ctx: Context,
  list: string,
  filters: OptedOutFilters,
  onPage: (numbers: OptedOutNumber[]) => void | Promise<void>,
): Promise<{ listName: string; listArn: string | null; pages: number }> {
  const { readWithRetry, BULK_ATTEMPTS } = await import('../../runtime/bulk.js');
  const { describeOptedOutNumbersPage } = await import('../../aws/opt-outs.js');
  let nextToken: string | undefined;
  let listName = list;
  let listArn: string | null = null;
  let pages = 0;
  do {
    const token = nextToken;
    const page = await readWithRetry(ctx, (call) => describeOptedOutNumbersPage(call.client, list, filters, { nextToken: token }, { signal: call.signal }), {
      maxAttempts: ctx.globals.maxAttempts ?? BULK_ATTEMPTS,
    });
    pages++;
    listName = page.listName;
    listArn = page.listArn;
    await onPage(page.numbers);
    nextToken = page.nextToken;
  } while (nextToken);
  return { listName, listArn, pages };
}

/** Who put a number on the list, in words. */
export function byWhom(endUserOptedOut: boolean): 'recipient' | 'account' {
  return endUserOptedOut ? 'recipient' : 'account';
}
