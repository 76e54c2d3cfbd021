/**
 * Origination identities as a send-many run uses them: where each reaches, at what throughput
 * (message parts per second), and which one a row goes out from. Pure.
 *
 * Default throughput per type and country when the service gives no `MessagingLimits`, from
 * data/service-facts/numbers.json (`throughput_mps`, sources sv-mps and sv-quotas; a test keeps
 * them equal): short code 100, toll-free 3, long code 10 (Canada 1), sender ID 10, shared routes
 * 20; a 10DLC number's rate is its campaign's, which the table does not give: 1 (the older rule
 * quoted there) unless `MessagingLimits` or `--mps` says otherwise.
 */

export type OriginatorKind = 'phone-number' | 'sender-id' | 'pool' | 'shared-route';

export interface Originator {
  /** What goes in OriginationIdentity (undefined for a shared route: the service picks). */
  identity?: string;
  /** Shown in the plan and results: the number, sender ID, pool id, or "shared route (CC)". */
  label: string;
  kind: OriginatorKind;
  numberType?: string;
  /** The country it sends in (phone numbers, sender IDs, shared routes); undefined: a pool, any of its members'. */
  isoCountryCode?: string;
  /** Countries a pool reaches (its members'); undefined: unknown, any. */
  countries?: string[];
  /** Message parts per second. */
  mps: number;
  /** Where `mps` comes from. */
  mpsSource: 'messaging-limits' | 'default' | 'mps-flag';
  optOutListName?: string;
}

/** One message per second to the same recipient (sv-quotas). */
export const PER_RECIPIENT_INTERVAL_MS = 1000;

/** The documented default MPS of an identity's type in a country. */
export function defaultMps(kind: OriginatorKind, numberType: string | undefined, iso: string | undefined): number {
  if (kind === 'sender-id') return 10;
  if (kind === 'shared-route' || kind === 'pool') return 20;
  switch (numberType) {
    case 'SHORT_CODE':
      return 100;
    case 'TOLL_FREE':
      return 3;
    case 'TEN_DLC':
      return 1;
    case 'LONG_CODE':
      return iso === 'CA' ? 1 : 10;
    case 'SIMULATOR':
      return 10;
    default:
      return 20;
  }
}

/** Whether an identity can send to a country. */
export function reaches(o: Originator, iso: string): boolean {
  if (o.kind === 'pool') return o.countries === undefined || o.countries.includes(iso);
  return o.isoCountryCode === iso;
}

/**
 * Picks the identity for each row: among those that reach its country, the one with the least
 * work so far (parts over its rate), so several identities fill in parallel at their own pace.
 */
export class OriginatorPicker {
  /** Work so far per identity (parts over its rate), by index in `originators` of its label's first appearance. */
  private readonly load: Float64Array;
  private readonly slot: Int32Array;
  /** Per country, the indexes of the identities that reach it (a row per call: no search, no string keys). */
  private readonly eligible = new Map<string, Int32Array>();

  constructor(private readonly originators: Originator[]) {
    this.load = new Float64Array(originators.length);
    const first = new Map<string, number>();
    this.slot = Int32Array.from(originators, (o, i) => {
      if (!first.has(o.label)) first.set(o.label, i);
      return first.get(o.label)!;
    });
  }

  /** The identity for a row of `parts` parts to `iso`, or undefined when none reaches it. */
  pick(iso: string, parts: number): Originator | undefined {
    let eligible = this.eligible.get(iso);
    if (!eligible) {
      eligible = Int32Array.from(this.originators.flatMap((o, i) => (reaches(o, iso) ? [i] : [])));
      this.eligible.set(iso, eligible);
    }
    let best = -1;
    let bestLoad = Infinity;
    for (let k = 0; k < eligible.length; k++) {
      const i = eligible[k];
      const l = this.load[this.slot[i]] + parts / this.originators[i].mps;
      if (l < bestLoad) {
        best = i;
        bestLoad = l;
      }
    }
    if (best < 0) return undefined;
    this.load[this.slot[best]] = bestLoad;
    return this.originators[best];
  }

  /** Seconds the busiest identity needs for its share, at its rate. */
  seconds(): number {
    let max = 0;
    for (const l of this.load) if (l > max) max = l;
    return max;
  }
}
