/** `eum registration edit <ID>`: continue a draft where it stopped (walkthrough), or fill it from a file. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, UsageError } from '../../cli/errors.js';
import type { RegistrationWriteData } from '../../runtime/registration/flow.js';

export interface RegistrationEditOptions {
  id: string;
  answers?: string;
  submit: boolean;
  strict: boolean;
}

export function parseRegistrationEditOptions(args: unknown[], opts: Record<string, unknown>): RegistrationEditOptions {
  const id = String(args[0] ?? '');
  if (!/^[A-Za-z0-9_:/-]{1,256}$/.test(id)) throw new InputError([{ field: '<id>', message: `"${id}" is not a registration id or ARN` }]);
  return { id, answers: opts.answers === undefined ? undefined : String(opts.answers), submit: opts.submit === true, strict: opts.strict === true };
}

export async function runRegistrationEdit(ctx: Context, options: RegistrationEditOptions): Promise<CommandResult<RegistrationWriteData>> {
  const { fetchForm, readAnswersFile, checkAll, findingsToProblems, describeRegistration, fetchValues } = await import('../../runtime/registration/shared.js');
  const flow = await import('../../runtime/registration/flow.js');
  if (!ctx.canPrompt && !options.answers && !options.submit) throw new UsageError('nothing to do: eum cannot ask questions here', 'pass --answers FILE and/or --submit, or run in a terminal');
  const reg = await describeRegistration(ctx, options.id);
  if (reg.status === 'REQUIRES_UPDATES' && reg.latestDeniedVersionNumber === reg.currentVersionNumber) {
    throw new UsageError(`${reg.registrationId} was denied and needs a new version`, `use: eum registration update ${reg.registrationId}`);
  }
  if (['SUBMITTED', 'REVIEWING', 'AWS_REVIEWING'].includes(reg.status)) throw new UsageError(`${reg.registrationId} is ${reg.status}: under review, it cannot be edited`, `follow it: eum registration watch ${reg.registrationId}`);
  const form = await fetchForm(ctx, reg.registrationType);
  const { answers: stored } = await fetchValues(ctx, reg.registrationId);
  const given = options.answers ? await readAnswersFile(ctx, options.answers, form) : { answers: new Map(), problems: [] };
  const merged = new Map([...stored, ...given.answers]);
  const interactive = ctx.canPrompt;
  const { errors, warnings } = await checkAll(ctx, form, merged, { complete: !interactive && options.submit, strict: options.strict, parseProblems: given.problems });
  if (errors.length) throw new InputError(findingsToProblems(errors));
  await flow.storeAll(ctx, reg.registrationId, form, given.answers, stored);
  if (interactive) {
    const done = await flow.interactiveFinish({ ctx, registrationId: reg.registrationId, form, answers: stored }, { strict: options.strict, resume: true });
    const state = await flow.currentState(ctx, reg.registrationId);
    return flow.writeResult({ registrationId: reg.registrationId, registrationType: reg.registrationType, ...state, submitted: done.submitted, warnings: done.warnings });
  }
  const warningText = warnings.map((w) => `${w.fieldPath}: ${w.message} [${w.rule}]`);
  const state = options.submit ? await flow.submit(ctx, reg.registrationId) : await flow.currentState(ctx, reg.registrationId);
  return flow.writeResult({ registrationId: reg.registrationId, registrationType: reg.registrationType, ...state, submitted: options.submit, warnings: warningText });
}

export function registerRegistrationEdit(parent: Command, app: App): void {
  const cmd = parent
    .command('edit <id>')
    .description('continue a draft registration where it stopped (walkthrough), or fill it from an answers file')
    .option('--answers <file>', 'answers to store (YAML keyed by field path)')
    .option('--submit', 'submit for review afterwards (non-interactive)')
    .option('--strict', 'compliance findings are errors, not warnings')
    .action(app.action((ctx, { args, opts }) => runRegistrationEdit(ctx, parseRegistrationEditOptions(args, opts))));
  app.examples(cmd, [
    ['continue the walkthrough after Ctrl-C', 'eum registration edit registration-0123456789abcdef0123456789abcdef'],
    ['add answers and submit from CI', 'eum registration edit registration-0123... --answers more.yaml --submit --no-input'],
  ]);
}
