import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerRegistrationTypes } from './types.js';
import { registerRegistrationFields } from './fields.js';
import { registerRegistrationLint } from './lint.js';
import { registerRegistrationCreate } from './create.js';
import { registerRegistrationEdit } from './edit.js';
import { registerRegistrationUpdate } from './update.js';
import { registerRegistrationList } from './list.js';
import { registerRegistrationShow } from './show.js';
import { registerRegistrationWatch } from './watch.js';
import { registerRegistrationActions } from './actions.js';
import { registerRegistrationExport } from './export.js';

export function registerRegistration(program: Command, app: App): void {
  const registration = program.command('registration');
  registerRegistrationTypes(registration, app);
  registerRegistrationFields(registration, app);
  registerRegistrationLint(registration, app);
  registerRegistrationCreate(registration, app);
  registerRegistrationEdit(registration, app);
  registerRegistrationList(registration, app);
  registerRegistrationShow(registration, app);
  registerRegistrationWatch(registration, app);
  registerRegistrationUpdate(registration, app);
  registerRegistrationActions(registration, app);
  registerRegistrationExport(registration, app);
}
