/**
 * `main(argv, base)`: parses, runs one command, renders its result or error, and returns the
 * exit code. It never exits the process: `bin/eum.js` is the one exit point.
 *
 * `eum --version` and the top-level help are answered here; everything else is `run`, loaded on
 * first use, so that those two start without evaluating commander, chalk and the command tree.
 */
import type { BaseContext, SmsFactory } from './context.js';
import { ExitCode } from './errors.js';
import { VERSION } from './version.js';

export type { BaseContext } from './context.js';

declare const __EUM_HELP__: string | undefined;

/**
 * `eum --help` as commander prints it at its default width of 80 columns (stdout not a terminal,
 * or a terminal 80 columns wide). The build renders it by running the bundle itself, so it cannot
 * drift from the program; the sources (tests) have none and always ask commander.
 */
const RENDERED_HELP: string | undefined = typeof __EUM_HELP__ === 'string' ? __EUM_HELP__ : undefined;

/** The width commander wraps help at: its default output configuration, which eum keeps. */
function helpWidth(stdout: BaseContext['stdout']): number {
  return (stdout.isTTY ? stdout.columns : undefined) ?? 80;
}

/** `eum`, `eum --help`, `eum -h`: the top-level help and nothing else. */
function isTopLevelHelp(argv: string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'));
}

export async function main(argv: string[], base: BaseContext, options: { smsFactory?: SmsFactory } = {}): Promise<number> {
  // `eum --version` alone prints what commander's version option prints, without building the
  // command tree first.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    base.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  // Likewise the top-level help, when the build rendered it at the width commander would use.
  if (RENDERED_HELP !== undefined && isTopLevelHelp(argv) && helpWidth(base.stdout) === 80) {
    base.stdout.write(RENDERED_HELP);
    return ExitCode.Ok;
  }
  const { run } = await import('./run.js');
  return run(argv, base, options);
}
