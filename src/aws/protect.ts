/**
 * Protect over the SMS API: typed functions built on the SDK's paginators, mapping the SDK's
 * shapes to eum's (`src/core/protect/types.ts`) once, and the reads that make a ProtectSnapshot
 * (the same reads for show, export and plan). Commands call these; they never build SDK commands.
 * Loaded on first use only, so `eum --help` never loads the SDK.
 */
import {
  AssociateProtectConfigurationCommand,
  CreateProtectConfigurationCommand,
  DeleteAccountDefaultProtectConfigurationCommand,
  DeleteProtectConfigurationCommand,
  DeleteProtectConfigurationRuleSetNumberOverrideCommand,
  DescribeConfigurationSetsCommand,
  DisassociateProtectConfigurationCommand,
  GetProtectConfigurationCountryRuleSetCommand,
  ListTagsForResourceCommand,
  PutProtectConfigurationRuleSetNumberOverrideCommand,
  SendTextMessageCommand,
  SetAccountDefaultProtectConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateProtectConfigurationCommand,
  UpdateProtectConfigurationCountryRuleSetCommand,
  paginateDescribeConfigurationSets,
  paginateDescribeProtectConfigurations,
  paginateListProtectConfigurationRuleSetNumberOverrides,
  type PinpointSMSVoiceV2Client,
  type ProtectConfigurationRuleSetNumberOverride,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { randomUUID } from 'node:crypto';
import { OperationError } from '../errors.js';
import type { Context } from '../cli/context.js';
import {
  CHANNELS,
  apiChannel,
  type Channel,
  type CountryRuleSet,
  type NumberOverride,
  type OverrideAction,
  type ProtectConfigurationSnapshot,
  type ProtectSnapshot,
  type ProtectStatus,
} from '../core/protect/types.js';

type Client = PinpointSMSVoiceV2Client;

/** A configuration as DescribeProtectConfigurations lists it. */
export interface ProtectConfigurationInfo {
  id: string;
  arn: string;
  accountDefault: boolean;
  deletionProtection: boolean;
  createdAt?: Date;
}

/** Every configuration (or the given ids), following pages. */
export async function listConfigurations(client: Client, ids?: string[]): Promise<ProtectConfigurationInfo[]> {
  const out: ProtectConfigurationInfo[] = [];
  for await (const page of paginateDescribeProtectConfigurations({ client }, { ProtectConfigurationIds: ids })) {
    for (const c of page.ProtectConfigurations ?? []) {
      out.push({
        id: c.ProtectConfigurationId ?? '',
        arn: c.ProtectConfigurationArn ?? '',
        accountDefault: c.AccountDefault ?? false,
        deletionProtection: c.DeletionProtectionEnabled ?? false,
        createdAt: c.CreatedTimestamp,
      });
    }
  }
  return out;
}

/** Configuration set name -> associated Protect configuration id, plus every set's name. */
export async function configurationSetAssociations(client: Client): Promise<{ names: string[]; byProtectId: Map<string, string[]> }> {
  const names: string[] = [];
  const byProtectId = new Map<string, string[]>();
  for await (const page of paginateDescribeConfigurationSets({ client }, {})) {
    for (const s of page.ConfigurationSets ?? []) {
      if (!s.ConfigurationSetName) continue;
      names.push(s.ConfigurationSetName);
      if (s.ProtectConfigurationId) byProtectId.set(s.ProtectConfigurationId, [...(byProtectId.get(s.ProtectConfigurationId) ?? []), s.ConfigurationSetName]);
    }
  }
  return { names, byProtectId };
}

/** The Protect configuration id associated with one configuration set (undefined: none, or no such set). */
export async function configurationSetProtectId(client: Client, name: string): Promise<string | undefined> {
  const r = await client.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [name] }));
  return r.ConfigurationSets?.[0]?.ProtectConfigurationId;
}

export async function getRuleSet(client: Client, id: string, channel: Channel): Promise<CountryRuleSet> {
  const r = await client.send(new GetProtectConfigurationCountryRuleSetCommand({ ProtectConfigurationId: id, NumberCapability: apiChannel(channel) }));
  const out: CountryRuleSet = {};
  for (const [k, v] of Object.entries(r.CountryRuleSet ?? {})) out[k] = v.ProtectStatus as ProtectStatus;
  return out;
}

/** An override as eum shows it (expiry to the second, as documents hold it). */
function overrideOf(o: ProtectConfigurationRuleSetNumberOverride): NumberOverride {
  return {
    number: o.DestinationPhoneNumber ?? '',
    action: (o.Action ?? 'ALLOW') as OverrideAction,
    expires: o.ExpirationTimestamp ? new Date(Math.floor(o.ExpirationTimestamp.getTime() / 1000) * 1000).toISOString() : undefined,
    isoCountryCode: o.IsoCountryCode,
    created: o.CreatedTimestamp?.toISOString(),
  };
}

export async function listOverrides(client: Client, id: string): Promise<NumberOverride[]> {
  const out: NumberOverride[] = [];
  for await (const page of paginateListProtectConfigurationRuleSetNumberOverrides({ client }, { ProtectConfigurationId: id })) {
    for (const o of page.RuleSetNumberOverrides ?? []) out.push(overrideOf(o));
  }
  return out;
}

export async function getTags(client: Client, arn: string): Promise<Record<string, string>> {
  const r = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  return Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export async function tagResource(client: Client, arn: string, tags: Record<string, string>): Promise<void> {
  await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tagList(tags) }));
}

export async function untagResource(client: Client, arn: string, keys: string[]): Promise<void> {
  await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: keys }));
}

/** Creates a configuration (every country ALLOW on every channel). The same `clientToken` on a retry creates nothing more. */
export async function createConfiguration(
  client: Client,
  input: { deletionProtection: boolean; tags?: Record<string, string>; clientToken?: string },
): Promise<{ id: string; arn: string; deletionProtection: boolean }> {
  const r = await client.send(
    new CreateProtectConfigurationCommand({
      ClientToken: input.clientToken ?? randomUUID(),
      DeletionProtectionEnabled: input.deletionProtection,
      Tags: input.tags ? tagList(input.tags) : undefined,
    }),
  );
  return { id: r.ProtectConfigurationId!, arn: r.ProtectConfigurationArn!, deletionProtection: r.DeletionProtectionEnabled ?? false };
}

/** Turns deletion protection on or off; returns the state the API reports. */
export async function updateConfiguration(client: Client, id: string, deletionProtection: boolean): Promise<{ deletionProtection?: boolean }> {
  const r = await client.send(new UpdateProtectConfigurationCommand({ ProtectConfigurationId: id, DeletionProtectionEnabled: deletionProtection }));
  return { deletionProtection: r.DeletionProtectionEnabled };
}

export async function deleteConfiguration(client: Client, id: string): Promise<void> {
  await client.send(new DeleteProtectConfigurationCommand({ ProtectConfigurationId: id }));
}

export async function setAccountDefault(client: Client, id: string): Promise<void> {
  await client.send(new SetAccountDefaultProtectConfigurationCommand({ ProtectConfigurationId: id }));
}

/** Removes the account default; returns the id it was, as the API reports it. */
export async function deleteAccountDefault(client: Client): Promise<{ previous?: string }> {
  const r = await client.send(new DeleteAccountDefaultProtectConfigurationCommand({}));
  return { previous: r.DefaultProtectConfigurationId };
}

/** Associates (or disassociates) a configuration with a configuration set; returns the set's name. */
export async function setConfigurationSetAssociation(
  client: Client,
  id: string,
  configurationSet: string,
  associate: boolean,
): Promise<{ configurationSet?: string }> {
  const input = { ProtectConfigurationId: id, ConfigurationSetName: configurationSet };
  const r = associate
    ? await client.send(new AssociateProtectConfigurationCommand(input))
    : await client.send(new DisassociateProtectConfigurationCommand(input));
  return { configurationSet: r.ConfigurationSetName };
}

/** Sets the status of some countries of one channel (at most the API's batch size per call). */
export async function updateCountryRuleSet(client: Client, id: string, channel: Channel, updates: Record<string, ProtectStatus>): Promise<void> {
  await client.send(
    new UpdateProtectConfigurationCountryRuleSetCommand({
      ProtectConfigurationId: id,
      NumberCapability: apiChannel(channel),
      CountryRuleSetUpdates: Object.fromEntries(Object.entries(updates).map(([k, v]) => [k, { ProtectStatus: v }])),
    }),
  );
}

/** Adds or replaces a number override; returns it as the API stored it. */
export async function putNumberOverride(
  client: Client,
  id: string,
  input: { number: string; action: OverrideAction; expires?: Date },
): Promise<NumberOverride> {
  const r = await client.send(
    new PutProtectConfigurationRuleSetNumberOverrideCommand({
      ProtectConfigurationId: id,
      DestinationPhoneNumber: input.number,
      Action: input.action,
      ExpirationTimestamp: input.expires,
    }),
  );
  return {
    number: r.DestinationPhoneNumber ?? input.number,
    action: (r.Action ?? input.action) as OverrideAction,
    expires: r.ExpirationTimestamp?.toISOString(),
    isoCountryCode: r.IsoCountryCode,
    created: r.CreatedTimestamp?.toISOString(),
  };
}

export async function deleteNumberOverride(client: Client, id: string, number: string): Promise<void> {
  await client.send(new DeleteProtectConfigurationRuleSetNumberOverrideCommand({ ProtectConfigurationId: id, DestinationPhoneNumber: number }));
}

/**
 * A SendTextMessage dry run (nothing is sent), as `protect check --live` uses it to ask the API
 * whether Protect would block a message. Throws what the API answers.
 */
export async function sendDryRun(
  client: Client,
  input: { number: string; body: string; configurationSet?: string; protectConfigurationId?: string },
): Promise<void> {
  await client.send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: input.number,
      MessageBody: input.body,
      DryRun: true,
      ConfigurationSetName: input.configurationSet,
      ProtectConfigurationId: input.protectConfigurationId,
    }),
  );
}

/** Reads everything (or the given configurations) in full. */
export async function readSnapshot(client: Client, options: { ids?: string[]; channels?: readonly Channel[] } = {}): Promise<ProtectSnapshot> {
  const all = await listConfigurations(client);
  const sets = await configurationSetAssociations(client);
  const chosen = options.ids ? all.filter((c) => options.ids!.includes(c.id) || options.ids!.includes(c.arn)) : all;
  const configurations: ProtectConfigurationSnapshot[] = [];
  for (const c of chosen) {
    const { id, arn } = c;
    const tags = await getTags(client, arn);
    const rules = {} as Record<Channel, CountryRuleSet>;
    for (const channel of options.channels ?? CHANNELS) rules[channel] = await getRuleSet(client, id, channel);
    configurations.push({
      id,
      arn,
      name: tags.Name,
      tags,
      deletionProtection: c.deletionProtection,
      accountDefault: c.accountDefault,
      createdAt: c.createdAt?.toISOString(),
      rules,
      overrides: await listOverrides(client, id),
      configurationSets: (sets.byProtectId.get(id) ?? []).sort(),
    });
  }
  return {
    configurations,
    accountDefaultId: all.find((c) => c.accountDefault)?.id,
    configurationSetNames: sets.names,
  };
}

/**
 * Resolves what the user typed (an id, an ARN or a Name tag) to a configuration id. A name
 * matching several configurations is refused.
 */
export async function resolveConfigurationId(client: Client, ref: string): Promise<{ id: string; arn: string }> {
  const all = await listConfigurations(client);
  const direct = all.find((c) => c.id === ref || c.arn === ref);
  if (direct) return { id: direct.id, arn: direct.arn };
  const named = [];
  for (const c of all) if ((await getTags(client, c.arn)).Name === ref) named.push(c);
  if (named.length === 1) return { id: named[0].id, arn: named[0].arn };
  if (named.length > 1)
    throw new OperationError(`${named.length} Protect configurations are named ${ref}: ${named.map((c) => c.id).join(', ')}`, {
      code: 'AMBIGUOUS',
      hint: 'use the configuration id',
    });
  throw new OperationError(`no Protect configuration has the id or Name ${ref}`, { code: 'NOT_FOUND', hint: 'list them with eum protect list' });
}

/**
 * Attempts per Protect call. Protect operations default to 1 request per second each, and reading
 * an account for a plan takes several per configuration, so a drift check in CI must pace itself
 * through throttling rather than fail, whatever --max-attempts says for bulk runs.
 */
export const PROTECT_ATTEMPTS = 9;
/** The backoff between Protect attempts: a throttled operation frees up within a second or so. */
export const PROTECT_BACKOFF = { baseMs: 1000, capMs: 8000 };

/**
 * Whether repeating a Protect command cannot do its work twice: reads, puts of a state, and a
 * create that carries a ClientToken (the same command object keeps its token on every attempt).
 * A delete repeated after a lost answer would report "not found" for what it did: not repeated.
 */
export function isIdempotentCommand(command: { constructor: { name: string }; input?: unknown }): boolean {
  const op = command.constructor.name.replace(/Command$/, '');
  if (op.startsWith('Delete')) return false;
  if (op.startsWith('Create')) return Boolean((command.input as { ClientToken?: string } | undefined)?.ClientToken);
  return true;
}

/** The client with `signal` passed to every request, so Ctrl-C aborts it. */
export function withAbortSignal(client: Client, signal: AbortSignal): Client {
  const send = (command: Parameters<Client['send']>[0], options?: object) => client.send(command as never, { ...options, abortSignal: signal });
  return new Proxy(client, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
}

/**
 * The client for protect commands: each call goes through the bulk engine's `callWithRetry`
 * (its classification, backoff and Ctrl-C), with `PROTECT_ATTEMPTS` attempts, so throttling is
 * waited out. A call that may have taken effect is not repeated; its error is thrown as it came.
 */
export async function protectClient(ctx: Context): Promise<Client> {
  const { callWithRetry } = await import('../runtime/bulk.js');
  const base = await ctx.sms();
  const send = async (command: Parameters<Client['send']>[0]) => {
    const outcome = await callWithRetry(ctx, (call) => withAbortSignal(call.client, call.signal).send(command as never), {
      idempotent: isIdempotentCommand(command),
      maxAttempts: PROTECT_ATTEMPTS,
      backoff: PROTECT_BACKOFF,
    });
    if (outcome.kind === 'ok') return outcome.value;
    throw outcome.error;
  };
  return new Proxy(base, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
}
