/** `eum config-set create NAME [--tag k=v]... [--default-sender-id ID] [--default-message-type T] [--feedback]`. */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, OperationError, type InputProblem } from '../../errors.js';
import type { ConfigurationSetInfo, MessageType } from '../../aws/config-sets.js';
import { checkSetName, collect, configSetFlags as f } from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface ConfigSetCreateOptions {
  name: string;
  tags: Array<{ Key: string; Value: string }>;
  defaultSenderId?: string;
  defaultMessageType?: MessageType;
  feedback: boolean;
}

/** The flags of `config-set create`, each with its type and check. */
const createFlags = { tag: f.tags, defaultSenderId: f.senderId, defaultMessageType: f.messageType, feedback: f.switch };

export function parseConfigSetCreateOptions(args: unknown[], opts: Record<string, unknown>): ConfigSetCreateOptions {
  const problems: InputProblem[] = [];
  const name = checkSetName(args[0], '<name>', problems);
  const { tag: tags, ...o } = parseOptions(createFlags, opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was created');
  return { name, tags, ...o };
}

export async function runConfigSetCreate(ctx: Context, o: ConfigSetCreateOptions): Promise<CommandResult<ConfigurationSetInfo>> {
  const cs = await import('../../aws/config-sets.js');
  const client = await ctx.sms();
  // The token makes the SDK's retries of this one call safe: a repeat answers the first creation.
  const created = await cs.createConfigurationSet(client, { name: o.name, tags: o.tags, clientToken: randomUUID() }, { signal: ctx.signal });
  let set = created;
  const done = [`created configuration set ${created.name}`];
  const steps: Array<{ what: string; retry: string; run: () => Promise<unknown> }> = [];
  if (o.defaultSenderId !== undefined) {
    const id = o.defaultSenderId;
    steps.push({
      what: `default sender ID ${id}`,
      retry: `eum config-set set-default-sender-id ${created.name} ${id}`,
      run: () => cs.setDefaultSenderId(client, created.name, id, { signal: ctx.signal }),
    });
  }
  if (o.defaultMessageType !== undefined) {
    const type = o.defaultMessageType;
    steps.push({
      what: `default message type ${type.toLowerCase()}`,
      retry: `eum config-set set-default-message-type ${created.name} ${type.toLowerCase()}`,
      run: () => cs.setDefaultMessageType(client, created.name, type, { signal: ctx.signal }),
    });
  }
  if (o.feedback)
    steps.push({
      what: 'message feedback on by default',
      retry: `eum config-set set-default-feedback ${created.name} on`,
      run: () => cs.setDefaultMessageFeedback(client, created.name, true, { signal: ctx.signal }),
    });
  for (const [i, step] of steps.entries()) {
    try {
      await step.run();
    } catch (err) {
      // The set exists: say so, and what is left to do, rather than only the failed call.
      const { translateAwsError } = await import('../../aws/errors.js');
      const e = translateAwsError(err);
      throw new OperationError(`${done.join('; ')}, but setting its ${step.what} failed: ${e.message}`, {
        code: e.code,
        hint: `the set exists; finish with: ${steps
          .slice(i)
          .map((s) => s.retry)
          .join(' && ')}${e.hint ? ` (${e.hint})` : ''}`,
        cause: err,
      });
    }
    done.push(step.what);
  }
  if (done.length > 1) set = await cs.describeConfigurationSet(client, created.name, { signal: ctx.signal });
  return {
    data: set,
    views: [{ kind: 'text', text: set.name }],
    notes: [done.join('; '), `events go nowhere until it has a destination: eum config-set destination add ${set.name} NAME --sns TOPIC_ARN --events final`],
  };
}

export function registerConfigSetCreate(parent: Command, app: App): void {
  const cmd = parent
    .command('create')
    .description('create a configuration set (then add an event destination to receive delivery events)')
    .argument('<name>', '1 to 64 letters, digits, _ and -')
    .option('--tag <key=value>', 'a tag (repeatable)', collect, [])
    .option('--default-sender-id <id>', 'the sender ID of sends through this set that name none')
    .option('--default-message-type <type>', 'transactional or promotional, for sends that name none')
    .option('--feedback', 'message feedback on by default for sends through this set')
    .action(app.action(async (ctx, { args, opts }) => runConfigSetCreate(ctx, parseConfigSetCreateOptions(args, opts))));
  app.examples(cmd, [
    ['a set for one-time passwords', 'eum --sim config-set create otp --default-message-type transactional --feedback'],
    ['tagged', 'eum config-set create marketing --tag team=growth --default-message-type promotional'],
  ]);
}
