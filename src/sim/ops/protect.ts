/**
 * The simulator's Protect operations: wire shapes in, wire shapes out. The domain lives in
 * src/sim/protect/model.ts. SendTextMessage calls `protectVerdictFor` for enforcement.
 *
 * State: configurations in `region.protect`; the account default in
 * `region.account.defaultProtectConfigurationId`; associations on each configuration set's record
 * (`protectConfigurationId`, which DescribeConfigurationSets already returns and filters on).
 */
import { randomUUID } from 'node:crypto';
import { allCountries } from '../../core/countries.js';
import { SimError, conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { ACCOUNT_ID, type RegionState } from '../state.js';
import * as model from '../protect/model.js';
import type { ProtectEnv, ProtectRegionState } from '../protect/model.js';
import { compact, epochSeconds, idempotent, setTags, type OpContext, type OpMap } from './context.js';
import { findConfigurationSet } from './configuration-sets.js';
import { destinationCountry } from './messages.js';
import { TAGGABLE } from './tags.js';

// Protect configurations take tags (their Name tag is how people name them).
TAGGABLE['protect-configuration'] = (ctx, a) => Boolean(ctx.region.protect[a.resourceId]);

/** Protect configurations per account (quotas page, 25). */
export const MAX_PROTECT_CONFIGURATIONS = 25;

let countryCodes: string[] | undefined;
/** Every country a configuration holds: each country the service lists. */
function protectCountries(): string[] {
  countryCodes ??= allCountries()
    .map((c) => c.iso)
    .sort();
  return countryCodes;
}

/** The Protect view of a region's state. */
export function protectView(region: RegionState): ProtectRegionState {
  return {
    configurations: region.protect,
    get accountDefaultId() {
      return region.account.defaultProtectConfigurationId ?? undefined;
    },
    set accountDefaultId(id: string | undefined) {
      region.account.defaultProtectConfigurationId = id ?? null;
    },
    associationOf: (name) => region.configurationSets[name]?.protectConfigurationId,
    setAssociation: (name, id) => {
      const cs = region.configurationSets[name];
      if (!cs) return;
      if (id === undefined) delete cs.protectConfigurationId;
      else cs.protectConfigurationId = id;
    },
    associatedSets: (id) =>
      Object.values(region.configurationSets)
        .filter((cs) => cs.protectConfigurationId === id)
        .map((cs) => cs.name),
  };
}

function protectEnv(ctx: OpContext): ProtectEnv {
  return {
    region: ctx.regionName,
    accountId: ACCOUNT_ID,
    nowMs: ctx.now,
    countries: protectCountries(),
    newId: () => `protect-${randomUUID().replace(/-/g, '')}`,
    configurationSet: (nameOrArn) => {
      try {
        const cs = findConfigurationSet(ctx, nameOrArn);
        return { name: cs.name, arn: cs.arn };
      } catch {
        return undefined;
      }
    },
    countryOf: (number) => destinationCountry(number),
  };
}

/** The model's errors in the simulator's wire form. */
function toSimError(err: unknown): unknown {
  if (!(err instanceof model.ProtectApiError)) return err;
  const d = err.details;
  switch (err.type) {
    case 'ConflictException':
      return conflictError(d.reason!, d.resourceType!, d.resourceId!, err.message);
    case 'ResourceNotFoundException':
      return notFoundError(d.resourceType!, d.resourceId!, err.message);
    case 'ValidationException':
      return validationError(d.reason!, err.message, d.fields);
    case 'ServiceQuotaExceededException':
      // No ServiceQuotaExceededExceptionReason names number overrides.
      return new SimError('ServiceQuotaExceededException', 400, { Message: err.message });
  }
}

/** Runs a handler with the model's errors translated; timestamps become epoch seconds. */
function handler(fn: (ps: ProtectRegionState, env: ProtectEnv, input: any, ctx: OpContext) => object): (ctx: OpContext, input: any) => object {
  return (ctx, input) => {
    try {
      return wire(fn(protectView(ctx.region), protectEnv(ctx), input, ctx));
    } catch (err) {
      throw toSimError(err);
    }
  };
}

function wire<T>(value: T): T {
  if (value instanceof Date) return epochSeconds(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(wire) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = wire(v);
    return out as T;
  }
  return value;
}

const ruleSetWire = (set: Record<string, string>) => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { ProtectStatus: v }]));

export const protectOps: OpMap = {
  CreateProtectConfiguration: handler((ps, env, input, ctx) =>
    idempotent(ctx, 'CreateProtectConfiguration', input, () => {
      if (Object.keys(ps.configurations).length >= MAX_PROTECT_CONFIGURATIONS) {
        throw quotaError('PROTECT_CONFIGURATIONS_PER_ACCOUNT', `You have reached the maximum of ${MAX_PROTECT_CONFIGURATIONS} protect configurations.`);
      }
      const cfg = model.createConfiguration(ps, env, input);
      setTags(ctx, cfg.arn, input.Tags);
      return wire(compact({ ...model.info(ps, cfg), Tags: input.Tags }));
    }),
  ),
  DescribeProtectConfigurations: handler((ps, _env, input) => {
    const { items, next } = model.describeConfigurations(ps, input);
    return { ProtectConfigurations: items, NextToken: next };
  }),
  UpdateProtectConfiguration: handler((ps, _env, input) => model.updateConfiguration(ps, input)),
  DeleteProtectConfiguration: handler((ps, _env, input, ctx) => {
    const out = model.deleteConfiguration(ps, input);
    delete ctx.region.tags[out.ProtectConfigurationArn];
    return out;
  }),
  GetProtectConfigurationCountryRuleSet: handler((ps, env, input) => {
    const cfg = model.findConfiguration(ps, input.ProtectConfigurationId);
    return {
      ProtectConfigurationArn: cfg.arn,
      ProtectConfigurationId: cfg.id,
      NumberCapability: input.NumberCapability,
      CountryRuleSet: ruleSetWire(model.fullRuleSet(cfg, input.NumberCapability, env.countries)),
    };
  }),
  UpdateProtectConfigurationCountryRuleSet: handler((ps, env, input) => {
    const cfg = model.findConfiguration(ps, input.ProtectConfigurationId);
    const set = model.updateRuleSet(cfg, env, input.NumberCapability, input.CountryRuleSetUpdates);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, NumberCapability: input.NumberCapability, CountryRuleSet: ruleSetWire(set) };
  }),
  SetAccountDefaultProtectConfiguration: handler((ps, _env, input) => {
    const cfg = model.setAccountDefault(ps, input.ProtectConfigurationId);
    return { DefaultProtectConfigurationArn: cfg.arn, DefaultProtectConfigurationId: cfg.id };
  }),
  DeleteAccountDefaultProtectConfiguration: handler((ps) => {
    const cfg = model.deleteAccountDefault(ps);
    return { DefaultProtectConfigurationArn: cfg.arn, DefaultProtectConfigurationId: cfg.id };
  }),
  AssociateProtectConfiguration: handler((ps, env, input) => model.associate(ps, env, input)),
  DisassociateProtectConfiguration: handler((ps, env, input) => model.disassociate(ps, env, input)),
  PutProtectConfigurationRuleSetNumberOverride: handler((ps, env, input, ctx) =>
    idempotent(ctx, 'PutProtectConfigurationRuleSetNumberOverride', input, () => {
      const cfg = model.findConfiguration(ps, input.ProtectConfigurationId);
      const o = model.putOverride(cfg, env, input);
      return wire({ ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, ...o });
    }),
  ),
  DeleteProtectConfigurationRuleSetNumberOverride: handler((ps, env, input) => {
    const cfg = model.findConfiguration(ps, input.ProtectConfigurationId);
    const o = model.deleteOverride(cfg, env, input.DestinationPhoneNumber);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, ...o };
  }),
  ListProtectConfigurationRuleSetNumberOverrides: handler((ps, env, input) => {
    const cfg = model.findConfiguration(ps, input.ProtectConfigurationId);
    const { items, next } = model.listOverrides(cfg, env, input);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, RuleSetNumberOverrides: items, NextToken: next };
  }),
};

/**
 * SendTextMessage enforcement: throws the service's error when Protect refuses the message
 * (ConflictException DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION or
 * DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE; ResourceNotFoundException for an
 * unknown ProtectConfigurationId). Call it before anything is recorded.
 */
export function enforceProtect(ctx: OpContext, request: { destination: string; configurationSetName?: string; protectConfigurationId?: string }): void {
  const verdict = model.protectVerdict(protectView(ctx.region), protectEnv(ctx), request);
  if (verdict.error) throw toSimError(verdict.error);
}
