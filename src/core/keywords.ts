/**
 * Keyword rules, checked before any call (pure: no I/O). The facts are those of
 * `data/service-facts/numbers.json` ("keywords"; a test keeps the lists equal):
 *
 * - a keyword is 1 to 30 characters, no leading or trailing space, case-insensitive;
 *   its answer 1 to 1600 characters, not only white space (the API model);
 * - HELP and STOP exist on every number and pool: they cannot be deleted, and keep their action
 *   (HELP answers, STOP opts out);
 * - AWS's own opt-out keywords (ARRET, CANCEL, ..., UNSUBSCRIBE) opt the sender out wherever local
 *   rules require it, so they can only be given OPT_OUT;
 * - US toll-free: STOP is the only opt-out keyword and its answer is the carriers'.
 *
 * Carriers (CTIA) expect the HELP answer to name the brand and how to reach support, and to say how
 * to opt out; the STOP answer to name the brand and confirm that no more messages will be sent.
 */
import { analyzeBody } from './sms/encoding.js';

export const KEYWORD_MAX_CHARACTERS = 30;
export const KEYWORD_MESSAGE_MAX_CHARACTERS = 1600;

/** Keywords every number and pool has: not deletable, action fixed. */
export const REQUIRED_KEYWORDS = { HELP: 'AUTOMATIC_RESPONSE', STOP: 'OPT_OUT' } as const;

/** AWS's opt-out keywords (numbers.json `opt_out_keywords`; STOPALL is not among them). */
export const AWS_OPT_OUT_KEYWORDS = ['ARRET', 'CANCEL', 'END', 'OPT-OUT', 'OPTOUT', 'QUIT', 'REMOVE', 'STOP', 'TD', 'UNSUBSCRIBE'] as const;

/** Keywords that conventionally opt a recipient back in (US toll-free: START and UNSTOP). */
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

export type KeywordKind = 'help' | 'stop' | 'other';

/** The problem with a keyword as typed, or undefined. */
export function checkKeyword(raw: string): string | undefined {
  const chars = Array.from(raw).length;
  if (chars === 0) return 'is empty: give the word recipients text, e.g. HELP, STOP, INFO';
  if (chars > KEYWORD_MAX_CHARACTERS) return `has ${chars} characters; a keyword is at most ${KEYWORD_MAX_CHARACTERS}`;
  if (raw !== raw.trim()) return 'starts or ends with a space: remove it (keywords match the start of a reply)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\t\n\r\u0000-\u001f\u007f]/.test(raw)) return 'holds a tab, a line break or a control character: a keyword is one line of text';
  return undefined;
}

/** The problem with a keyword's answer, or undefined. */
export function checkKeywordMessage(message: string): string | undefined {
  if (message.trim() === '') return 'is empty: give the text recipients get back';
  const chars = Array.from(message).length;
  if (chars > KEYWORD_MESSAGE_MAX_CHARACTERS) return `has ${chars} characters; an answer is at most ${KEYWORD_MESSAGE_MAX_CHARACTERS}`;
  return undefined;
}

/** What a keyword does, for the content rules: HELP-like, STOP-like (any OPT_OUT), or other. */
export function keywordKind(keyword: string, action: string): KeywordKind {
  if (keyword.toUpperCase() === 'HELP') return 'help';
  if (keyword.toUpperCase() === 'STOP' || action === 'OPT_OUT') return 'stop';
  return 'other';
}

/** Problems with a keyword and action that no account may set (reserved keywords). */
export function reservedProblems(keyword: string, action: string, change: 'set' | 'delete'): string[] {
  const k = keyword.toUpperCase();
  const required = REQUIRED_KEYWORDS[k as keyof typeof REQUIRED_KEYWORDS];
  if (change === 'delete') {
    return required
      ? [`${k} is required on every number and pool and cannot be deleted; change its answer with: eum keyword set <identity> ${k} --message TEXT`]
      : [];
  }
  if (required && action !== required) return [`${k} always has the action ${required} (only its answer can change): use --action ${required}`];
  if ((AWS_OPT_OUT_KEYWORDS as readonly string[]).includes(k) && action !== 'OPT_OUT') {
    return [
      `${k} is one of AWS's opt-out keywords (${AWS_OPT_OUT_KEYWORDS.join(', ')}): a reply with it opts the sender out, so it can only have --action OPT_OUT`,
    ];
  }
  return [];
}

/** Problems specific to US toll-free numbers, where the carriers manage opt-outs. */
export function usTollFreeProblems(keyword: string, action: string): string[] {
  const k = keyword.toUpperCase();
  if (k === 'STOP') return ['on a US toll-free number the carriers answer STOP; its answer cannot be changed'];
  if (action === 'OPT_OUT')
    return ['STOP is the only opt-out keyword of a US toll-free number: use --action AUTOMATIC_RESPONSE or OPT_IN (e.g. START, UNSTOP)'];
  return [];
}

const PHONE = /(\+?\d[\d ().-]{5,18}\d)/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const URL = /\b(https?:\/\/\S+|www\.\S+|[a-z0-9-]+\.(com|net|org|io|co|us|info|biz|app|help)\b\S*)/i;
/** "Reply STOP", "Text STOP to ...", "Txt STOP", "send STOP": how to opt out. */
const OPT_OUT_INSTRUCTION = /\b(reply|text|txt|send|msg)\b[^.!?\n]{0,20}\b(STOP|END|CANCEL|UNSUBSCRIBE|QUIT|OPTOUT|ARRET)\b/i;
/** "no longer receive", "opted out", "unsubscribed", "will not receive", "no more messages". */
const STOP_CONFIRMATION =
  /(no longer receive|opted out|opted-out|unsubscribed|will not receive|won't receive|no more (messages|texts|alerts)|(messages|texts|alerts) (have )?stopped|been removed)/i;
/** A "Brand: ..." or "Brand - ..." prefix, the carriers' way of naming the sender. */
const BRAND_PREFIX = /^\s*[\p{L}\p{N}][\p{L}\p{N}&'. -]{0,39}\s*[:\-–]\s/u;

/**
 * What the carriers expect of a HELP or STOP answer that this one lacks (empty: nothing). `brand`:
 * the brand to look for (case-insensitive); without it, the answer must start with "Brand: ".
 */
export function contentProblems(kind: KeywordKind, message: string, brand?: string): string[] {
  if (kind === 'other') return [];
  const out: string[] = [];
  if (brand !== undefined) {
    if (!message.toLowerCase().includes(brand.toLowerCase()))
      out.push(`does not name the brand "${brand}": carriers expect it in every ${kind.toUpperCase()} answer`);
  } else if (!BRAND_PREFIX.test(message)) {
    out.push(
      `does not start with the brand ("Acme: ..."): carriers expect the brand in every ${kind.toUpperCase()} answer (or pass --brand NAME to look for it anywhere)`,
    );
  }
  if (kind === 'help') {
    if (!PHONE.test(message) && !EMAIL.test(message) && !URL.test(message))
      out.push('gives no way to reach support: add a phone number, an email address or a web address');
    if (!OPT_OUT_INSTRUCTION.test(message)) out.push('does not say how to opt out: add e.g. "Reply STOP to opt out"');
  } else if (!STOP_CONFIRMATION.test(message)) {
    out.push('does not confirm the opt-out: say e.g. "You are opted out and will no longer receive messages"');
  }
  return out;
}

/** Warnings that do not block: an answer longer than one SMS part costs more and may arrive split. */
export function lengthWarnings(message: string): string[] {
  const info = analyzeBody(message);
  return info.parts > 1
    ? [
        `the answer is ${info.parts} SMS parts (${info.characters} characters, ${info.encoding}): each part is billed; one part (160 GSM-7 or 70 UCS-2 characters) is usual`,
      ]
    : [];
}

/** Compares two answers as carriers read them: white space and case do not count. */
export function sameAnswer(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/** The registration field that holds the HELP or STOP answer a carrier approved (10DLC campaigns). */
export const REGISTRATION_ANSWER_FIELDS: Record<string, { help: string; stop: string }> = {
  US_TEN_DLC_CAMPAIGN_REGISTRATION: { help: 'campaignInfo.helpMessage', stop: 'campaignInfo.stopMessage' },
};
