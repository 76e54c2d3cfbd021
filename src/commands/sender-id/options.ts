/**
 * Options shared by the sender-id commands: the sender ID, the country list (flag, file or
 * stdin), --exclude, the regions, --rate. Every problem is collected, so they are reported at once.
 */
import type { Context } from '../../cli/context.js';
import { UsageError, type InputProblem } from '../../errors.js';
import { parseRateValue } from '../../core/rate.js';
import { API_SENDER_ID, normalizeCountries, parseRegions, splitCountryList } from '../../core/sender-id/plan.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';

export interface CountrySourceOptions {
  countries?: string;
  countriesFile?: string;
  exclude?: string;
}

/** The most a country list (file or stdin) may hold: every country, with comments, fits many times over. */
export const COUNTRY_LIST_LIMIT_BYTES = 64 * 1024;

/** Reads the country list from --countries (a list, or - for stdin) or --countries-file. */
async function readCountrySource(ctx: Context, opts: CountrySourceOptions, problems: InputProblem[]): Promise<{ codes: string[]; field: string } | undefined> {
  if (opts.countries !== undefined && opts.countriesFile !== undefined) {
    throw new UsageError('give the countries once: --countries or --countries-file, not both', 'e.g. --countries GB,DE,FR or --countries-file countries.txt');
  }
  if (opts.countries === undefined && opts.countriesFile === undefined) {
    problems.push({ field: '--countries', message: 'required: --countries GB,DE,FR, --countries-file FILE, or --countries - (stdin)' });
    return undefined;
  }
  if (opts.countries === '-' || opts.countriesFile !== undefined) {
    const stdin = opts.countries === '-';
    if (stdin && ctx.stdinIsTTY)
      throw new UsageError(
        '--countries - reads the list from stdin, which is a terminal',
        'pipe the list in: cat countries.txt | eum sender-id bulk ... --countries -',
      );
    const field = stdin ? '--countries (stdin)' : `--countries-file ${opts.countriesFile}`;
    const { readLimitedText } = await import('../../runtime/input.js');
    // Bounded while reading: `yes DE | eum sender-id bulk --countries -` ends at the limit.
    const r = await readLimitedText(ctx, stdin ? '-' : opts.countriesFile!, {
      limitBytes: COUNTRY_LIST_LIMIT_BYTES,
      why: 'a country list names at most 250 countries',
    });
    if (r.problem !== undefined) {
      problems.push({ field: stdin ? '--countries' : '--countries-file', message: r.problem });
      return undefined;
    }
    return { codes: splitCountryList(r.text!), field };
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

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
