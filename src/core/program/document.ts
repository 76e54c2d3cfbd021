/**
 * The program document (`eum program export` / `apply -f`): the whole SMS program of an account
 * as one YAML document, `version: 1`, per Region. Names are how people refer to things (phone
 * numbers, Name tags of pools, configuration-set and opt-out-list names); a value equal to the
 * service's default is left out. The `protect` section is the Protect document (without its
 * version), checked by the Protect parser. Imports yaml and zod: load it dynamically.
 *
 *   version: 1
 *   regions:
 *     us-east-1:
 *       optOutLists: [marketing]
 *       phoneNumbers:
 *         "+18335550100":
 *           optOutList: marketing
 *           deletionProtection: true
 *           keywords:
 *             HELP: { message: "Acme alerts: help at acme.example", action: automatic-response }
 *             INFO: { message: "Acme alerts: 2 msgs/week" }
 *       pools:
 *         alerts: { identities: ["+18335550100"], sharedRoutes: true }
 *       configurationSets:
 *         otp:
 *           defaultMessageType: transactional
 *           feedback: true
 *           eventDestinations:
 *             to-sns: { eventTypes: [TEXT_ALL], sns: "arn:aws:sns:us-east-1:111122223333:sms-events" }
 *       protect: { accountDefault: null, configurations: { otp-guard: { configurationSets: [otp] } } }
 *       spendLimits: { text: 100 }
 */
import { readYamlDocument, schemaProblems, type YamlDocument } from '../yaml-document.js';
import { maskPhoneNumber, maskPhoneNumbersIn } from '../mask.js';
import { z } from 'zod';
import { checkProtectSection, DocumentError, protectSectionSchema, type DesiredState, type ParseOptions } from '../protect/document.js';
import type { InputProblem } from '../protect/problems.js';
import { checkSenderId } from '../sender-id/plan.js';
import { arnProblem } from '../config-set/arn.js';
import { EVENT_TYPES } from '../config-set/events.js';
import { checkKeyword, checkKeywordMessage, reservedProblems } from '../keywords.js';

export const PROGRAM_VERSION = 1;

export const SPEND_CHANNELS = ['text', 'voice', 'media', 'notify', 'rcs'] as const;
export type ProgramSpendChannel = (typeof SPEND_CHANNELS)[number];

export const KEYWORD_ACTIONS = ['AUTOMATIC_RESPONSE', 'OPT_OUT', 'OPT_IN'] as const;
export type ProgramKeywordAction = (typeof KEYWORD_ACTIONS)[number];
/** At most 30 keywords per number (quotas page). */
export const KEYWORDS_PER_NUMBER = 30;
/** The opt-out list every account has; a number or pool uses it unless told otherwise. */
export const DEFAULT_OPT_OUT_LIST = 'Default';

const upperEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string({ message })
    .transform((s) => s.toUpperCase().replace(/-/g, '_'))
    .pipe(z.enum(values, { message }));

const bool = z.boolean({ message: 'must be true or false' });
const name = z.string({ message: 'must be a name' });
const twoWaySchema = z.strictObject({ channel: z.string({ message: 'must be an ARN' }), role: z.string({ message: 'must be an IAM role ARN' }).optional() });
const keywordSchema = z.strictObject({
  message: z.string({ message: 'must be the answer text' }),
  action: upperEnum(KEYWORD_ACTIONS, 'must be automatic-response, opt-out or opt-in').optional(),
});
const numberSchema = z.strictObject({
  request: bool.optional(),
  /** Used only when `request: true` and the number is not in the account. */
  type: upperEnum(['TOLL_FREE', 'TEN_DLC', 'LONG_CODE', 'SIMULATOR'] as const, 'must be toll-free, ten-dlc, long-code or simulator').optional(),
  messageType: upperEnum(['TRANSACTIONAL', 'PROMOTIONAL'] as const, 'must be transactional or promotional').optional(),
  capabilities: z
    .array(upperEnum(['SMS', 'MMS', 'VOICE'] as const, 'must be sms, mms or voice'), { message: 'must be a list, e.g. [sms]' })
    .min(1)
    .optional(),
  registration: z.string({ message: 'must be a registration id' }).optional(),
  twoWay: twoWaySchema.optional(),
  selfManagedOptOuts: bool.optional(),
  optOutList: name.optional(),
  deletionProtection: bool.optional(),
  internationalSending: bool.optional(),
  keywords: z.record(z.string(), keywordSchema, { message: 'must be a map of keywords to { message, action }' }).optional(),
});
const poolSchema = z.strictObject({
  identities: z
    .array(z.string({ message: 'must be a quoted E.164 number' }), { message: 'must be a list of phone numbers' })
    .min(1, { message: 'must name at least one phone number (a pool is created from one)' }),
  messageType: upperEnum(['TRANSACTIONAL', 'PROMOTIONAL'] as const, 'must be transactional or promotional').optional(),
  twoWay: twoWaySchema.optional(),
  selfManagedOptOuts: bool.optional(),
  optOutList: name.optional(),
  sharedRoutes: bool.optional(),
  deletionProtection: bool.optional(),
});
const destinationSchema = z.strictObject({
  eventTypes: z
    .array(z.string({ message: 'must be an event type' }), { message: 'must be a list of event types, e.g. [TEXT_ALL]' })
    .min(1, { message: 'must name at least one event type' }),
  enabled: bool.optional(),
  sns: z.string({ message: 'must be an SNS topic ARN' }).optional(),
  cloudWatchLogs: z.strictObject({ role: z.string(), logGroup: z.string() }).optional(),
  firehose: z.strictObject({ role: z.string(), deliveryStream: z.string() }).optional(),
});
const configSetSchema = z.strictObject({
  defaultSenderId: z.string().optional(),
  defaultMessageType: upperEnum(['TRANSACTIONAL', 'PROMOTIONAL'] as const, 'must be transactional or promotional').optional(),
  feedback: bool.optional(),
  protect: z.string({ message: 'must be a Protect configuration name' }).optional(),
  eventDestinations: z.record(z.string(), destinationSchema, { message: 'must be a map of destination names to their settings' }).optional(),
});
const senderIdSchema = z.strictObject({
  countries: z
    .array(z.string({ message: 'must be a two-letter country code' }), { message: 'must be a list of country codes, e.g. [GB, FR]' })
    .min(1, { message: 'must name at least one country' }),
  messageTypes: z
    .array(upperEnum(['TRANSACTIONAL', 'PROMOTIONAL'] as const, 'must be transactional or promotional'), {
      message: 'must be a list: [transactional], [promotional] or both',
    })
    .optional(),
  deletionProtection: bool.optional(),
});
const regionSchema = z.strictObject({
  senderIds: z.record(z.string(), senderIdSchema, { message: 'must be a map of sender IDs to { countries }' }).optional(),
  optOutLists: z.array(name, { message: 'must be a list of opt-out list names' }).optional(),
  phoneNumbers: z.record(z.string(), numberSchema.nullable(), { message: 'must be a map of phone numbers to their settings' }).optional(),
  pools: z.record(z.string(), poolSchema, { message: 'must be a map of pool names to their settings' }).optional(),
  configurationSets: z.record(z.string(), configSetSchema.nullable(), { message: 'must be a map of configuration set names to their settings' }).optional(),
  protect: protectSectionSchema.optional(),
  optedOutNumbers: z
    .record(z.string(), z.array(z.string({ message: 'must be a quoted E.164 number' }), { message: 'must be a list of phone numbers' }), {
      message: 'must be a map of opt-out list names to opted-out numbers',
    })
    .optional(),
  spendLimits: z
    .partialRecord(
      z.enum(SPEND_CHANNELS, { message: `must be one of ${SPEND_CHANNELS.join(', ')}` }),
      z.number({ message: 'must be a whole number of US dollars' }).int({ message: 'must be a whole number of US dollars' }).min(0),
    )
    .optional(),
});
const programSchema = z.strictObject({
  version: z.literal(PROGRAM_VERSION, { message: `must be ${PROGRAM_VERSION} (this eum reads version ${PROGRAM_VERSION} documents)` }),
  regions: z.record(z.string(), regionSchema.nullable(), { message: 'must be a map of Region names (us-east-1) to their program' }),
});

export interface TwoWay {
  channel: string;
  role?: string;
}

/** What every number and pool has in common, with the service's defaults filled in. */
export interface OriginationSettings {
  twoWay: TwoWay | null;
  selfManagedOptOuts: boolean;
  optOutList: string;
  deletionProtection: boolean;
}

export interface DesiredKeyword {
  keyword: string;
  message: string;
  action: ProgramKeywordAction;
}

export interface DesiredNumber extends OriginationSettings {
  number: string;
  /** Set when the document lets apply request the number (`request: true`). */
  request?: {
    numberType: 'TOLL_FREE' | 'TEN_DLC' | 'LONG_CODE' | 'SIMULATOR';
    messageType: 'TRANSACTIONAL' | 'PROMOTIONAL';
    capabilities: Array<'SMS' | 'MMS' | 'VOICE'>;
    registrationId?: string;
  };
  /** Left alone on numbers where the service does not offer it. */
  internationalSending: boolean;
  /** undefined: the document does not manage this number's keywords. HELP and STOP left out are left alone. */
  keywords?: DesiredKeyword[];
  line: number;
}

export interface DesiredPool extends OriginationSettings {
  name: string;
  identities: string[];
  messageType: 'TRANSACTIONAL' | 'PROMOTIONAL';
  sharedRoutes: boolean;
  line: number;
}

export type DesiredTarget =
  | { kind: 'sns'; topicArn: string }
  | { kind: 'cloudwatch-logs'; iamRoleArn: string; logGroupArn: string }
  | { kind: 'firehose'; iamRoleArn: string; deliveryStreamArn: string };

export interface DesiredDestination {
  name: string;
  eventTypes: string[];
  enabled: boolean;
  target: DesiredTarget;
}

export interface DesiredConfigSet {
  name: string;
  defaultSenderId: string | null;
  defaultMessageType: 'TRANSACTIONAL' | 'PROMOTIONAL' | null;
  feedback: boolean;
  destinations: DesiredDestination[];
  line: number;
}

export interface DesiredSenderId {
  senderId: string;
  countries: string[];
  messageTypes: Array<'TRANSACTIONAL' | 'PROMOTIONAL'>;
  deletionProtection: boolean;
}

export interface DesiredRegion {
  region: string;
  senderIds?: DesiredSenderId[];
  /** undefined: the section is not in the document (left alone). */
  optOutLists?: string[];
  phoneNumbers?: DesiredNumber[];
  pools?: DesiredPool[];
  configurationSets?: DesiredConfigSet[];
  protect?: DesiredState;
  spendLimits?: Partial<Record<ProgramSpendChannel, number>>;
  /** Opted-out numbers per list (data: added when missing, never removed). */
  optedOutNumbers?: Record<string, string[]>;
}

export interface DesiredProgram {
  regions: DesiredRegion[];
}

/** A program document that failed to parse or validate; each problem names its line. */
export class ProgramDocumentError extends DocumentError {}

export type ProgramParseOptions = ParseOptions;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const LIST_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SET_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SENDER_ID = /^[A-Za-z0-9_-]{1,11}$/;

/** Parses and validates a program document; throws ProgramDocumentError listing every problem. */
export function parseProgramDocument(text: string, options: ProgramParseOptions): DesiredProgram {
  const file = options.file ?? 'document';
  const doc = readYamlDocument(text, { file, notAMap: 'a program document is a map with version: 1 and regions: (see eum program export)' });
  if ('problems' in doc) throw new ProgramDocumentError(doc.problems);
  const parsed = programSchema.safeParse(doc.raw);
  if (!parsed.success) throw new ProgramDocumentError(schemaProblems(parsed.error.issues, doc, 'eum program export'));
  const problems: InputProblem[] = [];
  const regions = Object.entries(parsed.data.regions).map(([region, body]) => checkRegion(region, body ?? {}, doc, { ...options, file }, problems));
  if (problems.length) throw new ProgramDocumentError(problems);
  return { regions };
}

type RegionBody = z.infer<typeof regionSchema>;

/** What the checks of one Region's sections share; paths are the Region's (`['pools', 'alerts']`). */
interface RegionChecks {
  /** Adds a problem at a path: its line, and the path in the message (phone numbers in it masked). */
  p(path: PropertyKey[], message: string): void;
  lineOf(path: PropertyKey[]): number;
  options: ProgramParseOptions;
}

/** A path as messages show it: `us-east-1.phoneNumbers.+*******0100.keywords.HELP`. */
function shownPath(path: PropertyKey[]): string {
  return path.map((x) => (typeof x === 'string' && /^\+\d{5,}$/.test(x) ? maskPhoneNumber(x) : String(x))).join('.');
}

function checkRegion(
  region: string,
  body: RegionBody,
  doc: YamlDocument,
  options: ProgramParseOptions & { file: string },
  problems: InputProblem[],
): DesiredRegion {
  const base = ['regions', region];
  const rc: RegionChecks = {
    p: (path, message) => problems.push({ field: doc.where([...base, ...path]), message: `${shownPath([region, ...path])}: ${message}` }),
    lineOf: (path) => doc.lineOf([...base, ...path]),
    options,
  };
  if (!REGION.test(region)) rc.p([], `"${region}" is not a Region name (e.g. us-east-1)`);
  const out: DesiredRegion = { region };
  if (body.optOutLists) out.optOutLists = checkOptOutLists(rc, body.optOutLists);
  if (body.phoneNumbers) out.phoneNumbers = Object.entries(body.phoneNumbers).map(([number, n]) => checkPhoneNumber(rc, number, n ?? {}));
  if (body.pools) out.pools = checkPools(rc, body.pools);
  // `protect:` on a configuration set: the set's name and the configuration's.
  const protectAssociations = new Map<string, string>();
  if (body.configurationSets) {
    out.configurationSets = Object.entries(body.configurationSets).map(([setName, set]) => {
      if (set?.protect !== undefined) protectAssociations.set(setName, set.protect);
      return checkConfigurationSet(rc, setName, set ?? {});
    });
  }
  if (body.protect) {
    try {
      out.protect = checkProtectSection(body.protect, { ...options, lineOf: doc.lineOf, base: [...base, 'protect'] });
    } catch (err) {
      const e = err as { problems?: InputProblem[] };
      if (!e.problems) throw err;
      problems.push(...e.problems.map((x) => ({ field: x.field, message: `${region}.protect: ${x.message}` })));
    }
  }
  checkProtectAssociations(rc, protectAssociations, out.protect);
  if (body.senderIds) out.senderIds = Object.entries(body.senderIds).map(([senderId, s]) => checkSenderIdEntry(rc, senderId, s));
  if (body.spendLimits) out.spendLimits = { ...body.spendLimits };
  if (body.optedOutNumbers) {
    out.optedOutNumbers = {};
    for (const [list, nums] of Object.entries(body.optedOutNumbers)) {
      listName(rc, ['optedOutNumbers', list], list);
      const seen = new Set<string>();
      nums.forEach((n, i) => {
        const bad = options.phoneProblem(n);
        if (bad) rc.p(['optedOutNumbers', list, i], bad);
        seen.add(n);
      });
      out.optedOutNumbers[list] = [...seen].sort();
    }
  }
  return out;
}

function checkOptOutLists(rc: RegionChecks, lists: string[]): string[] {
  const out: string[] = [];
  lists.forEach((l, i) => {
    if (!LIST_NAME.test(l)) rc.p(['optOutLists', i], `"${l}" is not an opt-out list name (letters, digits, _ and -, at most 64)`);
    else if (out.includes(l)) rc.p(['optOutLists', i], `${l} is listed twice`);
    else if (l !== DEFAULT_OPT_OUT_LIST) out.push(l);
  });
  return out;
}

/**
 * An opt-out list named by a number, pool or set (Default when none). It must exist or be in the
 * document: the planner checks the account's lists (a blocker), this only checks the spelling.
 */
function listName(rc: RegionChecks, path: PropertyKey[], l: string | undefined): string {
  if (l === undefined) return DEFAULT_OPT_OUT_LIST;
  if (!LIST_NAME.test(l)) rc.p(path, `"${l}" is not an opt-out list name`);
  return l;
}

function twoWay(rc: RegionChecks, path: PropertyKey[], t: { channel: string; role?: string } | undefined): TwoWay | null {
  if (!t) return null;
  if (!/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(t.channel) && !/^connect\./.test(t.channel))
    rc.p([...path, 'channel'], `"${t.channel}" is not a two-way channel ARN (e.g. arn:aws:sms-voice:us-east-1:111122223333:...)`);
  if (t.role !== undefined) {
    const bad = arnProblem(t.role, 'iam-role');
    if (bad) rc.p([...path, 'role'], bad);
  }
  return { channel: t.channel, ...(t.role !== undefined ? { role: t.role } : {}) };
}

function checkPhoneNumber(rc: RegionChecks, number: string, n: NonNullable<NonNullable<RegionBody['phoneNumbers']>[string]>): DesiredNumber {
  const path = ['phoneNumbers', number];
  const bad = rc.options.phoneProblem(number);
  if (bad) rc.p(path, bad);
  if (n.request === true && !n.type)
    rc.p([...path, 'request'], 'request: true needs the type of number to request: type: toll-free, ten-dlc, long-code or simulator');
  if (n.request !== true && (n.type || n.messageType || n.capabilities || n.registration))
    rc.p(path, 'type, messageType, capabilities and registration are for request: true (they describe the number apply requests)');
  if (n.request === true && n.type === 'TEN_DLC' && !n.registration)
    rc.p([...path, 'registration'], 'a 10DLC number is requested for its approved campaign: give registration: <campaign registration id>');
  const keywords = n.keywords ? checkKeywords(rc, path, n.keywords) : undefined;
  return {
    number,
    request:
      n.request === true && n.type
        ? {
            numberType: n.type,
            messageType: n.messageType ?? 'TRANSACTIONAL',
            capabilities: [...new Set<'SMS' | 'MMS' | 'VOICE'>(n.capabilities ?? ['SMS'])],
            ...(n.registration ? { registrationId: n.registration } : {}),
          }
        : undefined,
    twoWay: twoWay(rc, [...path, 'twoWay'], n.twoWay),
    selfManagedOptOuts: n.selfManagedOptOuts ?? false,
    optOutList: listName(rc, [...path, 'optOutList'], n.optOutList),
    deletionProtection: n.deletionProtection ?? false,
    internationalSending: n.internationalSending ?? false,
    keywords,
    line: rc.lineOf(path),
  };
}

/** A number's keywords: the rules of eum keyword set (HELP and STOP keep their action, AWS's opt-out words opt out), at most 30. */
function checkKeywords(rc: RegionChecks, path: PropertyKey[], given: Record<string, { message: string; action?: ProgramKeywordAction }>): DesiredKeyword[] {
  const keywords: DesiredKeyword[] = [];
  const seen = new Set<string>();
  for (const [kw, k] of Object.entries(given)) {
    const upper = kw.toUpperCase();
    const kwBad = checkKeyword(kw);
    if (kwBad) rc.p([...path, 'keywords', kw], `keyword "${kw}" ${kwBad}`);
    if (seen.has(upper)) rc.p([...path, 'keywords', kw], `keyword ${upper} is written twice (keywords are not case-sensitive)`);
    seen.add(upper);
    const msgBad = checkKeywordMessage(k.message);
    if (msgBad) rc.p([...path, 'keywords', kw, 'message'], msgBad);
    const action = k.action ?? (upper === 'STOP' ? 'OPT_OUT' : 'AUTOMATIC_RESPONSE');
    for (const r of reservedProblems(upper, action, 'set'))
      rc.p(
        [...path, 'keywords', kw, 'action'],
        r.replace(/--action ([A-Z_]+)/g, (_m, a: string) => `action: ${a.toLowerCase().replace(/_/g, '-')}`),
      );
    keywords.push({ keyword: upper, message: k.message, action });
  }
  if (keywords.length > KEYWORDS_PER_NUMBER) rc.p([...path, 'keywords'], `at most ${KEYWORDS_PER_NUMBER} keywords per number (there are ${keywords.length})`);
  return keywords;
}

/** The pools: names 1 to 256 characters, each number in one pool only. */
function checkPools(rc: RegionChecks, pools: NonNullable<RegionBody['pools']>): DesiredPool[] {
  const owner = new Map<string, string>();
  return Object.entries(pools).map(([poolName, pool]) => {
    const path = ['pools', poolName];
    if (poolName.length < 1 || poolName.length > 256) rc.p(path, 'a pool name (its Name tag) is 1 to 256 characters');
    const ids: string[] = [];
    pool.identities.forEach((id, i) => {
      const bad = rc.options.phoneProblem(id);
      if (bad) rc.p([...path, 'identities', i], bad);
      const other = owner.get(id);
      if (other) rc.p([...path, 'identities', i], `${maskPhoneNumbersIn(id)} is in pools ${other} and ${poolName}; a number belongs to one pool`);
      else if (ids.includes(id)) rc.p([...path, 'identities', i], `${maskPhoneNumbersIn(id)} is listed twice`);
      owner.set(id, poolName);
      ids.push(id);
    });
    return {
      name: poolName,
      identities: ids,
      messageType: pool.messageType ?? 'TRANSACTIONAL',
      twoWay: twoWay(rc, [...path, 'twoWay'], pool.twoWay),
      selfManagedOptOuts: pool.selfManagedOptOuts ?? false,
      optOutList: listName(rc, [...path, 'optOutList'], pool.optOutList),
      sharedRoutes: pool.sharedRoutes ?? false,
      deletionProtection: pool.deletionProtection ?? false,
      line: rc.lineOf(path),
    };
  });
}

function checkConfigurationSet(rc: RegionChecks, setName: string, s: NonNullable<NonNullable<RegionBody['configurationSets']>[string]>): DesiredConfigSet {
  const path = ['configurationSets', setName];
  if (!SET_NAME.test(setName)) rc.p(path, `"${setName}" is not a configuration set name (letters, digits, _ and -, at most 64)`);
  if (s.defaultSenderId !== undefined && !SENDER_ID.test(s.defaultSenderId))
    rc.p([...path, 'defaultSenderId'], `"${s.defaultSenderId}" is not a sender ID (1 to 11 letters, digits, _ and -)`);
  const destinations = Object.entries(s.eventDestinations ?? {}).map(([destName, d]) =>
    checkDestination(rc, [...path, 'eventDestinations', destName], destName, d),
  );
  return {
    name: setName,
    defaultSenderId: s.defaultSenderId ?? null,
    defaultMessageType: s.defaultMessageType ?? null,
    feedback: s.feedback ?? false,
    destinations,
    line: rc.lineOf(path),
  };
}

/** An event destination: known event types, listed once, and exactly one target with valid ARNs. */
function checkDestination(rc: RegionChecks, dPath: PropertyKey[], destName: string, d: z.infer<typeof destinationSchema>): DesiredDestination {
  if (!SET_NAME.test(destName)) rc.p(dPath, `"${destName}" is not an event destination name (letters, digits, _ and -, at most 64)`);
  const types: string[] = [];
  d.eventTypes.forEach((t, i) => {
    const up = t.toUpperCase();
    if (!EVENT_TYPES.includes(up))
      rc.p([...dPath, 'eventTypes', i], `"${t}" is not an event type (e.g. TEXT_ALL, TEXT_DELIVERED, TEXT_FAILED is not one; see eum config-set event-types)`);
    else if (types.includes(up)) rc.p([...dPath, 'eventTypes', i], `${up} is listed twice`);
    else types.push(up);
  });
  const kinds = [d.sns, d.cloudWatchLogs, d.firehose].filter((x) => x !== undefined).length;
  let target: DesiredTarget = { kind: 'sns', topicArn: '' };
  if (kinds !== 1) rc.p(dPath, 'give exactly one target: sns, cloudWatchLogs or firehose');
  else if (d.sns !== undefined) {
    const bad = arnProblem(d.sns, 'sns-topic');
    if (bad) rc.p([...dPath, 'sns'], bad);
    target = { kind: 'sns', topicArn: d.sns };
  } else if (d.cloudWatchLogs) {
    const r = arnProblem(d.cloudWatchLogs.role, 'iam-role');
    if (r) rc.p([...dPath, 'cloudWatchLogs', 'role'], r);
    const g = arnProblem(d.cloudWatchLogs.logGroup, 'log-group');
    if (g) rc.p([...dPath, 'cloudWatchLogs', 'logGroup'], g);
    target = { kind: 'cloudwatch-logs', iamRoleArn: d.cloudWatchLogs.role, logGroupArn: d.cloudWatchLogs.logGroup };
  } else if (d.firehose) {
    const r = arnProblem(d.firehose.role, 'iam-role');
    if (r) rc.p([...dPath, 'firehose', 'role'], r);
    const f = arnProblem(d.firehose.deliveryStream, 'firehose-stream');
    if (f) rc.p([...dPath, 'firehose', 'deliveryStream'], f);
    target = { kind: 'firehose', iamRoleArn: d.firehose.role, deliveryStreamArn: d.firehose.deliveryStream };
  }
  return { name: destName, eventTypes: types.sort(), enabled: d.enabled ?? true, target };
}

/** `protect:` on a configuration set is the same association as the Protect section's list: added there, or a conflict. */
function checkProtectAssociations(rc: RegionChecks, associations: Map<string, string>, protect: DesiredState | undefined): void {
  for (const [setName, cfgName] of associations) {
    const cfg = protect?.configurations.find((c) => c.name === cfgName);
    if (!cfg) rc.p(['configurationSets', setName, 'protect'], `names Protect configuration "${cfgName}", which is not in this Region's protect section`);
    else if (!cfg.configurationSets.includes(setName)) {
      const other = protect!.configurations.find((c) => c.configurationSets.includes(setName));
      if (other)
        rc.p(
          ['configurationSets', setName, 'protect'],
          `says ${cfgName}, but protect.configurations.${other.name} lists ${setName}; a configuration set has one Protect configuration`,
        );
      else cfg.configurationSets.push(setName);
    }
  }
}

/** A sender ID: ISO countries listed once, and the same checks as eum sender-id bulk (the API's and the carriers' rules). */
function checkSenderIdEntry(rc: RegionChecks, senderId: string, s: z.infer<typeof senderIdSchema>): DesiredSenderId {
  const path = ['senderIds', senderId];
  const countries: string[] = [];
  s.countries.forEach((c, i) => {
    const code = c.toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || !rc.options.catalog.iso.has(code)) rc.p([...path, 'countries', i], `"${c}" is not an ISO country code (e.g. GB, FR)`);
    else if (countries.includes(code)) rc.p([...path, 'countries', i], `${code} is listed twice`);
    else countries.push(code);
  });
  const messageTypes = [...new Set<'TRANSACTIONAL' | 'PROMOTIONAL'>(s.messageTypes ?? ['TRANSACTIONAL'])].sort();
  for (const e of checkSenderId(senderId, countries, messageTypes).errors) rc.p(path, e.message);
  return { senderId, countries: countries.sort(), messageTypes, deletionProtection: s.deletionProtection ?? false };
}
