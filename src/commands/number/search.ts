/** `eum number search`: numbers that could be requested now (ListAvailablePhoneNumbers), with a digit pattern. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { listAvailablePhoneNumbers, type AvailableNumberSearch, type NumberPreference } from '../../aws/phone-numbers.js';
import { plural } from '../../core/sender-id/plan.js';
import { capabilitiesFlag, countryCodes, countryFlag, numberTypeFlag, preferenceFlags, preferenceOf, registrationFlag } from './options.js';
import { flagSchemas, parseOptions, shown } from '../../cli/options.js';

export interface NumberSearchData {
  country: string;
  numberType: string;
  preference: NumberPreference | null;
  availablePhoneNumbers: string[];
}

/** The flags of `number search`, each with its type and check. */
const searchFlags = (iso: ReadonlySet<string> | undefined) => ({
  country: countryFlag(iso),
  type: numberTypeFlag,
  capabilities: capabilitiesFlag,
  registration: registrationFlag,
  ...preferenceFlags,
  limit: flagSchemas.int(1, 100),
});

export async function parseNumberSearchOptions(opts: Record<string, unknown>): Promise<AvailableNumberSearch> {
  const problems: InputProblem[] = [];
  const raw = { ...opts, country: opts.country ?? 'US', type: opts.type ?? 'ten-dlc' };
  const o = parseOptions(searchFlags(await countryCodes(raw.country)), raw, problems);
  const country = o.country ?? 'US';
  if (o.type && o.type !== 'TEN_DLC')
    problems.push({
      field: '--type',
      message: `the API searches 10DLC numbers only; other types are requested directly: eum number request --type ${shown(raw.type)}`,
    });
  if (country !== 'US') problems.push({ field: '--country', message: '10DLC numbers are US numbers only; use --country US' });
  const preference = preferenceOf(o, opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was searched; see eum number search --help');
  return { country, numberType: 'TEN_DLC', capabilities: o.capabilities ?? ['SMS'], registrationId: o.registration, preference, limit: o.limit ?? 10 };
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
