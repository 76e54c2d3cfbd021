import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerProtectList } from './list.js';
import { registerProtectShow } from './show.js';
import { registerProtectCreate } from './create.js';
import { registerProtectUpdate } from './update.js';
import { registerProtectDelete } from './delete.js';
import { registerProtectDefault } from './default.js';
import { registerProtectAssociate } from './associate.js';
import { registerProtectRules } from './rules.js';
import { registerProtectOverride } from './override.js';
import { registerProtectCheck } from './check.js';
import { registerProtectExport } from './export.js';
import { registerProtectApply } from './apply.js';

export function registerProtect(program: Command, app: App): void {
  const protect = program.command('protect');
  registerProtectList(protect, app);
  registerProtectShow(protect, app);
  registerProtectCreate(protect, app);
  registerProtectUpdate(protect, app);
  registerProtectDelete(protect, app);
  registerProtectDefault(protect, app);
  registerProtectAssociate(protect, app);
  registerProtectRules(protect, app);
  registerProtectOverride(protect, app);
  registerProtectCheck(protect, app);
  registerProtectExport(protect, app);
  registerProtectApply(protect, app);
}
