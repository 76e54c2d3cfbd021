/**
 * The flags the sender-id commands share, each declared once with its type and check
 * (`parseOptions`), and what needs more than a flag's value: the country list (flag, file or
 * stdin) and the default Region. Every problem is collected, so they are reported at once.
 */
import type { Context } from '../../cli/context.js';
import { flag, flagSchemas, shown } from '../../cli/options.js';
import type { InputProblem } from '../../errors.js';
import {
  API_SENDER_ID,
  normalizeCountries,
  parseMessageTypes,
  parseRegions,
  parseTags,
  splitCountryList,
  type MessageType,
} from '../../core/sender-id/plan.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';

/** A flag checked by a function of `core` that adds problems: each becomes the flag's problem. */
function coreFlag<T>(parse: (raw: unknown, problems: InputProblem[]) => T) {
  return flag((raw, problem) => {
    const found: InputProblem[] = [];
    const value = parse(raw, found);
    for (const p of found) problem(p.message);
    return value;
  });
}

/** `--sender-id`: 1 to 11 letters, digits, _ or - (the API's rule; carriers' rules are checked later). */
export const senderIdFlag = (required: boolean) =>
  flag((raw, problem): string | undefined => {
    if (raw === undefined) {
      if (required) problem('required: the alphanumeric sender ID, e.g. --sender-id MyBrand');
      return undefined;
    }
    const senderId = String(raw);
    if (!API_SENDER_ID.test(senderId)) problem(`"${shown(senderId)}" is not a sender ID: 1 to 11 letters, digits, "_" or "-"`);
    return senderId;
  });

/** A flag taken as written (checked later, e.g. against the country catalog); undefined when absent. */
export const textFlag = flag((raw) => (raw === undefined ? undefined : String(raw)));

/** A switch: true when given. */
export const switchFlag = flag((raw) => raw === true);

/** Where the countries come from: `--countries` (a list, or - for stdin), `--countries-file`, minus `--exclude`. */
export const countrySourceFlags = { countries: textFlag, countriesFile: textFlag, exclude: textFlag };

/** `--regions`: AWS Region names, comma-separated; undefined when absent (then `defaultRegions`). */
export const regionsFlag = coreFlag((raw, problems) => (raw === undefined ? undefined : parseRegions(String(raw), problems)));

/** `--rate`: calls per second in each Region, 0.001 to 1000; `fallback` when absent. */
export const rateFlag = (fallback = 1) => flagSchemas.rate(fallback);

/** `--message-types`: transactional, promotional or both (default both). */
export const messageTypesFlag = coreFlag((raw, problems): MessageType[] => parseMessageTypes(raw === undefined ? undefined : String(raw), problems));

/** `--tag KEY=VALUE`, repeatable (commander collects them). */
export const tagFlag = coreFlag((raw, problems) => parseTags(Array.isArray(raw) ? raw.map(String) : [], problems));

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
    problems.push({ field: '--countries-file', message: 'give the countries once: --countries or --countries-file, not both (e.g. --countries GB,DE,FR)' });
    return undefined;
  }
  if (opts.countries === undefined && opts.countriesFile === undefined) {
    problems.push({ field: '--countries', message: 'required: --countries GB,DE,FR, --countries-file FILE, or --countries - (stdin)' });
    return undefined;
  }
  if (opts.countries === '-' || opts.countriesFile !== undefined) {
    const stdin = opts.countries === '-';
    if (stdin && ctx.stdinIsTTY) {
      problems.push({
        field: '--countries',
        message: '- reads the list from stdin, which is a terminal: pipe the list in (cat countries.txt | eum ... --countries -)',
      });
      return undefined;
    }
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

/** The regions to work in: --regions, else the one region of the context (flag, environment, AWS config). */
export async function resolveRegions(ctx: Context, raw: string | undefined, problems: InputProblem[]): Promise<string[]> {
  return raw !== undefined ? parseRegions(raw, problems) : defaultRegions(ctx, problems);
}

/** Without --regions: the one region of the context (flag, environment, AWS config). */
export async function defaultRegions(ctx: Context, problems: InputProblem[]): Promise<string[]> {
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

/** Commander's collector for a repeatable flag. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
