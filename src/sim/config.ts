/** How a simulator behaves: quotas, injected faults and latency. */
export interface SimConfig {
  /** Token buckets at the service's default request rates on/off. */
  quotas: boolean;
  /** Multiplies the default rates (default 1). */
  quotaScale: number;
  /** Uniform random delay per request, [min, max] milliseconds. */
  latencyMs?: [number, number];
  /** 0..1: answer InternalServerException at random. */
  failRate: number;
  /** 0..1: answer ThrottlingException at random. */
  throttleRate: number;
  /** Stored only; registration types are loaded from here by the registration domain. */
  registrationTypesDir?: string;
  /** The preset a fresh account starts from (default `ready`); see state.ts. */
  account?: 'new' | 'ready';
  /** `s3://bucket/key` attachment URLs are read from DIR/bucket/key. */
  s3Dir?: string;
  /** With it, delivery events are appended as JSON lines under DIR (src/sim/events.ts). */
  eventsDir?: string;
  /** 0..1: the share of deliveries that fail (TEXT_UNREACHABLE) after being accepted; default 0. */
  deliveryFailureRate?: number;
  /** Sets the account tier of every region this server serves (`--tier`), over the preset's. */
  tier?: 'SANDBOX' | 'PRODUCTION';
  /**
   * US dollars a month: every spend limit's maximum (`--max-spend-limit`), over the preset's, as
   * AWS Support raises it on request; a limit not overridden (SetTextMessageSpendLimitOverride) is
   * enforced at it.
   */
  maxSpendLimit?: number;
}
