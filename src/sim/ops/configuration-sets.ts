/** Configuration sets: create, describe, delete, default message feedback. */
import type {
  CreateConfigurationSetRequest,
  DeleteConfigurationSetRequest,
  DescribeConfigurationSetsRequest,
  SetDefaultMessageFeedbackEnabledRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError } from '../errors.js';
import { arn, type ConfigurationSetRecord } from '../state.js';
import { applyFilters, arnIsLocal, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';

/** Configuration sets per account and region (quotas page: "Number of configuration sets", 25). */
export const MAX_CONFIGURATION_SETS = 25;

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

  SetDefaultMessageFeedbackEnabled(ctx, input: SetDefaultMessageFeedbackEnabledRequest) {
    const cs = findConfigurationSet(ctx, input.ConfigurationSetName!);
    cs.defaultMessageFeedbackEnabled = input.MessageFeedbackEnabled!;
    return { ConfigurationSetArn: cs.arn, ConfigurationSetName: cs.name, MessageFeedbackEnabled: cs.defaultMessageFeedbackEnabled };
  },
};
