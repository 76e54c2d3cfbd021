/** `eum send`: one text message, checked before it goes, recorded in the ledger. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { EumError, ExitCode, InputError, InterruptedError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { checkBody } from '../../core/sms/checks.js';
import { analyzeBody, describeCharacter, type SmsEncoding } from '../../core/sms/encoding.js';
import { readTextInput } from './input.js';

export interface SendOptions {
  to: string;
  isoCountryCode: string;
  body: string;
  from?: string;
  configSet?: string;
  type?: 'TRANSACTIONAL' | 'PROMOTIONAL';
  feedback: boolean;
  protectConfig?: string;
  maxPrice?: string;
  ttl?: number;
  context?: Record<string, string>;
  keyword?: string;
  countryParams?: Record<string, string>;
  dryRun: boolean;
  record: boolean;
  encoding: SmsEncoding;
  parts: number;
  ucs2Characters: string[];
}

/** The JSON shape of `eum send --json`. */
export interface SendData {
  messageId: string | null;
  destinationPhoneNumber: string;
  isoCountryCode: string;
  encoding: SmsEncoding;
  parts: number;
  feedback: boolean;
  dryRun: boolean;
  /** In the local ledger (false with --no-record, for a dry run, or when the ledger could not be written). */
  recorded: boolean;
  /** Only when the message was sent but something after it failed (LEDGER_WRITE_FAILED). */
  error?: { code: string; message: string };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses and checks every flag; all problems are reported at once, before any API call. */
export async function parseSendOptions(ctx: Context, opts: Record<string, unknown>): Promise<SendOptions> {
  const problems: InputProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const flagProblems: InputProblem[] = [];
  // Loaded here, not at the top: the flags' schemas (zod/mini) cost start-up time that `eum send --help` need not pay.
  const { parseSendFlags, TO_FILE_ONLY } = await import('./flags.js');
  const f = parseSendFlags(opts, flagProblems);
  for (const [key, name] of TO_FILE_ONLY) if (opts[key] !== undefined) flagProblems.push({ field: name, message: 'only with --to-file' });

  // Destination: valid for its country, not only well-formed.
  let to = '';
  let isoCountryCode = '';
  let numberType: string | undefined;
  if (f.to === undefined || f.to.trim() === '') add('--to', 'required: the destination in E.164 form, e.g. --to +12065550100');
  else {
    const { checkDestination } = await import('../../core/sms/phone.js');
    const r = checkDestination(f.to);
    if (r.ok) {
      to = r.e164;
      isoCountryCode = r.isoCountryCode;
      numberType = r.type;
    } else add('--to', r.message);
  }

  // Body: exactly one source.
  const sources = [f.body !== undefined, f.bodyFile !== undefined].filter(Boolean).length;
  let body: string | undefined;
  if (sources === 0) add('--body', 'required: give the text with --body TEXT, --body-file FILE or --body - (stdin)');
  else if (sources > 1) add('--body', 'give either --body or --body-file, not both');
  else if (f.bodyFile !== undefined || f.body === '-') {
    const file = f.bodyFile ?? '-';
    if (file === '-' && ctx.stdinIsTTY) add('--body', 'reading the body from stdin, but stdin is a terminal: pipe the text in, or use --body TEXT');
    else {
      const r = await readTextInput(ctx, file);
      if (r.problem) add(f.bodyFile !== undefined ? '--body-file' : '--body', r.problem);
      // A file's final newline is not part of the message.
      else body = r.text!.replace(/\r?\n$/, '');
    }
  } else body = f.body;

  let info = analyzeBody('');
  if (body !== undefined) {
    const problem = checkBody(body);
    if (problem) add('--body', problem);
    else {
      info = analyzeBody(body);
      const max = f.maxParts;
      if (max !== undefined && info.parts > max) {
        const why = info.encoding === 'UCS-2' ? ` (UCS-2, forced by ${info.ucs2Characters.slice(0, 5).map(describeCharacter).join(', ')})` : ' (GSM-7)';
        add(
          '--max-parts',
          `the message needs ${info.parts} parts${why}, more than --max-parts ${max}: shorten it${info.encoding === 'UCS-2' ? ' or replace those characters' : ''}`,
        );
      }
    }
  }
  if (f.from.length > 1) add('--from', 'one --from for one message (several are for --to-file)');
  problems.push(...flagProblems);

  if (problems.length) throw new InputError(problems, 'see eum send --help');
  for (const w of sendWarnings(to, isoCountryCode, numberType, info)) ctx.log.warn(w);
  return {
    to,
    isoCountryCode,
    body: body!,
    from: f.from[0],
    configSet: f.configSet,
    type: f.type,
    feedback: f.feedback,
    protectConfig: f.protectConfig,
    maxPrice: f.maxPrice,
    ttl: f.ttl,
    context: opts.context !== undefined ? f.context.context : undefined,
    keyword: f.keyword,
    countryParams: opts.countryParam !== undefined ? f.countryParam.params : undefined,
    dryRun: f.dryRun,
    record: f.record,
    encoding: info.encoding,
    parts: info.parts,
    ucs2Characters: info.ucs2Characters,
  };
}

/** What `eum send` writes to its journal when a send's outcome is unknown (no phone number: its last four digits). */
interface UnknownSendEntry {
  at: string;
  outcome: 'unknown';
  reason: string;
  destinationLast4: string;
  isoCountryCode: string;
  origination: string | null;
  configurationSet: string | null;
  feedback: boolean;
  region: string | null;
}

/** A send that may have gone out: SEND_OUTCOME_UNKNOWN, exit 1 (INTERRUPTED, 130, when Ctrl-C cut it), with what to check. Never sent again. */
export class SendOutcomeUnknownError extends EumError {
  constructor(message: string, options: { hint: string; interrupted: boolean; cause?: unknown }) {
    // Cut by Ctrl-C: exit 130 as every interruption (code INTERRUPTED), with this message.
    super(message, { code: options.interrupted ? 'INTERRUPTED' : 'SEND_OUTCOME_UNKNOWN', hint: options.hint, cause: options.cause });
  }
}

/** What may surprise before a message goes: a fixed line, a long message, characters that count twice. */
export function sendWarnings(to: string, isoCountryCode: string, numberType: string | undefined, info: ReturnType<typeof analyzeBody>): string[] {
  const out: string[] = [];
  if (numberType === 'FIXED_LINE')
    out.push(`--to: ${maskPhoneNumber(to)} is a fixed-line number (${isoCountryCode}); most fixed lines cannot receive text messages`);
  if (info.parts > 10) out.push(`--body: the message needs ${info.parts} parts; carriers may drop messages over 10 parts, and each part is billed`);
  const wide = info.ucs2Characters.filter((c) => c.length === 2);
  if (wide.length) {
    const what =
      wide.length === 1
        ? `${wide[0]} counts as two characters: UCS-2 stores it`
        : `${wide.slice(0, 5).join(' ')} count as two characters each: UCS-2 stores them`;
    out.push(
      `--body: ${what} in two units (${info.units} of ${info.parts === 1 ? 70 : info.parts * 67} units in ${info.parts} part${info.parts === 1 ? '' : 's'})`,
    );
  }
  return out;
}

export async function runSend(ctx: Context, options: SendOptions): Promise<CommandResult<SendData>> {
  const [{ sendTextMessage }, { callWithRetry }] = await Promise.all([import('../../aws/messages.js'), import('../../runtime/bulk.js')]);
  // One attempt per call, no SDK retries: eum retries only what the service certainly did not send
  // (throttling, a connection that was never made); a lost answer is never sent again.
  let sentWith: { config: { region(): Promise<string> } } | undefined;
  const regionOfSend = async () => (sentWith ? await sentWith.config.region().catch(() => ctx.region() ?? '') : (ctx.region() ?? ''));
  const outcome = await callWithRetry(
    ctx,
    (call) => {
      sentWith = call.client;
      return sendTextMessage(
        call.client,
        {
          to: options.to,
          body: options.body,
          from: options.from,
          configurationSet: options.configSet,
          messageType: options.type,
          feedback: options.feedback,
          protectConfigurationId: options.protectConfig,
          maxPrice: options.maxPrice,
          ttlSeconds: options.ttl,
          context: options.context,
          keyword: options.keyword,
          countryParameters: options.countryParams,
          dryRun: options.dryRun,
        },
        { signal: call.signal },
      );
    },
    { idempotent: false },
  );
  if (outcome.kind === 'failed') {
    if (ctx.signal.aborted && (outcome.error as { name?: string })?.name === 'AbortError') throw new InterruptedError('interrupted: nothing was sent');
    throw outcome.error;
  }
  if (outcome.kind === 'unknown') throw await unknownOutcome(ctx, options, outcome.reason, outcome.error, await regionOfSend());

  const messageId = outcome.value.messageId;
  const notes: string[] = [];
  let recorded = false;
  let notRecorded: string | undefined;
  if (messageId && !options.dryRun && options.record) {
    try {
      await recordSent(ctx, options, messageId, await regionOfSend());
      recorded = true;
    } catch (err) {
      notRecorded = `${err instanceof Error ? err.message : String(err)}`.split('\n')[0];
    }
  }
  if (options.encoding === 'UCS-2')
    notes.push(`UCS-2 encoding (70 characters a part), forced by: ${options.ucs2Characters.slice(0, 8).map(describeCharacter).join(', ')}`);
  if (options.dryRun) notes.push('dry run: the API checked the request; nothing was sent');
  else if (options.feedback) notes.push(`post the outcome when the user acts: eum feedback put ${messageId ?? '<message-id>'} RECEIVED`);
  if (notRecorded !== undefined) {
    ctx.log.warn(`the message was sent (${messageId}) but not recorded in the ledger: ${notRecorded}`);
    notes.push(`fix the state directory (${ctx.stateDir}); feedback put for this message needs its id: ${messageId}`);
  }
  const data: SendData = {
    messageId,
    destinationPhoneNumber: options.to,
    isoCountryCode: options.isoCountryCode,
    encoding: options.encoding,
    parts: options.parts,
    feedback: options.feedback,
    dryRun: options.dryRun,
    recorded,
    ...(notRecorded !== undefined ? { error: { code: 'LEDGER_WRITE_FAILED', message: `sent, but not recorded in the ledger: ${notRecorded}` } } : {}),
  };
  return {
    data,
    views: [
      {
        kind: 'custom',
        // Piped: the message id alone, so `id=$(eum send ...)` works.
        plain: () => `${messageId ?? ''}\n`,
        tty: (style) => {
          const rows: Array<[string, string]> = [
            ['Message ID', messageId ?? '(none: dry run)'],
            ['To', `${maskPhoneNumber(options.to)} (${options.isoCountryCode})`],
            ['Encoding', `${options.encoding}, ${options.parts} part${options.parts === 1 ? '' : 's'}`],
            ['Feedback', options.feedback ? 'enabled' : 'off'],
          ];
          if (options.dryRun) rows.push(['Dry run', 'yes: nothing was sent']);
          if (notRecorded !== undefined) rows.push(['Ledger', style.yellow('not recorded')]);
          const w = Math.max(...rows.map(([k]) => k.length));
          return rows.map(([k, v]) => `${style.dim(k.padEnd(w))}  ${v}`).join('\n') + '\n';
        },
      },
    ],
    notes,
    exitCode: notRecorded !== undefined ? ExitCode.Failed : undefined,
  };
}

async function recordSent(ctx: Context, options: SendOptions, messageId: string, region: string): Promise<void> {
  const { ledgerFor } = await import('../../store/ledger/index.js');
  const ledger = await ledgerFor(ctx.stateDir, ctx.globals);
  try {
    await ledger.recordSent([
      {
        messageId,
        sentAt: ctx.clock.now(),
        isoCountryCode: options.isoCountryCode,
        origination: options.from ?? '',
        configurationSet: options.configSet ?? '',
        feedback: options.feedback,
        region,
        destinationLast4: options.to.slice(-4),
      },
    ]);
  } finally {
    await ledger.close().catch(() => undefined);
  }
}

/** The error for a send that may have gone out; recorded in the send journal first (when it can be). */
async function unknownOutcome(ctx: Context, options: SendOptions, reason: string, cause: unknown, region: string): Promise<SendOutcomeUnknownError> {
  const interrupted = ctx.signal.aborted;
  let where = '';
  try {
    const [{ Journal, journalPath }, { journalTarget }] = await Promise.all([import('../../store/journal.js'), import('../../runtime/target.js')]);
    const journal = new Journal<UnknownSendEntry>(journalPath(ctx.stateDir, 'send', await journalTarget(ctx), 'unknown'));
    try {
      await journal.append([
        {
          at: ctx.clock.now().toISOString(),
          outcome: 'unknown',
          reason,
          destinationLast4: options.to.slice(-4),
          isoCountryCode: options.isoCountryCode,
          origination: options.from ?? null,
          configurationSet: options.configSet ?? null,
          feedback: options.feedback,
          region: region || null,
        },
      ]);
      where = `; recorded in ${journal.location}`;
    } finally {
      await journal.close().catch(() => undefined);
    }
  } catch (err) {
    ctx.log.warn(`could not record the unknown outcome: ${err instanceof Error ? err.message : String(err)}`);
  }
  return new SendOutcomeUnknownError(`the message to ${maskPhoneNumber(options.to)} may have been sent: ${reason}; eum did not send it again`, {
    hint: `SendTextMessage has no idempotency token, so sending again may deliver it twice: check first (your configuration set's event destination, or ask the recipient)${where}`,
    interrupted,
    cause,
  });
}

export function registerSend(program: Command, app: App): void {
  const cmd = program
    .command('send')
    .option('--to <e164>', 'destination phone number in E.164 form, e.g. +12065550100')
    .option('--body <text>', 'the message text; - reads it from stdin')
    .option('--body-file <file>', 'read the message text from a file')
    .option('--to-file <file>', 'send to every row of a CSV file (- for stdin): a phone column, {{column}} in the body')
    .option('--from <origination>', 'origination identity: phone number, sender ID, pool ID or ARN (repeat with --to-file)', collect)
    .option('--config-set <name>', 'configuration set name or ARN')
    .option('--type <type>', 'message type: transactional or promotional')
    .option('--feedback', 'enable message feedback: post RECEIVED/FAILED later with eum feedback put')
    .option('--protect-config <id>', 'protect configuration ID or ARN')
    .option('--max-price <usd>', 'maximum price per message part in US dollars, e.g. 0.05')
    .option('--ttl <seconds>', 'seconds the message may wait for delivery (5 to 259200)')
    .option('--context <key=value>', 'context passed to events (repeatable, at most 5)', collect)
    .option('--keyword <keyword>', 'keyword of the origination identity to send with')
    .option('--country-param <key=value>', 'destination-country parameter, e.g. IN_TEMPLATE_ID=... (repeatable)', collect)
    .option('--dry-run', "check the request with the API's DryRun; nothing is sent or recorded")
    .option('--max-parts <n>', 'refuse a message that needs more parts than this')
    .option('--no-record', 'do not record the message in the local ledger')
    .option('--template <file>', '--to-file: the body template from a file ({{column}} placeholders)')
    .option('--to-column <name>', '--to-file: the column with the numbers (default phone)')
    .option('--mps <n>', '--to-file: cap every identity at this many message parts per second')
    .option('--allow-duplicates', '--to-file: send a number on several rows every time (else once)')
    .option('--resume', '--to-file: continue the run of the same file and options (the default)')
    .option('--restart', '--to-file: start over, sending rows an earlier run sent (asks first)')
    .option('--retry-unknown', '--to-file: send again the rows whose outcome is unknown')
    .option('--json-lines', '--to-file: one JSON line per row as it ends, then the summary')
    .option(
      '--prices <file>',
      '--to-file: your copy of the AWS price list, a CSV country,price_per_part_usd: the plan prices the run and checks the spend limit',
    )
    .action(
      app.action(
        async (ctx, { opts }) => {
          // --to-file is a mode of the same verb: its own module, loaded only when asked for.
          if (opts.toFile !== undefined) return (await import('./to-file.js')).runSendToFile(ctx, opts);
          return runSend(ctx, await parseSendOptions(ctx, opts));
        },
        { interruptible: true },
      ),
    );
  app.examples(cmd, [
    ['a one-time password with feedback (prints the message id)', 'eum send --to +12065550100 --body "Your code is 123456" --feedback'],
    ['keep the id in a script', 'id=$(eum send --to +12065550100 --body "Your code is 123456" --feedback --max-parts 1)'],
    ['the body from a file, through a configuration set, checked only', 'eum send --to +33612345678 --body-file otp.txt --config-set otp --dry-run'],
    ['try it without an AWS account', 'eum --sim send --to +12065550100 --body "Your code is 123456" --feedback --json'],
    ['reminders from a CSV (phone,name,time): the plan only', 'eum send --to-file reminders.csv --body "Hi {{name}}, see you at {{time}}" --dry-run'],
    [
      'send them, two toll-free numbers in parallel; run again to resume',
      'eum send --to-file reminders.csv --template reminder.txt --from +18335550100 --from +18335550101 --yes',
    ],
    [
      'price the plan with your copy of the AWS price list (country,price_per_part_usd); over the spend limit it stops unless --yes',
      'eum send --to-file reminders.csv --template reminder.txt --prices prices.csv --dry-run',
    ],
  ]);
}
