/**
 * The simulator's Protect domain: plain functions over the `protect` section of one region's
 * state. The operation handlers in src/sim/ops/protect.ts only translate wire shapes to these.
 *
 * Rules are stored sparsely (only countries that are not ALLOW) yet answered in full: a new
 * configuration holds every country the service knows, each ALLOW, on every channel.
 */
import { blockReason, decideRule, overrideLive, selectConfiguration, type RuleDecision } from '../../core/protect/verdict.js';
import type { ProtectStatus } from '../../core/protect/types.js';
import { decodeNextToken, encodeNextToken } from '../ops/context.js';

export type Capability = 'SMS' | 'MMS' | 'VOICE' | 'RCS';
export const CAPABILITIES: Capability[] = ['SMS', 'MMS', 'VOICE', 'RCS'];
export const MAX_RULE_UPDATES = 300;

export interface StoredOverride {
  action: 'ALLOW' | 'BLOCK';
  createdAt: number;
  expiresAt?: number;
  iso?: string;
}

export interface StoredProtectConfiguration {
  id: string;
  arn: string;
  createdAt: number;
  deletionProtection: boolean;
  /** Capability -> country -> status, only for countries that are not ALLOW. */
  rules: Record<Capability, Record<string, ProtectStatus>>;
  /** E.164 -> override. */
  overrides: Record<string, StoredOverride>;
}

/**
 * The Protect view of one region. The configurations are the `protect` section; the account
 * default and the associations live where the rest of the simulator keeps them (the account
 * section, each configuration set's record), so the handlers pass accessors.
 */
export interface ProtectRegionState {
  configurations: Record<string, StoredProtectConfiguration>;
  accountDefaultId: string | undefined;
  /** The configuration associated with a configuration set (by name), if any. */
  associationOf(configurationSetName: string): string | undefined;
  /** Sets (id) or clears (undefined) a configuration set's association. */
  setAssociation(configurationSetName: string, id: string | undefined): void;
  /** Names of the configuration sets associated with a configuration. */
  associatedSets(id: string): string[];
}

/** A self-contained ProtectRegionState (unit tests). */
export function emptyProtectState(): ProtectRegionState {
  const associations: Record<string, string> = {};
  return {
    configurations: {},
    accountDefaultId: undefined,
    associationOf: (name) => associations[name],
    setAssociation: (name, id) => {
      if (id === undefined) delete associations[name];
      else associations[name] = id;
    },
    associatedSets: (id) => Object.keys(associations).filter((n) => associations[n] === id),
  };
}

/** An error the service would answer; the handler turns it into the wire error. */
export class ProtectApiError extends Error {
  constructor(
    readonly type: 'ConflictException' | 'ResourceNotFoundException' | 'ValidationException' | 'ServiceQuotaExceededException',
    message: string,
    readonly details: { reason?: string; resourceType?: string; resourceId?: string; fields?: Array<{ Name: string; Message: string }> } = {},
  ) {
    super(message);
  }
}

/** What the model needs from the rest of the simulator. */
export interface ProtectEnv {
  region: string;
  accountId: string;
  nowMs: number;
  /** Every country code a configuration holds. */
  countries: readonly string[];
  newId(): string;
  /** A configuration set by name or ARN, or undefined. */
  configurationSet(nameOrArn: string): { name: string; arn: string } | undefined;
  /** The destination country of an E.164 number. */
  countryOf(number: string): string | undefined;
}

function notFound(id: string): ProtectApiError {
  return new ProtectApiError('ResourceNotFoundException', `Protect configuration ${id} not found`, { resourceType: 'protect-configuration', resourceId: id });
}

/** Finds a configuration by id or ARN. */
export function findConfiguration(ps: ProtectRegionState, idOrArn: string): StoredProtectConfiguration {
  const id = idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.lastIndexOf('/') + 1) : idOrArn;
  const c = ps.configurations[id];
  if (!c || (idOrArn.startsWith('arn:') && c.arn !== idOrArn)) throw notFound(idOrArn);
  return c;
}

export interface ConfigurationInfo {
  ProtectConfigurationArn: string;
  ProtectConfigurationId: string;
  CreatedTimestamp: Date;
  AccountDefault: boolean;
  DeletionProtectionEnabled: boolean;
}

export function info(ps: ProtectRegionState, c: StoredProtectConfiguration): ConfigurationInfo {
  return {
    ProtectConfigurationArn: c.arn,
    ProtectConfigurationId: c.id,
    CreatedTimestamp: new Date(c.createdAt),
    AccountDefault: ps.accountDefaultId === c.id,
    DeletionProtectionEnabled: c.deletionProtection,
  };
}

export function createConfiguration(ps: ProtectRegionState, env: ProtectEnv, input: { DeletionProtectionEnabled?: boolean }): StoredProtectConfiguration {
  const id = env.newId();
  const c: StoredProtectConfiguration = {
    id,
    arn: `arn:aws:sms-voice:${env.region}:${env.accountId}:protect-configuration/${id}`,
    createdAt: env.nowMs,
    deletionProtection: input.DeletionProtectionEnabled === true,
    rules: { SMS: {}, MMS: {}, VOICE: {}, RCS: {} },
    overrides: {},
  };
  ps.configurations[id] = c;
  return c;
}

function filterValues(filters: Array<{ Name?: string; Values?: string[] }> | undefined, name: string): string[] | undefined {
  const f = filters?.filter((x) => x.Name === name);
  if (!f?.length) return undefined;
  return f.flatMap((x) => x.Values ?? []).map((v) => v.toLowerCase());
}

/** Pagination over a sorted list: the token is the index to start at. */
export function paginate<T>(items: T[], nextToken: string | undefined, maxResults: number | undefined, limit = 100): { page: T[]; next?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = decodeNextToken(nextToken);
    if (decoded === undefined || decoded > items.length) {
      throw new ProtectApiError('ValidationException', 'The NextToken is not valid', {
        reason: 'INVALID_NEXT_TOKEN',
        fields: [{ Name: 'NextToken', Message: 'invalid token' }],
      });
    }
    start = decoded;
  }
  const size = Math.min(maxResults ?? limit, limit);
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return { page, next: end < items.length ? encodeNextToken(end) : undefined };
}

export function describeConfigurations(
  ps: ProtectRegionState,
  input: { ProtectConfigurationIds?: string[]; Filters?: Array<{ Name?: string; Values?: string[] }>; NextToken?: string; MaxResults?: number },
): { items: ConfigurationInfo[]; next?: string } {
  let list = Object.values(ps.configurations);
  if (input.ProtectConfigurationIds?.length) list = input.ProtectConfigurationIds.map((id) => findConfiguration(ps, id));
  const isDefault = filterValues(input.Filters, 'account-default');
  const protectedOnly = filterValues(input.Filters, 'deletion-protection-enabled');
  for (const values of [isDefault, protectedOnly]) {
    if (values?.some((v) => v !== 'true' && v !== 'false')) {
      throw new ProtectApiError('ValidationException', 'Filter values must be true or false', {
        reason: 'INVALID_FILTER_VALUES',
        fields: [{ Name: 'Filters', Message: 'values must be true or false' }],
      });
    }
  }
  if (isDefault) list = list.filter((c) => isDefault.includes(String(ps.accountDefaultId === c.id)));
  if (protectedOnly) list = list.filter((c) => protectedOnly.includes(String(c.deletionProtection)));
  list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const { page, next } = paginate(list, input.NextToken, input.MaxResults);
  return { items: page.map((c) => info(ps, c)), next };
}

export function updateConfiguration(ps: ProtectRegionState, input: { ProtectConfigurationId: string; DeletionProtectionEnabled?: boolean }): ConfigurationInfo {
  const c = findConfiguration(ps, input.ProtectConfigurationId);
  if (input.DeletionProtectionEnabled !== undefined) c.deletionProtection = input.DeletionProtectionEnabled;
  return info(ps, c);
}

export function deleteConfiguration(ps: ProtectRegionState, input: { ProtectConfigurationId: string }): ConfigurationInfo {
  const c = findConfiguration(ps, input.ProtectConfigurationId);
  const ids = { resourceType: 'protect-configuration', resourceId: c.id };
  if (c.deletionProtection)
    throw new ProtectApiError('ConflictException', `Protect configuration ${c.id} has deletion protection enabled`, {
      reason: 'DELETION_PROTECTION_ENABLED',
      ...ids,
    });
  if (ps.accountDefaultId === c.id)
    throw new ProtectApiError('ConflictException', `Protect configuration ${c.id} is the account default`, {
      reason: 'PROTECT_CONFIGURATION_IS_ACCOUNT_DEFAULT',
      ...ids,
    });
  if (ps.associatedSets(c.id).length) {
    throw new ProtectApiError('ConflictException', `Protect configuration ${c.id} is associated with a configuration set`, {
      reason: 'PROTECT_CONFIGURATION_ASSOCIATED_WITH_CONFIGURATION_SET',
      ...ids,
    });
  }
  const out = info(ps, c);
  delete ps.configurations[c.id];
  return out;
}

/** The full rule set of one channel: every country. */
export function fullRuleSet(c: StoredProtectConfiguration, cap: Capability, countries: readonly string[]): Record<string, ProtectStatus> {
  const sparse = c.rules[cap] ?? {};
  const out: Record<string, ProtectStatus> = {};
  for (const code of countries) out[code] = sparse[code] ?? 'ALLOW';
  return out;
}

export function updateRuleSet(
  c: StoredProtectConfiguration,
  env: ProtectEnv,
  cap: Capability,
  updates: Record<string, { ProtectStatus?: string }>,
): Record<string, ProtectStatus> {
  const entries = Object.entries(updates ?? {});
  if (entries.length === 0 || entries.length > MAX_RULE_UPDATES) {
    throw new ProtectApiError('ValidationException', `CountryRuleSetUpdates must hold 1 to ${MAX_RULE_UPDATES} countries`, {
      reason: 'MAXIMUM_SIZE_EXCEEDED',
      fields: [{ Name: 'CountryRuleSetUpdates', Message: `1 to ${MAX_RULE_UPDATES} entries` }],
    });
  }
  const known = new Set(env.countries);
  const unknown = entries.map(([k]) => k).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new ProtectApiError('ValidationException', `Unsupported country codes: ${unknown.join(', ')}`, {
      reason: 'INVALID_PARAMETER',
      fields: unknown.map((k) => ({ Name: `CountryRuleSetUpdates.${k}`, Message: 'not a supported country' })),
    });
  }
  c.rules[cap] ??= {};
  const sparse = c.rules[cap];
  for (const [code, v] of entries) {
    const s = v.ProtectStatus as ProtectStatus;
    if (s === 'ALLOW') delete sparse[code];
    else sparse[code] = s;
  }
  return fullRuleSet(c, cap, env.countries);
}

export function setAccountDefault(ps: ProtectRegionState, idOrArn: string): StoredProtectConfiguration {
  const c = findConfiguration(ps, idOrArn);
  ps.accountDefaultId = c.id;
  return c;
}

export function deleteAccountDefault(ps: ProtectRegionState): StoredProtectConfiguration {
  const c = ps.accountDefaultId ? ps.configurations[ps.accountDefaultId] : undefined;
  if (!c)
    throw new ProtectApiError('ResourceNotFoundException', 'The account has no default Protect configuration', {
      resourceType: 'protect-configuration',
      resourceId: 'account-default',
    });
  ps.accountDefaultId = undefined;
  return c;
}

export function associate(ps: ProtectRegionState, env: ProtectEnv, input: { ProtectConfigurationId: string; ConfigurationSetName: string }) {
  const c = findConfiguration(ps, input.ProtectConfigurationId);
  const set = env.configurationSet(input.ConfigurationSetName);
  if (!set)
    throw new ProtectApiError('ResourceNotFoundException', `Configuration set ${input.ConfigurationSetName} not found`, {
      resourceType: 'configuration-set',
      resourceId: input.ConfigurationSetName,
    });
  const existing = ps.associationOf(set.name);
  if (existing) {
    throw new ProtectApiError('ConflictException', `Configuration set ${set.name} is already associated with Protect configuration ${existing}`, {
      reason: 'RESOURCE_ALREADY_ASSOCIATED',
      resourceType: 'configuration-set',
      resourceId: set.name,
    });
  }
  ps.setAssociation(set.name, c.id);
  return { ConfigurationSetArn: set.arn, ConfigurationSetName: set.name, ProtectConfigurationArn: c.arn, ProtectConfigurationId: c.id };
}

export function disassociate(ps: ProtectRegionState, env: ProtectEnv, input: { ProtectConfigurationId: string; ConfigurationSetName: string }) {
  const c = findConfiguration(ps, input.ProtectConfigurationId);
  const set = env.configurationSet(input.ConfigurationSetName);
  if (!set)
    throw new ProtectApiError('ResourceNotFoundException', `Configuration set ${input.ConfigurationSetName} not found`, {
      resourceType: 'configuration-set',
      resourceId: input.ConfigurationSetName,
    });
  if (ps.associationOf(set.name) !== c.id) {
    throw new ProtectApiError('ConflictException', `Protect configuration ${c.id} is not associated with configuration set ${set.name}`, {
      reason: 'PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET',
      resourceType: 'protect-configuration',
      resourceId: c.id,
    });
  }
  ps.setAssociation(set.name, undefined);
  return { ConfigurationSetArn: set.arn, ConfigurationSetName: set.name, ProtectConfigurationArn: c.arn, ProtectConfigurationId: c.id };
}

/** Drops overrides whose expiry has passed on the simulator's clock. */
export function purgeExpired(c: StoredProtectConfiguration, nowMs: number): void {
  for (const [n, o] of Object.entries(c.overrides)) if (!overrideLive({ expiresAtMs: o.expiresAt }, nowMs)) delete c.overrides[n];
}

export interface OverrideInfo {
  DestinationPhoneNumber: string;
  CreatedTimestamp: Date;
  Action: 'ALLOW' | 'BLOCK';
  IsoCountryCode?: string;
  ExpirationTimestamp?: Date;
}

function overrideInfo(number: string, o: StoredOverride): OverrideInfo {
  return {
    DestinationPhoneNumber: number,
    CreatedTimestamp: new Date(o.createdAt),
    Action: o.action,
    IsoCountryCode: o.iso,
    ExpirationTimestamp: o.expiresAt === undefined ? undefined : new Date(o.expiresAt),
  };
}

export const MAX_OVERRIDES = 10_000;

export function putOverride(
  c: StoredProtectConfiguration,
  env: ProtectEnv,
  input: { DestinationPhoneNumber: string; Action: 'ALLOW' | 'BLOCK'; ExpirationTimestamp?: Date | number | string },
): OverrideInfo {
  purgeExpired(c, env.nowMs);
  const number = input.DestinationPhoneNumber.startsWith('+') ? input.DestinationPhoneNumber : `+${input.DestinationPhoneNumber}`;
  let expiresAt: number | undefined;
  if (input.ExpirationTimestamp !== undefined) {
    const t = input.ExpirationTimestamp;
    expiresAt = t instanceof Date ? t.getTime() : typeof t === 'number' ? t * 1000 : Date.parse(t);
    if (!(expiresAt > env.nowMs)) {
      throw new ProtectApiError('ValidationException', 'ExpirationTimestamp must be in the future', {
        reason: 'INVALID_PARAMETER',
        fields: [{ Name: 'ExpirationTimestamp', Message: 'must be in the future' }],
      });
    }
  }
  if (!c.overrides[number] && Object.keys(c.overrides).length >= MAX_OVERRIDES) {
    throw new ProtectApiError('ServiceQuotaExceededException', `A Protect configuration holds at most ${MAX_OVERRIDES} number overrides`);
  }
  const o: StoredOverride = { action: input.Action, createdAt: env.nowMs, expiresAt, iso: env.countryOf(number) };
  c.overrides[number] = o;
  return overrideInfo(number, o);
}

export function deleteOverride(c: StoredProtectConfiguration, env: ProtectEnv, number: string): OverrideInfo {
  purgeExpired(c, env.nowMs);
  const key = number.startsWith('+') ? number : `+${number}`;
  const o = c.overrides[key];
  if (!o)
    throw new ProtectApiError('ResourceNotFoundException', `No number override for ${key} in Protect configuration ${c.id}`, {
      resourceType: 'protect-configuration',
      resourceId: c.id,
    });
  delete c.overrides[key];
  return overrideInfo(key, o);
}

export function listOverrides(
  c: StoredProtectConfiguration,
  env: ProtectEnv,
  input: { Filters?: Array<{ Name?: string; Values?: string[] }>; NextToken?: string; MaxResults?: number },
): { items: OverrideInfo[]; next?: string } {
  purgeExpired(c, env.nowMs);
  let list = Object.entries(c.overrides).map(([n, o]) => overrideInfo(n, o));
  for (const f of input.Filters ?? []) {
    const values = f.Values ?? [];
    const times = () => values.map((v) => (/^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v)));
    switch (f.Name) {
      case 'iso-country-code':
        list = list.filter((o) => values.includes(o.IsoCountryCode ?? ''));
        break;
      case 'destination-phone-number-begins-with':
        list = list.filter((o) => values.some((v) => o.DestinationPhoneNumber.startsWith(v)));
        break;
      case 'action':
        list = list.filter((o) => values.includes(o.Action));
        break;
      case 'expires-before':
        list = list.filter((o) => o.ExpirationTimestamp && times().some((t) => o.ExpirationTimestamp!.getTime() < t));
        break;
      case 'expires-after':
        list = list.filter((o) => o.ExpirationTimestamp && times().some((t) => o.ExpirationTimestamp!.getTime() > t));
        break;
      case 'created-before':
        list = list.filter((o) => times().some((t) => o.CreatedTimestamp.getTime() < t));
        break;
      case 'created-after':
        list = list.filter((o) => times().some((t) => o.CreatedTimestamp.getTime() > t));
        break;
    }
  }
  list.sort((a, b) => a.DestinationPhoneNumber.localeCompare(b.DestinationPhoneNumber));
  const { page, next } = paginate(list, input.NextToken, input.MaxResults);
  return { items: page, next };
}

export interface ProtectVerdict {
  configurationId?: string;
  source?: 'explicit' | 'configuration-set' | 'account-default';
  decision?: RuleDecision;
  /** Set when SendTextMessage must be refused. */
  error?: ProtectApiError;
}

/**
 * Enforcement for SendTextMessage: which configuration applies and whether it blocks. An unknown
 * explicit ProtectConfigurationId is a ResourceNotFoundException, as the service answers.
 */
export function protectVerdict(
  ps: ProtectRegionState | undefined,
  env: Pick<ProtectEnv, 'nowMs' | 'countryOf' | 'configurationSet'>,
  request: { destination: string; configurationSetName?: string; protectConfigurationId?: string },
): ProtectVerdict {
  if (!ps) {
    if (request.protectConfigurationId) return { error: notFound(request.protectConfigurationId) };
    return {};
  }
  const setName = request.configurationSetName ? (env.configurationSet(request.configurationSetName)?.name ?? request.configurationSetName) : undefined;
  let explicitId: string | undefined;
  if (request.protectConfigurationId) {
    try {
      explicitId = findConfiguration(ps, request.protectConfigurationId).id;
    } catch (err) {
      return { error: err as ProtectApiError };
    }
  }
  const chosen = selectConfiguration({
    explicitId,
    configurationSetProtectId: setName ? ps.associationOf(setName) : undefined,
    accountDefaultId: ps.accountDefaultId,
  });
  if (!chosen) return {};
  const c = ps.configurations[chosen.id];
  if (!c) return {};
  const number = request.destination.startsWith('+') ? request.destination : `+${request.destination}`;
  const country = env.countryOf(number);
  const override = c.overrides[number];
  const decision = decideRule(
    override ? { action: override.action, expiresAtMs: override.expiresAt } : undefined,
    country,
    country ? (c.rules.SMS[country] ?? 'ALLOW') : undefined,
    env.nowMs,
  );
  const reason = blockReason(decision);
  const out: ProtectVerdict = { configurationId: c.id, source: chosen.source, decision };
  if (reason) {
    out.error = new ProtectApiError(
      'ConflictException',
      reason === 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION'
        ? `Messages to ${country} are blocked by Protect configuration ${c.id}`
        : `The destination phone number is blocked by a number override in Protect configuration ${c.id}`,
      { reason, resourceType: 'protect-configuration', resourceId: c.id },
    );
  }
  return out;
}
