import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerKeywordDelete } from './delete.js';
import { registerKeywordList } from './list.js';
import { registerKeywordSet } from './set.js';

export function registerKeyword(program: Command, app: App): void {
  const keyword = program.command('keyword');
  registerKeywordList(keyword, app);
  registerKeywordSet(keyword, app);
  registerKeywordDelete(keyword, app);
}
