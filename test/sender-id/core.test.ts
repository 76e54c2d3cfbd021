import { describe, expect, it } from 'vitest';
import {
  checkSenderId,
  classifyCountry,
  plural,
  normalizeCountries,
  parseMessageTypes,
  parseRegions,
  parseTags,
  splitCountryList,
  sumPrices,
  summarize,
  type Problem,
  type SenderIdResult,
} from '../../src/core/sender-id/plan.js';
import { backoffMs, createTokenBucket } from '../../src/core/rate.js';

const ISO = new Set(['GB', 'DE', 'FR', 'IN', 'US', 'BR', 'AQ']);

describe('sender ID rules', () => {
  it("the API's rule is an error; every bad character is named", () => {
    const f = checkSenderId('MY BRAND!', ['GB'], ['TRANSACTIONAL']);
    expect(f.errors).toEqual([{ field: '--sender-id', message: '"MY BRAND!" contains a space, "!"; the API takes only letters, digits, "_" and "-"' }]);
    expect(checkSenderId('ABCDEFGHIJKL', [], ['TRANSACTIONAL']).errors[0].message).toContain('12 characters; the API takes 1 to 11');
  });

  it("the carriers' rules are warnings: length, a letter, dashes at the ends, underscore", () => {
    expect(checkSenderId('AB', [], ['TRANSACTIONAL']).warnings.map((w) => w.message)).toEqual([
      '"AB" is shorter than 3 characters; carriers in many countries refuse it',
    ]);
    expect(checkSenderId('12345', [], ['TRANSACTIONAL']).warnings.map((w) => w.message)).toEqual([
      '"12345" has no letter; numeric-only sender IDs are refused',
    ]);
    expect(checkSenderId('-ACME', [], ['TRANSACTIONAL']).warnings.map((w) => w.message)).toEqual(['"-ACME" cannot start or end with a dash']);
    expect(checkSenderId('AC_ME', [], ['TRANSACTIONAL']).warnings.map((w) => w.message)).toEqual([
      '"AC_ME" contains "_"; carriers take only letters, digits and dashes',
    ]);
    expect(checkSenderId('ACME', ['GB', 'DE'], ['TRANSACTIONAL', 'PROMOTIONAL'])).toEqual({ errors: [], warnings: [] });
  });

  it('country rules: France allows no dash; India 3-6 letters transactional, exactly 6 promotional', () => {
    expect(checkSenderId('AC-ME', ['DE'], ['TRANSACTIONAL']).warnings).toEqual([]);
    expect(checkSenderId('AC-ME', ['FR'], ['TRANSACTIONAL']).warnings.map((w) => w.field)).toEqual(['FR']);
    expect(checkSenderId('ACMEIN', ['IN'], ['TRANSACTIONAL', 'PROMOTIONAL']).warnings).toEqual([]);
    expect(checkSenderId('ACME', ['IN'], ['TRANSACTIONAL']).warnings).toEqual([]);
    expect(checkSenderId('ACME', ['IN'], ['PROMOTIONAL']).warnings.map((w) => w.message)).toEqual([
      'India takes exactly 6 letters for a promotional sender ID ("ACME")',
    ]);
    expect(checkSenderId('ACME1', ['IN'], ['TRANSACTIONAL']).warnings.map((w) => w.message)).toEqual([
      'India takes 3 to 6 letters for a transactional sender ID ("ACME1")',
    ]);
  });
});

describe('country lists', () => {
  it('splits on commas, spaces and lines, and drops comments', () => {
    expect(splitCountryList('GB, DE\nfr # France\n\n# all of it\nIN;BR')).toEqual(['GB', 'DE', 'fr', 'IN', 'BR']);
  });

  it('upper-cases, removes duplicates, names unknown codes', () => {
    const problems: Problem[] = [];
    expect(normalizeCountries(['gb', 'DE', 'GB', 'XX', 'GBR', 'de'], ISO, '--countries', problems)).toEqual(['GB', 'DE']);
    expect(problems).toEqual([{ field: '--countries', message: 'not ISO 3166-1 alpha-2 country codes: XX, GBR (use two letters, e.g. GB, DE, BR)' }]);
  });

  it('suggests GB for UK and GR for EL', () => {
    const problems: Problem[] = [];
    expect(normalizeCountries(['uk', 'EL', 'DE'], ISO, '--countries', problems)).toEqual(['DE']);
    expect(problems[0].message).toBe('not ISO 3166-1 alpha-2 country codes: uk (did you mean GB?), EL (did you mean GR?) (use two letters, e.g. GB, DE, BR)');
  });

  it('classifies from the country table before any call', () => {
    expect(classifyCountry('DE')).toEqual({ kind: 'request' });
    expect(classifyCountry('GB').kind).toBe('needs-registration');
    expect(classifyCountry('US')).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('does not support sender IDs') });
    expect(classifyCountry('IR')).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('blocked destination') });
    expect(classifyCountry('AQ')).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('does not list AQ') });
  });
});

describe('other options', () => {
  it('message types, tags, regions', () => {
    const problems: Problem[] = [];
    expect(parseMessageTypes(undefined, problems)).toEqual(['TRANSACTIONAL', 'PROMOTIONAL']);
    expect(parseMessageTypes('Promotional', problems)).toEqual(['PROMOTIONAL']);
    expect(parseTags(['team=sms', 'env=prod', 'team=otp'], problems)).toEqual([
      { Key: 'team', Value: 'otp' },
      { Key: 'env', Value: 'prod' },
    ]);
    expect(parseRegions('us-east-1, eu-west-2,us-east-1', problems)).toEqual(['us-east-1', 'eu-west-2']);
    expect(problems).toEqual([]);
    parseMessageTypes('marketing', problems);
    parseTags(['novalue', 'aws:x=1'], problems);
    parseRegions('useast1', problems);
    expect(problems.map((p) => p.field)).toEqual(['--message-types', '--tag', '--tag', '--regions']);
  });
});

describe('tokens, prices, summary', () => {
  it('plurals', () => {
    expect(plural(1, 'sender ID', 'sender IDs')).toBe('1 sender ID');
    expect(plural(2, 'country', 'countries')).toBe('2 countries');
    expect(plural(0, 'country', 'countries')).toBe('0 countries');
  });

  it('adds prices exactly', () => {
    expect(sumPrices(['3.09', '4.91', null, '0.1', '12'])).toBe('20.10');
    expect(sumPrices([])).toBe('0.00');
    expect(sumPrices(Array(10).fill('0.10'))).toBe('1.00');
    expect(sumPrices(['0.125'])).toBe('0.125');
  });

  it('summarizes, counting the leasing of created and existing sender IDs only', () => {
    const r = (status: SenderIdResult['status'], price: string | null = null): SenderIdResult => ({
      region: 'us-east-1',
      country: 'DE',
      senderId: 'A',
      status,
      senderIdArn: null,
      monthlyLeasingPrice: price,
      registered: null,
      error: null,
    });
    expect(summarize([r('created', '3.00'), r('exists', '1.50'), r('failed', '9.00'), r('needs-registration'), r('unsupported'), r('planned')])).toEqual({
      total: 6,
      created: 1,
      exists: 1,
      needsRegistration: 1,
      unsupported: 1,
      failed: 1,
      unknown: 0,
      planned: 1,
      monthlyLeasingTotal: '4.50',
    });
  });
});

describe('pacing', () => {
  it('a refunded token lets the next taker go sooner', () => {
    const b = createTokenBucket(1);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(1000);
    b.refund();
    expect(b.take(0)).toBe(1000);
  });

  it('backoff grows exponentially, jittered below the cap', () => {
    expect(backoffMs(0, 0.999, 200)).toBe(199);
    expect(backoffMs(3, 0.5, 200)).toBe(800);
    expect(backoffMs(20, 0.999, 200, 5000)).toBe(4995);
    expect(backoffMs(5, 0, 200)).toBe(0);
  });
});
