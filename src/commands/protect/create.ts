/** `eum protect create [--name NAME] [--deletion-protection] [--set-default]`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseOptions } from '../../cli/options.js';
import { nameFlag, switchFlag } from './flags.js';

export interface ProtectCreateOptions {
  name?: string;
  deletionProtection: boolean;
  setDefault: boolean;
}

export interface ProtectCreateData {
  id: string;
  arn: string;
  name: string | null;
  deletionProtection: boolean;
  accountDefault: boolean;
}

export function parseProtectCreateOptions(opts: Record<string, unknown>): ProtectCreateOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions({ name: nameFlag, deletionProtection: switchFlag, setDefault: switchFlag }, opts, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

/**
 * Refuses a Name another configuration has (exit 2, before anything is created): documents and
 * commands refer to configurations by name, so two of one name cannot be told apart.
 */
export async function assertNameFree(client: Awaited<ReturnType<Context['sms']>>, name: string, exceptId?: string): Promise<void> {
  const { listConfigurations, getTags } = await import('../../aws/protect.js');
  for (const c of await listConfigurations(client)) {
    if (c.id === exceptId) continue;
    if ((await getTags(client, c.arn)).Name === name) {
      throw new InputError(
        [{ field: '--name', message: `a protect configuration named "${name}" exists (${c.id}); choose another name` }],
        'nothing was created or changed',
      );
    }
  }
}

export async function runProtectCreate(ctx: Context, options: ProtectCreateOptions): Promise<CommandResult<ProtectCreateData>> {
  const { protectClient, createConfiguration, setAccountDefault } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  if (options.name !== undefined) await assertNameFree(client, options.name);
  const r = await createConfiguration(client, { deletionProtection: options.deletionProtection, tags: options.name ? { Name: options.name } : undefined });
  const id = r.id;
  if (options.setDefault) await setAccountDefault(client, id);
  const data: ProtectCreateData = { id, arn: r.arn, name: options.name ?? null, deletionProtection: r.deletionProtection, accountDefault: options.setDefault };
  return {
    data,
    views: [{ kind: 'text', text: id }],
    notes: [
      `created Protect configuration ${id}${options.name ? ` (${options.name})` : ''}: every country ALLOW on every channel${options.setDefault ? '; it is now the account default' : ''}`,
    ],
  };
}

export function registerProtectCreate(parent: Command, app: App): void {
  const cmd = parent
    .command('create')
    .description('create a Protect configuration (every country starts as ALLOW)')
    .option('--name <name>', 'the Name tag (how documents and people refer to it)')
    .option('--deletion-protection', 'refuse deletion until turned off')
    .option('--set-default', 'make it the account default')
    .action(app.action(async (ctx, { opts }) => runProtectCreate(ctx, parseProtectCreateOptions(opts))));
  app.examples(cmd, [
    ['a named, protected account default', 'eum protect create --name otp-guard --deletion-protection --set-default'],
    ['keep the new id in a variable', 'ID=$(eum protect create --name marketing)'],
  ]);
}
