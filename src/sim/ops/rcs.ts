/**
 * RCS agents and SendRcsMessage. Minimal but stateful: an agent is created ACTIVE and launched in
 * the US (synthesized: the agent-registration and carrier-launch flow is not simulated); a send to
 * a country where the agent is not launched falls back to SMS or MMS when the request says how,
 * else fails. Sends go through the common send path (sandbox, the agent's opt-out list, RCS
 * spend, events RCS_SENT then RCS_DELIVERED).
 */
import { randomBytes } from 'node:crypto';
import type {
  CreateRcsAgentRequest,
  DeleteRcsAgentRequest,
  DescribeRcsAgentCountryLaunchStatusRequest,
  DescribeRcsAgentsRequest,
  SendRcsMessageRequest,
  UpdateRcsAgentRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { arn } from '../state.js';
import { applyFilters, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';
import { checkDestination, send } from './messages.js';

export interface RcsAgentRecord {
  id: string;
  arn: string;
  status: 'CREATED' | 'PENDING' | 'TESTING' | 'PARTIAL' | 'ACTIVE' | 'DELETED';
  deletionProtectionEnabled: boolean;
  optOutListName: string;
  selfManagedOptOutsEnabled: boolean;
  twoWayEnabled: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  twoWayMediaS3BucketName?: string;
  twoWayMediaS3KeyPrefix?: string;
  twoWayMediaS3Role?: string;
  twoWayRcsEventsEnabled?: string[];
  /** ISO country -> launch status. */
  countries: Record<string, 'CREATED' | 'PENDING' | 'PARTIAL' | 'ACTIVE' | 'REJECTED'>;
  createdAt: number;
}

/** Quotas page: 5 RCS agents per account. */
export const RCS_AGENTS_PER_ACCOUNT = 5;

function agents(ctx: OpContext): Record<string, RcsAgentRecord> {
  ctx.region.rcsAgents ??= {};
  return ctx.region.rcsAgents;
}

function findAgent(ctx: OpContext, idOrArn: string): RcsAgentRecord {
  const id = idOrArn.startsWith('arn:') ? (parseArn(idOrArn)?.resourceId ?? idOrArn) : idOrArn;
  const a = agents(ctx)[id];
  if (!a) throw notFoundError('rcs-agent', idOrArn);
  return a;
}

function info(a: RcsAgentRecord) {
  return compact({
    RcsAgentArn: a.arn,
    RcsAgentId: a.id,
    Status: a.status,
    CreatedTimestamp: epochSeconds(a.createdAt),
    DeletionProtectionEnabled: a.deletionProtectionEnabled,
    OptOutListName: a.optOutListName,
    SelfManagedOptOutsEnabled: a.selfManagedOptOutsEnabled,
    TwoWayChannelArn: a.twoWayChannelArn,
    TwoWayChannelRole: a.twoWayChannelRole,
    TwoWayEnabled: a.twoWayEnabled,
    TwoWayMediaS3BucketName: a.twoWayMediaS3BucketName,
    TwoWayMediaS3KeyPrefix: a.twoWayMediaS3KeyPrefix,
    TwoWayMediaS3Role: a.twoWayMediaS3Role,
    TwoWayRcsEventsEnabled: a.twoWayRcsEventsEnabled,
  });
}

function checkOptOutList(ctx: OpContext, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const n = name.startsWith('arn:') ? (parseArn(name)?.resourceId ?? name) : name;
  if (!ctx.region.optOuts[n]) throw notFoundError('opt-out-list', name);
  return n;
}

/** The text a handset shows for the RCS content (a card's title or a file's URL when no text). */
function contentText(input: SendRcsMessageRequest): string | undefined {
  const c = input.RcsMessageContent?.Content as Record<string, Record<string, unknown>> | undefined;
  if (!c) return undefined;
  if (c.TextMessage?.Body) return String(c.TextMessage.Body);
  if (c.FileMessage?.FileUrl) return String(c.FileMessage.FileUrl);
  return JSON.stringify(c);
}

export const rcsOps: OpMap = {
  CreateRcsAgent(ctx, input: CreateRcsAgentRequest) {
    return idempotent(ctx, 'CreateRcsAgent', input, () => {
      const live = Object.values(agents(ctx)).filter((a) => a.status !== 'DELETED');
      if (live.length >= RCS_AGENTS_PER_ACCOUNT) throw quotaError('RCS_AGENTS_PER_ACCOUNT', `An account has at most ${RCS_AGENTS_PER_ACCOUNT} RCS agents.`);
      const optOutListName = checkOptOutList(ctx, input.OptOutListName) ?? 'Default';
      const id = `rcs-${randomBytes(16).toString('hex')}`;
      const a: RcsAgentRecord = {
        id,
        arn: arn(ctx.regionName, `rcs-agent/${id}`),
        status: 'ACTIVE',
        deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        optOutListName,
        selfManagedOptOutsEnabled: false,
        twoWayEnabled: false,
        countries: { US: 'ACTIVE' },
        createdAt: ctx.now,
      };
      agents(ctx)[id] = a;
      setTags(ctx, a.arn, input.Tags);
      return compact({ ...info(a), Tags: input.Tags });
    });
  },

  UpdateRcsAgent(ctx, input: UpdateRcsAgentRequest) {
    const a = findAgent(ctx, input.RcsAgentId!);
    const list = checkOptOutList(ctx, input.OptOutListName);
    const twoWay = input.TwoWayEnabled ?? a.twoWayEnabled;
    if (input.SelfManagedOptOutsEnabled && !twoWay) {
      throw validationError('TWO_WAY_NOT_ENABLED', 'Self-managed opt-outs need two-way messaging: set TwoWayEnabled too.', [
        { Name: 'SelfManagedOptOutsEnabled', Message: 'Two-way not enabled' },
      ]);
    }
    if (list) a.optOutListName = list;
    if (input.DeletionProtectionEnabled !== undefined) a.deletionProtectionEnabled = input.DeletionProtectionEnabled;
    if (input.SelfManagedOptOutsEnabled !== undefined) a.selfManagedOptOutsEnabled = input.SelfManagedOptOutsEnabled;
    a.twoWayEnabled = twoWay;
    for (const [k, field] of [
      ['TwoWayChannelArn', 'twoWayChannelArn'],
      ['TwoWayChannelRole', 'twoWayChannelRole'],
      ['TwoWayMediaS3BucketName', 'twoWayMediaS3BucketName'],
      ['TwoWayMediaS3KeyPrefix', 'twoWayMediaS3KeyPrefix'],
      ['TwoWayMediaS3Role', 'twoWayMediaS3Role'],
    ] as const) {
      const v = (input as unknown as Record<string, unknown>)[k];
      if (typeof v === 'string') {
        if (v === '' || v.startsWith('UNSET')) delete a[field];
        else a[field] = v;
      }
    }
    if (input.TwoWayRcsEventsEnabled) a.twoWayRcsEventsEnabled = input.TwoWayRcsEventsEnabled;
    return info(a);
  },

  DeleteRcsAgent(ctx, input: DeleteRcsAgentRequest) {
    const a = findAgent(ctx, input.RcsAgentId!);
    if (a.deletionProtectionEnabled)
      throw conflictError('DELETION_PROTECTION_ENABLED', 'rcs-agent', a.id, `RCS agent ${a.id} has deletion protection enabled.`);
    delete agents(ctx)[a.id];
    delete ctx.region.tags[a.arn];
    return info({ ...a, status: 'DELETED' });
  },

  DescribeRcsAgents(ctx, input: DescribeRcsAgentsRequest) {
    let list = Object.values(agents(ctx));
    if (input.RcsAgentIds?.length) list = input.RcsAgentIds.map((id) => findAgent(ctx, id));
    // Agents shared with this account by others do not exist in the simulator.
    if (input.Owner === 'SHARED') list = [];
    list = applyFilters(list, input.Filters, {
      status: (a) => a.status,
      'two-way-enabled': (a) => a.twoWayEnabled,
      'self-managed-opt-outs-enabled': (a) => a.selfManagedOptOutsEnabled,
      'opt-out-list-name': (a) => a.optOutListName,
      'deletion-protection-enabled': (a) => a.deletionProtectionEnabled,
      'two-way-channel-arn': (a) => a.twoWayChannelArn,
    });
    const { page, nextToken } = paginate(list, input);
    return compact({ RcsAgents: page.map(info), NextToken: nextToken });
  },

  DescribeRcsAgentCountryLaunchStatus(ctx, input: DescribeRcsAgentCountryLaunchStatusRequest) {
    const a = findAgent(ctx, input.RcsAgentId!);
    let list = Object.entries(a.countries).map(([iso, status]) => ({
      IsoCountryCode: iso,
      Status: status,
      RegistrationId: `registration-${a.id.slice(4)}`,
      CarrierStatus: [{ CarrierName: 'All carriers', Status: status === 'ACTIVE' ? 'ACTIVE' : 'PENDING' }],
    }));
    if (input.IsoCountryCodes?.length) list = list.filter((c) => input.IsoCountryCodes!.includes(c.IsoCountryCode));
    list = applyFilters(list, input.Filters, { 'country-launch-status': (c) => c.Status });
    const { page, nextToken } = paginate(list, input);
    return compact({ RcsAgentId: a.id, RcsAgentArn: a.arn, CountryLaunchStatus: page, NextToken: nextToken });
  },

  SendRcsMessage(ctx, input: SendRcsMessageRequest) {
    const { iso } = checkDestination(input.DestinationPhoneNumber!);
    const identity = input.OriginationIdentity!;
    const isAgent = identity.startsWith('rcs-') || parseArn(identity)?.resourceType === 'rcs-agent';
    const agent = isAgent ? findAgent(ctx, identity) : undefined;
    const launched = agent ? agent.status === 'ACTIVE' && agent.countries[iso] === 'ACTIVE' : false;
    const common = {
      DestinationPhoneNumber: input.DestinationPhoneNumber!,
      ConfigurationSetName: input.ConfigurationSetName,
      ProtectConfigurationId: input.ProtectConfigurationId,
      MaxPrice: input.MaxPrice,
      Context: input.Context,
      MessageFeedbackEnabled: input.MessageFeedbackEnabled,
      DryRun: input.DryRun,
    };
    if (agent && launched) {
      return send(ctx, {
        ...common,
        channel: 'RCS',
        kind: 'rcs',
        MessageBody: contentText(input),
        origination: { ref: { type: 'rcs-agent', id: agent.id, value: agent.id, arn: agent.arn }, optOutList: agent.optOutListName },
      });
    }
    const fallback = input.FallbackConfiguration;
    if (fallback) {
      const origination = fallback.OriginationIdentity ?? (isAgent ? undefined : identity);
      return send(ctx, {
        ...common,
        channel: fallback.Channel === 'MMS' ? 'MEDIA' : 'TEXT',
        kind: fallback.Channel === 'MMS' ? 'media' : 'text',
        MessageBody: fallback.MessageBody ?? contentText(input),
        ...(origination ? { OriginationIdentity: origination } : {}),
      });
    }
    if (agent) {
      throw conflictError(
        'RESOURCE_NOT_ACTIVE',
        'rcs-agent',
        agent.id,
        `RCS agent ${agent.id} is not launched in ${iso}; add a FallbackConfiguration to send SMS there.`,
      );
    }
    throw validationError('INVALID_PARAMETER', `OriginationIdentity ${identity} is not an RCS agent; give an RCS agent id or ARN.`, [
      { Name: 'OriginationIdentity', Message: 'Not an RCS agent' },
    ]);
  },
};
