/** `eum sim start`: serve the simulator until SIGINT/SIGTERM, then save its state. */
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { isIP } from 'node:net';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { flag, parseOptions, shown } from '../../cli/options.js';

export interface SimStartOptions {
  host: string;
  port: number;
  stateFile?: string;
  quotas: boolean;
  quotaScale: number;
  latencyMs?: [number, number];
  failRate: number;
  throttleRate: number;
  registrationTypesDir?: string;
  account: 'new' | 'ready';
  s3Dir?: string;
  eventsDir?: string;
  deliveryFailureRate: number;
  tier?: 'SANDBOX' | 'PRODUCTION';
  /** US dollars a month: every spend limit's maximum. */
  maxSpendLimit?: number;
}

/** The highest --max-spend-limit: more than any test needs (a million messages at $0.05). */
const MAX_SPEND_LIMIT_USD = 100_000_000;

const got = (raw: unknown) => `got "${shown(raw)}"`;

/** A probability flag: 0 when absent. */
const probability = flag((raw, problem) => {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) problem(`must be a probability from 0 to 1 (e.g. 0.2), ${got(raw)}`);
  return n;
});

/** Where the simulator may listen: an IP address or a host name (checked here, not by listen()). */
const host = flag((raw, problem) => {
  const h = String(raw ?? '127.0.0.1');
  const dotted = /^[\d.]+$/.test(h);
  const name = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(h);
  if (!(isIP(h) || (!dotted && name))) problem(`must be an IP address or a host name (e.g. 127.0.0.1, ::1, localhost), ${got(raw)}`);
  return h;
});

/** A directory or file flag: resolved against the working directory. */
const pathFlag = (cwd: string) => flag((raw) => (raw ? path.resolve(cwd, String(raw)) : undefined));

/** The flags of `eum sim start`, each with its type and check. */
function simStartSchema(cwd: string) {
  return {
    host,
    port: flag((raw, problem) => {
      const n = Number(raw ?? 0);
      if (!Number.isInteger(n) || n < 0 || n > 65535) problem(`must be 0 (any free port) to 65535, ${got(raw)}`);
      return n;
    }),
    state: pathFlag(cwd),
    quotas: flag((raw) => raw !== false),
    quotaScale: flag((raw, problem) => {
      const n = Number(raw ?? 1);
      if (!Number.isFinite(n) || n <= 0) problem(`must be a positive number, ${got(raw)}`);
      return n;
    }),
    latency: flag((raw, problem): [number, number] | undefined => {
      if (raw === undefined) return undefined;
      const m = /^(\d+)(?:-(\d+))?$/.exec(String(raw));
      if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
        problem(`must be MS or MIN-MAX in milliseconds (e.g. 20 or 10-50), ${got(raw)}`);
        return undefined;
      }
      return [Number(m[1]), Number(m[2] ?? m[1])];
    }),
    failRate: probability,
    throttleRate: probability,
    registrationTypes: pathFlag(cwd),
    account: flag((raw, problem) => {
      const a = String(raw ?? 'ready');
      if (a !== 'new' && a !== 'ready') problem(`must be new (a sandbox account without numbers) or ready (production, with numbers), ${got(raw)}`);
      return a as 'new' | 'ready';
    }),
    s3Dir: pathFlag(cwd),
    eventsDir: pathFlag(cwd),
    deliveryFailureRate: probability,
    tier: flag((raw, problem) => {
      if (raw === undefined) return undefined;
      const t = String(raw).toUpperCase();
      if (t !== 'SANDBOX' && t !== 'PRODUCTION') problem(`must be sandbox or production, ${got(raw)}`);
      return t as SimStartOptions['tier'];
    }),
    maxSpendLimit: flag((raw, problem) => {
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (String(raw).trim() === '' || !Number.isFinite(n) || n < 0 || n > MAX_SPEND_LIMIT_USD)
        problem(`must be US dollars a month, from 0 to ${MAX_SPEND_LIMIT_USD.toLocaleString('en-US')} (e.g. 100000), ${got(raw)}`);
      return n;
    }),
  };
}

/** Parses and checks the flags; every problem is reported at once. */
export function parseSimStartOptions(opts: Record<string, unknown>, cwd: string): SimStartOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions(simStartSchema(cwd), opts, problems);
  if (problems.length) throw new InputError(problems, 'see eum sim start --help');
  return {
    host: o.host,
    port: o.port,
    stateFile: o.state,
    quotas: o.quotas,
    quotaScale: o.quotaScale,
    latencyMs: o.latency,
    failRate: o.failRate,
    throttleRate: o.throttleRate,
    registrationTypesDir: o.registrationTypes,
    account: o.account,
    s3Dir: o.s3Dir,
    eventsDir: o.eventsDir,
    deliveryFailureRate: o.deliveryFailureRate,
    tier: o.tier,
    maxSpendLimit: o.maxSpendLimit,
  };
}

export async function runSimStart(ctx: Context, options: SimStartOptions): Promise<CommandResult<undefined>> {
  const { startSimServer, createFileStore, createMemoryStore, freshState, loadRegistrationTypes } = await import('../../sim/index.js');
  if (options.registrationTypesDir) {
    // A broken forms directory is an input error now, not an InternalServerException later.
    try {
      loadRegistrationTypes(options.registrationTypesDir);
    } catch (err) {
      throw new InputError(
        [{ field: '--registration-types', message: (err as Error).message.replace(/^--registration-types: /, '') }],
        'one file per type: DIR/<TYPE>.json as DescribeRegistrationFieldDefinitions returns it',
      );
    }
  }
  // The preset makes a fresh account; a state file that exists keeps the account it holds.
  const store = options.stateFile
    ? createFileStore(options.stateFile, { account: options.account, ownDirectory: false })
    : createMemoryStore(freshState(new Date(), options.account));
  const server = await listen(
    () =>
      startSimServer({
        host: options.host,
        port: options.port,
        store,
        config: {
          quotas: options.quotas,
          quotaScale: options.quotaScale,
          latencyMs: options.latencyMs,
          failRate: options.failRate,
          throttleRate: options.throttleRate,
          registrationTypesDir: options.registrationTypesDir,
          account: options.account,
          s3Dir: options.s3Dir,
          eventsDir: options.eventsDir,
          deliveryFailureRate: options.deliveryFailureRate,
          tier: options.tier,
          maxSpendLimit: options.maxSpendLimit,
        },
      }),
    options,
  );
  // The endpoint is printed at once (not at the end) so scripts can read the port and go on.
  if (ctx.globals.json) ctx.writeJson({ endpoint: server.endpoint }, { lines: true });
  else ctx.stdout.write(`eum simulator listening on ${server.endpoint}\n`);
  if (!ctx.globals.json) {
    ctx.log.info(`point clients at it: eum --endpoint-url ${server.endpoint} ...  |  aws pinpoint-sms-voice-v2 --endpoint-url ${server.endpoint} ...`);
    ctx.log.info(
      `account ${options.account}; quotas ${options.quotas ? `on (x${options.quotaScale})` : 'off'}; state ${options.stateFile ?? 'in memory'}; Ctrl-C to stop`,
    );
  }
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  await store.save?.();
  ctx.log.info(options.stateFile ? `simulator stopped; state saved to ${options.stateFile}` : 'simulator stopped');
  // The endpoint line was the output; nothing more goes to stdout (under --json, one JSON line only).
  return { data: undefined, exitCode: 0 };
}

/** Starts the server; an address it cannot listen on is an input error naming the flag. */
async function listen<T>(start: () => Promise<T>, options: SimStartOptions): Promise<T> {
  try {
    return await start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL' || code === 'EAI_FAIL') {
      throw new InputError([{ field: '--host', message: `cannot listen on ${shown(options.host)} (${code}): use an address of this machine, e.g. 127.0.0.1` }]);
    }
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new InputError([
        {
          field: '--port',
          message: `cannot listen on port ${options.port} (${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}): use another, or 0 for any free port`,
        },
      ]);
    }
    throw err;
  }
}

export function registerSimStart(parent: Command, app: App): void {
  const cmd = parent
    .command('start')
    .description('serve the simulator over HTTP until Ctrl-C or SIGTERM')
    .option('--host <host>', 'address to listen on (loopback only unless you say otherwise)', '127.0.0.1')
    .option('--port <n>', 'port; 0 picks a free one (read it from the first line of output)', '0')
    .option('--state <file>', 'keep state in this file across restarts (default: in memory)')
    .option('--no-quotas', "no request-rate quotas (default: AWS's default quotas)")
    .option('--quota-scale <x>', 'multiply every default quota by x', '1')
    .option('--latency <ms|min-max>', 'add this much delay to every request')
    .option('--fail-rate <p>', 'answer InternalServerException with probability p')
    .option('--throttle-rate <p>', 'answer ThrottlingException with probability p')
    .option('--registration-types <dir>', 'load more registration types from DIR/<TYPE>.json')
    .option('--account <preset>', 'a fresh account: new (sandbox, no numbers, $1 spend limits) or ready (production, numbers)', 'ready')
    .option('--s3-dir <dir>', 'read registration attachments s3://bucket/key from DIR/bucket/key')
    .option('--events-dir <dir>', 'append delivery events as JSON lines to DIR/<region>/<config set>/<destination>.jsonl')
    .option('--delivery-failure-rate <p>', 'deliveries that fail (TEXT_UNREACHABLE) with probability p')
    .option('--tier <tier>', 'account tier: sandbox or production (overrides the preset)')
    .option('--max-spend-limit <usd>', "the account's maximum monthly spend limit in US dollars, every channel (AWS raises it by a support case)")
    .action(app.action(async (ctx, { opts }) => runSimStart(ctx, parseSimStartOptions(opts, ctx.cwd)), { interruptible: true }));
  app.examples(cmd, [
    ['start on a free port and read the endpoint (for scripts and CI)', 'eum sim start --port 0 --json'],
    ['point eum at it', 'eum --endpoint-url http://127.0.0.1:4566 account show'],
    ['and the AWS CLI (any credentials)', 'aws pinpoint-sms-voice-v2 describe-sender-ids --endpoint-url http://127.0.0.1:4566'],
    ['a new sandbox account: no numbers, verified destinations only', 'eum sim start --port 4566 --account new'],
    ['a flaky, slow API, for testing retries', 'eum sim start --port 4566 --throttle-rate 0.3 --fail-rate 0.05 --latency 10-50'],
    ['a spend limit high enough for a million messages', 'eum sim start --port 4566 --no-quotas --max-spend-limit 100000'],
    ['write delivery events to files, one in ten deliveries failing', 'eum sim start --port 4566 --events-dir ./events --delivery-failure-rate 0.1'],
  ]);
}
