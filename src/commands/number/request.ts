/**
 * `eum number request`: leases one phone number (RequestPhoneNumber, billed monthly).
 *
 * Checked before any call: the type is offered in the country (country data, service facts), a
 * 10DLC number names its campaign registration. Then, before asking: the registration exists, is
 * of the right type and (10DLC) COMPLETE. Never two numbers for one request: the ClientToken is
 * journalled before the first call, retries carry it (the service replays its first answer), and a
 * run whose outcome stayed unknown (lost reply, Ctrl-C) leaves it in the journal, so running the
 * same command again asks with the same token and gets the same number, not a second one.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, OperationError, UsageError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import { describePhoneNumber, requestPhoneNumber, type NumberPreference, type PhoneNumberRequest } from '../../aws/phone-numbers.js';
import { requestRule, TEN_DLC_CAMPAIGN, TOLL_FREE_REGISTRATION, type RequestableType } from '../../core/number/rules.js';
import { numberRow, type NumberRow } from './list.js';
import { numberPairs } from './show.js';
import {
  capabilitiesFlag,
  countryCodes,
  countryFlag,
  messageTypeFlag,
  numberTypeFlag,
  optOutListFlag,
  poolFlag,
  preferenceFlags,
  preferenceOf,
  registrationFlag,
  switchFlag,
} from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface NumberRequestOptions {
  request: Omit<PhoneNumberRequest, 'clientToken'>;
  warnings: string[];
  /** The registration type the number must name (10DLC), else undefined. */
  requiresRegistration?: string;
  registerAfter?: string;
}

export interface NumberRequestData {
  /**
   * `leased`: the number is yours; `failed`: the API throttled (or could not be reached on) every
   * attempt, so nothing was leased: try again later; `unknown`: the reply was lost, run the same
   * command again; `cancelled`: not confirmed.
   */
  status: 'leased' | 'failed' | 'unknown' | 'cancelled';
  /** This run asked again with the ClientToken of an earlier run whose outcome was unknown. */
  resumed: boolean;
  clientToken: string;
  phoneNumber: NumberRow | null;
  /** The commands that make the number send, in order. */
  nextSteps: string[];
  error: string | null;
}

/** The flags of `number request`, each with its type and check. */
const requestFlags = (iso: ReadonlySet<string> | undefined) => ({
  country: countryFlag(iso),
  type: numberTypeFlag,
  messageType: messageTypeFlag,
  capabilities: capabilitiesFlag,
  registration: registrationFlag,
  pool: poolFlag,
  optOutList: optOutListFlag,
  ...preferenceFlags,
  deletionProtection: switchFlag,
});

const TYPE_LABEL: Record<RequestableType, string> = { TOLL_FREE: 'toll-free', TEN_DLC: '10DLC', LONG_CODE: 'long code', SIMULATOR: 'simulator' };

export async function parseNumberRequestOptions(ctx: Context, opts: Record<string, unknown>): Promise<NumberRequestOptions> {
  const problems: InputProblem[] = [];
  const o = parseOptions(requestFlags(await countryCodes(opts.country)), opts, problems);
  if (opts.country === undefined) problems.splice(0, 0, { field: '--country', message: "required: the ISO code of the number's country, e.g. --country US" });
  const { country, type, messageType = 'TRANSACTIONAL', capabilities = ['SMS'], registration: registrationId, pool: poolId, optOutList: optOutListName } = o;
  const preference = preferenceOf(o, opts, problems);
  const rule = country && type ? requestRule(country, type, messageType, capabilities) : { problems: [], warnings: [] };
  problems.push(...rule.problems);
  if (rule.requiresRegistration && registrationId === undefined) {
    problems.push({
      field: '--registration',
      message: `required for a 10DLC number: the ID of its COMPLETE campaign registration (${TEN_DLC_CAMPAIGN}); list them: eum registration list --type ${TEN_DLC_CAMPAIGN}`,
    });
  }
  if (problems.length) throw new InputError(problems, 'nothing was requested; see eum number request --help');
  if (!ctx.globals.yes && !ctx.canPrompt)
    throw new UsageError('confirmation needed: a number is billed monthly from the moment it is leased', '--yes required when not running interactively');
  return {
    request: {
      country: country!,
      numberType: type!,
      messageType,
      capabilities,
      registrationId,
      poolId,
      optOutListName,
      preference,
      deletionProtection: o.deletionProtection,
      tags: [],
    },
    warnings: rule.warnings,
    requiresRegistration: rule.requiresRegistration,
    registerAfter: rule.registerAfter,
  };
}

type JournalEntry =
  | { kind: 'token'; token: string; at: string }
  | { kind: 'result'; token: string; status: 'leased' | 'refused' | 'gone' | 'not-acted'; phoneNumberId?: string; at: string };

/** The journal of one request: the same flags always name the same journal. */
function requestKey(r: NumberRequestOptions['request']): string {
  const p: NumberPreference | undefined = r.preference;
  const parts = [
    r.country,
    r.numberType,
    r.messageType,
    [...r.capabilities].sort().join('+'),
    r.registrationId ?? '',
    r.poolId ?? '',
    r.optOutListName ?? '',
    p ? `${p.kind}:${p.digits}` : '',
  ];
  return `${r.country}-${r.numberType}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
}

function journalError(err: unknown, location: string, reading: boolean): OperationError {
  const why = err instanceof Error ? err.message : String(err);
  return new OperationError(`cannot ${reading ? 'read' : 'write'} the journal ${location}: ${why}`, {
    code: reading ? 'JOURNAL_UNREADABLE' : 'JOURNAL_WRITE_FAILED',
    hint: reading
      ? 'move it away or fix its permissions, then run the same command again'
      : 'nothing was requested; fix the state directory ($EUM_HOME) and run again',
    cause: err,
  });
}

/** Checks the registration named by --registration; an error says what to do. */
async function checkRegistration(ctx: Context, o: NumberRequestOptions): Promise<{ status: string } | undefined> {
  const id = o.request.registrationId;
  if (id === undefined) return undefined;
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const { describeRegistration } = await import('../../aws/registrations.js');
  let reg;
  try {
    reg = await readWithRetry(ctx, (call) => describeRegistration(call.client, id, { signal: call.signal }));
  } catch (err) {
    if ((err as { name?: string })?.name !== 'ResourceNotFoundException') throw err;
  }
  if (!reg) throw new OperationError(`registration ${id} not found`, { code: 'NOT_FOUND', hint: 'list your registrations: eum registration list' });
  const wanted = o.requiresRegistration ?? (o.registerAfter ? o.registerAfter : undefined);
  if (wanted && reg.registrationType !== wanted) {
    throw new OperationError(`registration ${id} is a ${reg.registrationType}; a ${TYPE_LABEL[o.request.numberType]} number needs a ${wanted}`, {
      hint: `list them: eum registration list --type ${wanted}`,
    });
  }
  if (o.requiresRegistration && reg.status !== 'COMPLETE') {
    const next = reg.status === 'CREATED' ? `finish and submit it: eum registration submit ${id}` : `follow its review: eum registration watch ${id}`;
    throw new OperationError(`registration ${id} is ${reg.status.toLowerCase()}: a 10DLC number can be requested once its campaign is complete`, {
      hint: `nothing was requested; ${next}`,
    });
  }
  return { status: reg.status };
}

function nextStepsFor(o: NumberRequestOptions, n: NumberRow, registration: { status: string } | undefined): string[] {
  const steps: string[] = [];
  const id = o.request.registrationId;
  if (n.numberType === 'TOLL_FREE') {
    if (id === undefined) steps.push(`eum registration create ${TOLL_FREE_REGISTRATION} --associate ${n.phoneNumberArn}`);
    else if (registration?.status === 'CREATED') steps.push(`eum registration submit ${id}`);
    if (id === undefined || registration?.status !== 'COMPLETE') steps.push(`eum registration watch ${id ?? 'REGISTRATION_ID'}`);
  }
  if (n.status !== 'ACTIVE') steps.push(`eum number show ${n.phoneNumberId}`);
  return steps;
}

export async function runNumberRequest(ctx: Context, o: NumberRequestOptions): Promise<CommandResult<NumberRequestData>> {
  for (const w of o.warnings) ctx.log.warn(w);
  const registration = await checkRegistration(ctx, o);
  const [{ Journal, journalPath }, { journalTarget }] = await Promise.all([import('../../store/journal.js'), import('../../runtime/target.js')]);
  const journal = new Journal<JournalEntry>(journalPath(ctx.stateDir, 'number-request', await journalTarget(ctx), requestKey(o.request)));
  try {
    let entries: JournalEntry[];
    try {
      entries = await journal.read();
    } catch (err) {
      throw journalError(err, journal.location, true);
    }
    const settled = new Set(entries.filter((e) => e.kind === 'result').map((e) => e.token));
    const pending = entries.filter((e) => e.kind === 'token' && !settled.has(e.token)).at(-1)?.token;
    const r = o.request;
    const what = `a ${r.country} ${TYPE_LABEL[r.numberType]} number (${r.messageType.toLowerCase()}, ${r.capabilities.join(', ').toLowerCase()})`;
    const question = pending
      ? `ask again for ${what}? An earlier request's outcome is unknown; the same ClientToken returns that number, never a second one`
      : `lease ${what}? It is billed monthly from now, whether or not it is registered`;
    if (!(await ctx.confirm(question))) {
      return {
        data: { status: 'cancelled', resumed: false, clientToken: '', phoneNumber: null, nextSteps: [], error: null },
        notes: ['nothing requested'],
        exitCode: ExitCode.Ok,
      };
    }
    const at = () => ctx.clock.now().toISOString();
    const token = pending ?? `eum-num-${randomUUID()}`;
    if (!pending) {
      try {
        await journal.append([{ kind: 'token', token, at: at() }]);
      } catch (err) {
        throw journalError(err, journal.location, false);
      }
    }
    const [{ callWithRetry }, { classifyError }] = await Promise.all([import('../../runtime/bulk.js'), import('../../aws/retry.js')]);
    // Whether an attempt may have leased a number: one the service answered with a server error,
    // or whose reply was lost. Throttled attempts and connections never made did not act.
    let mayHaveActed = false;
    // The ClientToken makes the call idempotent: a lost reply is asked again with the same token.
    const outcome = await callWithRetry(
      ctx,
      async (call) => {
        const info = await requestPhoneNumber(call.client, { ...r, clientToken: token }, { signal: call.signal }).catch((err: unknown) => {
          if (classifyError(err, { idempotent: false }) === 'ambiguous') mayHaveActed = true;
          throw err;
        });
        // A token from an earlier run replays that run's answer: is the number still there?
        if (pending)
          return describePhoneNumber(call.client, info.phoneNumberId, { signal: call.signal }).catch((err: unknown) =>
            (err as { name?: string })?.name === 'ResourceNotFoundException' ? null : Promise.reject(err),
          );
        return info;
      },
      { idempotent: true },
    );
    const settle = async (entry: JournalEntry) => {
      try {
        await journal.append([entry]);
      } catch (err) {
        ctx.log.warn(journalError(err, journal.location, false).message);
      }
    };
    if (outcome.kind === 'ok' && outcome.value === null) {
      await settle({ kind: 'result', token, status: 'gone', at: at() });
      throw new OperationError('the number an earlier run leased with this request is gone (released since)', {
        hint: 'run the same command again to lease a new one',
      });
    }
    if (outcome.kind === 'ok') {
      const n = numberRow(outcome.value!);
      await settle({ kind: 'result', token, status: 'leased', phoneNumberId: n.phoneNumberId, at: at() });
      const nextSteps = nextStepsFor(o, n, registration);
      const notes = [`${pending ? "leased (the earlier request's number)" : 'leased'}: ${n.phoneNumberId}, USD ${n.monthlyLeasingPrice ?? '?'} a month`];
      if (n.numberType === 'TOLL_FREE' && registration?.status !== 'COMPLETE')
        notes.push(`a toll-free number sends only once registered; next: ${nextSteps[0]}`);
      else if (nextSteps.length) notes.push(`next: ${nextSteps.join(' ; ')}`);
      return {
        data: { status: 'leased', resumed: pending !== undefined, clientToken: token, phoneNumber: n, nextSteps, error: null },
        views: [{ kind: 'kv', pairs: numberPairs(n) }],
        notes,
      };
    }
    if (outcome.kind === 'failed' && outcome.errorClass === 'permanent') {
      // The service refused: nothing was leased; the next run starts afresh.
      await settle({ kind: 'result', token, status: 'refused', at: at() });
      throw translateAwsError(outcome.error);
    }
    if (outcome.kind === 'failed' && !mayHaveActed && !pending) {
      // Every attempt was throttled or never reached the service: nothing was leased, so the
      // token is settled and the next run is a new request.
      await settle({ kind: 'result', token, status: 'not-acted', at: at() });
      const e = translateAwsError(outcome.error);
      const throttled = outcome.errorClass === 'throttle';
      const why = throttled ? `the API throttled all ${outcome.attempts} attempts` : e.message;
      const next = throttled
        ? 'try again in a minute (RequestPhoneNumber allows 1 request per second per account), or raise --max-attempts'
        : (e.hint ?? 'try again later');
      return {
        data: { status: 'failed', resumed: false, clientToken: token, phoneNumber: null, nextSteps: [next], error: e.message },
        notes: [`not leased: ${why}; nothing was leased. Next: ${next}`],
        exitCode: ctx.signal.aborted ? ExitCode.Interrupted : ExitCode.Failed,
      };
    }
    // A lost reply, attempts used up, Ctrl-C: the number may have been leased. The token stays.
    const reason = outcome.kind === 'unknown' ? outcome.reason : translateAwsError(outcome.error).message;
    return {
      data: {
        status: 'unknown',
        resumed: pending !== undefined,
        clientToken: token,
        phoneNumber: null,
        nextSteps: ['run the same command again'],
        error: reason,
      },
      notes: [
        `outcome unknown: ${reason}. Run the same command again: it asks with the same ClientToken, so it returns the number if one was leased, and never leases a second`,
      ],
      exitCode: ctx.signal.aborted ? ExitCode.Interrupted : ExitCode.Failed,
    };
  } finally {
    await journal.close().catch(() => undefined);
  }
}

export function registerNumberRequest(parent: Command, app: App): void {
  const cmd = parent
    .command('request')
    .description('lease a phone number (billed monthly): checked first, never two for one request (asks first unless --yes)')
    .option('--country <CC>', "the number's country (ISO code)")
    .option('--type <type>', 'toll-free, ten-dlc, long-code or simulator')
    .option('--message-type <type>', 'transactional (default) or promotional')
    .option('--capabilities <list>', 'sms, mms, voice (default sms)')
    .option('--registration <id>', 'the registration: a 10DLC number names its COMPLETE campaign registration')
    .option('--pool <id>', 'put the number in this pool')
    .option('--opt-out-list <name>', 'the opt-out list (default: Default)')
    .option('--starts-with <digits>', 'a number that starts with these digits')
    .option('--ends-with <digits>', 'a number that ends with these digits')
    .option('--contains <digits>', 'a number that contains these digits')
    .option('--deletion-protection', 'refuse to release it until turned off')
    .action(app.action(async (ctx, { opts }) => runNumberRequest(ctx, await parseNumberRequestOptions(ctx, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['a toll-free number, then the registration that makes it send', 'eum number request --country US --type toll-free --yes'],
    ['a 10DLC number for an approved campaign', 'eum number request --country US --type ten-dlc --registration registration-0123... --starts-with +1206 --yes'],
    ['a simulator number (sandbox tests)', 'eum number request --country US --type simulator --yes --json'],
  ]);
}
