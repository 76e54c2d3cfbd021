/**
 * Answers checked against the field definitions: type, requirement (conditional rules resolved
 * against the other answers), lengths, patterns, choices. Every problem is returned at once.
 */
import {
  choiceBounds,
  fieldTitle,
  hasValue,
  resolveField,
  type Answers,
  type AnswerValue,
  type FieldDefinition,
  type RegistrationForm,
} from './definitions.js';

export interface Finding {
  fieldPath: string;
  /** The rule id: `definition.*` for the form's own rules, the compliance rule id otherwise. */
  rule: string;
  message: string;
  /** What to do about it. */
  fix?: string;
}

/** Compiles a pattern from the definitions; an unusable pattern checks nothing. */
function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

/** Checks one value against a field, as it resolves given the answers. Returns every problem. */
export function checkValue(f: FieldDefinition, value: AnswerValue, answers: Answers): Finding[] {
  const out: Finding[] = [];
  const at = (rule: string, message: string, fix?: string) => out.push({ fieldPath: f.FieldPath, rule, message, fix });
  const resolved = resolveField(f, answers);
  if (resolved.behavior === 'DISALLOWED' && hasValue(value)) {
    at('definition.disallowed', 'this field is not allowed with the other answers given', 'remove it, or change the answer it depends on');
    return out;
  }
  if (f.FieldType === 'TEXT') {
    if (value.choices || value.file || value.attachmentId) {
      at('definition.type', 'expects text');
      return out;
    }
    const text = value.text ?? '';
    const v = resolved.text;
    if (v?.MinLength !== undefined && text.length < v.MinLength) at('definition.min-length', `is ${text.length} characters; at least ${v.MinLength} needed`);
    if (v?.MaxLength !== undefined && text.length > v.MaxLength) at('definition.max-length', `is ${text.length} characters; at most ${v.MaxLength} allowed`);
    if (v?.Pattern) {
      const re = compile(v.Pattern);
      if (re && !re.test(text))
        at(
          'definition.pattern',
          `does not match the pattern ${v.Pattern}`,
          f.DisplayHints?.ExampleTextValue ? `for example: ${f.DisplayHints.ExampleTextValue}` : undefined,
        );
    }
  } else if (f.FieldType === 'SELECT') {
    if (value.text !== undefined || value.file || value.attachmentId) {
      at('definition.type', 'expects a choice from the list');
      return out;
    }
    const choices = value.choices ?? [];
    const options = resolved.select?.Options ?? [];
    const { min, max } = choiceBounds(resolved.select);
    const bad = choices.filter((c) => options.length > 0 && !options.includes(c));
    if (bad.length)
      at('definition.choice', `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an option`, `choose from: ${options.join(', ')}`);
    if (choices.length < min || choices.length > max)
      at('definition.choice-count', `${choices.length} chosen; ${min === max ? `exactly ${min}` : `${min} to ${max}`} needed`);
    if (new Set(choices).size !== choices.length) at('definition.choice', 'the same option is chosen twice');
  } else if (f.FieldType === 'ATTACHMENT') {
    if (value.text !== undefined || value.choices) {
      at('definition.type', 'expects a file (PDF, JPEG or PNG)');
    }
  }
  return out;
}

/**
 * Checks a whole set of answers against a form: unknown paths, wrong types, values that break
 * the rules, and (when `complete`) required fields without a value.
 */
export function checkAnswers(form: RegistrationForm, answers: Answers, options: { complete: boolean }): Finding[] {
  const out: Finding[] = [];
  const byPath = new Map(form.fields.map((f) => [f.FieldPath, f]));
  for (const path of answers.keys()) {
    if (!byPath.has(path))
      out.push({
        fieldPath: path,
        rule: 'definition.unknown-field',
        message: `is not a field of ${form.registrationType}`,
        fix: `see eum registration fields ${form.registrationType}`,
      });
  }
  for (const f of form.fields) {
    const v = answers.get(f.FieldPath);
    if (hasValue(v)) out.push(...checkValue(f, v!, answers));
    else if (options.complete && resolveField(f, answers).behavior === 'REQUIRED') {
      out.push({ fieldPath: f.FieldPath, rule: 'definition.required', message: `${fieldTitle(f)} is required`, fix: 'give a value in the answers file' });
    }
  }
  return out;
}
