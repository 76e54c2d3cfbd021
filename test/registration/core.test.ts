/** Pure logic: conditional rules, requirement wording, value checks, answers files, templates. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { conditionHolds, conditionalValidationInWords, ignoredRulesInWords, requirementInWords, resolveField, validationInWords, type Answers, type FieldDefinition, type RegistrationForm } from '../../src/core/registration/definitions.js';
import { checkAnswers, checkValue } from '../../src/core/registration/validate.js';
import { answersFromDocument, renderTemplate } from '../../src/core/registration/answers.js';
import { attachmentProblem, sniffAttachment } from '../../src/core/registration/attachments.js';

const a = (entries: Record<string, string | string[]>): Answers => new Map(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? { choices: v } : { text: v }]));
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
          { Conditions: [{ DependsOnFieldPath: 'x.legal', Operator: 'EQUALS', Values: ['PUBLIC_PROFIT'] }], RuleBehavior: 'REQUIRED', ConditionalValidation: { MaxLength: 5 } },
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
    DisplayHints: { Title: 'Tax id', LongDescription: 'The id your tax authority gave the company.', DocumentationTitle: 'Tax ids', DocumentationLink: 'https://example.com/tax-ids' },
    ConditionalBehavior: {
      DefaultBehavior: 'OPTIONAL',
      Rules: [
        { Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'EQUALS', Values: ['PRIVATE_PROFIT'] }], RuleBehavior: 'REQUIRED', ConditionalValidation: { MinLength: 9, MaxLength: 9, Pattern: '^\\d{9}$' } },
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
      { SectionPath: 'companyInfo', FieldPath: 'companyInfo.businessType', FieldType: 'SELECT', FieldRequirement: 'REQUIRED', SelectValidation: { MinChoices: 1, MaxChoices: 1, Options: ['PRIVATE_PROFIT', 'SOLE_PROPRIETOR'] }, DisplayHints: { Title: 'Business type', SelectOptionDescriptions: [{ Option: 'SOLE_PROPRIETOR', Description: 'without employees' }] } },
      taxId,
      { SectionPath: 'companyInfo', FieldPath: 'companyInfo.doc', FieldType: 'ATTACHMENT', FieldRequirement: 'OPTIONAL' },
    ],
  };

  it('reads nested or dotted keys, scalars for selects, paths for attachments; checks everything at once', () => {
    const { answers, problems } = answersFromDocument({ companyInfo: { businessType: 'SOLE_PROPRIETOR', taxId: '12' }, 'companyInfo.doc': 'x.pdf', 'other.field': 'x' }, form);
    expect(problems).toEqual([]);
    expect(answers.get('companyInfo.businessType')).toEqual({ choices: ['SOLE_PROPRIETOR'] });
    expect(answers.get('companyInfo.doc')).toEqual({ file: 'x.pdf' });
    expect(checkAnswers(form, answers, { complete: true }).map((f) => `${f.fieldPath} ${f.rule}`)).toEqual(['other.field definition.unknown-field', 'companyInfo.taxId definition.disallowed']);
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
