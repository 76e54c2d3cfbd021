/** `eum config-set list`: every configuration set (all pages), with its defaults and destinations. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import type { ConfigurationSetInfo } from '../../aws/config-sets.js';

export interface ConfigSetListData {
  configurationSets: ConfigurationSetInfo[];
}

export async function runConfigSetList(ctx: Context): Promise<CommandResult<ConfigSetListData>> {
  const { describeConfigurationSets } = await import('../../aws/config-sets.js');
  const sets = await describeConfigurationSets(await ctx.sms(), {}, { signal: ctx.signal });
  sets.sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: { configurationSets: sets },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'name', header: 'Name' },
          { key: 'defaultSenderId', header: 'Sender ID' },
          { key: 'defaultMessageType', header: 'Type', format: (v) => (v ? String(v).toLowerCase() : '') },
          { key: 'defaultMessageFeedback', header: 'Feedback', format: (v) => (v ? 'on' : 'off') },
          { key: 'protectConfigurationId', header: 'Protect' },
          { key: 'destinations', header: 'Destinations' },
        ],
        rows: sets.map((s) => ({ ...s, destinations: s.eventDestinations.map((d) => `${d.name}${d.enabled ? '' : ' (disabled)'}`).join(', ') })),
        empty: 'No configuration sets. Create one with: eum config-set create NAME',
      },
    ],
    notes: sets.length ? [`${sets.length} configuration set${sets.length === 1 ? '' : 's'}`] : [],
  };
}

export function registerConfigSetList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list configuration sets (all pages): defaults, Protect configuration, event destinations')
    .action(app.action((ctx) => runConfigSetList(ctx)));
  app.examples(cmd, [
    ['against the built-in simulator', 'eum --sim config-set list'],
    ['names only, for a script', "eum config-set list --query 'configurationSets[].name'"],
  ]);
}
