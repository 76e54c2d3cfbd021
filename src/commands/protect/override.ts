/** `eum protect override add|remove|list`: per-number ALLOW/BLOCK overrides, optionally until a date. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseConfigRef } from '../../core/protect/parse.js';
import { parseOptions } from '../../cli/options.js';
import { actionFlag, expiresFlag, parseRefAndFlags } from './flags.js';
import type { NumberOverride } from '../../core/protect/types.js';
import { maskPhoneNumber } from '../../core/mask.js';

/** The `<id> <number>` arguments: a configuration and an E.164 number (spaces, dots, dashes and brackets dropped). */
async function parseRefAndNumber(args: unknown[], problems: InputProblem[]): Promise<{ ref: string; number: string }> {
  const { phoneNumberProblem } = await import('../../core/protect/phone.js');
  const ref = parseConfigRef(args[0], problems);
  const number = String(args[1] ?? '').replace(/[\s().-]/g, '');
  const p = phoneNumberProblem(number);
  if (p) problems.push({ field: '<E.164>', message: p });
  return { ref, number };
}

export interface ProtectOverrideAddOptions {
  ref: string;
  number: string;
  action: 'ALLOW' | 'BLOCK';
  expires?: Date;
}

export async function parseProtectOverrideAddOptions(ctx: Context, args: unknown[], opts: Record<string, unknown>): Promise<ProtectOverrideAddOptions> {
  const problems: InputProblem[] = [];
  const { ref, number } = await parseRefAndNumber(args, problems);
  const { action, expires } = parseOptions({ action: actionFlag, expires: expiresFlag(ctx.clock.now().getTime()) }, opts, problems);
  if (problems.length) throw new InputError(problems);
  return { ref, number, action, expires };
}

export async function parseProtectOverrideRemoveOptions(args: unknown[]): Promise<{ ref: string; number: string }> {
  const problems: InputProblem[] = [];
  const o = await parseRefAndNumber(args, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

export async function runProtectOverrideAdd(ctx: Context, o: ProtectOverrideAddOptions): Promise<CommandResult<{ id: string; override: NumberOverride }>> {
  const { protectClient, resolveConfigurationId, putNumberOverride } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, o.ref);
  const override = await putNumberOverride(client, id, { number: o.number, action: o.action, expires: o.expires });
  return {
    data: { id, override },
    notes: [`${maskPhoneNumber(override.number)}: always ${override.action} in ${id}${override.expires ? ` until ${override.expires}` : ''}`],
  };
}

export async function runProtectOverrideRemove(
  ctx: Context,
  o: { ref: string; number: string },
): Promise<CommandResult<{ id: string; number: string; removed: true }>> {
  const { protectClient, resolveConfigurationId, deleteNumberOverride } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, o.ref);
  await deleteNumberOverride(client, id, o.number);
  return { data: { id, number: o.number, removed: true }, notes: [`removed the override for ${maskPhoneNumber(o.number)} from ${id}`] };
}

export async function runProtectOverrideList(ctx: Context, o: { ref: string }): Promise<CommandResult<{ id: string; overrides: NumberOverride[] }>> {
  const { protectClient, resolveConfigurationId, listOverrides } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { id } = await resolveConfigurationId(client, o.ref);
  const overrides = await listOverrides(client, id);
  return {
    data: { id, overrides },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'number', header: 'Number' },
          { key: 'action', header: 'Action' },
          { key: 'isoCountryCode', header: 'Country' },
          { key: 'expires', header: 'Expires', format: (v) => (v ? String(v) : 'never') },
          { key: 'created', header: 'Created' },
        ],
        rows: overrides as unknown as Record<string, unknown>[],
        empty: `No number overrides in ${id}.`,
      },
    ],
  };
}

export function registerProtectOverride(parent: Command, app: App): void {
  const override = parent.command('override').description('per-number overrides that always allow or always block a destination');
  const add = override
    .command('add')
    .description('always allow or always block one destination number, optionally until a date')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .argument('<number>', 'destination number, E.164 (+12065550100)')
    .requiredOption('--action <action>', 'allow or block')
    .option('--expires <date|duration>', 'ISO date or time, or a duration from now: 90m, 12h, 30d, 2w')
    .action(app.action(async (ctx, { args, opts }) => runProtectOverrideAdd(ctx, await parseProtectOverrideAddOptions(ctx, args, opts))));
  app.examples(add, [
    ['let a tester through for a week', 'eum protect override add otp-guard +447700900123 --action allow --expires 7d'],
    ['block a pumping number for good', 'eum protect override add otp-guard +2348031234567 --action block'],
  ]);
  const remove = override
    .command('remove')
    .description('remove the override of one number')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .argument('<number>', 'destination number, E.164')
    .action(app.action(async (ctx, { args }) => runProtectOverrideRemove(ctx, await parseProtectOverrideRemoveOptions(args))));
  app.examples(remove, [
    ['remove an override', 'eum protect override remove otp-guard +447700900123'],
    ['as JSON', 'eum protect override remove otp-guard +447700900123 --json'],
  ]);
  const list = override
    .command('list')
    .description('the overrides in force (expired ones are gone)')
    .argument('<id>', 'configuration id, ARN or Name tag')
    .action(app.action(async (ctx, { args, opts }) => runProtectOverrideList(ctx, parseRefAndFlags(args, opts, {}))));
  app.examples(list, [
    ['every override', 'eum protect override list otp-guard'],
    ['blocked numbers only', 'eum protect override list otp-guard | grep BLOCK'],
  ]);
}
