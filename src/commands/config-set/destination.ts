/**
 * `eum config-set destination add|update|remove`: event destinations (CloudWatch Logs, Firehose,
 * SNS) of a configuration set, with their event types by name or group (`src/core/config-set/events.ts`).
 * Every flag is checked, ARNs included, before any call.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult, View } from '../../cli/output.js';
import { ExitCode, InputError, OperationError, type InputProblem } from '../../errors.js';
import type { DestinationTarget, EventDestinationInfo } from '../../aws/config-sets.js';
import { EVENT_GROUPS, summarizeEventTypes } from '../../core/config-set/events.js';
import { checkDestinationName, checkSetRef, collect, configSetFlags as f, parseTarget, targetFlags, targetLabel } from './options.js';
import { parseOptions } from '../../cli/options.js';

/** The flags of `destination add` and `update`, each with its type and check. */
const destinationFlags = { ...targetFlags, events: f.events, enable: f.switch, disable: f.switch };

export interface DestinationData {
  configurationSet: string;
  destination: EventDestinationInfo;
}

function destinationView(d: EventDestinationInfo): View {
  return {
    kind: 'kv',
    pairs: [
      ['name', d.name],
      ['enabled', d.enabled ? 'yes' : 'no'],
      ['destination', targetLabel(d.target)],
      ['event types', summarizeEventTypes(d.eventTypes).join(', ')],
    ],
  };
}

const targetOptions = (cmd: Command) =>
  cmd
    .option('--sns <topic-arn>', 'publish events to this SNS topic')
    .option('--cloudwatch-logs <log-group-arn>', 'write events to this CloudWatch Logs log group (with --role)')
    .option('--firehose <stream-arn>', 'put events on this Firehose delivery stream (with --role)')
    .option('--role <role-arn>', 'the IAM role the service assumes to write to CloudWatch Logs or Firehose')
    .option(
      '--events <list>',
      `event types or groups, comma-separated or repeated: API names (TEXT_DELIVERED), groups (${EVENT_GROUPS.join(', ')}), per channel (text:final, voice:failures) or a channel (text, media, voice, rcs)`,
      collect,
    );

interface AddOptions {
  configurationSet: string;
  name: string;
  target: DestinationTarget;
  eventTypes: string[];
}

export function parseDestinationAddOptions(args: unknown[], opts: Record<string, unknown>): AddOptions {
  const problems: InputProblem[] = [];
  const configurationSet = checkSetRef(args[0], '<config-set>', problems);
  const name = checkDestinationName(args[1], '<name>', problems);
  const { events: eventTypes, ...o } = parseOptions(destinationFlags, opts, problems);
  const target = parseTarget(o, true, problems);
  if (eventTypes === undefined && opts.events === undefined)
    problems.push({
      field: '--events',
      message: 'which events? e.g. --events final (delivered and failed), --events all, --events TEXT_DELIVERED,TEXT_BLOCKED',
    });
  if (problems.length) throw new InputError(problems, 'nothing was created');
  return { configurationSet, name, target: target!, eventTypes: eventTypes! };
}

export async function runDestinationAdd(ctx: Context, o: AddOptions): Promise<CommandResult<DestinationData>> {
  const { createEventDestination } = await import('../../aws/config-sets.js');
  const d = await createEventDestination(
    await ctx.sms(),
    { configurationSet: o.configurationSet, name: o.name, eventTypes: o.eventTypes, target: o.target, clientToken: randomUUID() },
    { signal: ctx.signal },
  );
  return {
    data: { configurationSet: o.configurationSet, destination: d },
    views: [destinationView(d)],
    notes: [
      `added event destination ${d.name} to ${o.configurationSet}: ${d.eventTypes.length} event type${d.eventTypes.length === 1 ? '' : 's'} to ${d.target?.kind ?? 'it'} (--json lists them)`,
    ],
  };
}

interface UpdateOptions {
  configurationSet: string;
  name: string;
  target?: DestinationTarget;
  eventTypes?: string[];
  enabled?: boolean;
}

export function parseDestinationUpdateOptions(args: unknown[], opts: Record<string, unknown>): UpdateOptions {
  const problems: InputProblem[] = [];
  const configurationSet = checkSetRef(args[0], '<config-set>', problems);
  const name = checkDestinationName(args[1], '<name>', problems);
  const { events: eventTypes, ...o } = parseOptions(destinationFlags, opts, problems);
  const target = parseTarget(o, false, problems);
  if (o.enable && o.disable) problems.push({ field: '--enable, --disable', message: 'give one of them' });
  const enabled = o.enable ? true : o.disable ? false : undefined;
  if (!problems.length && target === undefined && eventTypes === undefined && enabled === undefined) {
    problems.push({
      field: '--events',
      message: 'nothing to change: give --events, --enable, --disable, or a new destination (--sns, --cloudwatch-logs, --firehose)',
    });
  }
  if (problems.length) throw new InputError(problems, 'nothing was changed');
  return { configurationSet, name, target, eventTypes, enabled };
}

export async function runDestinationUpdate(ctx: Context, o: UpdateOptions): Promise<CommandResult<DestinationData>> {
  const { updateEventDestination } = await import('../../aws/config-sets.js');
  const d = await updateEventDestination(
    await ctx.sms(),
    { configurationSet: o.configurationSet, name: o.name, enabled: o.enabled, eventTypes: o.eventTypes, target: o.target },
    { signal: ctx.signal },
  );
  const changed = [o.eventTypes ? 'event types' : '', o.enabled === undefined ? '' : o.enabled ? 'enabled' : 'disabled', o.target ? 'destination' : ''].filter(
    Boolean,
  );
  return {
    data: { configurationSet: o.configurationSet, destination: d },
    views: [destinationView(d)],
    notes: [`updated event destination ${d.name} of ${o.configurationSet}: ${changed.join(', ')}`],
  };
}

export interface DestinationRemoveData {
  configurationSet: string;
  name: string;
  removed: boolean;
  dryRun: boolean;
  destination: EventDestinationInfo;
}

export async function runDestinationRemove(
  ctx: Context,
  o: { configurationSet: string; name: string; dryRun: boolean },
): Promise<CommandResult<DestinationRemoveData>> {
  const cs = await import('../../aws/config-sets.js');
  const client = await ctx.sms();
  const set = await cs.describeConfigurationSet(client, o.configurationSet, { signal: ctx.signal });
  const d = set.eventDestinations.find((x) => x.name === o.name);
  if (!d) {
    throw new OperationError(
      `${set.name} has no event destination ${o.name}${set.eventDestinations.length ? `; it has ${set.eventDestinations.map((x) => x.name).join(', ')}` : '; it has none'}`,
      {
        code: 'ResourceNotFoundException',
        hint: 'nothing was removed; eum config-set show NAME lists the destinations',
      },
    );
  }
  const what = `event destination ${d.name} (${targetLabel(d.target)}) of ${set.name}`;
  const base = { configurationSet: set.name, name: d.name, destination: d };
  if (o.dryRun) return { data: { ...base, removed: false, dryRun: true }, notes: [`dry run: would remove ${what}`], exitCode: ExitCode.Pending };
  if (!(await ctx.confirm(`remove ${what}? its events stop at once`)))
    return { data: { ...base, removed: false, dryRun: false }, notes: ['nothing removed'], exitCode: ExitCode.Failed };
  await cs.deleteEventDestination(client, set.name, d.name, { signal: ctx.signal });
  return { data: { ...base, removed: true, dryRun: false }, notes: [`removed ${what}`] };
}

export function registerConfigSetDestination(parent: Command, app: App): void {
  const destination = parent.command('destination').description('event destinations of a configuration set: CloudWatch Logs, Firehose, SNS');

  const add = targetOptions(
    destination
      .command('add')
      .description('add an event destination (at most 5 per configuration set)')
      .argument('<config-set>', 'configuration set name or ARN')
      .argument('<name>', 'the destination name: 1 to 64 letters, digits, _ and -'),
  );
  add.action(app.action(async (ctx, { args, opts }) => runDestinationAdd(ctx, parseDestinationAddOptions(args, opts))));
  app.examples(add, [
    [
      'final outcomes of every channel to SNS',
      'eum --sim config-set destination add otp outcomes --sns arn:aws:sns:us-east-1:123456789012:sms-events --events final',
    ],
    [
      'SMS failures to CloudWatch Logs',
      'eum config-set destination add otp failures --cloudwatch-logs arn:aws:logs:us-east-1:123456789012:log-group:sms --role arn:aws:iam::123456789012:role/SmsEvents --events text:failures',
    ],
    [
      'everything to Firehose',
      'eum config-set destination add otp lake --firehose arn:aws:firehose:us-east-1:123456789012:deliverystream/sms --role arn:aws:iam::123456789012:role/SmsEvents --events all',
    ],
  ]);

  const update = targetOptions(
    destination
      .command('update')
      .description('change an event destination: its event types, where it delivers, enabled or not')
      .argument('<config-set>', 'configuration set name or ARN')
      .argument('<name>', 'the destination name'),
  )
    .option('--enable', 'deliver events again')
    .option('--disable', 'stop delivering events (the destination stays)');
  update.action(app.action(async (ctx, { args, opts }) => runDestinationUpdate(ctx, parseDestinationUpdateOptions(args, opts))));
  app.examples(update, [
    ['also progress events', 'eum --sim config-set destination update otp outcomes --events final,progress'],
    ['pause it', 'eum config-set destination update otp outcomes --disable'],
  ]);

  const remove = destination
    .command('remove')
    .description('remove an event destination (asks first)')
    .argument('<config-set>', 'configuration set name or ARN')
    .argument('<name>', 'the destination name')
    .option('--dry-run', 'show what would be removed, remove nothing (exit 3)')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const configurationSet = checkSetRef(args[0], '<config-set>', problems);
        const name = checkDestinationName(args[1], '<name>', problems);
        const { dryRun } = parseOptions({ dryRun: f.switch }, opts, problems);
        if (problems.length) throw new InputError(problems);
        return runDestinationRemove(ctx, { configurationSet, name, dryRun });
      }),
    );
  app.examples(remove, [['in a script', 'eum config-set destination remove otp outcomes --yes']]);
}
