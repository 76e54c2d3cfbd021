/** `eum protect associate <ID> --config-set NAME` and `eum protect disassociate <ID> --config-set NAME`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { configSetFlag, parseRefAndFlags } from './flags.js';

export interface ProtectAssociationData {
  id: string;
  configurationSet: string;
  associated: boolean;
  /** False when the set was already as asked (nothing was sent). */
  changed: boolean;
}

export async function runProtectAssociate(
  ctx: Context,
  options: { ref: string; configSet: string; associate: boolean },
): Promise<CommandResult<ProtectAssociationData>> {
  const { protectClient, resolveConfigurationId, setConfigurationSetAssociation, configurationSetProtectId } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, options.ref);
  // Already as asked (a second disassociate, a rerun): nothing to send, not a failure.
  const now = await configurationSetProtectId(client, options.configSet);
  if (options.associate ? now === id : now !== id) {
    return {
      data: { id, configurationSet: options.configSet, associated: options.associate, changed: false },
      notes: [`configuration set ${options.configSet} ${options.associate ? 'already uses' : 'does not use'} Protect configuration ${id}: nothing to do`],
    };
  }
  const r = await setConfigurationSetAssociation(client, id, options.configSet, options.associate);
  const set = r.configurationSet ?? options.configSet;
  return {
    data: { id, configurationSet: set, associated: options.associate, changed: true },
    notes: [
      options.associate
        ? `messages sent with configuration set ${set} now use Protect configuration ${id}`
        : `configuration set ${set} no longer uses Protect configuration ${id}`,
    ],
  };
}

function register(parent: Command, app: App, associate: boolean): void {
  const cmd = parent
    .command(associate ? 'associate' : 'disassociate')
    .description(associate ? 'use a configuration for every message sent with a configuration set' : 'stop using a configuration for a configuration set')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .requiredOption('--config-set <name>', 'configuration set name or ARN')
    .action(app.action(async (ctx, { args, opts }) => runProtectAssociate(ctx, { ...parseRefAndFlags(args, opts, { configSet: configSetFlag }), associate })));
  app.examples(cmd, [
    [
      associate ? 'OTP traffic through otp-guard' : 'stop filtering the otp set',
      `eum protect ${associate ? 'associate' : 'disassociate'} otp-guard --config-set otp`,
    ],
    ['by id', `eum protect ${associate ? 'associate' : 'disassociate'} protect-0123456789abcdef --config-set marketing --json`],
  ]);
}

export function registerProtectAssociate(parent: Command, app: App): void {
  register(parent, app, true);
  register(parent, app, false);
}
