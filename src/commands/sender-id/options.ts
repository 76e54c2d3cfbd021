/**
 * Options shared by the sender-id commands: the sender ID, the country list (flag, file or
 * stdin), --exclude, the regions, --rate. Every problem is collected, so they are reported at once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError, type InputProblem } from '../../cli/errors.js';
import { parseRateValue } from '../../core/rate.js';
import { API_SENDER_ID, normalizeCountries, parseRegions, splitCountryList } from '../../core/sender-id/plan.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';

export interface CountrySourceOptions {
  countries?: string;
  countriesFile?: string;
  exclude?: string;
}

/** Reads the country list from --countries (a list, or - for stdin) or --countries-file. */
async function readCountrySource(ctx: Context, opts: CountrySourceOptions, problems: InputProblem[]): Promise<{ codes: string[]; field: string } | undefined> {
  if (opts.countries !== undefined && opts.countriesFile !== undefined) {
    throw new UsageError('give the countries once: --countries or --countries-file, not both', 'e.g. --countries GB,DE,FR or --countries-file countries.txt');
  }
  if (opts.countries === undefined && opts.countriesFile === undefined) {
    problems.push({ field: '--countries', message: 'required: --countries GB,DE,FR, --countries-file FILE, or --countries - (stdin)' });
    return undefined;
  }
  if (opts.countries === '-') {
    if (ctx.stdinIsTTY) throw new UsageError('--countries - reads the list from stdin, which is a terminal', 'pipe the list in: cat countries.txt | eum sender-id bulk ... --countries -');
    const chunks: string[] = [];
    for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8'));
    return { codes: splitCountryList(chunks.join('')), field: '--countries (stdin)' };
  }
  if (opts.countriesFile !== undefined) {
    const file = path.resolve(ctx.cwd, opts.countriesFile);
    try {
      return { codes: splitCountryList(await readFile(file, 'utf8')), field: `--countries-file ${opts.countriesFile}` };
    } catch (err) {
      problems.push({ field: '--countries-file', message: `cannot read ${opts.countriesFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return undefined;
    }
  }
  return { codes: splitCountryList(opts.countries!), field: '--countries' };
}

/** The countries to work on: ISO codes, upper-cased, without duplicates, minus --exclude. */
export async function parseCountries(ctx: Context, opts: CountrySourceOptions, problems: InputProblem[]): Promise<string[]> {
  const source = await readCountrySource(ctx, opts, problems);
  if (!source) return [];
  const catalog = await loadCountryCatalog();
  const countries = normalizeCountries(source.codes, catalog.iso, source.field, problems);
  const excluded = opts.exclude !== undefined ? normalizeCountries(splitCountryList(opts.exclude), catalog.iso, '--exclude', problems) : [];
  const kept = countries.filter((c) => !excluded.includes(c));
  if (source.codes.length === 0) problems.push({ field: source.field, message: 'no country codes given' });
  else if (countries.length > 0 && kept.length === 0) problems.push({ field: '--exclude', message: 'excludes every country given; nothing to do' });
  return kept;
}

export function checkSenderIdValue(senderId: string | undefined, problems: InputProblem[]): string {
  if (senderId === undefined) {
    problems.push({ field: '--sender-id', message: 'required: the alphanumeric sender ID, e.g. --sender-id MyBrand' });
    return '';
  }
  if (!API_SENDER_ID.test(senderId)) problems.push({ field: '--sender-id', message: `"${senderId}" is not a sender ID: 1 to 11 letters, digits, "_" or "-"` });
  return senderId;
}

/** The regions to work in: --regions, else the one region of the context (flag, environment, AWS config). */
export async function resolveRegions(ctx: Context, raw: string | undefined, problems: InputProblem[]): Promise<string[]> {
  if (raw !== undefined) return parseRegions(raw, problems);
  const known = ctx.region();
  if (known) return [known];
  if (ctx.globals.sim || ctx.globals.endpointUrl) return ['us-east-1'];
  // The AWS config decides: ask the SDK (this loads it, but a call follows anyway).
  const client = await ctx.sms();
  try {
    return [await client.config.region()];
  } catch {
    problems.push({ field: '--regions', message: 'no AWS Region set: pass --regions us-east-1,eu-west-2 (or --region), or set AWS_REGION' });
    return [];
  }
}

export function parseRate(raw: string | undefined, problems: InputProblem[], fallback = 1): number {
  if (raw === undefined) return fallback;
  const r = parseRateValue(raw);
  if (typeof r === 'number') return r;
  problems.push({ field: '--rate', message: r.problem });
  return fallback;
}

/** The journal's target: which API (and profile) the work went to. */
export async function journalTarget(ctx: Context): Promise<string> {
  const { ledgerTarget } = await import('../../store/ledger/index.js');
  const base = ledgerTarget(ctx.globals);
  return base === 'aws' ? `aws-${ctx.globals.profile ?? ctx.env.AWS_PROFILE ?? 'default'}` : base;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
