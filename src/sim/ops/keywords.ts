/**
 * Keywords of phone numbers and pools (data/service-facts/numbers.json, "keywords"): HELP and STOP
 * on every number and pool, which cannot be deleted and keep their action; at most 30 per number;
 * case-insensitive (stored upper-case); on a US toll-free number STOP is the only opt-out keyword
 * and its answer cannot be changed.
 */
import type { DeleteKeywordRequest, DescribeKeywordsRequest, PutKeywordRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError, validationError } from '../errors.js';
import { defaultKeywords, type KeywordAction, type KeywordMap, type PhoneNumberRecord, type PoolRecord } from '../state.js';
import { applyFilters, compact, paginate, parseArn, type OpContext, type OpMap } from './context.js';
import { lookupPhoneNumber, lookupPool } from './phone-numbers.js';

/** Keywords per number (quotas page, "Number of Keywords for two-way SMS", 30); pools too (synthesized). */
export const MAX_KEYWORDS = 30;
const REQUIRED = new Set(['HELP', 'STOP']);

interface Owner {
  kind: 'phone-number' | 'pool';
  arn: string;
  id: string;
  keywords: KeywordMap;
  phone?: PhoneNumberRecord;
}

/** The phone number (id, ARN, E.164) or pool (id, ARN) whose keywords are meant. */
export function keywordOwner(ctx: OpContext, identity: string): Owner {
  const a = identity.startsWith('arn:') ? parseArn(identity) : undefined;
  if (a?.resourceType === 'pool' || identity.startsWith('pool-')) {
    const pool: PoolRecord | undefined = lookupPool(ctx, identity);
    if (!pool) throw notFoundError('pool', identity);
    pool.keywords ??= defaultKeywords();
    return { kind: 'pool', arn: pool.arn, id: pool.id, keywords: pool.keywords };
  }
  if (identity.startsWith('arn:') && a?.resourceType !== 'phone-number') {
    throw validationError('INVALID_ARN', `The ARN ${identity} is not a phone number or pool.`, [{ Name: 'OriginationIdentity', Message: 'Invalid ARN' }]);
  }
  const phone = lookupPhoneNumber(ctx, identity);
  if (!phone) throw notFoundError('phone-number', identity);
  phone.keywords ??= defaultKeywords();
  return { kind: 'phone-number', arn: phone.arn, id: phone.id, keywords: phone.keywords, phone };
}

function normalizeKeyword(raw: string): string {
  if (raw !== raw.trim())
    throw validationError('INVALID_PARAMETER', 'A keyword cannot start or end with a space.', [{ Name: 'Keyword', Message: 'Leading or trailing space' }]);
  return raw.toUpperCase();
}

const isUsTollFree = (o: Owner) => o.phone?.numberType === 'TOLL_FREE' && o.phone.isoCountryCode === 'US';

export const keywordOps: OpMap = {
  PutKeyword(ctx, input: PutKeywordRequest) {
    const owner = keywordOwner(ctx, input.OriginationIdentity!);
    const keyword = normalizeKeyword(input.Keyword!);
    const existing = owner.keywords[keyword];
    const action = (input.KeywordAction ?? existing?.action ?? 'AUTOMATIC_RESPONSE') as KeywordAction;
    if (REQUIRED.has(keyword) && action !== defaultKeywords()[keyword].action) {
      throw validationError('INVALID_PARAMETER', `The action of ${keyword} cannot be changed; only its message can.`, [
        { Name: 'KeywordAction', Message: `${keyword} keeps its action` },
      ]);
    }
    if (isUsTollFree(owner)) {
      if (keyword === 'STOP')
        throw validationError('INVALID_PARAMETER', 'On a US toll-free number the STOP answer is managed by the carriers and cannot be changed.', [
          { Name: 'Keyword', Message: 'STOP on US toll-free cannot be changed' },
        ]);
      if (action === 'OPT_OUT')
        throw validationError('INVALID_PARAMETER', 'STOP is the only opt-out keyword of a US toll-free number.', [
          { Name: 'KeywordAction', Message: 'No other opt-out keywords on US toll-free' },
        ]);
    }
    if (!existing && Object.keys(owner.keywords).length >= MAX_KEYWORDS) {
      throw quotaError(
        owner.kind === 'pool' ? 'KEYWORDS_PER_POOL' : 'KEYWORDS_PER_PHONE_NUMBER',
        `At most ${MAX_KEYWORDS} keywords per ${owner.kind === 'pool' ? 'pool' : 'phone number'}.`,
      );
    }
    owner.keywords[keyword] = { message: input.KeywordMessage!, action };
    return { OriginationIdentityArn: owner.arn, OriginationIdentity: owner.id, Keyword: keyword, KeywordMessage: input.KeywordMessage, KeywordAction: action };
  },

  DeleteKeyword(ctx, input: DeleteKeywordRequest) {
    const owner = keywordOwner(ctx, input.OriginationIdentity!);
    const keyword = normalizeKeyword(input.Keyword!);
    const existing = owner.keywords[keyword];
    if (!existing) throw notFoundError('keyword', keyword, `Keyword ${keyword} not found on ${owner.id}.`);
    if (REQUIRED.has(keyword)) throw conflictError('RESOURCE_DELETION_NOT_ALLOWED', 'keyword', keyword, `Keywords HELP and STOP cannot be deleted.`);
    delete owner.keywords[keyword];
    return {
      OriginationIdentityArn: owner.arn,
      OriginationIdentity: owner.id,
      Keyword: keyword,
      KeywordMessage: existing.message,
      KeywordAction: existing.action,
    };
  },

  DescribeKeywords(ctx, input: DescribeKeywordsRequest) {
    const owner = keywordOwner(ctx, input.OriginationIdentity!);
    let keywords: { Keyword: string; KeywordMessage: string; KeywordAction: string }[];
    if (input.Keywords?.length) {
      keywords = input.Keywords.map((k) => {
        const key = k.toUpperCase();
        const e = owner.keywords[key];
        if (!e) throw notFoundError('keyword', k, `Keyword ${k} not found on ${owner.id}.`);
        return { Keyword: key, KeywordMessage: e.message, KeywordAction: e.action };
      });
    } else keywords = Object.entries(owner.keywords).map(([k, e]) => ({ Keyword: k, KeywordMessage: e.message, KeywordAction: e.action }));
    keywords = applyFilters(keywords, input.Filters, { 'keyword-action': (k) => k.KeywordAction });
    const { page, nextToken } = paginate(keywords, input);
    return compact({ OriginationIdentityArn: owner.arn, OriginationIdentity: owner.id, Keywords: page, NextToken: nextToken });
  },
};
