/**
 * `run(argv, base)`: parses, runs one command, renders its result or error, and returns the exit
 * code. `main` loads it for every command line but the version and the top-level help, so those
 * don't evaluate commander, chalk and the rest at start-up.
 */
import { CommanderError, type Command } from 'commander';
import { createContext, type BaseContext, type Context, type SmsFactory } from './context.js';
import { buildProgram, resolveGlobals, type Invocation } from './program.js';
import { renderResult, jsonReplacer } from './output.js';
import { ExitCode, InterruptedError, UsageError, errorJson, exitCodeFor, EumError } from './errors.js';
import { translateAwsError } from '../aws/errors.js';
import { isAborted } from '../aws/retry.js';
import { defaultSmsFactory } from './sms-factory.js';
import { escapeControls, escapeJsonText } from '../core/escape.js';

export async function run(argv: string[], base: BaseContext, options: { smsFactory?: SmsFactory } = {}): Promise<number> {
  const invocation: Invocation = {};
  const smsFactory = options.smsFactory ?? defaultSmsFactory;
  const program = await buildProgram(base, invocation, smsFactory, argv);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Ok;
    }
    await program.parseAsync(argv, { from: 'user' });
    const ctx = invocation.ctx;
    const result = invocation.result;
    if (!ctx || !result) return ExitCode.Ok;
    await renderResult(ctx, result);
    if (result.exitCode !== undefined) return result.exitCode;
    return base.signal.aborted ? ExitCode.Interrupted : ExitCode.Ok;
  } catch (err) {
    // --help and --version end as commander "errors" with nothing left to report: return before
    // building a context, which would set up stdin and the logger for nothing.
    if (isCommanderOk(err)) return ExitCode.Ok;
    return reportError(invocation.ctx ?? fallbackContext(base, argv, smsFactory), err, commandPath(program, argv));
  } finally {
    await invocation.ctx?.dispose();
  }
}

/** A context for errors raised before a command's action ran (usage errors from commander). */
function fallbackContext(base: BaseContext, argv: string[], smsFactory: SmsFactory): Context {
  let globals;
  try {
    globals = resolveGlobals(
      { json: argv.includes('--json') || argv.includes('--query'), color: !argv.includes('--no-color'), debug: argv.includes('--debug') },
      base.env,
    );
  } catch {
    globals = resolveGlobals({ json: argv.includes('--json') || argv.includes('--query') }, {});
  }
  return createContext(base, globals, { smsFactory });
}

function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

/** Commander's ways of saying "done": help or the version was printed. */
function isCommanderOk(err: unknown): boolean {
  if (!(err instanceof CommanderError)) return false;
  return (
    err.code === 'commander.helpDisplayed' ||
    err.code === 'commander.version' ||
    err.code === 'commander.help' ||
    err.code === 'commander.executeSubCommandAsync'
  );
}

/**
 * The command a command line names (`registration associate` in `eum --region x registration
 * associate ID --bad`): its words, following the tree and skipping options and their values.
 */
export function commandPath(program: Command, argv: string[]): string[] {
  const path: string[] = [];
  let cmd = program;
  const takesValue = (c: Command, flag: string) => {
    for (let at: Command | null = c; at; at = at.parent) {
      const option = at.options.find((o) => o.long === flag || o.short === flag);
      if (option) return option.required || option.optional;
    }
    return false;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue(cmd, a)) i++;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!sub) continue;
    if (sub.name() === 'help' && cmd === program) continue;
    path.push(sub.name());
    cmd = sub;
  }
  return path;
}

/** The one place that turns an error into output and an exit code. */
export function reportError(ctx: Context, err: unknown, path: string[] = []): number {
  if (err instanceof CommanderError) {
    if (isCommanderOk(err)) return ExitCode.Ok;
    // Commander already printed its message on stderr through configureOutput.
    const hint = `see eum ${path.map((w) => `${w} `).join('')}--help`;
    if (ctx.globals.json) {
      ctx.stdout.write(`${escapeJsonText(JSON.stringify({ error: { code: 'USAGE', message: err.message.replace(/^error: /, ''), hint } }))}\n`);
    }
    if (!ctx.globals.json) ctx.stderr.write(`(${hint})\n`);
    return ExitCode.Usage;
  }
  let error = err;
  // A prompt closed, or a request aborted by Ctrl-C: an interruption, not a failure.
  if (isPromptExit(err) || (isAborted(err) && ctx.signal.aborted)) error = new InterruptedError();
  else if (!(err instanceof EumError) && isSdkError(err)) error = translateAwsError(err);
  // The error object is the documented shape, not filtered by --query.
  if (ctx.globals.json) ctx.stdout.write(`${escapeJsonText(JSON.stringify(errorJson(error), jsonReplacer))}\n`);
  if (error instanceof InterruptedError) {
    ctx.stderr.write(`\n${ctx.log.style.yellow('interrupted')}\n`);
  } else {
    ctx.log.error(boundedMessage(error instanceof Error ? error.message : String(error)));
    const hint = error instanceof EumError ? error.hint : undefined;
    if (hint) ctx.stderr.write(`${ctx.log.style.dim('hint:')} ${escapeControls(hint, { keepLines: true })}\n`);
    if (!(error instanceof EumError) && !ctx.globals.debug)
      ctx.stderr.write(`${ctx.log.style.dim('(this is a bug in eum; run with --debug for the stack trace)')}\n`);
  }
  if (ctx.globals.debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  if (error instanceof UsageError || exitCodeFor(error) === ExitCode.Usage) return ExitCode.Usage;
  return exitCodeFor(error);
}

/** Longest line and most lines of an error message on stderr: a message quoting an input cannot flood the terminal. */
const MAX_MESSAGE_LINE = 400;
const MAX_MESSAGE_LINES = 100;

/** The message with over-long lines cut and too many lines summarised (--json keeps every problem). */
export function boundedMessage(message: string): string {
  const lines = message.split('\n');
  const shown = lines
    .slice(0, MAX_MESSAGE_LINES)
    .map((l) => (l.length > MAX_MESSAGE_LINE ? `${l.slice(0, MAX_MESSAGE_LINE)}… (${l.length - MAX_MESSAGE_LINE} more characters)` : l));
  if (lines.length > MAX_MESSAGE_LINES) shown.push(`… and ${lines.length - MAX_MESSAGE_LINES} more lines (--json lists them all)`);
  return shown.join('\n');
}

function isSdkError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ('$metadata' in err || '$fault' in err || (err as Error).name === 'CredentialsProviderError');
}
