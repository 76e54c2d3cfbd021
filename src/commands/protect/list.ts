/** `eum protect list`: every Protect configuration with its Name, default flag and deletion protection. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';

export interface ProtectListData {
  configurations: Array<{
    id: string;
    name: string | null;
    accountDefault: boolean;
    deletionProtection: boolean;
    configurationSets: string[];
    createdAt: string | null;
  }>;
}

export async function runProtectList(ctx: Context): Promise<CommandResult<ProtectListData>> {
  const { protectClient, listConfigurations, configurationSetAssociations, getTags } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const all = await listConfigurations(client);
  const sets = await configurationSetAssociations(client);
  const configurations: ProtectListData['configurations'] = [];
  for (const c of all) {
    const tags = await getTags(client, c.arn);
    configurations.push({
      id: c.id,
      name: tags.Name ?? null,
      accountDefault: c.accountDefault,
      deletionProtection: c.deletionProtection,
      configurationSets: (sets.byProtectId.get(c.id) ?? []).sort(),
      createdAt: c.createdAt?.toISOString() ?? null,
    });
  }
  return {
    data: { configurations },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'id', header: 'ID' },
          { key: 'name', header: 'Name' },
          { key: 'accountDefault', header: 'Default', format: (v) => (v ? 'yes' : '') },
          { key: 'deletionProtection', header: 'Deletion protection', format: (v) => (v ? 'on' : 'off') },
          { key: 'configurationSets', header: 'Configuration sets', format: (v) => (v as string[]).join(', ') },
          { key: 'createdAt', header: 'Created' },
        ],
        rows: configurations as unknown as Record<string, unknown>[],
        empty: 'No Protect configurations. Create one with: eum protect create --name NAME',
      },
    ],
  };
}

export function registerProtectList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list Protect configurations: id, Name tag, account default, deletion protection, configuration sets')
    .action(app.action((ctx) => runProtectList(ctx)));
  app.examples(cmd, [
    ['every configuration in the region', 'eum protect list --region us-east-1'],
    ['ids only, for a script', 'eum protect list | cut -f1'],
  ]);
}
