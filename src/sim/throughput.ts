/**
 * Throughput of origination identities: messages (parts) per second from the MPS table of
 * data/service-facts/numbers.json (`throughput_mps`), and the model's `MessagingLimits` shape that
 * DescribePhoneNumbers and DescribeSenderIds return. Values the sources do not give are
 * synthesized (see src/sim/README.md, "Resources").
 */

export type ThroughputCapability = 'SMS' | 'MMS' | 'VOICE';

export interface ThroughputIdentity {
  kind: 'phone-number' | 'sender-id' | 'pool' | 'shared-route';
  /** The phone number's NumberType (phone numbers only). */
  numberType?: string;
  isoCountryCode: string;
  capability?: ThroughputCapability;
}

/** The model's MessagingLimits: rate limits per capability and daily caps per carrier. */
export interface MessagingLimits {
  RateLimits: Record<string, number>;
  DailyMessageCaps: Record<string, number>;
}

/** Synthesized: a 10DLC campaign's throughput (the sources say "determined by your approved campaign"). */
export const TEN_DLC_CAMPAIGN_MPS = 10;
/** Synthesized: a SIMULATOR number sends as a long code outside Canada does. */
export const SIMULATOR_MPS = 10;
/** Shared routes and customer-owned numbers without a row (sv-mps). */
export const SHARED_ROUTE_MPS = 20;
/** Customer-defined sender IDs (sv-mps). */
export const SENDER_ID_MPS = 10;

/** SMS and MMS message parts per second of a phone number type in a country; 0 = not supported. */
function numberMps(numberType: string, iso: string): { SMS: number; MMS: number } {
  switch (numberType) {
    case 'SHORT_CODE':
      return { SMS: 100, MMS: iso === 'US' || iso === 'CA' ? 40 : 0 };
    case 'TOLL_FREE':
      return { SMS: 3, MMS: 3 };
    case 'TEN_DLC':
      return { SMS: TEN_DLC_CAMPAIGN_MPS, MMS: 1 };
    case 'LONG_CODE':
      return iso === 'CA' ? { SMS: 1, MMS: 1 } : { SMS: 10, MMS: iso === 'US' ? 1 : 0 };
    case 'SIMULATOR':
      return { SMS: SIMULATOR_MPS, MMS: 0 };
    default:
      return { SMS: SHARED_ROUTE_MPS, MMS: 0 };
  }
}

/**
 * Messages per second an identity may send. Voice has no published rate: it gets the SMS rate
 * (synthesized). A pool has no rate of its own (its member that sends carries it); asked for a
 * pool, this answers the shared-route rate.
 */
export function mpsFor(identity: ThroughputIdentity): number {
  const capability = identity.capability ?? 'SMS';
  let rates: { SMS: number; MMS: number };
  if (identity.kind === 'phone-number') rates = numberMps(identity.numberType ?? 'LONG_CODE', identity.isoCountryCode.toUpperCase());
  else if (identity.kind === 'sender-id') rates = { SMS: SENDER_ID_MPS, MMS: 0 };
  else rates = { SMS: SHARED_ROUTE_MPS, MMS: 0 };
  if (capability === 'MMS') return rates.MMS;
  return rates.SMS;
}

/** MessagingLimits of a phone number or sender ID: a rate per capability it has. */
export function messagingLimitsFor(identity: {
  kind: 'phone-number' | 'sender-id';
  numberType?: string;
  isoCountryCode: string;
  capabilities?: string[];
}): MessagingLimits {
  const capabilities = identity.capabilities ?? ['SMS'];
  const RateLimits: Record<string, number> = {};
  for (const c of capabilities) {
    if (c !== 'SMS' && c !== 'MMS' && c !== 'VOICE') continue;
    const mps = mpsFor({ ...identity, capability: c });
    if (mps > 0) RateLimits[c] = mps;
  }
  return { RateLimits, DailyMessageCaps: {} };
}
