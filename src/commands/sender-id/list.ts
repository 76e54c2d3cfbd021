/** `eum sender-id list`: the account's sender IDs (every page), in one or more regions. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, InterruptedError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { describeSenderIds } from '../../aws/sender-ids.js';
import { normalizeCountries, plural, sumPrices } from '../../core/sender-id/plan.js';
import { parseOptions } from '../../cli/options.js';
import { defaultRegions, regionsFlag, senderIdFlag, switchFlag, textFlag } from './options.js';
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
  /** Only when some Regions failed: which, and why (the others are listed). */
  failedRegions?: Array<{ region: string; error: string }>;
}

interface ListOptions {
  senderId?: string;
  country?: string;
  registered: boolean;
  regions: string[];
}

/** The flags of `eum sender-id list`, each with its type and check. */
const listFlags = { senderId: senderIdFlag(false), country: textFlag, registered: switchFlag, regions: regionsFlag };

export async function parseListOptions(ctx: Context, opts: Record<string, unknown>): Promise<ListOptions> {
  const problems: InputProblem[] = [];
  const o = parseOptions(listFlags, opts, problems);
  let country: string | undefined;
  if (o.country !== undefined) [country] = normalizeCountries([o.country], (await loadCountryCatalog()).iso, '--country', problems);
  const regions = o.regions ?? (problems.length ? [] : await defaultRegions(ctx, problems));
  if (problems.length) throw new InputError(problems);
  return { senderId: o.senderId, country, registered: o.registered, regions };
}

export async function runSenderIdList(ctx: Context, o: ListOptions): Promise<CommandResult<SenderIdListData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const filters = { senderId: o.senderId, country: o.country, registered: o.registered ? true : undefined };
  // Each Region on its own: one that fails does not hide the others' answers.
  const settled = await Promise.allSettled(
    o.regions.map((region) => readWithRetry(ctx, (call) => describeSenderIds(call.client, filters, { signal: call.signal }), { region })),
  );
  const failedRegions: Array<{ region: string; error: string }> = [];
  const perRegion = settled.map((r, i) => {
    const region = o.regions[i];
    if (r.status === 'rejected') {
      failedRegions.push({ region, error: translateAwsError(r.reason).message });
      return [];
    }
    return r.value.map((s) => ({
      region,
      country: s.country,
      senderId: s.senderId,
      senderIdArn: s.arn ?? '',
      messageTypes: s.messageTypes,
      monthlyLeasingPrice: s.monthlyLeasingPrice,
      registered: s.registered ?? false,
      registrationId: s.registrationId,
      deletionProtection: s.deletionProtection ?? false,
    }));
  });
  // Every Region failed: that is the command's error (the first one's).
  if (failedRegions.length === o.regions.length) throw (settled[0] as PromiseRejectedResult).reason;
  if (ctx.signal.aborted) throw new InterruptedError();
  const senderIds = perRegion
    .flat()
    .sort((a, b) => o.regions.indexOf(a.region) - o.regions.indexOf(b.region) || a.senderId.localeCompare(b.senderId) || a.country.localeCompare(b.country));
  const summary = { total: senderIds.length, monthlyLeasingTotal: sumPrices(senderIds.map((s) => s.monthlyLeasingPrice)) };
  for (const f of failedRegions) ctx.log.error(`${f.region}: ${f.error}`);
  const notes = senderIds.length ? [`${plural(summary.total, 'sender ID', 'sender IDs')}, USD ${summary.monthlyLeasingTotal} a month`] : [];
  if (failedRegions.length) notes.push(`incomplete: ${failedRegions.map((f) => f.region).join(', ')} did not answer; the list shows the other Regions`);
  return {
    data: { senderIds, summary, ...(failedRegions.length ? { failedRegions } : {}) },
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
    notes,
    exitCode: failedRegions.length ? ExitCode.Failed : undefined,
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
