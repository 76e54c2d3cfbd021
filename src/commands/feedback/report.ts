/** `eum feedback report`: the OTP conversion report, from the local ledger. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { flagSchemas, parseOptions } from '../../cli/options.js';
import { checkDuration, DURATION_HINT, formatSeconds } from '../../core/feedback/duration.js';
import { GROUP_BY_VALUES, type GroupBy } from '../../core/feedback/snapshot.js';
import { buildReport, rateBar, type FeedbackReport, type ReportGroup } from '../../core/feedback/report.js';

export interface FeedbackReportOptions {
  /** undefined: all time */
  sinceMs?: number;
  by: GroupBy;
  /** Only messages sent in this Region (--region); undefined: every Region. */
  region?: string;
}

export function parseFeedbackReportOptions(ctx: Context, opts: Record<string, unknown>): FeedbackReportOptions {
  const problems: InputProblem[] = [];
  const by = parseOptions({ by: flagSchemas.oneOf(GROUP_BY_VALUES, { fallback: 'country' }) }, opts, problems).by as GroupBy;
  let sinceMs: number | undefined;
  const since = String(opts.since ?? '7d');
  const shown = since.slice(0, 40);
  if (since !== 'all') {
    const checked = checkDuration(since);
    if (typeof checked === 'number') sinceMs = ctx.clock.now().getTime() - checked;
    else if (/^\d+(\.\d+)?[smhdw]/i.test(since.trim())) problems.push({ field: '--since', message: `"${shown}" ${checked}` });
    else {
      // A UTC date (2026-11-01) or an ISO time.
      const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(since) ? Date.parse(/T/.test(since) ? since : `${since}T00:00:00Z`) : Number.NaN;
      if (Number.isNaN(date))
        problems.push({ field: '--since', message: `"${shown}" is not a duration or a date: ${DURATION_HINT}, a UTC date (2026-11-01), or all` });
      else sinceMs = date;
    }
  }
  if (problems.length) throw new InputError(problems, 'see eum feedback report --help');
  return { sinceMs, by, region: ctx.globals.region };
}

const pct = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);

export async function runFeedbackReport(ctx: Context, options: FeedbackReportOptions): Promise<CommandResult<FeedbackReport>> {
  const { ledgerFor, damageWarnings } = await import('../../store/ledger/index.js');
  const ledger = ledgerFor(ctx.stateDir, ctx.globals);
  const snap = await ledger.scan({ sinceMs: options.sinceMs, groupBy: options.by, region: options.region });
  for (const w of damageWarnings(snap, ledger.location)) ctx.log.warn(w);
  const report = buildReport(snap, options.by, options.sinceMs, options.region ?? null);
  const rows = report.groups.length > 1 ? [...report.groups, report.total] : report.groups;
  const none = (k: string | null) => k ?? '(none)';
  const plainRow = (g: ReportGroup) =>
    [
      g.key ?? '',
      g.sent,
      g.received,
      g.failed,
      g.setAside,
      g.pending,
      g.conversionRate ?? '',
      g.decidedConversionRate ?? '',
      g.medianSecondsToReceived ?? '',
      g.p90SecondsToReceived ?? '',
    ].join('\t');
  const scope = [report.since ? `since ${report.since}` : '', report.region ? `Region ${report.region}` : ''].filter(Boolean).join(', ');
  return {
    data: report,
    views: [
      {
        kind: 'custom',
        plain: () => report.groups.map(plainRow).join('\n') + (report.groups.length ? '\n' : ''),
        tty: (style, width) => {
          if (report.groups.length === 0) return `no messages sent with feedback ${scope ? scope : 'in the ledger'}\n`;
          const head = [
            options.by === 'config-set' ? 'config set' : options.by === 'day' ? 'day (UTC)' : options.by,
            'sent',
            'received',
            'failed',
            'set aside',
            'pending',
            'conversion',
            'of decided',
            'median',
            'p90',
          ];
          const cells = rows.map((g) => [
            none(g.key),
            String(g.sent),
            String(g.received),
            String(g.failed),
            String(g.setAside),
            String(g.pending),
            pct(g.conversionRate),
            pct(g.decidedConversionRate),
            formatSeconds(g.medianSecondsToReceived),
            formatSeconds(g.p90SecondsToReceived),
          ]);
          const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
          const used = widths.reduce((a, b) => a + b + 2, 0);
          // Some terminals report no width (0): assume 80 columns.
          const barWidth = Math.max(0, Math.min(30, (width > 0 ? width : 80) - used - 2));
          const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
          let out = `${style.bold(line(head))}\n`;
          rows.forEach((g, i) => {
            const text = line(cells[i]);
            out += `${g === report.total ? style.bold(text) : text}  ${style.green(rateBar(g.conversionRate, barWidth))}\n`;
          });
          return out;
        },
      },
    ],
    notes: report.groups.length
      ? [
          `conversion = received / sent; of decided = received / (received + failed); set aside: refused for good by the API, not failed; median, p90: send to RECEIVED; days are UTC${scope ? `; ${scope}` : ''}`,
        ]
      : [],
  };
}

export function registerFeedbackReport(parent: Command, app: App): void {
  const cmd = parent
    .command('report')
    .description('the OTP conversion report: per group, sent, RECEIVED, FAILED, set aside, pending, conversion, time to RECEIVED')
    .option('--since <duration|date|all>', 'messages sent since then (default 7d; a date is a UTC day)')
    .option('--by <group>', `group by ${GROUP_BY_VALUES.join(', ')} (default country; day is a UTC day)`)
    .action(app.action(async (ctx, { opts }) => runFeedbackReport(ctx, parseFeedbackReportOptions(ctx, opts))));
  app.examples(cmd, [
    ['conversion per country over the last 7 days', 'eum feedback report'],
    ['per UTC day over the last 30 days, as JSON', 'eum feedback report --since 30d --by day --json'],
    ['per configuration set, messages sent in one Region', 'eum feedback report --by config-set --region eu-west-2'],
  ]);
}
