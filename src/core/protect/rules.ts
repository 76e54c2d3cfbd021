/** Country rule sets: summaries, the changes a `rules set` makes, diffs and batching. */
import { STATUSES, type CountryRuleSet, type ProtectStatus } from './types.js';

export interface RuleSetSummary {
  /** How many countries have each status. */
  counts: Record<ProtectStatus, number>;
  /** The most common status (ties: the first in ALLOW, BLOCK, MONITOR, FILTER order). */
  majority: ProtectStatus;
  /** Countries whose status differs from the majority, sorted by code. */
  exceptions: Array<{ country: string; status: ProtectStatus }>;
}

export function summarizeRuleSet(rules: CountryRuleSet): RuleSetSummary {
  const counts = { ALLOW: 0, BLOCK: 0, MONITOR: 0, FILTER: 0 } as Record<ProtectStatus, number>;
  for (const s of Object.values(rules)) counts[s] = (counts[s] ?? 0) + 1;
  let majority: ProtectStatus = 'ALLOW';
  for (const s of STATUSES) if (counts[s] > counts[majority]) majority = s;
  const exceptions = Object.keys(rules)
    .sort()
    .filter((c) => rules[c] !== majority)
    .map((country) => ({ country, status: rules[country] }));
  return { counts, majority, exceptions };
}

/** Exceptions grouped by status, for documents: { BLOCK: [RU, NG], ... }. */
export function exceptionsByStatus(rules: CountryRuleSet, base: ProtectStatus): Partial<Record<ProtectStatus, string[]>> {
  const out: Partial<Record<ProtectStatus, string[]>> = {};
  for (const c of Object.keys(rules).sort()) {
    const s = rules[c];
    if (s === base) continue;
    const list = out[s] ?? [];
    list.push(c);
    out[s] = list;
  }
  return out;
}

/** What `rules set` asks for: countries per status, and optionally "block everything else". */
export interface RuleEdit {
  allow: string[];
  block: string[];
  monitor: string[];
  filter: string[];
  /** When given: every country not named in any list becomes BLOCK, and these become ALLOW. */
  blockAllExcept?: string[];
}

/** The full rule set after an edit. Countries not in `current` are ignored (the service has no rule for them). */
export function applyRuleEdit(current: CountryRuleSet, edit: RuleEdit): CountryRuleSet {
  const next: CountryRuleSet = { ...current };
  if (edit.blockAllExcept) {
    for (const c of Object.keys(next)) next[c] = 'BLOCK';
    for (const c of edit.blockAllExcept) next[c] = 'ALLOW';
  }
  const lists: Array<[ProtectStatus, string[]]> = [
    ['ALLOW', edit.allow],
    ['BLOCK', edit.block],
    ['MONITOR', edit.monitor],
    ['FILTER', edit.filter],
  ];
  for (const [status, codes] of lists) for (const c of codes) next[c] = status;
  return next;
}

/** The full rule set described by a default status and its exceptions, over the given countries. */
export function expandRuleSet(countries: Iterable<string>, base: ProtectStatus, exceptions: Partial<Record<ProtectStatus, string[]>>): CountryRuleSet {
  const out: CountryRuleSet = {};
  for (const c of countries) out[c] = base;
  for (const s of STATUSES) for (const c of exceptions[s] ?? []) if (c in out) out[c] = s;
  return out;
}

export interface RuleChange {
  country: string;
  from: ProtectStatus;
  to: ProtectStatus;
}

/** Countries whose status differs, sorted by code. Only countries present in `current` count. */
export function diffRuleSets(current: CountryRuleSet, desired: CountryRuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  for (const c of Object.keys(current).sort()) {
    const to = desired[c];
    if (to !== undefined && to !== current[c]) out.push({ country: c, from: current[c], to });
  }
  return out;
}

/** The service takes at most 300 countries per UpdateProtectConfigurationCountryRuleSet call. */
export const MAX_COUNTRIES_PER_UPDATE = 300;

/** Splits changes into update maps of at most `size` countries. */
export function ruleUpdateBatches(changes: RuleChange[], size = MAX_COUNTRIES_PER_UPDATE): Array<Record<string, ProtectStatus>> {
  const batches: Array<Record<string, ProtectStatus>> = [];
  for (let i = 0; i < changes.length; i += size) {
    const batch: Record<string, ProtectStatus> = {};
    for (const ch of changes.slice(i, i + size)) batch[ch.country] = ch.to;
    batches.push(batch);
  }
  return batches;
}
