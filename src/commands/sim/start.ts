/** `eum sim start`: serve the simulator until SIGINT/SIGTERM, then save its state. */
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';

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
}

function probability(flag: string, raw: unknown, problems: InputProblem[]): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    problems.push({ field: flag, message: `must be a probability from 0 to 1 (e.g. 0.2), got "${raw}"` });
    return 0;
  }
  return n;
}

/** Parses and checks the flags; every problem is reported at once. */
export function parseSimStartOptions(opts: Record<string, unknown>, cwd: string): SimStartOptions {
  const problems: InputProblem[] = [];
  const port = Number(opts.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push({ field: '--port', message: `must be 0 (any free port) to 65535, got "${opts.port}"` });
  const quotaScale = Number(opts.quotaScale ?? 1);
  if (!Number.isFinite(quotaScale) || quotaScale <= 0) problems.push({ field: '--quota-scale', message: `must be a positive number, got "${opts.quotaScale}"` });
  let latencyMs: [number, number] | undefined;
  if (opts.latency !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(String(opts.latency));
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) problems.push({ field: '--latency', message: `must be MS or MIN-MAX in milliseconds (e.g. 20 or 10-50), got "${opts.latency}"` });
    else latencyMs = [Number(m[1]), Number(m[2] ?? m[1])];
  }
  const failRate = probability('--fail-rate', opts.failRate, problems);
  const throttleRate = probability('--throttle-rate', opts.throttleRate, problems);
  const account = String(opts.account ?? 'ready');
  if (account !== 'new' && account !== 'ready') problems.push({ field: '--account', message: `must be new (a sandbox account without numbers) or ready (production, with numbers), got "${opts.account}"` });
  const deliveryFailureRate = probability('--delivery-failure-rate', opts.deliveryFailureRate, problems);
  const tierRaw = opts.tier === undefined ? undefined : String(opts.tier).toUpperCase();
  if (tierRaw !== undefined && tierRaw !== 'SANDBOX' && tierRaw !== 'PRODUCTION') problems.push({ field: '--tier', message: `must be sandbox or production, got "${opts.tier}"` });
  if (problems.length) throw new InputError(problems, 'see eum sim start --help');
  return {
    host: String(opts.host ?? '127.0.0.1'),
    port,
    stateFile: opts.state ? path.resolve(cwd, String(opts.state)) : undefined,
    quotas: opts.quotas !== false,
    quotaScale,
    latencyMs,
    failRate,
    throttleRate,
    registrationTypesDir: opts.registrationTypes ? path.resolve(cwd, String(opts.registrationTypes)) : undefined,
    account: account as 'new' | 'ready',
    s3Dir: opts.s3Dir ? path.resolve(cwd, String(opts.s3Dir)) : undefined,
    eventsDir: opts.eventsDir ? path.resolve(cwd, String(opts.eventsDir)) : undefined,
    deliveryFailureRate,
    tier: tierRaw as SimStartOptions['tier'],
  };
}

export async function runSimStart(ctx: Context, options: SimStartOptions): Promise<CommandResult<undefined>> {
  const { startSimServer, createFileStore, createMemoryStore, freshState, loadRegistrationTypes } = await import('../../sim/index.js');
  if (options.registrationTypesDir) {
    // A broken forms directory is an input error now, not an InternalServerException later.
    try {
      loadRegistrationTypes(options.registrationTypesDir);
    } catch (err) {
      throw new InputError([{ field: '--registration-types', message: (err as Error).message.replace(/^--registration-types: /, '') }], 'one file per type: DIR/<TYPE>.json as DescribeRegistrationFieldDefinitions returns it');
    }
  }
  // The preset makes a fresh account; a state file that exists keeps the account it holds.
  const store = options.stateFile ? createFileStore(options.stateFile, { account: options.account, ownDirectory: false }) : createMemoryStore(freshState(new Date(), options.account));
  const server = await startSimServer({
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
    },
  });
  // The endpoint is printed at once (not at the end) so scripts can read the port and go on.
  if (ctx.globals.json) ctx.writeJson({ endpoint: server.endpoint }, { lines: true });
  else ctx.stdout.write(`eum simulator listening on ${server.endpoint}\n`);
  if (!ctx.globals.json) {
    ctx.log.info(`point clients at it: eum --endpoint-url ${server.endpoint} ...  |  aws pinpoint-sms-voice-v2 --endpoint-url ${server.endpoint} ...`);
    ctx.log.info(`account ${options.account}; quotas ${options.quotas ? `on (x${options.quotaScale})` : 'off'}; state ${options.stateFile ?? 'in memory'}; Ctrl-C to stop`);
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

export function registerSimStart(parent: Command, app: App): void {
  const cmd = parent
    .command('start')
    .description('serve the simulator over HTTP until Ctrl-C or SIGTERM')
    .option('--host <host>', 'address to listen on (loopback only unless you say otherwise)', '127.0.0.1')
    .option('--port <n>', 'port; 0 picks a free one (read it from the first line of output)', '0')
    .option('--state <file>', 'keep state in this file across restarts (default: in memory)')
    .option('--no-quotas', 'no request-rate quotas (default: AWS\'s default quotas)')
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
    .action(app.action(async (ctx, { opts }) => runSimStart(ctx, parseSimStartOptions(opts, ctx.cwd)), { interruptible: true }));
  app.examples(cmd, [
    ['start on a free port and read the endpoint (for scripts and CI)', 'eum sim start --port 0 --json'],
    ['point eum at it', 'eum --endpoint-url http://127.0.0.1:4566 account show'],
    ['and the AWS CLI (any credentials)', 'aws pinpoint-sms-voice-v2 describe-sender-ids --endpoint-url http://127.0.0.1:4566'],
    ['a new sandbox account: no numbers, verified destinations only', 'eum sim start --port 4566 --account new'],
    ['a flaky, slow API, for testing retries', 'eum sim start --port 4566 --throttle-rate 0.3 --fail-rate 0.05 --latency 10-50'],
    ['write delivery events to files, one in ten deliveries failing', 'eum sim start --port 4566 --events-dir ./events --delivery-failure-rate 0.1'],
  ]);
}
