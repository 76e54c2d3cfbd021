/**
 * `eum doctor`'s reasoning, pure: from what the account's reads answered (tier, spend limits,
 * numbers, sender IDs, registrations, verified numbers, the account default Protect
 * configuration), which origination identity would carry a text message to each country, or what
 * stands in the way, and the command that fixes each problem.
 *
 * The order of identities follows the service's choice when a send names none (as the simulator
 * implements it, src/sim/ops/messages.ts): an own ACTIVE number of the country (local before
 * internationally enabled) that may send, else a sender ID of the country (registered where the
 * country requires it), else AWS's shared routes where the country has them. A SIMULATOR number
 * reaches destination simulator numbers only: it is named last, as a warning.
 */
import { countryFacts, isBlockedDestination } from '../countries.js';
import { maskPhoneNumber } from '../mask.js';

/** A phone number as doctor reads it (the fields of src/aws/phone-numbers.ts's PhoneNumberInfo it needs). */
export interface DoctorNumber {
  phoneNumberId: string;
  phoneNumberArn: string;
  phoneNumber: string;
  status: string;
  country: string;
  numberType: string;
  capabilities: string[];
  internationalSendingEnabled: boolean | null;
  registrationId: string | null;
  limits: { rateLimits: Record<string, number> } | null;
}

export interface DoctorSenderId {
  senderId: string;
  country: string;
  arn: string | null;
  registered: boolean | null;
  registrationId: string | null;
}

export interface DoctorRegistration {
  registrationId: string;
  registrationType: string;
  status: string;
  /** IDs and ARNs of the resources associated with it (read for number and sender-ID registrations only). */
  resources: string[];
}

export interface DoctorInput {
  connection: { region: string; profile: string | null; endpoint: string | null; endpointSource: string | null };
  attributes: Array<{ name: string; value: string }>;
  spendLimits: Array<{ name: string; enforcedLimit: number; maxLimit: number; overridden: boolean }>;
  /** Account limits with their use (DescribeAccountLimits); absent in older callers. */
  limits?: Array<{ name: string; used: number; max: number }>;
  numbers: DoctorNumber[];
  senderIds: DoctorSenderId[];
  registrations: DoctorRegistration[];
  verified: Array<{ phoneNumber: string; status: string }>;
  protect: { accountDefaultId: string | null; smsRules: Record<string, string> };
  /** The countries asked (upper-case ISO codes); empty: every country where the account has an identity. */
  countries: string[];
  /** Reads that failed (their data is taken as empty): what, the operation, the error and its hint. */
  unreadable?: Array<{ what: string; operation: string; message: string; hint: string | null }>;
}

export type Severity = 'blocker' | 'warning';

export interface DoctorProblem {
  /** Stable code, e.g. `SANDBOX_NO_VERIFIED_NUMBER`, `COUNTRY_NEEDS_IDENTITY`. */
  code: string;
  severity: Severity;
  /** What it is about: `account`, a country code, a registration or number id. */
  subject: string;
  message: string;
  /** The command (or the step) that fixes it, several separated by `; ` in order; null when nothing can. */
  fix: string | null;
}

export type CarrierKind = 'phone-number' | 'sender-id' | 'shared-route';

export interface Carrier {
  kind: CarrierKind;
  /** Phone number id, sender ID, or `shared`. */
  id: string;
  /** The number (E.164), the sender ID, or `AWS shared route`. */
  value: string;
  numberType: string | null;
  /** Message parts per second (the number's MessagingLimits); null when the API does not say. */
  mps: number | null;
}

export interface CountryReport {
  country: string;
  name: string;
  /** `ok`: a message would go; `simulator-only`: only to destination simulator numbers; `blocked`. */
  status: 'ok' | 'simulator-only' | 'blocked';
  carrier: Carrier | null;
  /** Codes of this country's problems. */
  problems: string[];
}

export interface DoctorReport {
  ok: boolean;
  account: {
    region: string;
    profile: string | null;
    endpoint: string | null;
    endpointSource: string | null;
    tier: string | null;
    sandbox: boolean;
    verifiedNumbers: { verified: number; pending: number };
    /** Account limits (PHONE_NUMBERS, SENDER_IDS, VERIFIED_DESTINATION_NUMBERS, ...) with their use. */
    limits: Array<{ name: string; used: number; max: number }>;
    textSpendLimit: { enforcedLimit: number; maxLimit: number; overridden: boolean } | null;
    /** USD spent on text this month: the SMS API does not report it, so always null (unknown). */
    textSpentThisMonth: null;
    protectAccountDefault: string | null;
  };
  countries: CountryReport[];
  /** Registrations not COMPLETE (nor closed or deleted). */
  registrations: Array<{ registrationId: string; registrationType: string; status: string }>;
  /** Numbers whose status is not ACTIVE. */
  numbers: Array<{ phoneNumberId: string; phoneNumber: string; country: string; numberType: string; status: string }>;
  problems: DoctorProblem[];
}

/** A text spend limit under this many USD a month is called out (the sandbox's is 1). */
export const LOW_SPEND_LIMIT_USD = 10;

const IN_REVIEW = new Set(['SUBMITTED', 'REVIEWING', 'PROVISIONING']);
const NEEDS_ACTION = new Set(['CREATED', 'REQUIRES_UPDATES', 'REQUIRES_AUTHENTICATION']);
const FINISHED = new Set(['COMPLETE', 'CLOSED', 'DELETED']);

/** US numbers also reach the US territories of the North American Numbering Plan. */
const US_REACH = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

const TEXT_SPEND = 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT';

function reaches(n: DoctorNumber, iso: string): boolean {
  if (!n.capabilities.includes('SMS')) return false;
  if (n.country === iso || n.internationalSendingEnabled) return true;
  return n.country === 'US' && US_REACH.has(iso);
}

const numberTypeName = (t: string) =>
  ({ TOLL_FREE: 'toll-free', TEN_DLC: '10DLC', LONG_CODE: 'long code', SHORT_CODE: 'short code', SIMULATOR: 'simulator' })[t] ?? t.toLowerCase();

/** The registration a number needs to send (toll-free and 10DLC), and its state. */
type RegistrationState =
  | { kind: 'none-needed' }
  | { kind: 'complete'; registration: DoctorRegistration }
  | { kind: 'incomplete'; registration: DoctorRegistration }
  | { kind: 'missing' };

function registrationOf(
  n: { id: string; arn: string | null; registrationId: string | null },
  registrations: DoctorRegistration[],
  type: (r: DoctorRegistration) => boolean,
): RegistrationState {
  const mine = registrations.filter(
    (r) => r.registrationId === n.registrationId || r.resources.includes(n.id) || (n.arn !== null && r.resources.includes(n.arn)),
  );
  const complete = mine.find((r) => r.status === 'COMPLETE' && (type(r) || r.registrationId === n.registrationId));
  if (complete) return { kind: 'complete', registration: complete };
  const open = mine.find((r) => !FINISHED.has(r.status)) ?? mine.find((r) => r.status !== 'DELETED');
  return open ? { kind: 'incomplete', registration: open } : { kind: 'missing' };
}

function numberRegistration(n: DoctorNumber, registrations: DoctorRegistration[]): RegistrationState {
  if (n.numberType === 'TOLL_FREE')
    return registrationOf(
      { id: n.phoneNumberId, arn: n.phoneNumberArn, registrationId: n.registrationId },
      registrations,
      (r) => r.registrationType === 'US_TOLL_FREE_REGISTRATION',
    );
  if (n.numberType === 'TEN_DLC')
    return registrationOf(
      { id: n.phoneNumberId, arn: n.phoneNumberArn, registrationId: n.registrationId },
      registrations,
      (r) => r.registrationType === 'US_TEN_DLC_CAMPAIGN_REGISTRATION',
    );
  return { kind: 'none-needed' };
}

/** The fix for a registration that is not COMPLETE, by its status. */
export function registrationFix(r: { registrationId: string; status: string }): string {
  if (r.status === 'CREATED') return `eum registration submit ${r.registrationId}`;
  if (r.status === 'REQUIRES_UPDATES' || r.status === 'REQUIRES_AUTHENTICATION') return `eum registration update ${r.registrationId}`;
  if (IN_REVIEW.has(r.status)) return `eum registration watch ${r.registrationId}`;
  return `eum registration show ${r.registrationId}`;
}

function registrationWhy(r: DoctorRegistration): string {
  if (IN_REVIEW.has(r.status)) return `its registration ${r.registrationId} is in review (${r.status})`;
  if (r.status === 'CREATED') return `its registration ${r.registrationId} is a draft, not submitted`;
  if (r.status === 'REQUIRES_UPDATES') return `its registration ${r.registrationId} was denied and needs updates`;
  return `its registration ${r.registrationId} is ${r.status}`;
}

/** What a country without an own identity needs (from the country facts), and the command that starts it. */
export function identityFixFor(iso: string, sandbox: boolean): { need: string; fix: string | null } {
  const facts = countryFacts(iso);
  if (!facts) return { need: 'an origination identity', fix: null };
  if (iso === 'US') {
    return sandbox
      ? {
          need: 'a US number: a simulator number to test in the sandbox, a registered toll-free or 10DLC number for handsets',
          fix: 'eum number request --country US --type simulator',
        }
      : { need: 'a registered toll-free or 10DLC number', fix: 'eum number request --country US --type toll-free' };
  }
  if (facts.senderId === 'registration')
    return { need: 'a registered sender ID (or a dedicated number)', fix: `eum registration create ${iso}_SENDER_ID_REGISTRATION` };
  if (facts.numberTypes.includes('LONG_CODE') && facts.longCodesInboundOnly !== true)
    return { need: 'a dedicated long code', fix: `eum number request --country ${iso} --type long-code` };
  if (facts.senderId === 'yes') return { need: 'a sender ID', fix: `eum sender-id bulk --sender-id BRAND --countries ${iso}` };
  if (facts.numberTypes.includes('SHORT_CODE'))
    return { need: 'a short code', fix: `request a short code for ${iso} in the AWS console (the API cannot request one)` };
  return { need: 'an origination identity', fix: null };
}

interface CountryOutcome {
  report: CountryReport;
  problems: DoctorProblem[];
}

function diagnoseCountry(iso: string, input: DoctorInput, sandbox: boolean): CountryOutcome {
  const facts = countryFacts(iso);
  const name = facts?.name ?? iso;
  const problems: DoctorProblem[] = [];
  const problem = (code: string, severity: Severity, message: string, fix: string | null) => problems.push({ code, severity, subject: iso, message, fix });
  const done = (status: CountryReport['status'], carrier: Carrier | null): CountryOutcome => ({
    report: { country: iso, name, status, carrier, problems: problems.map((p) => p.code) },
    problems,
  });

  if (isBlockedDestination(iso)) {
    problem('COUNTRY_NOT_SERVED', 'blocker', `${name} (${iso}): AWS End User Messaging SMS does not send to this country`, null);
    return done('blocked', null);
  }
  const rule = input.protect.smsRules[iso];
  if (rule === 'BLOCK' && input.protect.accountDefaultId) {
    problem(
      'PROTECT_BLOCKS_COUNTRY',
      'blocker',
      `${name} (${iso}): the account default Protect configuration ${input.protect.accountDefaultId} blocks SMS to this country`,
      `eum protect rules set ${input.protect.accountDefaultId} --channel sms --allow ${iso}`,
    );
  }

  // Own numbers that reach the country: local first, as the service picks them.
  const numbers = input.numbers.filter((n) => reaches(n, iso)).sort((a, b) => Number(b.country === iso) - Number(a.country === iso));
  let carrier: Carrier | null = null;
  let simulator: DoctorNumber | undefined;
  const numberWhy: Array<{ n: DoctorNumber; code: string; message: string; fix: string }> = [];
  for (const n of numbers) {
    const label = `${numberTypeName(n.numberType)} number ${n.phoneNumber}`;
    if (n.status !== 'ACTIVE') {
      numberWhy.push({
        n,
        code: 'NUMBER_NOT_ACTIVE',
        message: `${label} is ${n.status}, not ACTIVE`,
        fix: `eum number show ${n.phoneNumberId} (wait until it is ACTIVE)`,
      });
      continue;
    }
    if (n.numberType === 'SIMULATOR') {
      simulator ??= n;
      continue;
    }
    const reg = numberRegistration(n, input.registrations);
    if (reg.kind === 'missing') {
      const type = n.numberType === 'TOLL_FREE' ? 'US_TOLL_FREE_REGISTRATION' : 'US_TEN_DLC_CAMPAIGN_REGISTRATION';
      numberWhy.push({
        n,
        code: 'REGISTRATION_MISSING',
        message: `${label} cannot send until a ${type} associated with it is COMPLETE; there is none`,
        fix: `eum registration create ${type} --associate ${n.phoneNumberId}`,
      });
      continue;
    }
    if (reg.kind === 'incomplete') {
      const code = IN_REVIEW.has(reg.registration.status) ? 'REGISTRATION_PENDING' : 'REGISTRATION_INCOMPLETE';
      numberWhy.push({ n, code, message: `${label} cannot send yet: ${registrationWhy(reg.registration)}`, fix: registrationFix(reg.registration) });
      continue;
    }
    carrier = { kind: 'phone-number', id: n.phoneNumberId, value: n.phoneNumber, numberType: n.numberType, mps: n.limits?.rateLimits.SMS ?? null };
    break;
  }

  let senderWhy: { code: string; message: string; fix: string } | undefined;
  if (!carrier) {
    for (const s of input.senderIds.filter((x) => x.country === iso)) {
      const needsRegistration = facts?.senderId === 'registration';
      if (s.registered || !needsRegistration) {
        carrier = { kind: 'sender-id', id: s.senderId, value: s.senderId, numberType: 'SENDER_ID', mps: null };
        break;
      }
      const reg = registrationOf({ id: s.senderId, arn: s.arn, registrationId: s.registrationId }, input.registrations, (r) =>
        r.registrationType.endsWith('_SENDER_ID_REGISTRATION'),
      );
      senderWhy =
        reg.kind === 'incomplete'
          ? {
              code: IN_REVIEW.has(reg.registration.status) ? 'REGISTRATION_PENDING' : 'REGISTRATION_INCOMPLETE',
              message: `sender ID ${s.senderId} is not registered yet: ${registrationWhy(reg.registration)}`,
              fix: registrationFix(reg.registration),
            }
          : {
              code: 'SENDER_ID_NOT_REGISTERED',
              message: `sender ID ${s.senderId} needs a registration in ${name} and has none`,
              fix: `eum registration create ${iso}_SENDER_ID_REGISTRATION`,
            };
    }
  }
  if (!carrier && facts?.sharedRoute) carrier = { kind: 'shared-route', id: 'shared', value: 'AWS shared route', numberType: null, mps: null };

  const blockedByProtect = problems.some((p) => p.code === 'PROTECT_BLOCKS_COUNTRY');
  if (carrier) return done(blockedByProtect ? 'blocked' : 'ok', carrier);

  // Nothing carries a message to a handset: say why, most specific first.
  for (const w of numberWhy) problem(w.code, 'blocker', `${name} (${iso}): ${w.message}`, w.fix);
  if (senderWhy) problem(senderWhy.code, 'blocker', `${name} (${iso}): ${senderWhy.message}`, senderWhy.fix);
  if (simulator) {
    const { need, fix } = identityFixFor(iso, false);
    problem(
      'SIMULATOR_ONLY',
      'warning',
      `${name} (${iso}): only the simulator number ${simulator.phoneNumber} can send, and only to destination simulator numbers; handsets need ${need}`,
      fix,
    );
    return done(blockedByProtect ? 'blocked' : 'simulator-only', {
      kind: 'phone-number',
      id: simulator.phoneNumberId,
      value: simulator.phoneNumber,
      numberType: 'SIMULATOR',
      mps: simulator.limits?.rateLimits.SMS ?? null,
    });
  }
  // A sender-ID registration on its way: approval creates the sender ID.
  const senderRegistration = input.registrations.find((r) => r.registrationType === `${iso}_SENDER_ID_REGISTRATION` && !FINISHED.has(r.status));
  if (!numberWhy.length && !senderWhy && senderRegistration) {
    const code = IN_REVIEW.has(senderRegistration.status) ? 'REGISTRATION_PENDING' : 'REGISTRATION_INCOMPLETE';
    problem(
      code,
      'blocker',
      `${name} (${iso}): no identity can send until sender-ID registration ${senderRegistration.registrationId} is approved; ${registrationWhy(senderRegistration).replace(/^its /, 'the ')}`,
      registrationFix(senderRegistration),
    );
  } else if (!numberWhy.length && !senderWhy) {
    const { need, fix } = identityFixFor(iso, sandbox);
    problem(
      'COUNTRY_NEEDS_IDENTITY',
      'blocker',
      `${name} (${iso}): no origination identity of the account reaches this country and it has no shared routes; it needs ${need}`,
      fix,
    );
  }
  return done('blocked', null);
}

/** The whole report: account checks, each country, registrations and numbers to follow. */
export function diagnose(input: DoctorInput): DoctorReport {
  const problems: DoctorProblem[] = [];
  const add = (code: string, severity: Severity, subject: string, message: string, fix: string | null) =>
    problems.push({ code, severity, subject, message, fix });

  for (const u of input.unreadable ?? []) {
    add(
      'READ_FAILED',
      'blocker',
      'account',
      `could not read ${u.what} (${u.operation}): ${u.message}; what follows leaves them out`,
      u.hint ?? `allow sms-voice:${u.operation} to these credentials`,
    );
  }

  const tier = input.attributes.find((a) => a.name === 'ACCOUNT_TIER')?.value ?? null;
  const sandbox = tier === 'SANDBOX';
  const verified = input.verified.filter((v) => v.status === 'VERIFIED');
  const pendingVerified = input.verified.filter((v) => v.status === 'PENDING');
  if (sandbox) {
    const production = 'request production access (AWS console: End User Messaging SMS > Account settings) to send to any number';
    if (!verified.length) {
      add(
        'SANDBOX_NO_VERIFIED_NUMBER',
        'blocker',
        'account',
        'the account is in the sandbox: it sends only to verified destination numbers and simulator numbers, and none is verified',
        `eum verify add +E164; eum verify confirm +E164 CODE; ${production}`,
      );
    } else {
      add(
        'SANDBOX',
        'warning',
        'account',
        `the account is in the sandbox: it sends only to its ${verified.length} verified destination number${verified.length === 1 ? '' : 's'} (${verified.map((v) => maskPhoneNumber(v.phoneNumber)).join(', ')}) and simulator numbers`,
        production,
      );
    }
  }
  for (const v of pendingVerified)
    add(
      'VERIFICATION_PENDING',
      'warning',
      'account',
      `destination ${maskPhoneNumber(v.phoneNumber)} is added but not verified`,
      'eum verify confirm +E164 CODE (the code sent to it)',
    );

  // A full limit stops the next request, verification or registration.
  for (const l of input.limits ?? []) {
    if (l.max > 0 && l.used >= l.max) {
      const fix =
        l.name === 'VERIFIED_DESTINATION_NUMBERS'
          ? 'eum verify remove +E164 (one no longer needed, 24 hours after it was added)'
          : `request a higher ${l.name} quota (AWS console: Service Quotas), or remove what is no longer used`;
      add('LIMIT_REACHED', 'warning', 'account', `the account limit ${l.name} is reached (${l.used} of ${l.max}): the next one will be refused`, fix);
    }
  }

  const text = input.spendLimits.find((l) => l.name === TEXT_SPEND);
  if (text) {
    const raise =
      text.maxLimit > text.enforcedLimit
        ? `eum account spend-limit set text ${text.maxLimit}`
        : 'ask AWS Support for a higher SMS spend quota (a service quota increase); eum account spend-limit set text USD';
    if (text.enforcedLimit <= 0) add('SPEND_LIMIT_ZERO', 'blocker', 'account', 'the monthly text spend limit is USD 0: no text message can be sent', raise);
    else if (text.enforcedLimit < LOW_SPEND_LIMIT_USD)
      add(
        'SPEND_LIMIT_LOW',
        'warning',
        'account',
        `the monthly text spend limit is USD ${text.enforcedLimit} (this month's spend is unknown: the API does not report it); sends stop when it is reached`,
        raise,
      );
  }

  // Registrations and numbers to follow, whatever the countries.
  const registrations = input.registrations
    .filter((r) => !FINISHED.has(r.status))
    .map((r) => ({ registrationId: r.registrationId, registrationType: r.registrationType, status: r.status }));
  for (const r of registrations) {
    const what = IN_REVIEW.has(r.status)
      ? 'is in review'
      : r.status === 'CREATED'
        ? 'is a draft, not submitted'
        : NEEDS_ACTION.has(r.status)
          ? `needs your action (${r.status})`
          : `is ${r.status}`;
    add(
      IN_REVIEW.has(r.status) ? 'REGISTRATION_PENDING' : 'REGISTRATION_INCOMPLETE',
      'warning',
      r.registrationId,
      `registration ${r.registrationId} (${r.registrationType}) ${what}`,
      registrationFix(r),
    );
  }
  const numbers = input.numbers
    .filter((n) => n.status !== 'ACTIVE')
    .map((n) => ({ phoneNumberId: n.phoneNumberId, phoneNumber: n.phoneNumber, country: n.country, numberType: n.numberType, status: n.status }));
  for (const n of numbers)
    add(
      'NUMBER_NOT_ACTIVE',
      'warning',
      n.phoneNumberId,
      `${numberTypeName(n.numberType)} number ${n.phoneNumber} (${n.country}) is ${n.status}, not ACTIVE`,
      `eum number show ${n.phoneNumberId}`,
    );

  const owned = [...input.numbers.map((n) => n.country), ...input.senderIds.map((s) => s.country)];
  const countries = input.countries.length ? input.countries : [...new Set(owned)].sort();
  if (!input.countries.length && !owned.length) {
    add(
      'NO_ORIGINATION_IDENTITY',
      'blocker',
      'account',
      'the account owns no phone number or sender ID (name the countries you send to with --country to see whether AWS shared routes reach them)',
      identityFixFor('US', sandbox).fix,
    );
  }
  const reports: CountryReport[] = [];
  for (const iso of countries) {
    const outcome = diagnoseCountry(iso, input, sandbox);
    reports.push(outcome.report);
    problems.push(...outcome.problems);
  }

  // Blockers first, then warnings; the account before countries; stable otherwise.
  const order = (p: DoctorProblem) => (p.severity === 'blocker' ? 0 : 1);
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p) - order(b.p) || a.i - b.i)
    .map((x) => x.p);
  return {
    ok: !sorted.some((p) => p.severity === 'blocker'),
    account: {
      region: input.connection.region,
      profile: input.connection.profile,
      endpoint: input.connection.endpoint,
      endpointSource: input.connection.endpointSource,
      tier,
      sandbox,
      verifiedNumbers: { verified: verified.length, pending: pendingVerified.length },
      limits: input.limits ?? [],
      textSpendLimit: text ? { enforcedLimit: text.enforcedLimit, maxLimit: text.maxLimit, overridden: text.overridden } : null,
      textSpentThisMonth: null,
      protectAccountDefault: input.protect.accountDefaultId,
    },
    countries: reports,
    registrations,
    numbers,
    problems: sorted,
  };
}
