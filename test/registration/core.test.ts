/** Pure logic: conditional rules, requirement wording, value checks, answers files, templates. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  conditionHolds,
  conditionalValidationInWords,
  ignoredRulesInWords,
  requirementInWords,
  resolveField,
  validationInWords,
  type Answers,
  type FieldDefinition,
  type RegistrationForm,
} from '../../src/core/registration/definitions.js';
import { checkAnswers, checkValue } from '../../src/core/registration/validate.js';
import { answersFromDocument, renderTemplate } from '../../src/core/registration/answers.js';
import { attachmentProblem, sniffAttachment } from '../../src/core/registration/attachments.js';
import { missingAssociations, resourceKindOf } from '../../src/core/registration/associations.js';
import { changedAnswers, unchangedFlaggedFields } from '../../src/core/registration/changes.js';

const a = (entries: Record<string, string | string[]>): Answers =>
  new Map(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? { choices: v } : { text: v }]));
const title = (p: string) => ({ 'companyInfo.businessType': 'Business type', 'x.legal': 'Legal form' })[p] ?? p;

const taxId: FieldDefinition = {
  SectionPath: 'companyInfo',
  FieldPath: 'companyInfo.taxId',
  FieldType: 'TEXT',
  FieldRequirement: 'CONDITIONAL',
  TextValidation: { MinLength: 1, MaxLength: 20 },
  ConditionalBehavior: {
    DefaultBehavior: 'REQUIRED',
    Rules: [{ Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'EQUALS', Values: ['SOLE_PROPRIETOR'] }], RuleBehavior: 'DISALLOWED' }],
  },
};

describe('conditional rules', () => {
  it('the first rule whose conditions all hold decides; otherwise the default', () => {
    expect(resolveField(taxId, a({ 'companyInfo.businessType': ['PRIVATE_PROFIT'] })).behavior).toBe('REQUIRED');
    expect(resolveField(taxId, a({ 'companyInfo.businessType': ['SOLE_PROPRIETOR'] })).behavior).toBe('DISALLOWED');
    expect(resolveField(taxId, a({})).behavior).toBe('REQUIRED');
  });

  it('operators: EQUALS, NOT_EQUALS, IN, NOT_IN, HAS_VALUE, NO_VALUE; unknown is false', () => {
    const ans = a({ x: ['A'], t: 'hello' });
    expect(conditionHolds({ DependsOnFieldPath: 'x', Operator: 'EQUALS', Values: ['A'] }, ans)).toBe(true);
    expect(conditionHolds({ DependsOnFieldPath: 'x', Operator: 'NOT_EQUALS', Values: ['A'] }, ans)).toBe(false);
    expect(conditionHolds({ DependsOnFieldPath: 'x', Operator: 'IN', Values: ['B', 'A'] }, ans)).toBe(true);
    expect(conditionHolds({ DependsOnFieldPath: 'x', Operator: 'NOT_IN', Values: ['B'] }, ans)).toBe(true);
    expect(conditionHolds({ DependsOnFieldPath: 't', Operator: 'HAS_VALUE' }, ans)).toBe(true);
    expect(conditionHolds({ DependsOnFieldPath: 'nope', Operator: 'NO_VALUE' }, ans)).toBe(true);
    expect(conditionHolds({ DependsOnFieldPath: 'x', Operator: 'LOOKS_LIKE', Values: ['A'] }, ans)).toBe(false);
  });

  it('several rules with the same behaviour are an OR; ConditionalValidation overrides the validation', () => {
    const f: FieldDefinition = {
      SectionPath: 'x',
      FieldPath: 'x.stock',
      FieldType: 'TEXT',
      FieldRequirement: 'CONDITIONAL',
      TextValidation: { MaxLength: 10 },
      ConditionalBehavior: {
        DefaultBehavior: 'OPTIONAL',
        Rules: [
          {
            Conditions: [{ DependsOnFieldPath: 'x.legal', Operator: 'EQUALS', Values: ['PUBLIC_PROFIT'] }],
            RuleBehavior: 'REQUIRED',
            ConditionalValidation: { MaxLength: 5 },
          },
          { Conditions: [{ DependsOnFieldPath: 'x.legal', Operator: 'EQUALS', Values: ['GOVERNMENT'] }], RuleBehavior: 'REQUIRED' },
        ],
      },
    };
    expect(resolveField(f, a({ 'x.legal': ['GOVERNMENT'] })).behavior).toBe('REQUIRED');
    expect(resolveField(f, a({ 'x.legal': ['PUBLIC_PROFIT'] })).text).toEqual({ MaxLength: 5 });
    expect(checkValue(f, { text: 'ABCDEFG' }, a({ 'x.legal': ['PUBLIC_PROFIT'] })).map((p) => p.rule)).toEqual(['definition.max-length']);
    expect(checkValue(f, { text: 'ABCDEFG' }, a({ 'x.legal': ['NON_PROFIT'] }))).toEqual([]);
    expect(requirementInWords(f, title)).toBe('required when legal form is PUBLIC_PROFIT, or legal form is GOVERNMENT, otherwise optional');
  });

  it('describes the known toll-free rule in words; CONDITIONAL without rules is optional with a note', () => {
    expect(requirementInWords(taxId, title)).toBe('required unless business type is SOLE_PROPRIETOR (then not allowed)');
    const bare: FieldDefinition = { ...taxId, ConditionalBehavior: undefined };
    expect(resolveField(bare, a({}))).toMatchObject({ behavior: 'OPTIONAL', note: expect.stringContaining('treated as optional') });
  });
});

describe('conditional validation and help in words', () => {
  const ein: FieldDefinition = {
    SectionPath: 'companyInfo',
    FieldPath: 'companyInfo.taxId',
    FieldType: 'TEXT',
    FieldRequirement: 'CONDITIONAL',
    TextValidation: { MinLength: 1, MaxLength: 20, Pattern: '^.*$' },
    DisplayHints: {
      Title: 'Tax id',
      LongDescription: 'The id your tax authority gave the company.',
      DocumentationTitle: 'Tax ids',
      DocumentationLink: 'https://example.com/tax-ids',
    },
    ConditionalBehavior: {
      DefaultBehavior: 'OPTIONAL',
      Rules: [
        {
          Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'EQUALS', Values: ['PRIVATE_PROFIT'] }],
          RuleBehavior: 'REQUIRED',
          ConditionalValidation: { MinLength: 9, MaxLength: 9, Pattern: '^\\d{9}$' },
        },
        { Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'LOOKS_LIKE', Values: ['NGO'] }], RuleBehavior: 'DISALLOWED' },
      ],
    },
  };

  it('shows the validation a rule puts in place, and an unknown operator as ignored', () => {
    expect(validationInWords(ein)).toBe('1 to 20 characters, matching ^.*$');
    expect(conditionalValidationInWords(ein, title)).toEqual(['when business type is PRIVATE_PROFIT: exactly 9 characters, matching ^\\d{9}$']);
    expect(ignoredRulesInWords(ein)).toEqual(['rule 2 ignored: unknown operator LOOKS_LIKE (the service treats it as never holding)']);
    expect(requirementInWords(ein, title)).toBe('required when business type is PRIVATE_PROFIT, otherwise optional');
    expect(resolveField(ein, a({ 'companyInfo.businessType': ['NGO'] })).behavior).toBe('OPTIONAL');
  });

  it('the template carries the long description, the documentation link and the conditional validation', () => {
    const text = renderTemplate({ registrationType: 'XX_TEST', sections: [], fields: [ein] });
    expect(text).toContain('# The id your tax authority gave the company.');
    expect(text).toContain('# see: Tax ids https://example.com/tax-ids');
    expect(text).toContain('# when business type is PRIVATE_PROFIT: exactly 9 characters, matching ^\\d{9}$');
    expect(text).toContain('# rule 2 ignored: unknown operator LOOKS_LIKE');
  });
});

describe('answers and templates', () => {
  const form: RegistrationForm = {
    registrationType: 'XX_TEST',
    sections: [{ SectionPath: 'companyInfo', DisplayHints: { Title: 'Company info' } }],
    fields: [
      {
        SectionPath: 'companyInfo',
        FieldPath: 'companyInfo.businessType',
        FieldType: 'SELECT',
        FieldRequirement: 'REQUIRED',
        SelectValidation: { MinChoices: 1, MaxChoices: 1, Options: ['PRIVATE_PROFIT', 'SOLE_PROPRIETOR'] },
        DisplayHints: { Title: 'Business type', SelectOptionDescriptions: [{ Option: 'SOLE_PROPRIETOR', Description: 'without employees' }] },
      },
      taxId,
      { SectionPath: 'companyInfo', FieldPath: 'companyInfo.doc', FieldType: 'ATTACHMENT', FieldRequirement: 'OPTIONAL' },
    ],
  };

  it('reads nested or dotted keys, scalars for selects, paths for attachments; checks everything at once', () => {
    const { answers, problems } = answersFromDocument(
      { companyInfo: { businessType: 'SOLE_PROPRIETOR', taxId: '12' }, 'companyInfo.doc': 'x.pdf', 'other.field': 'x' },
      form,
    );
    expect(problems).toEqual([]);
    expect(answers.get('companyInfo.businessType')).toEqual({ choices: ['SOLE_PROPRIETOR'] });
    expect(answers.get('companyInfo.doc')).toEqual({ file: 'x.pdf' });
    expect(checkAnswers(form, answers, { complete: true }).map((f) => `${f.fieldPath} ${f.rule}`)).toEqual([
      'other.field definition.unknown-field',
      'companyInfo.taxId definition.disallowed',
    ]);
    expect(checkAnswers(form, new Map(), { complete: true }).map((f) => f.fieldPath)).toEqual(['companyInfo.businessType', 'companyInfo.taxId']);
  });

  it('the template is valid YAML keyed by field path, with the help as comments', () => {
    const text = renderTemplate(form);
    expect(text).toContain('# Tax id (text, required unless business type is SOLE_PROPRIETOR (then not allowed))');
    expect(text).toContain('#   SOLE_PROPRIETOR - without employees');
    expect(Object.keys(YAML.parse(text))).toEqual(['companyInfo.businessType', 'companyInfo.taxId', 'companyInfo.doc']);
  });
});

describe('attachments are judged by content', () => {
  it('PDF, JPEG and PNG pass; other content and more than 500 KB do not', () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7 ...'))).toBe('PDF');
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('JPEG');
    expect(sniffAttachment(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('PNG');
    expect(attachmentProblem(Buffer.from('GIF89a'))).toContain('not a PDF, JPEG or PNG');
    expect(attachmentProblem(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(500 * 1024)]))).toContain('at most 500 KB');
  });
});

describe('required associations', () => {
  const campaign = {
    RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION',
    SupportedAssociations: [
      {
        ResourceType: 'REGISTRATION',
        IsoCountryCode: 'US',
        AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT',
        DisassociationBehavior: 'DELETE_REGISTRATION_DISASSOCIATES',
      },
      {
        ResourceType: 'TEN_DLC',
        IsoCountryCode: 'US',
        AssociationBehavior: 'ASSOCIATE_AFTER_COMPLETE',
        DisassociationBehavior: 'DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION',
      },
    ],
  };
  const tollFree = {
    RegistrationType: 'US_TOLL_FREE_REGISTRATION',
    SupportedAssociations: [
      {
        ResourceType: 'TOLL_FREE',
        IsoCountryCode: 'US',
        AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT',
        DisassociationBehavior: 'DISASSOCIATE_ALL_CLOSES_REGISTRATION',
      },
    ],
  };

  it('names what a type needs before submitting and the flag to add', () => {
    expect(missingAssociations(campaign, [])).toEqual([
      { resourceType: 'REGISTRATION', isoCountryCode: 'US', flag: "--associate <the brand registration's id> (registration-...)" },
    ]);
    expect(missingAssociations(campaign, ['registration-0123456789abcdef0123456789abcdef'])).toEqual([]);
    expect(missingAssociations(campaign, ['phone-0123456789abcdef0123456789abcdef']).map((m) => m.resourceType)).toEqual(['REGISTRATION']);
    expect(missingAssociations(tollFree, []).map((m) => m.flag)).toEqual(['--associate <the toll-free phone number id> (phone-...)']);
    expect(missingAssociations(tollFree, ['arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0123'])).toEqual([]);
    expect(missingAssociations(tollFree, ['+18885550100'])).toEqual([]);
    expect(resourceKindOf('arn:aws:sms-voice:us-east-1:111122223333:registration/registration-01')).toBe('registration');
    expect(resourceKindOf('something-else')).toBeUndefined();
  });
});

describe('what changed', () => {
  it('edit writes only changed values; a file matches its earlier upload', () => {
    const stored: Answers = new Map([
      ['a.text', { text: 'same' }],
      ['a.pick', { choices: ['X', 'Y'] }],
      ['a.file', { attachmentId: 'attachment-1' }],
    ]);
    const given: Answers = new Map([
      ['a.text', { text: 'same' }],
      ['a.pick', { choices: ['Y', 'X'] }],
      ['a.file', { file: '/tmp/optin.png' }],
      ['a.new', { text: 'new' }],
    ]);
    expect([...changedAnswers(stored, given).keys()]).toEqual(['a.file', 'a.new']);
    expect([...changedAnswers(stored, given, (p, f, id) => p === 'a.file' && f === '/tmp/optin.png' && id === 'attachment-1').keys()]).toEqual(['a.new']);
  });

  it('the fields the reviewer flagged and left as they were', () => {
    const flags = new Map([
      ['a.text', { deniedReason: 'too short' }],
      ['a.other', { feedback: 'fix' }],
    ]);
    const denied: Answers = new Map([
      ['a.text', { text: 'hi' }],
      ['a.other', { text: 'old' }],
    ]);
    const current: Answers = new Map([
      ['a.text', { text: 'hi' }],
      ['a.other', { text: 'new' }],
    ]);
    expect(unchangedFlaggedFields(flags, denied, current)).toEqual([{ fieldPath: 'a.text', deniedReason: 'too short' }]);
  });
});
