import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerAccountShow } from './show.js';
import { registerAccountSpendLimit } from './spend-limit.js';

export function registerAccount(program: Command, app: App): void {
  const account = program.command('account');
  registerAccountShow(account, app);
  registerAccountSpendLimit(account, app);
}
