/** Reads Protect state from the API into a ProtectSnapshot (the same reads for show, export and plan). */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { OperationError } from '../../cli/errors.js';
import { CHANNELS, apiChannel, type Channel, type CountryRuleSet, type NumberOverride, type ProtectConfigurationSnapshot, type ProtectSnapshot, type ProtectStatus } from '../../core/protect/types.js';

type Sdk = typeof import('@aws-sdk/client-pinpoint-sms-voice-v2');

export async function sdk(): Promise<Sdk> {
  return import('@aws-sdk/client-pinpoint-sms-voice-v2');
}

/** Every configuration (id, arn, flags), following pages. */
export async function listConfigurations(client: PinpointSMSVoiceV2Client, ids?: string[]) {
  const { DescribeProtectConfigurationsCommand } = await sdk();
  const out = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeProtectConfigurationsCommand({ ProtectConfigurationIds: ids, NextToken }));
    out.push(...(page.ProtectConfigurations ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** Configuration set name -> associated Protect configuration id, plus every set's name. */
export async function configurationSetAssociations(client: PinpointSMSVoiceV2Client): Promise<{ names: string[]; byProtectId: Map<string, string[]> }> {
  const { DescribeConfigurationSetsCommand } = await sdk();
  const names: string[] = [];
  const byProtectId = new Map<string, string[]>();
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeConfigurationSetsCommand({ NextToken }));
    for (const s of page.ConfigurationSets ?? []) {
      if (!s.ConfigurationSetName) continue;
      names.push(s.ConfigurationSetName);
      if (s.ProtectConfigurationId) byProtectId.set(s.ProtectConfigurationId, [...(byProtectId.get(s.ProtectConfigurationId) ?? []), s.ConfigurationSetName]);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return { names, byProtectId };
}

export async function getRuleSet(client: PinpointSMSVoiceV2Client, id: string, channel: Channel): Promise<CountryRuleSet> {
  const { GetProtectConfigurationCountryRuleSetCommand } = await sdk();
  const r = await client.send(new GetProtectConfigurationCountryRuleSetCommand({ ProtectConfigurationId: id, NumberCapability: apiChannel(channel) }));
  const out: CountryRuleSet = {};
  for (const [k, v] of Object.entries(r.CountryRuleSet ?? {})) out[k] = v.ProtectStatus as ProtectStatus;
  return out;
}

export async function listOverrides(client: PinpointSMSVoiceV2Client, id: string): Promise<NumberOverride[]> {
  const { ListProtectConfigurationRuleSetNumberOverridesCommand } = await sdk();
  const out: NumberOverride[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListProtectConfigurationRuleSetNumberOverridesCommand({ ProtectConfigurationId: id, NextToken }));
    for (const o of page.RuleSetNumberOverrides ?? []) {
      out.push({
        number: o.DestinationPhoneNumber ?? '',
        action: (o.Action ?? 'ALLOW') as 'ALLOW' | 'BLOCK',
        expires: o.ExpirationTimestamp ? new Date(Math.floor(o.ExpirationTimestamp.getTime() / 1000) * 1000).toISOString() : undefined,
        isoCountryCode: o.IsoCountryCode,
        created: o.CreatedTimestamp?.toISOString(),
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

export async function getTags(client: PinpointSMSVoiceV2Client, arn: string): Promise<Record<string, string>> {
  const { ListTagsForResourceCommand } = await sdk();
  const r = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  return Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Reads everything (or the given configurations) in full. */
export async function readSnapshot(client: PinpointSMSVoiceV2Client, options: { ids?: string[]; channels?: readonly Channel[] } = {}): Promise<ProtectSnapshot> {
  const all = await listConfigurations(client);
  const sets = await configurationSetAssociations(client);
  const chosen = options.ids ? all.filter((c) => options.ids!.includes(c.ProtectConfigurationId ?? '') || options.ids!.includes(c.ProtectConfigurationArn ?? '')) : all;
  const configurations: ProtectConfigurationSnapshot[] = [];
  for (const c of chosen) {
    const id = c.ProtectConfigurationId ?? '';
    const arn = c.ProtectConfigurationArn ?? '';
    const tags = await getTags(client, arn);
    const rules = {} as Record<Channel, CountryRuleSet>;
    for (const channel of options.channels ?? CHANNELS) rules[channel] = await getRuleSet(client, id, channel);
    configurations.push({
      id,
      arn,
      name: tags.Name,
      tags,
      deletionProtection: c.DeletionProtectionEnabled ?? false,
      accountDefault: c.AccountDefault ?? false,
      createdAt: c.CreatedTimestamp?.toISOString(),
      rules,
      overrides: await listOverrides(client, id),
      configurationSets: (sets.byProtectId.get(id) ?? []).sort(),
    });
  }
  return {
    configurations,
    accountDefaultId: all.find((c) => c.AccountDefault)?.ProtectConfigurationId,
    configurationSetNames: sets.names,
  };
}

/**
 * Resolves what the user typed (an id, an ARN or a Name tag) to a configuration id. A name
 * matching several configurations is refused.
 */
export async function resolveConfigurationId(client: PinpointSMSVoiceV2Client, ref: string): Promise<{ id: string; arn: string }> {
  const all = await listConfigurations(client);
  const direct = all.find((c) => c.ProtectConfigurationId === ref || c.ProtectConfigurationArn === ref);
  if (direct) return { id: direct.ProtectConfigurationId!, arn: direct.ProtectConfigurationArn! };
  const named = [];
  for (const c of all) if ((await getTags(client, c.ProtectConfigurationArn!)).Name === ref) named.push(c);
  if (named.length === 1) return { id: named[0].ProtectConfigurationId!, arn: named[0].ProtectConfigurationArn! };
  if (named.length > 1) throw new OperationError(`${named.length} Protect configurations are named ${ref}: ${named.map((c) => c.ProtectConfigurationId).join(', ')}`, { code: 'AMBIGUOUS', hint: 'use the configuration id' });
  throw new OperationError(`no Protect configuration has the id or Name ${ref}`, { code: 'NOT_FOUND', hint: 'list them with eum protect list' });
}

/** Throttling answers before a call gives up (on top of the SDK's own attempts). */
const THROTTLE_RETRIES = 8;

/**
 * A client whose calls wait and try again when the API throttles. Protect operations default to
 * 1 request per second each, and reading an account for a plan takes several per configuration,
 * so a drift check in CI must pace itself rather than fail. Waits end early on Ctrl-C.
 */
export function patientClient(ctx: { clock: { sleep(ms: number, signal?: AbortSignal): Promise<void> }; signal: AbortSignal; log: { debug(m: string): void } }, client: PinpointSMSVoiceV2Client): PinpointSMSVoiceV2Client {
  const send = async (command: Parameters<PinpointSMSVoiceV2Client['send']>[0]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.send(command as never);
      } catch (err) {
        const name = (err as { name?: string }).name;
        if (name !== 'ThrottlingException' || attempt >= THROTTLE_RETRIES || ctx.signal.aborted) throw err;
        const wait = Math.min(1000 * 2 ** Math.min(attempt, 3), 8000) + Math.floor(Math.random() * 250);
        ctx.log.debug(`throttled on ${command.constructor.name.replace(/Command$/, '')}; waiting ${wait} ms`);
        await ctx.clock.sleep(wait, ctx.signal);
      }
    }
  };
  return new Proxy(client, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
}

/** The SDK client for protect commands: patient with throttling. */
export async function protectClient(ctx: Parameters<typeof patientClient>[0] & { sms(): Promise<PinpointSMSVoiceV2Client> }): Promise<PinpointSMSVoiceV2Client> {
  return patientClient(ctx, await ctx.sms());
}
