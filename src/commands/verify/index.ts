import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerVerifyAdd } from './add.js';
import { registerVerifyConfirm } from './confirm.js';
import { registerVerifyList } from './list.js';
import { registerVerifyRemove } from './remove.js';

export function registerVerify(program: Command, app: App): void {
  const verify = program.command('verify');
  registerVerifyAdd(verify, app);
  registerVerifyConfirm(verify, app);
  registerVerifyList(verify, app);
  registerVerifyRemove(verify, app);
}
