/**
 * The context injected into every command: streams and their TTY flags, the colour decision,
 * a prompter bound to the streams, a lazily built SDK client, a clock, the state directory,
 * a logger on stderr, and the interrupt signal.
 *
 * `bin/eum.js` builds the base from the real process; tests build it with fake streams.
 */
import path from 'node:path';
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createLogger, type Logger } from './logger.js';
import { createPrompter, type Prompter } from './prompts.js';
import { OperationError, UsageError } from './errors.js';
import type { Clock } from './clock.js';
import type { HeapPolicy } from './heap.js';
import type { Query } from './query.js';
import type { EndpointSource } from '../core/aws-config.js';
import { escapeJsonText } from '../core/escape.js';

export { systemClock, type Clock } from './clock.js';

/** A writable stream as eum uses it. `isTTY` decides tables, colour and progress. */
export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** A readable stream as eum uses it (stdin). */
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** What the process (or a test) provides before any flag is parsed. */
export interface BaseContext {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  clock: Clock;
  /** Aborted on the first Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** Aborted on the second: stop waiting for anything (requests in flight too) and print the summary so far. */
  hardSignal?: AbortSignal;
  /** The working directory, for relative file paths. */
  cwd: string;
  /**
   * The process's memory policy for long runs (`src/cli/heap.ts`), from the entry; absent where
   * runs share a process with others (tests), where nothing process-wide may change.
   */
  heap?: HeapPolicy;
}

/** The global options, after flags, environment and defaults are merged. */
export interface GlobalOptions {
  region?: string;
  profile?: string;
  /**
   * The endpoint requests go to, resolved once: --endpoint-url, else the SDK's configured
   * endpoint (environment, AWS config file). Undefined: AWS itself, or --sim.
   */
  endpointUrl?: string;
  /** Where endpointUrl came from. */
  endpointSource?: EndpointSource;
  sim: boolean;
  /** --json, or --query (which filters the JSON output). */
  json: boolean;
  /** The --query expression, as given. */
  query?: string;
  /** false with --no-input */
  input: boolean;
  yes: boolean;
  /** false with --no-color */
  color: boolean;
  quiet: boolean;
  debug: boolean;
  /** Attempts per request (standard retry mode), from --max-attempts or EUM_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /** --cli-connect-timeout / EUM_CONNECT_TIMEOUT in milliseconds (0: no limit); undefined: the default. */
  connectTimeoutMs?: number;
  /** --cli-read-timeout / EUM_READ_TIMEOUT in milliseconds (0: no limit); undefined: the default. */
  readTimeoutMs?: number;
}

export interface Context extends BaseContext {
  readonly globals: Readonly<GlobalOptions>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Colour on stdout / stderr. */
  color: { stdout: boolean; stderr: boolean };
  /** Whether eum may ask questions: both ends terminals, not CI, no --no-input, no --json. */
  canPrompt: boolean;
  prompter: Prompter;
  log: Logger;
  /** The compiled --query, if given. */
  query?: Query;
  /**
   * Writes one JSON value on stdout, filtered by --query: the result of a command, or one event
   * of a command that streams (`lines`: one compact line per value).
   */
  writeJson(value: unknown, options?: { lines?: boolean }): void;
  /** The endpoint of the in-process simulator of --sim, started on first use. */
  simEndpoint(): Promise<string>;
  /** The state directory ($EUM_HOME, else $XDG_STATE_HOME/eum, else ~/.local/state/eum). */
  stateDir: string;
  /** The SDK client, built (and the SDK imported) on first use. */
  sms(): Promise<PinpointSMSVoiceV2Client>;
  /** The region requests go to, as far as eum can tell without the SDK (flag or env), else undefined. */
  region(): string | undefined;
  /**
   * An SDK client for another region (bulk work across regions). `maxAttempts` overrides the
   * SDK's attempts per request, e.g. 1 for a command that retries on its own schedule.
   */
  smsFor(region: string, options?: ClientOptions): Promise<PinpointSMSVoiceV2Client>;
  /** Ask for a yes/no confirmation; with --yes returns true; when eum cannot prompt, a usage error names --yes. */
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  /** Register something to release when the command ends (servers, files). */
  onDispose(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

/** The home directory from node:os, loaded only when $HOME is unset (start-up skips the module). */
function homedir(): string {
  return process.getBuiltinModule('node:os').homedir();
}

/** The state directory: $EUM_HOME, else the XDG state directory. */
export function resolveStateDir(env: Record<string, string | undefined>): string {
  if (env.EUM_HOME) return path.resolve(env.EUM_HOME);
  const xdg = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME ?? homedir(), '.local', 'state');
  return path.join(xdg, 'eum');
}

function truthyEnv(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Whether colour may be used on a stream, given the global options and environment. */
export function colorAllowed(stream: OutStream, globals: Pick<GlobalOptions, 'color'>, env: Record<string, string | undefined>): boolean {
  if (!globals.color) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** Dates become ISO strings in JSON output. */
function jsonDates(_key: string, value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Builds the full context once the global options are known. */
export function createContext(base: BaseContext, globals: GlobalOptions, deps: { smsFactory: SmsFactory; query?: Query }): Context {
  const stdoutIsTTY = base.stdout.isTTY === true;
  const stderrIsTTY = base.stderr.isTTY === true;
  const stdinIsTTY = base.stdin.isTTY === true;
  const color = { stdout: colorAllowed(base.stdout, globals, base.env), stderr: colorAllowed(base.stderr, globals, base.env) };
  const canPrompt = stdinIsTTY && stdoutIsTTY && !truthyEnv(base.env.CI) && globals.input && !globals.json;
  const log = createLogger({ stream: base.stderr, color: color.stderr, quiet: globals.quiet, debug: globals.debug });
  const disposers: Array<() => Promise<void> | void> = [];
  const clients = new Map<string, Promise<PinpointSMSVoiceV2Client>>();
  const stateDir = resolveStateDir(base.env);
  let simEndpoint: Promise<string> | undefined;

  const ctx: Context = {
    ...base,
    globals,
    stdoutIsTTY,
    stderrIsTTY,
    stdinIsTTY,
    color,
    canPrompt,
    log,
    stateDir,
    prompter: createPrompter({ input: base.stdin, output: base.stderr, enabled: canPrompt }),
    query: deps.query,
    writeJson(value, options = {}) {
      let shown = value;
      if (deps.query) {
        try {
          shown = deps.query.apply(value);
        } catch (err) {
          throw new OperationError(`--query could not be applied to the result: ${(err as Error).message}`, {
            code: 'QUERY_FAILED',
            hint: 'run without --query to see the JSON it applies to',
          });
        }
      }
      base.stdout.write(`${escapeJsonText(JSON.stringify(shown, jsonDates, options.lines ? undefined : 2) ?? 'null')}\n`);
    },
    simEndpoint() {
      simEndpoint ??= import('./sim-mode.js').then((m) => m.startEmbeddedSim(ctx));
      return simEndpoint;
    },
    region: () => globals.region,
    sms: () => ctx.smsFor(globals.region ?? ''),
    smsFor(region: string, options: ClientOptions = {}) {
      const key = `${region}\u0000${options.maxAttempts ?? ''}`;
      let client = clients.get(key);
      if (!client) {
        client = deps.smsFactory(ctx, region || undefined, options);
        clients.set(key, client);
      }
      return client;
    },
    async confirm(message, options = {}) {
      if (globals.yes) return true;
      if (!canPrompt) {
        throw new UsageError(`confirmation needed: ${message}`, '--yes required when not running interactively');
      }
      return ctx.prompter.confirm({ message, default: options.default ?? false });
    },
    onDispose(fn) {
      disposers.push(fn);
    },
    async dispose() {
      for (const c of clients.values()) {
        try {
          (await c).destroy();
        } catch {
          // a client that failed to build has nothing to destroy
        }
      }
      clients.clear();
      while (disposers.length) {
        const fn = disposers.pop()!;
        try {
          await fn();
        } catch (err) {
          log.debug(`cleanup failed: ${(err as Error).message}`);
        }
      }
    },
  };
  return ctx;
}

export interface ClientOptions {
  /** Attempts per request (the SDK's standard retry mode); default the global --max-attempts, else 3. */
  maxAttempts?: number;
}

/** Builds an SDK client for a region (undefined: the default chain decides). */
export type SmsFactory = (ctx: Context, region: string | undefined, options?: ClientOptions) => Promise<PinpointSMSVoiceV2Client>;
