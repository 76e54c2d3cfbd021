/**
 * The registration form as the API describes it (DescribeRegistrationTypeDefinitions,
 * DescribeRegistrationSectionDefinitions, DescribeRegistrationFieldDefinitions), and the
 * evaluation of conditional rules against the answers given so far.
 *
 * Nothing here knows a field path: every behaviour comes from the definitions.
 */

export type FieldType = 'TEXT' | 'SELECT' | 'ATTACHMENT';
export type FieldRequirement = 'REQUIRED' | 'OPTIONAL' | 'CONDITIONAL';
export type Behavior = 'REQUIRED' | 'OPTIONAL' | 'DISALLOWED';

export interface DisplayHints {
  Title?: string;
  ShortDescription?: string;
  LongDescription?: string;
  DocumentationTitle?: string;
  DocumentationLink?: string;
  SelectOptionDescriptions?: Array<{ Option: string; Title?: string; Description?: string }>;
  TextValidationDescription?: string;
  ExampleTextValue?: string;
}

export interface TextValidation {
  MinLength?: number;
  MaxLength?: number;
  Pattern?: string;
}

export interface SelectValidation {
  MinChoices?: number;
  MaxChoices?: number;
  Options?: string[];
}

export interface FieldCondition {
  DependsOnFieldPath: string;
  Operator: string;
  Values?: string[];
}

export interface ConditionalValidation {
  MinLength?: number;
  MaxLength?: number;
  Pattern?: string;
  AllowedValues?: string[];
}

export interface ConditionalRule {
  Conditions: FieldCondition[];
  RuleBehavior: string;
  ConditionalValidation?: ConditionalValidation;
}

export interface ConditionalBehavior {
  Rules: ConditionalRule[];
  DefaultBehavior: string;
}

/** One field definition, in the API's shape. */
export interface FieldDefinition {
  SectionPath: string;
  FieldPath: string;
  FieldType: FieldType | string;
  FieldRequirement: FieldRequirement | string;
  TextValidation?: TextValidation;
  SelectValidation?: SelectValidation;
  DisplayHints?: DisplayHints;
  ConditionalBehavior?: ConditionalBehavior;
}

export interface SectionDefinition {
  SectionPath: string;
  DisplayHints?: DisplayHints;
}

export interface SupportedAssociation {
  ResourceType: string;
  IsoCountryCode?: string;
  AssociationBehavior: string;
  DisassociationBehavior: string;
}

export interface TypeDefinition {
  RegistrationType: string;
  SupportedAssociations?: SupportedAssociation[];
  DisplayHints?: DisplayHints;
}

/** A whole form: what eum needs to walk, check and print a registration type. */
export interface RegistrationForm {
  registrationType: string;
  typeDefinition?: TypeDefinition;
  sections: SectionDefinition[];
  fields: FieldDefinition[];
}

/** One answer. Attachments are a local file path (before upload) or an attachment id (after). */
export interface AnswerValue {
  text?: string;
  choices?: string[];
  /** A local path to upload. */
  file?: string;
  /** An attachment already uploaded. */
  attachmentId?: string;
  /** The SHA-256 of the file uploaded as `attachmentId` (kept so the same file is not uploaded twice). */
  sha256?: string;
}

export type Answers = Map<string, AnswerValue>;

/** Whether an answer holds anything. */
export function hasValue(v: AnswerValue | undefined): boolean {
  if (!v) return false;
  return (v.text !== undefined && v.text !== '') || (v.choices !== undefined && v.choices.length > 0) || !!v.file || !!v.attachmentId;
}

/** The sections in the order the definitions give, with sections derived from field paths when missing. */
export function orderedSections(form: RegistrationForm): Array<{ section: SectionDefinition; fields: FieldDefinition[] }> {
  const bySection = new Map<string, FieldDefinition[]>();
  for (const f of form.fields) {
    const list = bySection.get(f.SectionPath) ?? [];
    list.push(f);
    bySection.set(f.SectionPath, list);
  }
  const out: Array<{ section: SectionDefinition; fields: FieldDefinition[] }> = [];
  const seen = new Set<string>();
  for (const s of form.sections) {
    seen.add(s.SectionPath);
    out.push({ section: s, fields: bySection.get(s.SectionPath) ?? [] });
  }
  for (const [path, fields] of bySection) {
    if (!seen.has(path)) out.push({ section: { SectionPath: path }, fields });
  }
  return out;
}

/** "companyInfo.taxIdAuthority" -> "Tax id authority": a readable name when the form gives no title. */
export function humanize(path: string): string {
  const last = path.split('.').pop() ?? path;
  const words = last
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldTitle(f: FieldDefinition): string {
  return f.DisplayHints?.Title || humanize(f.FieldPath);
}

export function sectionTitle(s: SectionDefinition): string {
  return s.DisplayHints?.Title || humanize(s.SectionPath);
}

/** "US_TOLL_FREE_REGISTRATION" -> "US toll free registration". */
export function typeTitle(form: Pick<RegistrationForm, 'registrationType' | 'typeDefinition'>): string {
  const t = form.typeDefinition?.DisplayHints?.Title;
  if (t) return t;
  const words = form.registrationType.toLowerCase().split('_').filter(Boolean);
  return words.map((w, i) => (i === 0 && w.length === 2 ? w.toUpperCase() : w)).join(' ');
}

/** The values a condition compares: text or choices. */
function valuesOf(v: AnswerValue | undefined): string[] {
  if (!v) return [];
  if (v.choices) return v.choices;
  if (v.text !== undefined && v.text !== '') return [v.text];
  if (v.file || v.attachmentId) return [v.attachmentId ?? v.file!];
  return [];
}

/** The operators the service defines; any other evaluates to false (its rule never holds). */
export const KNOWN_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'IN', 'NOT_IN', 'HAS_VALUE', 'NO_VALUE'];

/** Whether a rule can ever hold: none of its conditions uses an unknown operator. */
function ruleCanHold(r: ConditionalRule): boolean {
  return (r.Conditions ?? []).length > 0 && r.Conditions.every((c) => KNOWN_OPERATORS.includes(c.Operator));
}

/** The rules of a field that are ignored (an unknown operator), in words: "rule 2 ignored: unknown operator LOOKS_LIKE". */
export function ignoredRulesInWords(f: FieldDefinition): string[] {
  return (f.ConditionalBehavior?.Rules ?? []).flatMap((r, i) => {
    const unknown = [...new Set((r.Conditions ?? []).map((c) => c.Operator).filter((o) => !KNOWN_OPERATORS.includes(o)))];
    return unknown.length ? [`rule ${i + 1} ignored: unknown operator ${unknown.join(', ')} (the service treats it as never holding)`] : [];
  });
}

/** Whether one condition holds. Unknown operators are false (the rule is skipped), as the service does. */
export function conditionHolds(c: FieldCondition, answers: Answers): boolean {
  const got = valuesOf(answers.get(c.DependsOnFieldPath));
  const want = c.Values ?? [];
  switch (c.Operator) {
    case 'EQUALS':
      return got.length > 0 && want.length > 0 && got.every((g) => g === want[0]) && got.length === 1;
    case 'NOT_EQUALS':
      return !(got.length === 1 && want.length > 0 && got[0] === want[0]);
    case 'IN':
      return got.length > 0 && got.some((g) => want.includes(g));
    case 'NOT_IN':
      return !got.some((g) => want.includes(g));
    case 'HAS_VALUE':
      return got.length > 0;
    case 'NO_VALUE':
      return got.length === 0;
    default:
      return false;
  }
}

function asBehavior(s: string | undefined): Behavior {
  return s === 'REQUIRED' || s === 'DISALLOWED' ? s : 'OPTIONAL';
}

/** What a field is right now, given the answers: its behaviour and the validation that applies. */
export interface ResolvedField {
  behavior: Behavior;
  text?: TextValidation;
  select?: SelectValidation;
  /** Set when a CONDITIONAL field has no rules, so eum treats it as optional. */
  note?: string;
}

/**
 * Resolves a field against the answers: REQUIRED and OPTIONAL fields are what they say; a
 * CONDITIONAL field takes the behaviour of its first rule whose conditions all hold, else the
 * default. A matching rule's ConditionalValidation overrides the field's validation.
 */
export function resolveField(f: FieldDefinition, answers: Answers): ResolvedField {
  const base: ResolvedField = { behavior: 'OPTIONAL', text: f.TextValidation, select: f.SelectValidation };
  if (f.FieldRequirement === 'REQUIRED') return { ...base, behavior: 'REQUIRED' };
  if (f.FieldRequirement !== 'CONDITIONAL') return base;
  const cb = f.ConditionalBehavior;
  if (!cb) return { ...base, note: 'conditional, but the form gives no rule: treated as optional' };
  for (const rule of cb.Rules ?? []) {
    if ((rule.Conditions ?? []).length > 0 && rule.Conditions.every((c) => conditionHolds(c, answers))) {
      const cv = rule.ConditionalValidation;
      const out: ResolvedField = { ...base, behavior: asBehavior(rule.RuleBehavior) };
      if (cv) {
        if (cv.MinLength !== undefined || cv.MaxLength !== undefined || cv.Pattern !== undefined) {
          out.text = { ...f.TextValidation, ...pick(cv, ['MinLength', 'MaxLength', 'Pattern']) };
        }
        if (cv.AllowedValues) out.select = { ...f.SelectValidation, Options: cv.AllowedValues };
      }
      return out;
    }
  }
  return { ...base, behavior: asBehavior(cb.DefaultBehavior) };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The field paths a field's rules depend on. */
export function dependenciesOf(f: FieldDefinition): string[] {
  return [...new Set((f.ConditionalBehavior?.Rules ?? []).flatMap((r) => (r.Conditions ?? []).map((c) => c.DependsOnFieldPath)))];
}

const BEHAVIOR_WORDS: Record<Behavior, string> = { REQUIRED: 'required', OPTIONAL: 'optional', DISALLOWED: 'not allowed' };

/** A condition in words: "business type is SOLE_PROPRIETOR". */
export function conditionInWords(c: FieldCondition, titleOf: (path: string) => string): string {
  const name = titleOf(c.DependsOnFieldPath).toLowerCase();
  const vals = (c.Values ?? []).join(' or ');
  switch (c.Operator) {
    case 'EQUALS':
      return `${name} is ${vals}`;
    case 'NOT_EQUALS':
      return `${name} is not ${vals}`;
    case 'IN':
      return `${name} is ${vals}`;
    case 'NOT_IN':
      return `${name} is not ${vals}`;
    case 'HAS_VALUE':
      return `${name} is given`;
    case 'NO_VALUE':
      return `${name} is empty`;
    default:
      return `${name} ${c.Operator} ${vals} (unknown operator: ignored)`.replace(/\s+/g, ' ').trim();
  }
}

/**
 * The requirement in words: "required", "optional", "required unless business type is
 * SOLE_PROPRIETOR (then not allowed)", "required when legal form is PUBLIC_PROFIT, otherwise optional".
 */
export function requirementInWords(f: FieldDefinition, titleOf: (path: string) => string): string {
  if (f.FieldRequirement === 'REQUIRED') return 'required';
  if (f.FieldRequirement !== 'CONDITIONAL') return 'optional';
  const cb = f.ConditionalBehavior;
  if (!cb) return 'conditional (the form gives no rule; treated as optional)';
  const def = asBehavior(cb.DefaultBehavior);
  // A rule with an unknown operator never holds: it is left out here (ignoredRulesInWords says so).
  const rules = (cb.Rules ?? []).filter(ruleCanHold);
  if (rules.length === 0) return BEHAVIOR_WORDS[def];
  const ruleText = (r: ConditionalRule) => r.Conditions.map((c) => conditionInWords(c, titleOf)).join(' and ');
  const same = rules.every((r) => asBehavior(r.RuleBehavior) === asBehavior(rules[0].RuleBehavior));
  const ruleBehavior = asBehavior(rules[0].RuleBehavior);
  if (same && def === 'REQUIRED' && ruleBehavior !== 'REQUIRED') {
    return `required unless ${rules.map(ruleText).join(', or ')}${ruleBehavior === 'DISALLOWED' ? ' (then not allowed)' : ' (then optional)'}`;
  }
  if (same) return `${BEHAVIOR_WORDS[ruleBehavior]} when ${rules.map(ruleText).join(', or ')}, otherwise ${BEHAVIOR_WORDS[def]}`;
  return `${rules.map((r) => `${BEHAVIOR_WORDS[asBehavior(r.RuleBehavior)]} when ${ruleText(r)}`).join('; ')}; otherwise ${BEHAVIOR_WORDS[def]}`;
}

function textValidationWords(v: TextValidation): string[] {
  const { MinLength: min, MaxLength: max, Pattern: pattern } = v;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(min === max ? `exactly ${min} characters` : `${min} to ${max} characters`);
  else if (max !== undefined) parts.push(`at most ${max} characters`);
  else if (min !== undefined) parts.push(`at least ${min} characters`);
  if (pattern && pattern !== '^(?=\\s*\\S)[\\s\\S]+$') parts.push(`matching ${pattern}`);
  return parts;
}

/**
 * The validation a rule's ConditionalValidation puts in place of the field's own, in words:
 * "when tax id authority is EIN: exactly 9 characters, matching ^\\d{9}$". Rules with an unknown
 * operator are left out (they never hold).
 */
export function conditionalValidationInWords(f: FieldDefinition, titleOf: (path: string) => string): string[] {
  const out: string[] = [];
  for (const r of f.ConditionalBehavior?.Rules ?? []) {
    const cv = r.ConditionalValidation;
    if (!cv || !ruleCanHold(r)) continue;
    const parts: string[] = [];
    if (cv.MinLength !== undefined || cv.MaxLength !== undefined || cv.Pattern !== undefined)
      parts.push(...textValidationWords({ ...f.TextValidation, ...pick(cv, ['MinLength', 'MaxLength', 'Pattern']) }));
    if (cv.AllowedValues) parts.push(`one of ${cv.AllowedValues.join(', ')}`);
    if (parts.length) out.push(`when ${r.Conditions.map((c) => conditionInWords(c, titleOf)).join(' and ')}: ${parts.join(', ')}`);
  }
  return out;
}

/** The validation rules in words: "1 to 100 characters, matching ^...$", "choose 1 to 5". */
export function validationInWords(f: FieldDefinition): string | undefined {
  if (f.FieldType === 'TEXT' && f.TextValidation) {
    const parts = textValidationWords(f.TextValidation);
    if (f.DisplayHints?.TextValidationDescription) parts.push(f.DisplayHints.TextValidationDescription);
    return parts.join(', ') || undefined;
  }
  if (f.FieldType === 'SELECT') {
    const { min, max } = choiceBounds(f.SelectValidation);
    return max > 1 ? `choose ${min === max ? min : `${min} to ${max}`}` : 'choose one';
  }
  if (f.FieldType === 'ATTACHMENT') return 'a PDF, JPEG or PNG file of at most 500 KB';
  return undefined;
}

/** Min/max choices, defaulting to exactly one. */
export function choiceBounds(v: SelectValidation | undefined): { min: number; max: number } {
  const min = v?.MinChoices ?? 1;
  const max = Math.max(v?.MaxChoices ?? 1, min);
  return { min, max };
}

/** The documentation a definition points to, when it gives a link. */
export function documentationOf(hints: DisplayHints | undefined): { title?: string; link: string } | undefined {
  if (!hints?.DocumentationLink) return undefined;
  return hints.DocumentationTitle ? { title: hints.DocumentationTitle, link: hints.DocumentationLink } : { link: hints.DocumentationLink };
}

export function optionDescription(f: FieldDefinition, option: string): string | undefined {
  const d = f.DisplayHints?.SelectOptionDescriptions?.find((o) => o.Option === option);
  if (!d) return undefined;
  return [d.Title, d.Description].filter(Boolean).join(': ') || undefined;
}
