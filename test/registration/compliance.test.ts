/** The compliance rules: each one caught, and the clean answers files pass. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import fixtures from '../../fixtures/registration/types.json' with { type: 'json' };
import type { RegistrationForm, FieldDefinition } from '../../src/core/registration/definitions.js';
import { answersFromDocument } from '../../src/core/registration/answers.js';
import { checkCompliance, classify, COMPLIANCE_RULES, rulesNotRun, smsParts } from '../../src/core/registration/compliance.js';

function form(type: string): RegistrationForm {
  const t = (
    fixtures as unknown as {
      types: Array<{
        RegistrationTypeDefinition: { RegistrationType: string };
        RegistrationSectionDefinitions: [];
        RegistrationFieldDefinitions: FieldDefinition[];
      }>;
    }
  ).types.find((x) => x.RegistrationTypeDefinition.RegistrationType === type)!;
  return { registrationType: type, sections: t.RegistrationSectionDefinitions, fields: t.RegistrationFieldDefinitions };
}

function answers(f: RegistrationForm, type: string, changes: Record<string, unknown>) {
  const doc = YAML.parse(readFileSync(path.resolve(`test/registration/answers/${type}.yaml`), 'utf8')) ?? {};
  const flat: Record<string, unknown> = {};
  const walk = (o: Record<string, unknown>, p: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, `${p}${k}.`);
      else flat[`${p}${k}`] = v;
    }
  };
  walk(doc, '');
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete flat[k];
    else flat[k] = v;
  }
  return answersFromDocument(flat, f).answers;
}

const TF = 'US_TOLL_FREE_REGISTRATION';
const CAMPAIGN = 'US_TEN_DLC_CAMPAIGN_REGISTRATION';
const BRAND = 'US_TEN_DLC_BRAND_REGISTRATION';
const ID = 'ID_SENDER_ID_REGISTRATION';
// The campaign form has no brand name field: for the brand rules, add the brand form's.
const campaignWithBrand = (): RegistrationForm => {
  const c = form(CAMPAIGN);
  return { ...c, fields: [...c.fields, form(BRAND).fields.find((f) => f.FieldPath === 'companyInfo.companyName')!] };
};

const OPTIN = 'messagingUseCase.optInDescription';
const GOOD_OPTIN =
  'Customers tick a box on https://www.example.com/signup to receive ExampleCorp sign-in codes. Message frequency varies. Message and data rates may apply. Reply HELP for help, STOP to opt out. Terms: https://www.example.com/terms Privacy: https://www.example.com/privacy';

const cases: Array<[rule: string, type: string, changes: Record<string, unknown>, f?: () => RegistrationForm]> = [
  ['sample.length', TF, { 'messageSamples.messageSample1': 'ExampleCorp: hi' }],
  ['sample.brand', TF, { 'messageSamples.messageSample1': 'Your sign-in code is {code}. It expires soon.' }],
  ['sample.variables', TF, { 'messageSamples.messageSample1': 'ExampleCorp: your sign-in code is $code today.' }],
  ['sample.shortener', TF, { 'messageSamples.messageSample1': 'ExampleCorp: sign in at https://bit.ly/3abc to continue.' }],
  ['sample.segments', TF, { 'messageSamples.messageSample1': `ExampleCorp: ${'your code is {code}. '.repeat(9)}` }],
  ['optin.brand', TF, { [OPTIN]: GOOD_OPTIN.replace('ExampleCorp ', '') }],
  ['optin.frequency', TF, { [OPTIN]: GOOD_OPTIN.replace('Message frequency varies. ', '') }],
  ['optin.rates', TF, { [OPTIN]: GOOD_OPTIN.replace('Message and data rates may apply. ', '') }],
  ['optin.help', TF, { [OPTIN]: GOOD_OPTIN.replace('Reply HELP for help, ', '') }],
  ['optin.stop', TF, { [OPTIN]: GOOD_OPTIN.replace('STOP to opt out', 'text us to leave') }],
  ['optin.links', TF, { [OPTIN]: GOOD_OPTIN.replace(/ Terms: .*$/, '') }],
  [
    'help.length',
    CAMPAIGN,
    {
      'campaignInfo.helpMessage':
        'Help: support@example.com or call us any time at +12065550142, we are happy to help you with your ExampleCorp account, your codes, your alerts and anything else. Write to us!',
    },
  ],
  ['help.brand', CAMPAIGN, { 'campaignInfo.helpMessage': 'For help email support@example.com.', 'companyInfo.companyName': 'ExampleCorp' }, campaignWithBrand],
  ['help.contact', CAMPAIGN, { 'campaignInfo.helpMessage': 'ExampleCorp: reply to this message for help.' }],
  ['stop.length', CAMPAIGN, { 'campaignInfo.stopMessage': 'ExampleCorp: unsubscribed. '.repeat(7) }],
  [
    'stop.brand',
    CAMPAIGN,
    { 'campaignInfo.stopMessage': 'You are unsubscribed and will receive no more messages.', 'companyInfo.companyName': 'ExampleCorp' },
    campaignWithBrand,
  ],
  ['stop.confirmation', CAMPAIGN, { 'campaignInfo.stopMessage': 'ExampleCorp: thanks for your message, goodbye!' }],
  ['confirmation.length', CAMPAIGN, { 'campaignInfo.optInMessage': 'ExampleCorp STOP' }],
  [
    'confirmation.brand',
    CAMPAIGN,
    {
      'campaignInfo.optInMessage': 'You are subscribed to alerts. Msg & data rates may apply. Reply STOP to opt out.',
      'companyInfo.companyName': 'ExampleCorp',
    },
    campaignWithBrand,
  ],
  ['confirmation.rates', CAMPAIGN, { 'campaignInfo.optInMessage': 'ExampleCorp: you are subscribed to alerts. Reply STOP to opt out.' }],
  ['confirmation.optout', CAMPAIGN, { 'campaignInfo.optInMessage': 'ExampleCorp: you are subscribed to alerts. Msg & data rates may apply.' }],
  ['email.domain', TF, { 'contactInfo.supportEmail': 'examplecorp@gmail.com' }],
  ['link.https', TF, { 'companyInfo.website': 'http://www.example.com' }],
  ['link.shortener', TF, { 'messagingUseCase.privacyPolicyUrl': 'https://tinyurl.com/example-privacy' }],
  ['policy.links', CAMPAIGN, { 'campaignInfo.privacyPolicyLink': undefined }],
  ['campaign.description', CAMPAIGN, { 'campaignInfo.campaignName': 'Alerts from ExampleCorp' }],
  ['campaign.sub-use-cases', CAMPAIGN, { 'campaignUseCase.useCase': 'TWO_FACTOR_AUTHENTICATION' }],
  ['campaign.sub-use-cases', CAMPAIGN, { 'campaignUseCase.subUseCases': undefined }],
  ['campaign.public-profit', BRAND, { 'companyInfo.stockSymbol': undefined }],
  ['campaign.public-profit', BRAND, { 'companyInfo.stockExchange': 'NONE' }],
  ['campaign.embedded-link', CAMPAIGN, { 'campaignUseCase.embeddedLink': 'Yes' }],
  ['campaign.embedded-link', CAMPAIGN, { 'messageSamples.messageSample2': 'ExampleCorp: see your account at https://www.example.com/account now.' }],
  ['format.ein', TF, { 'companyInfo.taxId': '123-45-678X' }],
  ['format.ein', BRAND, { 'companyInfo.taxId': '12345678' }],
  ['format.country', TF, { 'companyInfo.isoCountryCode': 'USA' }],
  ['format.country', BRAND, { 'companyInfo.taxIdIssuingCountry': 'United States' }],
  ['format.phone', TF, { 'contactInfo.supportPhoneNumber': '(206) 555-0142' }],
  ['sender-id.format', ID, { 'senderIdInfo.senderId': '12345' }],
  ['sender-id.format', ID, { 'senderIdInfo.senderId': 'EX' }],
  ['sender-id.format', ID, { 'senderIdInfo.senderId': 'EXAMPLE-CORP' }],
];

describe('compliance rules', () => {
  it.each(cases)('catches %s (%s %j)', (rule, type, changes, f) => {
    const fm = f ? f() : form(type);
    const findings = checkCompliance(fm, answers(fm, type, changes));
    expect(findings.map((x) => x.rule)).toContain(rule);
    const finding = findings.find((x) => x.rule === rule)!;
    expect(finding.message).toContain(COMPLIANCE_RULES[rule].reason);
    expect(finding.fix).toBe(COMPLIANCE_RULES[rule].fix);
  });

  it('every rule has a test case', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(Object.keys(COMPLIANCE_RULES)));
  });

  it.each([TF, CAMPAIGN, BRAND, ID])('the clean %s answers pass every rule', (type) => {
    expect(checkCompliance(form(type), answers(form(type), type, {}))).toEqual([]);
  });

  it('findings are warnings unless --strict; the multi-part advice stays a warning', () => {
    const fm = form(TF);
    const findings = checkCompliance(fm, answers(fm, TF, { 'messageSamples.messageSample1': `Your code is {code}. ${'x'.repeat(170)}` }));
    expect(classify([], findings, false).errors).toEqual([]);
    const strict = classify([], findings, true);
    expect(strict.errors.map((e) => e.rule)).toEqual(['sample.brand']);
    expect(strict.warnings.map((e) => e.rule)).toEqual(['sample.segments']);
  });

  it('counts SMS parts: GSM-7 160/153, UCS-2 70/67, extension characters count twice', () => {
    expect(smsParts('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsParts('a'.repeat(161)).parts).toBe(2);
    expect(smsParts('{'.repeat(80)).units).toBe(160);
    expect(smsParts('é'.repeat(10)).encoding).toBe('GSM-7');
    expect(smsParts('ü你'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsParts('你'.repeat(71)).parts).toBe(2);
  });

  it("US-only rules (rates, HELP/STOP wording, terms and privacy links) do not fire on another country's form", () => {
    const fm = form(ID);
    const findings = checkCompliance(
      fm,
      answers(fm, ID, { 'messagingUseCase.optInDescription': 'Customers sign up on the ExampleCorp website for alerts. Message frequency varies.' }),
    );
    const usOnly = Object.values(COMPLIANCE_RULES)
      .filter((r) => r.usOnly)
      .map((r) => r.id);
    expect(usOnly).toEqual(expect.arrayContaining(['optin.rates', 'optin.help', 'optin.stop', 'optin.links', 'policy.links']));
    expect(findings.map((f) => f.rule).filter((r) => usOnly.includes(r))).toEqual([]);
    // The same text on a US form is flagged.
    const us = checkCompliance(
      form(TF),
      answers(form(TF), TF, { [OPTIN]: 'Customers sign up on the ExampleCorp website for alerts. Message frequency varies.' }),
    );
    expect(us.map((f) => f.rule)).toEqual(expect.arrayContaining(['optin.rates', 'optin.help', 'optin.stop', 'optin.links']));
  });

  it("a sample naming the brand by the company's short name passes", () => {
    const fm = form(TF);
    const rules = (company: string, sample: string) =>
      checkCompliance(
        fm,
        answers(fm, TF, {
          'companyInfo.companyName': company,
          'messageSamples.messageSample1': sample,
          [OPTIN]: GOOD_OPTIN.replace('ExampleCorp', sample.split(':')[0]),
        }),
      ).map((f) => f.rule);
    expect(rules('Example Corporation of America', 'ExampleCorp: your code is {code}.')).not.toContain('sample.brand');
    expect(rules('Acme Widgets Inc.', 'Acme: your code is {code}. It expires soon.')).not.toContain('sample.brand');
    expect(rules('International Business Machines Corp', 'IBM: your code is {code}. It expires soon.')).not.toContain('sample.brand');
    expect(rules('Acme Widgets Inc.', 'Globex: your code is {code}. It expires soon.')).toContain('sample.brand');
  });

  it('"Msg freq varies" is a frequency statement', () => {
    const fm = form(TF);
    const findings = checkCompliance(fm, answers(fm, TF, { [OPTIN]: GOOD_OPTIN.replace('Message frequency varies.', 'Msg freq varies.') }));
    expect(findings.map((f) => f.rule)).not.toContain('optin.frequency');
  });

  it('country codes are checked against ISO 3166 when the list is given (UK is GB)', () => {
    const fm = form(TF);
    const findings = checkCompliance(fm, answers(fm, TF, { 'companyInfo.isoCountryCode': 'UK' }), { isoCountryCodes: new Set(['US', 'GB']) });
    expect(findings.find((f) => f.rule === 'format.country')?.message).toContain('"UK" is not an ISO 3166 country code (the United Kingdom is GB)');
  });

  it('a 10DLC campaign has no brand field: the brand rules say they could not run, and run with a brand', () => {
    const fm = form(CAMPAIGN);
    const ans = answers(fm, CAMPAIGN, { 'messageSamples.messageSample1': 'Your sign-in code is {code}. It expires in 10 minutes.' });
    expect(checkCompliance(fm, ans).map((f) => f.rule)).not.toContain('sample.brand');
    expect(rulesNotRun(fm, ans).map((r) => r.rule)).toEqual(['sample.brand', 'optin.brand', 'help.brand', 'stop.brand', 'confirmation.brand']);
    expect(rulesNotRun(fm, ans)[0].reason).toContain('--brand NAME');
    expect(rulesNotRun(fm, ans, { brands: ['ExampleCorp'] })).toEqual([]);
    const withBrand = checkCompliance(fm, ans, { brands: ['ExampleCorp'] });
    expect(withBrand.filter((f) => f.rule === 'sample.brand').map((f) => f.fieldPath)).toEqual(['messageSamples.messageSample1']);
  });
});

describe('format findings print phone numbers masked', () => {
  it('format.phone names the number with its last four digits only', () => {
    const fm = form(TF);
    const findings = checkCompliance(fm, answers(fm, TF, { 'contactInfo.supportPhoneNumber': '206 555 0142' }));
    const f = findings.find((x) => x.rule === 'format.phone')!;
    expect(f.message).not.toContain('555');
    expect(f.message).toContain('0142');
  });
});
