/** `eum number update <number>`: two-way (channel, role), self-managed opt-outs, opt-out list, deletion protection, international sending. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { describePhoneNumber, updatePhoneNumber, type PhoneNumberChanges } from '../../aws/phone-numbers.js';
import { checkNumberRef } from '../../core/number/rules.js';
import { numberRow, type NumberRow } from './list.js';
import { numberPairs } from './show.js';
import { definedOnly, onOffFlag, sharedChangeFlags, sharedChanges } from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface NumberUpdateData {
  /** What was asked to change (camelCase API names). */
  changes: PhoneNumberChanges;
  phoneNumber: NumberRow;
}

interface UpdateOptions {
  ref: string;
  changes: PhoneNumberChanges;
}

/** The flags of `number update`, each with its type and check. */
const updateFlags = { ...sharedChangeFlags, internationalSending: onOffFlag };

export function parseNumberUpdateOptions(ref: string | undefined, opts: Record<string, unknown>): UpdateOptions {
  const problems: InputProblem[] = [];
  const id = checkNumberRef(ref, problems);
  const o = parseOptions(updateFlags, opts, problems);
  const changes: PhoneNumberChanges = definedOnly({ ...sharedChanges(o, problems), internationalSendingEnabled: o.internationalSending });
  if (!problems.length && Object.keys(changes).length === 0) {
    problems.push({
      field: 'flags',
      message:
        'nothing to change: give at least one of --two-way, --two-way-channel, --two-way-role, --self-managed-opt-outs, --opt-out-list, --deletion-protection, --international-sending',
    });
  }
  if (problems.length) throw new InputError(problems, 'nothing was changed; see eum number update --help');
  return { ref: id, changes };
}

export async function runNumberUpdate(ctx: Context, o: UpdateOptions): Promise<CommandResult<NumberUpdateData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  // An E.164 number is resolved to its ID first (the API takes IDs and ARNs).
  const id = o.ref.startsWith('+')
    ? (await readWithRetry(ctx, (call) => describePhoneNumber(call.client, o.ref, { signal: call.signal }))).phoneNumberId
    : o.ref;
  // Setting the same values again is harmless: retried like a read.
  await readWithRetry(ctx, (call) => updatePhoneNumber(call.client, id, o.changes, { signal: call.signal }));
  // UpdatePhoneNumber answers without the pool and limits: read the whole number back.
  const n = numberRow(await readWithRetry(ctx, (call) => describePhoneNumber(call.client, id, { signal: call.signal })));
  return {
    data: { changes: o.changes, phoneNumber: n },
    views: [{ kind: 'kv', pairs: numberPairs(n) }],
    notes: [`updated ${n.phoneNumberId}: ${Object.keys(o.changes).join(', ')}`],
  };
}

export function registerNumberUpdate(parent: Command, app: App): void {
  const cmd = parent
    .command('update <number>')
    .description('change a phone number: two-way, opt-outs, opt-out list, deletion protection, international sending')
    .option('--two-way <on|off>', 'receive messages (needs a channel: --two-way-channel)')
    .option('--two-way-channel <arn>', 'where inbound messages go: an SNS topic ARN, or connect.<region>.amazonaws.com')
    .option('--two-way-role <arn>', 'the IAM role that may publish to the channel')
    .option('--self-managed-opt-outs <on|off>', 'on: you handle STOP and HELP yourself')
    .option('--opt-out-list <name>', 'the opt-out list the number uses')
    .option('--deletion-protection <on|off>', 'refuse to release the number while on')
    .option('--international-sending <on|off>', 'send outside the US (US toll-free numbers)')
    .action(app.action(async (ctx, { args, opts }) => runNumberUpdate(ctx, parseNumberUpdateOptions(args[0] as string, opts))));
  app.examples(cmd, [
    ['two-way through an SNS topic', 'eum number update +18335550100 --two-way on --two-way-channel arn:aws:sns:us-east-1:111122223333:inbound'],
    ['protect a number from release', 'eum number update phone-0123... --deletion-protection on'],
  ]);
}
