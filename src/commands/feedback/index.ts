import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { registerFeedbackPut } from './put.js';
import { registerFeedbackPending } from './pending.js';
import { registerFeedbackExpire } from './expire.js';
import { registerFeedbackReport } from './report.js';

export function registerFeedback(program: Command, app: App): void {
  const feedback = program.command('feedback');
  registerFeedbackPut(feedback, app);
  registerFeedbackPending(feedback, app);
  registerFeedbackExpire(feedback, app);
  registerFeedbackReport(feedback, app);
}
