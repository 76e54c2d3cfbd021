/** `eum protect update <ID> --deletion-protection | --no-deletion-protection`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { parseConfigRef } from '../../core/protect/parse.js';

export async function runProtectUpdate(ctx: Context, options: { ref: string; deletionProtection: boolean }): Promise<CommandResult<{ id: string; deletionProtection: boolean }>> {
  const { protectClient, resolveConfigurationId, updateConfiguration } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, options.ref);
  const r = await updateConfiguration(client, id, options.deletionProtection);
  return { data: { id, deletionProtection: r.deletionProtection ?? options.deletionProtection }, notes: [`deletion protection ${options.deletionProtection ? 'on' : 'off'} for ${id}`] };
}

export function registerProtectUpdate(parent: Command, app: App): void {
  const cmd = parent
    .command('update')
    .description('turn deletion protection on or off')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .option('--deletion-protection', 'turn deletion protection on')
    .option('--no-deletion-protection', 'turn deletion protection off')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const ref = parseConfigRef(args[0], problems);
        if (opts.deletionProtection === undefined) problems.push({ field: '--deletion-protection', message: 'say --deletion-protection or --no-deletion-protection' });
        if (problems.length) throw new InputError(problems);
        return runProtectUpdate(ctx, { ref, deletionProtection: opts.deletionProtection === true });
      }),
    );
  app.examples(cmd, [
    ['protect against deletion', 'eum protect update otp-guard --deletion-protection'],
    ['allow deletion again', 'eum protect update otp-guard --no-deletion-protection'],
  ]);
}
