#!/usr/bin/env node
// Builds the simulator's registration fixtures (fixtures/registration/types.json) from the real
// definitions in data/registration-data/ (or the directory given with --data).
//
// Real values are copied as they are. Where the API model requires a member that no source gave
// (DisplayHints, TextValidation, SelectValidation's bounds, FieldRequirement, section hints), it
// is filled with a plausible value and the object gets a `_synthesized` map naming each filled
// member and why. The simulator strips `_`-prefixed keys before answering.
//
// Usage: node scripts/gen-registration-fixtures.mjs [--data DIR] [--out FILE] [--quiet]
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const dataDir = path.resolve(arg('--data', path.join(root, 'data', 'registration-data')));
const outFile = path.resolve(arg('--out', path.join(root, 'fixtures', 'registration', 'types.json')));

const read = (f) => JSON.parse(readFileSync(path.join(dataDir, f), 'utf8'));
const typesDoc = read('types.json');
// Real types only: `_COMMON_SENDER_ID_TEMPLATE` is a template, not a type name the API knows.
const typeNames = readdirSync(dataDir)
  .filter((f) => f.endsWith('.fields.json') && !f.startsWith('_'))
  .map((f) => f.replace(/\.fields\.json$/, ''))
  .sort();

// The model's limits on TextValue (PutRegistrationFieldValue): 1 to 2048 characters.
const TEXT_VALUE_MAX = 2048;
// The only pattern seen on real TEXT fields (S4): "not blank".
const NOT_BLANK = '^(?=\\s*\\S)[\\s\\S]+$';

function humanize(p) {
  const last = p.split('.').pop();
  const words = last
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeTitle(t) {
  const words = t.toLowerCase().split('_');
  return words.map((w, i) => (i === 0 && w.length === 2 ? w.toUpperCase() : w)).join(' ');
}

/** Console labels recorded in the provenance notes ("console label 'Company website' (S6)"). */
function consoleLabel(prov) {
  for (const n of prov?.notes ?? []) {
    const m = /console label '([^']+)'/.exec(n) ?? /^S10: '([^']+)'/.exec(n);
    if (m) return m[1];
  }
  return undefined;
}

/** Conditional rules: the one known real rule, and rules the sources describe in prose (synthesized shape). */
const CONDITIONAL_RULES = {
  US_TOLL_FREE_REGISTRATION: {
    // Real (S9 core.ts, from a team that read the live form): required unless SOLE_PROPRIETOR.
    // The behaviour for sole proprietors (DISALLOWED rather than OPTIONAL) is our guess.
    ...Object.fromEntries(
      ['companyInfo.taxId', 'companyInfo.taxIdAuthority', 'companyInfo.taxIdCountry'].map((p) => [
        p,
        {
          rule: {
            DefaultBehavior: 'REQUIRED',
            Rules: [
              { Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'EQUALS', Values: ['SOLE_PROPRIETOR'] }], RuleBehavior: 'DISALLOWED' },
            ],
          },
          why: 'real rule (S9: required unless companyInfo.businessType is SOLE_PROPRIETOR); RuleBehavior DISALLOWED and the API shape are synthesized',
        },
      ]),
    ),
  },
  US_TEN_DLC_BRAND_REGISTRATION: Object.fromEntries(
    ['companyInfo.stockSymbol', 'companyInfo.stockExchange', 'companyInfo.businessContactEmail'].map((p) => [
      p,
      {
        rule: {
          DefaultBehavior: 'OPTIONAL',
          Rules: [{ Conditions: [{ DependsOnFieldPath: 'companyInfo.legalType', Operator: 'EQUALS', Values: ['PUBLIC_PROFIT'] }], RuleBehavior: 'REQUIRED' }],
        },
        why: 'synthesized from prose: "required if legalType is PUBLIC_PROFIT" (S1, S10, S9)',
      },
    ]),
  ),
  ID_SENDER_ID_REGISTRATION: Object.fromEntries(
    ['idSidSpecificInfo.letterOfAuthorization1', 'idSidSpecificInfo.letterOfAuthorization2', 'idSidSpecificInfo.letterOfAuthorization4'].map((p) => [
      p,
      {
        rule: {
          DefaultBehavior: 'OPTIONAL',
          Rules: [{ Conditions: [{ DependsOnFieldPath: 'companyAddress.isoCountryCode', Operator: 'EQUALS', Values: ['ID'] }], RuleBehavior: 'REQUIRED' }],
        },
        why: 'synthesized from prose: "CONDITIONAL - required if company is local to Indonesia" (S5)',
      },
    ]),
  ),
};

function buildField(type, f, prov) {
  const out = { ...f };
  const syn = {};
  if (!out.FieldRequirement) {
    out.FieldRequirement = out.FieldType === 'ATTACHMENT' ? 'OPTIONAL' : 'REQUIRED';
    syn.FieldRequirement = `no source states it; ${out.FieldRequirement} assumed`;
  }
  const hints = { ...(out.DisplayHints ?? {}) };
  if (!hints.Title) {
    const label = consoleLabel(prov);
    hints.Title = label ?? humanize(out.FieldPath);
    syn['DisplayHints.Title'] = label ? 'console label from the provenance notes' : 'derived from the field path';
  }
  if (!hints.ShortDescription) {
    hints.ShortDescription = hints.Title;
    syn['DisplayHints.ShortDescription'] = 'no source gave one; the title repeated';
  }
  out.DisplayHints = hints;
  if (out.FieldType === 'TEXT') {
    const tv = { ...(out.TextValidation ?? {}) };
    const filled = [];
    if (tv.MinLength === undefined) {
      tv.MinLength = 1;
      filled.push('MinLength');
    }
    if (tv.MaxLength === undefined) {
      tv.MaxLength = TEXT_VALUE_MAX;
      filled.push('MaxLength');
    }
    if (tv.Pattern === undefined) {
      tv.Pattern = NOT_BLANK;
      filled.push('Pattern');
    }
    if (filled.length) syn.TextValidation = `${filled.join(', ')} not given by any source: model limits and the not-blank pattern seen on real fields`;
    out.TextValidation = tv;
  }
  if (out.FieldType === 'SELECT') {
    const sv = { ...(out.SelectValidation ?? {}) };
    const filled = [];
    if (sv.MinChoices === undefined) {
      sv.MinChoices = 1;
      filled.push('MinChoices');
    }
    if (sv.MaxChoices === undefined) {
      sv.MaxChoices = 1;
      filled.push('MaxChoices');
    }
    if (!sv.Options) {
      sv.Options = [];
      filled.push('Options');
    }
    if (filled.length) syn.SelectValidation = `${filled.join(', ')} not given by any source: single choice assumed`;
    out.SelectValidation = sv;
  }
  const cond = CONDITIONAL_RULES[type]?.[out.FieldPath];
  if (cond) {
    if (out.FieldRequirement !== 'CONDITIONAL') {
      syn.FieldRequirement = `${syn.FieldRequirement ? `${syn.FieldRequirement}; ` : ''}was ${out.FieldRequirement} in the data, CONDITIONAL per the prose`;
      out.FieldRequirement = 'CONDITIONAL';
    }
    out.ConditionalBehavior = cond.rule;
    syn.ConditionalBehavior = cond.why;
  }
  if (Object.keys(syn).length) out._synthesized = syn;
  return out;
}

function consoleSectionNames(sectionsDoc) {
  const m = /Console section names \(documentation, not API\): (\{.*\})/.exec(sectionsDoc._note ?? '');
  if (!m) return {};
  try {
    return JSON.parse(m[1]);
  } catch {
    return {};
  }
}

const types = [];
for (const type of typeNames) {
  const fieldsDoc = read(`${type}.fields.json`);
  const sectionsDoc = read(`${type}.sections.json`);
  const provDoc = read(`${type}.provenance.json`);
  const provByPath = new Map((provDoc.fields ?? []).map((p) => [p.FieldPath, p]));
  const known = typesDoc.types[type] ?? {};

  const def = { ...(known.RegistrationTypeDefinition ?? { RegistrationType: type }) };
  const defSyn = {};
  if (!def.DisplayHints?.Title) {
    def.DisplayHints = { ...(def.DisplayHints ?? {}), Title: typeTitle(type) };
    defSyn['DisplayHints.Title'] = 'derived from the type name';
  }
  if (!def.SupportedAssociations) {
    const m = /^([A-Z]{2})_SENDER_ID_REGISTRATION$/.exec(type);
    if (m) {
      def.SupportedAssociations = [
        {
          ResourceType: 'SENDER_ID',
          IsoCountryCode: m[1],
          AssociationBehavior: 'ASSOCIATE_ON_APPROVAL',
          DisassociationBehavior: 'DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION',
        },
      ];
      defSyn.SupportedAssociations = 'ASSOCIATE_ON_APPROVAL from S4 (all sender ID registrations); ResourceType and DisassociationBehavior synthesized';
    } else if (type === 'US_TEN_DLC_CAMPAIGN_REGISTRATION') {
      def.SupportedAssociations = [
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
      ];
      defSyn.SupportedAssociations =
        'behaviours from S1 (brand: before submit; 10DLC number: after complete); ResourceType strings and DisassociationBehavior synthesized';
    } else if (type === 'US_TEN_DLC_BRAND_VETTING') {
      def.SupportedAssociations = [
        {
          ResourceType: 'REGISTRATION',
          IsoCountryCode: 'US',
          AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT',
          DisassociationBehavior: 'DELETE_REGISTRATION_DISASSOCIATES',
        },
      ];
      defSyn.SupportedAssociations = 'behaviour from S1 (brand registration: before submit); ResourceType string and DisassociationBehavior synthesized';
    }
  }
  if (Object.keys(defSyn).length) def._synthesized = defSyn;

  const labels = consoleSectionNames(sectionsDoc);
  const sections = sectionsDoc.RegistrationSectionDefinitions.map((s) => {
    const title = labels[s.SectionPath];
    return {
      SectionPath: s.SectionPath,
      DisplayHints: { Title: title ?? humanize(s.SectionPath), ShortDescription: title ?? humanize(s.SectionPath) },
      _synthesized: { DisplayHints: title ? 'console section name (documentation, not API); ShortDescription repeats it' : 'derived from the section path' },
    };
  });

  const fields = fieldsDoc.RegistrationFieldDefinitions.map((f) => buildField(type, f, provByPath.get(f.FieldPath)));
  types.push({
    RegistrationTypeDefinition: def,
    RegistrationSectionDefinitions: sections,
    RegistrationFieldDefinitions: fields,
    _provenance: provDoc.assessment ?? '',
  });
}

mkdirSync(path.dirname(outFile), { recursive: true });
const doc = {
  _note:
    'Generated by scripts/gen-registration-fixtures.mjs from data/registration-data (real definitions with provenance). Members in `_synthesized` were filled because the API model requires them and no source gave them. Do not edit by hand.',
  types,
};
writeFileSync(outFile, `${JSON.stringify(doc, null, 1)}\n`);
if (!process.argv.includes('--quiet'))
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), outFile)}: ${types.length} types, ${types.reduce((n, t) => n + t.RegistrationFieldDefinitions.length, 0)} fields\n`,
  );
