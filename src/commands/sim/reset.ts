/** `eum sim reset`: back to a fresh account. */
import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { embeddedSimStatePath } from '../../cli/sim-mode.js';
import { simHook } from './status.js';

export async function runSimReset(ctx: Context): Promise<CommandResult<{ reset: true; source: string }>> {
  let source: string;
  if (ctx.globals.endpointUrl) {
    await simHook(ctx.globals.endpointUrl, 'POST', '/_eum/reset', {});
    source = ctx.globals.endpointUrl;
  } else {
    source = embeddedSimStatePath(ctx.stateDir);
    await rm(source, { force: true });
  }
  return { data: { reset: true, source }, notes: [`simulator reset: ${source}`] };
}

export function registerSimReset(parent: Command, app: App): void {
  const cmd = parent
    .command('reset')
    .description('forget everything the simulator holds and start as a fresh account')
    .action(app.action((ctx) => runSimReset(ctx)));
  app.examples(cmd, [
    ['reset the embedded simulator used by --sim', 'eum sim reset'],
    ['reset a running simulator', 'eum sim reset --endpoint-url http://127.0.0.1:4566'],
  ]);
}
