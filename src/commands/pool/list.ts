/** `eum pool list` and `eum pool show <pool>`: pools, and one pool with its origination identities. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { describePool, listPoolOriginationIdentities, listPools, type PoolInfo, type PoolMember } from '../../aws/pools.js';
import { checkPoolRef } from '../../core/number/rules.js';
import { plural } from '../../core/sender-id/plan.js';
import { list, lower, onOff } from '../number/options.js';

export interface PoolListData {
  pools: PoolInfo[];
  summary: { total: number };
}

export interface PoolShowData {
  pool: PoolInfo;
  originationIdentities: PoolMember[];
}

export function parsePoolRef(raw: string | undefined): string {
  const problems: InputProblem[] = [];
  const ref = checkPoolRef(raw, problems);
  if (problems.length) throw new InputError(problems);
  return ref;
}

export async function runPoolList(ctx: Context): Promise<CommandResult<PoolListData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const pools = (await readWithRetry(ctx, (call) => listPools(call.client, {}, { signal: call.signal }))).sort((a, b) => a.poolId.localeCompare(b.poolId));
  return {
    data: { pools, summary: { total: pools.length } },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'poolId', header: 'Pool' },
          { key: 'status', header: 'Status', format: lower },
          { key: 'messageType', header: 'Type', format: lower },
          { key: 'sharedRoutesEnabled', header: 'Shared routes', format: onOff },
          { key: 'twoWayEnabled', header: 'Two-way', format: onOff },
          { key: 'selfManagedOptOutsEnabled', header: 'Own opt-outs', format: onOff },
          { key: 'optOutListName', header: 'Opt-out list' },
          { key: 'deletionProtectionEnabled', header: 'Protected', format: onOff },
        ],
        rows: pools as unknown as Record<string, unknown>[],
        empty: 'No pools. Create one from a number: eum pool create +18335550100',
      },
    ],
    notes: pools.length ? [plural(pools.length, 'pool', 'pools')] : [],
  };
}

/** The key/value lines of one pool (show, update, create). */
export function poolPairs(p: PoolInfo): Array<[string, unknown]> {
  return [
    ['Pool', p.poolId],
    ['ARN', p.poolArn],
    ['Status', lower(p.status)],
    ['Message type', lower(p.messageType)],
    ['Shared routes', onOff(p.sharedRoutesEnabled)],
    [
      'Two-way',
      `${onOff(p.twoWayEnabled)}${p.twoWayChannelArn ? ` (${p.twoWayChannelArn}${p.twoWayChannelRole ? `, role ${p.twoWayChannelRole}` : ''})` : ''}`,
    ],
    ['Self-managed opt-outs', onOff(p.selfManagedOptOutsEnabled)],
    ['Opt-out list', p.optOutListName ?? ''],
    ['Deletion protection', onOff(p.deletionProtectionEnabled)],
    ['Created', p.createdTimestamp ?? ''],
  ];
}

export function membersView(members: PoolMember[], tty: boolean) {
  return {
    kind: 'table' as const,
    title: 'Origination identities',
    columns: [
      { key: 'originationIdentity', header: 'Identity' },
      { key: 'phoneNumber', header: 'Number' },
      { key: 'country', header: 'Country' },
      { key: 'capabilities', header: 'Capabilities', format: list },
      // The ARN in piped lines and --json; a terminal has no room for it.
      ...(tty ? [] : [{ key: 'originationIdentityArn', header: 'ARN' }]),
    ],
    rows: members as unknown as Record<string, unknown>[],
    empty: 'No origination identities.',
  };
}

export async function runPoolShow(ctx: Context, ref: string): Promise<CommandResult<PoolShowData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const pool = await readWithRetry(ctx, (call) => describePool(call.client, ref, { signal: call.signal }));
  const members = await readWithRetry(ctx, (call) => listPoolOriginationIdentities(call.client, pool.poolId, {}, { signal: call.signal }));
  return {
    data: { pool, originationIdentities: members },
    views: [{ kind: 'kv', pairs: poolPairs(pool) }, membersView(members, ctx.stdoutIsTTY)],
    notes: [
      `${plural(members.length, 'origination identity', 'origination identities')} in ${[...new Set(members.map((m) => m.country))].sort().join(', ') || 'no country'}`,
    ],
  };
}

export function registerPoolList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list pools (all pages) with their settings')
    .action(app.action(async (ctx) => runPoolList(ctx)));
  app.examples(cmd, [
    ['every pool', 'eum pool list'],
    ['pool IDs only', 'eum pool list | cut -f1'],
  ]);
  const show = parent
    .command('show <pool>')
    .description('show one pool (ID or ARN) and its origination identities')
    .action(app.action(async (ctx, { args }) => runPoolShow(ctx, parsePoolRef(args[0] as string))));
  app.examples(show, [
    ['a pool and its numbers', 'eum pool show pool-0123...'],
    ['its numbers, as JSON', 'eum pool show pool-0123... --query originationIdentities'],
  ]);
}
