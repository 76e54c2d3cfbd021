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
  type DesiredConfigSet,
  type DesiredDestination,
  type DesiredKeyword,
  type DesiredNumber,
  type DesiredPool,
  type DesiredProgram,
  type DesiredRegion,
  type DesiredSenderId,
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

/** One Region being planned: what its section planners read, and where they record what they find. */
interface RegionPlanner {
  region: string;
  snap: RegionSnapshot;
  want: DesiredRegion;
  options: ProgramPlanOptions;
  out: ProgramPlan;
  /** The Region's calls in the order planned (put in stage order at the end). */
  calls: ProgramCallBody[];
  /** The opt-out lists the document names, and the default list. */
  wantLists: Set<string>;
  resource(kind: ResourceKind, name: string, action: ResourcePlan['action'], changes: FieldChange[]): void;
  block(msg: string): void;
  unmanaged(what: string): void;
  /** Blocks what uses an opt-out list that neither is in the account nor is created by the document. */
  needList(who: string, list: string): void;
}

/** Starts planning one Region: its calls, and helpers that record what is found under the Region's name. */
function regionPlanner(snap: RegionSnapshot, want: DesiredRegion, options: ProgramPlanOptions, out: ProgramPlan): RegionPlanner {
  const region = want.region;
  const wantLists = new Set([DEFAULT_OPT_OUT_LIST, ...(want.optOutLists ?? [])]);
  const usable = new Set([...snap.optOutLists, ...wantLists]);
  const block = (msg: string) => void out.blockers.push(`${region}: ${msg}`);
  return {
    region,
    snap,
    want,
    options,
    out,
    calls: [],
    wantLists,
    resource: (kind, name, action, changes) => void out.resources.push({ region, kind, name, action, changes }),
    block,
    unmanaged: (what) => void out.unmanaged.push(`${region}: ${what}`),
    needList: (who, l) => {
      if (!usable.has(l)) block(`${who} uses opt-out list ${l}, which is not in the account; add it to optOutLists`);
    },
  };
}

/** A resource's action: created, else updated when a field changes. */
const actionOf = (created: boolean, fields: FieldChange[]): ResourcePlan['action'] => (created ? 'create' : fields.length ? 'update' : 'unchanged');

/** A resource the document does not describe: reported as unmanaged, or deleted with --prune unless `kept` says why it cannot be. */
function leftOver(
  p: RegionPlanner,
  r: { unmanaged: string; kept?: string; kind: ResourceKind; name: string; changes?: FieldChange[]; call: ProgramCallBody },
): void {
  if (!p.options.prune) p.unmanaged(r.unmanaged);
  else if (r.kept) p.block(r.kept);
  else {
    p.resource(r.kind, r.name, 'delete', r.changes ?? []);
    p.calls.push(r.call);
  }
}

/** How `planParts` compares and changes one kind of named part of a resource (a number's keywords, a set's event destinations). */
interface PartsSpec<T> {
  /** What a part's field change is called, before its key (`keyword`: `keyword HELP`). */
  field: string;
  key(part: T): string;
  same(have: T, want: T): boolean;
  /** What a field change shows of a part. */
  shown(part: T): unknown;
  /** The call that adds a part, or changes the part `have`. */
  put(part: T, have: T | undefined): ProgramCallBody;
  /** The call that removes a part; undefined for a part that cannot be removed. */
  remove(part: T): ProgramCallBody | undefined;
}

/** Brings a resource's named parts in line: each one added or changed is put, each one the document leaves out removed. */
function planParts<T>(have: T[], want: T[], spec: PartsSpec<T>, fields: FieldChange[], calls: ProgramCallBody[]): void {
  const haveByKey = new Map(have.map((x) => [spec.key(x), x]));
  const wantKeys = new Set(want.map((x) => spec.key(x)));
  for (const x of want) {
    const h = haveByKey.get(spec.key(x));
    if (h && spec.same(h, x)) continue;
    fields.push({ field: `${spec.field} ${spec.key(x)}`, from: h ? spec.shown(h) : undefined, to: spec.shown(x) });
    calls.push(spec.put(x, h));
  }
  // A part added by hand (a keyword, a destination) is drift: it shows as a removal.
  for (const h of have) {
    const call = wantKeys.has(spec.key(h)) ? undefined : spec.remove(h);
    if (!call) continue;
    fields.push({ field: `${spec.field} ${spec.key(h)}`, from: spec.shown(h) });
    calls.push(call);
  }
}

const keywordParts = (number: string, id: string): PartsSpec<DesiredKeyword> => ({
  field: 'keyword',
  key: (k) => k.keyword,
  same: (h, k) => h.message === k.message && h.action === k.action,
  shown: (k) => ({ message: k.message, action: k.action }),
  put: (k) => ({ op: 'PutKeyword', number, id, keyword: k.keyword, message: k.message, action: k.action }),
  // HELP and STOP cannot be deleted.
  remove: (k) => (k.keyword === 'HELP' || k.keyword === 'STOP' ? undefined : { op: 'DeleteKeyword', number, id, keyword: k.keyword }),
});

const destinationParts = (configurationSet: string): PartsSpec<DesiredDestination> => ({
  field: 'destination',
  key: (d) => d.name,
  same: (h, d) => destinationKey(h) === destinationKey(d),
  shown: (d) => ({ eventTypes: d.eventTypes, enabled: d.enabled }),
  put: (d, h) => (h ? { op: 'UpdateEventDestination', configurationSet, destination: d } : { op: 'CreateEventDestination', configurationSet, destination: d }),
  remove: (d) => ({ op: 'DeleteEventDestination', configurationSet, name: d.name }),
});

/** Opt-out lists. */
function planOptOutLists(p: RegionPlanner): void {
  const have = new Set(p.snap.optOutLists);
  for (const l of p.want.optOutLists ?? []) {
    if (have.has(l)) p.resource('optOutList', l, 'unchanged', []);
    else {
      p.resource('optOutList', l, 'create', []);
      p.calls.push({ op: 'CreateOptOutList', list: l });
    }
  }
}

/** Phone numbers. Returns the numbers pools can hold: those in the account and those requested. */
function planPhoneNumbers(p: RegionPlanner): Set<string> {
  const byNumber = new Map(p.snap.numbers.map((n) => [n.number, n]));
  const requested = new Set<string>();
  for (const d of p.want.phoneNumbers ?? []) {
    let n = byNumber.get(d.number);
    const label = p.options.mask(d.number);
    if (!n && d.request) {
      n = requestNumber(p, d.number, d.request, label);
      if (!n) continue;
      requested.add(d.number);
    }
    if (!n) {
      p.block(`${label} is not in the account (request it with eum number request, or write request: true with its type to let apply request it)`);
      continue;
    }
    planNumber(p, d, n, label, requested.has(d.number));
  }
  if (p.want.phoneNumbers) {
    const named = new Set(p.want.phoneNumbers.map((d) => d.number));
    const rest = p.snap.numbers.filter((n) => !named.has(n.number));
    // Numbers are never released by apply, --prune or not: a released number is gone for good.
    if (rest.length)
      p.unmanaged(
        `${rest.length} phone number${rest.length === 1 ? '' : 's'} not in the document (never released by apply): ${rest.map((n) => p.options.mask(n.number)).join(', ')}`,
      );
  }
  return new Set([...byNumber.keys(), ...requested]);
}

/** Plans the request of a number not in the account; returns the number as it will be (its ID filled in when applying). */
function requestNumber(p: RegionPlanner, number: string, request: NonNullable<DesiredNumber['request']>, label: string): NumberState | undefined {
  // Requested by its exact digits (NumberPreference ExactMatch), then set up like any number.
  const country = countryOfNumber(number);
  if (!country) {
    p.block(`${label}: the country of the number is not known; request it with eum number request`);
    return undefined;
  }
  p.calls.push({ op: 'RequestPhoneNumber', number, country, ...request });
  return {
    id: '',
    arn: '',
    number,
    numberType: request.numberType,
    status: 'PENDING',
    registrationId: request.registrationId ?? null,
    twoWay: null,
    selfManagedOptOuts: false,
    optOutList: DEFAULT_OPT_OUT_LIST,
    deletionProtection: false,
    internationalSending: null,
    poolId: null,
    keywords: [],
  };
}

/** One number of the document (in the account, or requested by this plan): its settings and keywords. */
function planNumber(p: RegionPlanner, d: DesiredNumber, n: NumberState, label: string, created: boolean): void {
  if (n.numberType === 'TEN_DLC' && !n.registrationId)
    p.block(`${label} is a 10DLC number without its campaign registration; associate it with an approved campaign first`);
  p.needList(label, d.optOutList);
  const fields: FieldChange[] = [];
  const changes = originationChanges(n, d, fields);
  // The service answers null where the setting does not apply: left alone there.
  if (n.internationalSending !== null && n.internationalSending !== d.internationalSending) {
    fields.push({ field: 'internationalSending', from: n.internationalSending, to: d.internationalSending });
    changes.internationalSendingEnabled = d.internationalSending;
  }
  if (Object.keys(changes).length) p.calls.push({ op: 'UpdatePhoneNumber', number: d.number, id: n.id, changes });
  if (d.keywords && n.keywords) planParts(n.keywords, d.keywords, keywordParts(d.number, n.id), fields, p.calls);
  p.resource('phoneNumber', label, actionOf(created, fields), fields);
}

/** Pools, matched by Name tag. `numbers`: the numbers in the account or requested. */
function planPools(p: RegionPlanner, numbers: ReadonlySet<string>): void {
  if (!p.want.pools) return;
  const poolsByName = new Map<string, PoolState[]>();
  for (const pool of p.snap.pools) if (pool.name) poolsByName.set(pool.name, [...(poolsByName.get(pool.name) ?? []), pool]);
  const memberOf = new Map<string, PoolState>();
  for (const pool of p.snap.pools) for (const id of pool.members) memberOf.set(id, pool);
  const matched = new Set<string>();
  for (const d of p.want.pools) {
    const found = poolsByName.get(d.name) ?? [];
    if (found.length > 1) {
      p.block(`pool ${d.name}: ${found.length} pools have this Name tag (${found.map((x) => x.id).join(', ')}); rename one`);
      continue;
    }
    if (found[0]) matched.add(found[0].id);
    planPool(p, d, found[0], memberOf, numbers);
  }
  for (const pool of p.snap.pools) {
    if (matched.has(pool.id)) continue;
    const label = pool.name ?? pool.id;
    leftOver(p, {
      unmanaged: `pool ${label}`,
      kept: pool.deletionProtection
        ? `pool ${label}: deletion protection is on, so --prune cannot delete it; turn it off or add it to the document`
        : undefined,
      kind: 'pool',
      name: label,
      call: { op: 'DeletePool', pool: label },
    });
  }
}

/** One pool of the document (`pool`: the account's, undefined when it is created): its settings and members. */
function planPool(p: RegionPlanner, d: DesiredPool, pool: PoolState | undefined, memberOf: Map<string, PoolState>, numbers: ReadonlySet<string>): void {
  p.needList(`pool ${d.name}`, d.optOutList);
  for (const id of d.identities) if (!numbers.has(id)) p.block(`pool ${d.name}: ${p.options.mask(id)} is not in the account`);
  const fields: FieldChange[] = [];
  const defaults = {
    twoWay: null,
    selfManagedOptOuts: false,
    optOutList: DEFAULT_OPT_OUT_LIST,
    deletionProtection: d.deletionProtection,
    sharedRoutes: false,
  };
  const have = pool ?? defaults;
  const changes = originationChanges(have, d, fields);
  if (have.sharedRoutes !== d.sharedRoutes) {
    fields.push({ field: 'sharedRoutes', from: have.sharedRoutes, to: d.sharedRoutes });
    changes.sharedRoutesEnabled = d.sharedRoutes;
  }
  if (pool?.messageType && pool.messageType !== d.messageType)
    p.block(
      `pool ${d.name} is ${pool.messageType.toLowerCase()}; the document says ${d.messageType.toLowerCase()}, which a pool cannot change (delete and recreate it)`,
    );
  // A new pool is created with its first member.
  const first = pool ? undefined : d.identities[0];
  planMembers(p, d, pool, first, memberOf, fields);
  if (!pool) p.calls.push({ op: 'CreatePool', pool: d.name, identity: first!, messageType: d.messageType, deletionProtection: d.deletionProtection });
  if (Object.keys(changes).length) p.calls.push({ op: 'UpdatePool', pool: d.name, changes });
  p.resource('pool', d.name, actionOf(!pool, fields), fields);
}

/** A pool's members: a number joining leaves the pool it is in; members the document leaves out leave. */
function planMembers(
  p: RegionPlanner,
  d: DesiredPool,
  pool: PoolState | undefined,
  first: string | undefined,
  memberOf: Map<string, PoolState>,
  fields: FieldChange[],
): void {
  const members = pool?.members ?? [];
  for (const id of d.identities.filter((x) => !members.includes(x))) {
    const owner = memberOf.get(id);
    if (owner && owner !== pool) p.calls.push({ op: 'DisassociateOriginationIdentity', pool: owner.name ?? owner.id, identity: id });
    fields.push({ field: 'member', to: p.options.mask(id) });
    if (id !== first) p.calls.push({ op: 'AssociateOriginationIdentity', pool: d.name, identity: id });
  }
  for (const id of members) {
    if (d.identities.includes(id)) continue;
    fields.push({ field: 'member', from: p.options.mask(id) });
    p.calls.push({ op: 'DisassociateOriginationIdentity', pool: d.name, identity: id });
  }
}

/** Configuration sets. */
function planConfigurationSets(p: RegionPlanner): void {
  if (!p.want.configurationSets) return;
  const setsByName = new Map(p.snap.configurationSets.map((s) => [s.name, s]));
  for (const d of p.want.configurationSets) planConfigurationSet(p, d, setsByName.get(d.name));
  const named = new Set(p.want.configurationSets.map((s) => s.name));
  for (const s of p.snap.configurationSets) {
    if (named.has(s.name)) continue;
    leftOver(p, {
      unmanaged: `configuration set ${s.name}`,
      kind: 'configurationSet',
      name: s.name,
      call: { op: 'DeleteConfigurationSet', configurationSet: s.name },
    });
  }
}

/** One configuration set of the document (`s`: the account's, undefined when it is created): its defaults and event destinations. */
function planConfigurationSet(p: RegionPlanner, d: DesiredConfigSet, s: ConfigSetState | undefined): void {
  const fields: FieldChange[] = [];
  const cs = d.name;
  if (!s) p.calls.push({ op: 'CreateConfigurationSet', configurationSet: cs });
  const have: ConfigSetState = s ?? { name: cs, defaultSenderId: null, defaultMessageType: null, feedback: false, destinations: [] };
  if (have.defaultSenderId !== d.defaultSenderId) {
    fields.push({ field: 'defaultSenderId', from: have.defaultSenderId ?? undefined, to: d.defaultSenderId ?? undefined });
    p.calls.push(
      d.defaultSenderId
        ? { op: 'SetDefaultSenderId', configurationSet: cs, senderId: d.defaultSenderId }
        : { op: 'DeleteDefaultSenderId', configurationSet: cs },
    );
  }
  if (have.defaultMessageType !== d.defaultMessageType) {
    fields.push({ field: 'defaultMessageType', from: have.defaultMessageType ?? undefined, to: d.defaultMessageType ?? undefined });
    p.calls.push(
      d.defaultMessageType
        ? { op: 'SetDefaultMessageType', configurationSet: cs, messageType: d.defaultMessageType }
        : { op: 'DeleteDefaultMessageType', configurationSet: cs },
    );
  }
  if (have.feedback !== d.feedback) {
    fields.push({ field: 'feedback', from: have.feedback, to: d.feedback });
    p.calls.push({ op: 'SetDefaultMessageFeedbackEnabled', configurationSet: cs, enabled: d.feedback });
  }
  planParts(have.destinations, d.destinations, destinationParts(cs), fields, p.calls);
  p.resource('configurationSet', cs, actionOf(!s, fields), fields);
}

/** Opt-out lists the document does not name (after the numbers and pools leave them). */
function pruneOptOutLists(p: RegionPlanner): void {
  if (!p.want.optOutLists) return;
  for (const l of p.snap.optOutLists) {
    if (p.wantLists.has(l)) continue;
    leftOver(p, { unmanaged: `opt-out list ${l}`, kind: 'optOutList', name: l, call: { op: 'DeleteOptOutList', list: l } });
  }
}

/** Spend limits: a channel written is an override; one left out keeps the service's limit. */
function planSpendLimits(p: RegionPlanner): void {
  const want = p.want.spendLimits;
  if (!want) return;
  for (const [channel, limit] of Object.entries(want) as Array<[ProgramSpendChannel, number]>) {
    const h = p.snap.spendOverrides[channel];
    if (h === limit) continue;
    p.resource('spendLimit', channel, 'update', [{ field: 'monthlyLimit', from: h, to: limit }]);
    p.calls.push({ op: 'SetSpendLimitOverride', channel, limit });
  }
  for (const [channel, h] of Object.entries(p.snap.spendOverrides) as Array<[ProgramSpendChannel, number]>) {
    if (channel in want) continue;
    leftOver(p, {
      unmanaged: `spend limit override ${channel} (${h} USD)`,
      kind: 'spendLimit',
      name: channel,
      changes: [{ field: 'monthlyLimit', from: h }],
      call: { op: 'DeleteSpendLimitOverride', channel },
    });
  }
}

const senderIdKey = (senderId: string, country: string) => `${senderId.toUpperCase()}|${country}`;

/** Sender IDs: requested where missing (the countries eum sender-id bulk would request), never updated. */
function planSenderIds(p: RegionPlanner): void {
  if (!p.want.senderIds) return;
  const have = new Map((p.snap.senderIds ?? []).map((s) => [senderIdKey(s.senderId, s.country), s]));
  const wanted = new Set(p.want.senderIds.flatMap((d) => d.countries.map((country) => senderIdKey(d.senderId, country))));
  for (const d of p.want.senderIds) planSenderId(p, d, have);
  for (const h of p.snap.senderIds ?? []) {
    if (wanted.has(senderIdKey(h.senderId, h.country))) continue;
    const label = `sender ID ${h.senderId} in ${h.country}`;
    leftOver(p, {
      unmanaged: label,
      kept: h.deletionProtection ? `${label}: deletion protection is on, so --prune cannot release it` : undefined,
      kind: 'senderId',
      name: h.senderId,
      changes: [{ field: 'country', from: h.country }],
      call: { op: 'ReleaseSenderId', senderId: h.senderId, country: h.country },
    });
  }
}

/** One sender ID of the document: requested in each of its countries that does not have it. */
function planSenderId(p: RegionPlanner, d: DesiredSenderId, have: Map<string, SenderIdState>): void {
  const added: string[] = [];
  for (const country of d.countries) {
    const h = have.get(senderIdKey(d.senderId, country));
    if (h) {
      if (h.deletionProtection !== d.deletionProtection)
        p.unmanaged(
          `sender ID ${d.senderId} in ${country}: deletion protection is ${h.deletionProtection ? 'on' : 'off'}, the document says ${d.deletionProtection ? 'on' : 'off'} (apply does not update sender IDs)`,
        );
      continue;
    }
    const cls = classifyCountry(country);
    if (cls.kind !== 'request') {
      p.block(`sender ID ${d.senderId} in ${country}: ${cls.reason}`);
      continue;
    }
    added.push(country);
    p.calls.push({ op: 'RequestSenderId', senderId: d.senderId, country, messageTypes: d.messageTypes, deletionProtection: d.deletionProtection });
  }
  p.resource(
    'senderId',
    d.senderId,
    added.length ? 'update' : 'unchanged',
    added.map((c) => ({ field: 'country', to: c })),
  );
}

/** Opted-out numbers are data: added when missing, never removed. */
function planOptedOutNumbers(p: RegionPlanner): void {
  for (const [list, nums] of Object.entries(p.want.optedOutNumbers ?? {})) {
    p.needList(`optedOutNumbers.${list}`, list);
    const have = new Set(p.snap.optedOut?.[list] ?? []);
    const missing = nums.filter((n) => !have.has(n));
    const extra = [...have].filter((n) => !nums.includes(n)).length;
    if (extra) p.unmanaged(`${extra} opted-out number${extra === 1 ? '' : 's'} of ${list} not in the document (opt-outs are never removed by apply)`);
    p.resource(
      'optedOutNumbers',
      list,
      missing.length ? 'update' : 'unchanged',
      missing.length ? [{ field: 'opted out', to: `${missing.length} number${missing.length === 1 ? '' : 's'}` }] : [],
    );
    for (const n of missing) p.calls.push({ op: 'PutOptedOutNumber', list, number: n });
  }
}

/** Protect: its own planner; configuration sets the document creates count as existing. */
function planProtectSection(p: RegionPlanner): void {
  const { region, snap, want, options, out } = p;
  if (!want.protect || !snap.protect) return;
  const setNames = new Set([...snap.protect.configurationSetNames, ...(want.configurationSets ?? []).map((s) => s.name)]);
  const pp = planProtect({ ...snap.protect, configurationSetNames: [...setNames] }, want.protect, {
    prune: options.prune,
    serviceCountries: options.serviceCountries,
  });
  out.protect[region] = pp;
  for (const b of pp.blockers) p.block(`protect: ${b}`);
  for (const u of pp.unmanaged) p.unmanaged(`Protect configuration ${u}`);
  for (const e of pp.expired) out.expired.push(`${region}: ${e.configuration} override ${options.mask(e.number)} ${e.action} until ${e.expires}`);
  for (const c of pp.configurations) {
    if (c.action === 'unchanged') continue;
    p.resource(
      'protect',
      c.name,
      c.action,
      c.changes.map((ch) => ({ field: ch.kind, to: ch })),
    );
  }
  for (const call of pp.calls) p.calls.push({ op: 'Protect', call });
}

/** Plans one Region, section by section: the order of the sections is the order of the plan's resources, and of its calls within a stage. */
function planRegion(snap: RegionSnapshot, want: DesiredRegion, options: ProgramPlanOptions, out: ProgramPlan): void {
  const p = regionPlanner(snap, want, options, out);
  planOptOutLists(p);
  const numbers = planPhoneNumbers(p);
  planPools(p, numbers);
  planConfigurationSets(p);
  pruneOptOutLists(p);
  planSpendLimits(p);
  planSenderIds(p);
  planOptedOutNumbers(p);
  planProtectSection(p);
  const ordered = p.calls.map((c, i) => ({ c, i })).sort((a, b) => STAGE[a.c.op] - STAGE[b.c.op] || a.i - b.i);
  for (const { c } of ordered) out.calls.push({ ...c, region: p.region, stage: STAGE[c.op] } as ProgramCall);
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
