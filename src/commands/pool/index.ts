import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerPoolChange } from './change.js';
import { registerPoolList } from './list.js';
import { registerPoolMembers } from './members.js';

export function registerPool(program: Command, app: App): void {
  const pool = program.command('pool');
  registerPoolList(pool, app);
  registerPoolChange(pool, app);
  registerPoolMembers(pool, app);
}
