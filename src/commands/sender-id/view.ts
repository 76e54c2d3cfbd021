/** How sender-id results look on a terminal and when piped. */
import type { View } from '../../cli/output.js';
import type { SenderIdResult, SenderIdSummary } from '../../core/sender-id/plan.js';

/** Long errors are cut on a terminal (piped output and --json keep them whole). */
function shorten(v: unknown, max = 72): string {
  const s = v === null || v === undefined ? '' : String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One row per (region, country); piped: region, country, status, ARN, price, error. */
export function resultsView(
  results: Array<Pick<SenderIdResult, 'region' | 'country' | 'senderIdArn' | 'monthlyLeasingPrice' | 'error'> & { status: string }>,
): View {
  return {
    kind: 'table',
    columns: [
      { key: 'region', header: 'Region' },
      { key: 'country', header: 'Country' },
      { key: 'status', header: 'Status' },
      { key: 'senderIdArn', header: 'Sender ID ARN' },
      { key: 'monthlyLeasingPrice', header: 'USD/month', align: 'right' },
      { key: 'error', header: 'Error', format: (v) => shorten(v) },
    ],
    rows: results as unknown as Record<string, unknown>[],
    empty: 'Nothing to do.',
  };
}

/** The totals under the table, on a terminal only (piped output stays one row per line). */
export function totalsView(summary: SenderIdSummary): View {
  const parts: Array<[string, number]> = [
    ['created', summary.created],
    ['exist', summary.exists],
    ['need registration', summary.needsRegistration],
    ['unsupported', summary.unsupported],
    ['failed', summary.failed],
    ['unknown', summary.unknown],
    ['planned', summary.planned],
  ];
  return {
    kind: 'custom',
    plain: () => '',
    tty: (style) => {
      const counts = parts
        .filter(([, n]) => n > 0)
        .map(([label, n]) =>
          label === 'failed' || label === 'unknown'
            ? style.red(`${n} ${label}`)
            : `${n} ${label === 'exist' && n === 1 ? 'exists' : label === 'need registration' && n === 1 ? 'needs registration' : label}`,
        )
        .join(', ');
      return `${style.bold('Total')} ${summary.total}: ${counts || 'nothing'}\n${style.bold('Monthly leasing')} USD ${summary.monthlyLeasingTotal} (created and existing sender IDs)\n`;
    },
  };
}
