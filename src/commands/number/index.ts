import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerNumberList } from './list.js';
import { registerNumberRelease } from './release.js';
import { registerNumberRequest } from './request.js';
import { registerNumberSearch } from './search.js';
import { registerNumberShow } from './show.js';
import { registerNumberUpdate } from './update.js';

export function registerNumber(program: Command, app: App): void {
  const number = program.command('number');
  registerNumberList(number, app);
  registerNumberShow(number, app);
  registerNumberSearch(number, app);
  registerNumberRequest(number, app);
  registerNumberUpdate(number, app);
  registerNumberRelease(number, app);
}
