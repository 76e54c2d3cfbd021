/**
 * Configuration sets: create, describe, delete; defaults (message type, sender ID, message
 * feedback); event destinations (stored here; the sending side delivers events to them).
 */
import type {
  CreateConfigurationSetRequest,
  CreateEventDestinationRequest,
  DeleteConfigurationSetRequest,
  DeleteDefaultMessageTypeRequest,
  DeleteDefaultSenderIdRequest,
  DeleteEventDestinationRequest,
  DescribeConfigurationSetsRequest,
  SetDefaultMessageFeedbackEnabledRequest,
  SetDefaultMessageTypeRequest,
  SetDefaultSenderIdRequest,
  UpdateEventDestinationRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { arn, type ConfigurationSetRecord, type EventDestinationRecord } from '../state.js';
import { applyFilters, arnIsLocal, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';

/** Configuration sets per account and region (quotas page: "Number of configuration sets", 25). */
export const MAX_CONFIGURATION_SETS = 25;
/** Event destinations per configuration set (data/service-facts/events.json: 5). */
export const MAX_EVENT_DESTINATIONS = 5;

const DESTINATION_KINDS = ['CloudWatchLogsDestination', 'KinesisFirehoseDestination', 'SnsDestination'] as const;

/** The one destination of a create or update request; undefined when none is given (update keeps the old one). */
function destinationOf(input: Partial<Record<(typeof DESTINATION_KINDS)[number], unknown>>, required: boolean): Record<string, unknown> | undefined {
  const given = DESTINATION_KINDS.filter((k) => input[k] !== undefined);
  if (given.length > 1) {
    throw validationError(
      'PARAMETERS_CANNOT_BE_USED_TOGETHER',
      `Give one destination, not ${given.join(' and ')}.`,
      given.map((k) => ({ Name: k, Message: 'Only one destination per event destination' })),
    );
  }
  if (!given.length) {
    if (!required) return undefined;
    throw validationError('MISSING_PARAMETER', 'An event destination needs one of CloudWatchLogsDestination, KinesisFirehoseDestination or SnsDestination.', [
      { Name: 'CloudWatchLogsDestination', Message: 'One destination is required' },
    ]);
  }
  return { [given[0]]: input[given[0]] };
}

function findEventDestination(cs: ConfigurationSetRecord, name: string): EventDestinationRecord {
  const d = cs.eventDestinations.find((e) => e.EventDestinationName === name);
  if (!d) throw notFoundError('event-destination', name, `Event destination ${name} not found in configuration set ${cs.name}.`);
  return d;
}

/** A configuration set by name or ARN; ResourceNotFoundException otherwise. */
export function findConfigurationSet(ctx: OpContext, nameOrArn: string): ConfigurationSetRecord {
  let name = nameOrArn;
  if (nameOrArn.startsWith('arn:')) {
    const a = parseArn(nameOrArn);
    if (a?.resourceType !== 'configuration-set' || !arnIsLocal(a, ctx)) throw notFoundError('configuration-set', nameOrArn);
    name = a.resourceId;
  }
  const cs = ctx.region.configurationSets[name];
  if (!cs) throw notFoundError('configuration-set', nameOrArn);
  return cs;
}

export function configurationSetInformation(cs: ConfigurationSetRecord): object {
  return compact({
    ConfigurationSetArn: cs.arn,
    ConfigurationSetName: cs.name,
    EventDestinations: cs.eventDestinations,
    DefaultMessageType: cs.defaultMessageType,
    DefaultSenderId: cs.defaultSenderId,
    DefaultMessageFeedbackEnabled: cs.defaultMessageFeedbackEnabled,
    CreatedTimestamp: epochSeconds(cs.createdAt),
    ProtectConfigurationId: cs.protectConfigurationId,
  });
}

export const configurationSetOps: OpMap = {
  CreateConfigurationSet(ctx, input: CreateConfigurationSetRequest) {
    return idempotent(ctx, 'CreateConfigurationSet', input, () => {
      const name = input.ConfigurationSetName!;
      if (ctx.region.configurationSets[name]) {
        throw conflictError('RESOURCE_ALREADY_EXISTS', 'configuration-set', name, `A configuration set named ${name} already exists.`);
      }
      if (Object.keys(ctx.region.configurationSets).length >= MAX_CONFIGURATION_SETS) {
        throw quotaError('CONFIGURATION_SETS_PER_ACCOUNT', `You have reached the maximum of ${MAX_CONFIGURATION_SETS} configuration sets.`);
      }
      const cs: ConfigurationSetRecord = { name, arn: arn(ctx.regionName, `configuration-set/${name}`), createdAt: ctx.now, eventDestinations: [] };
      ctx.region.configurationSets[name] = cs;
      setTags(ctx, cs.arn, input.Tags);
      return compact({ ConfigurationSetArn: cs.arn, ConfigurationSetName: name, Tags: input.Tags ?? [], CreatedTimestamp: epochSeconds(cs.createdAt) });
    });
  },

  DescribeConfigurationSets(ctx, input: DescribeConfigurationSetsRequest) {
    let sets: ConfigurationSetRecord[];
    if (input.ConfigurationSetNames?.length) sets = input.ConfigurationSetNames.map((n) => findConfigurationSet(ctx, n));
    else sets = Object.values(ctx.region.configurationSets);
    sets = applyFilters(sets, input.Filters, {
      'event-destination-name': (c) => c.eventDestinations.map((e) => e.EventDestinationName),
      'matching-event-types': (c) => c.eventDestinations.flatMap((e) => e.MatchingEventTypes),
      'default-message-type': (c) => c.defaultMessageType,
      'default-sender-id': (c) => c.defaultSenderId,
      'default-message-feedback-enabled': (c) => c.defaultMessageFeedbackEnabled ?? false,
      'protect-configuration-id': (c) => c.protectConfigurationId,
    });
    const { page, nextToken } = paginate(sets, input);
    return compact({ ConfigurationSets: page.map(configurationSetInformation), NextToken: nextToken });
  },

  DeleteConfigurationSet(ctx, input: DeleteConfigurationSetRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    delete ctx.region.configurationSets[cs.name];
    delete ctx.region.tags[cs.arn];
    return compact({
      ConfigurationSetArn: cs.arn,
      ConfigurationSetName: cs.name,
      EventDestinations: cs.eventDestinations,
      DefaultMessageType: cs.defaultMessageType,
      DefaultSenderId: cs.defaultSenderId,
      DefaultMessageFeedbackEnabled: cs.defaultMessageFeedbackEnabled,
      CreatedTimestamp: epochSeconds(cs.createdAt),
    });
  },

  SetDefaultMessageType(ctx, input: SetDefaultMessageTypeRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    cs.defaultMessageType = input.MessageType!;
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, MessageType: cs.defaultMessageType };
  },

  DeleteDefaultMessageType(ctx, input: DeleteDefaultMessageTypeRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    const previous = cs.defaultMessageType;
    delete cs.defaultMessageType;
    return compact({ ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, MessageType: previous });
  },

  SetDefaultSenderId(ctx, input: SetDefaultSenderIdRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    cs.defaultSenderId = input.SenderId!;
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, SenderId: cs.defaultSenderId };
  },

  DeleteDefaultSenderId(ctx, input: DeleteDefaultSenderIdRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    const previous = cs.defaultSenderId;
    delete cs.defaultSenderId;
    return compact({ ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, SenderId: previous });
  },

  CreateEventDestination(ctx, input: CreateEventDestinationRequest) {
    return idempotent(ctx, 'CreateEventDestination', input, () => {
      const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
      const name = input.EventDestinationName!;
      const destination = destinationOf(input, true)!;
      if (cs.eventDestinations.some((e) => e.EventDestinationName === name)) {
        throw conflictError(
          'RESOURCE_ALREADY_EXISTS',
          'event-destination',
          name,
          `Configuration set ${cs.name} already has an event destination named ${name}.`,
        );
      }
      if (cs.eventDestinations.length >= MAX_EVENT_DESTINATIONS) {
        throw quotaError('EVENT_DESTINATIONS_PER_CONFIGURATION_SET', `A configuration set can have at most ${MAX_EVENT_DESTINATIONS} event destinations.`);
      }
      const d: EventDestinationRecord = {
        EventDestinationName: name,
        Enabled: true,
        MatchingEventTypes: [...new Set(input.MatchingEventTypes!)],
        ...destination,
      };
      cs.eventDestinations.push(d);
      return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, EventDestination: d };
    });
  },

  UpdateEventDestination(ctx, input: UpdateEventDestinationRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    const d = findEventDestination(cs, input.EventDestinationName!);
    const destination = destinationOf(input, false);
    if (input.Enabled !== undefined) d.Enabled = input.Enabled;
    if (input.MatchingEventTypes !== undefined) d.MatchingEventTypes = [...new Set(input.MatchingEventTypes)];
    if (destination) {
      for (const k of DESTINATION_KINDS) delete d[k];
      Object.assign(d, destination);
    }
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, EventDestination: d };
  },

  DeleteEventDestination(ctx, input: DeleteEventDestinationRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    const d = findEventDestination(cs, input.EventDestinationName!);
    cs.eventDestinations = cs.eventDestinations.filter((e) => e !== d);
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, EventDestination: d };
  },

  SetDefaultMessageFeedbackEnabled(ctx, input: SetDefaultMessageFeedbackEnabledRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    cs.defaultMessageFeedbackEnabled = input.MessageFeedbackEnabled!;
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, MessageFeedbackEnabled: cs.defaultMessageFeedbackEnabled };
  },
};
