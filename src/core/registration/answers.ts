/**
 * Answers files: YAML keyed by field path (`companyInfo.companyName: Example Corp`), nested maps
 * accepted too. Text fields take a string, select fields a string or a list, attachments a file
 * path (relative to the answers file). Empty values mean "not answered".
 */
import {
  choiceBounds,
  conditionalValidationInWords,
  documentationOf,
  fieldTitle,
  ignoredRulesInWords,
  optionDescription,
  orderedSections,
  requirementInWords,
  sectionTitle,
  typeTitle,
  validationInWords,
  type AnswerValue,
  type Answers,
  type RegistrationForm,
} from './definitions.js';
import type { Finding } from './validate.js';

/** Flattens nested maps into dotted paths: {companyInfo: {companyName: x}} -> companyInfo.companyName. */
function flatten(obj: Record<string, unknown>, prefix: string, out: Map<string, unknown>): void {
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !('file' in (v as object))) flatten(v as Record<string, unknown>, path, out);
    else out.set(path, v);
  }
}

/**
 * Turns a parsed answers document into answers, using the form to know each field's type.
 * Returns the answers and every problem found in the document's shape.
 */
export function answersFromDocument(doc: unknown, form: RegistrationForm): { answers: Answers; problems: Finding[] } {
  const answers: Answers = new Map();
  const problems: Finding[] = [];
  if (doc === null || doc === undefined) return { answers, problems };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push({
      fieldPath: '(file)',
      rule: 'answers.format',
      message: 'an answers file is a YAML map of field path to value',
      fix: `start from eum registration fields ${form.registrationType} --template FILE`,
    });
    return { answers, problems };
  }
  const flat = new Map<string, unknown>();
  flatten(doc as Record<string, unknown>, '', flat);
  const byPath = new Map(form.fields.map((f) => [f.FieldPath, f]));
  for (const [path, raw] of flat) {
    if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
    const f = byPath.get(path);
    if (!f) {
      answers.set(path, { text: String(raw) });
      continue;
    }
    const v = toAnswer(raw, f.FieldType);
    if (typeof v === 'string') problems.push({ fieldPath: path, rule: 'answers.format', message: v });
    else answers.set(path, v);
  }
  return { answers, problems };
}

/** One raw YAML value as an answer of the field's type, or a problem message. */
export function toAnswer(raw: unknown, fieldType: string): AnswerValue | string {
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  if (fieldType === 'SELECT') {
    if (Array.isArray(raw)) {
      if (!raw.every(scalar)) return 'expects a choice or a list of choices';
      return { choices: raw.map(String) };
    }
    if (scalar(raw)) return { choices: [String(raw)] };
    return 'expects a choice or a list of choices';
  }
  if (fieldType === 'ATTACHMENT') {
    if (typeof raw === 'string') return /^(attachment-[0-9a-f]{32}|arn:aws[\w-]*:sms-voice:.*)$/.test(raw) ? { attachmentId: raw } : { file: raw };
    if (raw && typeof raw === 'object' && typeof (raw as { file?: unknown }).file === 'string') return { file: (raw as { file: string }).file };
    return 'expects a file path (PDF, JPEG or PNG)';
  }
  if (scalar(raw)) return { text: String(raw) };
  return 'expects text';
}

/** Parses `--attach FIELD=PATH` values; returns problems for malformed ones. */
export function parseAttachFlags(values: string[]): { attach: Map<string, string>; problems: Array<{ field: string; message: string }> } {
  const attach = new Map<string, string>();
  const problems: Array<{ field: string; message: string }> = [];
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0 || i === v.length - 1)
      problems.push({ field: '--attach', message: `expects FIELD=PATH (e.g. messagingUseCase.optInImage=optin.png), got "${v}"` });
    else attach.set(v.slice(0, i), v.slice(i + 1));
  }
  return { attach, problems };
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => `${indent}# ${l}`.trimEnd())
    .join('\n');
}

/**
 * An answers-file template: every field keyed by path, with its help as comments. Values are
 * empty (or the answer already known), so the file lints until it is filled in.
 */
export function renderTemplate(form: RegistrationForm, known: Answers = new Map()): string {
  const titleOf = (p: string) =>
    fieldTitle(form.fields.find((f) => f.FieldPath === p) ?? { FieldPath: p, SectionPath: '', FieldType: 'TEXT', FieldRequirement: 'OPTIONAL' });
  const lines: string[] = [];
  lines.push(comment(`${typeTitle(form)} (${form.registrationType})`));
  const more = (hints: Parameters<typeof documentationOf>[0], indent = '') => {
    if (hints?.LongDescription) lines.push(comment(hints.LongDescription, indent));
    const doc = documentationOf(hints);
    if (doc) lines.push(comment(`see: ${doc.title ? `${doc.title} ` : ''}${doc.link}`, indent));
  };
  more(form.typeDefinition?.DisplayHints);
  lines.push(comment('Answers keyed by field path. Leave a value empty to skip it.'));
  lines.push(comment(`Check: eum registration lint ${form.registrationType} --answers FILE`));
  lines.push(comment(`Create: eum registration create ${form.registrationType} --answers FILE --submit`));
  for (const { section, fields } of orderedSections(form)) {
    if (fields.length === 0) continue;
    lines.push('');
    lines.push(comment(`== ${sectionTitle(section)} ==`));
    if (section.DisplayHints?.ShortDescription && section.DisplayHints.ShortDescription !== sectionTitle(section))
      lines.push(comment(section.DisplayHints.ShortDescription));
    more(section.DisplayHints);
    for (const f of fields) {
      lines.push('');
      lines.push(comment(`${fieldTitle(f)} (${f.FieldType.toLowerCase()}, ${requirementInWords(f, titleOf)})`));
      if (f.DisplayHints?.ShortDescription && f.DisplayHints.ShortDescription !== fieldTitle(f)) lines.push(comment(f.DisplayHints.ShortDescription));
      const validation = validationInWords(f);
      more(f.DisplayHints);
      if (validation && !(f.FieldType === 'SELECT' && choiceBounds(f.SelectValidation).max === 1)) lines.push(comment(validation));
      for (const c of conditionalValidationInWords(f, titleOf)) lines.push(comment(c));
      for (const r of ignoredRulesInWords(f)) lines.push(comment(r));
      if (f.FieldType === 'SELECT') {
        const { max } = choiceBounds(f.SelectValidation);
        lines.push(comment(max > 1 ? 'choices (a list):' : 'one of:'));
        for (const o of f.SelectValidation?.Options ?? []) {
          const d = optionDescription(f, o);
          lines.push(comment(`  ${o}${d ? ` - ${d}` : ''}`));
        }
      }
      if (f.DisplayHints?.ExampleTextValue) lines.push(comment(`example: ${f.DisplayHints.ExampleTextValue}`));
      if (f.FieldType === 'ATTACHMENT') lines.push(comment('a file path, relative to this file'));
      const v = known.get(f.FieldPath);
      let value = '';
      if (v?.text !== undefined) value = ` ${yamlString(v.text)}`;
      else if (v?.choices)
        value = choiceBounds(f.SelectValidation).max > 1 ? ` [${v.choices.map(yamlString).join(', ')}]` : ` ${yamlString(v.choices[0] ?? '')}`;
      else if (v?.file) value = ` ${yamlString(v.file)}`;
      else if (v?.attachmentId) value = ` ${yamlString(v.attachmentId)}`;
      lines.push(`${f.FieldPath}:${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
