/** `eum number search`: numbers that could be requested now (ListAvailablePhoneNumbers), with a digit pattern. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { listAvailablePhoneNumbers, type AvailableNumberSearch, type NumberPreference } from '../../aws/phone-numbers.js';
import { parseCapabilities, parseNumberType } from '../../core/number/rules.js';
import { plural } from '../../core/sender-id/plan.js';
import { parseCountry } from './options.js';

export interface NumberSearchData {
  country: string;
  numberType: string;
  preference: NumberPreference | null;
  availablePhoneNumbers: string[];
}

interface SearchFlags {
  country?: string;
  type?: string;
  capabilities?: string;
  registration?: string;
  startsWith?: string;
  endsWith?: string;
  contains?: string;
  limit?: string;
}

const REGISTRATION_ID = /^(registration-[A-Za-z0-9]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:registration\/[A-Za-z0-9-]+)$/;

/** A registration ID or ARN (`--registration`). */
export function checkRegistrationRef(raw: string, problems: InputProblem[]): string {
  if (!REGISTRATION_ID.test(raw)) problems.push({ field: '--registration', message: `"${raw}" is not a registration ID (registration-...) or ARN` });
  return raw;
}

/** At most one of --starts-with, --ends-with, --contains: digits, optionally with a leading +. */
export function parsePreference(opts: { startsWith?: string; endsWith?: string; contains?: string }, problems: InputProblem[]): NumberPreference | undefined {
  const given = (
    [
      ['--starts-with', 'StartsWith', opts.startsWith],
      ['--ends-with', 'EndsWith', opts.endsWith],
      ['--contains', 'Contains', opts.contains],
    ] as const
  ).filter(([, , v]) => v !== undefined);
  if (given.length > 1) {
    problems.push({ field: given.map(([f]) => f).join(', '), message: 'give one pattern: the API takes one number preference' });
    return undefined;
  }
  if (given.length === 0) return undefined;
  const [field, kind, digits] = given[0];
  if (!/^\+?\d{1,15}$/.test(digits!)) {
    problems.push({ field, message: `"${digits}" is not a digit pattern: 1 to 15 digits, optionally with a leading + (e.g. +1206 or 0100)` });
    return undefined;
  }
  return { kind, digits: digits! };
}

export async function parseNumberSearchOptions(opts: SearchFlags): Promise<AvailableNumberSearch> {
  const problems: InputProblem[] = [];
  const country = (await parseCountry(opts.country ?? 'US', problems)) ?? 'US';
  const type = parseNumberType(opts.type ?? 'ten-dlc', problems);
  if (type && type !== 'TEN_DLC')
    problems.push({
      field: '--type',
      message: `the API searches 10DLC numbers only; other types are requested directly: eum number request --type ${opts.type}`,
    });
  if (country !== 'US') problems.push({ field: '--country', message: '10DLC numbers are US numbers only; use --country US' });
  const capabilities = parseCapabilities(opts.capabilities ?? 'sms', problems) ?? ['SMS'];
  const registrationId = opts.registration !== undefined ? checkRegistrationRef(opts.registration, problems) : undefined;
  const preference = parsePreference(opts, problems);
  let limit = 10;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      problems.push({ field: '--limit', message: `"${opts.limit}" is not a whole number from 1 to 100` });
  }
  if (problems.length) throw new InputError(problems, 'nothing was searched; see eum number search --help');
  return { country, numberType: 'TEN_DLC', capabilities, registrationId, preference, limit };
}

export async function runNumberSearch(ctx: Context, s: AvailableNumberSearch): Promise<CommandResult<NumberSearchData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const numbers = await readWithRetry(ctx, (call) => listAvailablePhoneNumbers(call.client, s, { signal: call.signal }));
  const next = numbers.length
    ? [
        `${plural(numbers.length, 'number', 'numbers')} available (offered, not reserved). Lease one with: eum number request --country US --type ten-dlc --registration CAMPAIGN_ID --ends-with ${numbers[0].slice(-4)}`,
      ]
    : [];
  return {
    data: { country: s.country, numberType: s.numberType, preference: s.preference ?? null, availablePhoneNumbers: numbers },
    views: [
      {
        kind: 'table',
        columns: [{ key: 'phoneNumber', header: 'Available number' }],
        rows: numbers.map((phoneNumber) => ({ phoneNumber })),
        empty: 'No number matches. Try a shorter pattern, or none.',
      },
    ],
    notes: next,
  };
}

export function registerNumberSearch(parent: Command, app: App): void {
  const cmd = parent
    .command('search')
    .description('search numbers available to request (10DLC, US), by a digit pattern')
    .option('--country <CC>', 'country (the API searches US only)', 'US')
    .option('--type <type>', 'number type (the API searches ten-dlc only)', 'ten-dlc')
    .option('--capabilities <list>', 'capabilities every number must have: sms, mms, voice', 'sms')
    .option('--registration <id>', 'the 10DLC campaign registration the number is for')
    .option('--starts-with <digits>', 'numbers that start with these digits (+1206: area code 206)')
    .option('--ends-with <digits>', 'numbers that end with these digits')
    .option('--contains <digits>', 'numbers that contain these digits')
    .option('--limit <n>', 'how many numbers to show, 1 to 100 (default 10)')
    .action(app.action(async (ctx, { opts }) => runNumberSearch(ctx, await parseNumberSearchOptions(opts))));
  app.examples(cmd, [
    ['10DLC numbers in area code 206', 'eum number search --starts-with +1206'],
    ['numbers ending in 0100, for a campaign', 'eum number search --ends-with 0100 --registration registration-0123... --json'],
  ]);
}
