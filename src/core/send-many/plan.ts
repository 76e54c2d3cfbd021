/**
 * The plan of a send-many run and the statuses of its rows. Pure.
 */
import { maskPhoneNumber } from '../mask.js';
import type { SpendCheck } from './prices.js';

/** What became of a row. `sent`, `opted-out`, `blocked` and `duplicate` are done; the others are not. */
export type RowStatus = 'sent' | 'opted-out' | 'blocked' | 'duplicate' | 'failed' | 'unknown' | 'skipped';

export const ROW_STATUSES: RowStatus[] = ['sent', 'opted-out', 'blocked', 'duplicate', 'failed', 'unknown', 'skipped'];

/** Rows deliberately not sent: the run can still exit 0. */
export function settled(status: RowStatus): boolean {
  return status === 'sent' || status === 'opted-out' || status === 'blocked' || status === 'duplicate';
}

/** One country's share of the plan. */
export interface PlanCountry {
  isoCountryCode: string;
  recipients: number;
  parts: number;
  /** The identities that send to it, with their share of its recipients (estimated by rate). */
  originators: Array<{ label: string; recipients: number }>;
  /** USD per part from the --prices file; null: not in it (or no file). */
  pricePerPart: number | null;
  /** USD for the parts this run sends there (none where Protect blocks the country); null: unknown. */
  price: number | null;
}

/** The JSON shape of the plan (`--dry-run --json` prints it with the rows' checks). */
export interface SendManyPlan {
  file: string;
  rows: number;
  /** Rows that would be sent by this run. */
  toSend: number;
  parts: number;
  duplicates: number;
  optedOut: number;
  blocked: number;
  /** Rows an earlier run of the same file and options already settled (sent) or left unknown. */
  alreadySent: number;
  alreadyUnknown: number;
  countries: PlanCountry[];
  originators: Array<{ label: string; kind: string; mps: number; mpsSource: string }>;
  /** Seconds the pacing implies (the busiest identity's parts over its rate). */
  estimatedSeconds: number;
  /** USD for this run's parts; null when a country's price is unknown. */
  estimatedPrice: number | null;
  /** USD for the parts to the countries whose price is known (all of it when `estimatedPrice` is not null). */
  estimatedPriceKnown: number;
  /** Countries of the plan with no price (not in the --prices file, or no file). */
  unpricedCountries: string[];
  /** The --prices file, or null. */
  prices: string | null;
  /** TEXT_MESSAGE_MONTHLY_SPEND_LIMIT in USD (the API does not say how much of it is spent). */
  monthlySpendLimit: number | null;
  /** The estimate against the monthly limit: `exceeds` stops a run before sending, unless --yes. */
  spendCheck: SpendCheck;
  journal: string;
  resume: boolean;
}

/** Splits `recipients` among identities by their rates (largest remainder), for the plan. */
export function shareByRate(recipients: number, originators: Array<{ label: string; mps: number }>): Array<{ label: string; recipients: number }> {
  const total = originators.reduce((a, o) => a + o.mps, 0);
  if (total <= 0 || originators.length === 0) return [];
  const raw = originators.map((o) => (recipients * o.mps) / total);
  const out = originators.map((o, i) => ({ label: o.label, recipients: Math.floor(raw[i]) }));
  let left = recipients - out.reduce((a, o) => a + o.recipients, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i].recipients++;
    left--;
  }
  return out;
}

/** "2 h 5 min", "3 min 20 s", "12 s". */
export function formatSeconds(s: number): string {
  const t = Math.ceil(s);
  if (t >= 3600) return `${Math.floor(t / 3600)} h ${Math.round((t % 3600) / 60)} min`;
  if (t >= 60) return `${Math.floor(t / 60)} min ${t % 60} s`;
  return `${t} s`;
}

/** An origination identity's label as messages show it: a phone number masked; sender IDs, pools and shared routes as they are. */
export function shownIdentity(label: string): string {
  return /^\+\d+$/.test(label) ? maskPhoneNumber(label) : label;
}

/**
 * The rate of each origination identity for the progress line, busiest first: "+*******0100 2.9/s,
 * ACME (DE) 10/s, 3 more". Phone numbers are masked; `shown` identities at most.
 */
export function identityRates(sent: Iterable<[label: string, count: number]>, seconds: number, shown = 3): string {
  const all = [...sent].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const s = Math.max(seconds, 0.001);
  const rate = (n: number) => {
    const r = n / s;
    return r >= 10 ? String(Math.round(r)) : r.toFixed(1);
  };
  const parts = all.slice(0, shown).map(([label, n]) => `${shownIdentity(label)} ${rate(n)}/s`);
  if (all.length > shown) parts.push(`${all.length - shown} more`);
  return parts.join(', ');
}
