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
type ConfigSets = typeof import('../../aws/config-sets.js');

/**
 * One default-setting command: `<config-set>` and the command's own arguments checked (every
 * problem at once, before any call), then one call whose answer becomes the data and the note.
 */
function defaultCommand<T>(
  parent: Command,
  app: App,
  spec: {
    name: string;
    description: string;
    /** The arguments after `<config-set>`. */
    args?: Array<[string, string]>;
    parse?: (args: unknown[], problems: InputProblem[]) => T;
    call: (client: Client, cs: ConfigSets, name: string, value: T, signal: AbortSignal) => Promise<{ data: DefaultData; note: string }>;
    example: [string, string];
  },
): void {
  const cmd = parent.command(spec.name).description(spec.description).argument('<config-set>', 'configuration set name or ARN');
  for (const [arg, help] of spec.args ?? []) cmd.argument(arg, help);
  cmd.action(
    app.action(async (ctx, { args }) => {
      const problems: InputProblem[] = [];
      const name = checkSetRef(args[0], '<config-set>', problems);
      const value = spec.parse ? spec.parse(args, problems) : (undefined as T);
      if (problems.length) throw new InputError(problems);
      const cs = await import('../../aws/config-sets.js');
      const { data, note } = await spec.call(await ctx.sms(), cs, name, value, ctx.signal);
      return { data, notes: [note] } satisfies CommandResult<DefaultData>;
    }),
  );
  app.examples(cmd, [spec.example]);
}

export function registerConfigSetDefaults(parent: Command, app: App): void {
  defaultCommand(parent, app, {
    name: 'set-default-sender-id',
    description: 'the sender ID of sends through this set that name no origination identity',
    args: [['<sender-id>', '1 to 11 letters, digits, _ and -']],
    parse: (args, problems) => {
      const senderId = String(args[1] ?? '');
      if (!SENDER_ID.test(senderId)) problems.push({ field: '<sender-id>', message: 'a sender ID is 1 to 11 letters, digits, _ and -' });
      return senderId;
    },
    call: async (client, cs, name, senderId, signal) => {
      const r = await cs.setDefaultSenderId(client, name, senderId, { signal });
      return {
        data: { configurationSet: r.configurationSet, setting: 'defaultSenderId', value: r.senderId },
        note: `default sender ID of ${r.configurationSet}: ${r.senderId}`,
      };
    },
    example: ['sends through otp go out as ACME where sender IDs work', 'eum --sim config-set set-default-sender-id otp ACME'],
  });

  defaultCommand(parent, app, {
    name: 'unset-default-sender-id',
    description: 'remove the default sender ID of a configuration set',
    call: async (client, cs, name, _value, signal) => {
      const r = await cs.deleteDefaultSenderId(client, name, { signal });
      return {
        data: { configurationSet: r.configurationSet, setting: 'defaultSenderId', value: null, previous: r.senderId },
        note: r.senderId ? `removed default sender ID ${r.senderId} of ${r.configurationSet}` : `${r.configurationSet} had no default sender ID`,
      };
    },
    example: ['sends through otp name their own sender ID again', 'eum --sim config-set unset-default-sender-id otp'],
  });

  defaultCommand(parent, app, {
    name: 'set-default-message-type',
    description: 'the message type of sends through this set that name none: transactional or promotional',
    args: [['<type>', 'transactional or promotional']],
    parse: (args, problems): MessageType => parseMessageType(args[1], '<type>', problems),
    call: async (client, cs, name, type, signal) => {
      const r = await cs.setDefaultMessageType(client, name, type, { signal });
      return {
        data: { configurationSet: r.configurationSet, setting: 'defaultMessageType', value: r.messageType },
        note: `default message type of ${r.configurationSet}: ${String(r.messageType).toLowerCase()}`,
      };
    },
    example: ['one-time passwords are transactional', 'eum --sim config-set set-default-message-type otp transactional'],
  });

  defaultCommand(parent, app, {
    name: 'unset-default-message-type',
    description: 'remove the default message type of a configuration set',
    call: async (client, cs, name, _value, signal) => {
      const r = await cs.deleteDefaultMessageType(client, name, { signal });
      return {
        data: { configurationSet: r.configurationSet, setting: 'defaultMessageType', value: null, previous: r.messageType },
        note: r.messageType
          ? `removed default message type ${r.messageType.toLowerCase()} of ${r.configurationSet}`
          : `${r.configurationSet} had no default message type`,
      };
    },
    example: ['sends through otp name their own message type again', 'eum --sim config-set unset-default-message-type otp'],
  });

  defaultCommand(parent, app, {
    name: 'set-default-feedback',
    description: 'message feedback on or off by default for sends through this set (eum feedback)',
    args: [['<on|off>', 'on or off']],
    parse: (args, problems) => {
      const v = String(args[1] ?? '').toLowerCase();
      if (v !== 'on' && v !== 'off') problems.push({ field: '<on|off>', message: `"${v.slice(0, 20)}": use on or off` });
      return v === 'on';
    },
    call: async (client, cs, name, on, signal) => {
      const r = await cs.setDefaultMessageFeedback(client, name, on, { signal });
      return {
        data: { configurationSet: r.configurationSet, setting: 'defaultMessageFeedback', value: r.enabled },
        note: `message feedback by default for ${r.configurationSet}: ${r.enabled ? 'on' : 'off'}`,
      };
    },
    example: ['every send through otp expects feedback', 'eum --sim config-set set-default-feedback otp on'],
  });
}
