/**
 * `eum send --to-file FILE|-`: one message per CSV row, at each origination identity's pace,
 * journalled so that a rerun never sends a row twice (src/runtime/send-many/run.ts).
 */
import type { Context } from '../../cli/context.js';
import { plainRow, type CommandResult, type View } from '../../cli/output.js';
import { EumError, ExitCode, InputError, UsageError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { formatSeconds, ROW_STATUSES, settled, shownIdentity, type RowStatus, type SendManyPlan } from '../../core/send-many/plan.js';
import type { RowResult, SendManyOptions, SendManySummary } from '../../runtime/send-many/run.js';
import { formatUsd, parsePriceList, PRICE_FILE_LIMIT_BYTES, type PriceList } from '../../core/send-many/prices.js';
import { parseSendFlags, SINGLE_ONLY } from './flags.js';
import { readTextInput } from './input.js';
import { escapeJsonText } from '../../core/escape.js';

/** The JSON shape of `eum send --to-file ... --json`. */
export interface SendManyData {
  results: RowResult[];
  summary: SendManySummary;
}

/** The JSON shape of `eum send --to-file ... --dry-run --json`. */
export interface SendManyDryRunData {
  plan: SendManyPlan;
  /** Each row's check: `skipped` with "dry run: would be sent", or why it would not be. */
  results: RowResult[];
}

interface ToFileFlags extends SendManyOptions {
  dryRun: boolean;
  jsonLines: boolean;
}

/** Parses and checks the flags of `--to-file`; every problem at once, before any API call. */
export async function parseToFileOptions(ctx: Context, opts: Record<string, unknown>): Promise<ToFileFlags> {
  const problems: InputProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const flagProblems: InputProblem[] = [];
  const f = parseSendFlags(opts, flagProblems);
  const file = f.toFile ?? '';
  if (file.trim() === '') add('--to-file', 'give a CSV file with a header row (e.g. phone,name), or - for stdin');
  const single = new Set<string>();
  for (const [key, flag, fix] of SINGLE_ONLY)
    if (opts[key] !== undefined) {
      single.add(flag);
      add(flag, `not with --to-file: ${fix}`);
    }
  if (!f.record) add('--no-record', 'not with --to-file: the journal records every row');

  const sources = [f.body, f.bodyFile, f.template].filter((x) => x !== undefined).length;
  let template: string | undefined;
  if (sources === 0) add('--body', 'required: the message text with --body TEXT, --body-file FILE or --template FILE; {{column}} is filled from each row');
  else if (sources > 1) add('--body', 'give one of --body, --body-file or --template');
  else if (f.body !== undefined && f.body !== '-') template = f.body;
  else {
    const from = f.bodyFile ?? f.template ?? '-';
    const flag = f.template !== undefined ? '--template' : f.bodyFile !== undefined ? '--body-file' : '--body';
    if (from === '-' && file === '-') add(flag, 'stdin carries the recipients (--to-file -): give the text in a file');
    else {
      const r = await readTextInput(ctx, from);
      if (r.problem) add(flag, r.problem);
      else template = r.text!.replace(/\r?\n$/, '');
    }
  }
  if (template !== undefined && template.trim() === '') add('--body', 'the message text is empty');
  // A flag of one message is named once, as not for a file, whatever its value.
  problems.push(...flagProblems.filter((p) => !single.has(p.field)));
  if (f.resume && f.restart) add('--restart', 'give --resume or --restart, not both');
  if (f.retryUnknown && f.restart) add('--retry-unknown', 'not with --restart (which sends every row again)');
  if (f.jsonLines && ctx.globals.query !== undefined) add('--json-lines', 'not with --query: filter the lines with jq');
  let prices: PriceList | undefined;
  if (f.prices !== undefined) {
    if (f.prices === '-' && file === '-') add('--prices', 'stdin carries the recipients (--to-file -): give the prices in a file');
    else {
      const { readLimitedText } = await import('../../runtime/input.js');
      const r = await readLimitedText(ctx, f.prices, { limitBytes: PRICE_FILE_LIMIT_BYTES, why: 'a price list holds a row per country' });
      if (r.problem) add('--prices', r.problem);
      else {
        const parsed = parsePriceList(r.text!, f.prices === '-' ? 'stdin' : f.prices);
        for (const p of parsed.problems) add(`--prices ${p.field}`, p.message);
        prices = parsed.prices;
      }
    }
  }
  if (problems.length) throw new InputError(problems, 'see eum send --help');
  return {
    file,
    toColumn: f.toColumn,
    template: template!,
    from: f.from,
    configSet: f.configSet,
    type: f.type,
    feedback: f.feedback,
    protectConfig: f.protectConfig,
    mps: f.mps,
    maxParts: f.maxParts,
    allowDuplicates: f.allowDuplicates,
    restart: f.restart,
    retryUnknown: f.retryUnknown,
    maxPrice: f.maxPrice,
    dryRun: f.dryRun,
    jsonLines: f.jsonLines,
    prices,
  };
}

/** The plan in lines (stderr before a run, stdout for --dry-run on a terminal or piped). */
export function planLines(plan: SendManyPlan): string[] {
  const out: string[] = [];
  const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString('en-US')} ${x === 1 ? one : many}`;
  out.push(`Plan for ${plan.file}: ${n(plan.rows, 'row')}`);
  out.push(`  to send: ${n(plan.toSend, 'message')} (${n(plan.parts, 'part')})`);
  const skipped = [
    plan.duplicates ? n(plan.duplicates, 'duplicate') : '',
    plan.optedOut ? `${plan.optedOut.toLocaleString('en-US')} opted out` : '',
    plan.blocked ? `${plan.blocked.toLocaleString('en-US')} blocked by Protect` : '',
    plan.alreadySent ? `${plan.alreadySent.toLocaleString('en-US')} sent by an earlier run` : '',
    plan.alreadyUnknown ? `${plan.alreadyUnknown.toLocaleString('en-US')} unknown from an earlier run (--retry-unknown sends them)` : '',
  ].filter(Boolean);
  if (skipped.length) out.push(`  not sent: ${skipped.join(', ')}`);
  for (const c of plan.countries) {
    const by = c.originators.map((x) => `${shownIdentity(x.label)} ${x.recipients.toLocaleString('en-US')}`).join(', ');
    const price = c.price !== null && c.price > 0 ? `, ${formatUsd(c.price)}` : '';
    out.push(`  ${c.isoCountryCode}: ${n(c.recipients, 'recipient')}, ${n(c.parts, 'part')}${price}${by ? ` from ${by}` : ''}`);
  }
  for (const x of plan.originators)
    out.push(
      `  pace: ${shownIdentity(x.label)} at ${x.mps} parts/s (${x.mpsSource === 'messaging-limits' ? 'its MessagingLimits' : x.mpsSource === 'mps-flag' ? '--mps' : `documented default for ${x.kind}`})`,
    );
  out.push(`  time: about ${formatSeconds(plan.estimatedSeconds)} at that pace`);
  out.push(`  price: ${priceText(plan)}`);
  out.push(`  spend limit: ${spendText(plan)}`);
  out.push(`  journal: ${plan.journal}${plan.resume ? ' (resuming the earlier run)' : ''}`);
  return out;
}

/** The plan's price line: the estimate, or what is unknown and what to do. */
function priceText(plan: SendManyPlan): string {
  const from = plan.prices ? ` (prices from ${plan.prices})` : '';
  if (plan.estimatedPrice !== null) return `about ${formatUsd(plan.estimatedPrice)} for ${plan.parts.toLocaleString('en-US')} parts${from}`;
  if (plan.prices === null)
    return 'unknown: the API gives no price per country; give your copy of the AWS price list with --prices FILE (country,price_per_part_usd)';
  const known = plan.estimatedPriceKnown > 0 ? `; ${formatUsd(plan.estimatedPriceKnown)} for the other countries` : '';
  return `unknown for ${plan.unpricedCountries.join(', ')}: not in ${plan.prices} (add a row, or a * row for every other country)${known}`;
}

/** The plan's spend-limit line: the monthly limit and how the estimate compares with it. */
function spendText(plan: SendManyPlan): string {
  if (plan.monthlySpendLimit === null) return 'unknown (DescribeSpendLimits lists no TEXT_MESSAGE_MONTHLY_SPEND_LIMIT)';
  const limit = `${formatUsd(plan.monthlySpendLimit)} a month`;
  const estimate = formatUsd(plan.estimatedPrice ?? plan.estimatedPriceKnown);
  if (plan.spendCheck === 'exceeds')
    return `${limit}: the estimate (${plan.estimatedPrice === null ? 'at least ' : ''}${estimate}) exceeds it; the run stops here unless --yes, which sends until the limit`;
  if (plan.spendCheck === 'within')
    return `${limit}; the run fits if less than ${formatUsd(Math.max(0, plan.monthlySpendLimit - plan.estimatedPrice!))} was spent this month (the API does not say what was; CloudWatch's TextMessageMonthlySpend does)`;
  return `${limit}; whether the run fits is unknown without a price for every country`;
}

/** The error for a plan whose estimate exceeds the monthly spend limit (exit 1, nothing sent). */
function spendLimitError(plan: SendManyPlan): EumError {
  const estimate = `${plan.estimatedPrice === null ? 'at least ' : ''}${formatUsd(plan.estimatedPrice ?? plan.estimatedPriceKnown)}`;
  return new EumError(
    `the estimated price (${estimate}) exceeds the monthly spend limit (${formatUsd(plan.monthlySpendLimit ?? 0)}, TEXT_MESSAGE_MONTHLY_SPEND_LIMIT): nothing was sent`,
    {
      code: 'PLAN_BLOCKED',
      hint: 'raise the limit (eum account spend-limit set text USD, up to the account limit), send fewer rows, or add --yes to send until the limit is reached (the same command resumes after it is raised)',
    },
  );
}

/** Resolves when stdout can take more (a pipe whose reader is slower than the rows). */
function stdoutDrain(ctx: Context): Promise<void> | undefined {
  const out = ctx.stdout as { writableNeedDrain?: boolean; once?(event: 'drain', fn: () => void): unknown };
  if (!out.writableNeedDrain || typeof out.once !== 'function') return undefined;
  return new Promise<void>((resolve) => out.once!('drain', resolve));
}

/**
 * `--json-lines` (and piped) rows gathered and written in chunks of about 64 kB, each chunk before the event
 * loop turns: one write per row costs a system call per row (stdout to a pipe is synchronous).
 * Lines are what `ctx.writeJson(r, { lines: true })` writes (no --query with --json-lines).
 */
function jsonLinesWriter(ctx: Context): { write(value: RowResult): void; text(line: string): void; flush(): void } {
  let chunk: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (chunk.length === 0) return;
    const text = chunk.join('');
    chunk = [];
    size = 0;
    ctx.stdout.write(text);
  };
  const text = (line: string) => {
    chunk.push(line);
    size += line.length;
    if (size >= 65_536) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return { write: (value) => text(`${escapeJsonText(JSON.stringify(value))}\n`), text, flush };
}

export async function runSendToFile(ctx: Context, opts: Record<string, unknown>): Promise<CommandResult<SendManyData | SendManyDryRunData | undefined>> {
  const o = await parseToFileOptions(ctx, opts);
  const { prepareSendMany, executeSendMany } = await import('../../runtime/send-many/run.js');
  const prep = await prepareSendMany(ctx, o);
  const plan = prep.plan;
  const piped = !ctx.globals.json && !o.jsonLines && !ctx.stdoutIsTTY;

  const lines = jsonLinesWriter(ctx);
  if (o.dryRun) {
    const results: RowResult[] = [];
    if (ctx.globals.json || o.jsonLines)
      await executeSendMany(
        ctx,
        prep,
        o,
        (r) => (o.jsonLines ? lines.write(r) : results.push(r)),
        true,
        () => stdoutDrain(ctx),
      ).finally(() => lines.flush());
    else await prep.source.dispose();
    results.sort((a, b) => a.row - b.row);
    if (o.jsonLines) ctx.writeJson({ plan }, { lines: true });
    return {
      data: o.jsonLines ? undefined : { plan, results },
      views: [{ kind: 'text', text: o.jsonLines ? '' : `${planLines(plan).join('\n')}\n` }],
      notes: [
        plan.toSend > 0 ? `dry run: nothing was sent; ${plan.toSend.toLocaleString('en-US')} would be` : 'dry run: nothing would be sent',
        ...(plan.spendCheck === 'exceeds' ? ['the estimate exceeds the monthly spend limit: a run stops before sending unless --yes'] : []),
      ],
      exitCode: plan.toSend > 0 ? ExitCode.Pending : ExitCode.Ok,
    };
  }

  if (!ctx.globals.quiet) for (const line of planLines(plan)) ctx.stderr.write(`${line}\n`);
  if (plan.spendCheck === 'exceeds' && plan.toSend > 0) {
    if (!ctx.globals.yes) {
      await prep.source.dispose();
      throw spendLimitError(plan);
    }
    ctx.log.warn('the estimate exceeds the monthly spend limit: sending until the limit (--yes); the rows left are skipped, and the same command resumes');
  }
  if (o.restart && prep.journal.exists) {
    if (!(await ctx.confirm(`start over? rows an earlier run sent (${plan.alreadySent}) will be sent again`, { default: false }))) {
      await prep.source.dispose();
      throw new UsageError('not started: nothing was sent', 'run without --restart to resume');
    }
  } else if (plan.toSend > 0 && ctx.canPrompt && !ctx.globals.yes) {
    if (!(await ctx.confirm(`send ${plan.toSend.toLocaleString('en-US')} messages?`, { default: false }))) {
      await prep.source.dispose();
      throw new UsageError('not started: nothing was sent');
    }
  }

  // Sends without the SDK client when the credentials are static (run.ts says why).
  const { lightTargetFor } = await import('../../cli/sms-factory.js');
  const light = await lightTargetFor(ctx);
  const results: RowResult[] = [];
  const attention: RowResult[] = [];
  const summary = await executeSendMany(
    ctx,
    prep,
    { ...o, light },
    (r) => {
      if (o.jsonLines) lines.write(r);
      else if (ctx.globals.json) results.push(r);
      else if (piped) lines.text(plainRow([r.row, r.to, r.status, r.messageId, r.originationIdentity, r.parts, r.error]));
      else if (!settled(r.status) && attention.length < 20) attention.push(r);
    },
    false,
    () => stdoutDrain(ctx),
  ).finally(() => lines.flush());
  if (o.jsonLines) ctx.writeJson({ summary }, { lines: true });

  const notes: string[] = [];
  const pending = summary.failed + summary.unknown + summary.skipped;
  notes.push(
    `${summary.sent.toLocaleString('en-US')} sent${summary.sentBefore ? ` (${summary.sentBefore.toLocaleString('en-US')} by an earlier run)` : ''}, ${summary.parts.toLocaleString('en-US')} parts, ${summary.rate}/s`,
  );
  if (summary.interrupted) notes.push(`interrupted: ${summary.skipped.toLocaleString('en-US')} rows not sent; run the same command again to resume`);
  if (summary.stopped) notes.push(`stopped: ${summary.stopped}`);
  if (summary.unknown)
    notes.push(`${summary.unknown} unknown: they may have been sent; check your configuration set's events before sending them again with --retry-unknown`);
  if ((summary.failed || summary.skipped) && !summary.interrupted)
    notes.push(`run the same command again to send the ${summary.failed + summary.skipped} failed or not started: the journal skips what was sent`);
  const views: View[] = [];
  // --json: rows in file order (they end in any order).
  results.sort((a, b) => a.row - b.row);
  if (o.jsonLines) views.push({ kind: 'text', text: '' });
  else if (!piped) {
    views.push({
      kind: 'table',
      title: 'Results',
      columns: [
        { key: 'status', header: 'Status' },
        { key: 'rows', header: 'Rows', align: 'right' },
      ],
      rows: ROW_STATUSES.map((s) => ({ status: s, rows: summary[s === 'opted-out' ? 'optedOut' : (s as Exclude<RowStatus, 'opted-out'>)] })).filter(
        (x) => x.rows > 0,
      ),
    });
    if (attention.length) {
      views.push({
        kind: 'table',
        title: 'Not sent',
        columns: [
          { key: 'row', header: 'Row', align: 'right' },
          { key: 'to', header: 'To', format: (v) => maskPhoneNumber(String(v)) },
          { key: 'status', header: 'Status' },
          { key: 'error', header: 'Why' },
        ],
        rows: attention.map((r) => ({ ...r })),
      });
    }
  } else views.push({ kind: 'text', text: '' });
  return {
    data: o.jsonLines ? undefined : { results, summary },
    views,
    notes,
    exitCode: summary.interrupted ? ExitCode.Interrupted : pending > 0 ? ExitCode.Failed : ExitCode.Ok,
  };
}
