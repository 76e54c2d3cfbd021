/** `eum registration submit|discard|delete <ID>` and `associate <ID> --resource ARN`. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError } from '../../errors.js';
import { brandFlag, parseIdAndFlags, resourceFlag, switchFlag } from './flags.js';

export interface RegistrationActionData {
  registrationId: string;
  versionNumber?: number;
  status: string;
}

/** The `<id>` argument alone. */
const idArg = (args: unknown[]) => parseIdAndFlags(args, {}, {}).id;

export async function runRegistrationSubmit(ctx: Context, id: string, strict: boolean, brand?: string): Promise<CommandResult<RegistrationActionData>> {
  const { describeRegistration, fetchForm, fetchValues, checkAll, findingsToProblems, brandsFor, notRunNotes } = await import(
    '../../runtime/registration/shared.js'
  );
  const flow = await import('../../runtime/registration/flow.js');
  const reg = await describeRegistration(ctx, id);
  // Forms change: check against today's definitions before submitting.
  const form = await fetchForm(ctx, reg.registrationType);
  const { answers } = await fetchValues(ctx, reg.registrationId);
  const brands = await brandsFor(ctx, brand, reg.registrationId);
  const { errors, warnings, notRun } = await checkAll(ctx, form, answers, { complete: true, strict, brands });
  if (errors.length) throw new InputError(findingsToProblems(errors), `fill them in: eum registration edit ${reg.registrationId}`);
  // A new version of a denied registration whose flagged fields did not change is denied again.
  await flow.checkFlaggedChanged(ctx, reg, answers);
  const s = await flow.submit(ctx, reg.registrationId);
  return {
    data: { registrationId: reg.registrationId, ...s },
    views: [
      {
        kind: 'kv',
        pairs: [
          ['registration', reg.registrationId],
          ['version', s.versionNumber],
          ['status', s.status],
        ],
      },
    ],
    notes: [
      ...warnings.map((w) => `warning: ${w.fieldPath}: ${w.message} [${w.rule}]`),
      ...notRunNotes(notRun),
      `follow the review: eum registration watch ${reg.registrationId}`,
    ],
  };
}

export async function runRegistrationDiscard(ctx: Context, id: string): Promise<CommandResult<RegistrationActionData>> {
  const { discardRegistrationVersion } = await import('../../aws/registrations.js');
  const r = await discardRegistrationVersion(await ctx.sms(), id);
  const data = { registrationId: r.registrationId, versionNumber: r.versionNumber, status: r.versionStatus };
  return {
    data,
    views: [
      {
        kind: 'kv',
        pairs: [
          ['registration', data.registrationId],
          ['version', data.versionNumber],
          ['version status', data.status],
        ],
      },
    ],
  };
}

export async function runRegistrationDelete(ctx: Context, id: string): Promise<CommandResult<RegistrationActionData>> {
  const { deleteRegistration } = await import('../../aws/registrations.js');
  if (!(await ctx.confirm(`Delete registration ${id}? This cannot be undone.`))) {
    return { data: { registrationId: id, status: 'NOT_DELETED' }, notes: ['nothing deleted'], exitCode: 1 };
  }
  const data = await deleteRegistration(await ctx.sms(), id);
  return {
    data,
    views: [
      {
        kind: 'kv',
        pairs: [
          ['registration', data.registrationId],
          ['status', data.status],
        ],
      },
    ],
  };
}

export interface RegistrationAssociateData {
  registrationId: string;
  resourceArn: string;
  resourceId: string;
  resourceType: string;
}

export async function runRegistrationAssociate(ctx: Context, id: string, resource: string): Promise<CommandResult<RegistrationAssociateData>> {
  const { createRegistrationAssociation } = await import('../../aws/registrations.js');
  const r = await createRegistrationAssociation(await ctx.sms(), id, resource);
  const data = { registrationId: r.registrationId, resourceArn: r.resourceArn, resourceId: r.resourceId, resourceType: r.resourceType };
  return {
    data,
    views: [
      {
        kind: 'kv',
        pairs: [
          ['registration', data.registrationId],
          ['resource', data.resourceArn],
          ['resource type', data.resourceType],
        ],
      },
    ],
  };
}

export function registerRegistrationActions(parent: Command, app: App): void {
  const submit = parent
    .command('submit <id>')
    .description("check the draft against today's definitions and submit it for review")
    .option('--strict', 'compliance findings are errors, not warnings')
    .option('--brand <name>', 'the brand name the compliance rules look for (default: from the associated brand registration)')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const { id, strict, brand } = parseIdAndFlags(args, opts, { strict: switchFlag, brand: brandFlag });
        return runRegistrationSubmit(ctx, id, strict, brand);
      }),
    );
  app.examples(submit, [['submit a finished draft', 'eum registration submit registration-0123456789abcdef0123456789abcdef']]);

  const discard = parent
    .command('discard <id>')
    .description('discard the draft version of a registration')
    .action(app.action((ctx, { args }) => runRegistrationDiscard(ctx, idArg(args))));
  app.examples(discard, [['throw away a draft', 'eum registration discard registration-0123456789abcdef0123456789abcdef']]);

  const del = parent
    .command('delete <id>')
    .description('delete a registration (asks first; --yes to skip)')
    .action(app.action((ctx, { args }) => runRegistrationDelete(ctx, idArg(args))));
  app.examples(del, [['delete without asking', 'eum registration delete registration-0123456789abcdef0123456789abcdef --yes']]);

  const assoc = parent
    .command('associate <id>')
    .description('associate a resource (phone number, sender ID, another registration) with a registration')
    .requiredOption('--resource <arn>', 'the resource id or ARN')
    .action(
      app.action((ctx, { args, opts }) => {
        const { id, resource } = parseIdAndFlags(args, opts, { resource: resourceFlag });
        return runRegistrationAssociate(ctx, id, resource);
      }),
    );
  app.examples(assoc, [
    [
      'associate a toll-free number',
      'eum registration associate registration-0123... --resource arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0123...',
    ],
  ]);
}
