/** The conversion report: per group, sent with feedback, outcomes, conversion, time to RECEIVED. */
import { Outcome, type GroupBy, type LedgerSnapshot } from './snapshot.js';

export interface ReportGroup {
  /**
   * The group's value: ISO country, origination identity (one key per identity: an ARN counts as
   * its ID), configuration set, region, or UTC day (YYYY-MM-DD); null when none was given (AWS chose).
   */
  key: string | null;
  /** Messages sent with feedback enabled. */
  sent: number;
  received: number;
  failed: number;
  /** Set aside by `eum feedback expire`: the API refused the id for good. Not FAILED, not pending. */
  setAside: number;
  /** No outcome yet. */
  pending: number;
  /** received / sent, from 0 to 1 (null when nothing was sent). */
  conversionRate: number | null;
  /** received / (received + failed): over the messages with an outcome (null before any). */
  decidedConversionRate: number | null;
  /** Median and 90th percentile of the time from send to RECEIVED, in seconds (null without any). */
  medianSecondsToReceived: number | null;
  p90SecondsToReceived: number | null;
}

export interface FeedbackReport {
  by: GroupBy;
  /** Days (`--by day`) and dates are UTC. */
  timeZone: 'UTC';
  since: string | null;
  /** Only messages sent in this Region (`--region`); null: every Region. */
  region: string | null;
  groups: ReportGroup[];
  total: ReportGroup;
  /** Ledger lines that could not be read and were ignored (see stderr for their numbers). */
  damagedLines: number;
}

/** The value at quantile q (nearest rank) of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** The median of sorted values: the middle one, or the mean of the two middle ones. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Aggregates a snapshot grouped by `by` (the snapshot's `group` column must be built for it). */
export function buildReport(snap: LedgerSnapshot, by: GroupBy, sinceMs: number | undefined, region: string | null = null): FeedbackReport {
  const g = snap.groupNames.length;
  const sent = new Float64Array(g + 1);
  const received = new Float64Array(g + 1);
  const failed = new Float64Array(g + 1);
  const setAside = new Float64Array(g + 1);
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
    } else if (o === Outcome.Failed) {
      failed[k]++;
      failed[total]++;
    } else if (o === Outcome.Abandoned) {
      setAside[k]++;
      setAside[total]++;
    }
  }
  const row = (k: number, key: string | null): ReportGroup => {
    const lat = Float64Array.from(latencies[k]).sort();
    const mid = median(lat);
    const p90 = quantile(lat, 0.9);
    return {
      key,
      sent: sent[k],
      received: received[k],
      failed: failed[k],
      setAside: setAside[k],
      pending: sent[k] - received[k] - failed[k] - setAside[k],
      conversionRate: ratio(received[k], sent[k]),
      decidedConversionRate: ratio(received[k], received[k] + failed[k]),
      medianSecondsToReceived: mid === null ? null : Math.round(mid * 10) / 10,
      p90SecondsToReceived: p90 === null ? null : Math.round(p90 * 10) / 10,
    };
  };
  const groups: ReportGroup[] = [];
  // An empty origination or configuration set: none was given (AWS chose).
  for (let k = 0; k < g; k++) if (sent[k] > 0) groups.push(row(k, snap.groupNames[k] || null));
  if (by === 'day') groups.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  else groups.sort((a, b) => b.sent - a.sent || (a.key ?? '').localeCompare(b.key ?? ''));
  return {
    by,
    timeZone: 'UTC',
    since: sinceMs === undefined ? null : new Date(sinceMs).toISOString(),
    region,
    groups,
    total: row(total, 'total'),
    damagedLines: snap.damagedLines,
  };
}

/** A text bar for a rate from 0 to 1. */
export function rateBar(rate: number | null, width: number): string {
  if (rate === null || width <= 0) return '';
  const full = Math.round(rate * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}
