import { describe, expect, it } from 'vitest';
import { parseCountryList, crossListProblems } from '../../src/core/protect/countries.js';
import { applyRuleEdit, diffRuleSets, expandRuleSet, ruleUpdateBatches, summarizeRuleSet } from '../../src/core/protect/rules.js';
import { blockReason, decideRule, selectConfiguration, verdictOf } from '../../src/core/protect/verdict.js';
import { countryOfNumber, phoneNumberProblem } from '../../src/core/protect/phone.js';
import { parseProtectDocument, renderProtectDocument, DocumentError } from '../../src/core/protect/document.js';
import { planProtect } from '../../src/core/protect/plan.js';
import { renderPlanText } from '../../src/core/protect/plan-text.js';
import { loadCountryCatalog } from '../../src/runtime/country-catalog.js';
import type { ProtectSnapshot } from '../../src/core/protect/types.js';
import type { InputProblem } from '../../src/core/protect/problems.js';

const catalog = await loadCountryCatalog();
const NOW = Date.parse('2026-11-23T00:00:00Z');
const parse = (text: string) => parseProtectDocument(text, { catalog, nowMs: NOW, file: 'p.yaml', phoneProblem: phoneNumberProblem });

function snapshotWith(over: Partial<ProtectSnapshot['configurations'][0]> = {}): ProtectSnapshot {
  const all = expandRuleSet(catalog.service, 'ALLOW', {});
  return {
    configurations: [
      {
        id: 'protect-1',
        arn: 'arn:aws:sms-voice:us-east-1:123456789012:protect-configuration/protect-1',
        name: 'otp-guard',
        tags: { Name: 'otp-guard' },
        deletionProtection: false,
        accountDefault: false,
        rules: { sms: { ...all }, mms: { ...all }, voice: { ...all }, rcs: { ...all } },
        overrides: [],
        configurationSets: [],
        ...over,
      },
    ],
    configurationSetNames: ['otp', 'marketing'],
  };
}

describe('country codes', () => {
  it('accepts lower case and spaces, names unknown and duplicate codes', () => {
    const problems: InputProblem[] = [];
    expect(parseCountryList(['us, gb', 'IN'], '--block', catalog, problems)).toEqual(['US', 'GB', 'IN']);
    expect(problems).toEqual([]);
    parseCountryList('US,ZZ,USA,US,AQ', '--block', catalog, problems);
    expect(problems.map((p) => p.message)).toEqual([
      '"ZZ" is not an ISO 3166 country code',
      '"USA" is not a two-letter ISO country code (e.g. US, GB, IN)',
      'US is listed twice',
      'AQ (Antarctica) is not a country the SMS service has Protect rules for',
    ]);
  });

  it('finds a country in two lists', () => {
    const problems: InputProblem[] = [];
    crossListProblems(
      [
        ['--allow', ['US']],
        ['--block', ['RU', 'US']],
      ],
      problems,
    );
    expect(problems).toEqual([{ field: '--block', message: 'US is in both --allow and --block; keep it in one list' }]);
  });
});

describe('rules', () => {
  it('summarises by majority and lists the exceptions', () => {
    const s = summarizeRuleSet({ US: 'ALLOW', CA: 'ALLOW', RU: 'BLOCK', NG: 'MONITOR' });
    expect(s.majority).toBe('ALLOW');
    expect(s.counts).toEqual({ ALLOW: 2, BLOCK: 1, MONITOR: 1, FILTER: 0 });
    expect(s.exceptions).toEqual([
      { country: 'NG', status: 'MONITOR' },
      { country: 'RU', status: 'BLOCK' },
    ]);
  });

  it('block-all-except blocks everything else, other lists win, and only changes count', () => {
    const current = expandRuleSet(['US', 'CA', 'MX', 'RU'], 'ALLOW', {});
    const next = applyRuleEdit(current, { allow: [], block: [], monitor: ['MX'], filter: [], blockAllExcept: ['US', 'CA'] });
    expect(next).toEqual({ US: 'ALLOW', CA: 'ALLOW', MX: 'MONITOR', RU: 'BLOCK' });
    expect(diffRuleSets(current, next)).toEqual([
      { country: 'MX', from: 'ALLOW', to: 'MONITOR' },
      { country: 'RU', from: 'ALLOW', to: 'BLOCK' },
    ]);
  });

  it('batches at most 300 countries per update', () => {
    const changes = Array.from({ length: 650 }, (_, i) => ({ country: `C${i}`, from: 'ALLOW' as const, to: 'BLOCK' as const }));
    expect(ruleUpdateBatches(changes).map((b) => Object.keys(b).length)).toEqual([300, 300, 50]);
  });
});

describe('verdict', () => {
  it('explicit, then configuration set, then account default', () => {
    expect(selectConfiguration({ explicitId: 'a', configurationSetProtectId: 'b', accountDefaultId: 'c' })).toEqual({ id: 'a', source: 'explicit' });
    expect(selectConfiguration({ configurationSetProtectId: 'b', accountDefaultId: 'c' })).toEqual({ id: 'b', source: 'configuration-set' });
    expect(selectConfiguration({ accountDefaultId: 'c' })).toEqual({ id: 'c', source: 'account-default' });
    expect(selectConfiguration({})).toBeUndefined();
  });

  it('a live override comes before the country rule; an expired one does not', () => {
    const allow = decideRule({ action: 'ALLOW' }, 'RU', 'BLOCK', NOW);
    expect(verdictOf(allow)).toBe('ALLOW');
    expect(blockReason(allow)).toBeUndefined();
    const expired = decideRule({ action: 'ALLOW', expiresAtMs: NOW - 1 }, 'RU', 'BLOCK', NOW);
    expect(blockReason(expired)).toBe('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    expect(blockReason(decideRule({ action: 'BLOCK' }, 'US', 'ALLOW', NOW))).toBe('DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE');
  });
});

describe('phone numbers', () => {
  it('validates E.164 and finds the country, also for fictional ranges', () => {
    expect(phoneNumberProblem('+12065550100')).toBeUndefined();
    expect(phoneNumberProblem('12065550100')).toMatch(/not an E.164/);
    expect(countryOfNumber('+12065550100', catalog.prefixes)).toBe('US');
    expect(countryOfNumber('+447700900123', catalog.prefixes)).toBe('GB');
    expect(countryOfNumber('+18765551234', catalog.prefixes)).toBe('JM');
    expect(countryOfNumber('+2348031234567', catalog.prefixes)).toBe('NG');
  });
});

describe('document', () => {
  const good = `version: 1
accountDefault: otp-guard
configurations:
  otp-guard:
    deletionProtection: true
    tags: { team: identity }
    configurationSets: [otp]
    rules:
      sms: { default: allow, block: [RU, NG] }
      voice: { default: block, allow: [US] }
    overrides:
      - { number: "+12065550100", action: allow, expires: "2027-01-01T00:00:00Z" }
`;

  it('parses a good document', () => {
    const d = parse(good);
    expect(d.accountDefault).toBe('otp-guard');
    const c = d.configurations[0];
    expect(c.rules.sms).toEqual({ default: 'ALLOW', exceptions: { BLOCK: ['RU', 'NG'] } });
    expect(c.rules.mms).toEqual({ default: 'ALLOW', exceptions: {} });
    expect(c.overrides).toEqual([{ number: '+12065550100', action: 'ALLOW', expires: '2027-01-01T00:00:00.000Z' }]);
  });

  it('reports every problem with its line', () => {
    const bad = `version: 1
configurations:
  a:
    rules:
      sms: { default: allow, block: [RU, XX, RU], allow: [RU] }
    overrides:
      - { number: "12345", action: allow }
      - { number: "+12065550100", action: maybe }
      - { number: "+12065550101", action: block, expires: "2020-01-01" }
`;
    let err: DocumentError | undefined;
    try {
      parse(bad);
    } catch (e) {
      err = e as DocumentError;
    }
    expect(err).toBeInstanceOf(DocumentError);
    expect(err!.problems).toEqual([{ field: 'p.yaml:8', message: 'configurations.a.overrides.1.action must be allow or block' }]);
    let err2: DocumentError | undefined;
    try {
      parse(bad.replace('action: maybe', 'action: block'));
    } catch (e) {
      err2 = e as DocumentError;
    }
    expect(err2!.problems.map((p) => `${p.field} ${p.message}`)).toEqual([
      'p.yaml:5 a.rules.sms.block: "XX" is not an ISO 3166 country code',
      'p.yaml:5 a.rules.sms.block: RU is listed twice',
      'p.yaml:5 a.rules.sms: RU is in both allow and block; keep it in one list',
      expect.stringMatching(/^p.yaml:7 a.overrides\[0\].number: "12345" is not an E.164/),
    ]);
  });

  it('an override whose expiry has passed is reported as expired, not planned', () => {
    const doc = `version: 1
configurations:
  otp-guard:
    overrides:
      - { number: "+12065550101", action: block, expires: "2020-01-01" }
      - { number: "+12065550102", action: allow, expires: "2027-01-01T00:00:00Z" }
`;
    const desired = parse(doc);
    expect(desired.configurations[0].expiredOverrides).toEqual([{ number: '+12065550101', action: 'BLOCK', expires: '2020-01-01T00:00:00.000Z' }]);
    const snap = snapshotWith({});
    const plan = planProtect(snap, desired, { prune: false, serviceCountries: catalog.service });
    expect(plan.calls).toEqual([
      { op: 'PutProtectConfigurationRuleSetNumberOverride', ref: 'otp-guard', number: '+12065550102', action: 'ALLOW', expires: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(plan.expired).toEqual([{ configuration: 'otp-guard', number: '+12065550101', action: 'BLOCK', expires: '2020-01-01T00:00:00.000Z' }]);
    expect(renderPlanText(plan, { name: catalog.name })).toContain(
      'expired, not applied: otp-guard override +12065550101 BLOCK until 2020-01-01T00:00:00.000Z',
    );
  });

  it('refuses a YAML bomb as a document problem', () => {
    const bomb = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    bomb.push('configurations: {}');
    expect(() => parse(bomb.join('\n'))).toThrow(DocumentError);
    expect(() => parse(bomb.join('\n'))).toThrow(/p.yaml:1: not a usable document: .*remove the YAML aliases/);
  });

  it('refuses the wrong version and shape, with the line', () => {
    expect(() => parse('version: 2\nconfigurations: {}\n')).toThrow(/p.yaml:1: version must be 1/);
    expect(() => parse('version: 1\nconfigurations:\n  a:\n    rulez: {}\n')).toThrow(/p.yaml:4: .*unknown key rulez/);
    // An unknown key is named at its own line, not at the first line of its map.
    expect(() => parse('version: 1\nconfigurations:\n  a:\n    deletionProtection: true\n    rulez: {}\n')).toThrow(/p.yaml:5: .*unknown key rulez/);
    expect(() => parse('version: 1\nconfigurations: [a]\n')).toThrow(/p.yaml:2/);
    expect(() => parse('version: 1\n  bad: [\n')).toThrow(/not valid YAML/);
  });

  it('export then plan is empty; a hand edit is drift', () => {
    const snap = snapshotWith({ deletionProtection: true, tags: { Name: 'otp-guard', team: 'id' }, configurationSets: ['otp'], accountDefault: true });
    snap.accountDefaultId = 'protect-1';
    snap.configurations[0].rules.sms.RU = 'BLOCK';
    snap.configurations[0].overrides = [{ number: '+12065550100', action: 'BLOCK', expires: '2027-01-01T00:00:00.000Z' }];
    const text = renderProtectDocument(snap);
    expect(text).toContain('sms: {default: allow, block: [RU]}');
    const desired = parse(text);
    const plan = planProtect(snap, desired, { prune: false, serviceCountries: catalog.service });
    expect(plan.calls).toEqual([]);
    snap.configurations[0].rules.sms.NG = 'BLOCK';
    const drift = planProtect(snap, desired, { prune: false, serviceCountries: catalog.service });
    expect(drift.calls).toEqual([{ op: 'UpdateProtectConfigurationCountryRuleSet', ref: 'otp-guard', channel: 'sms', updates: { NG: 'ALLOW' } }]);
    expect(renderPlanText(drift, { name: catalog.name })).toContain('~ update otp-guard (protect-1)\n    ~ sms: BLOCK -> ALLOW (1): NG Nigeria');
  });

  it('a configuration without a Name tag round-trips under its id', () => {
    const snap = snapshotWith({ name: undefined, tags: {} });
    const text = renderProtectDocument(snap);
    expect(text).toContain('  protect-1:\n    id: protect-1\n');
    expect(planProtect(snap, parse(text), { prune: true, serviceCountries: catalog.service }).calls).toEqual([]);
  });

  it('plans a new configuration: create, rules, overrides, association, default', () => {
    const snap: ProtectSnapshot = { configurations: [], configurationSetNames: ['otp'] };
    const plan = planProtect(snap, parse(good), { prune: false, serviceCountries: catalog.service });
    const ops = plan.calls.map((c) => c.op);
    expect(ops[0]).toBe('CreateProtectConfiguration');
    expect(ops).toContain('AssociateProtectConfiguration');
    expect(ops[ops.length - 1]).toBe('SetAccountDefaultProtectConfiguration');
    const voice = plan.calls.filter((c) => c.op === 'UpdateProtectConfigurationCountryRuleSet' && c.channel === 'voice');
    // every country but US goes to BLOCK: more than 200 countries, so at least one batch
    expect(voice.reduce((n, c) => n + Object.keys((c as { updates: object }).updates).length, 0)).toBe(catalog.service.size - 1);
  });

  it('prune refuses a deletion-protected configuration', () => {
    const snap = snapshotWith({ deletionProtection: true });
    const plan = planProtect(snap, parse('version: 1\nconfigurations: {}\n'), { prune: true, serviceCountries: catalog.service });
    expect(plan.blockers[0]).toMatch(/deletion protection is on/);
    const keep = planProtect(snap, parse('version: 1\nconfigurations: {}\n'), { prune: false, serviceCountries: catalog.service });
    expect(keep.calls).toEqual([]);
    expect(keep.unmanaged).toEqual(['otp-guard']);
  });
});
