/**
 * Which Protect configuration applies to a message, which rule decides, and the verdict: the
 * same logic answers `eum protect check` and enforces SendTextMessage in the simulator.
 *
 * Order, as the service documents it: the ProtectConfigurationId on the request, else the one
 * associated with the request's configuration set, else the account default. Within a
 * configuration, a live number override comes before the destination country's rule.
 */
import type { OverrideAction, ProtectStatus } from './types.js';

export type ConfigurationSource = 'explicit' | 'configuration-set' | 'account-default';

export interface VerdictInput {
  explicitId?: string;
  /** The configuration associated with the request's configuration set, if any. */
  configurationSetProtectId?: string;
  configurationSetName?: string;
  accountDefaultId?: string;
}

/** Which configuration applies (undefined: none, the message is not filtered). */
export function selectConfiguration(input: VerdictInput): { id: string; source: ConfigurationSource } | undefined {
  if (input.explicitId) return { id: input.explicitId, source: 'explicit' };
  if (input.configurationSetProtectId) return { id: input.configurationSetProtectId, source: 'configuration-set' };
  if (input.accountDefaultId) return { id: input.accountDefaultId, source: 'account-default' };
  return undefined;
}

export interface OverrideLike {
  action: OverrideAction;
  /** Epoch ms, or undefined for never. */
  expiresAtMs?: number;
}

/** Whether an override is still in force at `nowMs` (it lapses at its expiry time). */
export function overrideLive(o: { expiresAtMs?: number }, nowMs: number): boolean {
  return o.expiresAtMs === undefined || o.expiresAtMs > nowMs;
}

export type RuleDecision =
  | { kind: 'override'; action: OverrideAction; expires?: string }
  | { kind: 'country'; country: string; status: ProtectStatus }
  | { kind: 'none'; country?: string };

/** Decides within one configuration. MONITOR and FILTER let the message through here (the service filters FILTER traffic it judges fraudulent). */
export function decideRule(
  override: OverrideLike | undefined,
  country: string | undefined,
  countryStatus: ProtectStatus | undefined,
  nowMs: number,
): RuleDecision {
  if (override && overrideLive(override, nowMs)) {
    return {
      kind: 'override',
      action: override.action,
      expires: override.expiresAtMs === undefined ? undefined : new Date(override.expiresAtMs).toISOString(),
    };
  }
  if (country && countryStatus) return { kind: 'country', country, status: countryStatus };
  return { kind: 'none', country };
}

/** The verdict a decision gives: the status the message meets. */
export function verdictOf(decision: RuleDecision | undefined): ProtectStatus {
  if (!decision) return 'ALLOW';
  if (decision.kind === 'override') return decision.action;
  if (decision.kind === 'country') return decision.status;
  return 'ALLOW';
}

/** The Conflict reason SendTextMessage answers with when the decision blocks, else undefined. */
export function blockReason(
  decision: RuleDecision | undefined,
): 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION' | 'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE' | undefined {
  if (!decision) return undefined;
  if (decision.kind === 'override' && decision.action === 'BLOCK') return 'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE';
  if (decision.kind === 'country' && decision.status === 'BLOCK') return 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION';
  return undefined;
}
