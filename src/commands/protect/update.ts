/** `eum protect update <ID> [--deletion-protection | --no-deletion-protection] [--name NEW]`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { nameFlag, onOffFlag, parseRefAndFlags } from './flags.js';

export async function runProtectUpdate(
  ctx: Context,
  options: { ref: string; deletionProtection?: boolean; name?: string },
): Promise<CommandResult<{ id: string; deletionProtection?: boolean; name?: string }>> {
  const { protectClient, resolveConfigurationId, updateConfiguration, tagResource } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id, arn } = await resolveConfigurationId(client, options.ref);
  const notes: string[] = [];
  const data: { id: string; deletionProtection?: boolean; name?: string } = { id };
  if (options.name !== undefined) {
    const { assertNameFree } = await import('./create.js');
    await assertNameFree(client, options.name, id);
    await tagResource(client, arn, { Name: options.name });
    data.name = options.name;
    notes.push(`${id} is now named ${options.name}`);
  }
  if (options.deletionProtection !== undefined) {
    const r = await updateConfiguration(client, id, options.deletionProtection);
    data.deletionProtection = r.deletionProtection ?? options.deletionProtection;
    notes.push(`deletion protection ${options.deletionProtection ? 'on' : 'off'} for ${id}`);
  }
  return { data, notes };
}

/** The flags of `protect update`; one of them must be given. */
const updateFlags = { name: nameFlag, deletionProtection: onOffFlag };

export function parseProtectUpdateOptions(args: unknown[], opts: Record<string, unknown>): { ref: string; deletionProtection?: boolean; name?: string } {
  return parseRefAndFlags(args, opts, updateFlags, {
    also: (o, problems) => {
      // --name is read raw: a bad name is undefined in `o`, and already a problem.
      if (o.deletionProtection === undefined && opts.name === undefined)
        problems.push({ field: '--deletion-protection', message: 'say --deletion-protection, --no-deletion-protection or --name NEW' });
    },
  });
}

export function registerProtectUpdate(parent: Command, app: App): void {
  const cmd = parent
    .command('update')
    .description('turn deletion protection on or off, or rename a configuration')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .option('--deletion-protection', 'turn deletion protection on')
    .option('--no-deletion-protection', 'turn deletion protection off')
    .option('--name <name>', 'a new Name tag (refused when another configuration has it)')
    .action(app.action(async (ctx, { args, opts }) => runProtectUpdate(ctx, parseProtectUpdateOptions(args, opts))));
  app.examples(cmd, [
    ['protect against deletion', 'eum protect update otp-guard --deletion-protection'],
    ['allow deletion again', 'eum protect update otp-guard --no-deletion-protection'],
    ['rename one of two configurations that share a name', 'eum protect update protect-0123456789abcdef --name otp-guard-eu'],
  ]);
}
