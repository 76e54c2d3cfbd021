/** `eum protect delete <ID>`: refuses clearly when the configuration is the default, associated or protected. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { OperationError } from '../../errors.js';
import { parseRefAndFlags } from './flags.js';

export async function runProtectDelete(ctx: Context, options: { ref: string }): Promise<CommandResult<{ id: string; deleted: boolean }>> {
  const { protectClient, resolveConfigurationId, listConfigurations, configurationSetAssociations, deleteConfiguration } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, options.ref);
  const [info] = await listConfigurations(client, [id]);
  const sets = (await configurationSetAssociations(client)).byProtectId.get(id) ?? [];
  const reasons: string[] = [];
  const fixes: string[] = [];
  if (info?.accountDefault) {
    reasons.push('it is the account default');
    fixes.push('eum protect unset-default');
  }
  if (sets.length) {
    reasons.push(`it is associated with configuration set${sets.length > 1 ? 's' : ''} ${sets.join(', ')}`);
    fixes.push(...sets.map((s) => `eum protect disassociate ${id} --config-set ${s}`));
  }
  if (info?.deletionProtection) {
    reasons.push('deletion protection is on');
    fixes.push(`eum protect update ${id} --no-deletion-protection`);
  }
  if (reasons.length) {
    throw new OperationError(`cannot delete ${id}: ${reasons.join('; ')}`, { code: 'PROTECT_CONFIGURATION_IN_USE', hint: `first run: ${fixes.join(' && ')}` });
  }
  if (!(await ctx.confirm(`delete Protect configuration ${id}?`))) return { data: { id, deleted: false }, notes: ['nothing deleted'], exitCode: 1 };
  await deleteConfiguration(client, id);
  return { data: { id, deleted: true }, notes: [`deleted Protect configuration ${id}`] };
}

export function registerProtectDelete(parent: Command, app: App): void {
  const cmd = parent
    .command('delete')
    .description('delete a Protect configuration (refused while it is the default, associated or deletion-protected)')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .action(app.action(async (ctx, { args, opts }) => runProtectDelete(ctx, parseRefAndFlags(args, opts, {}))));
  app.examples(cmd, [
    ['delete, confirming at the prompt', 'eum protect delete old-guard'],
    ['in a script', 'eum protect delete protect-0123456789abcdef --yes'],
  ]);
}
