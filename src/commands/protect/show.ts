/** `eum protect show <ID>`: one configuration in full, summarised per channel. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult, View } from '../../cli/output.js';
import { parseRefAndFlags } from './flags.js';
import type { Channel, NumberOverride, ProtectStatus } from '../../core/protect/types.js';

export interface ProtectShowData {
  id: string;
  arn: string;
  name: string | null;
  accountDefault: boolean;
  deletionProtection: boolean;
  createdAt: string | null;
  tags: Record<string, string>;
  configurationSets: string[];
  channels: Array<{
    channel: Channel;
    counts: Record<ProtectStatus, number>;
    majority: ProtectStatus;
    exceptions: Array<{ country: string; name: string; status: ProtectStatus }>;
  }>;
  overrides: NumberOverride[];
}

export async function runProtectShow(ctx: Context, options: { ref: string }): Promise<CommandResult<ProtectShowData>> {
  const { protectClient, resolveConfigurationId, readSnapshot } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { summarizeRuleSet } = await import('../../core/protect/rules.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  const { id } = await resolveConfigurationId(client, options.ref);
  const snap = await readSnapshot(client, { ids: [id] });
  const c = snap.configurations[0];
  const channels = (Object.keys(c.rules) as Channel[]).map((channel) => {
    const s = summarizeRuleSet(c.rules[channel]);
    return { channel, counts: s.counts, majority: s.majority, exceptions: s.exceptions.map((e) => ({ ...e, name: catalog.name(e.country) })) };
  });
  const data: ProtectShowData = {
    id: c.id,
    arn: c.arn,
    name: c.name ?? null,
    accountDefault: c.accountDefault,
    deletionProtection: c.deletionProtection,
    createdAt: c.createdAt ?? null,
    tags: c.tags,
    configurationSets: c.configurationSets,
    channels,
    overrides: c.overrides,
  };
  const views: View[] = [
    {
      kind: 'kv',
      title: `Protect configuration ${c.name ? `${c.name} (${c.id})` : c.id}`,
      pairs: [
        ['id', c.id],
        ['name', c.name ?? ''],
        ['account default', c.accountDefault ? 'yes' : 'no'],
        ['deletion protection', c.deletionProtection ? 'on' : 'off'],
        ['configuration sets', c.configurationSets.join(', ') || '(none)'],
        [
          'tags',
          Object.entries(c.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '(none)',
        ],
        ['created', c.createdAt ?? ''],
      ],
    },
    {
      kind: 'table',
      title: 'Country rules per channel',
      columns: [
        { key: 'channel', header: 'Channel' },
        { key: 'ALLOW', header: 'Allow', align: 'right' },
        { key: 'BLOCK', header: 'Block', align: 'right' },
        { key: 'MONITOR', header: 'Monitor', align: 'right' },
        { key: 'FILTER', header: 'Filter', align: 'right' },
        { key: 'exceptions', header: 'Differ from the majority' },
      ],
      rows: channels.map((ch) => ({
        channel: ch.channel,
        ...ch.counts,
        exceptions: ch.exceptions.length ? ch.exceptions.map((e) => `${e.name} (${e.country}) ${e.status}`).join('; ') : `none: all ${ch.majority}`,
      })),
    },
    {
      kind: 'table',
      title: 'Number overrides',
      columns: [
        { key: 'number', header: 'Number' },
        { key: 'action', header: 'Action' },
        { key: 'isoCountryCode', header: 'Country' },
        { key: 'expires', header: 'Expires', format: (v) => (v ? String(v) : 'never') },
      ],
      rows: c.overrides as unknown as Record<string, unknown>[],
      empty: 'Number overrides: none',
    },
  ];
  return { data, views };
}

export function registerProtectShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show')
    .description('show one configuration: rules per channel, overrides, default, configuration sets, tags')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .action(app.action(async (ctx, { args, opts }) => runProtectShow(ctx, parseRefAndFlags(args, opts, {}))));
  app.examples(cmd, [
    ['by Name tag', 'eum protect show otp-guard'],
    ['as JSON', 'eum protect show protect-0123456789abcdef --json'],
  ]);
}
