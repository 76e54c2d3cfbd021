/**
 * The interactive walkthrough, driven only by the definitions: section by section, each field as
 * its type and current rules say (DISALLOWED skipped, REQUIRED asked, OPTIONAL offered). Every
 * accepted value is stored at once, so Ctrl-C loses nothing and `eum registration edit` resumes.
 * Then a review screen, the compliance check, and a choice to submit, change an answer, or quit.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../../cli/context.js';
import { InterruptedError } from '../../errors.js';
import {
  choiceBounds,
  conditionalValidationInWords,
  documentationOf,
  ignoredRulesInWords,
  fieldTitle,
  hasValue,
  optionDescription,
  orderedSections,
  requirementInWords,
  resolveField,
  sectionTitle,
  validationInWords,
  humanize,
  type Answers,
  type AnswerValue,
  type FieldDefinition,
  type RegistrationForm,
  type ResolvedField,
} from '../../core/registration/definitions.js';
import { checkValue } from '../../core/registration/validate.js';
import { checkCompliance } from '../../core/registration/compliance.js';
import { attachmentProblem } from '../../core/registration/attachments.js';
import { checkAll, deleteValue, storeAnswer, type WritePacing } from './shared.js';
import { listRegistrationFieldValues } from '../../aws/registrations.js';

const SKIP = '\u0000skip';

export interface WalkContext {
  ctx: Context;
  /** The run's write pacing (every write of the run shares it). */
  pacing: WritePacing;
  registrationId: string;
  form: RegistrationForm;
  /** The answers stored so far (kept in step with the API). */
  answers: Answers;
  /** Reviewer flags of a denied version, shown with the field. */
  flags?: Map<string, { deniedReason?: string; feedback?: string }>;
  /** Brand names from outside the form (a campaign's brand registration, --brand). */
  brands?: string[];
  /** The denied version's values: the review asks before submitting flagged fields unchanged. */
  denied?: { versionNumber: number; answers: Answers };
  /** Optional fields offered and skipped (in this run or an earlier one): not asked again. */
  skipped?: Set<string>;
  /** Called when an optional field is skipped (the local draft record keeps it). */
  onSkip?: (fieldPath: string) => Promise<void>;
}

/** Text fields this long or longer can be written in $EDITOR. */
const LONG_TEXT = 500;
const EDIT_KEYWORD = ':e';

/** Why a file cannot be attached, read with a bound (a device or FIFO is refused, not read). */
function attachmentFileProblem(file: string): string | undefined {
  let fd: number | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile()) return 'is not a regular file';
    if (st.size > 500 * 1024) return `is ${Math.ceil(st.size / 1024)} KB; at most 500 KB allowed`;
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(st.size, 500 * 1024 + 1));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return attachmentProblem(buf.subarray(0, n));
  } catch {
    return 'cannot be read';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function titleOf(form: RegistrationForm) {
  return (p: string) => {
    const f = form.fields.find((x) => x.FieldPath === p);
    return f ? fieldTitle(f) : humanize(p);
  };
}

function shortValue(v: AnswerValue | undefined): string {
  if (!v) return '';
  if (v.text !== undefined) return v.text.length > 70 ? `${v.text.slice(0, 67)}...` : v.text;
  if (v.choices) return v.choices.join(', ');
  if (v.file) return path.basename(v.file);
  if (v.attachmentId) return `(attachment ${v.attachmentId.slice(0, 20)}...)`;
  return '';
}

/** One field being asked: what the prompts of every field type share. */
interface FieldQuestion {
  w: WalkContext;
  f: FieldDefinition;
  resolved: ResolvedField;
  optional: boolean;
  /** The stored answer, offered as the default. */
  current: AnswerValue | undefined;
  /** The prompt's message: the field's title, marked when optional. */
  message: string;
}

/** Asks one field. Returns undefined when an optional field is skipped. */
async function askField(w: WalkContext, f: FieldDefinition, resolved: ResolvedField): Promise<AnswerValue | undefined> {
  const optional = resolved.behavior !== 'REQUIRED';
  const current = w.answers.get(f.FieldPath);
  w.ctx.stderr.write(`${describeField(w, f, resolved).join('\n')}\n`);
  const q: FieldQuestion = { w, f, resolved, optional, current, message: `${fieldTitle(f)}${optional ? ' (optional)' : ''}` };
  if (f.FieldType === 'SELECT') return askChoice(q);
  if (f.FieldType === 'ATTACHMENT') return askAttachment(q);
  return askText(q);
}

/** What is shown before a field's prompt: its title, descriptions, rules, example, and a reviewer's flags. */
function describeField(w: WalkContext, f: FieldDefinition, resolved: ResolvedField): string[] {
  const st = w.ctx.log.style;
  const lines = [`${st.bold(fieldTitle(f))} ${st.dim(`(${f.FieldPath}; ${requirementInWords(f, titleOf(w.form))})`)}`];
  if (f.DisplayHints?.ShortDescription && f.DisplayHints.ShortDescription !== fieldTitle(f)) lines.push(`  ${f.DisplayHints.ShortDescription}`);
  if (f.DisplayHints?.LongDescription) lines.push(`  ${f.DisplayHints.LongDescription}`);
  const doc = documentationOf(f.DisplayHints);
  if (doc) lines.push(st.dim(`  see: ${doc.title ? `${doc.title} ` : ''}${doc.link}`));
  const validation = validationInWords({ ...f, TextValidation: resolved.text, SelectValidation: resolved.select });
  if (validation) lines.push(st.dim(`  ${validation}`));
  for (const c of [...conditionalValidationInWords(f, titleOf(w.form)), ...ignoredRulesInWords(f)]) lines.push(st.dim(`  ${c}`));
  if (f.DisplayHints?.ExampleTextValue) lines.push(st.dim(`  example: ${f.DisplayHints.ExampleTextValue}`));
  const flag = w.flags?.get(f.FieldPath);
  if (flag?.deniedReason) lines.push(`  ${st.red('denied:')} ${flag.deniedReason}`);
  if (flag?.feedback) lines.push(`  ${st.yellow('reviewer:')} ${flag.feedback}`);
  return lines;
}

/** A SELECT field: a checkbox list when it takes more than one choice, else a list with (skip) when optional. */
async function askChoice({ w, f, resolved, optional, current, message }: FieldQuestion): Promise<AnswerValue | undefined> {
  const { prompter } = w.ctx;
  const options = resolved.select?.Options ?? [];
  const { min, max } = choiceBounds(resolved.select);
  const choices = options.map((o) => ({ value: o, name: o, description: optionDescription(f, o) }));
  if (max > 1) {
    const picked = await prompter.checkbox<string>({
      message: `${message}: choose ${min === max ? min : `${min} to ${max}`} (space to pick, enter to confirm)`,
      choices: choices.map((c) => ({ ...c, checked: current?.choices?.includes(c.value) ?? false })),
      validate: (vals) =>
        vals.length === 0 && optional ? true : vals.length < min || vals.length > max ? `choose ${min === max ? min : `${min} to ${max}`}` : true,
      flag: '--answers',
    });
    return picked.length ? { choices: picked } : undefined;
  }
  const picked = await prompter.select<string>({
    message,
    choices: optional ? [...choices, { value: SKIP, name: '(skip)', description: undefined }] : choices,
    default: current?.choices?.[0],
    flag: '--answers',
  });
  return picked === SKIP ? undefined : { choices: [picked] };
}

/** An ATTACHMENT field: the path of a file, checked before it is accepted; Enter keeps the stored one. */
async function askAttachment({ w, optional, current, message }: FieldQuestion): Promise<AnswerValue | undefined> {
  const { ctx } = w;
  const answer = await ctx.prompter.input({
    message: `${message}: path to a PDF, JPEG or PNG file${optional ? ' (Enter to skip)' : ''}`,
    validate: (raw) => {
      const p = raw.trim();
      if (p === '') return optional || current ? true : 'a file is required';
      const problem = attachmentFileProblem(path.resolve(ctx.cwd, p));
      return problem ? `${p} ${problem}` : true;
    },
    flag: '--attach',
  });
  if (answer.trim() === '') return current;
  return { file: path.resolve(ctx.cwd, answer.trim()) };
}

/** A text field, checked against its rules as it is typed; a long one can be written in $EDITOR. */
async function askText({ w, f, resolved, optional, current, message }: FieldQuestion): Promise<AnswerValue | undefined> {
  const { prompter } = w.ctx;
  const field = { ...f, TextValidation: resolved.text, SelectValidation: resolved.select };
  const check = (raw: string): true | string => {
    if (raw === '') return optional ? true : 'a value is required';
    const problems = checkValue(field, { text: raw }, w.answers);
    return problems.length ? problems.map((p) => p.message).join('; ') : true;
  };
  // Long text (descriptions, opt-in workflows) is easier to write in the user's editor.
  const long = (resolved.text?.MaxLength ?? 0) >= LONG_TEXT;
  const answer = await prompter.input({
    message: `${message}${optional ? ' (Enter to skip)' : ''}${long ? ` (${EDIT_KEYWORD} to write it in $EDITOR)` : ''}`,
    default: current?.text,
    validate: (raw) => (long && raw.trim() === EDIT_KEYWORD ? true : check(raw)),
    flag: '--answers',
  });
  if (long && answer.trim() === EDIT_KEYWORD) {
    const text = await prompter.editor({
      message: `${fieldTitle(f)}: write it in the editor, save and close`,
      default: current?.text,
      validate: check,
      flag: '--answers',
    });
    const trimmed = text.replace(/\s+$/, '');
    return trimmed === '' ? undefined : { text: trimmed };
  }
  return answer === '' ? undefined : { text: answer };
}

/** The compliance findings about one field, shown as soon as its answer is given. */
function warnNow(w: WalkContext, f: FieldDefinition): void {
  const findings = checkCompliance(w.form, w.answers, { brands: w.brands }).filter((x) => x.fieldPath === f.FieldPath);
  const st = w.ctx.log.style;
  for (const x of findings) w.ctx.stderr.write(`  ${st.yellow('warning')} [${x.rule}] ${x.message}\n          fix: ${x.fix ?? ''}\n`);
}

/** Stores a value (or removes a skipped one) and keeps the local answers in step. */
async function accept(w: WalkContext, f: FieldDefinition, value: AnswerValue | undefined): Promise<void> {
  if (value && hasValue(value)) {
    const stored = await storeAnswer(w.ctx, w.pacing, w.registrationId, f, value);
    w.answers.set(f.FieldPath, value.file ? { ...stored, file: value.file } : stored);
  } else if (w.answers.has(f.FieldPath)) {
    await deleteValue(w.ctx, w.pacing, w.registrationId, f.FieldPath);
    w.answers.delete(f.FieldPath);
  }
}

/** Removes the values the rules now disallow (an answer they depend on changed). */
async function reconcile(w: WalkContext): Promise<void> {
  for (const f of w.form.fields) {
    const r = resolveField(f, w.answers);
    if (r.behavior === 'DISALLOWED' && w.answers.has(f.FieldPath)) {
      await deleteValue(w.ctx, w.pacing, w.registrationId, f.FieldPath);
      w.answers.delete(f.FieldPath);
      w.ctx.log.info(`removed ${fieldTitle(f)}: not allowed with the answers given`);
    }
  }
}

/**
 * Walks the form. `only` limits the walk to these field paths (plus required fields that have no
 * value); without it every unanswered field is visited.
 */
export async function walkForm(w: WalkContext, opts: { only?: Set<string>; resume?: boolean } = {}): Promise<void> {
  const { ctx } = w;
  // Resuming: optional fields before the last answer were offered already (and skipped).
  const resumeAt = opts.resume ? Math.max(-1, ...w.form.fields.map((f, i) => (w.answers.has(f.FieldPath) ? i : -1))) : -1;
  for (const { section, fields } of orderedSections(w.form)) {
    let headed = false;
    for (const f of fields) {
      const r = resolveField(f, w.answers);
      if (r.behavior === 'DISALLOWED') {
        if (w.answers.has(f.FieldPath)) await accept(w, f, undefined);
        continue;
      }
      const answered = w.answers.has(f.FieldPath);
      const skippedBefore = r.behavior !== 'REQUIRED' && (w.form.fields.indexOf(f) < resumeAt || (w.skipped?.has(f.FieldPath) ?? false));
      const wanted = opts.only ? opts.only.has(f.FieldPath) || (r.behavior === 'REQUIRED' && !answered) : !answered && !skippedBefore;
      if (!wanted) continue;
      if (!headed) {
        ctx.stderr.write(`\n${ctx.log.style.bold.underline(sectionTitle(section))}\n`);
        headed = true;
      }
      if (r.note) ctx.log.info(ctx.log.style.dim(`note: ${f.FieldPath} is ${r.note}`));
      const value = await askField(w, f, r);
      if (value === undefined && !answered) {
        w.skipped?.add(f.FieldPath);
        await w.onSkip?.(f.FieldPath);
        continue;
      }
      await accept(w, f, value);
      warnNow(w, f);
      await reconcile(w);
    }
  }
}

/** The review screen: values by section as the API holds them. */
async function showReview(w: WalkContext): Promise<void> {
  const { ctx } = w;
  const stored = new Map<string, AnswerValue>();
  const { values } = await listRegistrationFieldValues(await ctx.sms(), w.registrationId);
  for (const v of values) stored.set(v.fieldPath, { text: v.text, choices: v.choices, attachmentId: v.attachmentId });
  const st = ctx.log.style;
  const out: string[] = ['', st.bold(`Review: ${w.registrationId}`)];
  for (const { section, fields } of orderedSections(w.form)) {
    const rows = fields.filter((f) => stored.has(f.FieldPath) || resolveField(f, w.answers).behavior === 'REQUIRED');
    if (!rows.length) continue;
    out.push(st.underline(sectionTitle(section)));
    for (const f of rows) {
      const v = stored.get(f.FieldPath);
      // An attachment shows the file it came from when this session uploaded it.
      const local = w.answers.get(f.FieldPath);
      const shown = v?.attachmentId && local?.file && local.attachmentId === v.attachmentId ? { file: local.file } : v;
      out.push(`  ${fieldTitle(f).padEnd(32)} ${shown ? shortValue(shown) : st.red('(missing)')}`);
    }
  }
  ctx.stderr.write(`${out.join('\n')}\n`);
}

export type ReviewOutcome = 'submit' | 'quit';

/** Review, compliance check, and the choice to submit, change an answer, or save and quit. */
export async function reviewLoop(w: WalkContext, opts: { strict: boolean }): Promise<{ outcome: ReviewOutcome; warnings: string[] }> {
  const { ctx } = w;
  for (;;) {
    await showReview(w);
    const { errors, warnings } = await checkAll(ctx, w.form, w.answers, { complete: true, strict: opts.strict, brands: w.brands });
    const st = ctx.log.style;
    if (errors.length || warnings.length) ctx.stderr.write(`\n${st.bold('Compliance check')}\n`);
    for (const e of errors) ctx.stderr.write(`  ${st.red('error')}   ${e.fieldPath} [${e.rule}] ${e.message}\n          fix: ${e.fix ?? ''}\n`);
    for (const x of warnings) ctx.stderr.write(`  ${st.yellow('warning')} ${x.fieldPath} [${x.rule}] ${x.message}\n          fix: ${x.fix ?? ''}\n`);
    const choices = [
      ...(errors.length ? [] : [{ value: 'submit', name: 'Submit for review now' }]),
      { value: 'change', name: 'Change an answer' },
      { value: 'quit', name: 'Save the draft and quit' },
    ];
    // While warnings stand, Enter does not submit: the default is to change an answer.
    const choice = await ctx.prompter.select<string>({
      message: errors.length
        ? 'Fix the errors before submitting'
        : warnings.length
          ? `Submit with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}?`
          : 'Submit this registration?',
      choices: warnings.length && !errors.length ? [choices[1], choices[0], choices[2]] : choices,
      default: errors.length || warnings.length ? 'change' : 'submit',
      flag: '--submit',
    });
    if (choice === 'submit') {
      const { checkFlaggedChanged } = await import('./flow.js');
      if (w.denied)
        await checkFlaggedChanged(
          ctx,
          { registrationId: w.registrationId, latestDeniedVersionNumber: w.denied.versionNumber, currentVersionNumber: w.denied.versionNumber + 1 },
          w.answers,
        );
      return { outcome: 'submit', warnings: warnings.map((x) => `${x.fieldPath}: ${x.message}`) };
    }
    if (choice === 'quit') return { outcome: 'quit', warnings: warnings.map((x) => `${x.fieldPath}: ${x.message}`) };
    const editable = w.form.fields.filter((f) => resolveField(f, w.answers).behavior !== 'DISALLOWED');
    const path = await ctx.prompter.select<string>({
      message: 'Which answer?',
      choices: editable.map((f) => ({ value: f.FieldPath, name: `${fieldTitle(f)}: ${shortValue(w.answers.get(f.FieldPath)) || '(empty)'}` })),
    });
    const f = w.form.fields.find((x) => x.FieldPath === path)!;
    const value = await askField(w, f, resolveField(f, w.answers));
    await accept(w, f, value);
    await reconcile(w);
    // Fields the change made required (a dependency changed) are asked now.
    await walkForm(w, { only: new Set() });
  }
}

/** Runs a prompt-driven step; Ctrl-C says how to resume (the values are already stored). */
export async function resumable<T>(w: Pick<WalkContext, 'ctx' | 'registrationId'>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || err instanceof InterruptedError) {
      w.ctx.stderr.write(`\nprogress saved. continue with: eum registration edit ${w.registrationId}\n`);
      throw new InterruptedError();
    }
    throw err;
  }
}
