/**
 * Configuration sets over the SMS API: typed functions over the SDK (its paginator for
 * DescribeConfigurationSets), mapping SDK shapes to eum's once: the set with its event
 * destinations and defaults, create and delete, event destinations, the default sender ID,
 * message type and message feedback. One attempt each: callers retry through the bulk engine.
 * Loaded on first use only.
 */
import {
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteDefaultMessageTypeCommand,
  DeleteDefaultSenderIdCommand,
  DeleteEventDestinationCommand,
  SetDefaultMessageFeedbackEnabledCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  UpdateEventDestinationCommand,
  paginateDescribeConfigurationSets,
  type ConfigurationSetFilter,
  type ConfigurationSetInformation,
  type EventDestination,
  type EventType,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { collectPages, pageOptions } from './paginate.js';

type Client = PinpointSMSVoiceV2Client;

interface CallOptions {
  signal?: AbortSignal;
}

export type MessageType = 'TRANSACTIONAL' | 'PROMOTIONAL';

/** Where an event destination delivers, with the ARNs it needs. */
export type DestinationTarget =
  | { kind: 'cloudwatch-logs'; iamRoleArn: string; logGroupArn: string }
  | { kind: 'firehose'; iamRoleArn: string; deliveryStreamArn: string }
  | { kind: 'sns'; topicArn: string };

export interface EventDestinationInfo {
  name: string;
  enabled: boolean;
  /** The API's event type names (`TEXT_DELIVERED`, `ALL`, ...). */
  eventTypes: string[];
  /** null: the answer named no destination eum knows. */
  target: DestinationTarget | null;
}

/** A configuration set as eum shows it. */
export interface ConfigurationSetInfo {
  name: string;
  arn: string;
  createdAt: string | null;
  defaultSenderId: string | null;
  defaultMessageType: MessageType | null;
  defaultMessageFeedback: boolean;
  protectConfigurationId: string | null;
  eventDestinations: EventDestinationInfo[];
}

export interface ConfigurationSetFilters {
  names?: string[];
  defaultSenderId?: string;
  defaultMessageType?: MessageType;
  protectConfigurationId?: string;
  eventDestinationName?: string;
}

function toTarget(d: Partial<EventDestination>): DestinationTarget | null {
  if (d.CloudWatchLogsDestination)
    return { kind: 'cloudwatch-logs', iamRoleArn: d.CloudWatchLogsDestination.IamRoleArn ?? '', logGroupArn: d.CloudWatchLogsDestination.LogGroupArn ?? '' };
  if (d.KinesisFirehoseDestination)
    return {
      kind: 'firehose',
      iamRoleArn: d.KinesisFirehoseDestination.IamRoleArn ?? '',
      deliveryStreamArn: d.KinesisFirehoseDestination.DeliveryStreamArn ?? '',
    };
  if (d.SnsDestination) return { kind: 'sns', topicArn: d.SnsDestination.TopicArn ?? '' };
  return null;
}

function toDestination(d: Partial<EventDestination>): EventDestinationInfo {
  return { name: d.EventDestinationName ?? '', enabled: d.Enabled ?? false, eventTypes: d.MatchingEventTypes ?? [], target: toTarget(d) };
}

/** Maps one SDK configuration set (as Describe, Create or Delete answer it) to eum's shape. */
export function toConfigurationSet(s: Partial<ConfigurationSetInformation>): ConfigurationSetInfo {
  return {
    name: s.ConfigurationSetName ?? '',
    arn: s.ConfigurationSetArn ?? '',
    createdAt: s.CreatedTimestamp ? s.CreatedTimestamp.toISOString() : null,
    defaultSenderId: s.DefaultSenderId ?? null,
    defaultMessageType: (s.DefaultMessageType as MessageType | undefined) ?? null,
    defaultMessageFeedback: s.DefaultMessageFeedbackEnabled ?? false,
    protectConfigurationId: s.ProtectConfigurationId ?? null,
    eventDestinations: (s.EventDestinations ?? []).map(toDestination),
  };
}

/** Every configuration set matching the filters (all pages), with destinations and defaults. */
export async function describeConfigurationSets(
  client: Client,
  filters: ConfigurationSetFilters = {},
  options: CallOptions = {},
): Promise<ConfigurationSetInfo[]> {
  const Filters: ConfigurationSetFilter[] = [];
  if (filters.defaultSenderId !== undefined) Filters.push({ Name: 'default-sender-id', Values: [filters.defaultSenderId] });
  if (filters.defaultMessageType !== undefined) Filters.push({ Name: 'default-message-type', Values: [filters.defaultMessageType] });
  if (filters.protectConfigurationId !== undefined) Filters.push({ Name: 'protect-configuration-id', Values: [filters.protectConfigurationId] });
  if (filters.eventDestinationName !== undefined) Filters.push({ Name: 'event-destination-name', Values: [filters.eventDestinationName] });
  const input = { ConfigurationSetNames: filters.names?.length ? filters.names : undefined, Filters: Filters.length ? Filters : undefined };
  return collectPages(paginateDescribeConfigurationSets({ client }, input, pageOptions(options.signal)), (page) => page.ConfigurationSets, toConfigurationSet);
}

/** One configuration set by name (ResourceNotFoundException when there is none). */
export async function describeConfigurationSet(client: Client, name: string, options: CallOptions = {}): Promise<ConfigurationSetInfo> {
  const [set] = await describeConfigurationSets(client, { names: [name] }, options);
  return set;
}

/** CreateConfigurationSet (idempotent with its ClientToken). */
export async function createConfigurationSet(
  client: Client,
  r: { name: string; tags?: Array<{ Key: string; Value: string }>; clientToken: string },
  options: CallOptions = {},
): Promise<ConfigurationSetInfo> {
  const out = await client.send(
    new CreateConfigurationSetCommand({ ConfigurationSetName: r.name, Tags: r.tags?.length ? r.tags : undefined, ClientToken: r.clientToken }),
    { abortSignal: options.signal },
  );
  return toConfigurationSet({ ...out, EventDestinations: [] });
}

/** DeleteConfigurationSet: the set as it was, with its event destinations. */
export async function deleteConfigurationSet(client: Client, name: string, options: CallOptions = {}): Promise<ConfigurationSetInfo> {
  const out = await client.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: name }), { abortSignal: options.signal });
  return toConfigurationSet(out);
}

function targetInput(t: DestinationTarget) {
  switch (t.kind) {
    case 'cloudwatch-logs':
      return { CloudWatchLogsDestination: { IamRoleArn: t.iamRoleArn, LogGroupArn: t.logGroupArn } };
    case 'firehose':
      return { KinesisFirehoseDestination: { IamRoleArn: t.iamRoleArn, DeliveryStreamArn: t.deliveryStreamArn } };
    case 'sns':
      return { SnsDestination: { TopicArn: t.topicArn } };
  }
}

export interface EventDestinationRequest {
  configurationSet: string;
  name: string;
  eventTypes: string[];
  target: DestinationTarget;
  /** Identifies one attempt to create this destination: the same token replays the first answer. */
  clientToken: string;
}

/** CreateEventDestination (idempotent with its ClientToken). */
export async function createEventDestination(client: Client, r: EventDestinationRequest, options: CallOptions = {}): Promise<EventDestinationInfo> {
  const out = await client.send(
    new CreateEventDestinationCommand({
      ConfigurationSetName: r.configurationSet,
      EventDestinationName: r.name,
      MatchingEventTypes: r.eventTypes as EventType[],
      ...targetInput(r.target),
      ClientToken: r.clientToken,
    }),
    { abortSignal: options.signal },
  );
  return toDestination(out.EventDestination ?? {});
}

export interface EventDestinationUpdate {
  configurationSet: string;
  name: string;
  enabled?: boolean;
  eventTypes?: string[];
  target?: DestinationTarget;
}

/** UpdateEventDestination: only what is given changes. */
export async function updateEventDestination(client: Client, u: EventDestinationUpdate, options: CallOptions = {}): Promise<EventDestinationInfo> {
  const out = await client.send(
    new UpdateEventDestinationCommand({
      ConfigurationSetName: u.configurationSet,
      EventDestinationName: u.name,
      Enabled: u.enabled,
      MatchingEventTypes: u.eventTypes as EventType[] | undefined,
      ...(u.target ? targetInput(u.target) : {}),
    }),
    { abortSignal: options.signal },
  );
  return toDestination(out.EventDestination ?? {});
}

/** DeleteEventDestination: the destination as it was. */
export async function deleteEventDestination(client: Client, configurationSet: string, name: string, options: CallOptions = {}): Promise<EventDestinationInfo> {
  const out = await client.send(new DeleteEventDestinationCommand({ ConfigurationSetName: configurationSet, EventDestinationName: name }), {
    abortSignal: options.signal,
  });
  return toDestination(out.EventDestination ?? {});
}

/** SetDefaultSenderId: the sender ID used when a send through this set names none. */
export async function setDefaultSenderId(
  client: Client,
  configurationSet: string,
  senderId: string,
  options: CallOptions = {},
): Promise<{ configurationSet: string; senderId: string | null }> {
  const out = await client.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: configurationSet, SenderId: senderId }), { abortSignal: options.signal });
  return { configurationSet: out.ConfigurationSetName ?? configurationSet, senderId: out.SenderId ?? null };
}

/** DeleteDefaultSenderId: the sender ID that was the default. */
export async function deleteDefaultSenderId(
  client: Client,
  configurationSet: string,
  options: CallOptions = {},
): Promise<{ configurationSet: string; senderId: string | null }> {
  const out = await client.send(new DeleteDefaultSenderIdCommand({ ConfigurationSetName: configurationSet }), { abortSignal: options.signal });
  return { configurationSet: out.ConfigurationSetName ?? configurationSet, senderId: out.SenderId ?? null };
}

/** SetDefaultMessageType. */
export async function setDefaultMessageType(
  client: Client,
  configurationSet: string,
  messageType: MessageType,
  options: CallOptions = {},
): Promise<{ configurationSet: string; messageType: MessageType | null }> {
  const out = await client.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: configurationSet, MessageType: messageType }), {
    abortSignal: options.signal,
  });
  return { configurationSet: out.ConfigurationSetName ?? configurationSet, messageType: (out.MessageType as MessageType | undefined) ?? null };
}

/** DeleteDefaultMessageType: the message type that was the default. */
export async function deleteDefaultMessageType(
  client: Client,
  configurationSet: string,
  options: CallOptions = {},
): Promise<{ configurationSet: string; messageType: MessageType | null }> {
  const out = await client.send(new DeleteDefaultMessageTypeCommand({ ConfigurationSetName: configurationSet }), { abortSignal: options.signal });
  return { configurationSet: out.ConfigurationSetName ?? configurationSet, messageType: (out.MessageType as MessageType | undefined) ?? null };
}

/** SetDefaultMessageFeedbackEnabled: whether messages sent through this set expect feedback by default. */
export async function setDefaultMessageFeedback(
  client: Client,
  configurationSet: string,
  enabled: boolean,
  options: CallOptions = {},
): Promise<{ configurationSet: string; enabled: boolean }> {
  const out = await client.send(new SetDefaultMessageFeedbackEnabledCommand({ ConfigurationSetName: configurationSet, MessageFeedbackEnabled: enabled }), {
    abortSignal: options.signal,
  });
  return { configurationSet: out.ConfigurationSetName ?? configurationSet, enabled: out.MessageFeedbackEnabled ?? enabled };
}
