/**
 * `eum config-set set-default-sender-id | unset-default-sender-id | set-default-message-type |
 * unset-default-message-type | set-default-feedback`: what sends through a set use when they name
 * nothing themselves.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import type { MessageType } from '../../aws/config-sets.js';
import { checkSetRef, parseMessageType } from './options.js';

const SENDER_ID = /^[A-Za-z0-9_-]{1,11}$/;

export interface DefaultData {
  configurationSet: string;
  /** The setting changed. */
  setting: 'defaultSenderId' | 'defaultMessageType' | 'defaultMessageFeedback';
  /** The value now (null: none). */
  value: string | boolean | null;
  /** For an unset: the value removed (null: there was none). */
  previous?: string | null;
}

type Client = Awaited<ReturnType<Context['sms']>>;

async function run(
  ctx: Context,
  f: (client: Client, cs: typeof import('../../aws/config-sets.js')) => Promise<{ data: DefaultData; note: string }>,
): Promise<CommandResult<DefaultData>> {
  const cs = await import('../../aws/config-sets.js');
  const { data, note } = await f(await ctx.sms(), cs);
  return { data, notes: [note] };
}

function setRef(args: unknown[], problems: InputProblem[]): string {
  return checkSetRef(args[0], '<config-set>', problems);
}

export function registerConfigSetDefaults(parent: Command, app: App): void {
  const setSender = parent
    .command('set-default-sender-id')
    .description('the sender ID of sends through this set that name no origination identity')
    .argument('<config-set>', 'configuration set name or ARN')
    .argument('<sender-id>', '1 to 11 letters, digits, _ and -')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = setRef(args, problems);
        const senderId = String(args[1] ?? '');
        if (!SENDER_ID.test(senderId)) problems.push({ field: '<sender-id>', message: 'a sender ID is 1 to 11 letters, digits, _ and -' });
        if (problems.length) throw new InputError(problems);
        return run(ctx, async (client, cs) => {
          const r = await cs.setDefaultSenderId(client, name, senderId, { signal: ctx.signal });
          return {
            data: { configurationSet: r.configurationSet, setting: 'defaultSenderId', value: r.senderId },
            note: `default sender ID of ${r.configurationSet}: ${r.senderId}`,
          };
        });
      }),
    );
  app.examples(setSender, [['sends through otp go out as ACME where sender IDs work', 'eum --sim config-set set-default-sender-id otp ACME']]);

  const unsetSender = parent
    .command('unset-default-sender-id')
    .description('remove the default sender ID of a configuration set')
    .argument('<config-set>', 'configuration set name or ARN')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = setRef(args, problems);
        if (problems.length) throw new InputError(problems);
        return run(ctx, async (client, cs) => {
          const r = await cs.deleteDefaultSenderId(client, name, { signal: ctx.signal });
          return {
            data: { configurationSet: r.configurationSet, setting: 'defaultSenderId', value: null, previous: r.senderId },
            note: r.senderId ? `removed default sender ID ${r.senderId} of ${r.configurationSet}` : `${r.configurationSet} had no default sender ID`,
          };
        });
      }),
    );
  app.examples(unsetSender, [['sends through otp name their own sender ID again', 'eum --sim config-set unset-default-sender-id otp']]);

  const setType = parent
    .command('set-default-message-type')
    .description('the message type of sends through this set that name none: transactional or promotional')
    .argument('<config-set>', 'configuration set name or ARN')
    .argument('<type>', 'transactional or promotional')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = setRef(args, problems);
        const type: MessageType = parseMessageType(args[1], '<type>', problems);
        if (problems.length) throw new InputError(problems);
        return run(ctx, async (client, cs) => {
          const r = await cs.setDefaultMessageType(client, name, type, { signal: ctx.signal });
          return {
            data: { configurationSet: r.configurationSet, setting: 'defaultMessageType', value: r.messageType },
            note: `default message type of ${r.configurationSet}: ${String(r.messageType).toLowerCase()}`,
          };
        });
      }),
    );
  app.examples(setType, [['one-time passwords are transactional', 'eum --sim config-set set-default-message-type otp transactional']]);

  const unsetType = parent
    .command('unset-default-message-type')
    .description('remove the default message type of a configuration set')
    .argument('<config-set>', 'configuration set name or ARN')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = setRef(args, problems);
        if (problems.length) throw new InputError(problems);
        return run(ctx, async (client, cs) => {
          const r = await cs.deleteDefaultMessageType(client, name, { signal: ctx.signal });
          return {
            data: { configurationSet: r.configurationSet, setting: 'defaultMessageType', value: null, previous: r.messageType },
            note: r.messageType
              ? `removed default message type ${r.messageType.toLowerCase()} of ${r.configurationSet}`
              : `${r.configurationSet} had no default message type`,
          };
        });
      }),
    );
  app.examples(unsetType, [['sends through otp name their own message type again', 'eum --sim config-set unset-default-message-type otp']]);

  const feedback = parent
    .command('set-default-feedback')
    .description('message feedback on or off by default for sends through this set (eum feedback)')
    .argument('<config-set>', 'configuration set name or ARN')
    .argument('<on|off>', 'on or off')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = setRef(args, problems);
        const v = String(args[1] ?? '').toLowerCase();
        if (v !== 'on' && v !== 'off') problems.push({ field: '<on|off>', message: `"${v.slice(0, 20)}": use on or off` });
        if (problems.length) throw new InputError(problems);
        return run(ctx, async (client, cs) => {
          const r = await cs.setDefaultMessageFeedback(client, name, v === 'on', { signal: ctx.signal });
          return {
            data: { configurationSet: r.configurationSet, setting: 'defaultMessageFeedback', value: r.enabled },
            note: `message feedback by default for ${r.configurationSet}: ${r.enabled ? 'on' : 'off'}`,
          };
        });
      }),
    );
  app.examples(feedback, [['every send through otp expects feedback', 'eum --sim config-set set-default-feedback otp on']]);
}
