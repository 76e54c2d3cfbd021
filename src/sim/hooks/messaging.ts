/**
 * Hooks for what handsets and event destinations see:
 * - `GET /_eum/events?configurationSet=NAME&since=TIME&after=SEQ&messageId=ID&type=message|registration|inbound&limit=N`
 * - `GET /_eum/messages?to=+E164` (or `from=`): what handsets received, bodies included
 * - `POST /_eum/inbound {"from":"+1...","to":"+1...","body":"STOP"}`: a handset replies
 * - `GET /_eum/inbound?to=...`: inbound messages recorded for the two-way channel
 * - `GET|POST /_eum/account {"tier":"PRODUCTION"}`: the sandbox
 * Region: `?region=` or `"region"` in the body (default us-east-1).
 */
import { randomUUID } from 'node:crypto';
import { simNow } from '../clock.js';
import { emitInboundEvent, queryEvents, type StoredEvent } from '../events.js';
import { destinationCountry, deliverMessage, spendMonth } from '../ops/messages.js';
import type { OpContext } from '../ops/context.js';
import { DEFAULT_REGION, regionState, type KeywordMap, type MessageRecord, type PhoneNumberRecord, type RegionState } from '../state.js';
import { defineHook, type HookContext } from './registry.js';

const E164 = /^\+[1-9][0-9]{1,18}$/;
const MAX_LIMIT = 10_000;

function regionOf(ctx: HookContext): string {
  const r = ctx.query.get('region') ?? ctx.body.region;
  return typeof r === 'string' && r ? r : DEFAULT_REGION;
}

function limitOf(ctx: HookContext, fallback: number): number | string {
  const raw = ctx.query.get('limit');
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n <= MAX_LIMIT ? n : `limit must be a whole number from 1 to ${MAX_LIMIT}, got "${raw}"`;
}

/** ISO-8601 or epoch milliseconds. */
function timeOf(raw: string | null): number | undefined | null {
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(n) ? n : null;
}

const bad = (message: string) => ({ status: 400, body: { message } });

const KINDS = new Set(['message', 'registration', 'inbound']);

defineHook('GET', '/_eum/events', async (ctx) => {
  const limit = limitOf(ctx, 1000);
  if (typeof limit === 'string') return bad(limit);
  const since = timeOf(ctx.query.get('since'));
  if (since === null) return bad('since must be an ISO-8601 time or epoch milliseconds, e.g. 2026-11-23T10:00:00Z');
  const afterRaw = ctx.query.get('after');
  const after = afterRaw === null ? undefined : Number(afterRaw);
  if (after !== undefined && !Number.isInteger(after)) return bad(`after must be the seq of an event already read, got "${afterRaw}"`);
  const type = ctx.query.get('type') ?? undefined;
  if (type !== undefined && !KINDS.has(type)) return bad('type must be message, registration or inbound');
  const region = regionOf(ctx);
  return {
    body: await ctx.store.transact((s) => {
      const r = regionState(s, region);
      const { events, last } = queryEvents(r, {
        configurationSet: ctx.query.get('configurationSet') ?? undefined,
        since,
        after,
        messageId: ctx.query.get('messageId') ?? undefined,
        kind: type as StoredEvent['kind'] | undefined,
        limit,
      });
      return { events: events.map(eventView), last, pending: r.events?.pending.length ?? 0 };
    }),
  };
});

function eventView(e: StoredEvent) {
  return {
    seq: e.seq,
    type: e.kind,
    ...(e.configurationSetName ? { configurationSet: e.configurationSetName } : {}),
    destinations: e.destinations,
    event: e.event,
  };
}

defineHook('GET', '/_eum/messages', async (ctx) => {
  const to = ctx.query.get('to');
  const from = ctx.query.get('from');
  if (to !== null && !E164.test(to)) return bad('to must be an E.164 number, e.g. +12065550142');
  if (from !== null && !from) return bad('from must be a phone number or sender ID');
  const limit = limitOf(ctx, 1000);
  if (typeof limit === 'string') return bad(limit);
  const region = regionOf(ctx);
  return {
    body: await ctx.store.transact((s) => {
      const r = regionState(s, region);
      const out: object[] = [];
      for (const id in r.messages) {
        const m = r.messages[id];
        const shownFrom = m.originationNumber ?? m.origination.value;
        if (to !== null && m.destinationPhoneNumber !== to) continue;
        if (from !== null && shownFrom !== from) continue;
        out.push(messageView(m));
      }
      // The newest `limit`, oldest first.
      return { messages: out.slice(-limit) };
    }),
  };
});

function messageView(m: MessageRecord) {
  return {
    messageId: m.messageId,
    kind: m.kind ?? 'text',
    from: m.originationNumber ?? m.origination.value,
    to: m.destinationPhoneNumber,
    body: m.messageBody ?? null,
    sentAt: new Date(m.sentAt).toISOString(),
    ...(m.configurationSetName ? { configurationSet: m.configurationSetName } : {}),
    ...(m.messageType ? { messageType: m.messageType } : {}),
    // Keyword answers and verification codes have no events: they count as delivered at once.
    status: m.deliveryStatus ?? (m.kind === 'keyword-response' || m.kind === 'verification' ? 'DELIVERED' : 'SUCCESSFUL'),
  };
}

/** AWS's opt-out keywords (data/service-facts/numbers.json; STOPALL is not among them). */
export const OPT_OUT_KEYWORDS = ['ARRET', 'CANCEL', 'END', 'OPT-OUT', 'OPTOUT', 'QUIT', 'REMOVE', 'STOP', 'TD', 'UNSUBSCRIBE'];

/** The longest keyword the body starts with (case-insensitive, whole words). */
export function matchKeyword(body: string, keywords: readonly string[]): string | undefined {
  const text = body.trim().toUpperCase();
  let best: string | undefined;
  for (const k of keywords) {
    if (text === k || (text.startsWith(k) && /\s/.test(text[k.length]))) {
      if (!best || k.length > best.length) best = k;
    }
  }
  return best;
}

interface InboundSettings {
  keywords: KeywordMap;
  optOutListName: string;
  twoWayEnabled: boolean;
  twoWayChannelArn?: string;
  selfManagedOptOutsEnabled: boolean;
}

/** A number in a pool answers with the pool's keywords, opt-out list and two-way settings. */
function settingsOf(r: RegionState, p: PhoneNumberRecord): InboundSettings {
  const pool = p.poolId ? r.pools[p.poolId] : undefined;
  const src = pool ?? p;
  return {
    keywords: src.keywords ?? {},
    optOutListName: src.optOutListName,
    twoWayEnabled: src.twoWayEnabled,
    twoWayChannelArn: src.twoWayChannelArn,
    selfManagedOptOutsEnabled: src.selfManagedOptOutsEnabled,
  };
}

defineHook('POST', '/_eum/inbound', async (ctx) => {
  const { from, to, body } = ctx.body;
  if (typeof from !== 'string' || !E164.test(from)) return bad('from must be the E.164 number of the handset that replies, e.g. +12065550142');
  if (typeof to !== 'string' || !to) return bad('to must be a phone number of the account (E.164), its id or ARN');
  if (typeof body !== 'string' || !body.length || body.length > 1600) return bad('body must be the text of the reply, 1 to 1600 characters');
  const regionName = regionOf(ctx);
  return ctx.store.transact((s) => {
    const region = regionState(s, regionName);
    const now = simNow(ctx.clock, s);
    const phone = Object.values(region.phoneNumbers).find((p) => p.phoneNumber === to || p.id === to || p.arn === to);
    if (!phone) return { status: 404, body: { message: `no phone number ${to} in ${regionName}; inbound messages go to a number of the account` } };
    const settings = settingsOf(region, phone);
    const usTollFree = phone.numberType === 'TOLL_FREE' && phone.isoCountryCode === 'US';
    // US toll-free: STOP is the only opt-out keyword (carrier-managed); elsewhere AWS's list.
    const awsOptOut = usTollFree ? ['STOP'] : OPT_OUT_KEYWORDS;
    const keyword = matchKeyword(body, [...Object.keys(settings.keywords), ...awsOptOut]);
    const configured = keyword ? settings.keywords[keyword] : undefined;
    const action = configured?.action ?? (keyword && awsOptOut.includes(keyword) ? 'OPT_OUT' : undefined);

    const list = region.optOuts[settings.optOutListName];
    let optedOut = false;
    let optedIn = false;
    let answer: string | undefined;
    if (!settings.selfManagedOptOutsEnabled) {
      if (action === 'OPT_OUT' && list) {
        list.numbers[from] = { optedOutAt: now, endUserOptedOut: true };
        optedOut = true;
        answer = configured?.message ?? settings.keywords.STOP?.message;
      } else if (action === 'OPT_IN' && list) {
        optedIn = Boolean(list.numbers[from]);
        delete list.numbers[from];
        answer = configured?.message;
      } else if (configured) {
        answer = configured.message;
      }
    } else if (configured && keyword !== 'HELP' && keyword !== 'STOP' && action === 'AUTOMATIC_RESPONSE') {
      // Self-managed opt-outs silence HELP and STOP only; other keywords still answer.
      answer = configured.message;
    }

    const inboundMessageId = randomUUID();
    let response: { messageId: string; body: string } | null = null;
    if (answer) {
      const iso = destinationCountry(from) ?? phone.isoCountryCode;
      const m: MessageRecord = {
        messageId: randomUUID(),
        sentAt: now,
        destinationPhoneNumber: from,
        isoCountryCode: iso,
        origination: { type: 'phone-number', id: phone.id, value: phone.phoneNumber, arn: phone.arn },
        messageBody: answer,
        feedbackEnabled: false,
        kind: 'keyword-response',
      };
      deliverMessage({ region, regionName, now } as OpContext, m);
      response = { messageId: m.messageId, body: answer };
    }
    let twoWay: object | null = null;
    if (settings.twoWayEnabled) {
      const e = emitInboundEvent(region, regionName, now, {
        messageId: inboundMessageId,
        from,
        to: phone.phoneNumber,
        body,
        channelArn: settings.twoWayChannelArn,
        keyword,
      });
      twoWay = { seq: e.seq, channelArn: settings.twoWayChannelArn ?? null };
    }
    return {
      body: {
        inboundMessageId,
        keyword: keyword ?? null,
        action: settings.selfManagedOptOutsEnabled ? null : (action ?? null),
        optedOut,
        optedIn,
        optOutListName: settings.optOutListName,
        response,
        twoWay,
      },
    };
  });
});

defineHook('GET', '/_eum/inbound', async (ctx) => {
  const to = ctx.query.get('to');
  const from = ctx.query.get('from');
  const limit = limitOf(ctx, 1000);
  if (typeof limit === 'string') return bad(limit);
  const regionName = regionOf(ctx);
  return {
    body: await ctx.store.transact((s) => {
      const { events } = queryEvents(regionState(s, regionName), { kind: 'inbound', limit: MAX_LIMIT * 10 });
      const out = events
        .map((e) => e.event)
        .filter((e) => (to === null || e.destinationNumber === to) && (from === null || e.originationNumber === from))
        .slice(-limit);
      return { messages: out };
    }),
  };
});

function accountView(r: RegionState, now: number) {
  const spend = r.account.spend?.[spendMonth(now)] ?? {};
  return {
    tier: r.account.tier,
    month: spendMonth(now),
    spend,
    spendLimits: Object.fromEntries(Object.entries(r.account.spendLimits).map(([k, v]) => [k, v.enforcedLimit])),
  };
}

defineHook('GET', '/_eum/account', async (ctx) => {
  const region = regionOf(ctx);
  return { body: await ctx.store.transact((s) => accountView(regionState(s, region), simNow(ctx.clock, s))) };
});

/** `{"tier":"PRODUCTION"}` leaves the sandbox (`"SANDBOX"` goes back); `{"resetSpend":true}` zeroes this month's spend. */
defineHook('POST', '/_eum/account', async (ctx) => {
  const tier = ctx.body.tier;
  if (tier !== undefined && tier !== 'SANDBOX' && tier !== 'PRODUCTION') return bad('tier must be SANDBOX or PRODUCTION');
  const region = regionOf(ctx);
  return {
    body: await ctx.store.transact((s) => {
      const r = regionState(s, region);
      const now = simNow(ctx.clock, s);
      if (tier) r.account.tier = tier;
      if (ctx.body.resetSpend === true && r.account.spend) delete r.account.spend[spendMonth(now)];
      return accountView(r, now);
    }),
  };
});
