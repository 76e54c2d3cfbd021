import { describe, expect, it } from 'vitest';
import * as m from '../../src/sim/protect/model.js';
import { countryOfNumber } from '../../src/core/protect/phone.js';
import { loadCountryCatalog } from '../../src/runtime/country-catalog.js';

const catalog = await loadCountryCatalog();

function env(now = Date.parse('2026-11-23T00:00:00Z')): m.ProtectEnv & { nowMs: number } {
  let n = 0;
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    nowMs: now,
    countries: [...catalog.service].sort(),
    newId: () => `protect-${String(++n).padStart(32, '0')}`,
    configurationSet: (name) =>
      ['otp', 'marketing'].includes(name) ? { name, arn: `arn:aws:sms-voice:us-east-1:123456789012:configuration-set/${name}` } : undefined,
    countryOf: (num) => countryOfNumber(num, catalog.prefixes),
  };
}

function conflict(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return `${(err as m.ProtectApiError).type}:${(err as m.ProtectApiError).details.reason ?? ''}`;
  }
  return undefined;
}

describe('simulator Protect model', () => {
  it('a new configuration holds every country ALLOW on every channel', () => {
    const ps = m.emptyProtectState();
    const e = env();
    const c = m.createConfiguration(ps, e, {});
    for (const cap of m.CAPABILITIES) {
      const set = m.fullRuleSet(c, cap, e.countries);
      expect(Object.keys(set)).toHaveLength(catalog.service.size);
      expect(new Set(Object.values(set))).toEqual(new Set(['ALLOW']));
    }
  });

  it('refuses deletion while protected, default or associated, with the service reasons', () => {
    const ps = m.emptyProtectState();
    const e = env();
    const c = m.createConfiguration(ps, e, { DeletionProtectionEnabled: true });
    expect(conflict(() => m.deleteConfiguration(ps, { ProtectConfigurationId: c.id }))).toBe('ConflictException:DELETION_PROTECTION_ENABLED');
    m.updateConfiguration(ps, { ProtectConfigurationId: c.id, DeletionProtectionEnabled: false });
    m.setAccountDefault(ps, c.arn);
    expect(conflict(() => m.deleteConfiguration(ps, { ProtectConfigurationId: c.id }))).toBe('ConflictException:PROTECT_CONFIGURATION_IS_ACCOUNT_DEFAULT');
    m.deleteAccountDefault(ps);
    m.associate(ps, e, { ProtectConfigurationId: c.id, ConfigurationSetName: 'otp' });
    expect(conflict(() => m.associate(ps, e, { ProtectConfigurationId: c.id, ConfigurationSetName: 'otp' }))).toBe(
      'ConflictException:RESOURCE_ALREADY_ASSOCIATED',
    );
    expect(conflict(() => m.deleteConfiguration(ps, { ProtectConfigurationId: c.id }))).toBe(
      'ConflictException:PROTECT_CONFIGURATION_ASSOCIATED_WITH_CONFIGURATION_SET',
    );
    expect(conflict(() => m.disassociate(ps, e, { ProtectConfigurationId: c.id, ConfigurationSetName: 'marketing' }))).toBe(
      'ConflictException:PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET',
    );
    expect(conflict(() => m.associate(ps, e, { ProtectConfigurationId: c.id, ConfigurationSetName: 'nope' }))).toBe('ResourceNotFoundException:');
    m.disassociate(ps, e, { ProtectConfigurationId: c.id, ConfigurationSetName: 'otp' });
    m.deleteConfiguration(ps, { ProtectConfigurationId: c.id });
    expect(conflict(() => m.deleteAccountDefault(ps))).toBe('ResourceNotFoundException:');
  });

  it('updates at most 300 countries, only known ones', () => {
    const ps = m.emptyProtectState();
    const e = env();
    const c = m.createConfiguration(ps, e, {});
    const out = m.updateRuleSet(c, e, 'SMS', { RU: { ProtectStatus: 'BLOCK' } });
    expect(out.RU).toBe('BLOCK');
    expect(conflict(() => m.updateRuleSet(c, e, 'SMS', { AQ: { ProtectStatus: 'BLOCK' } }))).toBe('ValidationException:INVALID_PARAMETER');
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`X${i}`, { ProtectStatus: 'BLOCK' }]));
    expect(conflict(() => m.updateRuleSet(c, e, 'SMS', many))).toBe('ValidationException:MAXIMUM_SIZE_EXCEEDED');
  });

  it('overrides expire on the simulator clock; filters and pages work', () => {
    const ps = m.emptyProtectState();
    const e = env();
    const c = m.createConfiguration(ps, e, {});
    m.putOverride(c, e, { DestinationPhoneNumber: '+12065550100', Action: 'ALLOW', ExpirationTimestamp: new Date(e.nowMs + 3_600_000) });
    m.putOverride(c, e, { DestinationPhoneNumber: '+447700900123', Action: 'BLOCK' });
    expect(conflict(() => m.putOverride(c, e, { DestinationPhoneNumber: '+12065550101', Action: 'BLOCK', ExpirationTimestamp: new Date(e.nowMs - 1) }))).toBe(
      'ValidationException:INVALID_PARAMETER',
    );
    expect(m.listOverrides(c, e, { Filters: [{ Name: 'iso-country-code', Values: ['GB'] }] }).items.map((o) => o.DestinationPhoneNumber)).toEqual([
      '+447700900123',
    ]);
    const p1 = m.listOverrides(c, e, { MaxResults: 1 });
    expect(p1.items).toHaveLength(1);
    expect(m.listOverrides(c, e, { MaxResults: 1, NextToken: p1.next }).items).toHaveLength(1);
    e.nowMs += 3_600_000;
    expect(m.listOverrides(c, e, {}).items.map((o) => o.DestinationPhoneNumber)).toEqual(['+447700900123']);
    expect(conflict(() => m.deleteOverride(c, e, '+12065550100'))).toBe('ResourceNotFoundException:');
  });

  it('SendTextMessage enforcement: explicit, then configuration set, then account default; override before country', () => {
    const ps = m.emptyProtectState();
    const e = env();
    const def = m.createConfiguration(ps, e, {});
    const otp = m.createConfiguration(ps, e, {});
    m.setAccountDefault(ps, def.id);
    m.updateRuleSet(def, e, 'SMS', { NG: { ProtectStatus: 'BLOCK' } });
    m.associate(ps, e, { ProtectConfigurationId: otp.id, ConfigurationSetName: 'otp' });
    const ng = '+2348031234567';
    expect(m.protectVerdict(ps, e, { destination: ng }).error?.details.reason).toBe('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    const viaSet = m.protectVerdict(ps, e, { destination: ng, configurationSetName: 'otp' });
    expect(viaSet).toMatchObject({ configurationId: otp.id, source: 'configuration-set' });
    expect(viaSet.error).toBeUndefined();
    m.putOverride(otp, e, { DestinationPhoneNumber: ng, Action: 'BLOCK' });
    expect(m.protectVerdict(ps, e, { destination: ng, configurationSetName: 'otp' }).error?.details.reason).toBe(
      'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE',
    );
    m.putOverride(def, e, { DestinationPhoneNumber: ng, Action: 'ALLOW' });
    expect(m.protectVerdict(ps, e, { destination: ng, configurationSetName: 'otp', protectConfigurationId: def.id })).toMatchObject({
      source: 'explicit',
      decision: { kind: 'override', action: 'ALLOW' },
    });
    expect(m.protectVerdict(ps, e, { destination: ng, protectConfigurationId: 'protect-nope' }).error?.type).toBe('ResourceNotFoundException');
    expect(m.protectVerdict(m.emptyProtectState(), e, { destination: ng })).toEqual({});
  });
});
