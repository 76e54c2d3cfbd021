/** The conversion report: per group, sent with feedback, outcomes, conversion, time to RECEIVED. */
import { Outcome, type GroupBy, type LedgerSnapshot } from './snapshot.js';

export interface ReportGroup {
  /** The group's value: ISO country, origination identity, configuration set, region, or day (YYYY-MM-DD); `(none)` when not given. */
  key: string;
  /** Messages sent with feedback enabled. */
  sent: number;
  received: number;
  failed: number;
  /** No outcome yet. */
  pending: number;
  /** received / sent, from 0 to 1 (null when nothing was sent). */
  conversionRate: number | null;
  /** Median and 90th percentile of the time from send to RECEIVED, in seconds (null without any). */
  medianSecondsToReceived: number | null;
  p90SecondsToReceived: number | null;
}

export interface FeedbackReport {
  by: GroupBy;
  since: string | null;
  groups: ReportGroup[];
  total: ReportGroup;
}

/** The value at quantile q (nearest rank) of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Aggregates a snapshot grouped by `by` (the snapshot's `group` column must be built for it). */
export function buildReport(snap: LedgerSnapshot, by: GroupBy, sinceMs: number | undefined): FeedbackReport {
  const g = snap.groupNames.length;
  const sent = new Float64Array(g + 1);
  const received = new Float64Array(g + 1);
  const failed = new Float64Array(g + 1);
  const latencies: number[][] = Array.from({ length: g + 1 }, () => []);
  const total = g;
  for (let i = 0; i < snap.count; i++) {
    if (snap.feedback[i] !== 1) continue;
    if (sinceMs !== undefined && snap.sentMs[i] < sinceMs) continue;
    const k = snap.group[i];
    sent[k]++;
    sent[total]++;
    const o = snap.outcome[i];
    if (o === Outcome.Received) {
      received[k]++;
      received[total]++;
      const secs = Math.max(0, (snap.outcomeMs[i] - snap.sentMs[i]) / 1000);
      latencies[k].push(secs);
      latencies[total].push(secs);
    } else if (o === Outcome.Failed || o === Outcome.Abandoned) {
      failed[k]++;
      failed[total]++;
    }
  }
  const row = (k: number, key: string): ReportGroup => {
    const lat = Float64Array.from(latencies[k]).sort();
    const median = quantile(lat, 0.5);
    const p90 = quantile(lat, 0.9);
    return {
      key,
      sent: sent[k],
      received: received[k],
      failed: failed[k],
      pending: sent[k] - received[k] - failed[k],
      conversionRate: sent[k] ? Math.round((received[k] / sent[k]) * 10_000) / 10_000 : null,
      medianSecondsToReceived: median === null ? null : Math.round(median * 10) / 10,
      p90SecondsToReceived: p90 === null ? null : Math.round(p90 * 10) / 10,
    };
  };
  const groups: ReportGroup[] = [];
  // An empty origination or configuration set: none was given (AWS chose).
  for (let k = 0; k < g; k++) if (sent[k] > 0) groups.push(row(k, snap.groupNames[k] || '(none)'));
  if (by === 'day') groups.sort((a, b) => a.key.localeCompare(b.key));
  else groups.sort((a, b) => b.sent - a.sent || a.key.localeCompare(b.key));
  return { by, since: sinceMs === undefined ? null : new Date(sinceMs).toISOString(), groups, total: row(total, 'total') };
}

/** A text bar for a rate from 0 to 1. */
export function rateBar(rate: number | null, width: number): string {
  if (rate === null || width <= 0) return '';
  const full = Math.round(rate * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}
