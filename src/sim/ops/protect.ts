/**
 * The simulator's Protect operations: wire shapes in, wire shapes out. The domain lives in
 * src/sim/protect/model.ts; SendTextMessage calls `protectVerdict` for enforcement.
 */
import * as model from '../protect/model.js';
import type { ProtectEnv, ProtectRegionState } from '../protect/model.js';

export { ProtectApiError, emptyProtectState, forgetConfigurationSet, type ProtectRegionState } from '../protect/model.js';

/** What a Protect handler needs from the simulator around it. */
export interface ProtectOpContext {
  ps: ProtectRegionState;
  env: ProtectEnv;
  /** Stores tags for a new resource (CreateProtectConfiguration's Tags). */
  setTags(arn: string, tags: Array<{ Key: string; Value: string }>): void;
  /** Forgets the tags of a deleted resource. */
  dropTags(arn: string): void;
}

type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (input: Input, c: ProtectOpContext) => Record<string, unknown>;

const ruleSetWire = (set: Record<string, string>) => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { ProtectStatus: v }]));

export const protectHandlers: Record<string, Handler> = {
  CreateProtectConfiguration(input, c) {
    const cfg = model.createConfiguration(c.ps, c.env, input);
    if (input.Tags?.length) c.setTags(cfg.arn, input.Tags);
    return { ...model.info(c.ps, cfg), Tags: input.Tags };
  },
  DescribeProtectConfigurations(input, c) {
    const { items, next } = model.describeConfigurations(c.ps, input);
    return { ProtectConfigurations: items, NextToken: next };
  },
  UpdateProtectConfiguration(input, c) {
    return { ...model.updateConfiguration(c.ps, input as { ProtectConfigurationId: string }) };
  },
  DeleteProtectConfiguration(input, c) {
    const out = model.deleteConfiguration(c.ps, input as { ProtectConfigurationId: string });
    c.dropTags(out.ProtectConfigurationArn);
    return { ...out };
  },
  GetProtectConfigurationCountryRuleSet(input, c) {
    const cfg = model.findConfiguration(c.ps, input.ProtectConfigurationId);
    return {
      ProtectConfigurationArn: cfg.arn,
      ProtectConfigurationId: cfg.id,
      NumberCapability: input.NumberCapability,
      CountryRuleSet: ruleSetWire(model.fullRuleSet(cfg, input.NumberCapability, c.env.countries)),
    };
  },
  UpdateProtectConfigurationCountryRuleSet(input, c) {
    const cfg = model.findConfiguration(c.ps, input.ProtectConfigurationId);
    const set = model.updateRuleSet(cfg, c.env, input.NumberCapability, input.CountryRuleSetUpdates);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, NumberCapability: input.NumberCapability, CountryRuleSet: ruleSetWire(set) };
  },
  SetAccountDefaultProtectConfiguration(input, c) {
    const cfg = model.setAccountDefault(c.ps, input.ProtectConfigurationId);
    return { DefaultProtectConfigurationArn: cfg.arn, DefaultProtectConfigurationId: cfg.id };
  },
  DeleteAccountDefaultProtectConfiguration(_input, c) {
    const cfg = model.deleteAccountDefault(c.ps);
    return { DefaultProtectConfigurationArn: cfg.arn, DefaultProtectConfigurationId: cfg.id };
  },
  AssociateProtectConfiguration(input, c) {
    return model.associate(c.ps, c.env, input as { ProtectConfigurationId: string; ConfigurationSetName: string });
  },
  DisassociateProtectConfiguration(input, c) {
    return model.disassociate(c.ps, c.env, input as { ProtectConfigurationId: string; ConfigurationSetName: string });
  },
  PutProtectConfigurationRuleSetNumberOverride(input, c) {
    const cfg = model.findConfiguration(c.ps, input.ProtectConfigurationId);
    const o = model.putOverride(cfg, c.env, input as { DestinationPhoneNumber: string; Action: 'ALLOW' | 'BLOCK'; ExpirationTimestamp?: Date | number | string });
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, ...o };
  },
  DeleteProtectConfigurationRuleSetNumberOverride(input, c) {
    const cfg = model.findConfiguration(c.ps, input.ProtectConfigurationId);
    const o = model.deleteOverride(cfg, c.env, input.DestinationPhoneNumber);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, ...o };
  },
  ListProtectConfigurationRuleSetNumberOverrides(input, c) {
    const cfg = model.findConfiguration(c.ps, input.ProtectConfigurationId);
    const { items, next } = model.listOverrides(cfg, c.env, input);
    return { ProtectConfigurationArn: cfg.arn, ProtectConfigurationId: cfg.id, RuleSetNumberOverrides: items, NextToken: next };
  },
};

/** The Protect configuration associated with a configuration set (for DescribeConfigurationSets). */
export function protectConfigurationIdForSet(ps: ProtectRegionState | undefined, configurationSetName: string): string | undefined {
  return ps?.associations[configurationSetName];
}

export { protectVerdict } from '../protect/model.js';
