import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerSimStart } from './start.js';
import { registerSimStatus } from './status.js';
import { registerSimReset } from './reset.js';

export function registerSim(program: Command, app: App): void {
  const sim = program.command('sim');
  registerSimStart(sim, app);
  registerSimStatus(sim, app);
  registerSimReset(sim, app);
}
