/**
 * Notify: configurations that send templated one-time codes (SMS or voice) from AWS-managed
 * numbers or an own pool. Minimal but stateful: configurations are created ACTIVE on the BASIC
 * tier; the template catalog, the countries and the managed numbers are synthesized (see
 * src/sim/README.md). Sends go through the common send path (sandbox, opt-outs, spend under the
 * NOTIFY limit, events).
 */
import { randomBytes } from 'node:crypto';
import type {
  CreateNotifyConfigurationRequest,
  DeleteNotifyConfigurationRequest,
  DescribeNotifyConfigurationsRequest,
  DescribeNotifyTemplatesRequest,
  ListNotifyCountriesRequest,
  SendNotifyTextMessageRequest,
  SendNotifyVoiceMessageRequest,
  UpdateNotifyConfigurationRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allCountries } from '../../core/countries.js';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { arn, type OriginationRef } from '../state.js';
import { applyFilters, compact, epochSeconds, idempotent, paginate, parseArn, setTags, type OpContext, type OpMap } from './context.js';
import { checkDestination, send } from './messages.js';
import { lookupPool } from './phone-numbers.js';

export interface NotifyConfigurationRecord {
  id: string;
  arn: string;
  displayName: string;
  useCase: string;
  defaultTemplateId?: string;
  poolId?: string;
  enabledCountries?: string[];
  enabledChannels: string[];
  tier: 'BASIC' | 'ADVANCED';
  status: 'PENDING' | 'ACTIVE' | 'REJECTED' | 'REQUIRES_VERIFICATION';
  deletionProtectionEnabled: boolean;
  createdAt: number;
}

/** Synthesized: the quotas page gives no number for Notify configurations. */
export const NOTIFY_CONFIGURATIONS_PER_ACCOUNT = 10;

interface Template {
  TemplateId: string;
  Version: number;
  TemplateType: 'OTP_VERIFICATION';
  Channels: string[];
  TierAccess: string[];
  Status: 'ACTIVE';
  SupportedCountries: string[];
  LanguageCode: string;
  Content: string;
  Variables: Record<
    string,
    {
      Type: 'STRING' | 'INTEGER';
      Required: boolean;
      Description?: string;
      MaxLength?: number;
      MinValue?: number;
      MaxValue?: number;
      DefaultValue?: string;
      Source: 'CUSTOMER' | 'SYSTEM';
      Sample?: string;
    }
  >;
  SupportedVoiceIds?: string[];
}

/** Countries Notify reaches in the simulator (synthesized): those with a shared route, plus US and CA. */
function notifyCountries(): string[] {
  return [
    ...new Set([
      'US',
      'CA',
      ...allCountries()
        .filter((c) => c.sharedRoute)
        .map((c) => c.iso),
    ]),
  ].sort();
}

const VARIABLES: Template['Variables'] = {
  code: { Type: 'STRING', Required: true, Description: 'The one-time code', MaxLength: 10, Source: 'CUSTOMER', Sample: '123456' },
  appName: { Type: 'STRING', Required: false, Description: "The configuration's display name", Source: 'SYSTEM' },
  expiryMinutes: {
    Type: 'INTEGER',
    Required: false,
    Description: 'Minutes the code is valid',
    MinValue: 1,
    MaxValue: 60,
    DefaultValue: '10',
    Source: 'CUSTOMER',
  },
};

/** The synthesized template catalog. */
function templates(): Template[] {
  const countries = notifyCountries();
  return [
    {
      TemplateId: 'otp-verification-en',
      Version: 1,
      TemplateType: 'OTP_VERIFICATION',
      Channels: ['SMS', 'VOICE'],
      TierAccess: ['BASIC', 'ADVANCED'],
      Status: 'ACTIVE',
      SupportedCountries: countries,
      LanguageCode: 'en-US',
      Content: 'Your {{appName}} verification code is {{code}}. It expires in {{expiryMinutes}} minutes.',
      Variables: VARIABLES,
      SupportedVoiceIds: ['JOANNA', 'MATTHEW'],
    },
    {
      TemplateId: 'otp-verification-short-en',
      Version: 1,
      TemplateType: 'OTP_VERIFICATION',
      Channels: ['SMS'],
      TierAccess: ['ADVANCED'],
      Status: 'ACTIVE',
      SupportedCountries: countries,
      LanguageCode: 'en-US',
      Content: '{{code}} is your {{appName}} code.',
      Variables: { code: VARIABLES.code, appName: VARIABLES.appName },
    },
  ];
}

function configs(ctx: OpContext): Record<string, NotifyConfigurationRecord> {
  ctx.region.notifyConfigurations ??= {};
  return ctx.region.notifyConfigurations;
}

function findConfig(ctx: OpContext, idOrArn: string): NotifyConfigurationRecord {
  const id = idOrArn.startsWith('arn:') ? (parseArn(idOrArn)?.resourceId ?? idOrArn) : idOrArn;
  const c = configs(ctx)[id];
  if (!c) throw notFoundError('notify-configuration', idOrArn);
  return c;
}

function info(c: NotifyConfigurationRecord) {
  return compact({
    NotifyConfigurationArn: c.arn,
    NotifyConfigurationId: c.id,
    DisplayName: c.displayName,
    UseCase: c.useCase,
    DefaultTemplateId: c.defaultTemplateId,
    PoolId: c.poolId,
    EnabledCountries: c.enabledCountries,
    EnabledChannels: c.enabledChannels,
    Tier: c.tier,
    TierUpgradeStatus: c.tier,
    Status: c.status,
    DeletionProtectionEnabled: c.deletionProtectionEnabled,
    CreatedTimestamp: epochSeconds(c.createdAt),
  });
}

function checkTemplate(c: { tier: string }, templateId: string | undefined, field: string): Template | undefined {
  if (templateId === undefined || templateId === 'UNSET_DEFAULT_TEMPLATE' || templateId === '') return undefined;
  const t = templates().find((x) => x.TemplateId === templateId);
  if (!t) throw notFoundError('notify-template', templateId);
  if (!t.TierAccess.includes(c.tier))
    throw validationError('INVALID_PARAMETER', `Template ${templateId} is not available on the ${c.tier} tier.`, [
      { Name: field, Message: 'Template not available on this tier' },
    ]);
  return t;
}

function checkCountries(countries: string[] | undefined): void {
  const known = new Set(notifyCountries());
  const bad = (countries ?? []).filter((c) => !known.has(c));
  if (bad.length)
    throw validationError('COUNTRY_NOT_ENABLED', `Notify does not send to ${bad.join(', ')}.`, [
      { Name: 'EnabledCountries', Message: 'Country not supported by Notify' },
    ]);
}

function checkPool(ctx: OpContext, poolId: string | undefined): string | undefined {
  if (poolId === undefined || poolId === '' || poolId === 'UNSET_POOL_ID') return undefined;
  const pool = lookupPool(ctx, poolId);
  if (!pool) throw notFoundError('pool', poolId);
  return pool.id;
}

/** The managed number a Notify send comes from (synthesized: one per country). */
function managedOrigination(iso: string): OriginationRef {
  return { type: 'shared-route', id: 'notify', value: `NOTIFY-${iso}` };
}

function render(t: Template, c: NotifyConfigurationRecord, vars: Record<string, string>): string {
  for (const [name, meta] of Object.entries(t.Variables)) {
    if (meta.Source !== 'CUSTOMER') continue;
    const v = vars[name];
    if (v === undefined) {
      if (meta.Required)
        throw validationError('MISSING_PARAMETER', `Template ${t.TemplateId} needs the variable ${name}.`, [
          { Name: `TemplateVariables.${name}`, Message: 'Required template variable missing' },
        ]);
      continue;
    }
    if (meta.Type === 'INTEGER' && !/^-?\d+$/.test(v))
      throw validationError('FIELD_VALIDATION_FAILED', `Template variable ${name} must be a whole number.`, [
        { Name: `TemplateVariables.${name}`, Message: 'Must be an integer' },
      ]);
    if (meta.MaxLength !== undefined && v.length > meta.MaxLength)
      throw validationError('FIELD_VALIDATION_FAILED', `Template variable ${name} is longer than ${meta.MaxLength}.`, [
        { Name: `TemplateVariables.${name}`, Message: 'Too long' },
      ]);
  }
  const unknown = Object.keys(vars).filter((k) => t.Variables[k]?.Source !== 'CUSTOMER');
  if (unknown.length)
    throw validationError('FIELD_VALIDATION_FAILED', `Template ${t.TemplateId} has no variable ${unknown.join(', ')}.`, [
      { Name: `TemplateVariables.${unknown[0]}`, Message: 'Unknown template variable' },
    ]);
  return t.Content.replace(/\{\{(\w+)\}\}/g, (_m, name: string) =>
    name === 'appName' ? c.displayName : (vars[name] ?? t.Variables[name]?.DefaultValue ?? ''),
  );
}

function sendNotify(ctx: OpContext, input: SendNotifyTextMessageRequest & { VoiceId?: string }, channel: 'SMS' | 'VOICE') {
  const c = findConfig(ctx, input.NotifyConfigurationId!);
  if (c.status !== 'ACTIVE')
    throw conflictError('NOTIFY_CONFIGURATION_NOT_ACTIVE', 'notify-configuration', c.id, `Notify configuration ${c.id} is ${c.status}.`);
  if (!c.enabledChannels.includes(channel))
    throw validationError('CHANNEL_NOT_ENABLED', `Notify configuration ${c.id} does not have the ${channel} channel enabled.`, [
      { Name: 'NotifyConfigurationId', Message: `${channel} not enabled` },
    ]);
  const { iso } = checkDestination(input.DestinationPhoneNumber!);
  if (c.enabledCountries?.length && !c.enabledCountries.includes(iso)) {
    throw validationError('COUNTRY_NOT_ENABLED', `Notify configuration ${c.id} does not send to ${iso}.`, [
      { Name: 'DestinationPhoneNumber', Message: 'Country not enabled' },
    ]);
  }
  const templateId = input.TemplateId ?? c.defaultTemplateId;
  if (!templateId)
    throw validationError('MISSING_PARAMETER', `Give a TemplateId: Notify configuration ${c.id} has no default template.`, [
      { Name: 'TemplateId', Message: 'Template required' },
    ]);
  const t = checkTemplate(c, templateId, 'TemplateId')!;
  if (!t.Channels.includes(channel))
    throw validationError('CHANNEL_NOT_ENABLED', `Template ${t.TemplateId} does not support ${channel}.`, [
      { Name: 'TemplateId', Message: `${channel} not supported` },
    ]);
  if (!t.SupportedCountries.includes(iso))
    throw validationError('COUNTRY_NOT_ENABLED', `Template ${t.TemplateId} does not support ${iso}.`, [
      { Name: 'DestinationPhoneNumber', Message: 'Country not supported' },
    ]);
  const body = render(t, c, (input.TemplateVariables ?? {}) as Record<string, string>);
  const result = send(ctx, {
    channel: channel === 'VOICE' ? 'VOICE' : 'TEXT',
    kind: 'notify',
    spendChannel: 'NOTIFY',
    DestinationPhoneNumber: input.DestinationPhoneNumber!,
    ...(c.poolId ? { OriginationIdentity: c.poolId } : { origination: { ref: managedOrigination(iso), optOutList: 'Default' } }),
    ConfigurationSetName: input.ConfigurationSetName,
    MessageType: 'TRANSACTIONAL',
    MessageBody: body,
    Context: input.Context,
    MessageFeedbackEnabled: input.MessageFeedbackEnabled,
    DryRun: input.DryRun,
  });
  return { MessageId: result.MessageId, TemplateId: t.TemplateId, ResolvedMessageBody: body };
}

export const notifyOps: OpMap = {
  CreateNotifyConfiguration(ctx, input: CreateNotifyConfigurationRequest) {
    return idempotent(ctx, 'CreateNotifyConfiguration', input, () => {
      if (Object.keys(configs(ctx)).length >= NOTIFY_CONFIGURATIONS_PER_ACCOUNT) {
        throw quotaError('NOTIFY_CONFIGURATIONS_PER_ACCOUNT', `An account has at most ${NOTIFY_CONFIGURATIONS_PER_ACCOUNT} Notify configurations.`);
      }
      const base = { tier: 'BASIC' as const };
      checkTemplate(base, input.DefaultTemplateId, 'DefaultTemplateId');
      checkCountries(input.EnabledCountries);
      const poolId = checkPool(ctx, input.PoolId);
      const id = `notify-${randomBytes(16).toString('hex')}`;
      const c: NotifyConfigurationRecord = {
        id,
        arn: arn(ctx.regionName, `notify-configuration/${id}`),
        displayName: input.DisplayName!,
        useCase: input.UseCase!,
        ...(input.DefaultTemplateId ? { defaultTemplateId: input.DefaultTemplateId } : {}),
        ...(poolId ? { poolId } : {}),
        ...(input.EnabledCountries ? { enabledCountries: input.EnabledCountries } : {}),
        enabledChannels: input.EnabledChannels!,
        tier: 'BASIC',
        status: 'ACTIVE',
        deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        createdAt: ctx.now,
      };
      configs(ctx)[id] = c;
      setTags(ctx, c.arn, input.Tags);
      return compact({ ...info(c), Tags: input.Tags });
    });
  },

  UpdateNotifyConfiguration(ctx, input: UpdateNotifyConfigurationRequest) {
    const c = findConfig(ctx, input.NotifyConfigurationId!);
    if (input.DefaultTemplateId !== undefined) checkTemplate(c, input.DefaultTemplateId, 'DefaultTemplateId');
    checkCountries(input.EnabledCountries);
    const poolId = input.PoolId !== undefined ? checkPool(ctx, input.PoolId) : c.poolId;
    if (input.DefaultTemplateId !== undefined) {
      if (input.DefaultTemplateId === 'UNSET_DEFAULT_TEMPLATE' || input.DefaultTemplateId === '') delete c.defaultTemplateId;
      else c.defaultTemplateId = input.DefaultTemplateId;
    }
    if (poolId) c.poolId = poolId;
    else delete c.poolId;
    if (input.EnabledCountries) c.enabledCountries = input.EnabledCountries;
    if (input.EnabledChannels) c.enabledChannels = input.EnabledChannels;
    if (input.DeletionProtectionEnabled !== undefined) c.deletionProtectionEnabled = input.DeletionProtectionEnabled;
    return info(c);
  },

  DeleteNotifyConfiguration(ctx, input: DeleteNotifyConfigurationRequest) {
    const c = findConfig(ctx, input.NotifyConfigurationId!);
    if (c.deletionProtectionEnabled)
      throw conflictError('DELETION_PROTECTION_ENABLED', 'notify-configuration', c.id, `Notify configuration ${c.id} has deletion protection enabled.`);
    delete configs(ctx)[c.id];
    delete ctx.region.tags[c.arn];
    return info(c);
  },

  DescribeNotifyConfigurations(ctx, input: DescribeNotifyConfigurationsRequest) {
    let list = Object.values(configs(ctx));
    if (input.NotifyConfigurationIds?.length) list = input.NotifyConfigurationIds.map((id) => findConfig(ctx, id));
    list = applyFilters(list, input.Filters, {
      'display-name': (c) => c.displayName,
      'enabled-countries': (c) => c.enabledCountries ?? [],
      'enabled-channels': (c) => c.enabledChannels,
      'default-template': (c) => c.defaultTemplateId,
      'default-pool': (c) => c.poolId,
      'use-case': (c) => c.useCase,
      status: (c) => c.status,
      'deletion-protection-enabled': (c) => c.deletionProtectionEnabled,
      'tier-upgrade-status': (c) => c.tier,
    });
    const { page, nextToken } = paginate(list, input);
    return compact({ NotifyConfigurations: page.map(info), NextToken: nextToken });
  },

  DescribeNotifyTemplates(ctx, input: DescribeNotifyTemplatesRequest) {
    let list = templates();
    if (input.TemplateIds?.length) {
      const unknown = input.TemplateIds.find((id) => !list.some((t) => t.TemplateId === id));
      if (unknown) throw notFoundError('notify-template', unknown);
      list = list.filter((t) => input.TemplateIds!.includes(t.TemplateId));
    }
    list = applyFilters(list, input.Filters, {
      'template-type': (t) => t.TemplateType,
      channels: (t) => t.Channels,
      'tier-access': (t) => t.TierAccess,
      'supported-countries': (t) => t.SupportedCountries,
      'language-code': (t) => t.LanguageCode,
      'supported-voice-ids': (t) => t.SupportedVoiceIds ?? [],
    });
    const { page, nextToken } = paginate(list, input);
    return compact({ NotifyTemplates: page.map((t) => ({ ...t, CreatedTimestamp: epochSeconds(ctx.state.createdAt) })), NextToken: nextToken });
  },

  ListNotifyCountries(_ctx, input: ListNotifyCountriesRequest) {
    let list = notifyCountries().map((iso) => ({
      IsoCountryCode: iso,
      CountryName: allCountries().find((c) => c.iso === iso)?.name ?? iso,
      SupportedChannels: iso === 'US' || iso === 'CA' ? ['SMS', 'VOICE'] : ['SMS'],
      SupportedUseCases: ['CODE_VERIFICATION'],
      SupportedTiers: ['BASIC', 'ADVANCED'],
      CustomerOwnedIdentityRequired: false,
    }));
    if (input.Channels?.length) list = list.filter((c) => input.Channels!.every((ch) => c.SupportedChannels.includes(ch)));
    if (input.UseCases?.length) list = list.filter((c) => input.UseCases!.every((u) => c.SupportedUseCases.includes(u)));
    if (input.Tier) list = list.filter((c) => c.SupportedTiers.includes(input.Tier!));
    const { page, nextToken } = paginate(list, input);
    return compact({ NotifyCountries: page, NextToken: nextToken });
  },

  SendNotifyTextMessage(ctx, input: SendNotifyTextMessageRequest) {
    return sendNotify(ctx, input, 'SMS');
  },

  SendNotifyVoiceMessage(ctx, input: SendNotifyVoiceMessageRequest) {
    return sendNotify(ctx, input, 'VOICE');
  },
};
