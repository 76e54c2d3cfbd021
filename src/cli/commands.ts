/**
 * The command tree. Each noun registers its verbs from `src/commands/<noun>/`; adding a command
 * family is one line here.
 */
import type { Command } from 'commander';
import type { App } from './program.js';
import { registerHelp } from '../commands/help/index.js';
import { registerAccount } from '../commands/account/index.js';
import { registerSim } from '../commands/sim/index.js';
import { registerSend } from '../commands/send/index.js';
import { registerFeedback } from '../commands/feedback/index.js';
import { registerProtect } from '../commands/protect/index.js';
import { registerRegistration } from '../commands/registration/index.js';

export function registerCommands(program: Command, app: App): void {
  registerAccount(program, app);
  registerSim(program, app);
  registerSend(program, app);
  registerFeedback(program, app);
  registerProtect(program, app);
  registerRegistration(program, app);
  registerHelp(program, app);
}
