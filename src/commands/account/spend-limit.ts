/**
 * `eum account spend-limit set text|voice|media|notify|rcs USD` and `unset CHANNEL`: the monthly
 * spend limit override of one channel (Set/Delete<Channel>MessageSpendLimitOverride). An override
 * lies between $0 and the account's limit (MaxLimit); above it AWS Support must raise the account
 * limit first.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { SPEND_CHANNELS, type SpendChannel } from '../../aws/account.js';

export interface SpendLimitChangeData {
  channel: SpendChannel;
  name: string;
  /** USD per month, before and after. */
  before: { enforcedLimit: number; overridden: boolean };
  after: { enforcedLimit: number; overridden: boolean };
  maxLimit: number;
  changed: boolean;
}

/** Largest MonthlyLimit the model takes. */
const MAX_MONTHLY_LIMIT = 1_000_000_000;

/** The names people also use for two channels. */
const ALIASES: Record<string, SpendChannel> = { sms: 'text', mms: 'media' };

function parseChannel(value: unknown, problems: InputProblem[]): SpendChannel {
  const lower = String(value ?? '').toLowerCase();
  const v = (ALIASES[lower] ?? lower) as SpendChannel;
  if (!SPEND_CHANNELS.includes(v))
    problems.push({ field: '<channel>', message: `"${String(value ?? '').slice(0, 20)}": use one of ${SPEND_CHANNELS.join(', ')} (sms and mms also work)` });
  return v;
}

export function parseSpendLimitSet(args: unknown[]): { channel: SpendChannel; usd: number } {
  const problems: InputProblem[] = [];
  const channel = parseChannel(args[0], problems);
  const raw = String(args[1] ?? '').replace(/^\$/, '');
  const usd = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(usd) || usd > MAX_MONTHLY_LIMIT)
    problems.push({
      field: '<usd>',
      message: `"${String(args[1] ?? '').slice(0, 20)}": whole US dollars a month, 0 to ${MAX_MONTHLY_LIMIT.toLocaleString('en-US')}`,
    });
  if (problems.length) throw new InputError(problems, 'nothing was changed');
  return { channel, usd };
}

async function current(ctx: Context, channel: SpendChannel) {
  const { describeSpendLimits, SPEND_LIMIT_NAMES } = await import('../../aws/account.js');
  const name = SPEND_LIMIT_NAMES[channel];
  const limit = (await describeSpendLimits(await ctx.sms(), { signal: ctx.signal })).find((l) => l.name === name);
  return { name, limit };
}

const usd = (n: number) => `$${n.toLocaleString('en-US')}`;

export async function runSpendLimitSet(ctx: Context, o: { channel: SpendChannel; usd: number }): Promise<CommandResult<SpendLimitChangeData>> {
  const { setSpendLimitOverride } = await import('../../aws/account.js');
  const { name, limit } = await current(ctx, o.channel);
  if (limit && o.usd > limit.maxLimit) {
    throw new InputError(
      [{ field: '<usd>', message: `${usd(o.usd)} is above the account's ${o.channel} limit of ${usd(limit.maxLimit)} a month` }],
      'nothing was changed; an override lies between $0 and the account limit: ask AWS Support for a higher spend quota first',
    );
  }
  const r = await setSpendLimitOverride(await ctx.sms(), o.channel, o.usd, { signal: ctx.signal });
  const enforced = r.monthlyLimit ?? o.usd;
  const before = { enforcedLimit: limit?.enforcedLimit ?? 0, overridden: limit?.overridden ?? false };
  return {
    data: {
      channel: o.channel,
      name,
      before,
      after: { enforcedLimit: enforced, overridden: true },
      maxLimit: limit?.maxLimit ?? enforced,
      changed: before.enforcedLimit !== enforced || !before.overridden,
    },
    notes: [
      `${o.channel} spend limit: ${usd(before.enforcedLimit)} -> ${usd(enforced)} a month (override; the account limit is ${usd(limit?.maxLimit ?? enforced)})`,
    ],
  };
}

export async function runSpendLimitUnset(ctx: Context, o: { channel: SpendChannel }): Promise<CommandResult<SpendLimitChangeData>> {
  const { deleteSpendLimitOverride, describeSpendLimits } = await import('../../aws/account.js');
  const { name, limit } = await current(ctx, o.channel);
  const before = { enforcedLimit: limit?.enforcedLimit ?? 0, overridden: limit?.overridden ?? false };
  await deleteSpendLimitOverride(await ctx.sms(), o.channel, { signal: ctx.signal });
  const after = (await describeSpendLimits(await ctx.sms(), { signal: ctx.signal })).find((l) => l.name === name);
  const enforced = after?.enforcedLimit ?? limit?.maxLimit ?? 0;
  return {
    data: {
      channel: o.channel,
      name,
      before,
      after: { enforcedLimit: enforced, overridden: after?.overridden ?? false },
      maxLimit: after?.maxLimit ?? enforced,
      changed: before.overridden,
    },
    notes: [
      before.overridden
        ? `${o.channel} spend limit override removed: ${usd(before.enforcedLimit)} -> ${usd(enforced)} a month (the account limit)`
        : `${o.channel} had no override: the account limit of ${usd(enforced)} a month applies`,
    ],
  };
}

export function registerAccountSpendLimit(parent: Command, app: App): void {
  const spend = parent.command('spend-limit').description('monthly spend limit overrides per channel (text, voice, media, notify, rcs)');
  const set = spend
    .command('set')
    .description("set a channel's monthly spend limit, up to the account's limit (see eum account show)")
    .argument('<channel>', SPEND_CHANNELS.join(', '))
    .argument('<usd>', 'whole US dollars a month')
    .action(app.action(async (ctx, { args }) => runSpendLimitSet(ctx, parseSpendLimitSet(args))));
  app.examples(set, [
    ['cap SMS at $100 a month', 'eum --sim account spend-limit set text 100'],
    ['stop voice spending', 'eum account spend-limit set voice 0'],
  ]);
  const unset = spend
    .command('unset')
    .description("remove a channel's override: the account's limit applies again")
    .argument('<channel>', SPEND_CHANNELS.join(', '))
    .action(
      app.action(async (ctx, { args }) => {
        const problems: InputProblem[] = [];
        const channel = parseChannel(args[0], problems);
        if (problems.length) throw new InputError(problems, 'nothing was changed');
        return runSpendLimitUnset(ctx, { channel });
      }),
    );
  app.examples(unset, [['back to the account limit', 'eum --sim account spend-limit unset text']]);
}
