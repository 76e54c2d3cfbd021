/**
 * `eum sender-id bulk`: one sender ID in many countries and regions. Checked before any call;
 * then, per region in parallel: what exists (DescribeSenderIds), and RequestSenderId for the
 * rest at --rate with retries, a deterministic ClientToken, and a journal to resume from.
 */
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { EumError, ExitCode, InputError, OperationError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { describeSenderIds, requestSenderId, type SenderIdInfo } from '../../aws/sender-ids.js';
import type { BulkOutcome, BulkRun, CallContext } from '../../runtime/bulk.js';
import {
  checkSenderId,
  classifyCountry,
  plural,
  registrationHint,
  sortResults,
  summarize,
  type MessageType,
  type SenderIdResult,
  type SenderIdSummary,
} from '../../core/sender-id/plan.js';
import { flag, parseOptions } from '../../cli/options.js';
import {
  collect,
  countrySourceFlags,
  defaultRegions,
  messageTypesFlag,
  parseCountries,
  rateFlag,
  regionsFlag,
  senderIdFlag,
  switchFlag,
  tagFlag,
} from './options.js';
import { BULK_ATTEMPTS } from '../../runtime/bulk.js';
import { resultsView, totalsView } from './view.js';

export interface BulkOptions {
  senderId: string;
  countries: string[];
  regions: string[];
  messageTypes: MessageType[];
  tags: Array<{ Key: string; Value: string }>;
  deletionProtection: boolean;
  rate: number;
  maxAttempts: number;
  dryRun: boolean;
  force: boolean;
}

export interface SenderIdBulkData {
  results: SenderIdResult[];
  summary: SenderIdSummary;
  /** Only when the run stopped early (the journal could not be written): what stopped it. */
  error?: { code: string; message: string };
}

/** What to request, and where: the sender ID first, then the countries (problems in that order). */
const bulkTargetFlags = { senderId: senderIdFlag(true), ...countrySourceFlags };
/** How to request it: each flag with its type and check. */
const bulkPlanFlags = {
  messageTypes: messageTypesFlag,
  tag: tagFlag,
  rate: rateFlag(),
  regions: regionsFlag,
  // `--no-deletion-protection`: commander gives false.
  deletionProtection: flag((raw) => raw !== false),
  dryRun: switchFlag,
  force: switchFlag,
  strict: switchFlag,
};

/** Every check before any call; problems are reported together (exit 2). Warnings go to stderr. */
export async function parseBulkOptions(ctx: Context, opts: Record<string, unknown>): Promise<BulkOptions> {
  const problems: InputProblem[] = [];
  const target = parseOptions(bulkTargetFlags, opts, problems);
  const countries = await parseCountries(ctx, target, problems);
  const o = parseOptions(bulkPlanFlags, opts, problems);
  const senderId = target.senderId ?? '';
  const messageTypes = o.messageTypes ?? [];
  if (senderId && !problems.some((p) => p.field === '--sender-id')) {
    const findings = checkSenderId(senderId, countries, messageTypes);
    problems.push(...findings.errors);
    if (o.strict) problems.push(...findings.warnings.map((w) => ({ ...w, message: `${w.message} (--strict)` })));
    else for (const w of findings.warnings) ctx.log.warn(`${w.field}: ${w.message}`);
  }
  const regions = o.regions ?? (problems.length ? [] : await defaultRegions(ctx, problems));
  if (problems.length) throw new InputError(problems, 'nothing was requested; fix the input and run again (see eum sender-id bulk --help)');
  return {
    senderId,
    countries,
    regions,
    messageTypes,
    tags: o.tag,
    deletionProtection: o.deletionProtection,
    rate: o.rate,
    maxAttempts: ctx.globals.maxAttempts ?? BULK_ATTEMPTS,
    dryRun: o.dryRun,
    force: o.force,
  };
}

/**
 * A journal line. `token`: written before the first RequestSenderId of an attempt (journal before
 * acting), so a run stopped before the answer reuses that ClientToken and never creates twice.
 * Otherwise the outcome of one (region, country); `settled: false` when it is not known whether
 * the attempt created the sender ID (the token stays in use). Lines without `kind` are outcomes
 * written by older versions.
 */
type JournalEntry =
  | { kind: 'token'; region: string; country: string; senderId: string; token: string; at: string }
  | (SenderIdResult & { kind?: 'result'; token?: string; settled?: boolean; at: string });

type SenderIdJournal = import('../../store/journal.js').Journal<JournalEntry>;

function fromInfo(region: string, info: SenderIdInfo, status: 'created' | 'exists'): SenderIdResult {
  return {
    region,
    country: info.country,
    senderId: info.senderId,
    status,
    senderIdArn: info.arn,
    monthlyLeasingPrice: info.monthlyLeasingPrice,
    registered: info.registered,
    error: null,
  };
}

/** What an error answer means for one country. */
export function statusOfError(err: unknown): { status: SenderIdResult['status']; reason?: string } {
  const e = err as { name?: string; Reason?: string };
  if (e?.name === 'ValidationException' && e.Reason === 'SENDER_ID_REQUIRES_REGISTRATION') return { status: 'needs-registration' };
  if (e?.name === 'ValidationException' && (e.Reason === 'SENDER_ID_NOT_SUPPORTED' || e.Reason === 'DESTINATION_COUNTRY_BLOCKED'))
    return { status: 'unsupported' };
  if (e?.name === 'ConflictException' && e.Reason === 'RESOURCE_ALREADY_EXISTS') return { status: 'exists' };
  return { status: 'failed' };
}

/** The journal cannot be read or written: exit 1, with the path. */
function journalError(err: unknown, location: string, reading: boolean): OperationError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : err instanceof Error
            ? err.message
            : String(err);
  return new OperationError(`cannot ${reading ? 'read' : 'write'} the journal ${location}: ${why}`, {
    code: reading ? 'JOURNAL_UNREADABLE' : 'JOURNAL_WRITE_FAILED',
    hint: `eum keeps what each run did there, to resume safely; move it aside or fix its permissions (state directory: $EUM_HOME)`,
    cause: err,
  });
}

/** A fresh ClientToken: one attempt to create one sender ID (64 characters at most). */
function newClientToken(): string {
  return `eum-sid-${randomUUID()}`;
}

function sameTypes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

export async function runSenderIdBulk(ctx: Context, o: BulkOptions): Promise<CommandResult<SenderIdBulkData>> {
  const [{ Journal, journalPath }, { journalTarget }] = await Promise.all([import('../../store/journal.js'), import('../../runtime/target.js')]);
  const journal = new Journal<JournalEntry>(journalPath(ctx.stateDir, 'sender-id', await journalTarget(ctx), o.senderId));
  try {
    return await bulk(ctx, o, journal);
  } finally {
    await journal.close().catch(() => undefined);
  }
}

type Item = { region: string; country: string };

/** Results, journal entries and tokens are keyed by (region, country). */
const keyOf = (region: string, country: string) => `${region}/${country}`;

/** One (region, country) before any call: to request. */
function plannedResult(senderId: string, region: string, country: string): SenderIdResult {
  return { region, country, senderId, status: 'planned', senderIdArn: null, monthlyLeasingPrice: null, registered: null, error: null };
}

/** What earlier runs left: refusals to remember, and ClientTokens whose attempt has no known outcome. */
function readEarlier(entries: JournalEntry[], senderId: string) {
  const refused = new Map<string, SenderIdResult>();
  const tokens = new Map<string, string>();
  for (const e of entries) {
    if (e.senderId !== senderId) continue;
    const k = keyOf(e.region, e.country);
    if (e.kind === 'token') {
      tokens.set(k, e.token);
      continue;
    }
    if (e.settled === false) continue;
    tokens.delete(k);
    if (e.status === 'needs-registration' || e.status === 'unsupported') refused.set(k, e);
    else refused.delete(k);
  }
  return { refused, tokens };
}

/** Appends to the journal; a failure is the journal's error (exit 1, with the path). */
async function appendJournal(journal: SenderIdJournal, entries: JournalEntry[]): Promise<void> {
  try {
    await journal.append(entries);
  } catch (err) {
    throw journalError(err, journal.location, false);
  }
}

/** What a run works from: every (region, country) with its result so far, and what to request. */
interface BulkPlan {
  results: Map<string, SenderIdResult>;
  toRequest: Item[];
  /** Sender IDs that exist, by key. */
  existing: Map<string, SenderIdInfo>;
  /** ClientTokens of earlier attempts with no known outcome, by key. */
  tokens: Map<string, string>;
}

async function bulk(ctx: Context, o: BulkOptions, journal: SenderIdJournal): Promise<CommandResult<SenderIdBulkData>> {
  const started = Date.now();
  const plan = await planBulk(ctx, o, journal);
  if (!o.dryRun) await settleExisting(ctx, journal, plan);
  let run: BulkRun | undefined;
  if (!o.dryRun && plan.toRequest.length > 0) run = await requestAll(ctx, o, plan, journal);
  return bulkResult(ctx, o, plan.results, run, (Date.now() - started) / 1000, journal.location);
}

/** The journal of earlier runs, the country table and what exists: what this run has to request. */
async function planBulk(ctx: Context, o: BulkOptions, journal: SenderIdJournal): Promise<BulkPlan> {
  let entries: JournalEntry[];
  try {
    entries = await journal.read();
  } catch (err) {
    throw journalError(err, journal.location, true);
  }
  const earlier = readEarlier(entries, o.senderId);
  const results = new Map<string, SenderIdResult>();
  // Known before any call: the country table says registration, or no sender IDs at all.
  const requestable: string[] = [];
  for (const country of o.countries) {
    const c = classifyCountry(country);
    if (c.kind === 'request') requestable.push(country);
    else
      for (const region of o.regions) results.set(keyOf(region, country), { ...plannedResult(o.senderId, region, country), status: c.kind, error: c.reason });
  }
  const existing = requestable.length ? await existingSenderIds(ctx, o) : new Map<string, SenderIdInfo>();
  const toRequest: Item[] = [];
  const warnings: string[] = [];
  let remembered = 0;
  for (const region of o.regions) {
    for (const country of requestable) {
      const k = keyOf(region, country);
      const info = existing.get(k);
      const refused = earlier.refused.get(k);
      if (info) {
        // This run did not create it: it exists (whoever made it, whenever).
        results.set(k, fromInfo(region, info, 'exists'));
        if (!sameTypes(info.messageTypes, o.messageTypes)) warnings.push(typesWarning(o, region, country, info));
      } else if (!o.force && refused) {
        // The API said so on an earlier run; asking again would get the same answer.
        remembered++;
        results.set(k, { ...plannedResult(o.senderId, region, country), status: refused.status, error: refused.error });
      } else {
        toRequest.push({ region, country });
        results.set(k, plannedResult(o.senderId, region, country));
      }
    }
  }
  if (remembered && !ctx.globals.json)
    ctx.log.info(`${plural(remembered, 'country was', 'countries were')} refused by the API on an earlier run (journal); --force asks again`);
  for (const w of warnings) ctx.log.warn(w);
  return { results, toRequest, existing, tokens: earlier.tokens };
}

function typesWarning(o: BulkOptions, region: string, country: string, info: SenderIdInfo): string {
  const lower = (types: string[]) => types.map((t) => t.toLowerCase()).join(', ');
  return `${country} in ${region} exists with message types ${lower(info.messageTypes) || 'none'}, not ${lower(o.messageTypes)} as asked (release it and request it again to change them)`;
}

/** What exists, per region, in parallel, with the engine's attempts. */
async function existingSenderIds(ctx: Context, o: BulkOptions): Promise<Map<string, SenderIdInfo>> {
  if (!ctx.globals.quiet && !ctx.globals.json) ctx.log.info(`checking what exists in ${o.regions.join(', ')} ...`);
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const existing = new Map<string, SenderIdInfo>();
  await Promise.all(
    o.regions.map(async (region) => {
      const infos = await readWithRetry(ctx, (call) => describeSenderIds(call.client, { senderId: o.senderId }, { signal: call.signal }), {
        region,
        maxAttempts: o.maxAttempts,
      });
      for (const info of infos) if (info.senderId === o.senderId && info.country) existing.set(keyOf(region, info.country), info);
    }),
  );
  return existing;
}

/**
 * A ClientToken whose attempt had no known outcome, for a sender ID that exists: settled now, so
 * that after a release the next request gets a new token (the old one would replay "created").
 */
async function settleExisting(ctx: Context, journal: SenderIdJournal, plan: BulkPlan): Promise<void> {
  const settle = [...plan.tokens].filter(([k]) => plan.existing.has(k));
  if (settle.length === 0) return;
  const at = ctx.clock.now().toISOString();
  await appendJournal(
    journal,
    settle.map(([k, token]) => ({ ...plan.results.get(k)!, kind: 'result' as const, token, settled: true, at })),
  );
  for (const [k] of settle) plan.tokens.delete(k);
}

/** The command's result: every (region, country), the summary, what to do next, and the exit code. */
function bulkResult(
  ctx: Context,
  o: BulkOptions,
  results: Map<string, SenderIdResult>,
  run: BulkRun | undefined,
  secs: number,
  journalLocation: string,
): CommandResult<SenderIdBulkData> {
  const interrupted = run?.interrupted ?? false;
  const stopped = run?.stopped;
  // An interrupted or stopped run reports what was done; what was not started stays for the next run.
  const all = sortResults(
    [...results.values()].filter((r) => !((interrupted || stopped !== undefined) && r.status === 'planned')),
    o.regions,
  );
  const summary = summarize(all);
  const notes = bulkNotes(o, all, summary, run, secs);
  let error: SenderIdBulkData['error'];
  if (stopped !== undefined) {
    const e = stopped instanceof EumError ? stopped : journalError(stopped, journalLocation, false);
    error = { code: e.code, message: e.message };
    ctx.log.error(e.message);
    if (e.hint) notes.push(e.hint);
  }
  const exitCode =
    stopped !== undefined
      ? ExitCode.Failed
      : interrupted
        ? ExitCode.Interrupted
        : summary.failed + summary.unknown > 0
          ? ExitCode.Failed
          : o.dryRun && summary.planned > 0
            ? ExitCode.Pending
            : ExitCode.Ok;
  return { data: { results: all, summary, ...(error ? { error } : {}) }, views: [resultsView(all), totalsView(summary)], notes, exitCode };
}

/** The notes under the results: how the run ended, and what to do next. */
function bulkNotes(o: BulkOptions, all: SenderIdResult[], summary: SenderIdSummary, run: BulkRun | undefined, secs: number): string[] {
  const notes: string[] = [];
  const interrupted = run?.interrupted ?? false;
  const stopped = run?.stopped !== undefined;
  const unfinished = run?.unfinished ?? 0;
  if (stopped) notes.push(`stopped: ${plural(unfinished, 'country was', 'countries were')} not requested`);
  else if (interrupted)
    notes.push(
      `interrupted: ${plural(unfinished, 'country was', 'countries were')} not requested; run the same command again to finish (nothing is requested twice)`,
    );
  if (o.dryRun) notes.push(`dry run: ${summary.planned} to request; nothing was requested`);
  else if (!interrupted && !stopped) {
    notes.push(
      `${summary.total} in ${secs.toFixed(1)}s: ${summary.created} created, ${summary.exists} ${summary.exists === 1 ? 'exists' : 'exist'}, ${summary.needsRegistration} ${summary.needsRegistration === 1 ? 'needs' : 'need'} registration, ${summary.unsupported} unsupported, ${summary.failed} failed${summary.unknown ? `, ${summary.unknown} unknown` : ''}`,
    );
  }
  if (summary.failed || summary.unknown)
    notes.push(
      'run the same command again to retry the failed countries (those done are not requested again; an unknown one keeps its ClientToken, so it is never created twice)',
    );
  if (summary.needsRegistration) {
    const cc = [...new Set(all.filter((r) => r.status === 'needs-registration').map((r) => r.country))];
    notes.push(`needs registration: ${cc.join(', ')}; start with eum registration types --country ${cc[0]}`);
  }
  return notes;
}

/** RequestSenderId for every planned (region, country), through the bulk engine; each outcome journaled. */
async function requestAll(ctx: Context, o: BulkOptions, plan: BulkPlan, journal: SenderIdJournal): Promise<BulkRun> {
  const { runBulk, StopRun } = await import('../../runtime/bulk.js');
  const tokens = plan.tokens;
  const attempts: RequestAttempts = {
    at: () => ctx.clock.now().toISOString(),
    tokens,
    usedToken: new Map<string, string>(),
    // Tokens left by an earlier run whose attempt's outcome was not known.
    resumed: new Set(tokens.keys()),
    // Journal before acting: a journal that cannot be written stops the run before the request.
    journal: async (entries) => appendJournal(journal, entries).catch((err: unknown) => Promise.reject(new StopRun(err))),
  };
  return runBulk<Item, SenderIdResult>(ctx, plan.toRequest, {
    // The ClientToken makes RequestSenderId idempotent: a lost answer is asked again with the same token.
    idempotent: true,
    rate: o.rate,
    maxAttempts: o.maxAttempts,
    regionOf: (item) => item.region,
    progress: { label: `requesting ${o.senderId}`, total: plan.toRequest.length },
    call: (item, call) => requestOne(o, attempts, item, call),
    async onOutcome({ region, country }, outcome) {
      const k = keyOf(region, country);
      const { result, settled } = resultOfOutcome(o, region, country, outcome);
      // In memory first: if the journal cannot be written, the summary still shows it.
      plan.results.set(k, result);
      if (settled) tokens.delete(k);
      await appendJournal(journal, [{ ...result, kind: 'result', token: attempts.usedToken.get(k), settled, at: attempts.at() }]);
    },
  });
}

/** The ClientTokens of a run: which each (region, country) uses, and how to journal a new one. */
interface RequestAttempts {
  at(): string;
  /** The token each key's next attempt uses. */
  tokens: Map<string, string>;
  /** The token each key's last attempt used (journaled with its outcome). */
  usedToken: Map<string, string>;
  /** Keys whose token an earlier run left: its answer may be a replay. */
  resumed: Set<string>;
  /** Appends to the journal; rejects with `StopRun`. */
  journal(entries: JournalEntry[]): Promise<void>;
}

/** One attempt at one (region, country): RequestSenderId with its ClientToken, journaled first. */
async function requestOne(o: BulkOptions, t: RequestAttempts, { region, country }: Item, call: CallContext): Promise<SenderIdResult> {
  const k = keyOf(region, country);
  let token = t.tokens.get(k);
  if (token === undefined) {
    token = newClientToken();
    t.tokens.set(k, token);
    await t.journal([{ kind: 'token', region, country, senderId: o.senderId, token, at: t.at() }]);
  }
  t.usedToken.set(k, token);
  const request = (clientToken: string) =>
    requestSenderId(
      call.client,
      { senderId: o.senderId, country, messageTypes: o.messageTypes, deletionProtection: o.deletionProtection, tags: o.tags, clientToken },
      { signal: call.signal },
    );
  try {
    const info = await request(token);
    if (t.resumed.has(k)) {
      t.resumed.delete(k);
      const fresh = await replacedIfGone(o, t, { region, country }, token, call);
      if (fresh) return fromInfo(region, await request(fresh), 'created');
    }
    return fromInfo(region, info, 'created');
  } catch (err) {
    if (statusOfError(err).status !== 'exists') throw err;
    // Made outside this run since it looked: report what is there.
    const [info] = await describeSenderIds(call.client, { senderId: o.senderId, country }, { signal: call.signal }).catch(() => []);
    return info ? fromInfo(region, info, 'exists') : { ...plannedResult(o.senderId, region, country), status: 'exists' };
  }
}

/**
 * A token from an earlier run replays that run's answer: makes sure the sender ID is still there
 * (it may have been released since). If not, the old token is settled and a new one journaled
 * for a new attempt; returns it (undefined when the sender ID is there).
 */
async function replacedIfGone(o: BulkOptions, t: RequestAttempts, { region, country }: Item, token: string, call: CallContext): Promise<string | undefined> {
  const [now] = await describeSenderIds(call.client, { senderId: o.senderId, country }, { signal: call.signal });
  if (now) return undefined;
  const k = keyOf(region, country);
  const fresh = newClientToken();
  const gone = { ...plannedResult(o.senderId, region, country), status: 'failed' as const, error: 'gone since (released?)' };
  await t.journal([
    { ...gone, kind: 'result', token, settled: true, at: t.at() },
    { kind: 'token', region, country, senderId: o.senderId, token: fresh, at: t.at() },
  ]);
  t.tokens.set(k, fresh);
  t.usedToken.set(k, fresh);
  return fresh;
}

/** One outcome of the engine as a result; `settled: false` when the sender ID may exist (the token stays). */
function resultOfOutcome(o: BulkOptions, region: string, country: string, outcome: BulkOutcome<SenderIdResult>): { result: SenderIdResult; settled: boolean } {
  const base = plannedResult(o.senderId, region, country);
  if (outcome.kind === 'ok') return { result: outcome.value, settled: true };
  if (outcome.kind === 'unknown')
    return { result: { ...base, status: 'unknown', error: `${outcome.reason}; it may exist: the next run asks with the same ClientToken` }, settled: false };
  const { status } = statusOfError(outcome.error);
  const error = status === 'needs-registration' ? registrationHint(country) : translateAwsError(outcome.error).message;
  return { result: { ...base, status, error }, settled: outcome.errorClass === 'permanent' };
}

export function registerSenderIdBulk(parent: Command, app: App): void {
  const cmd = parent
    .command('bulk')
    .description('request one sender ID in many countries and regions: checked first, rate-limited, never twice, resumable')
    .option('--sender-id <id>', 'the alphanumeric sender ID (1-11 letters, digits, - or _; carriers want 3-11 with a letter)')
    .option('--countries <list>', 'ISO country codes, e.g. GB,DE,FR; - reads them from stdin')
    .option('--countries-file <file>', 'a file of country codes (commas, spaces or lines; # comments)')
    .option('--exclude <list>', 'country codes to leave out, e.g. US,CA')
    .option('--message-types <list>', 'transactional, promotional, or both (default both)')
    .option('--tag <key=value>', 'a tag on every sender ID (repeatable)', collect, [])
    .option('--no-deletion-protection', 'request without deletion protection (it is on by default)')
    .option('--regions <list>', 'AWS Regions to request in, in parallel (default: --region / AWS_REGION)')
    .option('--rate <n>', 'RequestSenderId calls per second in each region (default 1, the API quota); each country gets --max-attempts tries (default 8)')
    .option('--dry-run', 'check the input and what exists, print the plan, request nothing (exit 3 when there is something to request)')
    .option('--force', 'ask again where an earlier run was refused (needs registration, unsupported); existing sender IDs stay as they are')
    .option('--strict', "the carriers' rules (length, letters, country rules) are errors, not warnings")
    .action(app.action(async (ctx, { opts }) => runSenderIdBulk(ctx, await parseBulkOptions(ctx, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['plan first: what exists, what needs registration', 'eum sender-id bulk --sender-id ACME --countries GB,DE,FR,IN,BR --dry-run'],
    ['two regions at once, at the default quota', 'eum sender-id bulk --sender-id ACME --countries-file countries.txt --regions us-east-1,eu-west-2'],
    ['a raised quota, from another program, for a script', 'my-country-list | eum sender-id bulk --sender-id ACME --countries - --rate 10 --json'],
    [
      'after Ctrl-C or a failure: the same command finishes the rest',
      'eum sender-id bulk --sender-id ACME --countries-file countries.txt --regions us-east-1,eu-west-2',
    ],
  ]);
}
