/** `eum protect rules get <ID> [--channel]` and `eum protect rules set <ID> --channel sms --block RU,NG ...`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseChannel, parseConfigRef } from '../../core/protect/parse.js';
import { CHANNELS, type Channel, type ProtectStatus } from '../../core/protect/types.js';
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
  const problems: InputProblem[] = [];
  const ref = parseConfigRef(args[0], problems);
  const channel = parseChannel(opts.channel, problems);
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const { parseCountryList, crossListProblems } = await import('../../core/protect/countries.js');
  const catalog = await loadCountryCatalog();
  const list = (flag: string, key: string) => (opts[key] === undefined ? [] : parseCountryList(opts[key] as string[], flag, catalog, problems));
  const allow = list('--allow', 'allow');
  const block = list('--block', 'block');
  const monitor = list('--monitor', 'monitor');
  const filter = list('--filter', 'filter');
  const blockAllExcept = opts.blockAllExcept === undefined ? undefined : list('--block-all-except', 'blockAllExcept');
  crossListProblems(
    [
      ['--allow', allow],
      ['--block', block],
      ['--monitor', monitor],
      ['--filter', filter],
      ['--block-all-except', blockAllExcept ?? []],
    ],
    problems,
  );
  if (!allow.length && !block.length && !monitor.length && !filter.length && blockAllExcept === undefined && !problems.length) {
    problems.push({ field: '--allow/--block/--monitor/--filter', message: 'say which countries change, e.g. --block RU,NG' });
  }
  if (problems.length) throw new InputError(problems, 'country codes are ISO 3166 alpha-2 (US, GB, IN), comma-separated');
  return { ref, channel, edit: { allow, block, monitor, filter, blockAllExcept } };
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
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const ref = parseConfigRef(args[0], problems);
        const channels = opts.channel === undefined ? [...CHANNELS] : [parseChannel(opts.channel, problems)];
        if (problems.length) throw new InputError(problems);
        return runProtectRulesGet(ctx, { ref, channels });
      }),
    );
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
