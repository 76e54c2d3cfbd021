/**
 * `eum sender-id bulk`: one sender ID in many countries and regions. Checked before any call;
 * then, per region in parallel: what exists (DescribeSenderIds), and RequestSenderId for the
 * rest at --rate with retries, a deterministic ClientToken, and a journal to resume from.
 */
import type { Command } from 'commander';
import type { PinpointSMSVoiceV2Client, SenderIdInformation } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../cli/errors.js';
import { translateAwsError } from '../../aws/errors.js';
import {
  checkSenderId,
  classifyCountry,
  clientToken,
  parseMessageTypes,
  parseTags,
  registrationHint,
  sortResults,
  summarize,
  type MessageType,
  type SenderIdResult,
  type SenderIdSummary,
} from '../../core/sender-id/plan.js';
import { checkSenderIdValue, collect, journalTarget, parseCountries, parseRate, resolveRegions } from './options.js';
import { BULK_ATTEMPTS } from './engine.js';
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
}

interface RawBulkOptions {
  senderId?: string;
  countries?: string;
  countriesFile?: string;
  exclude?: string;
  messageTypes?: string;
  tag: string[];
  deletionProtection: boolean;
  regions?: string;
  rate?: string;
  dryRun?: boolean;
  force?: boolean;
  strict?: boolean;
}

/** Every check before any call; problems are reported together (exit 2). Warnings go to stderr. */
export async function parseBulkOptions(ctx: Context, opts: RawBulkOptions): Promise<BulkOptions> {
  const problems: InputProblem[] = [];
  const senderId = checkSenderIdValue(opts.senderId, problems);
  const countries = await parseCountries(ctx, opts, problems);
  const messageTypes = parseMessageTypes(opts.messageTypes, problems);
  const tags = parseTags(opts.tag, problems);
  const rate = parseRate(opts.rate, problems);
  if (senderId && !problems.some((p) => p.field === '--sender-id')) {
    const findings = checkSenderId(senderId, countries, messageTypes);
    problems.push(...findings.errors);
    if (opts.strict) problems.push(...findings.warnings.map((w) => ({ ...w, message: `${w.message} (--strict)` })));
    else for (const w of findings.warnings) ctx.log.warn(`${w.field}: ${w.message}`);
  }
  const regions = problems.length ? [] : await resolveRegions(ctx, opts.regions, problems);
  if (problems.length) throw new InputError(problems, 'nothing was requested; fix the input and run again (see eum sender-id bulk --help)');
  return {
    senderId,
    countries,
    regions,
    messageTypes,
    tags,
    deletionProtection: opts.deletionProtection,
    rate,
    maxAttempts: ctx.globals.maxAttempts ?? BULK_ATTEMPTS,
    dryRun: opts.dryRun === true,
    force: opts.force === true,
  };
}

/** A journal line: the outcome the API gave for one (region, country). */
interface JournalEntry extends SenderIdResult {
  at: string;
}

function fromInfo(region: string, info: SenderIdInformation, status: 'created' | 'exists'): SenderIdResult {
  return {
    region,
    country: info.IsoCountryCode ?? '',
    senderId: info.SenderId ?? '',
    status,
    senderIdArn: info.SenderIdArn ?? null,
    monthlyLeasingPrice: info.MonthlyLeasingPrice ?? null,
    registered: info.Registered ?? null,
    error: null,
  };
}

/** Every sender ID with this value in the region (all pages). */
export async function describeSenderIds(client: PinpointSMSVoiceV2Client, filters: Array<{ Name: 'sender-id' | 'iso-country-code' | 'registered'; Values: string[] }>): Promise<SenderIdInformation[]> {
  const { DescribeSenderIdsCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out: SenderIdInformation[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeSenderIdsCommand({ Filters: filters.length ? filters : undefined, NextToken, MaxResults: 100 }));
    out.push(...(page.SenderIds ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** What an error answer means for one country. */
export function statusOfError(err: unknown): { status: SenderIdResult['status']; reason?: string } {
  const e = err as { name?: string; Reason?: string };
  if (e?.name === 'ValidationException' && e.Reason === 'SENDER_ID_REQUIRES_REGISTRATION') return { status: 'needs-registration' };
  if (e?.name === 'ValidationException' && (e.Reason === 'SENDER_ID_NOT_SUPPORTED' || e.Reason === 'DESTINATION_COUNTRY_BLOCKED')) return { status: 'unsupported' };
  if (e?.name === 'ConflictException' && e.Reason === 'RESOURCE_ALREADY_EXISTS') return { status: 'exists' };
  return { status: 'failed' };
}

export async function runSenderIdBulk(ctx: Context, o: BulkOptions): Promise<CommandResult<SenderIdBulkData>> {
  const { Journal, journalPath } = await import('../../store/journal.js');
  const journal = new Journal<JournalEntry>(journalPath(ctx.stateDir, 'sender-id', await journalTarget(ctx), o.senderId));
  try {
    return await bulk(ctx, o, journal);
  } finally {
    await journal.close();
  }
}

async function bulk(ctx: Context, o: BulkOptions, journal: import('../../store/journal.js').Journal<JournalEntry>): Promise<CommandResult<SenderIdBulkData>> {
  const started = Date.now();
  const key = (region: string, country: string) => `${region}/${country}`;
  const earlier = new Map<string, JournalEntry>();
  for (const e of await journal.read()) if (e.senderId === o.senderId) earlier.set(key(e.region, e.country), e);

  const results = new Map<string, SenderIdResult>();
  const toRequest = new Map<string, string[]>(o.regions.map((r) => [r, []]));
  const base = (region: string, country: string): SenderIdResult => ({ region, country, senderId: o.senderId, status: 'planned', senderIdArn: null, monthlyLeasingPrice: null, registered: null, error: null });

  // Known before any call: the country table says registration, or no sender IDs at all.
  const requestable: string[] = [];
  for (const country of o.countries) {
    const c = classifyCountry(country);
    if (c.kind === 'request') requestable.push(country);
    else for (const region of o.regions) results.set(key(region, country), { ...base(region, country), status: c.kind, error: c.reason });
  }

  // What exists, per region, in parallel.
  const existing = new Map<string, SenderIdInformation>();
  if (requestable.length) {
    if (!ctx.globals.quiet && !ctx.globals.json) ctx.log.info(`checking what exists in ${o.regions.join(', ')} ...`);
    await Promise.all(
      o.regions.map(async (region) => {
        const client = await ctx.smsFor(region);
        for (const info of await describeSenderIds(client, [{ Name: 'sender-id', Values: [o.senderId] }])) if (info.SenderId === o.senderId && info.IsoCountryCode) existing.set(key(region, info.IsoCountryCode), info);
      }),
    );
  }

  let resumed = 0;
  for (const region of o.regions) {
    for (const country of requestable) {
      const k = key(region, country);
      const info = existing.get(k);
      const before = earlier.get(k);
      if (info && !o.force) {
        // Created by an earlier run of this job: still "created" (the journal says so), else "exists".
        const status = before?.status === 'created' ? 'created' : 'exists';
        if (before?.status === 'created') resumed++;
        results.set(k, fromInfo(region, info, status));
      } else if (!o.force && before && (before.status === 'needs-registration' || before.status === 'unsupported')) {
        // The API said so on an earlier run; asking again would get the same answer.
        resumed++;
        results.set(k, { ...base(region, country), status: before.status, error: before.error });
      } else {
        toRequest.get(region)!.push(country);
        results.set(k, base(region, country));
      }
    }
  }
  const pending = [...toRequest.values()].reduce((n, l) => n + l.length, 0);
  if (resumed && !ctx.globals.json) ctx.log.info(`resuming: ${resumed} countries were done by an earlier run (journal)`);

  let interrupted = false;
  let unfinished = 0;
  if (!o.dryRun && pending > 0) {
    ({ interrupted, unfinished } = await requestAll(ctx, o, toRequest, pending, results, journal, key));
  }
  // An interrupted run reports what was done; what was not started stays for the next run.
  const all = sortResults(
    [...results.values()].filter((r) => !(interrupted && r.status === 'planned')),
    o.regions,
  );
  const summary = summarize(all);
  const secs = (Date.now() - started) / 1000;
  const notes: string[] = [];
  if (interrupted) notes.push(`interrupted: ${unfinished} ${unfinished === 1 ? 'country was' : 'countries were'} not requested; run the same command again to finish (nothing is requested twice)`);
  if (o.dryRun) notes.push(`dry run: ${summary.planned} to request; nothing was requested`);
  else if (!interrupted) notes.push(`${summary.total} in ${secs.toFixed(1)}s: ${summary.created} created, ${summary.exists} exist, ${summary.needsRegistration} need registration, ${summary.unsupported} unsupported, ${summary.failed} failed`);
  if (summary.failed) notes.push('run the same command again to retry the failed countries (those done are not requested again)');
  if (summary.needsRegistration) {
    const cc = [...new Set(all.filter((r) => r.status === 'needs-registration').map((r) => r.country))];
    notes.push(`needs registration: ${cc.join(', ')}; start with eum registration types --country ${cc[0]}`);
  }
  return {
    data: { results: all, summary },
    views: [resultsView(all), totalsView(summary)],
    notes,
    exitCode: interrupted ? ExitCode.Interrupted : summary.failed > 0 ? ExitCode.Failed : o.dryRun && summary.planned > 0 ? ExitCode.Pending : ExitCode.Ok,
  };
}

async function requestAll(
  ctx: Context,
  o: BulkOptions,
  toRequest: Map<string, string[]>,
  pending: number,
  results: Map<string, SenderIdResult>,
  journal: import('../../store/journal.js').Journal<JournalEntry>,
  key: (region: string, country: string) => string,
): Promise<{ interrupted: boolean; unfinished: number }> {
  const [{ RequestSenderIdCommand }, { runRegions }, { createProgress }] = await Promise.all([
    import('@aws-sdk/client-pinpoint-sms-voice-v2'),
    import('./engine.js'),
    import('../../cli/progress.js'),
  ]);
  const progress = createProgress(ctx, { label: `requesting ${o.senderId}`, total: pending, expectedRate: o.rate * o.regions.length });
  let done = 0;
  let failed = 0;
  try {
    return await runRegions<string, SenderIdResult>(
      ctx,
      o.regions.map((region) => ({ region, items: toRequest.get(region)! })),
      {
        rate: o.rate,
        maxAttempts: o.maxAttempts,
        async attempt(client, country, region) {
          try {
            const out = await client.send(
              new RequestSenderIdCommand({
                SenderId: o.senderId,
                IsoCountryCode: country,
                MessageTypes: o.messageTypes,
                DeletionProtectionEnabled: o.deletionProtection,
                Tags: o.tags.length ? o.tags : undefined,
                ClientToken: clientToken(o.senderId, country, region),
              }),
            );
            return fromInfo(region, out, 'created');
          } catch (err) {
            const { status } = statusOfError(err);
            if (status === 'exists') {
              // Made outside this job (or by a run whose answer was lost): report what is there.
              const [info] = await describeSenderIds(client, [
                { Name: 'sender-id', Values: [o.senderId] },
                { Name: 'iso-country-code', Values: [country] },
              ]).catch(() => []);
              return info ? fromInfo(region, info, 'exists') : { region, country, senderId: o.senderId, status: 'exists', senderIdArn: null, monthlyLeasingPrice: null, registered: null, error: null };
            }
            throw err;
          }
        },
        failed(err, country, region) {
          const { status } = statusOfError(err);
          const message = translateAwsError(err).message;
          const error = status === 'needs-registration' ? registrationHint(country) : message;
          return { region, country, senderId: o.senderId, status, senderIdArn: null, monthlyLeasingPrice: null, registered: null, error };
        },
        async onResult(result) {
          await journal.append([{ ...result, at: ctx.clock.now().toISOString() }]);
          results.set(key(result.region, result.country), result);
          done++;
          if (result.status === 'failed') failed++;
          progress.update(done, failed ? `${failed} failed` : undefined);
        },
      },
    );
  } finally {
    progress.stop();
  }
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
    .option('--force', 'request even where the sender ID exists or an earlier run was refused (the API still never creates one twice)')
    .option('--strict', "the carriers' rules (length, letters, country rules) are errors, not warnings")
    .action(app.action(async (ctx, { opts }) => runSenderIdBulk(ctx, await parseBulkOptions(ctx, opts as unknown as RawBulkOptions)), { interruptible: true }));
  app.examples(cmd, [
    ['plan first: what exists, what needs registration', 'eum sender-id bulk --sender-id ACME --countries GB,DE,FR,IN,BR --dry-run'],
    ['two regions at once, at the default quota', 'eum sender-id bulk --sender-id ACME --countries-file countries.txt --regions us-east-1,eu-west-2'],
    ['a raised quota, from another program, for a script', 'my-country-list | eum sender-id bulk --sender-id ACME --countries - --rate 10 --json'],
    ['after Ctrl-C or a failure: the same command finishes the rest', 'eum sender-id bulk --sender-id ACME --countries-file countries.txt --regions us-east-1,eu-west-2'],
  ]);
}
