/** `eum registration edit <ID>`: continue a draft where it stopped (walkthrough), or fill it from a file. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, UsageError } from '../../errors.js';
import { parseIdAndFlags, writeFlags } from './flags.js';
import type { RegistrationWriteData } from '../../runtime/registration/flow.js';

export interface RegistrationEditOptions {
  id: string;
  answers?: string;
  submit: boolean;
  strict: boolean;
  /** Registration writes per second (--rate); the API's default quota (1) without it. */
  rate?: number;
  brand?: string;
}

export function parseRegistrationEditOptions(args: unknown[], opts: Record<string, unknown>): RegistrationEditOptions {
  return parseIdAndFlags(args, opts, writeFlags);
}

export async function runRegistrationEdit(ctx: Context, options: RegistrationEditOptions): Promise<CommandResult<RegistrationWriteData>> {
  const shared = await import('../../runtime/registration/shared.js');
  const { fetchForm, readAnswersFile, checkAll, findingsToProblems, describeRegistration, fetchValues, writePacing } = shared;
  const { changedAnswers } = await import('../../core/registration/changes.js');
  const { checkAnswers } = await import('../../core/registration/validate.js');
  const { openDraftStore } = await import('../../store/registration-drafts.js');
  const api = await import('../../aws/registrations.js');
  const flow = await import('../../runtime/registration/flow.js');
  const pacing = writePacing(options.rate);
  if (!ctx.canPrompt && !options.answers && !options.submit)
    throw new UsageError('nothing to do: eum cannot ask questions here', 'pass --answers FILE and/or --submit, or run in a terminal');
  const reg = await describeRegistration(ctx, options.id);
  if (reg.status === 'REQUIRES_UPDATES' && reg.latestDeniedVersionNumber === reg.currentVersionNumber) {
    throw new UsageError(`${reg.registrationId} was denied and needs a new version`, `use: eum registration update ${reg.registrationId}`);
  }
  if (['SUBMITTED', 'REVIEWING', 'AWS_REVIEWING'].includes(reg.status))
    throw new UsageError(
      `${reg.registrationId} is ${reg.status}: under review, it cannot be edited`,
      `follow it: eum registration watch ${reg.registrationId}`,
    );
  const form = await fetchForm(ctx, reg.registrationType);
  const { answers: stored } = await fetchValues(ctx, reg.registrationId);
  const given = options.answers ? await readAnswersFile(ctx, options.answers, form) : { answers: new Map(), problems: [] };
  const merged = new Map([...stored, ...given.answers]);
  const interactive = ctx.canPrompt;
  const brands = options.brand
    ? [options.brand]
    : await shared.brandsOfRegistrations(
        ctx,
        (await api.listRegistrationAssociations(await ctx.sms(), reg.registrationId)).map((a) => a.resourceId),
      );
  const { errors, warnings, notRun } = await checkAll(ctx, form, merged, {
    complete: !interactive && options.submit,
    strict: options.strict,
    parseProblems: given.problems,
    brands,
  });
  if (errors.length) throw new InputError(findingsToProblems(errors));
  // Only what changed is written: the same values (and the same files, by content) are left alone.
  const drafts = openDraftStore(ctx.stateDir, shared.cacheTarget(ctx), () => ctx.clock.now());
  const record = await drafts.get(reg.registrationId);
  const uploads = record?.uploads ?? {};
  // Attachments this machine uploaded show their file names (in the review, in `which answer`).
  for (const [fieldPath, v] of stored)
    if (v.attachmentId && uploads[fieldPath]?.attachmentId === v.attachmentId && uploads[fieldPath].file) v.file = uploads[fieldPath].file;
  const toStore = changedAnswers(stored, given.answers, (fieldPath, file, attachmentId) => shared.fileMatchesUpload(uploads[fieldPath], file, attachmentId));
  const same = given.answers.size - toStore.size;
  if (options.answers && same > 0) ctx.log.info(`${same} answer${same === 1 ? '' : 's'} unchanged, not written again`);
  const onStored = async (fieldPath: string, v: import('../../core/registration/definitions.js').AnswerValue) => {
    if (v.attachmentId && v.sha256)
      await drafts.update(reg.registrationId, reg.registrationType, {
        uploads: { [fieldPath]: { sha256: v.sha256, attachmentId: v.attachmentId, file: v.file } },
      });
  };
  await flow.storeAll(ctx, pacing, reg.registrationId, form, toStore, stored, onStored);
  const missingOf = () =>
    checkAnswers(form, stored, { complete: true })
      .filter((f) => f.rule === 'definition.required')
      .map((f) => f.fieldPath);
  const notChecked = notRun.map((r) => r.rule);
  if (interactive) {
    const skipped = new Set(record?.skipped ?? []);
    const onSkip = async (fieldPath: string) => {
      await drafts.update(reg.registrationId, reg.registrationType, { skipped: [...skipped] });
      ctx.log.debug(`skipped ${fieldPath}`);
    };
    const denied =
      reg.latestDeniedVersionNumber !== undefined && reg.currentVersionNumber > reg.latestDeniedVersionNumber
        ? { versionNumber: reg.latestDeniedVersionNumber, answers: (await fetchValues(ctx, reg.registrationId, reg.latestDeniedVersionNumber)).answers }
        : undefined;
    const done = await flow.interactiveFinish(
      { ctx, pacing, registrationId: reg.registrationId, form, answers: stored, brands, skipped, onSkip, denied },
      { strict: options.strict, resume: true },
    );
    const state = await flow.currentState(ctx, reg.registrationId);
    return flow.writeResult({
      registrationId: reg.registrationId,
      registrationType: reg.registrationType,
      ...state,
      submitted: done.submitted,
      warnings: done.warnings,
      missingFields: missingOf(),
      notChecked,
    });
  }
  const warningText = warnings.map((w) => `${w.fieldPath}: ${w.message} [${w.rule}]`);
  if (options.submit) await flow.checkFlaggedChanged(ctx, reg, stored);
  const state = options.submit ? await flow.submit(ctx, reg.registrationId) : await flow.currentState(ctx, reg.registrationId);
  return flow.writeResult({
    registrationId: reg.registrationId,
    registrationType: reg.registrationType,
    ...state,
    submitted: options.submit,
    warnings: warningText,
    missingFields: missingOf(),
    notChecked,
  });
}

export function registerRegistrationEdit(parent: Command, app: App): void {
  const cmd = parent
    .command('edit <id>')
    .description('continue a draft registration where it stopped (walkthrough), or fill it from an answers file')
    .option('--answers <file>', 'answers to store (YAML keyed by field path)')
    .option('--submit', 'submit for review afterwards (non-interactive)')
    .option('--strict', 'compliance findings are errors, not warnings')
    .option('--rate <n>', 'field writes per second (default 1, the API quota); throttled writes are retried either way')
    .option('--brand <name>', 'the brand name the compliance rules look for (default: from the associated brand registration)')
    .action(app.action((ctx, { args, opts }) => runRegistrationEdit(ctx, parseRegistrationEditOptions(args, opts))));
  app.examples(cmd, [
    ['continue the walkthrough after Ctrl-C', 'eum registration edit registration-0123456789abcdef0123456789abcdef'],
    ['add answers and submit from CI', 'eum registration edit registration-0123... --answers more.yaml --submit --no-input'],
  ]);
}
