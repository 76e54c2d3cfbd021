/**
 * `eum registration create <TYPE>`: an interactive walkthrough driven by the definitions, or,
 * non-interactively, answers checked locally (every problem at once, nothing created) and then
 * created, filled and (with --submit) submitted.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, UsageError, type InputProblem } from '../../cli/errors.js';
import type { RegistrationWriteData } from '../../runtime/registration/flow.js';
import { parseRateValue } from '../../core/rate.js';

export interface RegistrationCreateOptions {
  type: string;
  answers?: string;
  attach: string[];
  name?: string;
  /** Resources to associate after creating, before submitting (e.g. the brand of a 10DLC campaign). */
  associate: string[];
  submit: boolean;
  strict: boolean;
  /** Registration writes per second (--rate); unpaced (but retried on throttling) without it. */
  rate?: number;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function parseRegistrationCreateOptions(args: unknown[], opts: Record<string, unknown>): RegistrationCreateOptions {
  const problems: InputProblem[] = [];
  const type = String(args[0] ?? '');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(type)) problems.push({ field: '<type>', message: `"${type}" is not a registration type (e.g. US_TOLL_FREE_REGISTRATION); list them: eum registration types` });
  const attach = (opts.attach as string[] | undefined) ?? [];
  for (const a of attach) if (!/^[A-Za-z0-9_.]+=.+$/.test(a)) problems.push({ field: '--attach', message: `expects FIELD=PATH (e.g. messagingUseCase.optInImage=optin.png), got "${a}"` });
  const name = opts.name === undefined ? undefined : String(opts.name);
  if (name !== undefined && (name.length < 1 || name.length > 256)) problems.push({ field: '--name', message: 'must be 1 to 256 characters' });
  const associate = (opts.associate as string[] | undefined) ?? [];
  for (const a of associate) if (!/^[A-Za-z0-9_:/-]{1,256}$/.test(a)) problems.push({ field: '--associate', message: `"${a}" is not a resource id or ARN` });
  const rate = opts.rate === undefined ? undefined : parseRateValue(String(opts.rate));
  if (typeof rate === 'object') problems.push({ field: '--rate', message: rate.problem });
  if (problems.length) throw new InputError(problems);
  return { type, answers: opts.answers === undefined ? undefined : String(opts.answers), attach, name, associate, submit: opts.submit === true, strict: opts.strict === true, rate: rate as number | undefined };
}

export async function runRegistrationCreate(ctx: Context, options: RegistrationCreateOptions): Promise<CommandResult<RegistrationWriteData>> {
  const path = await import('node:path');
  const { fetchForm, readAnswersFile, checkAll, findingsToProblems, setWriteRate } = await import('../../runtime/registration/shared.js');
  const api = await import('../../aws/registrations.js');
  setWriteRate(ctx, options.rate);
  const { parseAttachFlags } = await import('../../core/registration/answers.js');
  const flow = await import('../../runtime/registration/flow.js');
  const interactive = ctx.canPrompt;
  if (!interactive && !options.answers && !options.attach.length) {
    throw new UsageError('nothing to fill in: eum cannot ask questions here', 'pass --answers FILE (start one with eum registration fields TYPE --template FILE), or run in a terminal');
  }
  const form = await fetchForm(ctx, options.type);
  const { answers, problems: parseProblems } = options.answers ? await readAnswersFile(ctx, options.answers, form) : { answers: new Map(), problems: [] };
  const { attach } = parseAttachFlags(options.attach);
  for (const [field, file] of attach) answers.set(field, { file: path.resolve(ctx.cwd, file) });

  // Everything is checked before anything is created. Missing required fields are problems only
  // when submitting without a walkthrough to ask them.
  const { errors, warnings } = await checkAll(ctx, form, answers, { complete: !interactive && options.submit, strict: options.strict, parseProblems });
  if (errors.length) throw new InputError(findingsToProblems(errors), `check the file with: eum registration lint ${options.type} --answers FILE`);

  const client = await ctx.sms();
  const { registrationId } = await api.createRegistration(client, { type: options.type, name: options.name });
  ctx.log.info(`created ${registrationId} (${options.type})`);
  for (const resource of options.associate) {
    const a = await api.createRegistrationAssociation(client, registrationId, resource);
    ctx.log.info(`associated ${a.resourceType} ${a.resourceId}`);
  }
  const stored = new Map();
  await flow.storeAll(ctx, registrationId, form, answers, stored);

  if (interactive) {
    ctx.log.info(`every answer is saved as you go; Ctrl-C and continue later with: eum registration edit ${registrationId}`);
    const done = await flow.interactiveFinish({ ctx, registrationId, form, answers: stored }, { strict: options.strict });
    const state = await flow.currentState(ctx, registrationId);
    return flow.writeResult({ registrationId, registrationType: options.type, ...state, submitted: done.submitted, warnings: done.warnings });
  }
  const warningText = warnings.map((w) => `${w.fieldPath}: ${w.message} (fix: ${w.fix ?? ''}) [${w.rule}]`);
  if (options.submit) {
    const s = await flow.submit(ctx, registrationId);
    return flow.writeResult({ registrationId, registrationType: options.type, versionNumber: s.versionNumber, status: s.status, submitted: true, warnings: warningText });
  }
  const state = await flow.currentState(ctx, registrationId);
  return flow.writeResult({ registrationId, registrationType: options.type, ...state, submitted: false, warnings: warningText });
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
    .option('--rate <n>', 'field writes per second (the API quota is 1 by default); throttled writes are retried either way')
    .action(app.action((ctx, { args, opts }) => runRegistrationCreate(ctx, parseRegistrationCreateOptions(args, opts))));
  app.examples(cmd, [
    ['guided, in a terminal', 'eum registration create US_TOLL_FREE_REGISTRATION'],
    ['from an answers file, submitted at once (CI)', 'eum registration create US_TOLL_FREE_REGISTRATION --answers tollfree.yaml --attach messagingUseCase.optInImage=optin.png --submit --no-input'],
    ['a 10DLC campaign, associated with its brand registration', 'eum registration create US_TEN_DLC_CAMPAIGN_REGISTRATION --answers campaign.yaml --associate registration-0123... --submit --json'],
  ]);
}
