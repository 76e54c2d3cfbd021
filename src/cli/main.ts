/**
 * `main(argv, base)`: parses, runs one command, renders its result or error, and returns the
 * exit code. It never exits the process: `bin/eum.js` is the one exit point.
 *
 * `eum --version` is answered here; everything else is `run`, loaded on first use, so that it
 * starts without evaluating commander, chalk and the command tree.
 */
import type { BaseContext, SmsFactory } from './context.js';
import { ExitCode } from './errors.js';
import { VERSION } from './version.js';

export type { BaseContext } from './context.js';

export async function main(argv: string[], base: BaseContext, options: { smsFactory?: SmsFactory } = {}): Promise<number> {
  // `eum --version` alone prints what commander's version option prints, without building the
  // command tree first.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    base.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const { run } = await import('./run.js');
  return run(argv, base, options);
}
