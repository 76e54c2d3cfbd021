/** `eum protect set-default <ID>` and `eum protect unset-default`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { parseRefAndFlags } from './flags.js';

export async function runProtectSetDefault(ctx: Context, options: { ref: string }): Promise<CommandResult<{ accountDefault: string }>> {
  const { protectClient, resolveConfigurationId, setAccountDefault } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, options.ref);
  await setAccountDefault(client, id);
  return { data: { accountDefault: id }, notes: [`${id} is now the account default Protect configuration`] };
}

export async function runProtectUnsetDefault(ctx: Context): Promise<CommandResult<{ accountDefault: null; previous: string | null; changed: boolean }>> {
  const { protectClient, listConfigurations, deleteAccountDefault } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const current = (await listConfigurations(client)).find((c) => c.accountDefault);
  // The wanted state already holds: a rerun (or a script) is not a failure.
  if (!current)
    return { data: { accountDefault: null, previous: null, changed: false }, notes: ['the account has no default Protect configuration: nothing to do'] };
  const r = await deleteAccountDefault(client);
  const previous = r.previous ?? current.id;
  return { data: { accountDefault: null, previous, changed: true }, notes: [`the account has no default Protect configuration now (was ${previous})`] };
}

export function registerProtectDefault(parent: Command, app: App): void {
  const set = parent
    .command('set-default')
    .description('make a configuration the account default (applies to every message that names no other)')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .action(app.action(async (ctx, { args, opts }) => runProtectSetDefault(ctx, parseRefAndFlags(args, opts, {}))));
  app.examples(set, [
    ['by Name tag', 'eum protect set-default otp-guard'],
    ['by id', 'eum protect set-default protect-0123456789abcdef'],
  ]);
  const unset = parent
    .command('unset-default')
    .description('remove the account default configuration (the configuration itself stays)')
    .action(app.action((ctx) => runProtectUnsetDefault(ctx)));
  app.examples(unset, [
    ['no account default any more', 'eum protect unset-default'],
    ['as JSON', 'eum protect unset-default --json'],
  ]);
}
