import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerOptOutChanges } from './change.js';
import { registerOptOutCheck } from './check.js';
import { registerOptOutExport } from './export.js';
import { registerOptOutList } from './list.js';
import { registerOptOutLists } from './lists.js';

export function registerOptOut(program: Command, app: App): void {
  const optOut = program.command('opt-out');
  registerOptOutList(optOut, app);
  registerOptOutCheck(optOut, app);
  registerOptOutChanges(optOut, app);
  registerOptOutExport(optOut, app);
  registerOptOutLists(optOut, app);
}
