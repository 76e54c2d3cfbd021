/**
 * The flags of `eum send`, one message (`index.ts`) and `--to-file` (`to-file.ts`), each declared
 * once with its type and check (`parseOptions`). Files (the body, the recipients, the prices) are
 * only named here: reading them is the parse functions' work, after these checks.
 */
import { flag, flagSchemas, parseOptions, shown, type ParsedOptions } from '../../cli/options.js';
import type { InputProblem } from '../../errors.js';
import { parseRateValue } from '../../core/rate.js';
import {
  checkMaxPrice,
  parseContext,
  parseCountryParams,
  parseTtl,
  CONFIGURATION_SET_PATTERN,
  KEYWORD_PATTERN,
  ORIGINATION_PATTERN,
  PROTECT_CONFIGURATION_PATTERN,
} from '../../core/sms/checks.js';

/** A switch: true when given. One schema for all of them (each schema costs start-up time). */
const switchFlag = flagSchemas.switch();

/** A value as commander gives it (a file name, a number to check later), or undefined. */
const raw = flag((value) => (value === undefined ? undefined : String(value)));

/** A value that must match `re`, named `what` in the message. */
const matching = (re: RegExp, what: string) =>
  flag((value, problem) => {
    if (value === undefined) return undefined;
    const s = String(value);
    if (!re.test(s)) problem(`"${shown(s)}" is not ${what}`);
    return s;
  });

/** A repeatable KEY=VALUE flag, parsed by `parse`. */
const entries = <T>(parse: (list: string[]) => { problems: string[] } & T) =>
  flag((value, problem) => {
    const list = ((value as string[] | undefined) ?? []).map(String);
    const r = parse(list);
    for (const p of r.problems) problem(p);
    return r;
  });

export const sendFlags = {
  to: raw,
  body: raw,
  bodyFile: raw,
  toFile: raw,
  from: flag((value, problem) => {
    const list = ((value as string[] | undefined) ?? []).map(String);
    for (const f of list) if (!ORIGINATION_PATTERN.test(f)) problem(`"${shown(f)}" is not an origination identity (a phone number, sender ID, pool ID or ARN)`);
    return list;
  }),
  configSet: matching(CONFIGURATION_SET_PATTERN, 'a configuration set name or ARN (letters, digits, _ : / -)'),
  protectConfig: matching(PROTECT_CONFIGURATION_PATTERN, 'a protect configuration ID or ARN'),
  keyword: matching(KEYWORD_PATTERN, 'a keyword (1 to 30 characters)'),
  type: flag((value, problem): 'TRANSACTIONAL' | 'PROMOTIONAL' | undefined => {
    if (value === undefined) return undefined;
    const t = String(value).toUpperCase();
    if (t === 'TRANSACTIONAL' || t === 'PROMOTIONAL') return t;
    problem(`must be transactional or promotional, got "${shown(value)}"`);
    return undefined;
  }),
  feedback: switchFlag,
  maxPrice: flag((value, problem) => {
    if (value === undefined) return undefined;
    const p = checkMaxPrice(String(value));
    if (p) problem(p);
    return String(value);
  }),
  ttl: flag((value, problem) => {
    if (value === undefined) return undefined;
    const r = parseTtl(String(value));
    if (r.problem) problem(r.problem);
    return r.value;
  }),
  context: entries(parseContext),
  countryParam: entries(parseCountryParams),
  dryRun: switchFlag,
  maxParts: flag((value, problem) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1) return n;
    problem(`must be a whole number of at least 1, got "${shown(value)}"`);
    return undefined;
  }),
  /** `--no-record` gives false; commander's default is true. */
  record: flag((value) => value !== false),
  template: raw,
  toColumn: flag((value, problem) => {
    if (value === undefined) return 'phone';
    const s = String(value).trim();
    if (s === '') problem('give the name of the column that holds the numbers');
    return s;
  }),
  mps: flag((value, problem) => {
    if (value === undefined) return undefined;
    const r = parseRateValue(String(value));
    if (typeof r === 'number') return r;
    problem(r.problem.replace('requests per second', 'message parts per second'));
    return undefined;
  }),
  allowDuplicates: switchFlag,
  resume: switchFlag,
  restart: switchFlag,
  retryUnknown: switchFlag,
  jsonLines: switchFlag,
  prices: raw,
};

/** The typed flags of `eum send`. */
export type SendFlags = ParsedOptions<typeof sendFlags>;

/** Flags that mean something only with `--to-file` (checked as given, in commander's values). */
export const TO_FILE_ONLY: Array<[key: keyof SendFlags, flag: string]> = [
  ['template', '--template'],
  ['toColumn', '--to-column'],
  ['mps', '--mps'],
  ['allowDuplicates', '--allow-duplicates'],
  ['resume', '--resume'],
  ['restart', '--restart'],
  ['retryUnknown', '--retry-unknown'],
  ['jsonLines', '--json-lines'],
  ['prices', '--prices'],
];
/** Flags of one message that mean nothing for a file (its rows carry them), with what to do instead. */
export const SINGLE_ONLY: Array<[key: keyof SendFlags, flag: string, fix: string]> = [
  ['to', '--to', 'the numbers come from the file'],
  ['keyword', '--keyword', 'send one message at a time for a keyword'],
  ['countryParam', '--country-param', 'send one message at a time with country parameters'],
  ['ttl', '--ttl', 'give a ttl column in the file'],
  ['context', '--context', 'give context.KEY columns in the file'],
];

/** Parses every flag of `eum send` from commander's values; each problem is added to `problems`. */
export function parseSendFlags(opts: Record<string, unknown>, problems: InputProblem[]): SendFlags {
  return parseOptions(sendFlags, opts, problems, { record: '--no-record' });
}
