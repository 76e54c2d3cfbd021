/**
 * `eum send --to-file`: the run.
 *
 * 1. `prepareSendMany`: the file is read once and every row checked locally (number, template,
 *    parts, its own from/ttl/context): any problem, all at once, is an input error before any API
 *    call. Then the account is read (numbers and their rates, sender IDs, pools, opt-out lists,
 *    Protect, the sandbox, the spend limit) and the account's problems (countries no identity
 *    reaches, unverified destinations in the sandbox) are input errors too. The result is the plan.
 * 2. `executeSendMany`: the file is read again and each row sent through the bulk engine, one lane
 *    per origination identity at its rate in message parts, never two messages a second to one
 *    recipient, journalled before and after each request (see `journal.ts`).
 */
import type { Context } from '../../cli/context.js';
import { EumError, InputError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import { CsvError } from '../../core/send-many/csv.js';
import { checkRow, numberKey, parseTemplate, readHeader, type CheckedRow, type RecipientColumns, type Template } from '../../core/send-many/rows.js';
import { defaultMps, OriginatorPicker, PER_RECIPIENT_INTERVAL_MS, reaches, type Originator } from '../../core/send-many/pacing.js';
import { identityRates, shareByRate, type RowStatus, type SendManyPlan, type PlanCountry } from '../../core/send-many/plan.js';
import { checkSpend, pricePerPart, type PriceList } from '../../core/send-many/prices.js';
import { decideRule, blockReason, type RuleDecision } from '../../core/protect/verdict.js';
import type { CountryRuleSet, NumberOverride } from '../../core/protect/types.js';
import { fileHash, openRecipientSource, readRecords, RECIPIENT_ROWS_LIMIT, type RecipientSource } from './source.js';
import { JournalRows, readSendJournal, sendJournalPath, SendJournal, type JournalState } from './journal.js';
import { NumberSet } from '../../core/send-many/number-set.js';
import type { LightTarget } from '../../aws/light-call.js';
import { readWithRetry, runBulk, StopRun } from '../bulk.js';
import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';

export interface SendManyOptions {
  file: string;
  toColumn: string;
  /** The body template text. */
  template: string;
  /** --from, repeated. */
  from: string[];
  configSet?: string;
  type?: 'TRANSACTIONAL' | 'PROMOTIONAL';
  feedback: boolean;
  protectConfig?: string;
  /** Caps every identity's rate (message parts per second). */
  mps?: number;
  maxParts?: number;
  allowDuplicates: boolean;
  /** resume (default when a journal exists), restart (start over). */
  restart: boolean;
  retryUnknown: boolean;
  maxPrice?: string;
  /** USD per part by country (--prices): the plan's estimate and the spend check. Not part of the journal's key. */
  prices?: PriceList;
  /** Where sends go without the SDK client (`src/aws/light-call.ts`), when the command found such a target; else through the SDK client. */
  light?: LightTarget;
}

/** One row's result (`--json`, `--json-lines`). */
export interface RowResult {
  row: number;
  to: string;
  messageId: string | null;
  status: RowStatus;
  originationIdentity: string | null;
  parts: number;
  error: string | null;
}

/** Connections to the endpoint a run keeps open (light sends): enough for the calls in flight of many identities. */
const LIGHT_SOCKETS = 128;

/** How many problems are listed before "and N more". */
const PROBLEMS_SHOWN = 50;
/** Attempts per row: throttling slows an identity down and is absorbed, not reported, while attempts remain. */
export const SEND_MANY_ATTEMPTS = 16;

export interface PreparedSendMany {
  source: RecipientSource;
  columns: RecipientColumns;
  template: Template;
  plan: SendManyPlan;
  originators: Originator[];
  /** Every identity of the account, for rows with their own `from`. */
  allOriginators: Originator[];
  journalPath: string;
  journal: JournalState;
  duplicateKeys: Set<number>;
  rowCountry: Uint8Array;
  countryList: string[];
  /** Opted-out numbers per opt-out list (only numbers in the file). */
  optedOut: Map<string, Set<number>>;
  protect: ProtectView | undefined;
  /** The options' hash, part of the journal's name. */
  hash: string;
}

interface ProtectView {
  rules: CountryRuleSet;
  overrides: Map<string, NumberOverride>;
}

/** What pass 1 learns about the file. */
interface FileFacts {
  rows: number;
  /** Every distinct number of the file (a compact set: a million take 16 MB). */
  destinations: NumberSet;
  duplicateKeys: Set<number>;
  duplicates: number;
  countries: Map<string, { recipients: number; parts: number }>;
  /** Rows with their own `from`: label -> countries. */
  rowFroms: Map<string, Set<string>>;
  hash: string;
  /** Per row (1-based), its country's index in `countryList` + 1 when its number was already in E.164 form, else 0 (checked again). */
  rowCountry: Uint8Array;
  countryList: string[];
}

/** The journal key: the file's bytes and every option that changes what is sent. */
function optionsHash(fileHash: string, o: SendManyOptions): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([
      fileHash,
      o.toColumn,
      o.template,
      o.from,
      o.configSet ?? null,
      o.type ?? null,
      o.feedback,
      o.protectConfig ?? null,
      o.maxParts ?? null,
      o.allowDuplicates,
      o.maxPrice ?? null,
    ]),
  );
  return h.digest('hex').slice(0, 32);
}

async function checkFile(
  ctx: Context,
  source: RecipientSource,
  o: SendManyOptions,
): Promise<{ facts: FileFacts; columns: RecipientColumns; template: Template }> {
  const problems: InputProblem[] = [];
  let extra = 0;
  const add = (p: InputProblem) => (problems.length < PROBLEMS_SHOWN ? problems.push(p) : extra++);
  const hash = fileHash();
  let columns: RecipientColumns | undefined;
  let template: Template = [];
  const facts: FileFacts = {
    rows: 0,
    destinations: new NumberSet(),
    duplicateKeys: new Set(),
    duplicates: 0,
    countries: new Map(),
    rowFroms: new Map(),
    hash: '',
    rowCountry: new Uint8Array(1024),
    countryList: [],
  };
  const countryIndex = new Map<string, number>();
  try {
    for await (const batch of readRecords(source, hash)) {
      if (ctx.signal.aborted) break;
      for (const rec of batch) {
        if (!columns) {
          const h = readHeader(rec.fields, o.toColumn);
          for (const m of h.problems) add({ field: `${source.shown} header`, message: m });
          if (!h.columns) throw new InputError(problems, 'see eum send --help');
          columns = h.columns;
          const t = parseTemplate(o.template, columns.header);
          for (const m of t.problems) add({ field: '--body', message: m });
          template = t.template;
          continue;
        }
        facts.rows++;
        if (facts.rows > RECIPIENT_ROWS_LIMIT) {
          add({ field: source.shown, message: `more than ${RECIPIENT_ROWS_LIMIT.toLocaleString('en-US')} rows: split the file` });
          throw new InputError(problems);
        }
        const r = checkRow(facts.rows, rec.line, rec.fields, columns, template, { maxParts: o.maxParts });
        for (const p of r.problems)
          add({ field: p.field, message: p.field.includes(columns.header[columns.to]) ? p.message.replace(r.to, maskPhoneNumber(r.to)) : p.message });
        if (r.problems.length) continue;
        // Remembered for the second pass, which then needs no libphonenumber (the costliest check).
        if (r.to === rec.fields[columns.to]) {
          let ci = countryIndex.get(r.isoCountryCode);
          if (ci === undefined && facts.countryList.length < 255) {
            ci = facts.countryList.push(r.isoCountryCode) - 1;
            countryIndex.set(r.isoCountryCode, ci);
          }
          if (ci !== undefined) {
            if (facts.rows >= facts.rowCountry.length) {
              const grown = new Uint8Array(facts.rowCountry.length * 2);
              grown.set(facts.rowCountry);
              facts.rowCountry = grown;
            }
            facts.rowCountry[facts.rows] = ci + 1;
          }
        }
        const key = numberKey(r.to);
        if (!facts.destinations.add(key)) {
          facts.duplicates++;
          facts.duplicateKeys.add(key);
          if (!o.allowDuplicates) continue;
        }
        const c = facts.countries.get(r.isoCountryCode) ?? { recipients: 0, parts: 0 };
        c.recipients++;
        c.parts += r.parts;
        facts.countries.set(r.isoCountryCode, c);
        if (r.from) {
          const set = facts.rowFroms.get(r.from) ?? new Set<string>();
          set.add(r.isoCountryCode);
          facts.rowFroms.set(r.from, set);
        }
      }
    }
  } catch (err) {
    if (err instanceof CsvError) add({ field: err.line ? `${source.shown} line ${err.line}` : source.shown, message: err.message });
    else throw err;
  }
  if (!columns && problems.length === 0)
    add({ field: source.shown, message: 'the file is empty: give a header row (e.g. phone,name) and one row per recipient' });
  else if (columns && facts.rows === 0 && problems.length === 0) add({ field: source.shown, message: 'the file has a header but no rows' });
  if (problems.length)
    throw new InputError(
      extra ? [...problems, { field: source.shown, message: `and ${extra} more problems` }] : problems,
      'fix the rows and run again: nothing was sent',
    );
  facts.hash = hash.digest('hex');
  return { facts, columns: columns!, template };
}

/** Pass 1 and the account reads: the plan, or every problem at once. */
export async function prepareSendMany(ctx: Context, o: SendManyOptions): Promise<PreparedSendMany> {
  const opened = await openRecipientSource(ctx, o.file);
  if ('problem' in opened) throw new InputError([{ field: '--to-file', message: opened.problem }]);
  // Until the source is disposed (the end of the run, or of a dry run): see src/cli/heap.ts.
  const release = ctx.heap?.hold() ?? (() => {});
  const source: RecipientSource = {
    ...opened,
    dispose: async () => {
      release();
      await opened.dispose();
    },
  };
  try {
    const { facts, columns, template } = await checkFile(ctx, source, o);
    const account = await readAccount(ctx, o, facts);
    const problems: InputProblem[] = [];
    // Countries no identity reaches.
    for (const [iso] of facts.countries) {
      if (!account.originators.some((x) => reaches(x, iso))) {
        problems.push({
          field: iso,
          message: `no origination identity${o.from.length ? ' given with --from' : ' of the account'} sends to ${iso}: request a number or sender ID there, or remove its rows`,
        });
      }
    }
    for (const [label, countries] of facts.rowFroms) {
      const orig = account.all.find((x) => x.label === label || x.identity === label);
      if (!orig) problems.push({ field: 'from column', message: `"${label}" is not an origination identity of this account` });
      else for (const iso of countries) if (!reaches(orig, iso)) problems.push({ field: 'from column', message: `${label} does not send to ${iso}` });
    }
    if (account.verified) {
      let unverified = 0;
      const examples: string[] = [];
      for (const key of facts.destinations) {
        if (!account.verified.has(key)) {
          unverified++;
          if (examples.length < 3) examples.push(maskPhoneNumber(`+${key}`));
        }
      }
      if (unverified)
        problems.push({
          field: 'sandbox',
          message: `${unverified} destination${unverified === 1 ? ' is' : 's are'} not verified (${examples.join(', ')}); in the sandbox only verified destinations receive messages: verify them, or leave the sandbox`,
        });
    }
    if (problems.length) throw new InputError(problems, 'nothing was sent');

    const hash = optionsHash(facts.hash, o);
    const journalPath = sendJournalPath(ctx.stateDir, hash);
    let journal: JournalState;
    try {
      journal = await readSendJournal(journalPath);
    } catch (err) {
      throw new EumError(`cannot read the journal ${journalPath}: ${(err as Error).message}`, {
        code: 'JOURNAL_UNREADABLE',
        hint: 'move it away to start over',
      });
    }
    const plan = buildPlan(source.shown, o, facts, account, journal, journalPath);
    return {
      source,
      columns,
      template,
      plan,
      originators: account.originators,
      allOriginators: account.all,
      journalPath,
      journal,
      duplicateKeys: facts.duplicateKeys,
      rowCountry: facts.rowCountry,
      countryList: facts.countryList,
      optedOut: account.optedOut,
      protect: account.protect,
      hash,
    };
  } catch (err) {
    await source.dispose();
    throw err;
  }
}

interface AccountView {
  /** The identities rows without a `from` go out from. */
  originators: Originator[];
  /** Every identity of the account (rows' own `from`). */
  all: Originator[];
  optedOut: Map<string, Set<number>>;
  protect?: ProtectView;
  verified?: Set<number>;
  spendLimit: number | null;
}

/**
 * The reads before the first send take as many attempts as a send: a run should not stop before
 * it starts on throttling that its sends would ride out (under 30% throttling and 5% server
 * errors, 3 attempts a read stopped about one run in eight; each read then failed 4% of the time).
 */
const readAttempts = (ctx: Context) => ({ maxAttempts: ctx.globals.maxAttempts ?? SEND_MANY_ATTEMPTS });

async function readAccount(ctx: Context, o: SendManyOptions, facts: FileFacts): Promise<AccountView> {
  const [{ describeSendingNumbers, describeSendingPools, verifiedDestinations }, { describeSenderIds }, { optedOutNumberPages }, account, { countryFacts }] =
    await Promise.all([
      import('../../aws/send-many-reads.js'),
      import('../../aws/sender-ids.js'),
      import('../../aws/opt-outs.js'),
      import('../../aws/account.js'),
      import('../../core/countries.js'),
    ]);
  const read = <R>(fn: (client: Parameters<typeof describeSendingNumbers>[0], signal: AbortSignal) => Promise<R>) =>
    readWithRetry(ctx, (call) => fn(call.client, call.signal), readAttempts(ctx));
  const [numbers, senderIds, pools, attributes, limits] = await Promise.all([
    read((c, signal) => describeSendingNumbers(c, { signal })),
    read((c, signal) => describeSenderIds(c, {}, { signal })),
    read((c, signal) => describeSendingPools(c, { signal })),
    read((c, signal) => account.describeAccountAttributes(c, { signal })),
    read((c, signal) => account.describeSpendLimits(c, { signal })),
  ]);
  const cap = (mps: number) => (o.mps !== undefined ? Math.min(mps, o.mps) : mps);
  const source = (fromLimits: boolean): Originator['mpsSource'] => (o.mps !== undefined ? 'mps-flag' : fromLimits ? 'messaging-limits' : 'default');
  const all: Originator[] = [];
  for (const n of numbers) {
    if (n.status !== 'ACTIVE' || !n.capabilities.includes('SMS')) continue;
    const mps = n.smsRate ?? defaultMps('phone-number', n.numberType, n.isoCountryCode);
    all.push({
      identity: n.phoneNumber,
      label: n.phoneNumber,
      kind: 'phone-number',
      numberType: n.numberType,
      isoCountryCode: n.isoCountryCode,
      mps: cap(mps),
      mpsSource: source(n.smsRate !== null && o.mps === undefined),
      optOutListName: n.optOutListName,
    });
  }
  for (const s of senderIds) {
    all.push({
      identity: s.arn ?? s.senderId,
      label: `${s.senderId} (${s.country})`,
      kind: 'sender-id',
      isoCountryCode: s.country,
      mps: cap(defaultMps('sender-id', undefined, s.country)),
      mpsSource: source(false),
      optOutListName: 'Default',
    });
  }
  for (const p of pools) {
    if (p.status !== 'ACTIVE') continue;
    const members = numbers.filter((n) => n.poolId === p.poolId);
    const mps =
      members.reduce((a, n) => a + (n.smsRate ?? defaultMps('phone-number', n.numberType, n.isoCountryCode)), 0) || defaultMps('pool', undefined, undefined);
    all.push({
      identity: p.poolId,
      label: p.poolId,
      kind: 'pool',
      countries: p.sharedRoutesEnabled ? undefined : [...new Set(members.map((n) => n.isoCountryCode))],
      mps: cap(mps),
      mpsSource: source(members.some((n) => n.smsRate !== null)),
      optOutListName: p.optOutListName,
    });
  }

  let originators: Originator[];
  const problems: InputProblem[] = [];
  if (o.from.length) {
    originators = [];
    for (const f of o.from) {
      const found = all.find(
        (x) => x.identity === f || x.label === f || (x.kind === 'sender-id' && x.label.startsWith(`${f} (`)) || (x.kind === 'pool' && x.identity === f),
      );
      if (!found)
        problems.push({
          field: '--from',
          message: `"${f}" is not an active origination identity of this account (a phone number, sender ID or pool): see eum account, or the console`,
        });
      else if (found.kind === 'sender-id') originators.push(...all.filter((x) => x.kind === 'sender-id' && x.label.startsWith(`${f} (`)));
      else originators.push(found);
    }
  } else {
    // A SIMULATOR number sends only to simulator destinations: used only when named with --from.
    originators = all.filter((x) => x.numberType !== 'SIMULATOR' && x.kind !== 'pool');
    // Countries no own identity reaches go out on a shared route, where AWS offers one.
    for (const [iso] of facts.countries) {
      if (!originators.some((x) => reaches(x, iso)) && countryFacts(iso)?.sharedRoute) {
        originators.push({
          label: `shared route (${iso})`,
          kind: 'shared-route',
          isoCountryCode: iso,
          mps: cap(defaultMps('shared-route', undefined, iso)),
          mpsSource: source(false),
          optOutListName: 'Default',
        });
      }
    }
  }
  if (problems.length) throw new InputError(problems, 'nothing was sent');

  // Opt-out lists of the identities used: only the file's numbers are kept.
  const optedOut = new Map<string, Set<number>>();
  for (const list of new Set([...originators, ...all].map((x) => x.optOutListName ?? 'Default'))) {
    const set = new Set<number>();
    await readWithRetry(
      ctx,
      async (call) => {
        set.clear();
        for await (const page of optedOutNumberPages(call.client, list, {}, { signal: call.signal }))
          for (const n of page) if (facts.destinations.has(numberKey(n.number))) set.add(numberKey(n.number));
      },
      readAttempts(ctx),
    ).catch((err) => {
      // An identity's list that does not exist holds nobody.
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    });
    optedOut.set(list, set);
  }

  const protect = await readProtect(ctx, o);
  const sandbox = attributes.some((a) => a.name === 'ACCOUNT_TIER' && a.value.toUpperCase() === 'SANDBOX');
  let verified: Set<number> | undefined;
  if (sandbox) verified = new Set((await read((c, signal) => verifiedDestinations(c, { signal }))).map(numberKey));
  const text = limits.find((l) => l.name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT');
  return { originators, all, optedOut, protect, verified, spendLimit: text ? text.enforcedLimit : null };
}

/** The Protect configuration that applies (explicit, else the configuration set's, else the account default), SMS rules and overrides. */
async function readProtect(ctx: Context, o: SendManyOptions): Promise<ProtectView | undefined> {
  const protect = await import('../../aws/protect.js');
  const { selectConfiguration } = await import('../../core/protect/verdict.js');
  const id = await readWithRetry(
    ctx,
    async (call) => {
      const configs = await protect.listConfigurations(call.client);
      const setId = o.configSet && !o.protectConfig ? await protect.configurationSetProtectId(call.client, o.configSet) : undefined;
      return selectConfiguration({ explicitId: o.protectConfig, configurationSetProtectId: setId, accountDefaultId: configs.find((c) => c.accountDefault)?.id })
        ?.id;
    },
    readAttempts(ctx),
  );
  if (!id) return undefined;
  return readWithRetry(
    ctx,
    async (call) => {
      const rules = await protect.getRuleSet(call.client, id, 'sms');
      const overrides = new Map((await protect.listOverrides(call.client, id)).map((x) => [x.number, x]));
      return { rules, overrides };
    },
    readAttempts(ctx),
  );
}

function protectDecision(p: ProtectView | undefined, to: string, iso: string, nowMs: number): RuleDecision | undefined {
  if (!p) return undefined;
  const ov = p.overrides.get(to);
  return decideRule(ov ? { action: ov.action, expiresAtMs: ov.expires ? Date.parse(ov.expires) : undefined } : undefined, iso, p.rules[iso], nowMs);
}

function buildPlan(file: string, o: SendManyOptions, facts: FileFacts, account: AccountView, journal: JournalState, journalPath: string): SendManyPlan {
  const countries: PlanCountry[] = [];
  let optedOut = 0;
  const anyOptedOut = new Set<number>();
  for (const set of account.optedOut.values()) for (const k of set) anyOptedOut.add(k);
  optedOut = anyOptedOut.size;
  let blocked = 0;
  const blockedCountries = new Set<string>();
  for (const [iso, c] of [...facts.countries].sort((a, b) => b[1].recipients - a[1].recipients)) {
    if (account.protect && account.protect.rules[iso] === 'BLOCK') {
      blocked += c.recipients;
      blockedCountries.add(iso);
    }
    const eligible = account.originators.filter((x) => reaches(x, iso));
    countries.push({
      isoCountryCode: iso,
      recipients: c.recipients,
      parts: c.parts,
      originators: shareByRate(c.recipients, eligible),
      pricePerPart: pricePerPart(o.prices, iso),
      price: null,
    });
  }
  for (const ov of account.protect?.overrides.values() ?? []) if (ov.action === 'BLOCK' && facts.destinations.has(numberKey(ov.number))) blocked++;
  let alreadySent = 0;
  let alreadyUnknown = 0;
  if (!o.restart) {
    for (const s of journal.rows.statuses()) {
      if (s === 'sent') alreadySent++;
      else if (s === 'unknown' || s === 'inflight') alreadyUnknown++;
    }
  }
  const sendable = facts.rows - (o.allowDuplicates ? 0 : facts.duplicates) - optedOut - blocked;
  const toSend = Math.max(0, sendable - alreadySent - (o.retryUnknown ? 0 : alreadyUnknown));
  // Pacing: the picker over every country's parts, as the run will assign them.
  const picker = new OriginatorPicker(account.originators);
  let parts = 0;
  for (const [iso, c] of facts.countries) {
    if (blockedCountries.has(iso)) continue;
    const avg = c.parts / c.recipients;
    parts += c.parts;
    for (let i = 0; i < c.recipients; i++) picker.pick(iso, avg);
  }
  const fraction = facts.rows ? toSend / Math.max(1, sendable) : 0;
  // The price of the parts this run sends: each country's share of them, as the parts above.
  let estimatedPriceKnown = 0;
  const unpricedCountries: string[] = [];
  for (const c of countries) {
    const parts = blockedCountries.has(c.isoCountryCode) ? 0 : c.parts * fraction;
    if (c.pricePerPart === null) {
      if (parts > 0) unpricedCountries.push(c.isoCountryCode);
      continue;
    }
    c.price = Math.round(c.pricePerPart * parts * 1e5) / 1e5;
    estimatedPriceKnown += c.price;
  }
  estimatedPriceKnown = Math.round(estimatedPriceKnown * 1e5) / 1e5;
  const estimatedPrice = unpricedCountries.length ? null : estimatedPriceKnown;
  return {
    file,
    rows: facts.rows,
    toSend,
    parts: Math.round(parts * fraction),
    duplicates: facts.duplicates,
    optedOut,
    blocked,
    alreadySent,
    alreadyUnknown,
    countries,
    originators: account.originators
      .filter((x) => [...facts.countries.keys()].some((iso) => reaches(x, iso)))
      .map((x) => ({ label: x.label, kind: x.kind, mps: x.mps, mpsSource: x.mpsSource })),
    estimatedSeconds: Math.ceil(picker.seconds() * fraction),
    estimatedPrice,
    estimatedPriceKnown,
    unpricedCountries,
    prices: o.prices?.file ?? null,
    monthlySpendLimit: account.spendLimit,
    spendCheck: checkSpend({ total: estimatedPrice, priced: estimatedPriceKnown }, account.spendLimit),
    journal: journalPath,
    resume: journal.exists && !o.restart,
  };
}

/** One row on its way to the engine. */
interface SendItem {
  r: CheckedRow;
  originator: Originator;
  key?: number;
}

export interface SendManySummary {
  rows: number;
  sent: number;
  optedOut: number;
  blocked: number;
  duplicate: number;
  failed: number;
  unknown: number;
  skipped: number;
  /** Of `sent`: sent by an earlier run (resumed). */
  sentBefore: number;
  parts: number;
  interrupted: boolean;
  /** Why the run stopped early (spend limit reached, journal unwritable), else null. */
  stopped: string | null;
  elapsedMs: number;
  /** Messages per second sent by this run. */
  rate: number;
  byOriginator: Record<string, number>;
  journal: string;
}

/** Pass 2: sends every row that needs it; `onResult` receives each row's result once the journal holds it. */
export async function executeSendMany(
  ctx: Context,
  prep: PreparedSendMany,
  o: SendManyOptions,
  onResult: (r: RowResult) => void,
  dry = false,
  /** Waits while the output of the results is full (a slow reader of --json-lines). */
  backpressure?: () => Promise<void> | undefined,
): Promise<SendManySummary> {
  const started = Date.now();
  const summary: SendManySummary = {
    rows: prep.plan.rows,
    sent: 0,
    optedOut: 0,
    blocked: 0,
    duplicate: 0,
    failed: 0,
    unknown: 0,
    skipped: 0,
    sentBefore: 0,
    parts: 0,
    interrupted: false,
    stopped: null,
    elapsedMs: 0,
    rate: 0,
    byOriginator: {},
    journal: prep.journalPath,
  };
  const emit = (r: RowResult) => {
    summary[r.status === 'opted-out' ? 'optedOut' : r.status]++;
    if (r.status === 'sent') {
      summary.parts += r.parts;
      if (r.originationIdentity) summary.byOriginator[r.originationIdentity] = (summary.byOriginator[r.originationIdentity] ?? 0) + 1;
    }
    onResult(r);
  };
  const journalRows = o.restart ? new JournalRows() : prep.journal.rows;
  if (o.restart && prep.journal.exists && !dry) {
    // Starting over: the old journal is kept beside the new one, not read again.
    const { rename } = await import('node:fs/promises');
    await rename(prep.journalPath, prep.journalPath.replace(/\.jsonl$/, `.${Date.now()}.old.jsonl`));
  }
  const journal = dry ? undefined : await SendJournal.open(prep.journalPath);
  let agent: Agent | undefined;
  let light: LightTarget | undefined;
  let journalError: unknown;
  const ledgerBatch: Array<{
    messageId: string;
    sentAt: Date;
    isoCountryCode: string;
    origination: string;
    configurationSet: string;
    feedback: boolean;
    region: string;
    destinationLast4: string;
  }> = [];
  const ledger = o.feedback && !dry ? await (await import('../../store/ledger/index.js')).ledgerFor(ctx.stateDir, ctx.globals) : undefined;
  const flushLedger = async () => {
    if (!ledger || ledgerBatch.length === 0) return;
    const batch = ledgerBatch.splice(0);
    await ledger
      .recordSent(batch)
      .catch((err) => ctx.log.warn(`${batch.length} sent messages were not recorded in the feedback ledger: ${(err as Error).message}`));
  };
  try {
    if (journal) await journal.write({ r: 0, s: 'inflight', start: ctx.clock.now().toISOString() });
    const picker = new OriginatorPicker(prep.originators);
    const seenDuplicates = new Set<number>();
    const lastSentTo = new Map<number, number>();
    const nowMs = ctx.clock.now().getTime();
    const result = (r: CheckedRow, status: RowStatus, extra: Partial<RowResult> = {}): RowResult => ({
      row: r.row,
      to: r.to,
      messageId: null,
      status,
      originationIdentity: null,
      parts: r.parts,
      error: null,
      ...extra,
    });

    // Rows read again; the ones already decided are reported here, the others go to the engine.
    async function* items(): AsyncGenerator<SendItem> {
      let header = true;
      let row = 0;
      for await (const batch of readRecords(prep.source)) {
        for (const rec of batch) {
          if (header) {
            header = false;
            continue;
          }
          row++;
          const ci = prep.rowCountry[row] ?? 0;
          const r = checkRow(row, rec.line, rec.fields, prep.columns, prep.template, {
            maxParts: o.maxParts,
            knownCountry: ci ? prep.countryList[ci - 1] : undefined,
          });
          if (r.problems.length) {
            // The file changed between the passes: nothing is sent from a row not checked.
            emit(result(r, 'failed', { error: `the file changed while eum read it: ${r.problems[0].message}` }));
            continue;
          }
          if (row % 256 === 0) await backpressure?.();
          const key = numberKey(r.to);
          if (prep.duplicateKeys.has(key)) {
            if (seenDuplicates.has(key) && !o.allowDuplicates) {
              emit(result(r, 'duplicate', { error: 'the number is on an earlier row: sent once (--allow-duplicates sends every row)' }));
              continue;
            }
            seenDuplicates.add(key);
          }
          const decision = protectDecision(prep.protect, r.to, r.isoCountryCode, nowMs);
          if (blockReason(decision)) {
            emit(result(r, 'blocked', { error: blockReason(decision)! }));
            continue;
          }
          const before = journalRows.get(row);
          if (before?.s === 'sent') {
            summary.sentBefore++;
            emit(result(r, 'sent', { messageId: before.id ?? null, originationIdentity: before.o ?? null, parts: before.p ?? r.parts }));
            continue;
          }
          if ((before?.s === 'inflight' || before?.s === 'unknown') && !o.retryUnknown) {
            emit(
              result(r, 'unknown', {
                originationIdentity: before.o ?? null,
                error: before.e ?? 'in flight when an earlier run stopped: it may have been sent (--retry-unknown sends it again)',
              }),
            );
            continue;
          }
          const originator = (r.from && prep.allOriginators.find((x) => x.label === r.from || x.identity === r.from)) || picker.pick(r.isoCountryCode, r.parts);
          if (!originator) {
            emit(result(r, 'failed', { error: `no origination identity sends to ${r.isoCountryCode}` }));
            continue;
          }
          if (prep.optedOut.get(originator.optOutListName ?? 'Default')?.has(key)) {
            emit(result(r, 'opted-out', { originationIdentity: originator.label, error: `on the opt-out list ${originator.optOutListName ?? 'Default'}` }));
            continue;
          }
          if (dry) {
            emit(result(r, 'skipped', { originationIdentity: originator.label, error: 'dry run: would be sent' }));
            continue;
          }
          yield { r, originator, key: prep.duplicateKeys.has(key) ? key : undefined };
        }
      }
    }

    if (dry) {
      for await (const _ of items()) void _;
      return summary;
    }

    const { sendTextMessage, sendTextMessageLight } = await import('../../aws/messages.js');
    // Without the SDK client where the command found a light target (static credentials): the
    // SDK's middleware, serialization and signing were most of a run's CPU per message. One
    // attempt per call (the engine retries), connections kept alive for the run.
    if (o.light) {
      light = (await import('../../aws/light-call.js')).bulkLightTarget(o.light, LIGHT_SOCKETS);
      agent = light.agent;
    }
    const errorCode = (err: unknown): string => {
      const e = err as { name?: string; Reason?: string; message?: string };
      return e?.Reason ?? e?.name ?? String(err);
    };
    // Messages sent by this run per identity, for the rates on the progress line.
    const sentBy = new Map<string, number>();
    const sendingStarted = Date.now();
    const run = await runBulk<SendItem, { messageId: string | null; region: string }>(ctx, items(), {
      idempotent: false,
      maxAttempts: ctx.globals.maxAttempts ?? SEND_MANY_ATTEMPTS,
      laneOf: (item) => item.originator.label,
      laneRate: (label) => prep.allOriginators.concat(prep.originators).find((x) => x.label === label)?.mps,
      costOf: (item) => item.r.parts,
      keyOf: (item) => (item.key === undefined ? (undefined as unknown as string) : String(item.key)),
      progress: {
        label: 'sending',
        total: prep.plan.toSend,
        // The ETA of the first seconds is the plan's; then the measured rate's.
        expectedRate: prep.plan.estimatedSeconds > 0 ? prep.plan.toSend / prep.plan.estimatedSeconds : undefined,
        live: () => identityRates(sentBy, (Date.now() - sendingStarted) / 1000),
      },
      // Enough calls in flight per identity for answers within half a second; more only hold
      // rows in memory while they wait for their identity's pace.
      concurrency: undefined,
      laneConcurrency: (label) => Math.max(2, Math.ceil((prep.allOriginators.concat(prep.originators).find((x) => x.label === label)?.mps ?? 1) / 4)),
      async call(item, call) {
        if (journalError) throw new StopRun(journalError);
        if (call.attempt === 0) {
          try {
            await journal!.write({ r: item.r.row, s: 'inflight', o: item.originator.label });
          } catch (err) {
            journalError = err;
            throw new StopRun(err);
          }
        }
        // One message a second to the same recipient (rows that repeat a number, --allow-duplicates).
        if (item.key !== undefined) {
          const last = lastSentTo.get(item.key);
          const wait = last === undefined ? 0 : last + PER_RECIPIENT_INTERVAL_MS - Date.now();
          if (wait > 0) await ctx.clock.sleep(wait, ctx.signal);
        }
        const message = {
          to: item.r.to,
          body: item.r.body,
          from: item.originator.identity,
          configurationSet: o.configSet,
          messageType: o.type,
          feedback: o.feedback,
          protectConfigurationId: o.protectConfig,
          maxPrice: o.maxPrice,
          ttlSeconds: item.r.ttl,
          context: item.r.context,
        };
        const out = light
          ? await sendTextMessageLight({ ...light, signal: call.signal }, message)
          : await sendTextMessage(call.client, message, { signal: call.signal });
        if (item.key !== undefined) lastSentTo.set(item.key, Date.now());
        return { messageId: out.messageId, region: light?.region ?? call.region };
      },
      onOutcome(item, outcome) {
        const r = item.r;
        let res: RowResult;
        if (outcome.kind === 'ok') {
          res = result(r, 'sent', { messageId: outcome.value.messageId, originationIdentity: item.originator.label });
          sentBy.set(item.originator.label, (sentBy.get(item.originator.label) ?? 0) + 1);
          if (ledger && outcome.value.messageId) {
            ledgerBatch.push({
              messageId: outcome.value.messageId,
              sentAt: ctx.clock.now(),
              isoCountryCode: r.isoCountryCode,
              origination: item.originator.identity ?? '',
              configurationSet: o.configSet ?? '',
              feedback: o.feedback,
              region: outcome.value.region,
              destinationLast4: r.to.slice(-4),
            });
          }
        } else if (outcome.kind === 'unknown') {
          res = result(r, 'unknown', { originationIdentity: item.originator.label, error: outcome.reason });
        } else if (ctx.signal.aborted && outcome.errorClass !== 'permanent') {
          // Ctrl-C between attempts (after throttling): the service did not send it.
          res = result(r, 'skipped', { originationIdentity: item.originator.label, error: 'interrupted before it could be sent' });
        } else {
          const code = errorCode(outcome.error);
          const status: RowStatus = code === 'DESTINATION_PHONE_NUMBER_OPTED_OUT' ? 'opted-out' : /BLOCKED_BY_PROTECT/.test(code) ? 'blocked' : 'failed';
          res = result(r, status, { originationIdentity: item.originator.label, error: code });
          if (/^MONTHLY_SPEND_LIMIT_REACHED/.test(code))
            throw new StopRun(
              new EumError(`the monthly spend limit is reached (${code}): the rows left were not sent`, {
                code: 'FAILED',
                hint: 'raise the limit (eum account), then run the same command again: it resumes',
              }),
            );
        }
        const status = res.status === 'sent' ? 'sent' : res.status === 'unknown' ? 'unknown' : 'failed';
        // Reported once durable; not awaited here, so outcomes share one fsync (group commit).
        journal!
          .write({ r: r.row, s: status, o: item.originator.label, id: res.messageId ?? undefined, p: r.parts, e: res.error ?? undefined })
          .then(() => emit(res))
          .catch((err) => {
            journalError ??= err;
            emit(res);
          });
        if (ledgerBatch.length >= 512) void flushLedger();
      },
      onUnfinished(item) {
        emit(result(item.r, 'skipped', { originationIdentity: item.originator.label, error: 'not started' }));
      },
    });
    await journal!.drain();
    summary.interrupted = run.interrupted;
    if (run.stopped !== undefined) summary.stopped = run.stopped instanceof Error ? run.stopped.message : String(run.stopped);
    if (journalError) summary.stopped = `the journal could not be written: ${(journalError as Error).message}`;
    // Rows never read (the run stopped early) are skipped too.
    const reported = summary.sent + summary.optedOut + summary.blocked + summary.duplicate + summary.failed + summary.unknown + summary.skipped;
    summary.skipped += Math.max(0, summary.rows - reported);
  } finally {
    agent?.destroy();
    await flushLedger();
    await ledger?.close().catch(() => undefined);
    await journal?.close().catch(() => undefined);
    await prep.source.dispose();
    summary.elapsedMs = Date.now() - started;
    const fresh = summary.sent - summary.sentBefore;
    summary.rate = summary.elapsedMs > 0 ? Math.round((fresh * 1000 * 10) / summary.elapsedMs) / 10 : 0;
  }
  return summary;
}
