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
import type { BulkRun } from '../../runtime/bulk.js';
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

/** What earlier runs left: refusals to remember, and ClientTokens whose attempt has no known outcome. */
function readEarlier(entries: JournalEntry[], senderId: string, key: (region: string, country: string) => string) {
  const refused = new Map<string, SenderIdResult>();
  const tokens = new Map<string, string>();
  for (const e of entries) {
    if (e.senderId !== senderId) continue;
    const k = key(e.region, e.country);
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

async function bulk(ctx: Context, o: BulkOptions, journal: SenderIdJournal): Promise<CommandResult<SenderIdBulkData>> {
  const started = Date.now();
  const key = (region: string, country: string) => `${region}/${country}`;
  let entries: JournalEntry[];
  try {
    entries = await journal.read();
  } catch (err) {
    throw journalError(err, journal.location, true);
  }
  const earlier = readEarlier(entries, o.senderId, key);

  const results = new Map<string, SenderIdResult>();
  const toRequest: Array<{ region: string; country: string }> = [];
  const base = (region: string, country: string): SenderIdResult => ({
    region,
    country,
    senderId: o.senderId,
    status: 'planned',
    senderIdArn: null,
    monthlyLeasingPrice: null,
    registered: null,
    error: null,
  });

  // Known before any call: the country table says registration, or no sender IDs at all.
  const requestable: string[] = [];
  for (const country of o.countries) {
    const c = classifyCountry(country);
    if (c.kind === 'request') requestable.push(country);
    else for (const region of o.regions) results.set(key(region, country), { ...base(region, country), status: c.kind, error: c.reason });
  }

  // What exists, per region, in parallel, with the engine's attempts.
  const existing = new Map<string, SenderIdInfo>();
  if (requestable.length) {
    if (!ctx.globals.quiet && !ctx.globals.json) ctx.log.info(`checking what exists in ${o.regions.join(', ')} ...`);
    const { readWithRetry } = await import('../../runtime/bulk.js');
    await Promise.all(
      o.regions.map(async (region) => {
        const infos = await readWithRetry(ctx, (call) => describeSenderIds(call.client, { senderId: o.senderId }, { signal: call.signal }), {
          region,
          maxAttempts: o.maxAttempts,
        });
        for (const info of infos) if (info.senderId === o.senderId && info.country) existing.set(key(region, info.country), info);
      }),
    );
  }

  const warnings: string[] = [];
  let remembered = 0;
  for (const region of o.regions) {
    for (const country of requestable) {
      const k = key(region, country);
      const info = existing.get(k);
      const refused = earlier.refused.get(k);
      if (info) {
        // This run did not create it: it exists (whoever made it, whenever).
        results.set(k, fromInfo(region, info, 'exists'));
        if (!sameTypes(info.messageTypes, o.messageTypes)) {
          warnings.push(
            `${country} in ${region} exists with message types ${info.messageTypes.map((t) => t.toLowerCase()).join(', ') || 'none'}, not ${o.messageTypes.map((t) => t.toLowerCase()).join(', ')} as asked (release it and request it again to change them)`,
          );
        }
      } else if (!o.force && refused) {
        // The API said so on an earlier run; asking again would get the same answer.
        remembered++;
        results.set(k, { ...base(region, country), status: refused.status, error: refused.error });
      } else {
        toRequest.push({ region, country });
        results.set(k, base(region, country));
      }
    }
  }
  if (remembered && !ctx.globals.json)
    ctx.log.info(`${plural(remembered, 'country was', 'countries were')} refused by the API on an earlier run (journal); --force asks again`);
  for (const w of warnings) ctx.log.warn(w);

  // A ClientToken whose attempt had no known outcome, for a sender ID that exists: settled now, so
  // that after a release the next request gets a new token (the old one would replay "created").
  if (!o.dryRun) {
    const settle = [...earlier.tokens].filter(([k]) => existing.has(k));
    if (settle.length) {
      try {
        await journal.append(
          settle.map(([k, token]) => ({ ...results.get(k)!, kind: 'result' as const, token, settled: true, at: ctx.clock.now().toISOString() })),
        );
      } catch (err) {
        throw journalError(err, journal.location, false);
      }
      for (const [k] of settle) earlier.tokens.delete(k);
    }
  }

  let run: BulkRun | undefined;
  if (!o.dryRun && toRequest.length > 0) run = await requestAll(ctx, o, toRequest, results, journal, earlier.tokens, key);
  const interrupted = run?.interrupted ?? false;
  const stopped = run?.stopped;
  // An interrupted or stopped run reports what was done; what was not started stays for the next run.
  const all = sortResults(
    [...results.values()].filter((r) => !((interrupted || stopped !== undefined) && r.status === 'planned')),
    o.regions,
  );
  const summary = summarize(all);
  const secs = (Date.now() - started) / 1000;
  const notes: string[] = [];
  const unfinished = run?.unfinished ?? 0;
  if (stopped !== undefined) notes.push(`stopped: ${plural(unfinished, 'country was', 'countries were')} not requested`);
  else if (interrupted)
    notes.push(
      `interrupted: ${plural(unfinished, 'country was', 'countries were')} not requested; run the same command again to finish (nothing is requested twice)`,
    );
  if (o.dryRun) notes.push(`dry run: ${summary.planned} to request; nothing was requested`);
  else if (!interrupted && stopped === undefined) {
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
  let error: SenderIdBulkData['error'];
  if (stopped !== undefined) {
    const e = stopped instanceof EumError ? stopped : journalError(stopped, journal.location, false);
    error = { code: e.code, message: e.message };
    ctx.log.error(e.message);
    if (e.hint) notes.push(e.hint);
  }
  return {
    data: { results: all, summary, ...(error ? { error } : {}) },
    views: [resultsView(all), totalsView(summary)],
    notes,
    exitCode:
      stopped !== undefined
        ? ExitCode.Failed
        : interrupted
          ? ExitCode.Interrupted
          : summary.failed + summary.unknown > 0
            ? ExitCode.Failed
            : o.dryRun && summary.planned > 0
              ? ExitCode.Pending
              : ExitCode.Ok,
  };
}

async function requestAll(
  ctx: Context,
  o: BulkOptions,
  toRequest: Array<{ region: string; country: string }>,
  results: Map<string, SenderIdResult>,
  journal: SenderIdJournal,
  tokens: Map<string, string>,
  key: (region: string, country: string) => string,
): Promise<BulkRun> {
  const { runBulk, StopRun } = await import('../../runtime/bulk.js');
  const at = () => ctx.clock.now().toISOString();
  const usedToken = new Map<string, string>();
  // Tokens left by an earlier run whose attempt's outcome was not known.
  const resumed = new Set(tokens.keys());
  return runBulk<{ region: string; country: string }, SenderIdResult>(ctx, toRequest, {
    // The ClientToken makes RequestSenderId idempotent: a lost answer is asked again with the same token.
    idempotent: true,
    rate: o.rate,
    maxAttempts: o.maxAttempts,
    regionOf: (item) => item.region,
    progress: { label: `requesting ${o.senderId}`, total: toRequest.length },
    async call({ region, country }, call) {
      const k = key(region, country);
      let token = tokens.get(k);
      if (token === undefined) {
        token = newClientToken();
        tokens.set(k, token);
        try {
          await journal.append([{ kind: 'token', region, country, senderId: o.senderId, token, at: at() }]);
        } catch (err) {
          throw new StopRun(journalError(err, journal.location, false));
        }
      }
      usedToken.set(k, token);
      const request = (clientToken: string) =>
        requestSenderId(
          call.client,
          { senderId: o.senderId, country, messageTypes: o.messageTypes, deletionProtection: o.deletionProtection, tags: o.tags, clientToken },
          { signal: call.signal },
        );
      try {
        const info = await request(token);
        if (resumed.has(k)) {
          // A token from an earlier run replays that run's answer: make sure the sender ID is
          // still there (it may have been released since); if not, a new attempt with a new token.
          resumed.delete(k);
          const [now] = await describeSenderIds(call.client, { senderId: o.senderId, country }, { signal: call.signal });
          if (!now) {
            const fresh = newClientToken();
            try {
              await journal.append([
                {
                  region,
                  country,
                  senderId: o.senderId,
                  status: 'failed',
                  senderIdArn: null,
                  monthlyLeasingPrice: null,
                  registered: null,
                  error: 'gone since (released?)',
                  kind: 'result',
                  token,
                  settled: true,
                  at: at(),
                },
                { kind: 'token', region, country, senderId: o.senderId, token: fresh, at: at() },
              ]);
            } catch (err) {
              throw new StopRun(journalError(err, journal.location, false));
            }
            tokens.set(k, fresh);
            usedToken.set(k, fresh);
            return fromInfo(region, await request(fresh), 'created');
          }
        }
        return fromInfo(region, info, 'created');
      } catch (err) {
        if (statusOfError(err).status !== 'exists') throw err;
        // Made outside this run since it looked: report what is there.
        const [info] = await describeSenderIds(call.client, { senderId: o.senderId, country }, { signal: call.signal }).catch(() => []);
        return info
          ? fromInfo(region, info, 'exists')
          : {
              ...fromInfo(
                region,
                {
                  senderId: o.senderId,
                  country,
                  arn: null,
                  messageTypes: [],
                  monthlyLeasingPrice: null,
                  registered: null,
                  registrationId: null,
                  deletionProtection: null,
                },
                'exists',
              ),
            };
      }
    },
    async onOutcome({ region, country }, outcome) {
      const k = key(region, country);
      let result: SenderIdResult;
      let settled = true;
      if (outcome.kind === 'ok') result = outcome.value;
      else if (outcome.kind === 'unknown') {
        settled = false;
        result = {
          region,
          country,
          senderId: o.senderId,
          status: 'unknown',
          senderIdArn: null,
          monthlyLeasingPrice: null,
          registered: null,
          error: `${outcome.reason}; it may exist: the next run asks with the same ClientToken`,
        };
      } else {
        const { status } = statusOfError(outcome.error);
        settled = outcome.errorClass === 'permanent';
        const error = status === 'needs-registration' ? registrationHint(country) : translateAwsError(outcome.error).message;
        result = { region, country, senderId: o.senderId, status, senderIdArn: null, monthlyLeasingPrice: null, registered: null, error };
      }
      // In memory first: if the journal cannot be written, the summary still shows it.
      results.set(k, result);
      if (settled) tokens.delete(k);
      try {
        await journal.append([{ ...result, kind: 'result', token: usedToken.get(k), settled, at: at() }]);
      } catch (err) {
        throw journalError(err, journal.location, false);
      }
    },
  });
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
