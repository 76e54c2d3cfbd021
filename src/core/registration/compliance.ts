/**
 * The compliance check: rules drawn from the carriers' published requirements (CTIA messaging
 * principles, TCR 10DLC campaign rules, the toll-free verification checklist), each with an id,
 * the reason a reviewer cares, and the fix. Warnings by default; errors with --strict.
 *
 * Rules find the fields they read by role (a message sample, the HELP response...), recognised
 * from the field path's last segment, so they apply to every form that has such a field.
 */
import { hasValue, type Answers, type RegistrationForm, type FieldDefinition } from './definitions.js';
import type { Finding } from './validate.js';
import { maskPhoneNumbersIn } from '../mask.js';

export interface ComplianceRule {
  id: string;
  /** Why reviewers reject it. */
  reason: string;
  /** What to do. */
  fix: string;
  /** Always a warning, even with --strict (advice rather than a rejection cause). */
  advisory?: boolean;
  /** A US carrier requirement (CTIA, TCR): checked only on forms for US numbers. */
  usOnly?: boolean;
}

/** Every rule, by id. Documented in the README's lint section. */
export const COMPLIANCE_RULES: Record<string, ComplianceRule> = {
  'sample.length': {
    id: 'sample.length',
    reason: 'samples under 20 characters do not show reviewers a real message',
    fix: 'write the full message as subscribers will receive it (20 characters or more)',
  },
  'sample.brand': {
    id: 'sample.brand',
    reason: 'carriers require every message to identify the sender',
    fix: 'start the sample with your brand or company name, e.g. "ExampleCorp: ..."',
  },
  'sample.variables': {
    id: 'sample.variables',
    reason: 'reviewers must see which parts of a sample change',
    fix: 'write variable parts in brackets, e.g. [first name] or {code}',
  },
  'sample.shortener': {
    id: 'sample.shortener',
    reason: 'carriers filter public link shorteners (bit.ly, tinyurl.com...) as spam',
    fix: 'use a full link on your own domain, or a branded short domain you own',
  },
  'sample.segments': {
    id: 'sample.segments',
    reason: 'a message longer than one SMS part is billed and delivered as several',
    fix: 'shorten the message, or accept the cost of several parts',
    advisory: true,
  },
  'optin.brand': {
    id: 'optin.brand',
    reason: 'the opt-in must name the program or brand the subscriber agrees to',
    fix: 'name your brand or program in the opt-in description',
  },
  'optin.frequency': {
    id: 'optin.frequency',
    reason: 'subscribers must be told how often messages come',
    fix: 'state the frequency, e.g. "Message frequency varies" or "up to 4 msgs/month"',
  },
  'optin.rates': {
    id: 'optin.rates',
    reason: 'the opt-in disclosure must say "Message and data rates may apply"',
    fix: 'add "Message and data rates may apply" to the opt-in description',
    usOnly: true,
  },
  'optin.help': { id: 'optin.help', reason: 'subscribers must be told how to get help', fix: 'add "Reply HELP for help"', usOnly: true },
  'optin.stop': { id: 'optin.stop', reason: 'subscribers must be told how to opt out', fix: 'add "Reply STOP to opt out"', usOnly: true },
  'optin.links': {
    id: 'optin.links',
    reason: 'the opt-in must link to the terms and the privacy policy',
    fix: 'link your terms and privacy pages (https) in the opt-in description',
    usOnly: true,
  },
  'help.length': { id: 'help.length', reason: 'the HELP response must fit one message and say something useful', fix: 'write 20 to 160 characters' },
  'help.brand': { id: 'help.brand', reason: 'the HELP response must identify the sender', fix: 'start it with your brand name' },
  'help.contact': { id: 'help.contact', reason: 'the HELP response must give a support contact', fix: 'add a support email, phone number or web address' },
  'stop.length': { id: 'stop.length', reason: 'the STOP response must fit one message', fix: 'write 20 to 160 characters' },
  'stop.brand': { id: 'stop.brand', reason: 'the STOP response must identify the sender', fix: 'start it with your brand name' },
  'stop.confirmation': {
    id: 'stop.confirmation',
    reason: 'the STOP response must confirm that no more messages will be sent',
    fix: 'say e.g. "You are unsubscribed and will receive no more messages"',
    usOnly: true,
  },
  'confirmation.length': { id: 'confirmation.length', reason: 'the opt-in confirmation must fit one message', fix: 'write 20 to 160 characters' },
  'confirmation.brand': { id: 'confirmation.brand', reason: 'the opt-in confirmation must identify the sender', fix: 'start it with your brand name' },
  'confirmation.rates': {
    id: 'confirmation.rates',
    reason: 'the opt-in confirmation must say "Msg & data rates may apply"',
    fix: 'add "Msg & data rates may apply"',
    usOnly: true,
  },
  'confirmation.optout': {
    id: 'confirmation.optout',
    reason: 'the opt-in confirmation must say how to opt out',
    fix: 'add "Reply STOP to opt out"',
    usOnly: true,
  },
  'email.domain': {
    id: 'email.domain',
    reason: 'reviewers check that the contact email belongs to the company (free mail and other domains are rejected)',
    fix: 'use an address on the same domain as the company website',
  },
  'link.https': { id: 'link.https', reason: 'website and policy links must be secure and public', fix: 'use an https:// link' },
  'link.shortener': {
    id: 'link.shortener',
    reason: 'public link shorteners hide the destination and are rejected',
    fix: 'give the full link on your own domain',
  },
  'policy.links': {
    id: 'policy.links',
    reason: 'reviewers require a terms page and a privacy policy',
    fix: 'give both the terms and the privacy policy URLs',
    usOnly: true,
  },
  'campaign.description': {
    id: 'campaign.description',
    reason: 'TCR rejects campaign descriptions that do not explain who sends what to whom',
    fix: 'describe the campaign in at least 40 characters',
  },
  'campaign.sub-use-cases': {
    id: 'campaign.sub-use-cases',
    reason: 'sub use cases belong only to MIXED and LOW_VOLUME campaigns, which must list them',
    fix: 'list sub use cases for MIXED or LOW_VOLUME only',
  },
  'campaign.public-profit': {
    id: 'campaign.public-profit',
    reason: 'a publicly traded brand is verified by its stock listing and a verification email',
    fix: 'give the stock symbol, the exchange and the brand verification email',
  },
  'campaign.embedded-link': {
    id: 'campaign.embedded-link',
    reason: 'the "embedded link" answer must match the samples (TCR checks both)',
    fix: 'answer Yes when samples contain links (and give a link sample), No otherwise',
  },
  'format.ein': {
    id: 'format.ein',
    reason: 'a US tax id (EIN) is nine digits, and reviewers match it against the IRS record',
    fix: 'write the EIN as 12-3456789 (nine digits)',
  },
  'format.country': {
    id: 'format.country',
    reason: 'country fields take an ISO 3166 two-letter code',
    fix: 'use a two-letter code such as US, GB or DE (UK is GB)',
  },
  'format.phone': {
    id: 'format.phone',
    reason: 'reviewers call or text the support number, which must be a complete international number',
    fix: 'write it in E.164: + then the country code and number, e.g. +12065550100',
  },
  'sender-id.format': {
    id: 'sender-id.format',
    reason: 'alphanumeric sender IDs are 3 to 11 letters and digits with at least one letter',
    fix: 'use 3 to 11 characters (A-Z, a-z, 0-9), at least one a letter',
  },
};

export const SHORTENERS = [
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'tiny.cc',
  'rb.gy',
  't.ly',
  'bl.ink',
  'lnkd.in',
  'trib.al',
  'tr.im',
  'v.gd',
  'soo.gd',
  's.id',
  'shorte.st',
  'adf.ly',
  'x.co',
  'qr.net',
];

const URL_RE =
  /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|us|gov|edu|ly|gl|me|info|biz|app|at|gd|cc|id|in|al|im|st|uk)(?:\/[^\s<>"')\]]*)?/gi;

/** Links found in text. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

function hostOf(link: string): string {
  const withScheme = /^https?:\/\//i.test(link) ? link : `http://${link}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return link.toLowerCase();
  }
}

export function isShortener(link: string): boolean {
  const host = hostOf(link).replace(/^www\./, '');
  return SHORTENERS.some((s) => host === s || host.endsWith(`.${s}`));
}

/** The last two labels of a host name: "mail.example.com" -> "example.com". */
function siteOf(host: string): string {
  return host
    .replace(/^www\./, '')
    .split('.')
    .slice(-2)
    .join('.');
}

const GSM7 = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXT = '^{}\\[~]|€\f';

/** How many SMS parts a text needs (GSM-7: 160, then 153 a part; otherwise UCS-2: 70, then 67). */
export function smsParts(text: string): { encoding: 'GSM-7' | 'UCS-2'; parts: number; units: number } {
  let units = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM7.includes(ch)) units += 1;
    else if (GSM7_EXT.includes(ch)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units, parts: units <= 160 ? 1 : Math.ceil(units / 153) };
  const u = text.length;
  return { encoding: 'UCS-2', units: u, parts: u <= 70 ? 1 : Math.ceil(u / 67) };
}

/** Variable-looking parts that are not in brackets: $name, ${x}, %s, <name>, XXXX, ####. */
const UNBRACKETED_VARIABLE = /\$\{?[A-Za-z_]\w*\}?|%[sd]\b|<[A-Za-z_][\w ]*>|\bX{4,}\b|#{3,}/;

type Role =
  | 'sample'
  | 'optin'
  | 'help'
  | 'stop'
  | 'confirmation'
  | 'website'
  | 'email'
  | 'brand'
  | 'privacy'
  | 'terms'
  | 'privacyFile'
  | 'termsFile'
  | 'campaignDescription'
  | 'useCase'
  | 'subUseCases'
  | 'stockSymbol'
  | 'stockExchange'
  | 'verificationEmail'
  | 'embeddedLink'
  | 'embeddedLinkSample'
  | 'senderId'
  | 'taxId'
  | 'taxIdAuthority'
  | 'taxCountry'
  | 'country'
  | 'phone';

const ROLE_PATTERNS: Array<[Role, RegExp, FieldDefinition['FieldType']?]> = [
  ['sample', /^messageSample\d*$/i, 'TEXT'],
  ['optin', /^optIn(Description|Workflow)$/i, 'TEXT'],
  ['help', /^help(Message|Response)$/i, 'TEXT'],
  ['stop', /^stop(Message|Response)$/i, 'TEXT'],
  ['confirmation', /^optIn(Message|Confirmation(Message)?)$/i, 'TEXT'],
  ['website', /^(website|companyWebsite)$/i, 'TEXT'],
  ['email', /^(supportEmail|emailAddress|contactEmail)$/i, 'TEXT'],
  ['brand', /^(companyName|dbaName|brandName)$/i, 'TEXT'],
  ['privacy', /^privacyPolicy(Url|Link)$/i, 'TEXT'],
  ['terms', /^termsAndConditions(Url|Link)$/i, 'TEXT'],
  ['privacyFile', /^privacyPolicyFile$/i, 'ATTACHMENT'],
  ['termsFile', /^termsAndConditionsFile$/i, 'ATTACHMENT'],
  ['campaignDescription', /^campaign(Name|Description)$/i, 'TEXT'],
  ['useCase', /^useCase$/i, 'SELECT'],
  ['subUseCases', /^subUseCases?$/i, 'SELECT'],
  ['stockSymbol', /^stockSymbol$/i],
  ['stockExchange', /^stockExchange$/i],
  ['verificationEmail', /^businessContactEmail$/i],
  ['embeddedLink', /^embeddedLink$/i, 'SELECT'],
  ['embeddedLinkSample', /^embeddedLinkSample$/i, 'TEXT'],
  ['senderId', /^senderId$/i, 'TEXT'],
  ['taxId', /^(taxId|ein)$/i, 'TEXT'],
  ['taxIdAuthority', /^taxIdAuthority$/i, 'SELECT'],
  ['taxCountry', /^taxId(Issuing)?Country$/i, 'TEXT'],
  ['country', /^isoCountryCode$/i, 'TEXT'],
  ['phone', /phoneNumber$/i, 'TEXT'],
];

function roleOf(f: FieldDefinition): Role | undefined {
  const last = f.FieldPath.split('.').pop() ?? '';
  for (const [role, re, type] of ROLE_PATTERNS) if (re.test(last) && (!type || type === f.FieldType)) return role;
  return undefined;
}

/** What the compliance check knows besides the form and its answers. */
export interface ComplianceOptions {
  /**
   * Brand names from outside the form: a 10DLC campaign's form has no brand field, so the brand
   * comes from its associated brand registration or `--brand NAME`.
   */
  brands?: string[];
  /** The country the form is for; by default from its associations or its type's prefix. */
  country?: string;
  /** Every ISO 3166-1 alpha-2 code; without it, country fields are checked for shape only. */
  isoCountryCodes?: ReadonlySet<string>;
  /** A phone number check (E.164 and possible); without it, the E.164 shape only. */
  phoneProblem?: (value: string) => string | undefined;
}

/** The country a form is for: its supported associations' country, else its type's prefix (US_...). */
export function formCountry(form: Pick<RegistrationForm, 'registrationType' | 'typeDefinition'>): string | undefined {
  const fromAssociations = form.typeDefinition?.SupportedAssociations?.find((a) => a.IsoCountryCode)?.IsoCountryCode;
  if (fromAssociations) return fromAssociations.toUpperCase();
  return /^([A-Z]{2})_/.exec(form.registrationType)?.[1];
}

/** Lower case, letters and digits only: "Example Corp." and "ExampleCorp:" compare alike. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const LEGAL_SUFFIX = /(?:,\s*|\s+)(inc|llc|ltd|corp|corporation|co|company|gmbh|plc|limited|l\.?l\.?c|s\.?a|ag|bv|pty)\.?$/i;

/**
 * The ways a text may name a brand: the full name without its legal suffix, written with or
 * without spaces ("Example Corp" -> "ExampleCorp"), its first word ("Acme Widgets" -> "Acme"),
 * and its initials for names of three words or more ("International Business Machines" -> "IBM").
 */
export function brandKeys(name: string): string[] {
  let base = name.trim();
  for (let i = 0; i < 3 && LEGAL_SUFFIX.test(base); i++) base = base.replace(LEGAL_SUFFIX, '').trim();
  const keys = new Set<string>();
  if (squash(base).length >= 2) keys.add(squash(base));
  if (squash(name).length >= 2) keys.add(squash(name));
  const words = base.split(/[\s,.&/-]+/).filter((w) => squash(w).length > 0);
  const significant = words.filter((w) => !/^(of|the|and|for|a|an)$/i.test(w));
  if (significant.length > 1 && squash(significant[0]).length >= 3) keys.add(squash(significant[0]));
  if (significant.length >= 3) keys.add(significant.map((w) => squash(w)[0]).join(''));
  return [...keys];
}

/** Whether a text names one of the brands (by any of its keys). */
export function namesBrand(text: string, brands: string[]): boolean {
  const t = squash(text);
  return brands.some((b) => brandKeys(b).some((k) => t.includes(k)));
}

/** A rule that could not run, and why (said by lint, create and submit). */
export interface RuleNotRun {
  rule: string;
  reason: string;
}

/** The brand names in a set of answers, by field path (a brand registration's company and DBA names). */
export function brandNamesIn(answers: Answers): string[] {
  const out: string[] = [];
  for (const [fieldPath, v] of answers) {
    const last = fieldPath.split('.').pop() ?? '';
    if (/^(companyName|dbaName|brandName)$/i.test(last) && v.text?.trim()) out.push(v.text.trim());
  }
  return out;
}

/** The brand names the form's own fields give. */
function brandsInForm(form: RegistrationForm, answers: Answers): string[] {
  return form.fields
    .filter((f) => roleOf(f) === 'brand')
    .map((f) => answers.get(f.FieldPath)?.text?.trim() ?? '')
    .filter((b) => b.length > 0);
}

/**
 * The rules that could not run on these answers. Today: the brand rules, when neither the form
 * nor the options give a brand name (a 10DLC campaign without --brand or its brand registration).
 */
export function rulesNotRun(form: RegistrationForm, answers: Answers, options: ComplianceOptions = {}): RuleNotRun[] {
  const brands = [...brandsInForm(form, answers), ...(options.brands ?? [])];
  if (brands.length) return [];
  const byRole = (role: Role) => form.fields.some((f) => roleOf(f) === role && hasValue(answers.get(f.FieldPath)));
  const out: RuleNotRun[] = [];
  const reason = 'no brand name: the form has none; pass --brand NAME, or associate the brand registration (--associate)';
  for (const [role, rule] of [
    ['sample', 'sample.brand'],
    ['optin', 'optin.brand'],
    ['help', 'help.brand'],
    ['stop', 'stop.brand'],
    ['confirmation', 'confirmation.brand'],
  ] as Array<[Role, string]>) {
    if (byRole(role)) out.push({ rule, reason });
  }
  return out;
}

/** What every group of compliance rules works from: the answers by role, and where findings go. */
interface Check {
  form: RegistrationForm;
  answers: Answers;
  options: ComplianceOptions;
  /** The form's fields by role. */
  fields: Map<Role, FieldDefinition[]>;
  textOf(f: FieldDefinition): string;
  /** The fields of a role that have a value. */
  given(role: Role): FieldDefinition[];
  add(fieldPath: string, ruleId: string, detail: string): void;
  /** The brand names (the form's and the options'); empty: the brand rules cannot run. */
  brands: string[];
  mentionsBrand(text: string): boolean;
  lengthRule(f: FieldDefinition, id: string, min: number, max: number): void;
  country?: string;
}

/** Runs every compliance rule over the answers. Findings carry the rule id, message and fix. */
export function checkCompliance(form: RegistrationForm, answers: Answers, options: ComplianceOptions = {}): Array<Finding & { advisory?: boolean }> {
  const out: Array<Finding & { advisory?: boolean }> = [];
  const fields = new Map<Role, FieldDefinition[]>();
  for (const f of form.fields) {
    const r = roleOf(f);
    if (r) fields.set(r, [...(fields.get(r) ?? []), f]);
  }
  const textOf = (f: FieldDefinition) => answers.get(f.FieldPath)?.text?.trim() ?? '';
  const country = options.country ?? formCountry(form);
  const brands = [...brandsInForm(form, answers), ...(options.brands ?? []).map((b) => b.trim()).filter(Boolean)];
  const check: Check = {
    form,
    answers,
    options,
    fields,
    textOf,
    given: (role) => (fields.get(role) ?? []).filter((f) => hasValue(answers.get(f.FieldPath))),
    add: (fieldPath, ruleId, detail) => {
      const rule = COMPLIANCE_RULES[ruleId];
      // CTIA and TCR wording (rates, HELP/STOP, terms and privacy links) is asked of US programs only.
      if (rule.usOnly && country !== 'US') return;
      out.push({ fieldPath, rule: ruleId, message: `${detail}: ${rule.reason}`, fix: rule.fix, advisory: rule.advisory });
    },
    brands,
    // Without a brand name the brand rules cannot run: rulesNotRun says so.
    mentionsBrand: (text) => brands.length === 0 || namesBrand(text, brands),
    lengthRule: (f, id, min, max) => {
      const t = textOf(f);
      if (t.length < min || t.length > max) check.add(f.FieldPath, id, `is ${t.length} characters (${min} to ${max} expected)`);
    },
    country,
  };
  checkSamples(check);
  checkOptIn(check);
  checkReplies(check);
  checkLinks(check);
  checkCampaign(check);
  checkFormats(check);
  return out;
}

/** Message samples: length, brand, variables, shorteners, parts. */
function checkSamples(c: Check): void {
  const { textOf, given, add, brands, mentionsBrand } = c;
  for (const f of given('sample')) {
    const t = textOf(f);
    if (t.length < 20) add(f.FieldPath, 'sample.length', `is ${t.length} characters`);
    if (!mentionsBrand(t)) add(f.FieldPath, 'sample.brand', `does not name ${brands.map((b) => `"${b}"`).join(' or ')}`);
    const v = UNBRACKETED_VARIABLE.exec(t);
    if (v) add(f.FieldPath, 'sample.variables', `"${v[0]}" looks like a variable outside brackets`);
    const short = linksIn(t).filter(isShortener);
    if (short.length) add(f.FieldPath, 'sample.shortener', `links through ${short.join(', ')}`);
    const p = smsParts(t);
    if (p.parts > 1) add(f.FieldPath, 'sample.segments', `needs ${p.parts} SMS parts (${p.units} ${p.encoding} characters)`);
  }
}

/** The opt-in description: brand, frequency, rates, HELP, STOP, terms and privacy links. */
function checkOptIn(c: Check): void {
  const { textOf, given, add, brands, mentionsBrand } = c;
  for (const f of given('optin')) {
    const t = textOf(f);
    if (brands.length > 0 && !mentionsBrand(t)) add(f.FieldPath, 'optin.brand', `does not name ${brands.map((b) => `"${b}"`).join(' or ')}`);
    if (
      !/frequen|\bfreq\b|recurring|\b\d+\s*(msgs?|messages?)\s*(\/|per|a|each)\s*(day|week|month|year)|(per|a|each)\s+(day|week|month)\b|one[- ]time/i.test(t)
    )
      add(f.FieldPath, 'optin.frequency', 'does not state the message frequency');
    if (!/(msg|message)s?\s*(&|and)\s*data\s*rates\s*may\s*apply/i.test(t)) add(f.FieldPath, 'optin.rates', 'does not say "Message and data rates may apply"');
    if (!/\bHELP\b/.test(t)) add(f.FieldPath, 'optin.help', 'does not mention HELP');
    if (!/\bSTOP\b/.test(t)) add(f.FieldPath, 'optin.stop', 'does not mention STOP');
    if (!(/terms/i.test(t) && /privacy/i.test(t) && linksIn(t).length > 0)) add(f.FieldPath, 'optin.links', 'does not link the terms and privacy pages');
  }
}

/** The HELP, STOP and opt-in confirmation replies. */
function checkReplies(c: Check): void {
  const { textOf, given, add, brands, mentionsBrand, lengthRule } = c;
  for (const f of given('help')) {
    const t = textOf(f);
    lengthRule(f, 'help.length', 20, 160);
    if (!mentionsBrand(t)) add(f.FieldPath, 'help.brand', `does not name ${brands.map((b) => `"${b}"`).join(' or ')}`);
    if (!/@|\+?\d[\d\s().-]{6,}\d|https?:\/\/|www\./i.test(t)) add(f.FieldPath, 'help.contact', 'gives no support email, phone number or web address');
  }
  for (const f of given('stop')) {
    const t = textOf(f);
    lengthRule(f, 'stop.length', 20, 160);
    if (!mentionsBrand(t)) add(f.FieldPath, 'stop.brand', `does not name ${brands.map((b) => `"${b}"`).join(' or ')}`);
    if (!/no (more|further|other) (messages|msgs|texts)|unsubscribed|opted out|will not (receive|get)|won't (receive|get)/i.test(t))
      add(f.FieldPath, 'stop.confirmation', 'does not confirm that no more messages will be sent');
  }
  for (const f of given('confirmation')) {
    const t = textOf(f);
    lengthRule(f, 'confirmation.length', 20, 160);
    if (!mentionsBrand(t)) add(f.FieldPath, 'confirmation.brand', `does not name ${brands.map((b) => `"${b}"`).join(' or ')}`);
    if (!/(msg|message)s?\s*(&|and)\s*data\s*rates\s*may\s*apply/i.test(t)) add(f.FieldPath, 'confirmation.rates', 'does not say "Msg & data rates may apply"');
    if (!/\bSTOP\b/.test(t)) add(f.FieldPath, 'confirmation.optout', 'does not say how to opt out (STOP)');
  }
}

/** Websites, email domains, https links, shorteners, privacy and terms pages. */
function checkLinks(c: Check): void {
  const { fields, textOf, given, add } = c;
  const websites = given('website');
  const site = websites.length ? siteOf(hostOf(textOf(websites[0]))) : undefined;
  if (site) {
    for (const f of given('email')) {
      const domain = textOf(f).split('@')[1]?.toLowerCase();
      if (domain && siteOf(domain) !== site) add(f.FieldPath, 'email.domain', `is on ${domain}, the website on ${site}`);
    }
  }
  for (const f of [...websites, ...given('privacy'), ...given('terms'), ...given('embeddedLinkSample')]) {
    const t = textOf(f);
    if (f !== undefined && !given('embeddedLinkSample').includes(f) && !/^https:\/\//i.test(t))
      add(f.FieldPath, 'link.https', `"${t}" is not an https:// link`);
    if (linksIn(t).some(isShortener) || isShortener(t)) add(f.FieldPath, 'link.shortener', `"${t}" is a link shortener`);
  }
  const policyPairs: Array<[Role, Role, string]> = [
    ['privacy', 'privacyFile', 'privacy policy'],
    ['terms', 'termsFile', 'terms and conditions'],
  ];
  for (const [urlRole, fileRole, what] of policyPairs) {
    const urlFields = fields.get(urlRole) ?? [];
    if (urlFields.length && given(urlRole).length === 0 && given(fileRole).length === 0) add(urlFields[0].FieldPath, 'policy.links', `no ${what} given`);
  }
}

/** A campaign: description, sub-use cases, public-profit details, embedded links. */
function checkCampaign(c: Check): void {
  const { form, answers, fields, textOf, given, add } = c;
  for (const f of given('campaignDescription')) {
    const t = textOf(f);
    if (t.length < 40) add(f.FieldPath, 'campaign.description', `is ${t.length} characters`);
  }
  const useCase = given('useCase').flatMap((f) => answers.get(f.FieldPath)?.choices ?? []);
  const mixed = useCase.some((u) => u === 'MIXED' || u === 'LOW_VOLUME');
  const subField = (fields.get('subUseCases') ?? [])[0];
  if (subField && (fields.get('useCase') ?? []).length) {
    const subs = answers.get(subField.FieldPath)?.choices ?? [];
    if (subs.length && !mixed) add(subField.FieldPath, 'campaign.sub-use-cases', `given with use case ${useCase.join(',') || '(none)'}`);
    if (!subs.length && mixed) add(subField.FieldPath, 'campaign.sub-use-cases', `missing for use case ${useCase.join(',')}`);
  }
  const publicProfit = form.fields.some((f) => f.FieldType === 'SELECT' && (answers.get(f.FieldPath)?.choices ?? []).includes('PUBLIC_PROFIT'));
  if (publicProfit) {
    for (const role of ['stockSymbol', 'stockExchange', 'verificationEmail'] as Role[]) {
      for (const f of fields.get(role) ?? []) {
        const v = answers.get(f.FieldPath);
        if (!hasValue(v) || (v?.choices ?? []).includes('NONE')) add(f.FieldPath, 'campaign.public-profit', 'is missing for a PUBLIC_PROFIT company');
      }
    }
  }
  for (const f of given('embeddedLink')) {
    const yes = (answers.get(f.FieldPath)?.choices ?? [])[0] === 'Yes';
    const withLinks = given('sample')
      .map(textOf)
      .some((t) => linksIn(t).length > 0);
    if (yes && !withLinks) add(f.FieldPath, 'campaign.embedded-link', 'is Yes but no message sample contains a link');
    if (!yes && withLinks) add(f.FieldPath, 'campaign.embedded-link', 'is No but a message sample contains a link');
    const sample = (fields.get('embeddedLinkSample') ?? [])[0];
    if (yes && sample && !hasValue(answers.get(sample.FieldPath))) add(sample.FieldPath, 'campaign.embedded-link', 'is missing while embedded link is Yes');
  }
}

/** Formats reviewers check by hand: EIN, country codes, phone numbers, sender IDs. */
function checkFormats(c: Check): void {
  const { answers, options, textOf, given, add, country } = c;
  const authority = given('taxIdAuthority').flatMap((f) => answers.get(f.FieldPath)?.choices ?? []);
  const taxCountry = given('taxCountry').map((f) => textOf(f).toUpperCase());
  const usTaxId = authority.includes('EIN') || (authority.length === 0 && (taxCountry.includes('US') || (taxCountry.length === 0 && country === 'US')));
  if (usTaxId) {
    for (const f of given('taxId')) {
      const t = textOf(f);
      if (!/^\d{2}-?\d{7}$/.test(t)) add(f.FieldPath, 'format.ein', `"${t}" is not an EIN (nine digits, e.g. 12-3456789)`);
    }
  }
  for (const f of [...given('country'), ...given('taxCountry')]) {
    const t = textOf(f);
    const upper = t.toUpperCase();
    if (!/^[A-Za-z]{2}$/.test(t)) add(f.FieldPath, 'format.country', `"${t}" is not a two-letter country code`);
    else if (options.isoCountryCodes && !options.isoCountryCodes.has(upper))
      add(
        f.FieldPath,
        'format.country',
        `"${t}" is not an ISO 3166 country code${upper === 'UK' ? ' (the United Kingdom is GB)' : upper === 'EL' ? ' (Greece is GR)' : ''}`,
      );
  }
  for (const f of given('phone')) {
    const t = textOf(f);
    const problem = options.phoneProblem ? options.phoneProblem(t) : /^\+[1-9]\d{6,14}$/.test(t) ? undefined : `"${t}" is not an E.164 phone number`;
    // Findings are printed: the number is masked like every phone number eum prints.
    if (problem) add(f.FieldPath, 'format.phone', maskPhoneNumbersIn(problem));
  }

  for (const f of given('senderId')) {
    const t = textOf(f);
    if (!/^[A-Za-z0-9]{3,11}$/.test(t) || !/[A-Za-z]/.test(t)) add(f.FieldPath, 'sender-id.format', `"${t}" is not 3 to 11 letters and digits with a letter`);
  }
}

/** Splits findings into errors and warnings: compliance findings are errors with --strict only. */
export function classify(
  definitionFindings: Finding[],
  complianceFindings: Array<Finding & { advisory?: boolean }>,
  strict: boolean,
): { errors: Finding[]; warnings: Finding[] } {
  const errors = [...definitionFindings];
  const warnings: Finding[] = [];
  for (const { advisory, ...f } of complianceFindings) (strict && !advisory ? errors : warnings).push(f);
  return { errors, warnings };
}
