/** `eum feedback put`: post RECEIVED or FAILED for one message, or for a file of them. */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { plainRow, terminalText } from '../../cli/output.js';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type EumError, type InputProblem } from '../../cli/errors.js';
import { parseFeedbackLine, type FeedbackStatus } from '../../core/feedback/lines.js';
import { formatSeconds } from '../../core/feedback/duration.js';
import { parseOptions, type ParsedOptions } from '../../cli/options.js';
import { concurrencyFlag, DEFAULT_CONCURRENCY, fileFlag, messageIdArg, rateFlag, STATUS_HELP, statusFlag } from './flags.js';
import type { BulkItem, BulkResult, BulkSummary } from '../../runtime/feedback-bulk.js';
import type { Ledger } from '../../store/ledger/index.js';
import type { LightTarget } from '../../aws/light-call.js';
import { inputKind, numberedLines } from '../../runtime/line-input.js';

export type FeedbackPutOptions =
  | { mode: 'one'; messageId: string; status: FeedbackStatus }
  | {
      mode: 'bulk';
      file: string;
      /** absolute path, or '-' */
      source: string;
      status?: FeedbackStatus;
      rate?: number;
      concurrency: number;
      /** Items in a checked file (0 for a pipe). */
      lines: number;
      /** stdin or a FIFO: read once, lines checked as they come. */
      pipe: boolean;
    };

/** The JSON shape of a single put. */
export interface FeedbackPutData {
  messageId: string;
  status: FeedbackStatus;
  /** The Region it was posted in: the one the ledger recorded for the message, else the default. */
  region: string;
  /** false when it was posted but the ledger could not be written (exit 1, `error.code` LEDGER_WRITE_FAILED). */
  recorded: boolean;
  error: { code: string; message: string } | null;
}

/** The JSON shape of a bulk put. */
export interface FeedbackBulkData {
  results: BulkResult[];
  summary: BulkSummary;
  /** Why the run stopped early (LEDGER_WRITE_FAILED, INVALID_INPUT), null when it did not. */
  error: { code: string; message: string } | null;
}

/** At most this many bad lines are listed; the rest are counted. */
const MAX_LISTED_PROBLEMS = 50;
/** The flags of `eum feedback put`, each with its type and check. */
const putFlags = { file: fileFlag, status: statusFlag, rate: rateFlag, concurrency: concurrencyFlag };
/** Its arguments (one message), checked the same way. */
const putArgs = { messageId: messageIdArg, status: statusFlag };

/** Checks every line of a file before anything is sent; returns how many items it holds. */
async function checkFile(full: string, shown: string, status: FeedbackStatus | undefined): Promise<{ items: number; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  let bad = 0;
  let items = 0;
  try {
    for await (const { line, n } of numberedLines(createReadStream(full), shown)) {
      const parsed = parseFeedbackLine(line, n, status);
      if (parsed.kind === 'item') items++;
      else if (parsed.kind === 'error') {
        bad++;
        if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ field: `line ${n}`, message: parsed.message });
      }
    }
  } catch (err) {
    if (err instanceof InputError) return { items, problems: err.problems };
    throw err;
  }
  if (bad > problems.length) problems.push({ field: shown, message: `and ${bad - problems.length} more bad lines` });
  if (bad === 0 && items === 0) problems.push({ field: '--file', message: `${shown} holds no message ids` });
  return { items, problems };
}

export async function parseFeedbackPutOptions(ctx: Context, args: unknown[], opts: Record<string, unknown>): Promise<FeedbackPutOptions> {
  const problems: InputProblem[] = [];
  const flags = parseOptions(putFlags, opts, problems);
  if (flags.file !== undefined) return bulkPutOptions(ctx, flags.file, args[0] !== undefined, flags, problems);
  for (const name of ['rate', 'concurrency'] as const) {
    if (opts[name] !== undefined) problems.push({ field: `--${name}`, message: 'only with --file (bulk)' });
  }
  const one = parseOptions(putArgs, { messageId: args[0], status: args[1] }, problems, { messageId: '<message-id>', status: '<status>' });
  if (args[0] === undefined) problems.push({ field: '<message-id>', message: 'required: the message id printed by eum send (or give --file for many)' });
  const status = args[1] !== undefined ? one.status : flags.status;
  if (args[1] === undefined && opts.status === undefined) problems.push({ field: '<status>', message: `required: ${STATUS_HELP}` });
  if (problems.length) throw new InputError(problems, 'usage: eum feedback put <message-id> <RECEIVED|FAILED>');
  return { mode: 'one', messageId: one.messageId!, status: status! };
}

/** `--file`: where the ids come from; a file is checked whole before anything is sent. */
async function bulkPutOptions(
  ctx: Context,
  file: string,
  withId: boolean,
  flags: ParsedOptions<typeof putFlags>,
  problems: InputProblem[],
): Promise<FeedbackPutOptions> {
  if (withId) problems.push({ field: '<message-id>', message: 'give either a message id or --file, not both' });
  let source = '-';
  let lines = 0;
  let pipe = false;
  if (file === '-') {
    if (ctx.stdinIsTTY) problems.push({ field: '--file', message: 'reading ids from stdin, but stdin is a terminal: pipe them in, or give a file' });
  } else {
    source = path.resolve(ctx.cwd, file);
    const kind = await inputKind(source, file);
    if (kind.kind === 'refused') problems.push({ field: '--file', message: kind.problem });
    // A pipe cannot be read twice: its lines are checked as they come, like stdin.
    else if (kind.kind === 'pipe') pipe = true;
    else if (!problems.length) {
      // Every line is checked before the first call.
      const checked = await checkFile(source, file, flags.status);
      problems.push(...checked.problems);
      lines = checked.items;
    }
  }
  if (problems.length) throw new InputError(problems, 'lines are "id" (with --status) or "id,status"; see eum feedback put --help');
  return { mode: 'bulk', file, source, status: flags.status, rate: flags.rate, concurrency: flags.concurrency, lines, pipe: pipe || file === '-' };
}

/**
 * The Regions the ledger recorded for messages sent outside the Region requests go to by default:
 * a message is posted in the Region it was sent in.
 */
async function recordedRegions(ctx: Context, ledger: Ledger, knownHome?: string): Promise<Map<string, string>> {
  const { damageWarnings } = await import('../../store/ledger/index.js');
  const home = ctx.region() ?? knownHome ?? (await (await ctx.sms()).config.region());
  const snap = await ledger.scan({ otherRegionsThan: home });
  for (const w of damageWarnings(snap, ledger.location)) ctx.log.warn(w);
  return snap.otherRegions ?? new Map();
}

/**
 * Posts one outcome through `target` (the light call), else through the SDK client of `region`
 * (the default Region when not given); resolves with the Region it went to.
 */
async function postOne(ctx: Context, target: LightTarget | undefined, region: string | undefined, messageId: string, status: FeedbackStatus): Promise<string> {
  const { putMessageFeedback, putMessageFeedbackLight } = await import('../../aws/feedback.js');
  if (target) {
    await putMessageFeedbackLight(target, messageId, status);
    return target.region;
  }
  const client = await (region ? ctx.smsFor(region) : ctx.sms());
  await putMessageFeedback(client, messageId, status, { signal: ctx.signal });
  return region ?? (await client.config.region());
}

/**
 * One message: posted in the default Region first, and only when the service does not know the
 * id there, in the Region the ledger recorded for it. The ledger is read only then, so a put
 * costs the same with a ledger of ten messages or of millions. Without the SDK client when the
 * credentials are static (start-up time).
 */
async function postInItsRegion(ctx: Context, ledger: Ledger, messageId: string, status: FeedbackStatus): Promise<string> {
  const { lightTargetFor } = await import('../../cli/sms-factory.js');
  const light = await lightTargetFor(ctx);
  try {
    return await postOne(ctx, light, undefined, messageId, status);
  } catch (err) {
    if ((err as { name?: string })?.name !== 'ResourceNotFoundException') throw err;
    const elsewhere = (await recordedRegions(ctx, ledger, light?.region)).get(messageId);
    if (!elsewhere) throw err;
    return postOne(ctx, await lightTargetFor(ctx, elsewhere), elsewhere, messageId, status);
  }
}

export async function runFeedbackPut(ctx: Context, options: FeedbackPutOptions): Promise<CommandResult<FeedbackPutData | FeedbackBulkData>> {
  const { ledgerFor } = await import('../../store/ledger/index.js');
  const ledger = ledgerFor(ctx.stateDir, ctx.globals);
  try {
    if (options.mode === 'bulk') return await runFeedbackPutBulk(ctx, options, ledger);
    // A ledger that cannot be read will not take the outcome either: say so before posting.
    await ledger.checkReadable();
    const region = await postInItsRegion(ctx, ledger, options.messageId, options.status);
    let error: FeedbackPutData['error'] = null;
    let exitCode: number = ExitCode.Ok;
    try {
      await ledger.recordOutcomes([{ messageId: options.messageId, status: options.status, at: ctx.clock.now(), source: 'put' }]);
    } catch (err) {
      // Posted, but not recorded: say both, and exit 1 with the ledger's error code.
      const e = err as EumError;
      const message = `${options.status} was posted for ${options.messageId}, but it is not recorded: ${e.message}`;
      error = { code: e.code ?? 'LEDGER_WRITE_FAILED', message };
      ctx.log.error(message);
      if (e.hint) ctx.stderr.write(`${ctx.log.style.dim('hint:')} ${e.hint}\n`);
      exitCode = e.exitCode ?? ExitCode.Failed;
    }
    const data: FeedbackPutData = { messageId: options.messageId, status: options.status, region, recorded: error === null, error };
    return {
      data,
      views: [
        {
          kind: 'custom',
          plain: () => `${data.messageId}\t${data.status}\n`,
          tty: (style) => `${style.green('✓')} ${data.status} posted for ${data.messageId}\n`,
        },
      ],
      exitCode,
    };
  } finally {
    await ledger.close();
  }
}

/**
 * A bulk run that stopped early (the ledger could not be written, the input could not be read):
 * the error on stderr, with how many results were posted but not recorded; its JSON form.
 */
export function stoppedError(ctx: Context, outcome: { stopped?: EumError; unrecorded: number }): { code: string; message: string } | null {
  const e = outcome.stopped;
  if (!e) return null;
  const unrecorded = outcome.unrecorded
    ? `; ${outcome.unrecorded} result${outcome.unrecorded === 1 ? '' : 's'} above ${outcome.unrecorded === 1 ? 'was' : 'were'} posted but not recorded`
    : '';
  const message = `stopped: ${e.message}${unrecorded}`;
  ctx.log.error(message);
  if (e.hint) ctx.stderr.write(`${ctx.log.style.dim('hint:')} ${e.hint}\n`);
  return { code: e.code, message };
}

/** A per-item line on stdout: tab-separated when piped. */
export function itemLine(ctx: Context, r: BulkResult): string {
  // One line per item whatever the error text (escaped).
  if (!ctx.stdoutIsTTY) return plainRow([r.messageId, r.status, r.ok ? 'ok' : 'failed', r.error]);
  const style = ctx.log.style;
  return r.ok
    ? `${style.green('✓')} ${terminalText(r.messageId)} ${r.status}\n`
    : `${style.red('✗')} ${terminalText(r.messageId ?? '-')} ${r.status ?? ''} ${terminalText(r.error)}\n`;
}

/** The summary line on stderr. */
export function summaryNote(verb: string, summary: BulkSummary, elapsedMs: number, interrupted: boolean): string {
  const secs = elapsedMs / 1000;
  const rate = secs > 0 ? `, ${Math.round(summary.total / secs)}/s` : '';
  return `${interrupted ? 'interrupted: ' : ''}${verb} ${summary.total}: ${summary.succeeded} succeeded, ${summary.failed} failed (${formatSeconds(secs)}${rate})`;
}

async function runFeedbackPutBulk(
  ctx: Context,
  options: Extract<FeedbackPutOptions, { mode: 'bulk' }>,
  ledger: Ledger,
): Promise<CommandResult<FeedbackBulkData>> {
  const { runBulkFeedback } = await import('../../runtime/feedback-bulk.js');
  const regions = await recordedRegions(ctx, ledger);
  const fromStdin = options.source === '-';
  async function* items(): AsyncGenerator<BulkItem> {
    const stream = fromStdin ? ctx.stdin : createReadStream(options.source);
    for await (const { line, n } of numberedLines(stream, fromStdin ? 'stdin' : options.file, ctx.signal)) {
      const parsed = parseFeedbackLine(line, n, options.status);
      if (parsed.kind === 'item') yield { messageId: parsed.messageId, status: parsed.status, line: n, region: regions.get(parsed.messageId) };
      // A file was checked already; stdin lines are checked here and reported as failed items.
      else if (parsed.kind === 'error')
        yield { messageId: line.split(',')[0]?.trim().slice(0, 64) ?? '', status: options.status as FeedbackStatus, line: n, problem: parsed.message };
    }
  }
  const results: BulkResult[] = [];
  const json = ctx.globals.json;
  const outcome = await runBulkFeedback(ctx, items(), {
    concurrency: options.concurrency,
    rate: options.rate,
    source: 'put',
    ledger,
    expectedTotal: options.pipe ? undefined : options.lines,
    lightTarget: async (region) => (await import('../../cli/sms-factory.js')).lightTargetFor(ctx, region),
    onResult: (r) => {
      if (json) results.push(r);
      else ctx.stdout.write(itemLine(ctx, r));
    },
  });
  const { summary, interrupted, elapsedMs, stopped } = outcome;
  const error = stoppedError(ctx, outcome);
  // Bad input met midway: exit 2 when nothing was posted.
  const stoppedCode = stopped ? (stopped.exitCode === ExitCode.Usage && summary.succeeded > 0 ? ExitCode.Failed : stopped.exitCode) : undefined;
  return {
    data: { results, summary, error },
    notes: [summaryNote('posted feedback for', summary, elapsedMs, interrupted)],
    exitCode: stoppedCode ?? (interrupted ? ExitCode.Interrupted : summary.failed > 0 ? ExitCode.Failed : ExitCode.Ok),
  };
}

export function registerFeedbackPut(parent: Command, app: App): void {
  const cmd = parent
    .command('put')
    .description('post RECEIVED or FAILED for a message sent with feedback (or for a file of them)')
    .argument('[message-id]', 'the message id printed by eum send')
    .argument('[status]', 'RECEIVED (the user acted on the message) or FAILED; any case')
    .option('--file <file>', 'bulk: one "id" or "id,status" per line (a CSV header is accepted); - reads stdin')
    .option('--status <status>', 'bulk: the status of lines that give only an id')
    .option('--rate <n>', 'bulk: at most n requests per second (token bucket)')
    .option('--concurrency <n>', `bulk: requests in flight (default ${DEFAULT_CONCURRENCY})`)
    .action(app.action(async (ctx, { args, opts }) => runFeedbackPut(ctx, await parseFeedbackPutOptions(ctx, args, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['the user entered the code', 'eum feedback put 0f9a7c1e-2b6d-4a8e-9c3f-5d1e8b7a6c20 RECEIVED'],
    ['many at once, under the API quota', 'eum feedback put --file confirmed.txt --status RECEIVED --rate 100'],
    ['from another program, id,status per line', 'my-export | eum feedback put --file - --json'],
  ]);
}
