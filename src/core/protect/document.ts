/**
 * The Protect document (`eum protect export` / `apply -f`): YAML, `version: 1`, configurations
 * named by their Name tag. Parsing reports every problem with its line. Imports yaml and zod:
 * load this module dynamically from commands.
 *
 *   version: 1
 *   accountDefault: otp-guard        # a configuration's name; null for none; omit to leave as is
 *   configurations:
 *     otp-guard:
 *       deletionProtection: true
 *       tags: { team: identity }     # besides Name
 *       configurationSets: [otp]
 *       rules:                       # a channel left out means every country ALLOW
 *         sms: { default: allow, block: [RU, NG], monitor: [IN] }
 *       overrides:
 *         - { number: "+12065550100", action: allow, expires: "2027-01-01T00:00:00Z" }
 */
import { isScalar, Document, type YAMLSeq, visit } from 'yaml';
import { readYamlDocument, schemaProblems } from '../yaml-document.js';
import { z } from 'zod';
import { CHANNELS, STATUSES, type Channel, type NumberOverride, type ProtectConfigurationSnapshot, type ProtectSnapshot, type ProtectStatus } from './types.js';
import { crossListProblems, validateCountryCodes, type CountryCatalog } from './countries.js';
import { exceptionsByStatus, summarizeRuleSet } from './rules.js';
import type { InputProblem } from './problems.js';
import { maskPhoneNumbersIn } from '../mask.js';

export const DOCUMENT_VERSION = 1;

const status = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(STATUSES, { message: 'must be one of allow, block, monitor, filter' }));
const countryList = z.array(z.string({ message: 'must be a two-letter country code' }), { message: 'must be a list of country codes, e.g. [RU, NG]' });

const channelSchema = z.strictObject({
  default: status.optional(),
  allow: countryList.optional(),
  block: countryList.optional(),
  monitor: countryList.optional(),
  filter: countryList.optional(),
});

const overrideSchema = z.strictObject({
  number: z.string({ message: 'must be a quoted E.164 number, e.g. "+12065550100" (YAML reads +1206... unquoted as a number)' }),
  action: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(['ALLOW', 'BLOCK'], { message: 'must be allow or block' })),
  expires: z.union([z.string(), z.date()], { message: 'must be an ISO date or time, e.g. 2027-01-01T00:00:00Z' }).nullable().optional(),
});

const tagValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

const configurationSchema = z.strictObject({
  id: z.string().optional(),
  deletionProtection: z.boolean({ message: 'must be true or false' }).optional(),
  tags: z.record(z.string(), tagValue, { message: 'must be a map of tag keys to values' }).optional(),
  configurationSets: z.array(z.string({ message: 'must be a configuration set name' }), { message: 'must be a list of configuration set names' }).optional(),
  rules: z
    .strictObject({ sms: channelSchema.optional(), mms: channelSchema.optional(), voice: channelSchema.optional(), rcs: channelSchema.optional() })
    .optional(),
  overrides: z.array(overrideSchema, { message: 'must be a list of overrides' }).optional(),
});

/** The Protect document without its version: also the `protect` section of a program document. */
export const protectSectionSchema = z.strictObject({
  accountDefault: z.string().nullable().optional(),
  configurations: z.record(z.string(), configurationSchema.nullable(), { message: 'must be a map of configuration names to their settings' }),
});

const documentSchema = protectSectionSchema.extend({
  version: z.literal(DOCUMENT_VERSION, { message: `must be ${DOCUMENT_VERSION} (this eum reads version ${DOCUMENT_VERSION} documents)` }),
});

/** One channel as the document wants it. */
export interface DesiredChannel {
  default: ProtectStatus;
  exceptions: Partial<Record<ProtectStatus, string[]>>;
}

export interface DesiredConfiguration {
  name: string;
  /** Set when the configuration has no Name tag and the document names it by ID. */
  id?: string;
  deletionProtection: boolean;
  /** Tags besides Name. */
  tags: Record<string, string>;
  configurationSets: string[];
  rules: Record<Channel, DesiredChannel>;
  overrides: NumberOverride[];
  /**
   * Overrides whose expiry has passed: the service has dropped them, so they are reported as
   * expired, never planned (a Put with a past expiry fails).
   */
  expiredOverrides: NumberOverride[];
  line: number;
}

export interface DesiredState {
  /** undefined: not managed; null: no account default. */
  accountDefault?: string | null;
  configurations: DesiredConfiguration[];
}

/** A document that failed to parse or validate; each problem names its line. */
export class DocumentError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }
}

export interface ParseOptions {
  catalog: CountryCatalog;
  /** For "expiry in the past". */
  nowMs: number;
  /** File name for messages. */
  file?: string;
  /** Checks a phone number; returns a problem message or undefined. */
  phoneProblem(number: string): string | undefined;
}

/** Parses and validates a document; throws DocumentError listing every problem. */
export function parseProtectDocument(text: string, options: ParseOptions): DesiredState {
  const file = options.file ?? 'document';
  const doc = readYamlDocument(text, { file, notAMap: 'a Protect document is a map with version: 1 and configurations: (see eum protect export)' });
  if ('problems' in doc) throw new DocumentError(doc.problems);
  const parsed = documentSchema.safeParse(doc.raw);
  if (!parsed.success) throw new DocumentError(schemaProblems(parsed.error.issues, doc, 'eum protect export'));
  return checkProtectSection(parsed.data, { ...options, file, lineOf: doc.lineOf });
}

/** Where a check reports: `where(path)` is `file:line` of a path of the section. */
interface Reporter {
  where(path: PropertyKey[]): string;
  problems: InputProblem[];
  options: ParseOptions;
}

type ConfigurationEntry = NonNullable<z.infer<typeof protectSectionSchema>['configurations'][string]>;

/**
 * The checks after the shape: countries, numbers, expiries, associations. `lineOf` gives the line of a path in
 * the document; `base` is the section's path in it (a program document's `regions.R.protect`).
 */
export function checkProtectSection(
  data: z.infer<typeof protectSectionSchema>,
  options: ParseOptions & { file: string; lineOf(path: PropertyKey[]): number; base?: PropertyKey[] },
): DesiredState {
  const prefix = options.base ?? [];
  const nodeLine = (path: PropertyKey[]) => options.lineOf([...prefix, ...path]);
  const r: Reporter = { where: (path) => `${options.file}:${nodeLine(path)}`, problems: [], options };
  const configurations: DesiredConfiguration[] = [];
  const setOwner = new Map<string, string>();
  for (const [name, cfgOrNull] of Object.entries(data.configurations)) {
    const cfg = cfgOrNull ?? {};
    const base = ['configurations', name];
    if (name.length > 256 || name.trim() === '') r.problems.push({ field: r.where(base), message: `configuration name "${name}" must be 1 to 256 characters` });
    const rules = {} as Record<Channel, DesiredChannel>;
    for (const channel of CHANNELS) rules[channel] = checkChannel(r, name, channel, cfg.rules?.[channel]);
    const { overrides, expiredOverrides } = checkOverrides(r, name, cfg.overrides ?? []);
    for (const set of cfg.configurationSets ?? []) {
      const owner = setOwner.get(set);
      if (owner !== undefined)
        r.problems.push({
          field: r.where([...base, 'configurationSets']),
          message: `configuration set ${set} is associated with both ${owner} and ${name}; a configuration set has one Protect configuration`,
        });
      setOwner.set(set, name);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(set))
        r.problems.push({
          field: r.where([...base, 'configurationSets']),
          message: `"${set}" is not a configuration set name (letters, digits, _ and -, at most 64)`,
        });
    }
    const tags = { ...(cfg.tags ?? {}) };
    if ('Name' in tags)
      r.problems.push({
        field: r.where([...base, 'tags']),
        message: `${name}.tags: leave out Name; the configuration's key in the document is its Name tag`,
      });
    configurations.push({
      name,
      id: cfg.id,
      deletionProtection: cfg.deletionProtection ?? false,
      tags,
      configurationSets: [...(cfg.configurationSets ?? [])],
      rules,
      overrides,
      expiredOverrides,
      line: nodeLine(base),
    });
  }
  if (typeof data.accountDefault === 'string' && !(data.accountDefault in data.configurations)) {
    r.problems.push({
      field: r.where(['accountDefault']),
      message: `accountDefault names "${data.accountDefault}", which is not a configuration in this document`,
    });
  }
  if (r.problems.length) throw new DocumentError(r.problems);
  return { accountDefault: data.accountDefault, configurations };
}

/** One channel's rules: each status's countries known and listed once, no country in two lists. */
function checkChannel(r: Reporter, name: string, channel: Channel, ch: NonNullable<ConfigurationEntry['rules']>[Channel]): DesiredChannel {
  const path = ['configurations', name, 'rules', channel];
  const lists: Array<[string, string[]]> = [];
  const exceptions: Partial<Record<ProtectStatus, string[]>> = {};
  for (const s of STATUSES) {
    const key = s.toLowerCase() as 'allow' | 'block' | 'monitor' | 'filter';
    const codes = ch?.[key];
    if (!codes) continue;
    const chProblems: InputProblem[] = [];
    const valid = validateCountryCodes(codes, r.where([...path, key]), r.options.catalog, chProblems);
    r.problems.push(...chProblems.map((p) => ({ field: p.field, message: `${name}.rules.${channel}.${key}: ${p.message}` })));
    exceptions[s] = valid;
    lists.push([key, valid]);
  }
  const cross: InputProblem[] = [];
  crossListProblems(lists, cross, r.where(path));
  r.problems.push(...cross.map((p) => ({ field: p.field, message: `${name}.rules.${channel}: ${p.message}` })));
  return { default: ch?.default ?? 'ALLOW', exceptions };
}

/**
 * A configuration's overrides: numbers valid and listed once, expiries dates. An override past its
 * expiry is set apart, not an error: an exported document ages.
 */
function checkOverrides(
  r: Reporter,
  name: string,
  entries: NonNullable<ConfigurationEntry['overrides']>,
): { overrides: NumberOverride[]; expiredOverrides: NumberOverride[] } {
  const overrides: NumberOverride[] = [];
  const expiredOverrides: NumberOverride[] = [];
  const numbers = new Set<string>();
  entries.forEach((o, i) => {
    const oLine = r.where(['configurations', name, 'overrides', i]);
    const phone = r.options.phoneProblem(o.number);
    if (phone) r.problems.push({ field: oLine, message: `${name}.overrides[${i}].number: ${phone}` });
    if (numbers.has(o.number)) r.problems.push({ field: oLine, message: `${name}.overrides: ${maskPhoneNumbersIn(o.number)} is listed twice` });
    numbers.add(o.number);
    let expires: string | undefined;
    let expired = false;
    if (o.expires !== undefined && o.expires !== null) {
      const t = o.expires instanceof Date ? o.expires.getTime() : Date.parse(o.expires);
      if (Number.isNaN(t))
        r.problems.push({
          field: oLine,
          message: `${name}.overrides[${i}].expires: "${String(o.expires)}" is not a date or time (use ISO 8601, e.g. 2027-01-01T00:00:00Z)`,
        });
      else {
        expires = new Date(Math.floor(t / 1000) * 1000).toISOString();
        expired = t <= r.options.nowMs;
      }
    }
    (expired ? expiredOverrides : overrides).push({ number: o.number, action: o.action, expires });
  });
  return { overrides, expiredOverrides };
}

/** The key a configuration goes under in a document: its Name tag, else its ID. */
export function documentName(c: ProtectConfigurationSnapshot): string {
  return c.name ?? c.id;
}

/**
 * Names (Name tags) more than one configuration has. A document keys configurations by name, so
 * such an account cannot be exported: one entry would silently stand for two configurations.
 */
export function duplicateNames(configurations: ProtectConfigurationSnapshot[]): Array<{ name: string; ids: string[] }> {
  const byName = new Map<string, string[]>();
  for (const c of configurations) if (c.name) byName.set(c.name, [...(byName.get(c.name) ?? []), c.id]);
  return [...byName].filter(([, ids]) => ids.length > 1).map(([name, ids]) => ({ name, ids }));
}

/** Writes a document for the given configurations (all of them by default). */
export function renderProtectDocument(snapshot: ProtectSnapshot, options: { ids?: string[]; generatedAt?: string } = {}): string {
  const chosen = options.ids ? snapshot.configurations.filter((c) => options.ids!.includes(c.id)) : snapshot.configurations;
  const configurations: Record<string, unknown> = {};
  for (const c of [...chosen].sort((a, b) => documentName(a).localeCompare(documentName(b)))) {
    const rules: Record<string, unknown> = {};
    for (const channel of CHANNELS) {
      const set = c.rules[channel];
      const { majority } = summarizeRuleSet(set);
      const ex = exceptionsByStatus(set, majority);
      const entry: Record<string, unknown> = { default: majority.toLowerCase() };
      for (const s of STATUSES) if (ex[s]?.length) entry[s.toLowerCase()] = ex[s];
      rules[channel] = entry;
    }
    const tags = Object.fromEntries(
      Object.entries(c.tags)
        .filter(([k]) => k !== 'Name' && !k.startsWith('aws:'))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const entry: Record<string, unknown> = {};
    if (!c.name) entry.id = c.id;
    entry.deletionProtection = c.deletionProtection;
    if (Object.keys(tags).length) entry.tags = tags;
    entry.configurationSets = [...c.configurationSets].sort();
    entry.rules = rules;
    entry.overrides = [...c.overrides]
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((o) =>
        o.expires ? { number: o.number, action: o.action.toLowerCase(), expires: o.expires } : { number: o.number, action: o.action.toLowerCase() },
      );
    configurations[documentName(c)] = entry;
  }
  const defaultCfg = snapshot.configurations.find((c) => c.id === snapshot.accountDefaultId);
  const body: Record<string, unknown> = { version: DOCUMENT_VERSION };
  // Only a complete export manages the account default; a partial one would unset it.
  if (!options.ids) body.accountDefault = defaultCfg ? documentName(defaultCfg) : null;
  else if (defaultCfg && chosen.includes(defaultCfg)) body.accountDefault = documentName(defaultCfg);
  body.configurations = configurations;
  const doc = new Document(body);
  // Country lists and configuration sets on one line each: easy to review in a diff.
  visit(doc, {
    Seq(_key, node: YAMLSeq) {
      if (node.items.every((i) => isScalar(i) && typeof i.value === 'string' && !String(i.value).startsWith('+'))) node.flow = true;
    },
    Map(_key, node) {
      const keys = node.items.map((p) => (isScalar(p.key) ? p.key.value : undefined));
      if (keys.includes('number') || keys.includes('default')) node.flow = true;
    },
  });
  const header = `# eum Protect document${options.generatedAt ? `, exported ${options.generatedAt}` : ''}.\n# Apply with: eum protect apply -f <this file> --plan (then without --plan)\n`;
  return header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
