/** `eum pool create`, `update` and `delete`. */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, OperationError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { createPool, deletePool, describePool, listPoolOriginationIdentities, updatePool, type PoolChanges, type PoolInfo } from '../../aws/pools.js';
import { describePhoneNumber } from '../../aws/phone-numbers.js';
import { checkOriginationIdentity, checkPoolRef } from '../../core/number/rules.js';
import { countryCodes, countryFlag, definedOnly, messageTypeFlag, onOffFlag, sharedChangeFlags, sharedChanges, switchFlag } from '../number/options.js';
import { parseDryRun } from '../number/release.js';
import { parseOptions } from '../../cli/options.js';
import { poolPairs } from './list.js';

export interface PoolCreateOptions {
  identity: string;
  country?: string;
  messageType: 'TRANSACTIONAL' | 'PROMOTIONAL';
  deletionProtection: boolean;
}

/** The flags of `pool create`, each with its type and check. */
const createFlags = (iso: ReadonlySet<string> | undefined) => ({ country: countryFlag(iso), messageType: messageTypeFlag, deletionProtection: switchFlag });
/** The flags of `pool update`. */
const updateFlags = { ...sharedChangeFlags, sharedRoutes: onOffFlag };

export async function parsePoolCreateOptions(identity: string | undefined, opts: Record<string, unknown>): Promise<PoolCreateOptions> {
  const problems: InputProblem[] = [];
  let kind: 'phone-number' | 'sender-id' = 'phone-number';
  if (identity === undefined || identity === '')
    problems.push({ field: '<identity>', message: 'required: the first origination identity: a phone number (ID, ARN, E.164) or a sender ID' });
  else kind = checkOriginationIdentity(identity, problems, '<identity>').kind;
  const { country, messageType = 'TRANSACTIONAL', deletionProtection } = parseOptions(createFlags(await countryCodes(opts.country)), opts, problems);
  if (kind === 'sender-id' && identity && !identity.startsWith('arn:') && country === undefined)
    problems.push({ field: '--country', message: `required for a sender ID given by value: the country of ${identity}, e.g. --country GB` });
  if (problems.length) throw new InputError(problems, 'no pool was created; see eum pool create --help');
  return { identity: identity!, country, messageType, deletionProtection };
}

export async function runPoolCreate(
  ctx: Context,
  o: PoolCreateOptions,
): Promise<CommandResult<{ status: 'created' | 'unknown'; pool: PoolInfo | null; error: string | null }>> {
  const { callWithRetry, readWithRetry } = await import('../../runtime/bulk.js');
  // An E.164 number to its ID (the API takes IDs and ARNs).
  const identity = o.identity.startsWith('+')
    ? (await readWithRetry(ctx, (call) => describePhoneNumber(call.client, o.identity, { signal: call.signal }))).phoneNumberId
    : o.identity;
  // One token for every attempt of this run: a retry after a lost reply returns the same pool.
  const clientToken = `eum-pool-${randomUUID()}`;
  const outcome = await callWithRetry(
    ctx,
    (call) =>
      createPool(
        call.client,
        { originationIdentity: identity, country: o.country, messageType: o.messageType, deletionProtection: o.deletionProtection, tags: [], clientToken },
        { signal: call.signal },
      ),
    { idempotent: true },
  );
  if (outcome.kind === 'failed' && outcome.errorClass === 'permanent') throw translateAwsError(outcome.error);
  if (outcome.kind !== 'ok') {
    const reason = outcome.kind === 'unknown' ? outcome.reason : translateAwsError(outcome.error).message;
    return {
      data: { status: 'unknown', pool: null, error: reason },
      notes: [`outcome unknown: ${reason}; check with eum pool list before creating it again`],
      exitCode: ExitCode.Failed,
    };
  }
  const pool = outcome.value;
  return {
    data: { status: 'created', pool, error: null },
    views: [{ kind: 'kv', pairs: poolPairs(pool) }],
    notes: [`created ${pool.poolId}; add more with: eum pool add ${pool.poolId} IDENTITY...`],
  };
}

export function parsePoolUpdateOptions(ref: string | undefined, opts: Record<string, unknown>): { ref: string; changes: PoolChanges } {
  const problems: InputProblem[] = [];
  const id = checkPoolRef(ref, problems);
  const o = parseOptions(updateFlags, opts, problems);
  const changes: PoolChanges = definedOnly({ ...sharedChanges(o, problems), sharedRoutesEnabled: o.sharedRoutes });
  if (!problems.length && Object.keys(changes).length === 0) {
    problems.push({
      field: 'flags',
      message:
        'nothing to change: give at least one of --shared-routes, --two-way, --two-way-channel, --two-way-role, --self-managed-opt-outs, --opt-out-list, --deletion-protection',
    });
  }
  if (problems.length) throw new InputError(problems, 'nothing was changed; see eum pool update --help');
  return { ref: id, changes };
}

export async function runPoolUpdate(ctx: Context, o: { ref: string; changes: PoolChanges }): Promise<CommandResult<{ changes: PoolChanges; pool: PoolInfo }>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  // Setting the same values again is harmless: retried like a read.
  const pool = await readWithRetry(ctx, (call) => updatePool(call.client, o.ref, o.changes, { signal: call.signal }));
  return {
    data: { changes: o.changes, pool },
    views: [{ kind: 'kv', pairs: poolPairs(pool) }],
    notes: [`updated ${pool.poolId}: ${Object.keys(o.changes).join(', ')}`],
  };
}

export async function runPoolDelete(
  ctx: Context,
  ref: string,
  dryRun: boolean,
): Promise<CommandResult<{ status: 'deleted' | 'would-delete' | 'cancelled'; pool: PoolInfo; originationIdentities: number }>> {
  const { readWithRetry, callWithRetry } = await import('../../runtime/bulk.js');
  const pool = await readWithRetry(ctx, (call) => describePool(call.client, ref, { signal: call.signal }));
  const members = await readWithRetry(ctx, (call) => listPoolOriginationIdentities(call.client, pool.poolId, {}, { signal: call.signal }));
  const what = `pool ${pool.poolId} (${members.length} origination ${members.length === 1 ? 'identity' : 'identities'}, kept: they leave the pool)`;
  if (pool.deletionProtectionEnabled)
    throw new OperationError(`${pool.poolId} has deletion protection on`, {
      hint: `turn it off first: eum pool update ${pool.poolId} --deletion-protection off`,
    });
  if (dryRun) return { data: { status: 'would-delete', pool, originationIdentities: members.length }, notes: [`would delete ${what}; nothing was changed`] };
  if (!(await ctx.confirm(`delete ${what}?`)))
    return { data: { status: 'cancelled', pool, originationIdentities: members.length }, notes: ['nothing deleted'] };
  // A repeat after a lost reply finds nothing: not found on a later attempt means the first deleted it.
  const outcome = await callWithRetry(ctx, (call) => deletePool(call.client, pool.poolId, { signal: call.signal }), { idempotent: true });
  if (outcome.kind === 'failed' && !((outcome.error as { name?: string })?.name === 'ResourceNotFoundException' && outcome.attempts > 1))
    throw translateAwsError(outcome.error);
  if (outcome.kind === 'unknown') throw translateAwsError(outcome.error);
  return { data: { status: 'deleted', pool, originationIdentities: members.length }, notes: [`deleted ${what}`] };
}

export function registerPoolChange(parent: Command, app: App): void {
  const create = parent
    .command('create <identity>')
    .description('create a pool from its first origination identity: a phone number (ID, ARN, E.164) or a sender ID')
    .option('--country <CC>', 'the country of a sender ID given by value')
    .option('--message-type <type>', 'transactional (default) or promotional')
    .option('--deletion-protection', 'refuse to delete the pool until turned off')
    .action(app.action(async (ctx, { args, opts }) => runPoolCreate(ctx, await parsePoolCreateOptions(args[0] as string, opts))));
  app.examples(create, [
    ['from a toll-free number', 'eum pool create +18335550100'],
    ['from a sender ID in Germany', 'eum pool create ACME --country DE --json'],
  ]);
  const update = parent
    .command('update <pool>')
    .description('change a pool: shared routes, opt-out list, two-way, self-managed opt-outs, deletion protection')
    .option('--shared-routes <on|off>', 'send through shared routes where the pool has no identity for a country')
    .option('--two-way <on|off>', 'receive messages (needs a channel: --two-way-channel)')
    .option('--two-way-channel <arn>', 'where inbound messages go: an SNS topic ARN, or connect.<region>.amazonaws.com')
    .option('--two-way-role <arn>', 'the IAM role that may publish to the channel')
    .option('--self-managed-opt-outs <on|off>', 'on: you handle STOP and HELP yourself')
    .option('--opt-out-list <name>', 'the opt-out list the pool uses')
    .option('--deletion-protection <on|off>', 'refuse to delete the pool while on')
    .action(app.action(async (ctx, { args, opts }) => runPoolUpdate(ctx, parsePoolUpdateOptions(args[0] as string, opts))));
  app.examples(update, [
    ['shared routes on', 'eum pool update pool-0123... --shared-routes on'],
    ['protect from deletion, another opt-out list', 'eum pool update pool-0123... --deletion-protection on --opt-out-list marketing'],
  ]);
  const del = parent
    .command('delete <pool>')
    .description('delete a pool (its identities are kept); asks first unless --yes')
    .option('--dry-run', 'say what would be deleted, change nothing')
    .action(app.action(async (ctx, { args, opts }) => runPoolDelete(ctx, parsePoolRefArg(args[0] as string), parseDryRun(opts).dryRun)));
  app.examples(del, [
    ['see first', 'eum pool delete pool-0123... --dry-run'],
    ['in a script', 'eum pool delete pool-0123... --yes --json'],
  ]);
}

function parsePoolRefArg(raw: string): string {
  const problems: InputProblem[] = [];
  const ref = checkPoolRef(raw, problems);
  if (problems.length) throw new InputError(problems);
  return ref;
}
