/**
 * `eum registration update <ID>`: answer a denial. Opens a new version, copies every value of the
 * denied version into it (the service's new version starts empty, and submitting it unchanged is
 * denied at once), re-reads the definitions, then walks the flagged fields and the newly required
 * ones, checks, and submits. Non-interactive: new values from --answers, submitted with --submit.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, UsageError } from '../../errors.js';
import type { RegistrationWriteData } from '../../runtime/registration/flow.js';
import { parseIdAndFlags, writeFlags } from './flags.js';

export interface RegistrationUpdateOptions {
  id: string;
  answers?: string;
  submit: boolean;
  strict: boolean;
  /** Registration writes per second (--rate); the API's default quota (1) without it. */
  rate?: number;
  brand?: string;
}

export interface RegistrationUpdateData extends RegistrationWriteData {
  /** Values copied from the denied version. */
  copied: number;
  /** Fields the reviewer flagged. */
  flagged: string[];
}

export function parseRegistrationUpdateOptions(args: unknown[], opts: Record<string, unknown>): RegistrationUpdateOptions {
  return parseIdAndFlags(args, opts, writeFlags);
}

type AnswerValue = import('../../core/registration/definitions.js').AnswerValue;
type Answers = Map<string, AnswerValue>;

export async function runRegistrationUpdate(ctx: Context, options: RegistrationUpdateOptions): Promise<CommandResult<RegistrationUpdateData>> {
  const shared = await import('../../runtime/registration/shared.js');
  const { createRegistrationVersion } = await import('../../aws/registrations.js');
  const flow = await import('../../runtime/registration/flow.js');
  const pacing = shared.writePacing(options.rate);
  const interactive = ctx.canPrompt;
  const { reg, denied } = await deniedRegistration(ctx, options.id);
  // Forms change (fields become required): always the definitions of today.
  const form = await shared.fetchForm(ctx, reg.registrationType);
  const previous = await shared.fetchValues(ctx, reg.registrationId, denied);
  const draftExists = reg.currentVersionNumber > denied;
  const draft: Answers = draftExists ? (await shared.fetchValues(ctx, reg.registrationId, reg.currentVersionNumber)).answers : new Map();
  const given = options.answers ? await shared.readAnswersFile(ctx, options.answers, form) : { answers: new Map() as Answers, problems: [] };
  const { toCopy, merged } = await newVersionAnswers(form, previous.answers, draft, given.answers);
  const brands = await shared.brandsFor(ctx, options.brand, reg.registrationId);
  const { errors, warnings, notRun } = await shared.checkAll(ctx, form, merged, {
    complete: !interactive && options.submit,
    strict: options.strict,
    parseProblems: given.problems,
    brands,
  });
  const notChecked = notRun.map((r) => r.rule);
  if (errors.length) throw new InputError(shared.findingsToProblems(errors));

  if (!draftExists) {
    const v = await createRegistrationVersion(await ctx.sms(), reg.registrationId);
    ctx.log.info(`opened version ${v.versionNumber} of ${reg.registrationId}`);
  }
  const stored = new Map(draft);
  const copied = await flow.storeAll(ctx, pacing, reg.registrationId, form, toCopy, stored);
  if (copied) ctx.log.info(`copied ${copied} value(s) from version ${denied}`);
  await flow.storeAll(ctx, pacing, reg.registrationId, form, given.answers, stored);
  const flagged = [...previous.flags.keys()];
  const result = (r: Pick<RegistrationWriteData, 'versionNumber' | 'status' | 'submitted' | 'warnings'>) => {
    const data: RegistrationUpdateData = {
      registrationId: reg.registrationId,
      registrationType: reg.registrationType,
      ...r,
      missingFields: shared.missingRequired(form, stored),
      notChecked,
      copied,
      flagged,
    };
    return { ...flow.writeResult(data), data };
  };

  if (interactive) {
    const done = await flow.interactiveFinish(
      {
        ctx,
        pacing,
        registrationId: reg.registrationId,
        form,
        answers: stored,
        flags: previous.flags,
        brands,
        denied: { versionNumber: denied, answers: previous.answers },
      },
      { strict: options.strict, only: new Set(flagged) },
    );
    const state = await flow.currentState(ctx, reg.registrationId);
    return result({ ...state, submitted: done.submitted, warnings: done.warnings });
  }
  const { hasValue } = await import('../../core/registration/definitions.js');
  const warningText = warnings.map((w) => `${w.fieldPath}: ${w.message} [${w.rule}]`);
  for (const p of flagged.filter((p) => !given.answers.has(p)))
    if (hasValue(stored.get(p)))
      warningText.push(`${p}: flagged by the reviewer (${previous.flags.get(p)?.deniedReason ?? 'see eum registration show'}) and unchanged`);
  if (options.submit)
    await flow.checkFlaggedChanged(ctx, { registrationId: reg.registrationId, latestDeniedVersionNumber: denied, currentVersionNumber: denied + 1 }, stored);
  const state = options.submit ? await flow.submit(ctx, reg.registrationId) : await flow.currentState(ctx, reg.registrationId);
  return result({ ...state, submitted: options.submit, warnings: warningText });
}

/** The registration and its denied version; a usage error unless it awaits an answer to a denial. */
async function deniedRegistration(ctx: Context, id: string) {
  const { describeRegistration } = await import('../../runtime/registration/shared.js');
  const reg = await describeRegistration(ctx, id);
  const denied = reg.latestDeniedVersionNumber;
  if (reg.status !== 'REQUIRES_UPDATES' || denied === undefined) {
    throw new UsageError(
      `${reg.registrationId} is ${reg.status}; update answers a denied registration (REQUIRES_UPDATES)`,
      reg.status === 'CREATED' ? `continue the draft: eum registration edit ${reg.registrationId}` : `see it: eum registration show ${reg.registrationId}`,
    );
  }
  return { reg, denied };
}

/**
 * The new version's answers: the denied version's values, then the draft's, then the given ones
 * (`merged`, without fields the form now disallows); `toCopy` the denied version's values neither
 * the draft nor the given answers replace (and the form still has).
 */
async function newVersionAnswers(
  form: import('../../core/registration/definitions.js').RegistrationForm,
  previous: Answers,
  draft: Answers,
  given: Answers,
): Promise<{ toCopy: Answers; merged: Answers }> {
  const { resolveField } = await import('../../core/registration/definitions.js');
  const toCopy = new Map([...previous].filter(([p]) => !draft.has(p) && !given.has(p) && form.fields.some((f) => f.FieldPath === p)));
  const merged = new Map([...previous, ...draft, ...given]);
  for (const f of form.fields) if (resolveField(f, merged).behavior === 'DISALLOWED') merged.delete(f.FieldPath);
  return { toCopy, merged };
}

export function registerRegistrationUpdate(parent: Command, app: App): void {
  const cmd = parent
    .command('update <id>')
    .description('answer a denial: new version with every value copied, walk the flagged fields, check, submit')
    .option('--answers <file>', 'new values (YAML keyed by field path; any field may be given)')
    .option('--submit', 'submit the new version (non-interactive)')
    .option('--strict', 'compliance findings are errors, not warnings')
    .option('--rate <n>', 'field writes per second (default 1, the API quota); throttled writes are retried either way')
    .option('--brand <name>', 'the brand name the compliance rules look for (default: from the associated brand registration)')
    .action(app.action((ctx, { args, opts }) => runRegistrationUpdate(ctx, parseRegistrationUpdateOptions(args, opts))));
  app.examples(cmd, [
    ['walk the fields the reviewer flagged', 'eum registration update registration-0123456789abcdef0123456789abcdef'],
    ['from a file of fixes, in CI', 'eum registration update registration-0123... --answers fixes.yaml --submit --no-input'],
  ]);
}
