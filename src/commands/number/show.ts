/** `eum number show <number>`: one phone number, with its limits and what it needs to send. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { describePhoneNumber } from '../../aws/phone-numbers.js';
import { checkNumberRef } from '../../core/number/rules.js';
import { numberRow, type NumberRow } from './list.js';
import { list, lower, onOff } from './options.js';

export type NumberShowData = NumberRow;

export function parseNumberRef(raw: string | undefined): string {
  const problems: InputProblem[] = [];
  const ref = checkNumberRef(raw, problems);
  if (problems.length) throw new InputError(problems);
  return ref;
}

/** The key/value lines of one number (show, update, request). */
export function numberPairs(n: NumberRow): Array<[string, unknown]> {
  const limits = n.limits
    ? [
        ...Object.entries(n.limits.rateLimits).map(([k, v]) => `${k} ${v}/s`),
        ...Object.entries(n.limits.dailyMessageCaps).map(([k, v]) => `${k} ${v}/day`),
      ].join(', ')
    : '';
  return [
    ['Number', n.phoneNumber],
    ['ID', n.phoneNumberId],
    ['ARN', n.phoneNumberArn],
    ['Type', lower(n.numberType)],
    ['Country', n.country],
    ['Status', lower(n.status)],
    ['Message type', lower(n.messageType)],
    ['Capabilities', list(n.capabilities)],
    ['Limits', limits],
    [
      'Two-way',
      `${onOff(n.twoWayEnabled)}${n.twoWayChannelArn ? ` (${n.twoWayChannelArn}${n.twoWayChannelRole ? `, role ${n.twoWayChannelRole}` : ''})` : ''}`,
    ],
    ['Self-managed opt-outs', onOff(n.selfManagedOptOutsEnabled)],
    ['Opt-out list', n.optOutListName ?? ''],
    ['International sending', onOff(n.internationalSendingEnabled)],
    ['Deletion protection', onOff(n.deletionProtectionEnabled)],
    ['Registration', n.registrationId ?? ''],
    ['Pool', n.poolId ?? ''],
    ['USD/month', n.monthlyLeasingPrice ?? ''],
    ['Created', n.createdTimestamp ?? ''],
  ];
}

export async function runNumberShow(ctx: Context, ref: string): Promise<CommandResult<NumberShowData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const n = numberRow(await readWithRetry(ctx, (call) => describePhoneNumber(call.client, ref, { signal: call.signal })));
  const notes: string[] = [];
  if (n.status === 'PENDING') notes.push('not active yet: the number cannot send until its status is active');
  if (n.numberType === 'TOLL_FREE' && !n.registrationId)
    notes.push(`not registered: it sends once registered: eum registration create US_TOLL_FREE_REGISTRATION --associate ${n.phoneNumberArn}`);
  return { data: n, views: [{ kind: 'kv', pairs: numberPairs(n) }], notes };
}

export function registerNumberShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show <number>')
    .description('show one phone number (ID, ARN or E.164 number) with its limits')
    .action(app.action(async (ctx, { args }) => runNumberShow(ctx, parseNumberRef(args[0] as string))));
  app.examples(cmd, [
    ['by E.164 number', 'eum number show +18335550100'],
    ['its MPS, for a script', 'eum number show phone-0123... --query mps'],
  ]);
}
