/**
 * `eum sender-id release`: ReleaseSenderId in many countries and regions, at --rate with retries.
 * A sender ID under deletion protection is reported as `protected`, with what to do; one already
 * gone is `not-found` (a rerun after an interruption is safe).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { plural, sortResults, sumPrices } from '../../core/sender-id/plan.js';
import { releaseSenderId } from '../../aws/sender-ids.js';
import { parseOptions } from '../../cli/options.js';
import { countrySourceFlags, defaultRegions, parseCountries, rateFlag, regionsFlag, senderIdFlag } from './options.js';
import { BULK_ATTEMPTS } from '../../runtime/bulk.js';
import { resultsView } from './view.js';

export type ReleaseStatus = 'released' | 'not-found' | 'protected' | 'failed' | 'unknown';

export interface ReleaseResult {
  region: string;
  country: string;
  senderId: string;
  status: ReleaseStatus;
  senderIdArn: string | null;
  monthlyLeasingPrice: string | null;
  error: string | null;
}

export interface SenderIdReleaseData {
  results: ReleaseResult[];
  summary: { total: number; released: number; notFound: number; protected: number; failed: number; unknown: number; monthlyLeasingReleased: string };
}

interface ReleaseOptions {
  senderId: string;
  countries: string[];
  regions: string[];
  rate: number;
  maxAttempts: number;
}

/** The flags of `eum sender-id release`, each with its type and check. */
const releaseFlags = { senderId: senderIdFlag(true), ...countrySourceFlags };
const releaseRateFlags = { rate: rateFlag(), regions: regionsFlag };

export async function parseReleaseOptions(ctx: Context, opts: Record<string, unknown>): Promise<ReleaseOptions> {
  const problems: InputProblem[] = [];
  const target = parseOptions(releaseFlags, opts, problems);
  const countries = await parseCountries(ctx, target, problems);
  const o = parseOptions(releaseRateFlags, opts, problems);
  const regions = o.regions ?? (problems.length ? [] : await defaultRegions(ctx, problems));
  if (problems.length) throw new InputError(problems, 'nothing was released; fix the input and run again (see eum sender-id release --help)');
  return { senderId: target.senderId!, countries, regions, rate: o.rate, maxAttempts: ctx.globals.maxAttempts ?? BULK_ATTEMPTS };
}

function outcomeOf(err: unknown, senderId: string, country: string, region: string): { status: ReleaseStatus; error: string } {
  const e = err as { name?: string; Reason?: string };
  if (e?.name === 'ResourceNotFoundException') return { status: 'not-found', error: 'no such sender ID here (already released?)' };
  if (e?.name === 'ConflictException' && e.Reason === 'DELETION_PROTECTION_ENABLED') {
    return {
      status: 'protected',
      error: `deletion protection is on; turn it off first: aws pinpoint-sms-voice-v2 update-sender-id --sender-id ${senderId} --iso-country-code ${country} --no-deletion-protection-enabled --region ${region}`,
    };
  }
  return { status: 'failed', error: translateAwsError(err).message };
}

export async function runSenderIdRelease(ctx: Context, o: ReleaseOptions): Promise<CommandResult<SenderIdReleaseData>> {
  const total = o.countries.length * o.regions.length;
  const confirmed = await ctx.confirm(
    `release sender ID ${o.senderId} in ${plural(o.countries.length, 'country', 'countries')} (${o.regions.join(', ')})? Released sender IDs must be requested (and registered) again.`,
  );
  if (!confirmed) {
    return {
      data: { results: [], summary: { total: 0, released: 0, notFound: 0, protected: 0, failed: 0, unknown: 0, monthlyLeasingReleased: '0.00' } },
      notes: ['nothing released'],
      exitCode: ExitCode.Ok,
    };
  }
  const { runBulk } = await import('../../runtime/bulk.js');
  const results: ReleaseResult[] = [];
  const items = o.regions.flatMap((region) => o.countries.map((country) => ({ region, country })));
  const run = await runBulk(ctx, items, {
    // A repeated release finds nothing (not found): safe to try again after a lost answer.
    idempotent: true,
    rate: o.rate,
    maxAttempts: o.maxAttempts,
    regionOf: (item) => item.region,
    progress: { label: `releasing ${o.senderId}`, total },
    call: async ({ country }, call) => releaseSenderId(call.client, o.senderId, country, { signal: call.signal }),
    onOutcome({ region, country }, outcome) {
      const base = { region, country, senderId: o.senderId, senderIdArn: null, monthlyLeasingPrice: null };
      if (outcome.kind === 'ok')
        results.push({ ...base, status: 'released', senderIdArn: outcome.value.arn, monthlyLeasingPrice: outcome.value.monthlyLeasingPrice, error: null });
      else if (outcome.kind === 'unknown') results.push({ ...base, status: 'unknown', error: `${outcome.reason}; run the same command again to find out` });
      else {
        const r = outcomeOf(outcome.error, o.senderId, country, region);
        // Not found after an attempt whose answer was lost: that attempt released it.
        if (r.status === 'not-found' && outcome.attempts > 1) results.push({ ...base, status: 'released', error: null });
        else results.push({ ...base, ...r });
      }
    },
  });
  const sorted = sortResults(results, o.regions);
  const count = (s: ReleaseStatus) => sorted.filter((r) => r.status === s).length;
  const summary = {
    total: sorted.length,
    released: count('released'),
    notFound: count('not-found'),
    protected: count('protected'),
    failed: count('failed'),
    unknown: count('unknown'),
    monthlyLeasingReleased: sumPrices(sorted.filter((r) => r.status === 'released').map((r) => r.monthlyLeasingPrice)),
  };
  const notes = [
    `${run.interrupted ? 'interrupted: ' : ''}released ${summary.released} of ${total} (USD ${summary.monthlyLeasingReleased} a month), ${summary.notFound} not found, ${summary.protected} protected, ${summary.failed} failed${summary.unknown ? `, ${summary.unknown} unknown` : ''}`,
  ];
  if (run.interrupted) notes.push(`${plural(run.unfinished, 'sender ID', 'sender IDs')} not released yet; run the same command again to finish`);
  if (summary.protected) notes.push('protected sender IDs were kept: turn deletion protection off (see the error column), then run the same command again');
  return {
    data: { results: sorted, summary },
    views: [resultsView(sorted)],
    notes,
    exitCode: run.interrupted ? ExitCode.Interrupted : summary.failed + summary.protected + summary.unknown > 0 ? ExitCode.Failed : ExitCode.Ok,
  };
}

export function registerSenderIdRelease(parent: Command, app: App): void {
  const cmd = parent
    .command('release')
    .description('release a sender ID in many countries and regions (rate-limited; asks first unless --yes)')
    .option('--sender-id <id>', 'the sender ID to release')
    .option('--countries <list>', 'ISO country codes, e.g. GB,DE,FR; - reads them from stdin')
    .option('--countries-file <file>', 'a file of country codes (commas, spaces or lines; # comments)')
    .option('--exclude <list>', 'country codes to leave out')
    .option('--regions <list>', 'AWS Regions, in parallel (default: --region / AWS_REGION)')
    .option('--rate <n>', 'ReleaseSenderId calls per second in each region (default 1)')
    .action(app.action(async (ctx, { opts }) => runSenderIdRelease(ctx, await parseReleaseOptions(ctx, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['release in three countries, after confirming', 'eum sender-id release --sender-id ACME --countries GB,DE,FR'],
    [
      'in a script (no prompt), two regions',
      'eum sender-id release --sender-id ACME --countries-file countries.txt --regions us-east-1,eu-west-2 --yes --json',
    ],
  ]);
}
