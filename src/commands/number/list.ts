/** `eum number list`: the account's phone numbers (every page) with what decides how they send. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { Column, CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { listPhoneNumbers, type PhoneNumberFilters, type PhoneNumberInfo } from '../../aws/phone-numbers.js';
import { smsMps } from '../../core/number/rules.js';
import { plural } from '../../core/sender-id/plan.js';
import { countryCodes, list, lower, numberFilterFlags, numberFilters, onOff } from './options.js';
import { parseOptions } from '../../cli/options.js';

/** A number in `eum number list --json`: the API's fields, camelCase, plus its SMS MPS. */
export type NumberRow = PhoneNumberInfo & { mps: number | null };

export interface NumberListData {
  phoneNumbers: NumberRow[];
  summary: { total: number; byStatus: Record<string, number> };
}

/** `…f0af31af` (the end of a registration or pool ID) on a terminal: enough to tell them apart (`show` and --json have them whole). */
export const shortId = (v: unknown): string => (typeof v === 'string' && v.length > 20 ? `…${v.slice(-8)}` : typeof v === 'string' ? v : '');

export function numberRow(n: PhoneNumberInfo): NumberRow {
  return { ...n, mps: smsMps(n.limits) };
}

export async function parseNumberListOptions(opts: Record<string, unknown>): Promise<PhoneNumberFilters> {
  const problems: InputProblem[] = [];
  const o = parseOptions(numberFilterFlags(await countryCodes(opts.country)), opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was read; see eum number list --help');
  return numberFilters(o);
}

export async function runNumberList(ctx: Context, filters: PhoneNumberFilters): Promise<CommandResult<NumberListData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const numbers = await readWithRetry(ctx, (call) => listPhoneNumbers(call.client, filters, { signal: call.signal }));
  const rows = numbers.map(numberRow).sort((a, b) => a.country.localeCompare(b.country) || a.phoneNumber.localeCompare(b.phoneNumber));
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const notActive = rows.filter((r) => r.status !== 'ACTIVE').length;
  const notes = rows.length ? [`${plural(rows.length, 'phone number', 'phone numbers')}${notActive ? `, ${notActive} not active yet` : ''}`] : [];
  return {
    data: { phoneNumbers: rows, summary: { total: rows.length, byStatus } },
    views: [
      {
        kind: 'table',
        // A terminal gets the columns that fit one (IDs shortened; `show` and --json have them whole);
        // piped lines keep every column, the full ID last.
        columns: [
          { key: 'phoneNumber', header: 'Number' },
          { key: 'numberType', header: 'Type', format: lower },
          { key: 'country', header: 'Country' },
          { key: 'status', header: 'Status', format: lower },
          { key: 'messageType', header: 'Message type', format: lower },
          { key: 'capabilities', header: 'Capabilities', format: list },
          { key: 'twoWayEnabled', header: 'Two-way', format: onOff },
          { key: 'optOutListName', header: 'Opt-out list' },
          { key: 'registrationId', header: 'Registration', format: shortId },
          { key: 'poolId', header: 'Pool', format: shortId },
          { key: 'mps', header: 'MPS', align: 'right' },
          { key: 'phoneNumberId', header: 'ID' },
        ].filter((c) => !ctx.stdoutIsTTY || (c.key !== 'phoneNumberId' && c.key !== 'messageType')) as Column[],
        rows: rows as unknown as Record<string, unknown>[],
        empty: 'No phone numbers. Request one with: eum number request --country US --type toll-free',
      },
    ],
    notes,
  };
}

export function registerNumberList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list phone numbers (all pages): type, country, status, capabilities, two-way, opt-out list, registration, pool, MPS')
    .option('--country <CC>', 'only numbers of this country (ISO code)')
    .option('--type <type>', 'only this type: toll-free, ten-dlc, long-code, short-code, simulator')
    .option('--status <status>', 'only this status: pending, active, associating, disassociating, deleted')
    .option('--capability <cap>', 'only numbers with this capability: sms, mms, voice')
    .action(app.action(async (ctx, { opts }) => runNumberList(ctx, await parseNumberListOptions(opts))));
  app.examples(cmd, [
    ['every number', 'eum number list'],
    ['US toll-free numbers, IDs only (piped: tab-separated, ID last)', 'eum number list --country US --type toll-free | cut -f12'],
    ['numbers not active yet, as JSON', 'eum number list --status pending --json'],
  ]);
}
