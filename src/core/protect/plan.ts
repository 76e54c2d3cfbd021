/**
 * ProtectPlan: what `eum protect apply` must call to make the account match a document. The
 * comparison understands that the service returns every country: a document lists a default and
 * its exceptions, and only countries whose status differs become changes.
 */
import {
  CHANNELS,
  apiChannel,
  type Channel,
  type NumberOverride,
  type ProtectConfigurationSnapshot,
  type ProtectSnapshot,
  type ProtectStatus,
} from './types.js';
import { diffRuleSets, expandRuleSet, ruleUpdateBatches, type RuleChange } from './rules.js';
import type { DesiredConfiguration, DesiredState } from './document.js';

/** One API call. `ref` names the configuration (its ID is filled in when applying, after a create). */
export type PlanCall =
  | { op: 'CreateProtectConfiguration'; ref: string; deletionProtection: boolean; tags: Record<string, string> }
  | { op: 'UpdateProtectConfiguration'; ref: string; deletionProtection: boolean }
  | { op: 'TagResource'; ref: string; tags: Record<string, string> }
  | { op: 'UntagResource'; ref: string; keys: string[] }
  | { op: 'UpdateProtectConfigurationCountryRuleSet'; ref: string; channel: Channel; updates: Record<string, ProtectStatus> }
  | { op: 'PutProtectConfigurationRuleSetNumberOverride'; ref: string; number: string; action: 'ALLOW' | 'BLOCK'; expires?: string }
  | { op: 'DeleteProtectConfigurationRuleSetNumberOverride'; ref: string; number: string }
  | { op: 'DisassociateProtectConfiguration'; ref: string; configurationSet: string }
  | { op: 'AssociateProtectConfiguration'; ref: string; configurationSet: string }
  | { op: 'SetAccountDefaultProtectConfiguration'; ref: string }
  | { op: 'DeleteAccountDefaultProtectConfiguration'; ref: string }
  | { op: 'DeleteProtectConfiguration'; ref: string };

/** A readable change, for the plan output. */
export type PlanChange =
  | { kind: 'deletionProtection'; from: boolean; to: boolean }
  | { kind: 'tag'; key: string; from?: string; to?: string }
  | { kind: 'rules'; channel: Channel; changes: RuleChange[] }
  | { kind: 'override'; number: string; from?: { action: string; expires?: string }; to?: { action: string; expires?: string } }
  | { kind: 'configurationSet'; name: string; change: 'add' | 'remove' }
  | { kind: 'accountDefault'; to: boolean };

export interface ConfigurationPlan {
  name: string;
  id?: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  changes: PlanChange[];
}

export interface ProtectPlan {
  configurations: ConfigurationPlan[];
  /** Account default before and after (names), when it changes. */
  accountDefault?: { from: string | null; to: string | null };
  calls: PlanCall[];
  /** Reasons the plan cannot be applied (nothing is sent when there are any). */
  blockers: string[];
  /** Existing configurations the document does not mention, left alone (without --prune). */
  unmanaged: string[];
  /** Document overrides whose expiry has passed: reported, not planned. */
  expired: Array<{ configuration: string; number: string; action: string; expires: string }>;
}

export interface PlanOptions {
  prune: boolean;
  /** The countries a new configuration holds. */
  serviceCountries: Iterable<string>;
}

function overrideKey(o: { action: string; expires?: string }): string {
  return `${o.action}|${o.expires ? new Date(o.expires).toISOString() : ''}`;
}

/** Matches document entries to existing configurations: by `id`, else by Name tag. */
export function matchConfigurations(
  snapshot: ProtectSnapshot,
  desired: DesiredState,
): { matches: Map<DesiredConfiguration, ProtectConfigurationSnapshot | undefined>; blockers: string[] } {
  const blockers: string[] = [];
  const byName = new Map<string, ProtectConfigurationSnapshot[]>();
  for (const c of snapshot.configurations) if (c.name) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const matches = new Map<DesiredConfiguration, ProtectConfigurationSnapshot | undefined>();
  for (const d of desired.configurations) {
    if (d.id) {
      const c = snapshot.configurations.find((x) => x.id === d.id);
      if (!c) blockers.push(`${d.name}: no configuration has id ${d.id}; remove the id to create it anew`);
      matches.set(d, c);
      continue;
    }
    const found = byName.get(d.name) ?? [];
    if (found.length > 1)
      blockers.push(
        `${d.name}: ${found.length} configurations have this Name tag (${found.map((c) => c.id).join(', ')}); rename one, or give the document entry an id`,
      );
    matches.set(d, found[0]);
    // A configuration without a Name tag is exported under its ID: match that too.
    if (!found.length) {
      const byId = snapshot.configurations.find((x) => x.id === d.name && !x.name);
      if (byId) matches.set(d, byId);
    }
  }
  return { matches, blockers };
}

/** Where the planning of one configuration puts what it finds: its changes and calls, in the plan's lists. */
interface PlanSink {
  changes: PlanChange[];
  calls: PlanCall[];
  blockers: string[];
}

/** Computes the plan. Pure: the snapshot is what the account holds now. */
export function planProtect(snapshot: ProtectSnapshot, desired: DesiredState, options: PlanOptions): ProtectPlan {
  const { matches, blockers } = matchConfigurations(snapshot, desired);
  const plans: ConfigurationPlan[] = [];
  const calls: PlanCall[] = [];
  const disassociations: PlanCall[] = [];
  const associations: PlanCall[] = [];
  const sets = { known: new Set(snapshot.configurationSetNames), ownerNow: new Map<string, ProtectConfigurationSnapshot>(), disassociations, associations };
  for (const c of snapshot.configurations) for (const s of c.configurationSets) sets.ownerNow.set(s, c);
  const refOf = new Map<string, string>(); // configuration id -> ref
  const expired: ProtectPlan['expired'] = [];

  for (const d of desired.configurations) {
    const current = matches.get(d);
    const ref = d.name;
    if (current) refOf.set(current.id, ref);
    const sink: PlanSink = { changes: [], calls, blockers };
    if (!current) calls.push({ op: 'CreateProtectConfiguration', ref, deletionProtection: d.deletionProtection, tags: { Name: d.name, ...d.tags } });
    else planSettings(sink, current, d);
    planRules(sink, current, d, options.serviceCountries);
    planOverrides(sink, current, d);
    for (const o of d.expiredOverrides ?? []) expired.push({ configuration: d.name, number: o.number, action: o.action, expires: o.expires ?? '' });
    planConfigurationSets(sink, current, d, sets);
    plans.push({ name: d.name, id: current?.id, action: !current ? 'create' : sink.changes.length ? 'update' : 'unchanged', changes: sink.changes });
  }

  // Configurations the document does not mention.
  const matched = new Set([...matches.values()].filter(Boolean).map((c) => c!.id));
  const unmanaged: string[] = [];
  const deletes: PlanCall[] = [];
  for (const c of snapshot.configurations) {
    if (matched.has(c.id)) continue;
    const label = c.name ?? c.id;
    if (!options.prune) {
      unmanaged.push(label);
      continue;
    }
    refOf.set(c.id, c.id);
    if (c.deletionProtection)
      blockers.push(`${label}: deletion protection is on, so --prune cannot delete it; turn it off (eum protect update) or add it to the document`);
    const changes: PlanChange[] = [];
    for (const s of c.configurationSets) {
      // Sets the document moves elsewhere are already disassociated above.
      if (!disassociations.some((x) => x.op === 'DisassociateProtectConfiguration' && x.configurationSet === s)) {
        disassociations.push({ op: 'DisassociateProtectConfiguration', ref: c.id, configurationSet: s });
      }
      changes.push({ kind: 'configurationSet', name: s, change: 'remove' });
    }
    deletes.push({ op: 'DeleteProtectConfiguration', ref: c.id });
    plans.push({ name: label, id: c.id, action: 'delete', changes });
  }

  const { accountDefault, defaultCalls } = planAccountDefault(snapshot, desired, matches, { prune: options.prune, matched, refOf, plans });
  return {
    configurations: plans,
    accountDefault,
    calls: [...calls, ...disassociations, ...associations, ...defaultCalls, ...deletes],
    blockers,
    unmanaged,
    expired,
  };
}

/** Deletion protection and tags (Name kept as the account has it, unless the document names the configuration by id). */
function planSettings(sink: PlanSink, current: ProtectConfigurationSnapshot, d: DesiredConfiguration): void {
  const ref = d.name;
  if (current.deletionProtection !== d.deletionProtection) {
    sink.changes.push({ kind: 'deletionProtection', from: current.deletionProtection, to: d.deletionProtection });
    sink.calls.push({ op: 'UpdateProtectConfiguration', ref, deletionProtection: d.deletionProtection });
  }
  const want: Record<string, string> = { ...d.tags };
  if (current.name || !d.id) want.Name = current.name ?? d.name;
  const have = Object.fromEntries(Object.entries(current.tags).filter(([k]) => !k.startsWith('aws:')));
  const put: Record<string, string> = {};
  for (const [k, v] of Object.entries(want))
    if (have[k] !== v) {
      put[k] = v;
      sink.changes.push({ kind: 'tag', key: k, from: have[k], to: v });
    }
  const removed = Object.keys(have).filter((k) => !(k in want));
  for (const k of removed) sink.changes.push({ kind: 'tag', key: k, from: have[k] });
  if (Object.keys(put).length) sink.calls.push({ op: 'TagResource', ref, tags: put });
  if (removed.length) sink.calls.push({ op: 'UntagResource', ref, keys: removed });
}

/** The country rules of each channel: only the countries that change, in batches the API accepts. A new configuration starts every country ALLOW. */
function planRules(sink: PlanSink, current: ProtectConfigurationSnapshot | undefined, d: DesiredConfiguration, serviceCountries: Iterable<string>): void {
  for (const channel of CHANNELS) {
    const now = current ? current.rules[channel] : expandRuleSet([...serviceCountries], 'ALLOW', {});
    const want = expandRuleSet(Object.keys(now), d.rules[channel].default, d.rules[channel].exceptions);
    const diff = diffRuleSets(now, want);
    if (!diff.length) continue;
    sink.changes.push({ kind: 'rules', channel, changes: diff });
    for (const updates of ruleUpdateBatches(diff)) sink.calls.push({ op: 'UpdateProtectConfigurationCountryRuleSet', ref: d.name, channel, updates });
  }
}

/** Overrides put where they differ (action or expiry), deleted where the document has none. */
function planOverrides(sink: PlanSink, current: ProtectConfigurationSnapshot | undefined, d: DesiredConfiguration): void {
  const ref = d.name;
  const haveOverrides = new Map((current?.overrides ?? []).map((o) => [o.number, o]));
  for (const o of d.overrides) {
    const h = haveOverrides.get(o.number);
    if (h && overrideKey(h) === overrideKey(o)) continue;
    sink.changes.push({
      kind: 'override',
      number: o.number,
      from: h ? { action: h.action, expires: h.expires } : undefined,
      to: { action: o.action, expires: o.expires },
    });
    sink.calls.push({ op: 'PutProtectConfigurationRuleSetNumberOverride', ref, number: o.number, action: o.action, expires: o.expires });
  }
  const wantNumbers = new Set(d.overrides.map((o) => o.number));
  for (const h of current?.overrides ?? []) {
    if (wantNumbers.has(h.number)) continue;
    sink.changes.push({ kind: 'override', number: h.number, from: { action: h.action, expires: h.expires } });
    sink.calls.push({ op: 'DeleteProtectConfigurationRuleSetNumberOverride', ref, number: h.number });
  }
}

/**
 * Configuration-set associations: a set moves from its current configuration (disassociated
 * first, after every configuration's own calls) to this one; a set that does not exist is a blocker.
 */
function planConfigurationSets(
  sink: PlanSink,
  current: ProtectConfigurationSnapshot | undefined,
  d: DesiredConfiguration,
  sets: { known: Set<string>; ownerNow: Map<string, ProtectConfigurationSnapshot>; disassociations: PlanCall[]; associations: PlanCall[] },
): void {
  const ref = d.name;
  const haveSets = new Set(current?.configurationSets ?? []);
  for (const s of d.configurationSets) {
    if (haveSets.has(s)) continue;
    if (!sets.known.has(s)) sink.blockers.push(`${d.name}: configuration set ${s} does not exist; create it first (or fix the name)`);
    sink.changes.push({ kind: 'configurationSet', name: s, change: 'add' });
    const owner = sets.ownerNow.get(s);
    if (owner) sets.disassociations.push({ op: 'DisassociateProtectConfiguration', ref: owner.id, configurationSet: s });
    sets.associations.push({ op: 'AssociateProtectConfiguration', ref, configurationSet: s });
  }
  for (const s of haveSets) {
    if (d.configurationSets.includes(s)) continue;
    sink.changes.push({ kind: 'configurationSet', name: s, change: 'remove' });
    sets.disassociations.push({ op: 'DisassociateProtectConfiguration', ref, configurationSet: s });
  }
}

/**
 * The account default: managed when the document says (`accountDefault:`), or when --prune deletes
 * the current default. The configurations it moves between show it among their changes.
 */
function planAccountDefault(
  snapshot: ProtectSnapshot,
  desired: DesiredState,
  matches: Map<DesiredConfiguration, ProtectConfigurationSnapshot | undefined>,
  p: { prune: boolean; matched: Set<string>; refOf: Map<string, string>; plans: ConfigurationPlan[] },
): { accountDefault: ProtectPlan['accountDefault']; defaultCalls: PlanCall[] } {
  const currentDefault = snapshot.configurations.find((c) => c.id === snapshot.accountDefaultId);
  const currentDefaultName = currentDefault
    ? (matches.size && [...matches].find(([, v]) => v?.id === currentDefault.id)?.[0].name) || currentDefault.name || currentDefault.id
    : null;
  let accountDefault: ProtectPlan['accountDefault'];
  const defaultCalls: PlanCall[] = [];
  const prunedDefault = currentDefault && p.prune && !p.matched.has(currentDefault.id);
  if (desired.accountDefault !== undefined || prunedDefault) {
    const want = desired.accountDefault ?? null;
    const wantCfg = want === null ? undefined : desired.configurations.find((d) => d.name === want);
    const same = want !== null && currentDefault && wantCfg && matches.get(wantCfg)?.id === currentDefault.id;
    if (!same && !(want === null && !currentDefault)) {
      accountDefault = { from: currentDefaultName, to: want };
      if (want !== null) defaultCalls.push({ op: 'SetAccountDefaultProtectConfiguration', ref: want });
      else defaultCalls.push({ op: 'DeleteAccountDefaultProtectConfiguration', ref: p.refOf.get(currentDefault!.id) ?? currentDefault!.id });
    }
  }
  if (accountDefault) {
    const from = p.plans.find((x) => x.name === accountDefault.from);
    const to = p.plans.find((x) => x.name === accountDefault.to);
    if (from) from.changes.push({ kind: 'accountDefault', to: false });
    if (to) to.changes.push({ kind: 'accountDefault', to: true });
    for (const x of [from, to]) if (x && x.action === 'unchanged') x.action = 'update';
  }
  return { accountDefault, defaultCalls };
}

/** The API calls a plan makes, by operation. */
export function countCalls(plan: ProtectPlan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of plan.calls) out[c.op] = (out[c.op] ?? 0) + 1;
  return out;
}

/** Whether nothing would change. */
export function planIsEmpty(plan: ProtectPlan): boolean {
  return plan.calls.length === 0;
}

export { apiChannel };
export type { NumberOverride };
