/**
 * `eum registration create <TYPE>`: an interactive walkthrough driven by the definitions, or,
 * non-interactively, answers checked locally (every problem at once, nothing created) and then
 * created, filled and (with --submit) submitted.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, UsageError } from '../../errors.js';
import type { RegistrationWriteData } from '../../runtime/registration/flow.js';
import { associateFlag, attachFlag, collect, nameFlag, parseTypeAndFlags, writeFlags } from './flags.js';

export interface RegistrationCreateOptions {
  type: string;
  answers?: string;
  attach: string[];
  name?: string;
  /** Resources to associate after creating, before submitting (e.g. the brand of a 10DLC campaign). */
  associate: string[];
  submit: boolean;
  strict: boolean;
  /** Registration writes per second (--rate); the API's default quota (1) without it. */
  rate?: number;
  /** The brand name for the compliance rules (a 10DLC campaign's form has none). */
  brand?: string;
}

/** The flags of `registration create`, each with its type and check. */
const createFlags = { ...writeFlags, attach: attachFlag, name: nameFlag, associate: associateFlag };

export function parseRegistrationCreateOptions(args: unknown[], opts: Record<string, unknown>): RegistrationCreateOptions {
  return parseTypeAndFlags(args, opts, createFlags);
}

type AnswerValue = import('../../core/registration/definitions.js').AnswerValue;
type Answers = Map<string, AnswerValue>;
type Form = import('../../core/registration/definitions.js').RegistrationForm;
type DraftStore = import('../../store/registration-drafts.js').DraftStore;

export async function runRegistrationCreate(ctx: Context, options: RegistrationCreateOptions): Promise<CommandResult<RegistrationWriteData>> {
  const path = await import('node:path');
  const shared = await import('../../runtime/registration/shared.js');
  const { openDraftStore } = await import('../../store/registration-drafts.js');
  const interactive = ctx.canPrompt;
  if (!interactive && !options.answers && !options.attach.length) {
    throw new UsageError(
      'nothing to fill in: eum cannot ask questions here',
      'pass --answers FILE (start one with eum registration fields TYPE --template FILE), or run in a terminal',
    );
  }
  const checked = await checkBeforeCreating(ctx, options, interactive);
  const { form, answers } = checked;
  for (const [fieldPath, v] of answers) if (v.file) ctx.log.info(`will upload ${path.relative(ctx.cwd, v.file) || v.file} for ${fieldPath}`);

  const drafts = openDraftStore(ctx.stateDir, shared.cacheTarget(ctx), () => ctx.clock.now());
  const key = options.name !== undefined ? `name:${options.name}` : options.answers ? `file:${path.resolve(ctx.cwd, options.answers)}` : undefined;
  const draft = await createOrResume(ctx, options, key, answers, drafts);
  const { registrationId, stored } = draft;
  const pacing = shared.writePacing(options.rate);
  await fillDraft(ctx, options, form, draft, drafts, pacing);
  await drafts.update(registrationId, options.type, { filled: true });
  const missingOf = () => shared.missingRequired(form, stored);
  const flow = await import('../../runtime/registration/flow.js');
  const notChecked = checked.notRun.map((r) => r.rule);
  const result = (r: Pick<RegistrationWriteData, 'versionNumber' | 'status' | 'submitted' | 'warnings' | 'missingFields'>) =>
    flow.writeResult({ registrationId, registrationType: options.type, ...r, notChecked, ...(draft.resumed ? { resumed: true } : {}) });

  if (interactive) {
    ctx.log.info(`every answer is saved as you go; Ctrl-C and continue later with: eum registration edit ${registrationId}`);
    const skipped = new Set<string>((await drafts.get(registrationId))?.skipped ?? []);
    const onSkip = async () => void (await drafts.update(registrationId, options.type, { skipped: [...skipped] }));
    const done = await flow.interactiveFinish(
      { ctx, pacing, registrationId, form, answers: stored, brands: checked.brands, skipped, onSkip },
      { strict: options.strict },
    );
    const state = await flow.currentState(ctx, registrationId);
    return result({ ...state, submitted: done.submitted, warnings: done.warnings, missingFields: missingOf() });
  }
  const warnings = checked.warnings.map((w) => `${w.fieldPath}: ${w.message} (fix: ${w.fix ?? ''}) [${w.rule}]`);
  const missingFields = missingOf();
  if (options.submit) {
    const s = await flow.submit(ctx, registrationId);
    return result({ versionNumber: s.versionNumber, status: s.status, submitted: true, warnings, missingFields });
  }
  const state = await flow.currentState(ctx, registrationId);
  return result({ ...state, submitted: false, warnings, missingFields });
}

/**
 * Everything is checked before anything is created: the answers file and --attach files against
 * the form and the compliance rules. Missing required fields are problems only when submitting
 * without a walkthrough to ask them; so are the associations a submit needs.
 */
async function checkBeforeCreating(ctx: Context, options: RegistrationCreateOptions, interactive: boolean) {
  const path = await import('node:path');
  const shared = await import('../../runtime/registration/shared.js');
  const { parseAttachFlags } = await import('../../core/registration/answers.js');
  const { missingAssociations } = await import('../../core/registration/associations.js');
  const form = await shared.fetchForm(ctx, options.type);
  const read = options.answers ? await shared.readAnswersFile(ctx, options.answers, form) : { answers: new Map() as Answers, problems: [] };
  const { answers } = read;
  const { attach } = parseAttachFlags(options.attach);
  for (const [field, file] of attach) answers.set(field, { file: path.resolve(ctx.cwd, file) });
  // A file named with --attach replaces the answers file's, and with it any problem of its path.
  const parseProblems = read.problems.filter((p) => !(p.rule === 'attachment.outside' && attach.has(p.fieldPath)));
  const brands = options.brand ? [options.brand] : await shared.brandsOfRegistrations(ctx, options.associate);
  const { errors, warnings, notRun } = await shared.checkAll(ctx, form, answers, {
    complete: !interactive && options.submit,
    strict: options.strict,
    parseProblems,
    brands,
  });
  const problems = shared.findingsToProblems(errors);
  const missing = missingAssociations(form.typeDefinition, options.associate);
  const resource = (m: (typeof missing)[number]) => m.resourceType.toLowerCase().replace(/_/g, '-');
  if (!interactive && options.submit) {
    for (const m of missing) {
      problems.push({
        field: '--associate',
        message: `${options.type} must be associated with a ${resource(m)} resource${m.isoCountryCode ? ` (${m.isoCountryCode})` : ''} before it is submitted: add ${m.flag}`,
      });
    }
  }
  if (problems.length) throw new InputError(problems, `nothing was created; check the file with: eum registration lint ${options.type} --answers FILE`);
  if (interactive)
    for (const m of missing)
      ctx.log.warn(
        `${options.type} is submitted only once associated with a ${resource(m)} resource: add ${m.flag}, or associate it before submitting (eum registration associate)`,
      );
  return { form, answers, brands, warnings, notRun };
}

/** The draft to fill: the one a failed run with the same key left, else a new one. */
interface Draft {
  registrationId: string;
  /** Its stored answers (none for a new draft); filled in as answers are written. */
  stored: Answers;
  /** The answers still to write: all of them, or for a resumed draft those that differ from what it holds. */
  toStore: Answers;
  resumed: boolean;
}

/** Continues the draft an earlier run left (by `key`), or creates the registration, journaled so a lost reply does not make two. */
async function createOrResume(ctx: Context, options: RegistrationCreateOptions, key: string | undefined, answers: Answers, drafts: DraftStore): Promise<Draft> {
  const shared = await import('../../runtime/registration/shared.js');
  // A rerun after a failure continues the draft the failed run left, rather than creating another.
  const resumedId = key ? await findDraftToResume(ctx, options.type, key, options.name, drafts) : undefined;
  if (resumedId) {
    const { changedAnswers } = await import('../../core/registration/changes.js');
    const record = await drafts.get(resumedId);
    const stored = (await shared.fetchValues(ctx, resumedId)).answers;
    const uploads = record?.uploads ?? {};
    const toStore = changedAnswers(stored, answers, (fieldPath, file, attachmentId) => shared.fileMatchesUpload(uploads[fieldPath], file, attachmentId));
    ctx.log.info(`continuing the unfinished draft ${resumedId} (${stored.size} answers already stored)`);
    return { registrationId: resumedId, stored, toStore, resumed: true };
  }
  // Journal before acting: the token is kept until the outcome is known, so a rerun after a lost
  // reply gets the registration the service created instead of a second one.
  const api = await import('../../aws/registrations.js');
  const client = await ctx.sms();
  const { randomUUID } = await import('node:crypto');
  const clientToken = (key ? await drafts.pendingToken(options.type, key) : undefined) ?? randomUUID();
  if (key) await drafts.setPending(options.type, key, clientToken);
  const { registrationId } = await api.createRegistration(client, { type: options.type, name: options.name, clientToken });
  // Recorded at once: a failure from here on leaves a draft the rerun continues.
  await drafts.update(registrationId, options.type, { key, filled: false });
  if (key) await drafts.setPending(options.type, key, undefined);
  ctx.log.info(`created ${registrationId} (${options.type})`);
  return { registrationId, stored: new Map(), toStore: answers, resumed: false };
}

/** Associates the --associate resources (those not yet) and writes the answers; a failure keeps the draft for a rerun. */
async function fillDraft(
  ctx: Context,
  options: RegistrationCreateOptions,
  form: Form,
  draft: Draft,
  drafts: DraftStore,
  pacing: import('../../runtime/registration/shared.js').WritePacing,
): Promise<void> {
  const api = await import('../../aws/registrations.js');
  const flow = await import('../../runtime/registration/flow.js');
  const client = await ctx.sms();
  const { registrationId } = draft;
  const uploadsOf = async (fieldPath: string, v: AnswerValue) => {
    if (v.attachmentId && v.sha256)
      await drafts.update(registrationId, options.type, { uploads: { [fieldPath]: { sha256: v.sha256, attachmentId: v.attachmentId, file: v.file } } });
  };
  try {
    const existing = draft.resumed ? await api.listRegistrationAssociations(client, registrationId) : [];
    for (const resource of options.associate) {
      if (existing.some((a) => a.resourceId === resource || a.resourceArn === resource)) continue;
      const a = await api.createRegistrationAssociation(client, registrationId, resource);
      ctx.log.info(`associated ${a.resourceType} ${a.resourceId}`);
    }
    await flow.storeAll(ctx, pacing, registrationId, form, draft.toStore, draft.stored, uploadsOf);
  } catch (err) {
    const { InterruptedError } = await import('../../cli/errors.js');
    if (!(err instanceof InputError) && !(err instanceof InterruptedError))
      ctx.log.warn(`the draft ${registrationId} is kept with the answers stored so far; run the same command again to continue it`);
    throw err;
  }
}

/**
 * The unfinished draft an earlier run with the same `--name` (or answers file) left: from the local
 * record, else (with `--name`) a draft of this type carrying that Name tag. Only drafts still in
 * CREATED status are continued.
 */
async function findDraftToResume(ctx: Context, type: string, key: string, name: string | undefined, drafts: DraftStore): Promise<string | undefined> {
  const api = await import('../../aws/registrations.js');
  const client = await ctx.sms();
  const record = await drafts.findUnfinished(type, key);
  if (record) {
    const reg = await api.describeRegistration(client, record.registrationId);
    if (reg?.status === 'CREATED') return record.registrationId;
  }
  if (name === undefined) return undefined;
  for (const reg of await api.listRegistrations(client, { type, status: 'CREATED' })) {
    const tags = await api.registrationTags(client, reg.registrationArn);
    if (tags.Name !== name) continue;
    const known = await drafts.get(reg.registrationId);
    if (!known?.filled) return reg.registrationId;
  }
  return undefined;
}

export function registerRegistrationCreate(parent: Command, app: App): void {
  const cmd = parent
    .command('create <type>')
    .description('create a registration: a guided walkthrough in a terminal, or from an answers file')
    .option('--answers <file>', 'answers (YAML keyed by field path); these are not asked again')
    .option('--attach <field=path>', 'a file for an attachment field (repeatable)', collect, [])
    .option('--name <name>', 'a Name tag for the registration')
    .option('--associate <resource>', 'associate this resource (id or ARN) before submitting, e.g. the brand of a 10DLC campaign (repeatable)', collect, [])
    .option('--submit', 'submit for review after filling in (non-interactive)')
    .option('--strict', 'compliance findings are errors, not warnings')
    .option('--rate <n>', 'field writes per second (default 1, the API quota); throttled writes are retried either way')
    .option('--brand <name>', 'the brand name the compliance rules look for (default: from the --associate brand registration)')
    .action(app.action((ctx, { args, opts }) => runRegistrationCreate(ctx, parseRegistrationCreateOptions(args, opts))));
  app.examples(cmd, [
    ['guided, in a terminal', 'eum registration create US_TOLL_FREE_REGISTRATION'],
    [
      'from an answers file, submitted at once (CI)',
      'eum registration create US_TOLL_FREE_REGISTRATION --answers tollfree.yaml --attach messagingUseCase.optInImage=optin.png --submit --no-input',
    ],
    [
      'a 10DLC campaign, associated with its brand registration',
      'eum registration create US_TEN_DLC_CAMPAIGN_REGISTRATION --answers campaign.yaml --associate registration-0123... --submit --json',
    ],
  ]);
}
