/**
 * Runs a ProgramPlan's calls through the bulk engine: stage after stage (see STAGE in
 * src/core/program/plan.ts); within a stage one engine run per operation, each paced at that
 * operation's published rate in every Region at once, throttling absorbed. Creates carry a
 * ClientToken journalled before the call, so a rerun after an unknown outcome replays the same
 * create instead of making a second resource. The first call that fails stops the run: what was
 * done and what was not is returned, and the next apply plans afresh from the account.
 */
import { randomUUID } from 'node:crypto';
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
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

/** The API modules the calls use, loaded when apply runs. */
async function loadApis() {
  return {
    numbers: await import('../../aws/phone-numbers.js'),
    pools: await import('../../aws/pools.js'),
    keywords: await import('../../aws/keywords.js'),
    optOuts: await import('../../aws/opt-outs.js'),
    sets: await import('../../aws/config-sets.js'),
    account: await import('../../aws/account.js'),
    senderIds: await import('../../aws/sender-ids.js'),
  };
}

/** The ClientTokens of creates, read from the journal of earlier runs; a create's is spent when it succeeds. */
async function clientTokens(ctx: Context) {
  const { Journal, journalPath } = await import('../../store/journal.js');
  const journal = new Journal<TokenEntry>(journalPath(ctx.stateDir, 'program', 'all', 'client-tokens'));
  const tokens = new Map<string, string>();
  for (const e of await journal.read()) {
    if (e.done) tokens.delete(e.key);
    else if (e.token) tokens.set(e.key, e.token);
  }
  return {
    tokenFor: async (c: ProgramCall) => {
      const key = createKey(c);
      let t = tokens.get(key);
      if (!t) {
        t = randomUUID();
        tokens.set(key, t);
        // Journalled before the call: a rerun after an unknown outcome replays this create.
        await journal.append([{ key, token: t }]);
      }
      return t;
    },
    /** A call that succeeded: a create's token is spent. */
    done: (c: ProgramCall): Promise<void> | undefined => {
      if (!CREATES.has(c.op)) return;
      const key = createKey(c);
      tokens.delete(key);
      return journal.append([{ key, done: true }]);
    },
    close: () => journal.close?.(),
  };
}

/** The IDs behind the names the calls use. */
function resourceIds(snapshots: RegionSnapshot[]) {
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
  const protectRef = (region: string, ref: string) => {
    const t = protectRefs.get(`${region}|${ref}`);
    if (!t) throw new Error(`internal: no Protect configuration ${ref} in ${region}`);
    return t;
  };
  return {
    poolId: (region: string, ref: string) => {
      const id = poolIds.get(`${region}|${ref}`);
      if (!id) throw new Error(`internal: no pool ${ref} in ${region}`);
      return id;
    },
    addPool: (region: string, ref: string, id: string) => void poolIds.set(`${region}|${ref}`, id),
    numberId: (region: string, n: string) => numberIds.get(`${region}|${n}`) ?? n,
    addNumber: (region: string, n: string, id: string) => void numberIds.set(`${region}|${n}`, id),
    /** The Protect configurations of a Region, as the Protect calls refer to them. */
    protectTargets: (region: string): ProtectTargets => ({
      get: (ref) => protectRef(region, ref),
      add: (ref, target) => void protectRefs.set(`${region}|${ref}`, target),
    }),
  };
}

/** What running a call needs besides the call. */
interface Runner {
  api: Awaited<ReturnType<typeof loadApis>>;
  ids: ReturnType<typeof resourceIds>;
  tokenFor(c: ProgramCall): Promise<string>;
}

type CallRunner<C extends ProgramCall> = (r: Runner, c: C, client: PinpointSMSVoiceV2Client, o: { signal: AbortSignal }) => Promise<unknown>;
/** How each of these operations is called. */
type CallRunners<Op extends ProgramCall['op']> = { [K in Op]: CallRunner<Extract<ProgramCall, { op: K }>> };

const OPT_OUT_CALLS: CallRunners<'CreateOptOutList' | 'DeleteOptOutList' | 'PutOptedOutNumber'> = {
  CreateOptOutList: async (r, c, cl, o) => r.api.optOuts.createOptOutList(cl, { name: c.list, tags: [], clientToken: await r.tokenFor(c) }, o),
  DeleteOptOutList: (r, c, cl, o) => r.api.optOuts.deleteOptOutList(cl, c.list, o),
  PutOptedOutNumber: (r, c, cl, o) => r.api.optOuts.putOptedOutNumber(cl, c.list, c.number, o),
};

const NUMBER_CALLS: CallRunners<'RequestPhoneNumber' | 'UpdatePhoneNumber' | 'PutKeyword' | 'DeleteKeyword'> = {
  RequestPhoneNumber: async (r, c, cl, o) => {
    const digits = c.number.replace(/^\+/, '');
    const got = await r.api.numbers.requestPhoneNumber(
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
        clientToken: await r.tokenFor(c),
      },
      o,
    );
    r.ids.addNumber(c.region, c.number, got.phoneNumberId);
    // ExactMatch is a preference: a different number is not what the document says.
    if (got.phoneNumber !== c.number)
      throw new Error(
        `requested ${maskPhoneNumber(c.number)} but the service leased ${maskPhoneNumber(got.phoneNumber)} (${got.phoneNumberId}); release it or put it in the document`,
      );
  },
  UpdatePhoneNumber: (r, c, cl, o) => r.api.numbers.updatePhoneNumber(cl, c.id || r.ids.numberId(c.region, c.number), c.changes, o),
  PutKeyword: (r, c, cl, o) =>
    r.api.keywords.putKeyword(
      cl,
      c.id || r.ids.numberId(c.region, c.number),
      { keyword: c.keyword, message: c.message, action: c.action as 'AUTOMATIC_RESPONSE' },
      o,
    ),
  DeleteKeyword: (r, c, cl, o) => r.api.keywords.deleteKeyword(cl, c.id, c.keyword, o),
};

const POOL_CALLS: CallRunners<'CreatePool' | 'UpdatePool' | 'DeletePool' | 'AssociateOriginationIdentity' | 'DisassociateOriginationIdentity'> = {
  CreatePool: async (r, c, cl, o) => {
    const p = await r.api.pools.createPool(
      cl,
      {
        originationIdentity: r.ids.numberId(c.region, c.identity),
        messageType: c.messageType,
        deletionProtection: c.deletionProtection,
        tags: [{ Key: 'Name', Value: c.pool }],
        clientToken: await r.tokenFor(c),
      },
      o,
    );
    r.ids.addPool(c.region, c.pool, p.poolId);
  },
  UpdatePool: (r, c, cl, o) => r.api.pools.updatePool(cl, r.ids.poolId(c.region, c.pool), c.changes, o),
  DeletePool: (r, c, cl, o) => r.api.pools.deletePool(cl, r.ids.poolId(c.region, c.pool), o),
  AssociateOriginationIdentity: (r, c, cl, o) =>
    r.api.pools.associateOriginationIdentity(cl, { poolId: r.ids.poolId(c.region, c.pool), originationIdentity: r.ids.numberId(c.region, c.identity) }, o),
  DisassociateOriginationIdentity: (r, c, cl, o) =>
    r.api.pools.disassociateOriginationIdentity(cl, { poolId: r.ids.poolId(c.region, c.pool), originationIdentity: r.ids.numberId(c.region, c.identity) }, o),
};

const CONFIG_SET_CALLS: CallRunners<
  | 'CreateConfigurationSet'
  | 'DeleteConfigurationSet'
  | 'CreateEventDestination'
  | 'UpdateEventDestination'
  | 'DeleteEventDestination'
  | 'SetDefaultSenderId'
  | 'DeleteDefaultSenderId'
  | 'SetDefaultMessageType'
  | 'DeleteDefaultMessageType'
  | 'SetDefaultMessageFeedbackEnabled'
> = {
  CreateConfigurationSet: async (r, c, cl, o) => r.api.sets.createConfigurationSet(cl, { name: c.configurationSet, clientToken: await r.tokenFor(c) }, o),
  DeleteConfigurationSet: (r, c, cl, o) => r.api.sets.deleteConfigurationSet(cl, c.configurationSet, o),
  CreateEventDestination: async (r, c, cl, o) => {
    await r.api.sets.createEventDestination(
      cl,
      {
        configurationSet: c.configurationSet,
        name: c.destination.name,
        eventTypes: c.destination.eventTypes,
        target: c.destination.target,
        clientToken: await r.tokenFor(c),
      },
      o,
    );
    if (!c.destination.enabled)
      await r.api.sets.updateEventDestination(cl, { configurationSet: c.configurationSet, name: c.destination.name, enabled: false }, o);
  },
  UpdateEventDestination: (r, c, cl, o) =>
    r.api.sets.updateEventDestination(
      cl,
      {
        configurationSet: c.configurationSet,
        name: c.destination.name,
        enabled: c.destination.enabled,
        eventTypes: c.destination.eventTypes,
        target: c.destination.target,
      },
      o,
    ),
  DeleteEventDestination: (r, c, cl, o) => r.api.sets.deleteEventDestination(cl, c.configurationSet, c.name, o),
  SetDefaultSenderId: (r, c, cl, o) => r.api.sets.setDefaultSenderId(cl, c.configurationSet, c.senderId, o),
  DeleteDefaultSenderId: (r, c, cl, o) => r.api.sets.deleteDefaultSenderId(cl, c.configurationSet, o),
  SetDefaultMessageType: (r, c, cl, o) => r.api.sets.setDefaultMessageType(cl, c.configurationSet, c.messageType, o),
  DeleteDefaultMessageType: (r, c, cl, o) => r.api.sets.deleteDefaultMessageType(cl, c.configurationSet, o),
  SetDefaultMessageFeedbackEnabled: (r, c, cl, o) => r.api.sets.setDefaultMessageFeedback(cl, c.configurationSet, c.enabled, o),
};

const ACCOUNT_CALLS: CallRunners<'SetSpendLimitOverride' | 'DeleteSpendLimitOverride' | 'RequestSenderId' | 'ReleaseSenderId'> = {
  SetSpendLimitOverride: (r, c, cl, o) => r.api.account.setSpendLimitOverride(cl, c.channel, c.limit, o),
  DeleteSpendLimitOverride: (r, c, cl, o) => r.api.account.deleteSpendLimitOverride(cl, c.channel, o),
  RequestSenderId: async (r, c, cl, o) =>
    r.api.senderIds.requestSenderId(
      cl,
      {
        senderId: c.senderId,
        country: c.country,
        messageTypes: c.messageTypes,
        deletionProtection: c.deletionProtection,
        tags: [],
        clientToken: await r.tokenFor(c),
      },
      o,
    ),
  ReleaseSenderId: (r, c, cl, o) => r.api.senderIds.releaseSenderId(cl, c.senderId, c.country, o),
};

/** Every operation a plan calls, by area. */
const CALLS: CallRunners<ProgramCall['op']> = {
  ...OPT_OUT_CALLS,
  ...NUMBER_CALLS,
  ...POOL_CALLS,
  ...CONFIG_SET_CALLS,
  ...ACCOUNT_CALLS,
  Protect: (r, c, cl) => executeProtectCall(cl, c.call, r.ids.protectTargets(c.region)),
};

/** Makes one call. */
async function runCall(r: Runner, c: ProgramCall, x: CallContext): Promise<void> {
  await (CALLS[c.op] as CallRunner<ProgramCall>)(r, c, x.client, { signal: x.signal });
}

/** Runs the calls stage after stage; the first call that fails stops the run (calls in flight finish), and so does Ctrl-C. */
async function runStages(
  ctx: Context,
  calls: ProgramCall[],
  runner: Runner,
  onDone: (c: ProgramCall) => Promise<void> | undefined,
): Promise<{ done: Set<ProgramCall>; failed: ApplyResult['failed']; interrupted: boolean }> {
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
            await runCall(runner, c, x);
          },
          onOutcome: (c, outcome: BulkOutcome<void>) => {
            if (outcome.kind === 'ok') {
              done.add(c);
              return onDone(c);
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
  return { done, failed, interrupted };
}

/** Runs a plan's calls; `snapshots` are what the plan was made from (the IDs behind the names its calls use). */
export async function applyProgram(ctx: Context, calls: ProgramCall[], snapshots: RegionSnapshot[]): Promise<ApplyResult> {
  const api = await loadApis();
  const tokens = await clientTokens(ctx);
  const { done, failed, interrupted } = await runStages(ctx, calls, { api, ids: resourceIds(snapshots), tokenFor: tokens.tokenFor }, tokens.done);
  await tokens.close();
  return { done: calls.filter((c) => done.has(c)), failed, notDone: calls.filter((c) => !done.has(c) && c !== failed?.call), interrupted };
}
