/**
 * Runs a ProgramPlan's calls through the bulk engine: stage after stage (see STAGE in
 * src/core/program/plan.ts); within a stage one engine run per operation, each paced at that
 * operation's published rate in every Region at once, throttling absorbed. Creates carry a
 * ClientToken journalled before the call, so a rerun after an unknown outcome replays the same
 * create instead of making a second resource. The first call that fails stops the run: what was
 * done and what was not is returned, and the next apply plans afresh from the account.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../../cli/context.js';
import { runBulk, StopRun, type BulkOutcome, type CallContext } from '../bulk.js';
import type { ProgramCall, RegionSnapshot } from '../../core/program/plan.js';
import { executeProtectCall, type ProtectTargets } from '../protect/calls.js';
import { rpsOf } from './read.js';
import { maskPhoneNumber } from '../../core/mask.js';

export interface ApplyResult {
  done: ProgramCall[];
  /** The call that failed (or whose outcome is unknown), with its error. */
  failed?: { call: ProgramCall; error: unknown; unknown: boolean };
  notDone: ProgramCall[];
  interrupted: boolean;
}

interface TokenEntry {
  key: string;
  token?: string;
  done?: boolean;
}

const CREATES = new Set(['RequestPhoneNumber', 'RequestSenderId', 'CreateOptOutList', 'CreatePool', 'CreateConfigurationSet', 'CreateEventDestination']);

/** The operation's name as the API (and its quota) knows it. */
export const apiOp = (c: ProgramCall) => (c.op === 'Protect' ? c.call.op : c.op);

function createKey(c: ProgramCall): string {
  switch (c.op) {
    case 'CreateOptOutList':
      return `${c.region}|${c.op}|${c.list}`;
    case 'CreatePool':
      return `${c.region}|${c.op}|${c.pool}`;
    case 'CreateConfigurationSet':
      return `${c.region}|${c.op}|${c.configurationSet}`;
    case 'CreateEventDestination':
      return `${c.region}|${c.op}|${c.configurationSet}|${c.destination.name}`;
    case 'RequestSenderId':
      return `${c.region}|${c.op}|${c.senderId}|${c.country}`;
    case 'RequestPhoneNumber':
      return `${c.region}|${c.op}|${c.number}`;
    default:
      return `${c.region}|${c.op}`;
  }
}

export async function applyProgram(ctx: Context, calls: ProgramCall[], snapshots: RegionSnapshot[]): Promise<ApplyResult> {
  const numbers = await import('../../aws/phone-numbers.js');
  const pools = await import('../../aws/pools.js');
  const keywords = await import('../../aws/keywords.js');
  const optOuts = await import('../../aws/opt-outs.js');
  const sets = await import('../../aws/config-sets.js');
  const account = await import('../../aws/account.js');
  const senderIds = await import('../../aws/sender-ids.js');
  const { Journal, journalPath } = await import('../../store/journal.js');
  const journal = new Journal<TokenEntry>(journalPath(ctx.stateDir, 'program', 'all', 'client-tokens'));
  const tokens = new Map<string, string>();
  for (const e of await journal.read()) {
    if (e.done) tokens.delete(e.key);
    else if (e.token) tokens.set(e.key, e.token);
  }
  const tokenFor = async (c: ProgramCall) => {
    const key = createKey(c);
    let t = tokens.get(key);
    if (!t) {
      t = randomUUID();
      tokens.set(key, t);
      // Journalled before the call: a rerun after an unknown outcome replays this create.
      await journal.append([{ key, token: t }]);
    }
    return t;
  };

  // Pools by Name tag (and ID), Protect configurations by name: created ones are added on the way.
  const poolIds = new Map<string, string>();
  const protectRefs = new Map<string, { id: string; arn: string }>();
  for (const s of snapshots) {
    for (const p of s.pools) {
      poolIds.set(`${s.region}|${p.id}`, p.id);
      if (p.name) poolIds.set(`${s.region}|${p.name}`, p.id);
    }
    for (const c of s.protect?.configurations ?? []) {
      protectRefs.set(`${s.region}|${c.id}`, c);
      protectRefs.set(`${s.region}|${c.name ?? c.id}`, c);
    }
  }
  const numberIds = new Map<string, string>();
  for (const s of snapshots) for (const n of s.numbers) numberIds.set(`${s.region}|${n.number}`, n.id);
  const poolId = (region: string, ref: string) => {
    const id = poolIds.get(`${region}|${ref}`);
    if (!id) throw new Error(`internal: no pool ${ref} in ${region}`);
    return id;
  };
  const numberId = (region: string, n: string) => numberIds.get(`${region}|${n}`) ?? n;
  const protectRef = (region: string, ref: string) => {
    const t = protectRefs.get(`${region}|${ref}`);
    if (!t) throw new Error(`internal: no Protect configuration ${ref} in ${region}`);
    return t;
  };

  async function run(c: ProgramCall, x: CallContext): Promise<void> {
    const o = { signal: x.signal };
    const cl = x.client;
    switch (c.op) {
      case 'CreateOptOutList':
        await optOuts.createOptOutList(cl, { name: c.list, tags: [], clientToken: await tokenFor(c) }, o);
        return;
      case 'DeleteOptOutList':
        await optOuts.deleteOptOutList(cl, c.list, o);
        return;
      case 'RequestPhoneNumber': {
        const digits = c.number.replace(/^\+/, '');
        const got = await numbers.requestPhoneNumber(
          cl,
          {
            country: c.country,
            numberType: c.numberType,
            messageType: c.messageType,
            capabilities: c.capabilities,
            registrationId: c.registrationId,
            preference: { kind: 'ExactMatch', digits },
            deletionProtection: false,
            tags: [],
            clientToken: await tokenFor(c),
          },
          o,
        );
        numberIds.set(`${c.region}|${c.number}`, got.phoneNumberId);
        // ExactMatch is a preference: a different number is not what the document says.
        if (got.phoneNumber !== c.number)
          throw new Error(
            `requested ${maskPhoneNumber(c.number)} but the service leased ${maskPhoneNumber(got.phoneNumber)} (${got.phoneNumberId}); release it or put it in the document`,
          );
        return;
      }
      case 'UpdatePhoneNumber':
        await numbers.updatePhoneNumber(cl, c.id || numberId(c.region, c.number), c.changes, o);
        return;
      case 'PutKeyword':
        await keywords.putKeyword(
          cl,
          c.id || numberId(c.region, c.number),
          { keyword: c.keyword, message: c.message, action: c.action as 'AUTOMATIC_RESPONSE' },
          o,
        );
        return;
      case 'DeleteKeyword':
        await keywords.deleteKeyword(cl, c.id, c.keyword, o);
        return;
      case 'CreatePool': {
        const p = await pools.createPool(
          cl,
          {
            originationIdentity: numberId(c.region, c.identity),
            messageType: c.messageType,
            deletionProtection: c.deletionProtection,
            tags: [{ Key: 'Name', Value: c.pool }],
            clientToken: await tokenFor(c),
          },
          o,
        );
        poolIds.set(`${c.region}|${c.pool}`, p.poolId);
        return;
      }
      case 'UpdatePool':
        await pools.updatePool(cl, poolId(c.region, c.pool), c.changes, o);
        return;
      case 'DeletePool':
        await pools.deletePool(cl, poolId(c.region, c.pool), o);
        return;
      case 'AssociateOriginationIdentity':
        await pools.associateOriginationIdentity(cl, { poolId: poolId(c.region, c.pool), originationIdentity: numberId(c.region, c.identity) }, o);
        return;
      case 'DisassociateOriginationIdentity':
        await pools.disassociateOriginationIdentity(cl, { poolId: poolId(c.region, c.pool), originationIdentity: numberId(c.region, c.identity) }, o);
        return;
      case 'CreateConfigurationSet':
        await sets.createConfigurationSet(cl, { name: c.configurationSet, clientToken: await tokenFor(c) }, o);
        return;
      case 'DeleteConfigurationSet':
        await sets.deleteConfigurationSet(cl, c.configurationSet, o);
        return;
      case 'CreateEventDestination':
        await sets.createEventDestination(
          cl,
          {
            configurationSet: c.configurationSet,
            name: c.destination.name,
            eventTypes: c.destination.eventTypes,
            target: c.destination.target,
            clientToken: await tokenFor(c),
          },
          o,
        );
        if (!c.destination.enabled)
          await sets.updateEventDestination(cl, { configurationSet: c.configurationSet, name: c.destination.name, enabled: false }, o);
        return;
      case 'UpdateEventDestination':
        await sets.updateEventDestination(
          cl,
          {
            configurationSet: c.configurationSet,
            name: c.destination.name,
            enabled: c.destination.enabled,
            eventTypes: c.destination.eventTypes,
            target: c.destination.target,
          },
          o,
        );
        return;
      case 'DeleteEventDestination':
        await sets.deleteEventDestination(cl, c.configurationSet, c.name, o);
        return;
      case 'SetDefaultSenderId':
        await sets.setDefaultSenderId(cl, c.configurationSet, c.senderId, o);
        return;
      case 'DeleteDefaultSenderId':
        await sets.deleteDefaultSenderId(cl, c.configurationSet, o);
        return;
      case 'SetDefaultMessageType':
        await sets.setDefaultMessageType(cl, c.configurationSet, c.messageType, o);
        return;
      case 'DeleteDefaultMessageType':
        await sets.deleteDefaultMessageType(cl, c.configurationSet, o);
        return;
      case 'SetDefaultMessageFeedbackEnabled':
        await sets.setDefaultMessageFeedback(cl, c.configurationSet, c.enabled, o);
        return;
      case 'SetSpendLimitOverride':
        await account.setSpendLimitOverride(cl, c.channel, c.limit, o);
        return;
      case 'DeleteSpendLimitOverride':
        await account.deleteSpendLimitOverride(cl, c.channel, o);
        return;
      case 'RequestSenderId':
        await senderIds.requestSenderId(
          cl,
          {
            senderId: c.senderId,
            country: c.country,
            messageTypes: c.messageTypes,
            deletionProtection: c.deletionProtection,
            tags: [],
            clientToken: await tokenFor(c),
          },
          o,
        );
        return;
      case 'ReleaseSenderId':
        await senderIds.releaseSenderId(cl, c.senderId, c.country, o);
        return;
      case 'PutOptedOutNumber':
        await optOuts.putOptedOutNumber(cl, c.list, c.number, o);
        return;
      case 'Protect':
        await executeProtectCall(cl, c.call, protectTargets(c.region));
        return;
    }
  }

  /** The Protect configurations of a Region, as the Protect calls refer to them. */
  const protectTargets = (region: string): ProtectTargets => ({
    get: (ref) => protectRef(region, ref),
    add: (ref, target) => void protectRefs.set(`${region}|${ref}`, target),
  });

  const done = new Set<ProgramCall>();
  let failed: ApplyResult['failed'];
  let interrupted = false;
  const stages = [...new Set(calls.map((c) => c.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const inStage = calls.filter((c) => c.stage === stage);
    // Protect's calls keep their order (one after another per Region); other operations run side by side.
    const groups = new Map<string, ProgramCall[]>();
    for (const c of inStage) {
      const g = c.op === 'Protect' ? 'Protect' : c.op;
      groups.set(g, [...(groups.get(g) ?? []), c]);
    }
    const runs = await Promise.all(
      [...groups].map(([group, items]) =>
        runBulk(ctx, items, {
          // Creates carry a ClientToken, the rest set a state: repeating one cannot act twice,
          // except the Protect create (no token) and deletes, which are never repeated blindly.
          idempotent: group !== 'Protect' && !group.startsWith('Delete'),
          rate: group === 'Protect' ? 1 : rpsOf(group),
          regionOf: (c) => c.region,
          keyOf: group === 'Protect' ? (c) => c.region : undefined,
          call: async (c, x) => {
            if (failed) throw new StopRun('an earlier call failed');
            await run(c, x);
          },
          onOutcome: (c, outcome: BulkOutcome<void>) => {
            if (outcome.kind === 'ok') {
              done.add(c);
              if (CREATES.has(c.op)) {
                const key = createKey(c);
                tokens.delete(key);
                return journal.append([{ key, done: true }]);
              }
              return;
            }
            if (outcome.error instanceof StopRun) return;
            failed ??= { call: c, error: outcome.error, unknown: outcome.kind === 'unknown' };
            throw new StopRun(outcome.error);
          },
        }),
      ),
    );
    if (runs.some((r) => r.interrupted)) interrupted = true;
    if (failed || interrupted) break;
  }
  await journal.close?.();
  return { done: calls.filter((c) => done.has(c)), failed, notDone: calls.filter((c) => !done.has(c) && c !== failed?.call), interrupted };
}
