/** `eum config-set delete NAME`: asks first (`--yes`), `--dry-run` shows what would go. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import type { ConfigurationSetInfo } from '../../aws/config-sets.js';
import { checkSetRef, configSetFlags } from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface ConfigSetDeleteData {
  name: string;
  deleted: boolean;
  dryRun: boolean;
  /** The set as it was (its event destinations go with it). */
  configurationSet: ConfigurationSetInfo;
}

export async function runConfigSetDelete(ctx: Context, o: { name: string; dryRun: boolean }): Promise<CommandResult<ConfigSetDeleteData>> {
  const cs = await import('../../aws/config-sets.js');
  const client = await ctx.sms();
  const set = await cs.describeConfigurationSet(client, o.name, { signal: ctx.signal });
  const what = `configuration set ${set.name}${set.eventDestinations.length ? ` and its ${set.eventDestinations.length} event destination${set.eventDestinations.length === 1 ? '' : 's'} (${set.eventDestinations.map((d) => d.name).join(', ')})` : ''}`;
  const consequence = 'sends that name it (--config-set) will fail with ResourceNotFoundException';
  if (o.dryRun) {
    return {
      data: { name: set.name, deleted: false, dryRun: true, configurationSet: set },
      notes: [`dry run: would delete ${what}; ${consequence}`],
      exitCode: ExitCode.Pending,
    };
  }
  if (!(await ctx.confirm(`delete ${what}? ${consequence}`)))
    return { data: { name: set.name, deleted: false, dryRun: false, configurationSet: set }, notes: ['nothing deleted'], exitCode: ExitCode.Failed };
  const gone = await cs.deleteConfigurationSet(client, set.name, { signal: ctx.signal });
  return { data: { name: gone.name || set.name, deleted: true, dryRun: false, configurationSet: set }, notes: [`deleted ${what}`] };
}

export function registerConfigSetDelete(parent: Command, app: App): void {
  const cmd = parent
    .command('delete')
    .description('delete a configuration set and its event destinations (asks first)')
    .argument('<name>', 'configuration set name or ARN')
    .option('--dry-run', 'show what would be deleted, delete nothing (exit 3)')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const name = checkSetRef(args[0], '<name>', problems);
        const { dryRun } = parseOptions({ dryRun: configSetFlags.switch }, opts, problems);
        if (problems.length) throw new InputError(problems);
        return runConfigSetDelete(ctx, { name, dryRun });
      }),
    );
  app.examples(cmd, [
    ['see what goes first', 'eum config-set delete old-campaign --dry-run'],
    ['in a script', 'eum config-set delete old-campaign --yes'],
  ]);
}
