/** `eum account show`: the tier, account attributes, account limits with their use, and spend limits with their overrides. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import type { AccountAttribute, AccountLimit, SpendChannel, SpendLimit } from '../../aws/account.js';

export interface AccountShowData {
  region: string;
  /** ACCOUNT_TIER: SANDBOX or PRODUCTION (null when the API does not say). */
  tier: string | null;
  attributes: AccountAttribute[];
  /** Each limit with its use (PHONE_NUMBERS, POOLS, CONFIGURATION_SETS, OPT_OUT_LISTS, SENDER_IDS, REGISTRATIONS, ...). */
  limits: Array<AccountLimit & { remaining: number }>;
  /** USD per month; `override` is the enforced limit when an override is set, else null. */
  spendLimits: Array<SpendLimit & { channel: SpendChannel | null; override: number | null }>;
}

/** What a limit counts, in words. */
const LIMIT_LABELS: Record<string, string> = {
  PHONE_NUMBERS: 'phone numbers',
  POOLS: 'pools',
  CONFIGURATION_SETS: 'configuration sets',
  OPT_OUT_LISTS: 'opt-out lists',
  SENDER_IDS: 'sender IDs',
  REGISTRATIONS: 'registrations',
  REGISTRATION_ATTACHMENTS: 'registration attachments',
  VERIFIED_DESTINATION_NUMBERS: 'verified destination numbers',
};

export async function runAccountShow(ctx: Context): Promise<CommandResult<AccountShowData>> {
  const client = await ctx.sms();
  const { describeAccountAttributes, describeAccountLimits, describeSpendLimits, clientRegion, SPEND_LIMIT_NAMES } = await import('../../aws/account.js');
  // One after the other: a failure stops at once, and retries stay predictable.
  const attributes = await describeAccountAttributes(client, { signal: ctx.signal });
  const limits = await describeAccountLimits(client, { signal: ctx.signal });
  const spend = await describeSpendLimits(client, { signal: ctx.signal });
  const channelOf = (name: string) => (Object.keys(SPEND_LIMIT_NAMES) as SpendChannel[]).find((c) => SPEND_LIMIT_NAMES[c] === name) ?? null;
  const tier = attributes.find((a) => a.name === 'ACCOUNT_TIER')?.value ?? null;
  const data: AccountShowData = {
    region: await clientRegion(client),
    tier,
    attributes,
    limits: limits.map((l) => ({ ...l, remaining: Math.max(0, l.max - l.used) })),
    spendLimits: spend.map((l) => ({ ...l, channel: channelOf(l.name), override: l.overridden ? l.enforcedLimit : null })),
  };
  const notes: string[] = [];
  if (tier === 'SANDBOX') {
    notes.push(
      'the account is in the sandbox: messages go only to verified destination numbers (eum verify add +E164) and simulator numbers, within a $1.00 monthly SMS and MMS spend limit; request production access in the console (a Support case)',
    );
  }
  const full = data.limits.filter((l) => l.max > 0 && l.used >= l.max);
  if (full.length)
    notes.push(`at the limit: ${full.map((l) => LIMIT_LABELS[l.name] ?? l.name).join(', ')} (request an increase in the Service Quotas console)`);
  return {
    data,
    views: [
      {
        kind: 'kv',
        title: `Account (${data.region})`,
        pairs: [['tier', tier ?? '(not given)'], ...data.attributes.filter((a) => a.name !== 'ACCOUNT_TIER').map((a): [string, string] => [a.name, a.value])],
      },
      {
        kind: 'table',
        title: 'Account limits',
        columns: [
          { key: 'name', header: 'Limit', format: (v) => LIMIT_LABELS[String(v)] ?? String(v) },
          { key: 'used', header: 'Used', align: 'right' },
          { key: 'max', header: 'Max', align: 'right' },
          { key: 'remaining', header: 'Left', align: 'right' },
        ],
        rows: data.limits as unknown as Record<string, unknown>[],
      },
      {
        kind: 'table',
        title: 'Spend limits (USD per month)',
        columns: [
          { key: 'channel', header: 'Channel', format: (v, row) => String(v ?? row.name) },
          { key: 'enforcedLimit', header: 'Enforced', align: 'right' },
          { key: 'maxLimit', header: 'Account limit', align: 'right' },
          { key: 'override', header: 'Override', align: 'right', format: (v) => (v === null ? 'none' : String(v)) },
        ],
        rows: data.spendLimits as unknown as Record<string, unknown>[],
      },
    ],
    notes,
  };
}

export function registerAccountShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show')
    .description('show the account tier (sandbox or production), account limits with their use, and spend limits with their overrides')
    .action(app.action((ctx) => runAccountShow(ctx)));
  app.examples(cmd, [
    ['against the built-in simulator', 'eum --sim account show'],
    ['as JSON, for a script', 'eum account show --region eu-west-2 --json'],
    ['how many more phone numbers fit', 'eum --sim account show --query "limits[?name==\'PHONE_NUMBERS\'].remaining | [0]"'],
  ]);
}
