/** Flags shared by the `eum config-set` commands, each checked before any call. */
import type { InputProblem } from '../../errors.js';
import { arnProblem, type ArnKind } from '../../core/config-set/arn.js';
import { expandEventTypes } from '../../core/config-set/events.js';
import type { DestinationTarget, MessageType } from '../../aws/config-sets.js';
import { escapeControls } from '../../core/escape.js';
import { flag, flagSchemas } from '../../cli/options.js';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_OR_ARN = /^[A-Za-z0-9_:/-]{1,256}$/;

const shown = (v: string) => `"${escapeControls(v.slice(0, 80))}"`;

/** A configuration set's name for `create`: 1 to 64 letters, digits, `_` and `-`. */
export function checkSetName(value: unknown, field: string, problems: InputProblem[]): string {
  const v = String(value ?? '');
  if (!NAME.test(v)) problems.push({ field, message: `${shown(v)} is not a configuration set name: 1 to 64 letters, digits, _ and -` });
  return v;
}

/** A configuration set named by name or ARN. */
export function checkSetRef(value: unknown, field: string, problems: InputProblem[]): string {
  const v = String(value ?? '');
  if (!NAME_OR_ARN.test(v)) problems.push({ field, message: `${shown(v)} is not a configuration set name or ARN: 1 to 256 letters, digits, _ - : /` });
  return v;
}

/** An event destination's name: 1 to 64 letters, digits, `_` and `-`. */
export function checkDestinationName(value: unknown, field: string, problems: InputProblem[]): string {
  const v = String(value ?? '');
  if (!NAME.test(v)) problems.push({ field, message: `${shown(v)} is not an event destination name: 1 to 64 letters, digits, _ and -` });
  return v;
}

/** `--tag key=value` (repeatable) into API tags. */
export function parseTags(raw: string[] | undefined, problems: InputProblem[]): Array<{ Key: string; Value: string }> {
  const tags: Array<{ Key: string; Value: string }> = [];
  for (const t of raw ?? []) {
    const i = t.indexOf('=');
    const key = i < 0 ? t : t.slice(0, i);
    const value = i < 0 ? '' : t.slice(i + 1);
    if (i < 1 || key.length > 128 || value.length > 256)
      problems.push({ field: '--tag', message: `${shown(t)}: use key=value (key 1 to 128 characters, value up to 256)` });
    else if (key.toLowerCase().startsWith('aws:')) problems.push({ field: '--tag', message: `${shown(t)}: keys starting with aws: are reserved by AWS` });
    else tags.push({ Key: key, Value: value });
  }
  if (tags.length > 50) problems.push({ field: '--tag', message: `at most 50 tags, got ${tags.length}` });
  return tags;
}

/** `--events` (repeatable or comma-separated) into the API's event types; undefined when not given. */
export function parseEvents(raw: string[] | undefined, problems: InputProblem[]): string[] | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const words = raw.flatMap((r) => r.split(','));
  const { types, problems: found } = expandEventTypes(words);
  for (const p of found) problems.push({ field: '--events', message: p.message });
  if (!found.length && types.length === 0) problems.push({ field: '--events', message: 'name at least one event type or group, e.g. --events final' });
  return types;
}

export interface TargetFlags {
  sns?: string;
  cloudwatchLogs?: string;
  firehose?: string;
  role?: string;
}

function checkArn(value: string, kind: ArnKind, field: string, problems: InputProblem[]): void {
  const p = arnProblem(value, kind);
  if (p) problems.push({ field, message: p });
}

/**
 * The destination the flags name: exactly one of `--sns`, `--cloudwatch-logs`, `--firehose`
 * (the last two with `--role`). `required: false` (update): none is fine, and then no `--role`.
 */
export function parseTarget(flags: TargetFlags, required: boolean, problems: InputProblem[]): DestinationTarget | undefined {
  const given = (['sns', 'cloudwatchLogs', 'firehose'] as const).filter((k) => flags[k] !== undefined);
  const flag = { sns: '--sns', cloudwatchLogs: '--cloudwatch-logs', firehose: '--firehose' };
  if (given.length > 1) {
    problems.push({
      field: given.map((k) => flag[k]).join(', '),
      message: 'an event destination delivers to one place: give one of --sns, --cloudwatch-logs, --firehose',
    });
    return undefined;
  }
  if (given.length === 0) {
    if (required)
      problems.push({
        field: '--sns',
        message: 'where should events go? give --sns TOPIC_ARN, --cloudwatch-logs LOG_GROUP_ARN --role ROLE_ARN, or --firehose STREAM_ARN --role ROLE_ARN',
      });
    else if (flags.role !== undefined) problems.push({ field: '--role', message: 'goes with --cloudwatch-logs or --firehose' });
    return undefined;
  }
  const kind = given[0];
  if (kind === 'sns') {
    checkArn(flags.sns!, 'sns-topic', '--sns', problems);
    if (flags.role !== undefined)
      problems.push({
        field: '--role',
        message: 'an SNS destination takes no role: remove --role (the topic policy must allow sms-voice.amazonaws.com to publish)',
      });
    return { kind: 'sns', topicArn: flags.sns! };
  }
  const role = flags.role;
  if (role === undefined)
    problems.push({ field: '--role', message: `${flag[kind]} needs --role ROLE_ARN: the IAM role the service assumes to write the events` });
  else checkArn(role, 'iam-role', '--role', problems);
  if (kind === 'cloudwatchLogs') {
    checkArn(flags.cloudwatchLogs!, 'log-group', '--cloudwatch-logs', problems);
    return { kind: 'cloudwatch-logs', iamRoleArn: role ?? '', logGroupArn: flags.cloudwatchLogs! };
  }
  checkArn(flags.firehose!, 'firehose-stream', '--firehose', problems);
  return { kind: 'firehose', iamRoleArn: role ?? '', deliveryStreamArn: flags.firehose! };
}

/** `transactional` or `promotional` (any case) into the API's message type. */
export function parseMessageType(value: unknown, field: string, problems: InputProblem[]): MessageType {
  const v = String(value ?? '').toUpperCase();
  if (v !== 'TRANSACTIONAL' && v !== 'PROMOTIONAL') problems.push({ field, message: `${shown(String(value ?? ''))}: use transactional or promotional` });
  return v as MessageType;
}

/** A flag whose check is one of the functions above (they collect problems): their messages become the flag's. */
function checked<T>(check: (raw: unknown, problems: InputProblem[]) => T) {
  return flag((raw, problem) => {
    const found: InputProblem[] = [];
    const value = check(raw, found);
    for (const p of found) problem(p.message);
    return value;
  });
}

const SENDER_ID = /^[A-Za-z0-9_-]{1,11}$/;

/** The flags of the config-set commands, each declared once with its type and check. */
export const configSetFlags = {
  /** `--tag key=value`, repeatable. */
  tags: checked((raw, problems) => parseTags(raw as string[] | undefined, problems)),
  /** `--events`, repeatable or comma-separated; undefined when absent. */
  events: checked((raw, problems) => parseEvents(raw as string[] | undefined, problems)),
  /** `--default-sender-id`. */
  senderId: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const v = String(raw);
    if (!SENDER_ID.test(v)) problem('a sender ID is 1 to 11 letters, digits, _ and -');
    return v;
  }),
  /** `--default-message-type`: transactional or promotional; undefined when absent. */
  messageType: checked((raw, problems) => (raw === undefined ? undefined : parseMessageType(raw, '', problems))),
  /** An ARN flag of a destination (`--sns`, `--cloudwatch-logs`, `--firehose`, `--role`): which ARN it must be depends on the others (`parseTarget`). */
  arn: flag((raw) => (raw === undefined ? undefined : String(raw))),
  /** `--dry-run`, `--feedback`, `--enable`, `--disable`. */
  switch: flagSchemas.switch(),
};

/** The destination flags, for `parseTarget`. */
export const targetFlags = { sns: configSetFlags.arn, cloudwatchLogs: configSetFlags.arn, firehose: configSetFlags.arn, role: configSetFlags.arn };

/** Where a destination delivers, in one line. */
export function targetLabel(t: DestinationTarget | null): string {
  if (!t) return '(unknown)';
  switch (t.kind) {
    case 'sns':
      return `sns ${t.topicArn}`;
    case 'cloudwatch-logs':
      return `cloudwatch-logs ${t.logGroupArn} (role ${t.iamRoleArn})`;
    case 'firehose':
      return `firehose ${t.deliveryStreamArn} (role ${t.iamRoleArn})`;
  }
}

/** Commander's collector for repeatable flags. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
