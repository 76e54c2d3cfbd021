/** `eum protect rules get <ID> [--channel]` and `eum protect rules set <ID> --channel sms --block RU,NG ...`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { flagName } from '../../cli/options.js';
import { CHANNELS, type Channel, type ProtectStatus } from '../../core/protect/types.js';
import { channelFlag, channelsFlag, countryListFlag, parseRefAndFlags } from './flags.js';
import type { RuleEdit } from '../../core/protect/rules.js';

export interface ProtectRulesGetData {
  id: string;
  channels: Array<{
    channel: Channel;
    majority: ProtectStatus;
    counts: Record<ProtectStatus, number>;
    countries: Array<{ country: string; name: string; status: ProtectStatus }>;
  }>;
}

export function parseProtectRulesGetOptions(args: unknown[], opts: Record<string, unknown>): { ref: string; channels: Channel[] } {
  const { ref, channel } = parseRefAndFlags(args, opts, { channel: channelsFlag });
  return { ref, channels: channel };
}

export async function runProtectRulesGet(ctx: Context, options: { ref: string; channels: Channel[] }): Promise<CommandResult<ProtectRulesGetData>> {
  const { protectClient, resolveConfigurationId, getRuleSet } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { summarizeRuleSet } = await import('../../core/protect/rules.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  const { id } = await resolveConfigurationId(client, options.ref);
  const channels: ProtectRulesGetData['channels'] = [];
  for (const channel of options.channels) {
    const set = await getRuleSet(client, id, channel);
    const s = summarizeRuleSet(set);
    channels.push({
      channel,
      majority: s.majority,
      counts: s.counts,
      countries: Object.keys(set)
        .sort()
        .map((country) => ({ country, name: catalog.name(country), status: set[country] })),
    });
  }
  const rows = channels.flatMap((ch) => ch.countries.map((c) => ({ channel: ch.channel, ...c })));
  return {
    data: { id, channels },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'channel', header: 'Channel' },
          { key: 'country', header: 'Code' },
          { key: 'name', header: 'Country' },
          { key: 'status', header: 'Status' },
        ],
        rows,
      },
    ],
    notes: channels.map(
      (ch) =>
        `${ch.channel}: ${Object.entries(ch.counts)
          .filter(([, n]) => n)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}`,
    ),
  };
}

export interface ProtectRulesSetOptions {
  ref: string;
  channel: Channel;
  edit: RuleEdit;
}

export interface ProtectRulesSetData {
  id: string;
  channel: Channel;
  changes: Array<{ country: string; name: string; from: ProtectStatus; to: ProtectStatus }>;
  calls: number;
}

/** Validates the flags against the country catalogue; every problem at once. */
export async function parseProtectRulesSetOptions(args: unknown[], opts: Record<string, unknown>): Promise<ProtectRulesSetOptions> {
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const { crossListProblems, parseCountryList } = await import('../../core/protect/countries.js');
  const catalog = await loadCountryCatalog();
  const list = countryListFlag(catalog);
  const shape = { channel: channelFlag, allow: list, block: list, monitor: list, filter: list, blockAllExcept: list };
  // The lists' valid codes, also of a list with a problem: a code in two lists is reported too.
  const valid = (key: keyof typeof shape) => (opts[key] === undefined ? [] : parseCountryList(opts[key] as string[], '', catalog, []));
  const o = parseRefAndFlags(args, opts, shape, {
    hint: 'country codes are ISO 3166 alpha-2 (US, GB, IN), comma-separated',
    also: (_o, problems) => {
      const lists = (['allow', 'block', 'monitor', 'filter', 'blockAllExcept'] as const).map((k): [string, string[]] => [flagName(k), valid(k)]);
      crossListProblems(lists, problems);
      if (lists.every(([, codes]) => !codes.length) && opts.blockAllExcept === undefined && !problems.length)
        problems.push({ field: '--allow/--block/--monitor/--filter', message: 'say which countries change, e.g. --block RU,NG' });
    },
  });
  const edit = { allow: o.allow ?? [], block: o.block ?? [], monitor: o.monitor ?? [], filter: o.filter ?? [], blockAllExcept: o.blockAllExcept };
  return { ref: o.ref, channel: o.channel, edit };
}

export async function runProtectRulesSet(ctx: Context, options: ProtectRulesSetOptions): Promise<CommandResult<ProtectRulesSetData>> {
  const { protectClient, resolveConfigurationId, getRuleSet, updateCountryRuleSet } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { applyRuleEdit, diffRuleSets, ruleUpdateBatches } = await import('../../core/protect/rules.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  const { id } = await resolveConfigurationId(client, options.ref);
  const current = await getRuleSet(client, id, options.channel);
  const diff = diffRuleSets(current, applyRuleEdit(current, options.edit));
  const batches = ruleUpdateBatches(diff);
  for (const batch of batches) await updateCountryRuleSet(client, id, options.channel, batch);
  const changes = diff.map((d) => ({ ...d, name: catalog.name(d.country) }));
  return {
    data: { id, channel: options.channel, changes, calls: batches.length },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'country', header: 'Code' },
          { key: 'name', header: 'Country' },
          { key: 'from', header: 'Was' },
          { key: 'to', header: 'Now' },
        ],
        rows: changes,
        empty: 'No change: every country already had the status asked for.',
      },
    ],
    notes: [
      changes.length
        ? `${options.channel}: ${changes.length} ${changes.length === 1 ? 'country' : 'countries'} changed in ${batches.length} call${batches.length === 1 ? '' : 's'}`
        : `${options.channel}: nothing to change`,
    ],
  };
}

export function registerProtectRules(parent: Command, app: App): void {
  const rules = parent.command('rules').description('country rules per channel: ALLOW, BLOCK, MONITOR or FILTER');
  const get = rules
    .command('get')
    .description('every country and its status, per channel')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .option('--channel <channel>', `one of ${CHANNELS.join(', ')} (default: all)`)
    .action(app.action(async (ctx, { args, opts }) => runProtectRulesGet(ctx, parseProtectRulesGetOptions(args, opts))));
  app.examples(get, [
    ['blocked SMS countries', 'eum protect rules get otp-guard --channel sms | grep BLOCK'],
    ['everything as JSON', 'eum protect rules get otp-guard --json'],
  ]);
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  const set = rules
    .command('set')
    .description('change country rules; sends only the countries that change, 300 per call')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .option('--channel <channel>', `one of ${CHANNELS.join(', ')}`, 'sms')
    .option('--allow <ccs>', 'countries to ALLOW, comma-separated (repeatable)', collect)
    .option('--block <ccs>', 'countries to BLOCK', collect)
    .option('--monitor <ccs>', 'countries to MONITOR', collect)
    .option('--filter <ccs>', 'countries to FILTER', collect)
    .option('--block-all-except <ccs>', 'BLOCK every country except these (ALLOW) and those in the other lists', collect)
    .action(app.action(async (ctx, { args, opts }) => runProtectRulesSet(ctx, await parseProtectRulesSetOptions(args, opts))));
  app.examples(set, [
    ['block two countries for SMS', 'eum protect rules set otp-guard --channel sms --block RU,NG'],
    ['only North America, monitor Mexico', 'eum protect rules set otp-guard --block-all-except US,CA --monitor MX'],
  ]);
}
