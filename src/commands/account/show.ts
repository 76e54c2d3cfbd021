/** `eum account show`: account attributes and spend limits in one view. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import type { AccountAttribute, SpendLimit } from '../../aws/account.js';

export interface AccountShowData {
  region: string;
  attributes: AccountAttribute[];
  spendLimits: SpendLimit[];
}

export async function runAccountShow(ctx: Context): Promise<CommandResult<AccountShowData>> {
  const client = await ctx.sms();
  const { describeAccountAttributes, describeSpendLimits, clientRegion } = await import('../../aws/account.js');
  // One after the other: a failure stops at once, and retries stay predictable.
  const attributes = await describeAccountAttributes(client);
  const spendLimits = await describeSpendLimits(client);
  const data: AccountShowData = { region: await clientRegion(client), attributes, spendLimits };
  return {
    data,
    views: [
      { kind: 'kv', title: `Account (${data.region})`, pairs: data.attributes.map((a) => [a.name, a.value]) },
      {
        kind: 'table',
        title: 'Spend limits (USD per month)',
        columns: [
          { key: 'name', header: 'Limit' },
          { key: 'enforcedLimit', header: 'Enforced', align: 'right' },
          { key: 'maxLimit', header: 'Max', align: 'right' },
          { key: 'overridden', header: 'Overridden' },
        ],
        rows: data.spendLimits as unknown as Record<string, unknown>[],
      },
    ],
  };
}

export function registerAccountShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show')
    .description('show account attributes (sandbox status, account tier) and spend limits')
    .action(app.action((ctx) => runAccountShow(ctx)));
  app.examples(cmd, [
    ['against the built-in simulator', 'eum --sim account show'],
    ['as JSON, for a script', 'eum account show --region eu-west-2 --json'],
  ]);
}
