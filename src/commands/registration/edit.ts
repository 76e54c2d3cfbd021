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

type AnswerValue = import('../../core/registration/definitions.js').AnswerValue;
type Answers = Map<string, AnswerValue>;

export async function runRegistrationEdit(ctx: Context, options: RegistrationEditOptions): Promise<CommandResult<RegistrationWriteData>> {
  const shared = await import('../../runtime/registration/shared.js');
  const { openDraftStore } = await import('../../store/registration-drafts.js');
  const flow = await import('../../runtime/registration/flow.js');
  const pacing = shared.writePacing(options.rate);
  if (!ctx.canPrompt && !options.answers && !options.submit)
    throw new UsageError('nothing to do: eum cannot ask questions here', 'pass --answers FILE and/or --submit, or run in a terminal');
  const reg = await editableRegistration(ctx, options.id);
  const form = await shared.fetchForm(ctx, reg.registrationType);
  const { answers: stored } = await shared.fetchValues(ctx, reg.registrationId);
  const given = options.answers ? await shared.readAnswersFile(ctx, options.answers, form) : { answers: new Map() as Answers, problems: [] };
  const interactive = ctx.canPrompt;
  const brands = await shared.brandsFor(ctx, options.brand, reg.registrationId);
  const { errors, warnings, notRun } = await shared.checkAll(ctx, form, new Map([...stored, ...given.answers]), {
    complete: !interactive && options.submit,
    strict: options.strict,
    parseProblems: given.problems,
    brands,
  });
  if (errors.length) throw new InputError(shared.findingsToProblems(errors));
  const drafts = openDraftStore(ctx.stateDir, shared.cacheTarget(ctx), () => ctx.clock.now());
  const record = await drafts.get(reg.registrationId);
  const toStore = await changedOnly(ctx, options, stored, given.answers, record?.uploads ?? {});
  const onStored = async (fieldPath: string, v: AnswerValue) => {
    if (v.attachmentId && v.sha256)
      await drafts.update(reg.registrationId, reg.registrationType, {
        uploads: { [fieldPath]: { sha256: v.sha256, attachmentId: v.attachmentId, file: v.file } },
      });
  };
  await flow.storeAll(ctx, pacing, reg.registrationId, form, toStore, stored, onStored);
  const notChecked = notRun.map((r) => r.rule);
  const result = (r: Pick<RegistrationWriteData, 'versionNumber' | 'status' | 'submitted' | 'warnings'>) =>
    flow.writeResult({
      registrationId: reg.registrationId,
      registrationType: reg.registrationType,
      ...r,
      missingFields: shared.missingRequired(form, stored),
      notChecked,
    });
  if (interactive) {
    const skipped = new Set(record?.skipped ?? []);
    const onSkip = async (fieldPath: string) => {
      await drafts.update(reg.registrationId, reg.registrationType, { skipped: [...skipped] });
      ctx.log.debug(`skipped ${fieldPath}`);
    };
    const denied =
      reg.latestDeniedVersionNumber !== undefined && reg.currentVersionNumber > reg.latestDeniedVersionNumber
        ? { versionNumber: reg.latestDeniedVersionNumber, answers: (await shared.fetchValues(ctx, reg.registrationId, reg.latestDeniedVersionNumber)).answers }
        : undefined;
    const done = await flow.interactiveFinish(
      { ctx, pacing, registrationId: reg.registrationId, form, answers: stored, brands, skipped, onSkip, denied },
      { strict: options.strict, resume: true },
    );
    const state = await flow.currentState(ctx, reg.registrationId);
    return result({ ...state, submitted: done.submitted, warnings: done.warnings });
  }
  if (options.submit) await flow.checkFlaggedChanged(ctx, reg, stored);
  const state = options.submit ? await flow.submit(ctx, reg.registrationId) : await flow.currentState(ctx, reg.registrationId);
  return result({ ...state, submitted: options.submit, warnings: warnings.map((w) => `${w.fieldPath}: ${w.message} [${w.rule}]`) });
}

/** The registration, if a draft may be edited now: not denied without a new version, not under review. */
async function editableRegistration(ctx: Context, id: string) {
  const { describeRegistration } = await import('../../runtime/registration/shared.js');
  const reg = await describeRegistration(ctx, id);
  if (reg.status === 'REQUIRES_UPDATES' && reg.latestDeniedVersionNumber === reg.currentVersionNumber) {
    throw new UsageError(`${reg.registrationId} was denied and needs a new version`, `use: eum registration update ${reg.registrationId}`);
  }
  if (['SUBMITTED', 'REVIEWING', 'AWS_REVIEWING'].includes(reg.status))
    throw new UsageError(
      `${reg.registrationId} is ${reg.status}: under review, it cannot be edited`,
      `follow it: eum registration watch ${reg.registrationId}`,
    );
  return reg;
}

/**
 * The given answers that differ from the stored ones (the same files by content): only those are
 * written. Attachments this machine uploaded get their file names back in `stored` (for the
 * review and `which answer`).
 */
async function changedOnly(
  ctx: Context,
  options: RegistrationEditOptions,
  stored: Answers,
  given: Answers,
  uploads: Record<string, { sha256: string; attachmentId: string; file?: string }>,
): Promise<Answers> {
  const { fileMatchesUpload } = await import('../../runtime/registration/shared.js');
  const { changedAnswers } = await import('../../core/registration/changes.js');
  for (const [fieldPath, v] of stored)
    if (v.attachmentId && uploads[fieldPath]?.attachmentId === v.attachmentId && uploads[fieldPath].file) v.file = uploads[fieldPath].file;
  const toStore = changedAnswers(stored, given, (fieldPath, file, attachmentId) => fileMatchesUpload(uploads[fieldPath], file, attachmentId));
  const same = given.size - toStore.size;
  if (options.answers && same > 0) ctx.log.info(`${same} answer${same === 1 ? '' : 's'} unchanged, not written again`);
  return toStore;
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
