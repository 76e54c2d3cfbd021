import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerProgramExport } from './export.js';
import { registerProgramApply } from './apply.js';

export function registerProgram(program: Command, app: App): void {
  const cmd = program.command('program');
  registerProgramExport(cmd, app);
  registerProgramApply(cmd, app);
}
