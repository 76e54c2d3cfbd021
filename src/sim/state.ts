/**
 * The simulator's state: one JSON-serialisable object, per AWS Region a section per domain.
 * Times are epoch milliseconds. A domain added later (registrations, Protect, ...) adds its field to
 * RegionState and its factory to REGION_SECTIONS; state files written before it get the default
 * on load (normalizeState), so old files keep working.
 */
import { createHash } from 'node:crypto';
import { allCountries } from '../core/countries.js';
import type { EventsSection } from './events.js';
import type { NotifyConfigurationRecord } from './ops/notify.js';
import type { RcsAgentRecord } from './ops/rcs.js';
import type { StoredProtectConfiguration } from './protect/model.js';
import { emptyRegistrationsState, type RegistrationsState, type StoredRegistration } from './registrations/model.js';

/** The account every simulated resource belongs to. */
export const ACCOUNT_ID = '123456789012';
/** The region when a request says none (the SDK and the AWS CLI always sign with one). */
export const DEFAULT_REGION = 'us-east-1';
/** Messages kept per region (up to 10,000 more between prunings); the oldest go first (long benches must not grow memory without limit). */
export const MAX_MESSAGES_PER_REGION = 100_000;

export interface Tag {
  Key: string;
  Value: string;
}

export type MessageFeedbackStatus = 'RECEIVED' | 'FAILED';

export interface OriginationRef {
  /** What sent it: an own phone number, sender ID, pool or RCS agent, or a shared route of AWS. */
  type: 'phone-number' | 'sender-id' | 'pool' | 'shared-route' | 'rcs-agent';
  /** Phone number id, `SENDERID/CC`, pool id, or `shared` */
  id: string;
  /** The number or sender ID the recipient sees. */
  value: string;
  arn?: string;
}

export interface MessageRecord {
  messageId: string;
  sentAt: number;
  destinationPhoneNumber: string;
  isoCountryCode: string;
  origination: OriginationRef;
  configurationSetName?: string;
  messageType?: string;
  messageBody?: string;
  feedbackEnabled: boolean;
  /** Set by PutMessageFeedback; absent while pending (see effectiveFeedbackStatus). */
  feedbackStatus?: MessageFeedbackStatus;
  feedbackUpdatedAt?: number;
  /** What kind of message the handset received; absent = text. */
  kind?: 'text' | 'media' | 'voice' | 'verification' | 'keyword-response' | 'notify' | 'rcs';
  /** The number the handset sees it from, when not `origination.value` (verification codes). */
  originationNumber?: string;
  /** The final delivery status once its event came (src/sim/events.ts): DELIVERED, BLOCKED, ... */
  deliveryStatus?: string;
}

export interface EventDestinationRecord {
  EventDestinationName: string;
  Enabled: boolean;
  MatchingEventTypes: string[];
  [destination: string]: unknown;
}

export interface ConfigurationSetRecord {
  name: string;
  arn: string;
  createdAt: number;
  eventDestinations: EventDestinationRecord[];
  defaultMessageType?: string;
  defaultSenderId?: string;
  defaultMessageFeedbackEnabled?: boolean;
  protectConfigurationId?: string;
}

export interface SenderIdRecord {
  senderId: string;
  isoCountryCode: string;
  arn: string;
  messageTypes: string[];
  monthlyLeasingPrice: string;
  deletionProtectionEnabled: boolean;
  registered: boolean;
  registrationId?: string;
  createdAt: number;
}

export type KeywordAction = 'AUTOMATIC_RESPONSE' | 'OPT_OUT' | 'OPT_IN';
/** Upper-case keyword -> its answer (keywords are case-insensitive). */
export type KeywordMap = Record<string, { message: string; action: KeywordAction }>;

export interface PhoneNumberRecord {
  id: string;
  arn: string;
  phoneNumber: string;
  status: string;
  isoCountryCode: string;
  messageType: string;
  numberCapabilities: string[];
  numberType: string;
  monthlyLeasingPrice: string;
  twoWayEnabled: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled: boolean;
  optOutListName: string;
  internationalSendingEnabled: boolean;
  deletionProtectionEnabled: boolean;
  poolId?: string;
  registrationId?: string;
  keywords: KeywordMap;
  createdAt: number;
}

export interface PoolRecord {
  id: string;
  arn: string;
  status: string;
  messageType: string;
  twoWayEnabled: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled: boolean;
  optOutListName: string;
  sharedRoutesEnabled: boolean;
  deletionProtectionEnabled: boolean;
  /** ARNs of the phone numbers and sender IDs in the pool. */
  originationIdentities: string[];
  keywords: KeywordMap;
  createdAt: number;
}

export interface OptOutListRecord {
  name: string;
  arn: string;
  createdAt: number;
  /** E.164 number -> when it opted out. */
  numbers: Record<string, { optedOutAt: number; endUserOptedOut: boolean }>;
}

export interface SpendLimitRecord {
  enforcedLimit: number;
  maxLimit: number;
  overridden: boolean;
}

export interface AccountSection {
  /** ACCOUNT_TIER: SANDBOX for a new account (not enforced: see ops/messages.ts). */
  tier: string;
  spendLimits: Record<string, SpendLimitRecord>;
  defaultProtectConfigurationId: string | null;
  /** Spend per `YYYY-MM` (UTC) and channel (TEXT, MEDIA, VOICE, NOTIFY, RCS), US dollars (src/sim/ops/messages.ts). */
  spend?: Record<string, Record<string, number>>;
}

export interface VerifiedDestinationRecord {
  id: string;
  arn: string;
  phoneNumber: string;
  status: 'PENDING' | 'VERIFIED';
  createdAt: number;
  /** The last code sent, until verified. */
  code?: string;
  codeSentAt?: number;
  codesSent: number;
  /** The RCS agent the number was added for, if any. */
  rcsAgentId?: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  result: unknown;
  at: number;
}

export interface RegionState {
  messages: Record<string, MessageRecord>;
  configurationSets: Record<string, ConfigurationSetRecord>;
  /** Key `SENDERID/CC` (sender IDs are case-sensitive). */
  senderIds: Record<string, SenderIdRecord>;
  phoneNumbers: Record<string, PhoneNumberRecord>;
  pools: Record<string, PoolRecord>;
  optOuts: Record<string, OptOutListRecord>;
  /** Resource ARN -> tags. */
  tags: Record<string, Tag[]>;
  account: AccountSection;
  /** ISO codes reachable on AWS's shared routes without an own origination identity. */
  sharedRoutes: string[];
  /** `Operation:ClientToken` -> the first answer. */
  idempotency: Record<string, IdempotencyRecord>;
  /** Protect configurations by id (src/sim/protect/model.ts). */
  protect: Record<string, StoredProtectConfiguration>;
  /** Registrations and their attachments (src/sim/registrations/model.ts). */
  registrations: RegistrationsState;
  /** Verified destination numbers by VerifiedDestinationNumberId. */
  verifiedDestinations: Record<string, VerifiedDestinationRecord>;
  /** Resource ARN -> resource policy JSON. */
  resourcePolicies: Record<string, string>;
  /** Delivery events and those still to come (src/sim/events.ts; created on first send). */
  events?: EventsSection;
  /** Notify configurations by id (src/sim/ops/notify.ts; created on first use). */
  notifyConfigurations?: Record<string, NotifyConfigurationRecord>;
  /** RCS agents by id (src/sim/ops/rcs.ts; created on first use). */
  rcsAgents?: Record<string, RcsAgentRecord>;
}

export interface SimState {
  formatVersion: 1;
  createdAt: number;
  /** Added to real time by the clock hook; kept here so it survives restarts. */
  clockOffsetMs: number;
  regions: Record<string, RegionState>;
  /** The account preset regions are created from (absent in older files: `ready`). */
  preset?: AccountPreset;
}

/** `new`: what AWS gives a new account (sandbox); `ready`: a team's account once set up. */
export type AccountPreset = 'new' | 'ready';

export function arn(region: string, resource: string): string {
  return `arn:aws:sms-voice:${region}:${ACCOUNT_ID}:${resource}`;
}

/** A 32-hex-digit id that is stable for the same seed (resources of a fresh state). */
export function stableHexId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** The SIMULATOR number AWS offers every account, per region. */
export const SIMULATOR_PHONE_NUMBER = '+12065550100';

function simulatorNumber(region: string, now: number): Record<string, PhoneNumberRecord> {
  const id = `phone-${stableHexId(`simulator:${region}:${SIMULATOR_PHONE_NUMBER}`)}`;
  return {
    [id]: {
      id,
      arn: arn(region, `phone-number/${id}`),
      phoneNumber: SIMULATOR_PHONE_NUMBER,
      status: 'ACTIVE',
      isoCountryCode: 'US',
      messageType: 'TRANSACTIONAL',
      numberCapabilities: ['SMS', 'VOICE'],
      numberType: 'SIMULATOR',
      monthlyLeasingPrice: '0.00',
      twoWayEnabled: false,
      selfManagedOptOutsEnabled: false,
      optOutListName: 'Default',
      internationalSendingEnabled: false,
      deletionProtectionEnabled: false,
      keywords: defaultKeywords(),
      createdAt: now,
    },
  };
}

/** Synthesized (no source prints them): the answers of the HELP and STOP keywords of a new number. */
export const DEFAULT_HELP_MESSAGE = 'Default Help Message';
export const DEFAULT_STOP_MESSAGE = 'You are now opted out and will no longer receive messages.';

/** HELP and STOP, as every new number and pool has them (data/service-facts/numbers.json). */
export function defaultKeywords(): KeywordMap {
  return {
    HELP: { message: DEFAULT_HELP_MESSAGE, action: 'AUTOMATIC_RESPONSE' },
    STOP: { message: DEFAULT_STOP_MESSAGE, action: 'OPT_OUT' },
  };
}

/** A US toll-free number of the `ready` preset, with its COMPLETE toll-free registration. */
export const READY_TOLL_FREE_NUMBER = '+18335550100';

function readyTollFree(region: string, now: number): { phone: PhoneNumberRecord; registration: StoredRegistration } {
  const id = `phone-${stableHexId(`toll-free:${region}:${READY_TOLL_FREE_NUMBER}`)}`;
  const registrationId = `registration-${stableHexId(`toll-free-registration:${region}`)}`;
  const at = new Date(now).toISOString();
  const phone: PhoneNumberRecord = {
    id,
    arn: arn(region, `phone-number/${id}`),
    phoneNumber: READY_TOLL_FREE_NUMBER,
    status: 'ACTIVE',
    isoCountryCode: 'US',
    messageType: 'TRANSACTIONAL',
    numberCapabilities: ['SMS', 'VOICE', 'MMS'],
    numberType: 'TOLL_FREE',
    monthlyLeasingPrice: TOLL_FREE_LEASE_PRICE,
    twoWayEnabled: false,
    selfManagedOptOutsEnabled: false,
    optOutListName: 'Default',
    internationalSendingEnabled: false,
    deletionProtectionEnabled: false,
    registrationId,
    keywords: defaultKeywords(),
    createdAt: now,
  };
  const registration: StoredRegistration = {
    RegistrationId: registrationId,
    RegistrationArn: arn(region, `registration/${registrationId}`),
    RegistrationType: 'US_TOLL_FREE_REGISTRATION',
    CreatedTimestamp: at,
    versions: [
      {
        VersionNumber: 1,
        status: 'APPROVED',
        history: { DraftTimestamp: at, SubmittedTimestamp: at, ReviewingTimestamp: at, ApprovedTimestamp: at },
        values: {},
      },
    ],
    associations: [{ ResourceArn: phone.arn, ResourceId: id, ResourceType: 'phone-number', IsoCountryCode: 'US', PhoneNumber: READY_TOLL_FREE_NUMBER }],
  };
  return { phone, registration };
}

/** Synthesized lease prices (the price list is not in data/service-facts; CA long code 1.00 is documented). */
export const TOLL_FREE_LEASE_PRICE = '2.00';

/** Spend limits of every SpendLimitName: a sandbox account's $1.00, a production account's (synthesized) $1,000. */
function spendLimits(preset: AccountPreset): Record<string, SpendLimitRecord> {
  const max = preset === 'new' ? 1 : 1000;
  const names = [
    'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
    'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT',
    'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT',
    'NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT',
    'RCS_MESSAGE_MONTHLY_SPEND_LIMIT',
  ];
  return Object.fromEntries(names.map((n) => [n, { enforcedLimit: max, maxLimit: max, overridden: false }]));
}

/**
 * The default of each region section: what an account of the preset has. Every RegionState field
 * needs one, which the type enforces. `new`: a sandbox account without numbers; `ready`
 * (the default): production, the SIMULATOR number +12065550100, a US toll-free number with its
 * COMPLETE registration, shared routes.
 */
export const REGION_SECTIONS: { [K in keyof RegionState]: (region: string, now: number, preset: AccountPreset) => RegionState[K] } = {
  messages: () => ({}),
  configurationSets: () => ({}),
  senderIds: () => ({}),
  phoneNumbers: (region, now, preset) => {
    if (preset === 'new') return {};
    const { phone } = readyTollFree(region, now);
    return { ...simulatorNumber(region, now), [phone.id]: phone };
  },
  pools: () => ({}),
  optOuts: (region, now) => ({ Default: { name: 'Default', arn: arn(region, 'opt-out-list/Default'), createdAt: now, numbers: {} } }),
  tags: () => ({}),
  registrations: (region, now, preset) => {
    const rs = emptyRegistrationsState();
    if (preset === 'ready') {
      const { registration } = readyTollFree(region, now);
      rs.registrations[registration.RegistrationId] = registration;
    }
    return rs;
  },
  account: (_region, _now, preset) => ({
    tier: preset === 'new' ? 'SANDBOX' : 'PRODUCTION',
    // A new account's spending threshold is USD 1.00 per month (quotas page, "Spending threshold").
    spendLimits: spendLimits(preset),
    defaultProtectConfigurationId: null,
  }),
  sharedRoutes: () =>
    allCountries()
      .filter((c) => c.sharedRoute)
      .map((c) => c.iso),
  idempotency: () => ({}),
  protect: () => ({}),
  verifiedDestinations: () => ({}),
  resourcePolicies: () => ({}),
};

export function freshRegion(region: string, now: number, preset: AccountPreset = 'ready'): RegionState {
  const r = {} as Record<string, unknown>;
  for (const [name, factory] of Object.entries(REGION_SECTIONS)) r[name] = (factory as SectionFactory)(region, now, preset);
  return r as unknown as RegionState;
}

type SectionFactory = (region: string, now: number, preset: AccountPreset) => unknown;

/** A fresh account of the preset: us-east-1 ready; other regions appear, just as fresh, when first asked. */
export function freshState(now: Date, preset: AccountPreset = 'ready'): SimState {
  const t = now.getTime();
  return { formatVersion: 1, createdAt: t, clockOffsetMs: 0, preset, regions: { [DEFAULT_REGION]: freshRegion(DEFAULT_REGION, t, preset) } };
}

/** Fills what an older (or hand-written) state file lacks. Mutates and returns `raw`. */
export function normalizeState(raw: unknown, now: number): SimState {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<SimState> & Record<string, unknown>;
  s.formatVersion = 1;
  if (typeof s.createdAt !== 'number') s.createdAt = now;
  if (typeof s.clockOffsetMs !== 'number') s.clockOffsetMs = 0;
  if (!s.regions || typeof s.regions !== 'object') s.regions = {};
  if (s.preset !== 'new') s.preset = 'ready';
  for (const [name, region] of Object.entries(s.regions)) normalizeRegion(name, region, s.createdAt, s.preset);
  return s as SimState;
}

function normalizeRegion(name: string, region: RegionState, createdAt: number, preset: AccountPreset): void {
  const r = region as unknown as Record<string, unknown>;
  for (const [section, factory] of Object.entries(REGION_SECTIONS)) {
    if (r[section] === undefined || r[section] === null) r[section] = (factory as SectionFactory)(name, createdAt, preset);
  }
  // Spend limits added to the model later (Notify, RCS) appear in older files too.
  const defaults = spendLimits(preset);
  for (const [n, l] of Object.entries(defaults)) region.account.spendLimits[n] ??= l;
  for (const p of Object.values(region.phoneNumbers)) p.keywords ??= defaultKeywords();
  for (const p of Object.values(region.pools)) p.keywords ??= defaultKeywords();
}

/** The region's state, created fresh on first use. */
export function regionState(s: SimState, region: string): RegionState {
  let r = s.regions[region];
  if (!r) {
    r = freshRegion(region, s.createdAt, s.preset ?? 'ready');
    s.regions[region] = r;
  }
  return r;
}

/** The feedback status a reader sees: pending records not updated within an hour are FAILED. */
export const FEEDBACK_WINDOW_MS = 60 * 60 * 1000;
export function effectiveFeedbackStatus(m: MessageRecord, now: number): MessageFeedbackStatus | 'PENDING' | undefined {
  if (!m.feedbackEnabled) return undefined;
  if (m.feedbackStatus) return m.feedbackStatus;
  return now - m.sentAt >= FEEDBACK_WINDOW_MS ? 'FAILED' : 'PENDING';
}

/** Summary for `eum sim status`: per region, counts per section and the origination identities. */
export function describeState(s: SimState, now: number = Date.now() + (s.clockOffsetMs ?? 0)): object {
  const regions: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(s.regions ?? {})) {
    const feedback = { pending: 0, received: 0, failed: 0 };
    let total = 0;
    for (const id in r.messages) {
      total++;
      const st = effectiveFeedbackStatus(r.messages[id], now);
      if (st === 'PENDING') feedback.pending++;
      else if (st === 'RECEIVED') feedback.received++;
      else if (st === 'FAILED') feedback.failed++;
    }
    const identities: object[] = [
      ...Object.values(r.phoneNumbers).map((p) => ({
        type: 'phone-number',
        value: p.phoneNumber,
        id: p.id,
        country: p.isoCountryCode,
        numberType: p.numberType,
        status: p.status,
      })),
      ...Object.values(r.senderIds).map((x) => ({ type: 'sender-id', value: x.senderId, country: x.isoCountryCode, registered: x.registered })),
      ...Object.values(r.pools).map((p) => ({ type: 'pool', id: p.id, members: p.originationIdentities.length, sharedRoutes: p.sharedRoutesEnabled })),
    ];
    regions[name] = {
      originationIdentities: identities,
      sharedRouteCountries: r.sharedRoutes.length,
      counts: {
        messages: total,
        configurationSets: Object.keys(r.configurationSets).length,
        senderIds: Object.keys(r.senderIds).length,
        phoneNumbers: Object.keys(r.phoneNumbers).length,
        pools: Object.keys(r.pools).length,
        optOutLists: Object.keys(r.optOuts).length,
        optedOutNumbers: Object.values(r.optOuts).reduce((n, l) => n + Object.keys(l.numbers).length, 0),
        taggedResources: Object.keys(r.tags).length,
        protectConfigurations: Object.keys(r.protect ?? {}).length,
        verifiedDestinationNumbers: Object.keys(r.verifiedDestinations ?? {}).length,
      },
      messageFeedback: feedback,
      accountTier: r.account.tier,
    };
  }
  return {
    account: s.preset ?? 'ready',
    createdAt: new Date(s.createdAt).toISOString(),
    clock: { now: new Date(now).toISOString(), offsetSeconds: Math.round((s.clockOffsetMs ?? 0) / 1000) },
    regions,
  };
}
