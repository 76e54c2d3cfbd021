/**
 * The commander program: global options, the command tree, and the action wrapper that turns
 * parsed flags into a context and a command result.
 */
import { Option, type Command } from 'commander';
import { createContext, type BaseContext, type Context, type GlobalOptions, type SmsFactory } from './context.js';
import { examplesHelp, type CommandResult } from './output.js';
import { InterruptedError, UsageError } from './errors.js';
import { VERSION } from './version.js';
import { registerCommands } from './commands.js';
import { EumCommand, formatHelp } from './help.js';
import { resolveEndpoint } from './endpoint.js';
import type { ConfiguredEndpoint } from '../core/aws-config.js';
import { compileQuery } from './query.js';
import { escapeControls } from '../core/escape.js';
import { regionProblem } from './flag-text.js';
import { InputError } from '../errors.js';

/** What the action wrapper hands to a command's handler. */
export interface CommandInput {
  /** Positional arguments, in order (variadic ones as arrays). */
  args: unknown[];
  /** The command's own options (not the global ones: those are on ctx.globals). */
  opts: Record<string, unknown>;
  command: Command;
}

export type CommandHandler = (ctx: Context, input: CommandInput) => Promise<CommandResult>;

export interface ActionOptions {
  /**
   * The command handles Ctrl-C itself (stops new work, returns a partial result). Otherwise an
   * interrupt ends the command at once with exit 130.
   */
  interruptible?: boolean;
}

/** Shared between the program and main: where the action leaves its context and result. */
export interface Invocation {
  ctx?: Context;
  result?: CommandResult;
}

/** The runtime every command file registers against. */
export interface App {
  /** Wraps a handler as a commander action. */
  action(handler: CommandHandler, options?: ActionOptions): (...args: unknown[]) => Promise<void>;
  /** Adds the "Examples:" section to a command's help. */
  examples(cmd: Command, examples: Array<[description: string, command: string]>): Command;
}

function envRegion(env: Record<string, string | undefined>): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got "${value}"`);
    return n;
  };
}

/** The longest timeout eum takes: a day (longer ones are typos, and timers cannot wait past 24 days). */
const MAX_TIMEOUT_SECONDS = 86_400;

/** A timeout in seconds (as the AWS CLI's --cli-*-timeout; 0: no limit), to milliseconds. */
function parseTimeoutSeconds(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > MAX_TIMEOUT_SECONDS) {
      throw new UsageError(`${flag} must be seconds from 0 (no limit) to ${MAX_TIMEOUT_SECONDS}, got "${value.slice(0, 40)}"`);
    }
    return Math.round(n * 1000);
  };
}

/** Merges flags, environment and defaults into the global options. Flags win over environment. */
export function resolveGlobals(opts: Record<string, unknown>, env: Record<string, string | undefined>): GlobalOptions {
  const maxAttemptsEnv = env.EUM_MAX_ATTEMPTS ? Number(env.EUM_MAX_ATTEMPTS) : undefined;
  if (maxAttemptsEnv !== undefined && (!Number.isInteger(maxAttemptsEnv) || maxAttemptsEnv < 1)) {
    throw new UsageError(`EUM_MAX_ATTEMPTS must be a whole number of at least 1, got "${env.EUM_MAX_ATTEMPTS}"`);
  }
  const flagEndpoint = opts.endpointUrl as string | undefined;
  if (opts.sim && flagEndpoint)
    throw new UsageError('--sim and --endpoint-url cannot be used together', 'use --sim for the built-in simulator, or --endpoint-url for one you started');
  const sim = opts.sim === true || (env.EUM_SIM === '1' && !flagEndpoint);
  const profile = (opts.profile as string | undefined) ?? (env.AWS_PROFILE || undefined);
  // Resolved once: every consumer (the client, the ledger and journal targets) sees the same
  // endpoint, whether it came from the flag, the environment or the AWS config file. The flag is
  // checked at once; the config file is read on first use, so that commands that call nothing
  // (help, completion) work whatever it holds.
  let endpoint: ConfiguredEndpoint | undefined | null = sim ? undefined : flagEndpoint !== undefined ? resolveEndpoint(flagEndpoint, env, profile) : null;
  const resolved = (): ConfiguredEndpoint | undefined => {
    if (endpoint === null) endpoint = resolveEndpoint(undefined, env, profile);
    return endpoint;
  };
  const query = opts.query as string | undefined;
  const region = (opts.region as string | undefined) ?? envRegion(env);
  // The SDK puts the Region in the endpoint's host name: a path or a control character there is
  // an input error, not a failure inside the SDK.
  const badRegion =
    region === undefined ? undefined : regionProblem(region, opts.region !== undefined ? '--region' : env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION');
  if (badRegion) throw new InputError([badRegion]);
  return {
    region,
    profile,
    get endpointUrl() {
      return resolved()?.url;
    },
    get endpointSource() {
      return resolved()?.source;
    },
    sim,
    json: opts.json === true || query !== undefined,
    query,
    input: opts.input !== false,
    yes: opts.yes === true,
    color: opts.color !== false,
    quiet: opts.quiet === true,
    debug: opts.debug === true || env.EUM_DEBUG === '1',
    maxAttempts: (opts.maxAttempts as number | undefined) ?? maxAttemptsEnv,
    connectTimeoutMs:
      (opts.cliConnectTimeout as number | undefined) ??
      (env.EUM_CONNECT_TIMEOUT ? parseTimeoutSeconds('EUM_CONNECT_TIMEOUT')(env.EUM_CONNECT_TIMEOUT) : undefined),
    readTimeoutMs:
      (opts.cliReadTimeout as number | undefined) ?? (env.EUM_READ_TIMEOUT ? parseTimeoutSeconds('EUM_READ_TIMEOUT')(env.EUM_READ_TIMEOUT) : undefined),
  };
}

/** Adds the global options to a command (the root; commander recognises them after subcommands too). */
function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS Region (default: AWS_REGION, AWS_DEFAULT_REGION, then your AWS config)')
    .option('--profile <name>', 'AWS shared-config profile (default: AWS_PROFILE)')
    .option('--endpoint-url <url>', 'send requests to this endpoint, e.g. a simulator from `eum sim start`')
    .option('--sim', 'use the built-in simulator (state in $EUM_HOME/sim); no AWS account needed')
    .option('--json', 'print results as JSON on stdout (implies --no-input)')
    .option('--query <expr>', 'JMESPath expression applied to the JSON output (implies --json), e.g. "items[].id"')
    .option('--no-input', 'never prompt; fail with a usage error when a value is missing')
    .option('-y, --yes', 'answer yes to confirmations')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print only results and errors')
    .option('--debug', 'log every request (masked) and show stack traces')
    .addOption(new Option('--max-attempts <n>', 'attempts per request, retries included (default 3)').argParser(parsePositiveInt('--max-attempts')))
    .addOption(
      new Option('--cli-connect-timeout <seconds>', 'wait at most this long for a connection; 0: no limit (default 10, also EUM_CONNECT_TIMEOUT)').argParser(
        parseTimeoutSeconds('--cli-connect-timeout'),
      ),
    )
    .addOption(
      new Option(
        '--cli-read-timeout <seconds>',
        'wait at most this long for an answer on a silent connection; 0: no limit (default 60, also EUM_READ_TIMEOUT)',
      ).argParser(parseTimeoutSeconds('--cli-read-timeout')),
    );
}

/**
 * Translates an SDK error where the failing command is known, so its hint names only that
 * command's own options (no `--rate` for `account show`). Loaded only when a call failed.
 */
async function rethrowForCommand(err: unknown, command: Command): Promise<never> {
  if (err && typeof err === 'object' && ('$metadata' in err || '$fault' in err)) {
    const { translateAwsError } = await import('../aws/errors.js');
    throw translateAwsError(err, { flags: command.options.flatMap((o) => (o.long ? [o.long] : [])) });
  }
  throw err;
}

/** Builds the whole program for one invocation. */
export async function buildProgram(
  base: BaseContext,
  invocation: Invocation,
  smsFactory: SmsFactory,
  argv: string[] = [],
  options: { loadAll?: boolean } = {},
): Promise<Command> {
  const app: App = {
    action(handler, options = {}) {
      return async (...all: unknown[]) => {
        const command = all[all.length - 1] as Command;
        const opts = all[all.length - 2] as Record<string, unknown>;
        const args = all.slice(0, -2);
        const globals = resolveGlobals(command.optsWithGlobals(), base.env);
        const query = globals.query !== undefined ? await compileQuery(globals.query) : undefined;
        const ctx = createContext(base, globals, { smsFactory, query });
        invocation.ctx = ctx;
        const run = handler(ctx, { args, opts, command }).catch((err: unknown) => rethrowForCommand(err, command));
        if (options.interruptible) {
          invocation.result = await run;
          return;
        }
        invocation.result = await raceInterrupt(run, base.signal);
      };
    },
    examples(cmd, examples) {
      if (cmd instanceof EumCommand) cmd.examples.push(...examples);
      else cmd.addHelpText('after', examplesHelp(examples));
      return cmd;
    },
  };

  const program = new EumCommand('eum')
    .description('The command line for AWS End User Messaging SMS: OTP feedback, sender IDs, registrations, Protect, and a local simulator.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: false, formatHelp });
  addGlobalOptions(program);
  app.examples(program, [
    ['try eum without an AWS account (built-in simulator)', 'eum --sim send --to +12065550100 --body "Your code is 123456" --feedback'],
    ['report that the user entered the code', 'eum --sim feedback put <message-id> RECEIVED'],
    ['only what you need from the JSON output (JMESPath, as the AWS CLI)', "eum --sim account show --query 'spendLimits[].name'"],
    ['list every environment variable eum reads', 'eum help environment'],
  ]);
  await registerCommands(program, app, argv, options);
  configureTree(program, base);
  return program;
}

/** Routes commander's output through our streams and makes it throw instead of exiting. */
function configureTree(cmd: Command, base: BaseContext): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => base.stdout.write(s),
    writeErr: (s) => base.stderr.write(s),
    // Commander's messages quote what was typed: escape its control characters.
    outputError: (s, write) => write(escapeControls(s, { keepLines: true })),
  });
  for (const sub of cmd.commands) configureTree(sub, base);
}

/** Ends a command that does not handle Ctrl-C itself as soon as the signal aborts. */
async function raceInterrupt<T>(run: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw new InterruptedError();
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([run, interrupted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
    run.catch(() => undefined);
  }
}
