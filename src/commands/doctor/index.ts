/**
 * `eum doctor [--country CC]...`: one read-only report of what stands between this account and
 * sending, each problem with the command that fixes it. Exit 0 when nothing blocks, 1 otherwise.
 * The reasoning is in src/core/doctor/diagnose.ts, the reads in src/runtime/doctor.ts.
 */
import type { Command } from 'commander';
import type { Chalk } from 'chalk';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, InterruptedError, type InputProblem } from '../../errors.js';
import { countryFacts, isBlockedDestination } from '../../core/countries.js';
import type { DoctorProblem, DoctorReport } from '../../core/doctor/diagnose.js';
import { flag, parseOptions, shown } from '../../cli/options.js';

export interface DoctorOptions {
  countries: string[];
}

/** `--country`: repeatable, comma-separated, any case; every unknown code in one problem. */
const countriesFlag = flag((raw, problem): string[] => {
  const given = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
  const countries: string[] = [];
  const unknown: string[] = [];
  for (const part of given.flatMap((v) => v.split(','))) {
    const v = part.trim().toUpperCase();
    if (!v) continue;
    if (!/^[A-Z]{2}$/.test(v) || !(countryFacts(v) || isBlockedDestination(v))) unknown.push(shown(part.trim()));
    else if (!countries.includes(v)) countries.push(v);
  }
  if (unknown.length) problem(`not a country AWS End User Messaging SMS lists: ${unknown.join(', ')} (use ISO 3166-1 alpha-2 codes such as US, GB, DE)`);
  if (given.length && !countries.length && !unknown.length) problem('empty: give ISO country codes such as US or GB');
  return countries;
});

/** Parses the flags of `eum doctor`; every problem at once. */
export function parseDoctorOptions(opts: Record<string, unknown>): DoctorOptions {
  const problems: InputProblem[] = [];
  const { country: countries } = parseOptions({ country: countriesFlag }, opts, problems);
  if (problems.length) throw new InputError(problems);
  return { countries };
}

export async function runDoctor(ctx: Context, o: DoctorOptions): Promise<CommandResult<DoctorReport>> {
  const { readDoctorInput } = await import('../../runtime/doctor.js');
  const { diagnose } = await import('../../core/doctor/diagnose.js');
  const reads = await readDoctorInput(ctx, o.countries);
  if (ctx.signal.aborted) throw new InterruptedError();
  let report: DoctorReport;
  if (reads.ok) {
    report = diagnose(reads.input);
  } else {
    const { translateAwsError } = await import('../../aws/errors.js');
    const e = translateAwsError(reads.error);
    if (e instanceof InterruptedError) throw e;
    report = {
      ok: false,
      account: {
        ...reads.connection,
        tier: null,
        sandbox: false,
        verifiedNumbers: { verified: 0, pending: 0 },
        limits: [],
        textSpendLimit: null,
        textSpentThisMonth: null,
        protectAccountDefault: null,
      },
      countries: [],
      registrations: [],
      numbers: [],
      problems: [
        {
          code: e.code === 'NO_CREDENTIALS' || e.code === 'NO_REGION' ? e.code : 'CONNECTION_FAILED',
          severity: 'blocker',
          subject: 'account',
          message: `the account could not be read: ${e.message}`,
          fix: e.hint ?? null,
        },
      ],
    };
  }
  return {
    data: report,
    views: [{ kind: 'custom', tty: (style, width) => checklist(report, style, width), plain: () => findingLines(report) }],
    notes: [
      report.ok
        ? `nothing blocks sending${report.problems.length ? ` (${report.problems.length} warning${report.problems.length === 1 ? '' : 's'})` : ''}`
        : `${blockers(report).length} problem${blockers(report).length === 1 ? '' : 's'} block sending`,
    ],
    exitCode: report.ok ? ExitCode.Ok : ExitCode.Failed,
  };
}

const blockers = (r: DoctorReport) => r.problems.filter((p) => p.severity === 'blocker');

function connectionText(r: DoctorReport): string {
  const parts = [`Region ${r.account.region || '(none)'}`];
  parts.push(`profile ${r.account.profile ?? '(default chain)'}`);
  if (r.account.endpoint)
    parts.push(`endpoint ${r.account.endpoint}${r.account.endpointSource && r.account.endpointSource !== '--sim' ? ` (${r.account.endpointSource})` : ''}`);
  return parts.join(', ');
}

interface Line {
  status: 'ok' | 'warning' | 'blocker';
  check: string;
  subject: string;
  text: string;
  fix: string | null;
  /** The problems this check stands for (none when it passed). */
  problems: DoctorProblem[];
}

/** The report as checks, in the order they are shown: connection, tier, spend, countries, then the rest of the problems. */
function lines(r: DoctorReport): Line[] {
  const out: Line[] = [];
  const accountProblems = (codes: string[]) => r.problems.filter((p) => codes.includes(p.code) && p.subject === 'account');
  const worst = (ps: DoctorProblem[]): Line['status'] => (ps.some((p) => p.severity === 'blocker') ? 'blocker' : ps.length ? 'warning' : 'ok');
  const connection = r.problems.find((p) => ['NO_CREDENTIALS', 'NO_REGION', 'CONNECTION_FAILED'].includes(p.code));
  out.push({
    status: connection ? 'blocker' : 'ok',
    check: 'credentials',
    subject: 'account',
    text: connection ? connection.message : `credentials accepted: ${connectionText(r)}`,
    fix: connection?.fix ?? null,
    problems: connection ? [connection] : [],
  });
  if (connection) return out;
  const tierProblems = accountProblems(['SANDBOX', 'SANDBOX_NO_VERIFIED_NUMBER']);
  const v = r.account.verifiedNumbers;
  const verifiedMax = r.account.limits.find((l) => l.name === 'VERIFIED_DESTINATION_NUMBERS')?.max;
  out.push({
    status: worst(tierProblems),
    problems: tierProblems,
    check: 'tier',
    subject: 'account',
    text: r.account.sandbox
      ? `tier SANDBOX: verified destination numbers only (${v.verified} verified${v.pending ? `, ${v.pending} pending` : ''}${verifiedMax ? ` of at most ${verifiedMax}` : ''}) and simulator numbers`
      : `tier ${r.account.tier ?? 'unknown'}`,
    fix: r.problems.find((p) => p.code === 'SANDBOX' || p.code === 'SANDBOX_NO_VERIFIED_NUMBER')?.fix ?? null,
  });
  const s = r.account.textSpendLimit;
  const spendProblems = accountProblems(['SPEND_LIMIT_LOW', 'SPEND_LIMIT_ZERO']);
  out.push({
    status: worst(spendProblems),
    problems: spendProblems,
    check: 'spend-limit',
    subject: 'account',
    text: s
      ? `text spend limit USD ${s.enforcedLimit} a month (max USD ${s.maxLimit}${s.overridden ? ', overridden' : ''}); spent this month: unknown (not in the API)`
      : 'text spend limit: not reported',
    fix: r.problems.find((p) => p.code === 'SPEND_LIMIT_LOW' || p.code === 'SPEND_LIMIT_ZERO')?.fix ?? null,
  });
  const shown = new Set<DoctorProblem>();
  for (const c of r.countries) {
    const mine = r.problems.filter((p) => p.subject === c.country);
    for (const p of mine) shown.add(p);
    const carrier = c.carrier
      ? `${c.carrier.kind === 'shared-route' ? 'an AWS shared route' : `${c.carrier.kind === 'sender-id' ? 'sender ID' : (c.carrier.numberType ?? '').toLowerCase().replace('_', '-') + ' number'} ${c.carrier.value}`}, ${c.carrier.mps === null ? 'throughput unknown' : `${c.carrier.mps} parts/s`}`
      : '';
    const text =
      c.status === 'ok'
        ? `${c.name} (${c.country}): carried by ${carrier}`
        : c.status === 'simulator-only'
          ? `${c.name} (${c.country}): carried by ${carrier}, to destination simulator numbers only`
          : `${c.name} (${c.country}): no identity can send${c.carrier ? ` (${carrier} would, but it is blocked)` : ''}`;
    out.push({ status: worst(mine), check: 'country', subject: c.country, text, fix: null, problems: mine });
  }
  for (const p of r.problems) {
    if (shown.has(p) || ['SANDBOX', 'SANDBOX_NO_VERIFIED_NUMBER', 'SPEND_LIMIT_LOW', 'SPEND_LIMIT_ZERO'].includes(p.code)) continue;
    out.push({ status: p.severity, check: p.code.toLowerCase().replace(/_/g, '-'), subject: p.subject, text: p.message, fix: p.fix, problems: [p] });
  }
  return out;
}

/** Piped: one line per finding (a check that passed, or a problem): status, code, subject, message, fix, tab-separated. */
function findingLines(r: DoctorReport): string {
  const rows: string[][] = [];
  for (const l of lines(r)) {
    if (l.status === 'ok') rows.push(['ok', l.check.toUpperCase().replace(/-/g, '_'), l.subject, l.text, '']);
    for (const p of l.problems) rows.push([p.severity, p.code, p.subject, p.message, p.fix ?? '']);
  }
  return rows.map((row) => row.map((cell) => cell.replace(/[\t\n]/g, ' ')).join('\t')).join('\n');
}

/** Terminal: a checklist, then the fixes. */
function checklist(r: DoctorReport, style: InstanceType<typeof Chalk>, _width: number): string {
  const mark = { ok: style.green('✓'), warning: style.yellow('!'), blocker: style.red('✗') };
  const out: string[] = [];
  for (const l of lines(r)) out.push(`${mark[l.status]} ${l.text}`);
  if (r.problems.length) {
    out.push('', style.bold('To fix:'));
    for (const p of r.problems) {
      out.push(`${mark[p.severity]} ${p.message}`);
      for (const step of p.fix?.split('; ') ?? []) out.push(`    ${style.cyan(step.startsWith('eum ') ? `$ ${step}` : step)}`);
    }
  }
  return out.join('\n');
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

export function registerDoctor(program: Command, app: App): void {
  const cmd = program
    .command('doctor')
    .description(
      'what stands between this account and sending: credentials, tier, spend limit, the identity per country, registrations, numbers; each problem with its fix (read-only)',
    )
    .option('--country <CC>', 'a country you send to (repeatable or comma-separated; default: every country where the account has an identity)', collect)
    .action(app.action((ctx, { opts }) => runDoctor(ctx, parseDoctorOptions(opts))));
  app.examples(cmd, [
    ['the whole account', 'eum doctor'],
    ['can we reach these countries, and with what?', 'eum doctor --country US,GB --country DE'],
    ['in CI: fail the job when something blocks', 'eum doctor --country US --json > doctor.json'],
  ]);
}
