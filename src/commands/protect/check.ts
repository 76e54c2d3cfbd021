/** `eum protect check <E.164>`: would a message to this number be blocked, by which configuration and rule? */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseOptions } from '../../cli/options.js';
import { channelFlag, optionalConfigSetFlag, protectConfigFlag, switchFlag } from './flags.js';
import type { Channel, ProtectStatus } from '../../core/protect/types.js';

export interface ProtectCheckOptions {
  number: string;
  configSet?: string;
  protectConfig?: string;
  channel: Channel;
  live: boolean;
}

export interface ProtectCheckData {
  number: string;
  country: string | null;
  countryName: string | null;
  channel: Channel;
  configuration: { id: string; name: string | null; source: 'explicit' | 'configuration-set' | 'account-default' } | null;
  rule:
    | { kind: 'override'; action: 'ALLOW' | 'BLOCK'; expires: string | null }
    | { kind: 'country'; country: string; status: ProtectStatus }
    | { kind: 'none' };
  verdict: ProtectStatus;
  blocked: boolean;
  /** The SendTextMessage dry run: blocked by Protect (and why), or refused for another reason (otherError). */
  live?: { blocked: boolean; reason: string | null; agrees: boolean; otherError: string | null };
}

/** The flags of `protect check`, each with its type and check. */
const checkFlags = { configSet: optionalConfigSetFlag, protectConfig: protectConfigFlag, channel: channelFlag, live: switchFlag };

export async function parseProtectCheckOptions(args: unknown[], opts: Record<string, unknown>): Promise<ProtectCheckOptions> {
  const problems: InputProblem[] = [];
  const { phoneNumberProblem } = await import('../../core/protect/phone.js');
  const number = String(args[0] ?? '').replace(/[\s().-]/g, '');
  const p = phoneNumberProblem(number);
  if (p) problems.push({ field: '<E.164>', message: p });
  const o = parseOptions(checkFlags, opts, problems);
  if (o.live && o.channel !== undefined && o.channel !== 'sms')
    problems.push({ field: '--live', message: 'cross-checks SMS only (it sends a SendTextMessage dry run); drop --live or use --channel sms' });
  if (problems.length) throw new InputError(problems);
  return { number, ...o };
}

export async function runProtectCheck(ctx: Context, o: ProtectCheckOptions): Promise<CommandResult<ProtectCheckData>> {
  const { protectClient, resolveConfigurationId } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const explicit = o.protectConfig ? await resolveConfigurationId(client, o.protectConfig) : undefined;
  const data = await evaluateLocally(ctx, client, o, explicit?.id);
  if (o.live) data.live = await liveDryRun(client, o, explicit?.id, data.blocked);
  return { data, views: [{ kind: 'kv', pairs: checkPairs(data, o.configSet) }] };
}

type ProtectClient = Awaited<ReturnType<typeof import('../../aws/protect.js').protectClient>>;

/** Which configuration applies (named, the configuration set's, the account default) and what it decides for the number. */
async function evaluateLocally(ctx: Context, client: ProtectClient, o: ProtectCheckOptions, explicitId: string | undefined): Promise<ProtectCheckData> {
  const { listConfigurations, getRuleSet, listOverrides, getTags, configurationSetProtectId } = await import('../../aws/protect.js');
  const { selectConfiguration, decideRule, verdictOf, blockReason } = await import('../../core/protect/verdict.js');
  const { countryOfNumber } = await import('../../core/protect/phone.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  const setProtectId = o.configSet ? await configurationSetProtectId(client, o.configSet) : undefined;
  const all = await listConfigurations(client);
  const chosen = selectConfiguration({
    explicitId,
    configurationSetProtectId: setProtectId,
    accountDefaultId: all.find((c) => c.accountDefault)?.id,
  });
  const country = countryOfNumber(o.number, catalog.prefixes) ?? null;
  const base = { number: o.number, country, countryName: country && catalog.name(country), channel: o.channel };
  if (!chosen) return { ...base, configuration: null, rule: { kind: 'none' }, verdict: 'ALLOW', blocked: false };
  const arn = all.find((c) => c.id === chosen.id)?.arn;
  const name = arn ? ((await getTags(client, arn)).Name ?? null) : null;
  const rules = await getRuleSet(client, chosen.id, o.channel);
  const override = (await listOverrides(client, chosen.id)).find((x) => x.number === o.number);
  const decision = decideRule(
    override ? { action: override.action, expiresAtMs: override.expires ? Date.parse(override.expires) : undefined } : undefined,
    country ?? undefined,
    country ? rules[country] : undefined,
    ctx.clock.now().getTime(),
  );
  return {
    ...base,
    configuration: { id: chosen.id, name, source: chosen.source },
    rule:
      decision.kind === 'override'
        ? { kind: 'override', action: decision.action, expires: decision.expires ?? null }
        : decision.kind === 'country'
          ? decision
          : { kind: 'none' },
    verdict: verdictOf(decision),
    blocked: blockReason(decision) !== undefined,
  };
}

/** The SendTextMessage dry run: blocked by Protect (and why), or refused for another reason. */
async function liveDryRun(
  client: ProtectClient,
  o: ProtectCheckOptions,
  explicitId: string | undefined,
  blockedLocally: boolean,
): Promise<NonNullable<ProtectCheckData['live']>> {
  const { sendDryRun } = await import('../../aws/protect.js');
  let blocked = false;
  let reason: string | null = null;
  let otherError: string | null = null;
  try {
    await sendDryRun(client, { number: o.number, body: 'eum protect check (dry run)', configurationSet: o.configSet, protectConfigurationId: explicitId });
  } catch (err) {
    const e = err as { name?: string; Reason?: string };
    if (e.name === 'ConflictException' && /BLOCKED_BY_PROTECT/.test(e.Reason ?? '')) {
      blocked = true;
      reason = e.Reason ?? null;
    } else if (e.name === 'ConflictException' || e.name === 'ValidationException') {
      // Protect let it through; the dry run failed on something else (no origination identity, ...).
      otherError = `${e.name}${e.Reason ? ` (${e.Reason})` : ''}`;
    } else throw err;
  }
  return { blocked, reason, agrees: blocked === blockedLocally, otherError };
}

/** The check in words: the rows of the terminal and piped view. */
function checkPairs(data: ProtectCheckData, configSet: string | undefined): Array<[string, unknown]> {
  const why = !data.configuration
    ? 'no Protect configuration applies (none named, none on the configuration set, no account default)'
    : `${data.configuration.name ? `${data.configuration.name} (${data.configuration.id})` : data.configuration.id}, ${
        data.configuration.source === 'explicit'
          ? 'named with --protect-config'
          : data.configuration.source === 'configuration-set'
            ? `associated with configuration set ${configSet}`
            : 'the account default'
      }`;
  const rule =
    data.rule.kind === 'override'
      ? `number override: always ${data.rule.action}${data.rule.expires ? ` until ${data.rule.expires}` : ''}`
      : data.rule.kind === 'country'
        ? `country rule: ${data.countryName} (${data.rule.country}) is ${data.rule.status} for ${data.channel}`
        : 'no rule (nothing applies)';
  const pairs: Array<[string, unknown]> = [
    ['number', data.number],
    ['country', data.country ? `${data.countryName} (${data.country})` : 'unknown'],
    ['configuration', why],
    ['decided by', rule],
    [
      'verdict',
      data.blocked
        ? `${data.verdict}: the message would be refused`
        : `${data.verdict}: the message would be sent${data.verdict === 'FILTER' ? ' unless the service judges it fraudulent' : ''}`,
    ],
  ];
  if (data.live) {
    const what = data.live.blocked
      ? `blocked (${data.live.reason})`
      : data.live.otherError
        ? `passed Protect, then refused: ${data.live.otherError}`
        : 'accepted';
    pairs.push(['live dry run', `${what}${data.live.agrees ? '' : ' - DISAGREES with the local evaluation'}`]);
  }
  return pairs;
}

export function registerProtectCheck(parent: Command, app: App): void {
  const cmd = parent
    .command('check')
    .description('would a message to this number be blocked? which configuration applies, which rule decides, the verdict')
    .argument('<number>', 'destination number, E.164')
    .option('--config-set <name>', 'the configuration set the message would use')
    .option('--protect-config <id>', 'the ProtectConfigurationId the message would name')
    .option('--channel <channel>', 'sms, mms, voice or rcs', 'sms')
    .option('--live', 'cross-check with a SendTextMessage dry run (nothing is sent)')
    .action(app.action(async (ctx, { args, opts }) => runProtectCheck(ctx, await parseProtectCheckOptions(args, opts))));
  app.examples(cmd, [
    ['through the account default', 'eum protect check +2348031234567'],
    ['as the OTP service sends, cross-checked by the API', 'eum protect check +447700900123 --config-set otp --live --json'],
  ]);
}
