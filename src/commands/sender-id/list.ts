/** `eum sender-id list`: the account's sender IDs (every page), in one or more regions. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { normalizeCountries, sumPrices } from '../../core/sender-id/plan.js';
import { checkSenderIdValue, resolveRegions } from './options.js';
import { describeSenderIds } from './bulk.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';

export interface SenderIdListData {
  senderIds: Array<{
    region: string;
    country: string;
    senderId: string;
    senderIdArn: string;
    messageTypes: string[];
    monthlyLeasingPrice: string | null;
    registered: boolean;
    registrationId: string | null;
    deletionProtection: boolean;
  }>;
  summary: { total: number; monthlyLeasingTotal: string };
}

interface ListOptions {
  senderId?: string;
  country?: string;
  registered: boolean;
  regions: string[];
}

export async function parseListOptions(ctx: Context, opts: { senderId?: string; country?: string; registered?: boolean; regions?: string }): Promise<ListOptions> {
  const problems: InputProblem[] = [];
  if (opts.senderId !== undefined) checkSenderIdValue(opts.senderId, problems);
  let country: string | undefined;
  if (opts.country !== undefined) [country] = normalizeCountries([opts.country], (await loadCountryCatalog()).iso, '--country', problems);
  const regions = problems.length ? [] : await resolveRegions(ctx, opts.regions, problems);
  if (problems.length) throw new InputError(problems);
  return { senderId: opts.senderId, country, registered: opts.registered === true, regions };
}

export async function runSenderIdList(ctx: Context, o: ListOptions): Promise<CommandResult<SenderIdListData>> {
  const filters: Parameters<typeof describeSenderIds>[1] = [];
  if (o.senderId) filters.push({ Name: 'sender-id', Values: [o.senderId] });
  if (o.country) filters.push({ Name: 'iso-country-code', Values: [o.country] });
  if (o.registered) filters.push({ Name: 'registered', Values: ['true'] });
  const perRegion = await Promise.all(
    o.regions.map(async (region) => {
      const infos = await describeSenderIds(await ctx.smsFor(region), filters);
      return infos.map((s) => ({
        region,
        country: s.IsoCountryCode ?? '',
        senderId: s.SenderId ?? '',
        senderIdArn: s.SenderIdArn ?? '',
        messageTypes: s.MessageTypes ?? [],
        monthlyLeasingPrice: s.MonthlyLeasingPrice ?? null,
        registered: s.Registered ?? false,
        registrationId: s.RegistrationId ?? null,
        deletionProtection: s.DeletionProtectionEnabled ?? false,
      }));
    }),
  );
  const senderIds = perRegion.flat().sort((a, b) => o.regions.indexOf(a.region) - o.regions.indexOf(b.region) || a.senderId.localeCompare(b.senderId) || a.country.localeCompare(b.country));
  const summary = { total: senderIds.length, monthlyLeasingTotal: sumPrices(senderIds.map((s) => s.monthlyLeasingPrice)) };
  return {
    data: { senderIds, summary },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'region', header: 'Region' },
          { key: 'senderId', header: 'Sender ID' },
          { key: 'country', header: 'Country' },
          { key: 'messageTypes', header: 'Message types', format: (v) => (v as string[]).map((t) => t.toLowerCase()).join(', ') },
          { key: 'registered', header: 'Registered', format: (v) => (v ? 'yes' : 'no') },
          { key: 'deletionProtection', header: 'Deletion protection', format: (v) => (v ? 'on' : 'off') },
          { key: 'monthlyLeasingPrice', header: 'USD/month', align: 'right' },
          { key: 'senderIdArn', header: 'ARN' },
        ],
        rows: senderIds as unknown as Record<string, unknown>[],
        empty: 'No sender IDs. Request some with: eum sender-id bulk --sender-id ID --countries GB,DE',
      },
    ],
    notes: senderIds.length ? [`${summary.total} sender IDs, USD ${summary.monthlyLeasingTotal} a month`] : [],
  };
}

export function registerSenderIdList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list sender IDs (all pages), optionally of one value, one country, registered only')
    .option('--sender-id <id>', 'only this sender ID')
    .option('--country <CC>', 'only this country (ISO code)')
    .option('--registered', 'only registered sender IDs')
    .option('--regions <list>', 'AWS Regions to list, in parallel (default: --region / AWS_REGION)')
    .action(app.action(async (ctx, { opts }) => runSenderIdList(ctx, await parseListOptions(ctx, opts))));
  app.examples(cmd, [
    ['one sender ID everywhere it exists, two regions', 'eum sender-id list --sender-id ACME --regions us-east-1,eu-west-2'],
    ['countries only, for a script', 'eum sender-id list --sender-id ACME | cut -f3'],
  ]);
}
