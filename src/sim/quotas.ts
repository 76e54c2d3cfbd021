/**
 * Request-rate quotas: a token bucket per operation and region, at the service's default rates.
 *
 * Source: "Quotas for AWS End User Messaging SMS", table "Requests Per Second (RPS) quota for each
 * resource of the AWS End User Messaging SMS and Voice v2 API",
 * https://docs.aws.amazon.com/sms-voice/latest/userguide/quotas.html (read in the c2hans/aws-docs
 * mirror, docs/sms-voice/latest/userguide/quotas.md @ 2b828ab1). Every operation there is 1 request
 * per second except these; an operation the table does not list gets 1 as well.
 */
const DEFAULT_RPS = 1;
export const PUBLISHED_RPS: Record<string, number> = {
  DeleteOptedOutNumber: 10,
  ListTagsForResource: 10,
  PutMessageFeedback: 20,
  PutOptedOutNumber: 10,
};

/**
 * AWS does not publish burst sizes. A bucket holds two seconds' worth of requests (at least 2),
 * so a client pacing itself at the quota never sees a throttle, while a burst does.
 */
const BURST_SECONDS = 2;
const MIN_BURST = 2;

/**
 * Sends are not limited by the request-rate table: their throughput is the origination identity's
 * messages per second (`mps.ts`), which reaches 100 for a short code and could not if the API
 * allowed one SendTextMessage request a second. (Synthesized: the table does not list them.)
 */
export const MPS_GOVERNED = new Set([
  'SendTextMessage',
  'SendMediaMessage',
  'SendVoiceMessage',
  'SendRcsMessage',
  'SendNotifyTextMessage',
  'SendNotifyVoiceMessage',
]);

export interface QuotaSettings {
  quotas: boolean;
  quotaScale: number;
}

/** Requests per second for the operation; Infinity for sends, which `mps.ts` paces instead. */
export function rateFor(operation: string, scale: number): number {
  if (MPS_GOVERNED.has(operation)) return Number.POSITIVE_INFINITY;
  return (PUBLISHED_RPS[operation] ?? DEFAULT_RPS) * scale;
}

interface Bucket {
  tokens: number;
  updated: number;
  rate: number;
  capacity: number;
}

export class QuotaBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly settings: QuotaSettings,
    private readonly now: () => number,
  ) {}

  /** Takes a token for the operation in the region; false when the quota is exceeded. */
  take(operation: string, region: string): boolean {
    if (!this.settings.quotas || MPS_GOVERNED.has(operation)) return true;
    const key = `${region}\u0000${operation}`;
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      const rate = rateFor(operation, this.settings.quotaScale);
      const capacity = Math.max(MIN_BURST, rate * BURST_SECONDS);
      b = { tokens: capacity, updated: t, rate, capacity };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(b.capacity, b.tokens + ((t - b.updated) / 1000) * b.rate);
    b.updated = t;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
