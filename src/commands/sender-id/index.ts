import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerSenderIdBulk } from './bulk.js';
import { registerSenderIdList } from './list.js';
import { registerSenderIdRelease } from './release.js';

export function registerSenderId(program: Command, app: App): void {
  const senderId = program.command('sender-id');
  registerSenderIdBulk(senderId, app);
  registerSenderIdList(senderId, app);
  registerSenderIdRelease(senderId, app);
}
