/** `eum feedback report`: the OTP conversion report, from the local ledger. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../cli/errors.js';
import { DURATION_HINT, formatSeconds, parseDuration } from '../../core/feedback/duration.js';
import { GROUP_BY_VALUES, type GroupBy } from '../../core/feedback/snapshot.js';
import { buildReport, rateBar, type FeedbackReport, type ReportGroup } from '../../core/feedback/report.js';
import { contextLedger } from './ledger.js';

export interface FeedbackReportOptions {
  /** undefined: all time */
  sinceMs?: number;
  by: GroupBy;
}

export function parseFeedbackReportOptions(ctx: Context, opts: Record<string, unknown>): FeedbackReportOptions {
  const problems: InputProblem[] = [];
  const by = String(opts.by ?? 'country') as GroupBy;
  if (!GROUP_BY_VALUES.includes(by)) problems.push({ field: '--by', message: `must be one of ${GROUP_BY_VALUES.join(', ')}, got "${opts.by}"` });
  let sinceMs: number | undefined;
  const since = String(opts.since ?? '7d');
  if (since !== 'all') {
    const ms = parseDuration(since);
    if (ms === undefined) {
      const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(since) ? Date.parse(since) : Number.NaN;
      if (Number.isNaN(date)) problems.push({ field: '--since', message: `"${since}" is not a duration or a date: ${DURATION_HINT}, a date (2026-11-01), or all` });
      else sinceMs = date;
    } else sinceMs = ctx.clock.now().getTime() - ms;
  }
  if (problems.length) throw new InputError(problems, 'see eum feedback report --help');
  return { sinceMs, by };
}

const pct = (r: number | null) => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);

export async function runFeedbackReport(ctx: Context, options: FeedbackReportOptions): Promise<CommandResult<FeedbackReport>> {
  const ledger = await contextLedger(ctx);
  const snap = await ledger.scan({ sinceMs: options.sinceMs, groupBy: options.by });
  const report = buildReport(snap, options.by, options.sinceMs);
  const rows = report.groups.length > 1 ? [...report.groups, report.total] : report.groups;
  const plainRow = (g: ReportGroup) =>
    [g.key, g.sent, g.received, g.failed, g.pending, g.conversionRate ?? '', g.medianSecondsToReceived ?? '', g.p90SecondsToReceived ?? ''].join('\t');
  return {
    data: report,
    views: [
      {
        kind: 'custom',
        plain: () => report.groups.map(plainRow).join('\n') + (report.groups.length ? '\n' : ''),
        tty: (style, width) => {
          if (report.groups.length === 0) return `no messages sent with feedback ${options.sinceMs === undefined ? 'in the ledger' : `since ${report.since}`}\n`;
          const head = [options.by === 'config-set' ? 'config set' : options.by, 'sent', 'received', 'failed', 'pending', 'conversion', 'median', 'p90'];
          const cells = rows.map((g) => [g.key, String(g.sent), String(g.received), String(g.failed), String(g.pending), pct(g.conversionRate), formatSeconds(g.medianSecondsToReceived), formatSeconds(g.p90SecondsToReceived)]);
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
    notes: report.groups.length ? [`conversion = received / sent with feedback; median and p90: time from send to RECEIVED${report.since ? `; since ${report.since}` : ''}`] : [],
  };
}

export function registerFeedbackReport(parent: Command, app: App): void {
  const cmd = parent
    .command('report')
    .description('the OTP conversion report: per group, sent, RECEIVED, FAILED, pending, conversion, time to RECEIVED')
    .option('--since <duration|date|all>', 'messages sent since then (default 7d)')
    .option('--by <group>', `group by ${GROUP_BY_VALUES.join(', ')} (default country)`)
    .action(app.action(async (ctx, { opts }) => runFeedbackReport(ctx, parseFeedbackReportOptions(ctx, opts))));
  app.examples(cmd, [
    ['conversion per country over the last 7 days', 'eum feedback report'],
    ['per day over the last 30 days, as JSON', 'eum feedback report --since 30d --by day --json'],
    ['per configuration set', 'eum feedback report --by config-set'],
  ]);
}
