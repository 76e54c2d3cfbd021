/**
 * Delivery events: the records AWS End User Messaging SMS publishes to the event destinations of a
 * configuration set (data/service-facts/events.json, SMS field table and examples), and the
 * EventBridge "Registration Status Change" event.
 *
 * A send records its first event at once (TEXT_SUCCESSFUL, not final) and schedules the final one
 * after a simulated carrier delay (TEXT_DELIVERED, or a failure for the failure simulator numbers
 * and at `--delivery-failure-rate`). Scheduled events come due with the simulator clock: every
 * request and hook that reads events calls `releaseDueEvents` first, and with `--events-dir` the
 * server releases them once a second as well, so files fill without anyone asking.
 *
 * Everything lives in the region's `events` section (plain JSON, bounded like the messages), so
 * state files and several processes sharing one keep them. Files under `--events-dir` are written
 * by the server after the transaction (`drainEventOutbox`), never inside it.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import simulatorNumbers from '../../data/service-facts/simulator-numbers.json' with { type: 'json' };
import { registrationStatus } from './registrations/model.js';
import { ACCOUNT_ID, arn, type ConfigurationSetRecord, type MessageRecord, type RegionState } from './state.js';

/** Events kept per region; the oldest go first. */
export const MAX_EVENTS_PER_REGION = 100_000;
/** Synthesized: simulated time between the carrier's acceptance and the handset's receipt. */
export const CARRIER_DELAY_MS = 5_000;

export type EventChannel = 'TEXT' | 'MEDIA' | 'VOICE' | 'RCS';

export interface StoredEvent {
  /** Increasing per region: `GET /_eum/events?after=SEQ` reads on from a seen event. */
  seq: number;
  kind: 'message' | 'registration' | 'inbound';
  configurationSetName?: string;
  /** Names of the configuration set's event destinations the event went to. */
  destinations: string[];
  messageId?: string;
  /** The record as the destination receives it. */
  event: Record<string, unknown>;
}

interface PendingFinal {
  dueAt: number;
  configurationSetName?: string;
  /** The first event; the final one repeats it with another status. */
  base: Record<string, unknown>;
  eventType: string;
  messageStatus: string;
  messageStatusDescription: string;
  free: boolean;
  extra?: Record<string, unknown>;
}

export interface EventsSection {
  nextSeq: number;
  log: StoredEvent[];
  /** Final events waiting for their carrier delay, oldest due first. */
  pending: PendingFinal[];
  /** Last registration status seen (with its type and version), to emit one event per change. */
  registrationStatuses: Record<string, { status: string; type: string; version: number }>;
}

export function emptyEventsSection(): EventsSection {
  return { nextSeq: 1, log: [], pending: [], registrationStatuses: {} };
}

/** The region's events section (older state files lack it). */
export function eventsOf(region: RegionState): EventsSection {
  region.events ??= emptyEventsSection();
  return region.events;
}

// ---- destination simulator numbers ----

interface SimulatorDestination {
  iso: string;
  outcome: 'success' | 'failure';
}
const SIMULATOR_DESTINATIONS = new Map<string, SimulatorDestination>(
  (
    simulatorNumbers as { destination_simulator_numbers: { numbers: { phone_number: string; iso_country_code: string; event_type: string }[] } }
  ).destination_simulator_numbers.numbers.map((n) => [
    n.phone_number,
    { iso: n.iso_country_code, outcome: n.event_type === 'failure' ? 'failure' : 'success' },
  ]),
);

/** A destination simulator number (data/service-facts/simulator-numbers.json), or undefined. */
export function simulatorDestination(phoneNumber: string): SimulatorDestination | undefined {
  return SIMULATOR_DESTINATIONS.get(phoneNumber);
}

// ---- prices and carriers (synthesized; see src/sim/README.md) ----

interface CountryRate {
  price: number;
  carrierFee: number;
  mcc?: string;
  mnc?: string;
  carrierName?: string;
}
/** Per message part, US dollars, from the documented and captured example events; others 0.05. */
const TEXT_RATES: Record<string, CountryRate> = {
  US: { price: 0.00581, carrierFee: 0.00302, mcc: '310', mnc: '800' },
  CA: { price: 0.00581, carrierFee: 0.006, mcc: '302', mnc: '610', carrierName: 'Bell Cellular Inc. / Aliant Telecom' },
  ES: { price: 0.06087, carrierFee: 0, mcc: '214', mnc: '05', carrierName: 'Movistar' },
};
const DEFAULT_TEXT_RATE: CountryRate = { price: 0.05, carrierFee: 0 };
const MEDIA_RATE = { price: 0.0195, carrierFee: 0.00266 };
const VOICE_RATE_PER_MINUTE = 0.013;
const RCS_RATE = { price: 0.003, carrierFee: 0 };

const round5 = (n: number) => Math.round(n * 100_000) / 100_000;

export function countryRate(iso: string): CountryRate {
  return TEXT_RATES[iso] ?? DEFAULT_TEXT_RATE;
}

// ---- message parts ----

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const GSM_SET = new Set([...GSM_BASIC]);
const GSM_EXT_SET = new Set([...GSM_EXTENDED]);

/** GSM-7 when every character is in the GSM 03.38 alphabet, else Unicode (UCS-2), and the parts. */
export function messageParts(body: string): { encoding: 'GSM' | 'UNICODE'; parts: number } {
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM_SET.has(ch)) septets += 1;
    else if (GSM_EXT_SET.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM', parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  // UCS-2 counts UTF-16 code units.
  const units = body.length;
  return { encoding: 'UNICODE', parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}

// ---- pricing a send ----

export interface SendPrice {
  price: number;
  carrierFee: number;
}

export function priceOf(channel: EventChannel, iso: string, parts: number, minutes = 1): SendPrice {
  if (channel === 'MEDIA') return { price: round5(MEDIA_RATE.price * parts), carrierFee: round5(MEDIA_RATE.carrierFee * parts) };
  if (channel === 'VOICE') return { price: round5(VOICE_RATE_PER_MINUTE * minutes), carrierFee: 0 };
  if (channel === 'RCS') return { price: round5(RCS_RATE.price * parts), carrierFee: 0 };
  const rate = countryRate(iso);
  return { price: round5(rate.price * parts), carrierFee: round5(rate.carrierFee * parts) };
}

// ---- emitting ----

/** What a send tells the event layer. */
export interface SendEventInput {
  channel: EventChannel;
  message: MessageRecord;
  /** The number, sender ID or agent the recipient sees. */
  origination: string;
  isInternationalSend: boolean;
  encoding?: 'GSM' | 'UNICODE';
  parts: number;
  price: SendPrice;
  context?: Record<string, string>;
  protectConfigurationId?: string;
  /** 0..1 (config `deliveryFailureRate`). */
  failureRate: number;
}

const FIRST: Record<EventChannel, { eventType: string; messageStatus: string; description: string }> = {
  TEXT: { eventType: 'TEXT_SUCCESSFUL', messageStatus: 'SUCCESSFUL', description: 'Message has been accepted by phone carrier' },
  MEDIA: { eventType: 'MEDIA_SUCCESSFUL', messageStatus: 'SUCCESSFUL', description: 'Message has been accepted by phone carrier' },
  VOICE: { eventType: 'VOICE_INITIATED', messageStatus: 'INITIATED', description: 'Call has been initiated' },
  RCS: { eventType: 'RCS_SENT', messageStatus: 'SENT', description: 'Message has been sent to the recipient' },
};
const DELIVERED: Record<EventChannel, { eventType: string; messageStatus: string; description: string }> = {
  TEXT: { eventType: 'TEXT_DELIVERED', messageStatus: 'DELIVERED', description: 'Message has been accepted by phone' },
  MEDIA: { eventType: 'MEDIA_DELIVERED', messageStatus: 'DELIVERED', description: 'Message has been accepted by phone' },
  VOICE: { eventType: 'VOICE_COMPLETED', messageStatus: 'COMPLETED', description: 'Call has been completed' },
  RCS: { eventType: 'RCS_DELIVERED', messageStatus: 'DELIVERED', description: 'Message has been delivered to the device' },
};
/** A failure simulator number: the captured TEXT_BLOCKED event (third-party; see events.json). */
const BLOCKED: Record<EventChannel, { eventType: string; messageStatus: string; description: string }> = {
  TEXT: { eventType: 'TEXT_BLOCKED', messageStatus: 'BLOCKED', description: 'Phone has blocked SMS' },
  MEDIA: { eventType: 'MEDIA_BLOCKED', messageStatus: 'BLOCKED', description: 'Phone has blocked SMS' },
  VOICE: { eventType: 'VOICE_FAILED', messageStatus: 'FAILED', description: 'Call has failed' },
  RCS: { eventType: 'RCS_FAILED', messageStatus: 'FAILED', description: 'Message could not be delivered' },
};
/** `--delivery-failure-rate`: a handset that is off. */
const UNREACHABLE: Record<EventChannel, { eventType: string; messageStatus: string; description: string }> = {
  TEXT: { eventType: 'TEXT_UNREACHABLE', messageStatus: 'UNREACHABLE', description: 'Phone is currently unreachable/unavailable' },
  MEDIA: { eventType: 'MEDIA_UNREACHABLE', messageStatus: 'UNREACHABLE', description: 'Phone is currently unreachable/unavailable' },
  VOICE: { eventType: 'VOICE_NO_ANSWER', messageStatus: 'NO_ANSWER', description: 'Call was not answered' },
  RCS: { eventType: 'RCS_FAILED', messageStatus: 'FAILED', description: 'Phone is currently unreachable/unavailable' },
};

/** The final outcome of a delivery: what the failure simulator numbers and the failure rate decide. */
export function deliveryOutcome(destination: string, failureRate: number): 'delivered' | 'blocked' | 'unreachable' {
  const sim = simulatorDestination(destination);
  if (sim) return sim.outcome === 'failure' ? 'blocked' : 'delivered';
  return failureRate > 0 && Math.random() < failureRate ? 'unreachable' : 'delivered';
}

/** Records the first event of a send and schedules its final one. Returns the final status to come. */
export function emitSendEvents(region: RegionState, regionName: string, now: number, input: SendEventInput): string {
  const { message: m, channel } = input;
  const outcome = deliveryOutcome(m.destinationPhoneNumber, input.failureRate);
  const first = FIRST[channel];
  const base: Record<string, unknown> = {
    ...(channel === 'MEDIA' ? { contentType: 'MMS' } : {}),
    eventType: first.eventType,
    eventVersion: '1.0',
    eventTimestamp: now,
    isFinal: false,
    originationPhoneNumber: input.origination,
    destinationPhoneNumber: m.destinationPhoneNumber,
    isInternationalSend: input.isInternationalSend,
    isoCountryCode: m.isoCountryCode,
    ...carrierFields(channel, m.isoCountryCode),
    messageId: m.messageId,
    messageRequestTimestamp: m.sentAt,
    ...(input.encoding ? { messageEncoding: input.encoding } : {}),
    ...(channel !== 'VOICE' ? { messageType: m.messageType ?? 'TRANSACTIONAL' } : {}),
    messageStatus: first.messageStatus,
    // The documented voice events carry no description.
    ...(channel !== 'VOICE' ? { messageStatusDescription: first.description } : {}),
    ...(input.context && Object.keys(input.context).length ? { context: input.context } : {}),
    ...(channel !== 'VOICE' ? { totalMessageParts: input.parts } : {}),
    totalMessagePrice: input.price.price,
    ...(channel !== 'VOICE' ? { totalCarrierFee: input.price.carrierFee } : {}),
    ...(input.protectConfigurationId ? { protectConfiguration: { protectConfigurationId: input.protectConfigurationId, protectStatus: 'ALLOW' } } : {}),
  };
  const cs = m.configurationSetName ? region.configurationSets[m.configurationSetName] : undefined;
  record(region, regionName, cs, 'message', m.messageId, base);
  const final = outcome === 'delivered' ? DELIVERED[channel] : outcome === 'blocked' ? BLOCKED[channel] : UNREACHABLE[channel];
  const extra = channel === 'VOICE' && outcome === 'delivered' ? { callDurationInSeconds: 60, totalDurationInMinutes: 1 } : undefined;
  schedule(eventsOf(region), {
    dueAt: now + CARRIER_DELAY_MS,
    configurationSetName: m.configurationSetName,
    base,
    eventType: final.eventType,
    messageStatus: final.messageStatus,
    messageStatusDescription: final.description,
    free: outcome === 'blocked',
    ...(extra ? { extra } : {}),
  });
  // A clock that never moves (a test's) must not grow memory: past the cap, the oldest final events
  // are recorded early.
  const ev = eventsOf(region);
  if (ev.pending.length > MAX_EVENTS_PER_REGION) releaseFirst(region, regionName, ev.pending.length - MAX_EVENTS_PER_REGION);
  return final.messageStatus;
}

function carrierFields(channel: EventChannel, iso: string): Record<string, string> {
  if (channel === 'VOICE') return {};
  const r = TEXT_RATES[iso];
  if (!r) return {};
  return { ...(r.mcc ? { mcc: r.mcc } : {}), ...(r.mnc ? { mnc: r.mnc } : {}), ...(r.carrierName ? { carrierName: r.carrierName } : {}) };
}

function schedule(ev: EventsSection, p: PendingFinal): void {
  // Delays are equal, so the new one almost always goes last; keep the list sorted by dueAt.
  let i = ev.pending.length;
  while (i > 0 && ev.pending[i - 1].dueAt > p.dueAt) i--;
  ev.pending.splice(i, 0, p);
}

/** Records the final events whose carrier delay has passed. Cheap when none are due. */
export function releaseDueEvents(region: RegionState, regionName: string, now: number): void {
  const ev = eventsOf(region);
  if (!ev.pending.length || ev.pending[0].dueAt > now) return;
  let n = 0;
  while (n < ev.pending.length && ev.pending[n].dueAt <= now) n++;
  releaseFirst(region, regionName, n);
}

/** Records the first `n` scheduled final events (at their own due time). */
function releaseFirst(region: RegionState, regionName: string, n: number): void {
  const ev = eventsOf(region);
  const due = ev.pending.splice(0, n);
  for (const p of due) {
    const event: Record<string, unknown> = {
      ...p.base,
      eventType: p.eventType,
      eventTimestamp: p.dueAt,
      isFinal: true,
      messageStatus: p.messageStatus,
      ...('messageStatusDescription' in p.base ? { messageStatusDescription: p.messageStatusDescription } : {}),
      ...(p.extra ?? {}),
    };
    if (p.free) {
      event.totalMessagePrice = 0;
      if ('totalCarrierFee' in event) event.totalCarrierFee = 0;
    }
    const messageId = String(p.base.messageId);
    const m = region.messages[messageId];
    if (m) m.deliveryStatus = p.messageStatus;
    const cs = p.configurationSetName ? region.configurationSets[p.configurationSetName] : undefined;
    record(region, regionName, cs, 'message', messageId, event);
  }
}

/** Does a destination's MatchingEventTypes take this event type? */
export function matchesEventType(matching: readonly string[], eventType: string): boolean {
  if (matching.includes(eventType) || matching.includes('ALL')) return true;
  const channel = eventType.slice(0, eventType.indexOf('_'));
  return matching.includes(`${channel}_ALL`);
}

function record(
  region: RegionState,
  regionName: string,
  cs: ConfigurationSetRecord | undefined,
  kind: StoredEvent['kind'],
  messageId: string | undefined,
  event: Record<string, unknown>,
): void {
  const ev = eventsOf(region);
  const destinations: string[] = [];
  const type = String(event.eventType ?? '');
  for (const d of cs?.eventDestinations ?? []) {
    if (d.Enabled && matchesEventType(d.MatchingEventTypes, type)) destinations.push(d.EventDestinationName);
  }
  const stored: StoredEvent = {
    seq: ev.nextSeq++,
    kind,
    destinations,
    event,
    ...(cs ? { configurationSetName: cs.name } : {}),
    ...(messageId ? { messageId } : {}),
  };
  ev.log.push(stored);
  // Trim in batches: Array#splice at the front is O(n), so not on every push.
  if (ev.log.length > MAX_EVENTS_PER_REGION * 1.1) ev.log.splice(0, ev.log.length - MAX_EVENTS_PER_REGION);
  if (destinations.length || kind !== 'message') outbox.push({ region: regionName, cs, stored });
}

/** A reply a handset sent (two-way channel), as an event of the number's two-way channel. */
export function emitInboundEvent(
  region: RegionState,
  regionName: string,
  now: number,
  inbound: { messageId: string; from: string; to: string; body: string; channelArn?: string; keyword?: string },
): StoredEvent {
  const event = {
    originationNumber: inbound.from,
    destinationNumber: inbound.to,
    messageKeyword: inbound.keyword ?? 'KEYWORD_' + ACCOUNT_ID,
    messageBody: inbound.body,
    inboundMessageId: inbound.messageId,
    previousPublishedMessageId: null,
    eventTimestamp: now,
    ...(inbound.channelArn ? { twoWayChannelArn: inbound.channelArn } : {}),
  };
  record(region, regionName, undefined, 'inbound', undefined, event);
  return eventsOf(region).log[eventsOf(region).log.length - 1];
}

/**
 * Registration Status Change (EventBridge, events.json `example_registration_status_change`): one
 * event per registration whose status differs from the last one seen, and DELETED for one that is
 * gone. The server calls it at the end of every transaction, so schedule-driven changes show up
 * at the next request. A registration first seen in another status than CREATED existed before
 * events were tracked (a preset, an older state file): it is recorded without an event.
 */
export function emitRegistrationChanges(
  region: RegionState,
  regionName: string,
  now: number,
  statuses: { id: string; type: string; version: number; status: string }[],
): void {
  const ev = eventsOf(region);
  const seen = ev.registrationStatuses;
  const present = new Set<string>();
  for (const r of statuses) {
    present.add(r.id);
    const before = seen[r.id];
    seen[r.id] = { status: r.status, type: r.type, version: r.version };
    if (before?.status === r.status) continue;
    if (!before && r.status !== 'CREATED') continue;
    registrationEvent(region, regionName, now, r);
  }
  for (const id of Object.keys(seen)) {
    if (present.has(id)) continue;
    registrationEvent(region, regionName, now, { id, ...seen[id], status: 'DELETED' });
    delete seen[id];
  }
}

function registrationEvent(region: RegionState, regionName: string, now: number, r: { id: string; type: string; version: number; status: string }): void {
  const registrationArn = arn(regionName, `registration/${r.id}`);
  record(region, regionName, undefined, 'registration', undefined, {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Registration Status Change',
    source: 'aws.sms-voice',
    account: ACCOUNT_ID,
    time: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    region: regionName,
    resources: [registrationArn],
    detail: {
      registrationDetails: {
        registrationId: r.id,
        registrationVersionNumber: r.version,
        registrationType: r.type,
        registrationStatusChangeTimestamp: now,
        currentStatus: r.status,
      },
      registrationArn,
    },
  });
}

/** Registration Status Change events for the registrations whose status changed (src/sim/events.ts). */
export function registrationEvents(region: RegionState, regionName: string, now: number): void {
  const regs = Object.values(region.registrations.registrations);
  if (!regs.length && !Object.keys(eventsOf(region).registrationStatuses).length) return;
  emitRegistrationChanges(
    region,
    regionName,
    now,
    regs.map((r) => ({ id: r.RegistrationId, type: r.RegistrationType, version: r.versions.length, status: registrationStatus(r) })),
  );
}

// ---- reading ----

export interface EventQuery {
  configurationSet?: string;
  /** Epoch ms: events with eventTimestamp (or time) at or after it. */
  since?: number;
  /** Sequence number: events after it. */
  after?: number;
  messageId?: string;
  kind?: StoredEvent['kind'];
  limit: number;
}

function eventTime(e: StoredEvent): number {
  const t = e.event.eventTimestamp;
  if (typeof t === 'number') return t;
  const d = (e.event.detail as { registrationDetails?: { registrationStatusChangeTimestamp?: number } } | undefined)?.registrationDetails
    ?.registrationStatusChangeTimestamp;
  return typeof d === 'number' ? d : 0;
}

/**
 * Events in order. With `configurationSet`, only those its event destinations received (what a
 * destination would hold); without, every event, each naming its destinations.
 */
export function queryEvents(region: RegionState, q: EventQuery): { events: StoredEvent[]; last: number } {
  const ev = eventsOf(region);
  const out: StoredEvent[] = [];
  for (const e of ev.log) {
    if (q.after !== undefined && e.seq <= q.after) continue;
    if (q.configurationSet !== undefined && (e.configurationSetName !== q.configurationSet || !e.destinations.length)) continue;
    if (q.messageId !== undefined && e.messageId !== q.messageId) continue;
    if (q.kind !== undefined && e.kind !== q.kind) continue;
    if (q.since !== undefined && eventTime(e) < q.since) continue;
    out.push(e);
    if (out.length >= q.limit) break;
  }
  return { events: out, last: ev.nextSeq - 1 };
}

// ---- --events-dir ----

export interface OutboxEntry {
  region: string;
  cs: ConfigurationSetRecord | undefined;
  stored: StoredEvent;
}
/** Events recorded by the current transaction that a directory may want; drained by the server. */
const outbox: OutboxEntry[] = [];

/** Removes and returns what the last transactions recorded (the server calls this after each). */
export function takeOutbox(): OutboxEntry[] {
  return outbox.length ? outbox.splice(0, outbox.length) : [];
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * Appends events as JSON lines: `DIR/<region>/<configuration set>/<destination>.jsonl`, one file
 * per event destination, in the shape the destination holds (CloudWatch Logs and Firehose: the
 * event record itself; SNS: the notification whose Message is the record's JSON). Registration events
 * go to `DIR/<region>/eventbridge.jsonl`, inbound messages to `DIR/<region>/two-way.jsonl`.
 * Directories 0700, files 0600. Lines are buffered and written in one append per file at the end
 * of the event-loop turn (`add`), or at once (`flush`: hooks and close call it, so a test that
 * reads the files after a hook sees every event).
 */
export interface EventsWriter {
  add(entries: OutboxEntry[]): void;
  flush(): void;
}

export function createEventsWriter(dir: string): EventsWriter {
  const lines = new Map<string, string[]>();
  const made = new Set<string>();
  let scheduled = false;
  const put = (file: string, line: string) => {
    const l = lines.get(file);
    if (l) l.push(line);
    else lines.set(file, [line]);
  };
  function flush(): void {
    scheduled = false;
    for (const [file, l] of lines) {
      const parent = path.dirname(file);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true, mode: 0o700 });
        made.add(parent);
      }
      appendFileSync(file, `${l.join('\n')}\n`, { mode: 0o600 });
    }
    lines.clear();
  }
  return {
    add(entries) {
      for (const { region, cs, stored } of entries) {
        const regionDir = path.join(dir, safeName(region));
        if (stored.kind === 'registration') {
          put(path.join(regionDir, 'eventbridge.jsonl'), JSON.stringify(stored.event));
          continue;
        }
        if (stored.kind === 'inbound') {
          put(path.join(regionDir, 'two-way.jsonl'), JSON.stringify(stored.event));
          continue;
        }
        if (!cs) continue;
        const json = JSON.stringify(stored.event);
        for (const name of stored.destinations) {
          const d = cs.eventDestinations.find((x) => x.EventDestinationName === name);
          const sns = d?.SnsDestination as { TopicArn?: string } | undefined;
          const line = sns
            ? JSON.stringify({
                Type: 'Notification',
                MessageId: randomUUID(),
                TopicArn: sns.TopicArn,
                Message: json,
                Timestamp: new Date(Number(stored.event.eventTimestamp)).toISOString(),
              })
            : json;
          put(path.join(regionDir, safeName(cs.name), `${safeName(name)}.jsonl`), line);
        }
      }
      if (lines.size && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
