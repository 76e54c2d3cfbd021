/** `eum config-set show NAME`: one configuration set in full. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import type { ConfigurationSetInfo } from '../../aws/config-sets.js';
import { checkSetRef, targetLabel } from './options.js';
import { summarizeEventTypes } from '../../core/config-set/events.js';

export type ConfigSetShowData = ConfigurationSetInfo;

export async function runConfigSetShow(ctx: Context, o: { name: string }): Promise<CommandResult<ConfigSetShowData>> {
  const { describeConfigurationSet } = await import('../../aws/config-sets.js');
  const s = await describeConfigurationSet(await ctx.sms(), o.name, { signal: ctx.signal });
  const notes: string[] = [];
  if (!s.eventDestinations.length)
    notes.push(`no event destination: delivery events go nowhere; add one with eum config-set destination add ${s.name} NAME --sns TOPIC_ARN --events final`);
  return {
    data: s,
    views: [
      {
        kind: 'kv',
        title: `Configuration set ${s.name}`,
        pairs: [
          ['name', s.name],
          ['arn', s.arn],
          ['default sender ID', s.defaultSenderId ?? '(none)'],
          ['default message type', s.defaultMessageType?.toLowerCase() ?? '(none)'],
          ['message feedback by default', s.defaultMessageFeedback ? 'on' : 'off'],
          ['Protect configuration', s.protectConfigurationId ?? '(none: the account default applies)'],
          ['created', s.createdAt ?? ''],
        ],
      },
      {
        kind: 'table',
        title: 'Event destinations',
        columns: [
          { key: 'name', header: 'Name' },
          { key: 'enabled', header: 'Enabled', format: (v) => (v ? 'yes' : 'no') },
          { key: 'where', header: 'Destination' },
          { key: 'eventTypes', header: 'Event types', format: (v) => summarizeEventTypes(v as string[]).join(', ') },
        ],
        rows: s.eventDestinations.map((d) => ({ name: d.name, enabled: d.enabled, where: targetLabel(d.target), eventTypes: d.eventTypes })),
        empty: '(none)',
      },
    ],
    notes,
  };
}

export function registerConfigSetShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show')
    .description('show a configuration set: event destinations, default sender ID and message type, Protect configuration, feedback default')
    .argument('<name>', 'configuration set name or ARN')
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const name = checkSetRef(args[0], '<name>', problems);
        if (problems.length) throw new InputError(problems);
        return runConfigSetShow(ctx, { name });
      }),
    );
  app.examples(cmd, [
    ['one set', 'eum --sim config-set show otp'],
    ['its event types, for a script', "eum config-set show otp --query 'eventDestinations[].eventTypes'"],
  ]);
}
