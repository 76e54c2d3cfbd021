import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerConfigSetList } from './list.js';
import { registerConfigSetShow } from './show.js';
import { registerConfigSetCreate } from './create.js';
import { registerConfigSetDelete } from './delete.js';
import { registerConfigSetDestination } from './destination.js';
import { registerConfigSetDefaults } from './defaults.js';
import { registerConfigSetEventTypes } from './event-types.js';

export function registerConfigSet(program: Command, app: App): void {
  const configSet = program.command('config-set');
  registerConfigSetList(configSet, app);
  registerConfigSetShow(configSet, app);
  registerConfigSetCreate(configSet, app);
  registerConfigSetDelete(configSet, app);
  registerConfigSetDestination(configSet, app);
  registerConfigSetDefaults(configSet, app);
  registerConfigSetEventTypes(configSet, app);
}
