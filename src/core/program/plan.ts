/**
 * ProgramPlan: what `eum program apply` must call to make each Region named in a document match
 * it. One planner: the Protect section is planned by Protect's planner (`planProtect`) and its
 * calls are carried here; every other resource is compared field by field into the same kind of
 * change (added, removed, changed with old and new values). Pure: the snapshot is what the
 * account holds now. Regions the document does not name are never read nor planned.
 */
import { classifyCountry } from '../sender-id/plan.js';
import { countryOfNumber } from '../protect/phone.js';
import { planProtect, type PlanCall as ProtectCall, type ProtectPlan } from '../protect/plan.js';
import type { ProtectSnapshot } from '../protect/types.js';
import {
  DEFAULT_OPT_OUT_LIST,
  type DesiredDestination,
  type DesiredKeyword,
  type DesiredProgram,
  type DesiredRegion,
  type DesiredTarget,
  type ProgramSpendChannel,
  type TwoWay,
} from './document.js';

/** A phone number as the account has it. */
export interface NumberState {
  id: string;
  arn: string;
  number: string;
  numberType: string;
  status: string;
  registrationId: string | null;
  twoWay: TwoWay | null;
  selfManagedOptOuts: boolean;
  optOutList: string;
  deletionProtection: boolean;
  internationalSending: boolean | null;
  poolId: string | null;
  /** Read only for numbers whose keywords are wanted. */
  keywords?: DesiredKeyword[];
}

export interface PoolState {
  id: string;
  arn: string;
  /** The Name tag. */
  name?: string;
  messageType: string | null;
  twoWay: TwoWay | null;
  selfManagedOptOuts: boolean;
  optOutList: string;
  sharedRoutes: boolean;
  deletionProtection: boolean;
  /** Phone numbers (E.164) or identities of the pool. */
  members: string[];
}

export interface ConfigSetState {
  name: string;
  defaultSenderId: string | null;
  defaultMessageType: 'TRANSACTIONAL' | 'PROMOTIONAL' | null;
  feedback: boolean;
  destinations: DesiredDestination[];
}

export interface SenderIdState {
  senderId: string;
  country: string;
  messageTypes: string[];
  deletionProtection: boolean;
}

export interface RegionSnapshot {
  region: string;
  senderIds?: SenderIdState[];
  numbers: NumberState[];
  pools: PoolState[];
  optOutLists: string[];
  configurationSets: ConfigSetState[];
  protect?: ProtectSnapshot;
  /** Channels with an override and its value (USD a month). */
  spendOverrides: Partial<Record<ProgramSpendChannel, number>>;
  /** Opted-out numbers of the lists read (only with --with-opt-outs or a document that lists them). */
  optedOut?: Record<string, string[]>;
}

/** The settings UpdatePhoneNumber / UpdatePool take. */
export interface OriginationChanges {
  twoWayEnabled?: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  deletionProtectionEnabled?: boolean;
  internationalSendingEnabled?: boolean;
  sharedRoutesEnabled?: boolean;
}

/** One API call. Pools are named by `pool` (their Name tag): the ID of a pool created on the way is filled in when applying. */
export type ProgramCallBody =
  | { op: 'CreateOptOutList'; list: string }
  | { op: 'DeleteOptOutList'; list: string }
  | {
      op: 'RequestPhoneNumber';
      number: string;
      country: string;
      numberType: 'TOLL_FREE' | 'TEN_DLC' | 'LONG_CODE' | 'SIMULATOR';
      messageType: 'TRANSACTIONAL' | 'PROMOTIONAL';
      capabilities: Array<'SMS' | 'MMS' | 'VOICE'>;
      registrationId?: string;
    }
  /** `id` is empty for a number this plan requests: filled in when applying. */
  | { op: 'UpdatePhoneNumber'; number: string; id: string; changes: OriginationChanges }
  | { op: 'PutKeyword'; number: string; id: string; keyword: string; message: string; action: string }
  | { op: 'DeleteKeyword'; number: string; id: string; keyword: string }
  | { op: 'CreatePool'; pool: string; identity: string; messageType: 'TRANSACTIONAL' | 'PROMOTIONAL'; deletionProtection: boolean }
  | { op: 'UpdatePool'; pool: string; changes: OriginationChanges }
  | { op: 'DeletePool'; pool: string }
  | { op: 'AssociateOriginationIdentity'; pool: string; identity: string }
  | { op: 'DisassociateOriginationIdentity'; pool: string; identity: string }
  | { op: 'CreateConfigurationSet'; configurationSet: string }
  | { op: 'DeleteConfigurationSet'; configurationSet: string }
  | { op: 'CreateEventDestination'; configurationSet: string; destination: DesiredDestination }
  | { op: 'UpdateEventDestination'; configurationSet: string; destination: DesiredDestination }
  | { op: 'DeleteEventDestination'; configurationSet: string; name: string }
  | { op: 'SetDefaultSenderId'; configurationSet: string; senderId: string }
  | { op: 'DeleteDefaultSenderId'; configurationSet: string }
  | { op: 'SetDefaultMessageType'; configurationSet: string; messageType: 'TRANSACTIONAL' | 'PROMOTIONAL' }
  | { op: 'DeleteDefaultMessageType'; configurationSet: string }
  | { op: 'SetDefaultMessageFeedbackEnabled'; configurationSet: string; enabled: boolean }
  | { op: 'SetSpendLimitOverride'; channel: ProgramSpendChannel; limit: number }
  | { op: 'DeleteSpendLimitOverride'; channel: ProgramSpendChannel }
  | { op: 'PutOptedOutNumber'; list: string; number: string }
  | { op: 'RequestSenderId'; senderId: string; country: string; messageTypes: Array<'TRANSACTIONAL' | 'PROMOTIONAL'>; deletionProtection: boolean }
  | { op: 'ReleaseSenderId'; senderId: string; country: string }
  /** Protect's calls, in Protect's order (they run one after another). */
  | { op: 'Protect'; call: ProtectCall };

export type ProgramCall = ProgramCallBody & { region: string; stage: number };

/**
 * The stages calls run in: every call of a stage finishes before the next starts. Lists before
 * the numbers and pools that use them; a number leaves its old pool before it joins a new one; a
 * pool exists before its members, keywords after their number; configuration sets exist before
 * Protect associates them (Protect's calls run beside the keywords: they need only the sets);
 * deletions last.
 */
const STAGE: Record<ProgramCallBody['op'], number> = {
  CreateOptOutList: 0,
  RequestPhoneNumber: 0,
  CreateConfigurationSet: 0,
  DisassociateOriginationIdentity: 1,
  UpdatePhoneNumber: 1,
  CreatePool: 2,
  AssociateOriginationIdentity: 3,
  UpdatePool: 3,
  PutKeyword: 3,
  DeleteKeyword: 3,
  CreateEventDestination: 3,
  UpdateEventDestination: 3,
  DeleteEventDestination: 3,
  SetDefaultSenderId: 3,
  DeleteDefaultSenderId: 3,
  SetDefaultMessageType: 3,
  DeleteDefaultMessageType: 3,
  SetDefaultMessageFeedbackEnabled: 3,
  SetSpendLimitOverride: 3,
  DeleteSpendLimitOverride: 3,
  PutOptedOutNumber: 3,
  RequestSenderId: 0,
  ReleaseSenderId: 5,
  Protect: 3,
  DeletePool: 5,
  DeleteConfigurationSet: 5,
  DeleteOptOutList: 6,
};

/** One field of a resource that differs; undefined on one side: added or removed. */
export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export type ResourceKind = 'senderId' | 'optedOutNumbers' | 'optOutList' | 'phoneNumber' | 'pool' | 'configurationSet' | 'spendLimit' | 'protect';

export interface ResourcePlan {
  region: string;
  kind: ResourceKind;
  name: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  changes: FieldChange[];
}

export interface ProgramPlan {
  resources: ResourcePlan[];
  /** Protect's own plan per Region (its readable changes). */
  protect: Record<string, ProtectPlan>;
  calls: ProgramCall[];
  /** What the document asks that cannot be done: nothing runs while there is one. */
  blockers: string[];
  /** Resources the document does not describe, left alone (--prune deletes those it may). */
  unmanaged: string[];
  /** Protect overrides past their expiry: reported, not planned. */
  expired: string[];
}

export interface ProgramPlanOptions {
  prune: boolean;
  /** The countries a new Protect configuration holds. */
  serviceCountries: Iterable<string>;
  mask(number: string): string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const twoWayOf = (t: TwoWay | null) => (t ? { channel: t.channel, ...(t.role ? { role: t.role } : {}) } : null);
const destinationKey = (d: DesiredDestination) => JSON.stringify({ e: [...d.eventTypes].sort(), n: d.enabled, t: targetKey(d.target) });
const targetKey = (t: DesiredTarget | null) => (t ? JSON.stringify(Object.entries(t).sort(([a], [b]) => a.localeCompare(b))) : 'none');

/** Plans one origination identity's settings (number or pool); pushes field changes and returns the Update's changes. */
function originationChanges(
  have: { twoWay: TwoWay | null; selfManagedOptOuts: boolean; optOutList: string; deletionProtection: boolean },
  want: { twoWay: TwoWay | null; selfManagedOptOuts: boolean; optOutList: string; deletionProtection: boolean },
  fields: FieldChange[],
): OriginationChanges {
  const c: OriginationChanges = {};
  if (!same(twoWayOf(have.twoWay), twoWayOf(want.twoWay))) {
    fields.push({ field: 'twoWay', from: twoWayOf(have.twoWay) ?? 'off', to: twoWayOf(want.twoWay) ?? 'off' });
    c.twoWayEnabled = want.twoWay !== null;
    if (want.twoWay) {
      c.twoWayChannelArn = want.twoWay.channel;
      if (want.twoWay.role) c.twoWayChannelRole = want.twoWay.role;
    }
  }
  if (have.selfManagedOptOuts !== want.selfManagedOptOuts) {
    fields.push({ field: 'selfManagedOptOuts', from: have.selfManagedOptOuts, to: want.selfManagedOptOuts });
    c.selfManagedOptOutsEnabled = want.selfManagedOptOuts;
  }
  if (have.optOutList !== want.optOutList) {
    fields.push({ field: 'optOutList', from: have.optOutList, to: want.optOutList });
    c.optOutListName = want.optOutList;
  }
  if (have.deletionProtection !== want.deletionProtection) {
    fields.push({ field: 'deletionProtection', from: have.deletionProtection, to: want.deletionProtection });
    c.deletionProtectionEnabled = want.deletionProtection;
  }
  return c;
}

/** Plans one Region. */
function planRegion(snap: RegionSnapshot, want: DesiredRegion, options: ProgramPlanOptions, out: ProgramPlan): void {
  const region = want.region;
  const calls: ProgramCallBody[] = [];
  const resource = (kind: ResourceKind, name: string, action: ResourcePlan['action'], changes: FieldChange[]) =>
    out.resources.push({ region, kind, name, action, changes });
  const block = (msg: string) => out.blockers.push(`${region}: ${msg}`);
  const unmanaged = (what: string) => out.unmanaged.push(`${region}: ${what}`);
  const m = options.mask;

  // Opt-out lists.
  const haveLists = new Set(snap.optOutLists);
  const wantLists = new Set([DEFAULT_OPT_OUT_LIST, ...(want.optOutLists ?? [])]);
  for (const l of want.optOutLists ?? []) {
    if (haveLists.has(l)) resource('optOutList', l, 'unchanged', []);
    else {
      resource('optOutList', l, 'create', []);
      calls.push({ op: 'CreateOptOutList', list: l });
    }
  }
  const usable = new Set([...haveLists, ...wantLists]);
  const needList = (who: string, l: string) => {
    if (!usable.has(l)) block(`${who} uses opt-out list ${l}, which is not in the account; add it to optOutLists`);
  };

  // Phone numbers.
  const byNumber = new Map(snap.numbers.map((n) => [n.number, n]));
  const requested = new Set<string>();
  for (const d of want.phoneNumbers ?? []) {
    let n = byNumber.get(d.number);
    const label = m(d.number);
    if (!n && d.request) {
      // Requested by its exact digits (NumberPreference ExactMatch), then set up like any number.
      const country = countryOfNumber(d.number);
      if (!country) {
        block(`${label}: the country of the number is not known; request it with eum number request`);
        continue;
      }
      calls.push({ op: 'RequestPhoneNumber', number: d.number, country, ...d.request });
      requested.add(d.number);
      n = {
        id: '',
        arn: '',
        number: d.number,
        numberType: d.request.numberType,
        status: 'PENDING',
        registrationId: d.request.registrationId ?? null,
        twoWay: null,
        selfManagedOptOuts: false,
        optOutList: DEFAULT_OPT_OUT_LIST,
        deletionProtection: false,
        internationalSending: null,
        poolId: null,
        keywords: [],
      };
    }
    if (!n) {
      block(`${label} is not in the account (request it with eum number request, or write request: true with its type to let apply request it)`);
      continue;
    }
    if (n.numberType === 'TEN_DLC' && !n.registrationId)
      block(`${label} is a 10DLC number without its campaign registration; associate it with an approved campaign first`);
    needList(label, d.optOutList);
    const fields: FieldChange[] = [];
    const changes = originationChanges(n, d, fields);
    // The service answers null where the setting does not apply: left alone there.
    if (n.internationalSending !== null && n.internationalSending !== d.internationalSending) {
      fields.push({ field: 'internationalSending', from: n.internationalSending, to: d.internationalSending });
      changes.internationalSendingEnabled = d.internationalSending;
    }
    if (Object.keys(changes).length) calls.push({ op: 'UpdatePhoneNumber', number: d.number, id: n.id, changes });
    if (d.keywords && n.keywords) {
      const have = new Map(n.keywords.map((k) => [k.keyword, k]));
      const wantKw = new Map(d.keywords.map((k) => [k.keyword, k]));
      for (const k of d.keywords) {
        const h = have.get(k.keyword);
        if (h && h.message === k.message && h.action === k.action) continue;
        fields.push({
          field: `keyword ${k.keyword}`,
          from: h ? { message: h.message, action: h.action } : undefined,
          to: { message: k.message, action: k.action },
        });
        calls.push({ op: 'PutKeyword', number: d.number, id: n.id, keyword: k.keyword, message: k.message, action: k.action });
      }
      // A keyword added by hand is drift: it shows as a removal. HELP and STOP cannot be deleted.
      for (const h of n.keywords) {
        if (wantKw.has(h.keyword) || h.keyword === 'HELP' || h.keyword === 'STOP') continue;
        fields.push({ field: `keyword ${h.keyword}`, from: { message: h.message, action: h.action } });
        calls.push({ op: 'DeleteKeyword', number: d.number, id: n.id, keyword: h.keyword });
      }
    }
    resource('phoneNumber', label, requested.has(d.number) ? 'create' : fields.length ? 'update' : 'unchanged', fields);
  }
  if (want.phoneNumbers) {
    const named = new Set(want.phoneNumbers.map((d) => d.number));
    const rest = snap.numbers.filter((n) => !named.has(n.number));
    // Numbers are never released by apply, --prune or not: a released number is gone for good.
    if (rest.length)
      unmanaged(
        `${rest.length} phone number${rest.length === 1 ? '' : 's'} not in the document (never released by apply): ${rest.map((n) => m(n.number)).join(', ')}`,
      );
  }

  // Pools, matched by Name tag.
  const poolsByName = new Map<string, PoolState[]>();
  for (const p of snap.pools) if (p.name) poolsByName.set(p.name, [...(poolsByName.get(p.name) ?? []), p]);
  const memberOf = new Map<string, PoolState>();
  for (const p of snap.pools) for (const id of p.members) memberOf.set(id, p);
  const matchedPools = new Set<string>();
  const leaving = new Set<string>();
  for (const d of want.pools ?? []) {
    const found = poolsByName.get(d.name) ?? [];
    if (found.length > 1) {
      block(`pool ${d.name}: ${found.length} pools have this Name tag (${found.map((p) => p.id).join(', ')}); rename one`);
      continue;
    }
    needList(`pool ${d.name}`, d.optOutList);
    for (const id of d.identities) if (!byNumber.has(id) && !requested.has(id)) block(`pool ${d.name}: ${m(id)} is not in the account`);
    const p = found[0];
    const fields: FieldChange[] = [];
    const defaults = {
      twoWay: null,
      selfManagedOptOuts: false,
      optOutList: DEFAULT_OPT_OUT_LIST,
      deletionProtection: d.deletionProtection,
      sharedRoutes: false,
    };
    const have = p ?? defaults;
    if (p) matchedPools.add(p.id);
    const changes = originationChanges(have, d, fields);
    if (have.sharedRoutes !== d.sharedRoutes) {
      fields.push({ field: 'sharedRoutes', from: have.sharedRoutes, to: d.sharedRoutes });
      changes.sharedRoutesEnabled = d.sharedRoutes;
    }
    if (p?.messageType && p.messageType !== d.messageType)
      block(
        `pool ${d.name} is ${p.messageType.toLowerCase()}; the document says ${d.messageType.toLowerCase()}, which a pool cannot change (delete and recreate it)`,
      );
    const members = p?.members ?? [];
    const joining = d.identities.filter((id) => !members.includes(id));
    const first = p ? undefined : d.identities[0];
    for (const id of joining) {
      const owner = memberOf.get(id);
      if (owner && owner !== p) {
        calls.push({ op: 'DisassociateOriginationIdentity', pool: owner.name ?? owner.id, identity: id });
        leaving.add(`${owner.id}|${id}`);
      }
      fields.push({ field: 'member', to: m(id) });
      if (id !== first) calls.push({ op: 'AssociateOriginationIdentity', pool: d.name, identity: id });
    }
    for (const id of members) {
      if (d.identities.includes(id)) continue;
      fields.push({ field: 'member', from: m(id) });
      calls.push({ op: 'DisassociateOriginationIdentity', pool: d.name, identity: id });
    }
    if (!p) calls.push({ op: 'CreatePool', pool: d.name, identity: first!, messageType: d.messageType, deletionProtection: d.deletionProtection });
    if (Object.keys(changes).length) calls.push({ op: 'UpdatePool', pool: d.name, changes });
    resource('pool', d.name, !p ? 'create' : fields.length ? 'update' : 'unchanged', fields);
  }
  if (want.pools) {
    for (const p of snap.pools) {
      if (matchedPools.has(p.id)) continue;
      const label = p.name ?? p.id;
      if (!options.prune) unmanaged(`pool ${label}`);
      else if (p.deletionProtection) block(`pool ${label}: deletion protection is on, so --prune cannot delete it; turn it off or add it to the document`);
      else {
        resource('pool', label, 'delete', []);
        calls.push({ op: 'DeletePool', pool: label });
      }
    }
  }

  // Configuration sets.
  const setsByName = new Map(snap.configurationSets.map((s) => [s.name, s]));
  for (const d of want.configurationSets ?? []) {
    const s = setsByName.get(d.name);
    const fields: FieldChange[] = [];
    const cs = d.name;
    if (!s) calls.push({ op: 'CreateConfigurationSet', configurationSet: cs });
    const have: ConfigSetState = s ?? { name: cs, defaultSenderId: null, defaultMessageType: null, feedback: false, destinations: [] };
    if (have.defaultSenderId !== d.defaultSenderId) {
      fields.push({ field: 'defaultSenderId', from: have.defaultSenderId ?? undefined, to: d.defaultSenderId ?? undefined });
      calls.push(
        d.defaultSenderId
          ? { op: 'SetDefaultSenderId', configurationSet: cs, senderId: d.defaultSenderId }
          : { op: 'DeleteDefaultSenderId', configurationSet: cs },
      );
    }
    if (have.defaultMessageType !== d.defaultMessageType) {
      fields.push({ field: 'defaultMessageType', from: have.defaultMessageType ?? undefined, to: d.defaultMessageType ?? undefined });
      calls.push(
        d.defaultMessageType
          ? { op: 'SetDefaultMessageType', configurationSet: cs, messageType: d.defaultMessageType }
          : { op: 'DeleteDefaultMessageType', configurationSet: cs },
      );
    }
    if (have.feedback !== d.feedback) {
      fields.push({ field: 'feedback', from: have.feedback, to: d.feedback });
      calls.push({ op: 'SetDefaultMessageFeedbackEnabled', configurationSet: cs, enabled: d.feedback });
    }
    const haveDest = new Map(have.destinations.map((x) => [x.name, x]));
    for (const dest of d.destinations) {
      const h = haveDest.get(dest.name);
      if (h && destinationKey(h) === destinationKey(dest)) continue;
      fields.push({
        field: `destination ${dest.name}`,
        from: h ? { eventTypes: h.eventTypes, enabled: h.enabled } : undefined,
        to: { eventTypes: dest.eventTypes, enabled: dest.enabled },
      });
      calls.push(
        h
          ? { op: 'UpdateEventDestination', configurationSet: cs, destination: dest }
          : { op: 'CreateEventDestination', configurationSet: cs, destination: dest },
      );
    }
    // A destination added by hand is drift: it shows as a removal.
    for (const h of have.destinations) {
      if (d.destinations.some((x) => x.name === h.name)) continue;
      fields.push({ field: `destination ${h.name}`, from: { eventTypes: h.eventTypes, enabled: h.enabled } });
      calls.push({ op: 'DeleteEventDestination', configurationSet: cs, name: h.name });
    }
    resource('configurationSet', cs, !s ? 'create' : fields.length ? 'update' : 'unchanged', fields);
  }
  if (want.configurationSets) {
    const named = new Set(want.configurationSets.map((s) => s.name));
    for (const s of snap.configurationSets) {
      if (named.has(s.name)) continue;
      if (!options.prune) unmanaged(`configuration set ${s.name}`);
      else {
        resource('configurationSet', s.name, 'delete', []);
        calls.push({ op: 'DeleteConfigurationSet', configurationSet: s.name });
      }
    }
  }

  // Opt-out lists the document does not name (after the numbers and pools leave them).
  if (want.optOutLists) {
    for (const l of snap.optOutLists) {
      if (wantLists.has(l)) continue;
      if (!options.prune) unmanaged(`opt-out list ${l}`);
      else {
        resource('optOutList', l, 'delete', []);
        calls.push({ op: 'DeleteOptOutList', list: l });
      }
    }
  }

  // Spend limits: a channel written is an override; one left out keeps the service's limit.
  if (want.spendLimits) {
    for (const [channel, limit] of Object.entries(want.spendLimits) as Array<[ProgramSpendChannel, number]>) {
      const h = snap.spendOverrides[channel];
      if (h === limit) continue;
      resource('spendLimit', channel, 'update', [{ field: 'monthlyLimit', from: h, to: limit }]);
      calls.push({ op: 'SetSpendLimitOverride', channel, limit });
    }
    for (const [channel, h] of Object.entries(snap.spendOverrides) as Array<[ProgramSpendChannel, number]>) {
      if (channel in want.spendLimits) continue;
      if (!options.prune) unmanaged(`spend limit override ${channel} (${h} USD)`);
      else {
        resource('spendLimit', channel, 'delete', [{ field: 'monthlyLimit', from: h }]);
        calls.push({ op: 'DeleteSpendLimitOverride', channel });
      }
    }
  }

  // Sender IDs: requested where missing (the countries eum sender-id bulk would request), never updated.
  if (want.senderIds) {
    const have = new Map((snap.senderIds ?? []).map((s) => [`${s.senderId.toUpperCase()}|${s.country}`, s]));
    const wanted = new Set<string>();
    for (const d of want.senderIds) {
      const added: string[] = [];
      for (const country of d.countries) {
        const key = `${d.senderId.toUpperCase()}|${country}`;
        wanted.add(key);
        const h = have.get(key);
        if (h) {
          if (h.deletionProtection !== d.deletionProtection)
            unmanaged(
              `sender ID ${d.senderId} in ${country}: deletion protection is ${h.deletionProtection ? 'on' : 'off'}, the document says ${d.deletionProtection ? 'on' : 'off'} (apply does not update sender IDs)`,
            );
          continue;
        }
        const cls = classifyCountry(country);
        if (cls.kind !== 'request') {
          block(`sender ID ${d.senderId} in ${country}: ${cls.reason}`);
          continue;
        }
        added.push(country);
        calls.push({ op: 'RequestSenderId', senderId: d.senderId, country, messageTypes: d.messageTypes, deletionProtection: d.deletionProtection });
      }
      resource(
        'senderId',
        d.senderId,
        added.length ? 'update' : 'unchanged',
        added.map((c) => ({ field: 'country', to: c })),
      );
    }
    for (const h of snap.senderIds ?? []) {
      if (wanted.has(`${h.senderId.toUpperCase()}|${h.country}`)) continue;
      const label = `sender ID ${h.senderId} in ${h.country}`;
      if (!options.prune) unmanaged(label);
      else if (h.deletionProtection) block(`${label}: deletion protection is on, so --prune cannot release it`);
      else {
        resource('senderId', h.senderId, 'delete', [{ field: 'country', from: h.country }]);
        calls.push({ op: 'ReleaseSenderId', senderId: h.senderId, country: h.country });
      }
    }
  }

  // Opted-out numbers are data: added when missing, never removed.
  for (const [list, nums] of Object.entries(want.optedOutNumbers ?? {})) {
    needList(`optedOutNumbers.${list}`, list);
    const have = new Set(snap.optedOut?.[list] ?? []);
    const missing = nums.filter((n) => !have.has(n));
    const extra = [...have].filter((n) => !nums.includes(n)).length;
    if (extra) unmanaged(`${extra} opted-out number${extra === 1 ? '' : 's'} of ${list} not in the document (opt-outs are never removed by apply)`);
    resource(
      'optedOutNumbers',
      list,
      missing.length ? 'update' : 'unchanged',
      missing.length ? [{ field: 'opted out', to: `${missing.length} number${missing.length === 1 ? '' : 's'}` }] : [],
    );
    for (const n of missing) calls.push({ op: 'PutOptedOutNumber', list, number: n });
  }

  // Protect: its own planner; configuration sets the document creates count as existing.
  if (want.protect && snap.protect) {
    const setNames = new Set([...snap.protect.configurationSetNames, ...(want.configurationSets ?? []).map((s) => s.name)]);
    const pp = planProtect({ ...snap.protect, configurationSetNames: [...setNames] }, want.protect, {
      prune: options.prune,
      serviceCountries: options.serviceCountries,
    });
    out.protect[region] = pp;
    for (const b of pp.blockers) block(`protect: ${b}`);
    for (const u of pp.unmanaged) unmanaged(`Protect configuration ${u}`);
    for (const e of pp.expired) out.expired.push(`${region}: ${e.configuration} override ${m(e.number)} ${e.action} until ${e.expires}`);
    for (const c of pp.configurations) {
      if (c.action === 'unchanged') continue;
      resource(
        'protect',
        c.name,
        c.action,
        c.changes.map((ch) => ({ field: ch.kind, to: ch })),
      );
    }
    for (const call of pp.calls) calls.push({ op: 'Protect', call });
  }

  const ordered = calls.map((c, i) => ({ c, i })).sort((a, b) => STAGE[a.c.op] - STAGE[b.c.op] || a.i - b.i);
  for (const { c } of ordered) out.calls.push({ ...c, region, stage: STAGE[c.op] } as ProgramCall);
}

/** Computes the plan for every Region the document names. */
export function planProgram(snapshots: RegionSnapshot[], desired: DesiredProgram, options: ProgramPlanOptions): ProgramPlan {
  const out: ProgramPlan = { resources: [], protect: {}, calls: [], blockers: [], unmanaged: [], expired: [] };
  for (const want of desired.regions) {
    const snap = snapshots.find((s) => s.region === want.region);
    if (!snap) {
      out.blockers.push(`${want.region}: not read`);
      continue;
    }
    planRegion(snap, want, options, out);
  }
  // Stages run across Regions: stage n of every Region before stage n+1.
  out.calls.sort((a, b) => a.stage - b.stage);
  return out;
}

/** The API calls a plan makes, by operation (Protect's by their own operation). */
export function countProgramCalls(plan: ProgramPlan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of plan.calls) {
    const op = c.op === 'Protect' ? c.call.op : c.op;
    out[op] = (out[op] ?? 0) + 1;
  }
  return out;
}
