import type { Command } from 'commander';
import type { App } from '../../cli/program.js';

export function registerPool(program: Command, _app: App): void {
  program.command('pool');
}
