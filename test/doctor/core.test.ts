import { describe, expect, it } from 'vitest';
import { diagnose, identityFixFor, type DoctorInput, type DoctorNumber } from '../../src/core/doctor/diagnose.js';

const SPEND = (enforcedLimit: number, maxLimit = enforcedLimit) => [{ name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit, maxLimit, overridden: false }];

function input(over: Partial<DoctorInput> = {}): DoctorInput {
  return {
    connection: { region: 'us-east-1', profile: null, endpoint: null, endpointSource: null },
    attributes: [{ name: 'ACCOUNT_TIER', value: 'PRODUCTION' }],
    spendLimits: SPEND(1000),
    numbers: [],
    senderIds: [],
    registrations: [],
    verified: [],
    protect: { accountDefaultId: null, smsRules: {} },
    countries: [],
    ...over,
  };
}

function number(over: Partial<DoctorNumber> = {}): DoctorNumber {
  return {
    phoneNumberId: 'phone-1',
    phoneNumberArn: 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-1',
    phoneNumber: '+18335550111',
    status: 'ACTIVE',
    country: 'US',
    numberType: 'TOLL_FREE',
    capabilities: ['SMS', 'VOICE'],
    internationalSendingEnabled: false,
    registrationId: null,
    limits: { rateLimits: { SMS: 3 } },
    ...over,
  };
}

const codes = (r: ReturnType<typeof diagnose>) => r.problems.map((p) => p.code);

describe('diagnose: the account', () => {
  it('a new sandbox account: every blocker with its fix, blockers first', () => {
    const r = diagnose(input({ attributes: [{ name: 'ACCOUNT_TIER', value: 'SANDBOX' }], spendLimits: SPEND(1) }));
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['SANDBOX_NO_VERIFIED_NUMBER', 'NO_ORIGINATION_IDENTITY', 'SPEND_LIMIT_LOW']);
    expect(r.problems.map((p) => p.severity)).toEqual(['blocker', 'blocker', 'warning']);
    expect(r.problems[0].fix).toContain('eum verify add +E164');
    expect(r.problems[1].fix).toBe('eum number request --country US --type simulator');
    expect(r.problems[2].fix).toContain('AWS Support');
    expect(r.account).toMatchObject({ tier: 'SANDBOX', sandbox: true, textSpendLimit: { enforcedLimit: 1, maxLimit: 1 }, textSpentThisMonth: null });
  });

  it('a sandbox with a verified number is a warning naming it masked; a pending one says how to confirm', () => {
    const r = diagnose(
      input({
        attributes: [{ name: 'ACCOUNT_TIER', value: 'SANDBOX' }],
        verified: [
          { phoneNumber: '+12065550142', status: 'VERIFIED' },
          { phoneNumber: '+12065550143', status: 'PENDING' },
        ],
        countries: ['DE'],
      }),
    );
    expect(r.ok).toBe(true);
    expect(codes(r)).toEqual(['SANDBOX', 'VERIFICATION_PENDING']);
    expect(r.problems[0].message).toContain('+*******0142');
    expect(JSON.stringify(r)).not.toContain('2065550142');
    expect(r.problems[1].fix).toBe('eum verify confirm +E164 CODE (the code sent to it)');
    expect(r.account.verifiedNumbers).toEqual({ verified: 1, pending: 1 });
  });

  it('a spend limit of zero blocks; one below its maximum can be raised with eum', () => {
    expect(diagnose(input({ spendLimits: SPEND(0, 0), countries: ['DE'] })).problems).toEqual([
      expect.objectContaining({ code: 'SPEND_LIMIT_ZERO', severity: 'blocker' }),
    ]);
    expect(diagnose(input({ spendLimits: SPEND(5, 100), countries: ['DE'] })).problems[0]).toMatchObject({
      code: 'SPEND_LIMIT_LOW',
      fix: 'eum account spend-limit set text 100',
    });
  });

  it('registrations not complete and numbers not active are listed with their fix', () => {
    const r = diagnose(
      input({
        countries: ['DE'],
        registrations: [
          { registrationId: 'registration-a', registrationType: 'US_TEN_DLC_BRAND_REGISTRATION', status: 'REVIEWING', resources: [] },
          { registrationId: 'registration-b', registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'CREATED', resources: [] },
          { registrationId: 'registration-c', registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'REQUIRES_UPDATES', resources: [] },
          { registrationId: 'registration-d', registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'COMPLETE', resources: [] },
        ],
        numbers: [number({ status: 'PENDING', country: 'CA', numberType: 'LONG_CODE', phoneNumber: '+12045550100' })],
      }),
    );
    expect(r.registrations.map((x) => x.registrationId)).toEqual(['registration-a', 'registration-b', 'registration-c']);
    expect(r.problems.map((p) => [p.code, p.fix])).toEqual([
      ['REGISTRATION_PENDING', 'eum registration watch registration-a'],
      ['REGISTRATION_INCOMPLETE', 'eum registration submit registration-b'],
      ['REGISTRATION_INCOMPLETE', 'eum registration update registration-c'],
      ['NUMBER_NOT_ACTIVE', 'eum number show phone-1'],
    ]);
    expect(r.numbers).toEqual([{ phoneNumberId: 'phone-1', phoneNumber: '+12045550100', country: 'CA', numberType: 'LONG_CODE', status: 'PENDING' }]);
    expect(r.ok).toBe(true);
  });
});

describe('diagnose: which identity carries a country', () => {
  it('a toll-free number with a COMPLETE registration (by association) carries US, with its throughput', () => {
    const r = diagnose(
      input({
        numbers: [number()],
        registrations: [{ registrationId: 'registration-t', registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'COMPLETE', resources: ['phone-1'] }],
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.countries).toEqual([
      {
        country: 'US',
        name: 'United States',
        status: 'ok',
        carrier: { kind: 'phone-number', id: 'phone-1', value: '+18335550111', numberType: 'TOLL_FREE', mps: 3 },
        problems: [],
      },
    ]);
  });

  it('a toll-free number without a registration, or with one in review, cannot send: the fix says which', () => {
    const missing = diagnose(input({ numbers: [number()] }));
    expect(missing.problems).toEqual([
      expect.objectContaining({
        code: 'REGISTRATION_MISSING',
        subject: 'US',
        severity: 'blocker',
        fix: 'eum registration create US_TOLL_FREE_REGISTRATION --associate phone-1',
      }),
    ]);
    expect(missing.countries[0].status).toBe('blocked');
    const review = diagnose(
      input({
        numbers: [number({ registrationId: 'registration-t' })],
        registrations: [{ registrationId: 'registration-t', registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'REVIEWING', resources: [] }],
      }),
    );
    expect(review.problems.filter((p) => p.subject === 'US')).toEqual([
      expect.objectContaining({ code: 'REGISTRATION_PENDING', fix: 'eum registration watch registration-t' }),
    ]);
    expect(review.ok).toBe(false);
  });

  it('a number that is not ACTIVE cannot carry; the next one does', () => {
    const r = diagnose(
      input({
        numbers: [
          number({ status: 'PENDING' }),
          number({ phoneNumberId: 'phone-2', numberType: 'TEN_DLC', registrationId: 'registration-c', limits: { rateLimits: { SMS: 10 } } }),
        ],
        registrations: [{ registrationId: 'registration-c', registrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION', status: 'COMPLETE', resources: [] }],
      }),
    );
    expect(r.countries[0]).toMatchObject({ status: 'ok', carrier: { id: 'phone-2', numberType: 'TEN_DLC', mps: 10 } });
    expect(codes(r)).toEqual(['NUMBER_NOT_ACTIVE']);
  });

  it('a simulator number alone reaches simulator destinations only: a warning with the real fix', () => {
    const r = diagnose(input({ numbers: [number({ numberType: 'SIMULATOR', phoneNumber: '+12065550101', limits: { rateLimits: { SMS: 10 } } })] }));
    expect(r.ok).toBe(true);
    expect(r.countries[0]).toMatchObject({ status: 'simulator-only', carrier: { numberType: 'SIMULATOR', mps: 10 } });
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'SIMULATOR_ONLY', severity: 'warning', fix: 'eum number request --country US --type toll-free' }),
    ]);
  });

  it('a sender ID carries where no registration is needed; an unregistered one where it is needed says how to register', () => {
    const de = diagnose(input({ senderIds: [{ senderId: 'ACME', country: 'DE', arn: null, registered: false, registrationId: null }] }));
    expect(de.countries[0]).toMatchObject({ country: 'DE', status: 'ok', carrier: { kind: 'sender-id', value: 'ACME', mps: null } });
    const gb = diagnose(input({ senderIds: [{ senderId: 'ACME', country: 'GB', arn: 'arn:s', registered: false, registrationId: null }] }));
    expect(gb.problems).toEqual([
      expect.objectContaining({ code: 'SENDER_ID_NOT_REGISTERED', subject: 'GB', fix: 'eum registration create GB_SENDER_ID_REGISTRATION' }),
    ]);
    const pending = diagnose(
      input({
        senderIds: [{ senderId: 'ACME', country: 'GB', arn: 'arn:s', registered: false, registrationId: null }],
        registrations: [{ registrationId: 'registration-s', registrationType: 'GB_SENDER_ID_REGISTRATION', status: 'SUBMITTED', resources: ['arn:s'] }],
      }),
    );
    expect(pending.problems.filter((p) => p.subject === 'GB')).toEqual([
      expect.objectContaining({ code: 'REGISTRATION_PENDING', fix: 'eum registration watch registration-s' }),
    ]);
  });

  it('a country with shared routes is carried without an own identity; one without says what it needs', () => {
    const r = diagnose(input({ countries: ['DE', 'GB', 'CA', 'BR'] }));
    expect(r.countries.map((c) => [c.country, c.status, c.carrier?.kind ?? null])).toEqual([
      ['DE', 'ok', 'shared-route'],
      ['GB', 'blocked', null],
      ['CA', 'blocked', null],
      ['BR', 'blocked', null],
    ]);
    expect(r.problems.map((p) => [p.subject, p.code, p.fix])).toEqual([
      ['GB', 'COUNTRY_NEEDS_IDENTITY', 'eum registration create GB_SENDER_ID_REGISTRATION'],
      ['CA', 'COUNTRY_NEEDS_IDENTITY', 'eum number request --country CA --type long-code'],
      ['BR', 'COUNTRY_NEEDS_IDENTITY', 'request a short code for BR in the AWS console (the API cannot request one)'],
    ]);
  });

  it('an internationally enabled number reaches other countries, after local ones', () => {
    const ca = number({
      phoneNumberId: 'phone-ca',
      country: 'CA',
      numberType: 'LONG_CODE',
      phoneNumber: '+12045550100',
      internationalSendingEnabled: true,
      limits: { rateLimits: { SMS: 1 } },
    });
    const r = diagnose(input({ numbers: [ca], countries: ['BR', 'CA'] }));
    expect(r.countries.map((c) => [c.country, c.carrier?.id])).toEqual([
      ['BR', 'phone-ca'],
      ['CA', 'phone-ca'],
    ]);
  });

  it('Protect blocking a country blocks it whatever carries it; a country AWS does not serve says so', () => {
    const r = diagnose(input({ protect: { accountDefaultId: 'protect-1', smsRules: { DE: 'BLOCK', FR: 'MONITOR' } }, countries: ['DE', 'FR', 'KP'] }));
    expect(r.countries.map((c) => [c.country, c.status])).toEqual([
      ['DE', 'blocked'],
      ['FR', 'ok'],
      ['KP', 'blocked'],
    ]);
    expect(r.problems.map((p) => [p.code, p.fix])).toEqual([
      ['PROTECT_BLOCKS_COUNTRY', 'eum protect rules set protect-1 --channel sms --allow DE'],
      ['COUNTRY_NOT_SERVED', null],
    ]);
  });

  it('no country asked: every country where the account has an identity', () => {
    const r = diagnose(
      input({
        numbers: [number({ country: 'CA', numberType: 'LONG_CODE' })],
        senderIds: [{ senderId: 'ACME', country: 'DE', arn: null, registered: false, registrationId: null }],
      }),
    );
    expect(r.countries.map((c) => c.country)).toEqual(['CA', 'DE']);
  });

  it('what a country needs comes from the country facts', () => {
    expect(identityFixFor('US', false)).toEqual({ need: 'a registered toll-free or 10DLC number', fix: 'eum number request --country US --type toll-free' });
    expect(identityFixFor('IN', false).fix).toBe('eum registration create IN_SENDER_ID_REGISTRATION');
  });
});

describe('diagnose: reads that failed', () => {
  it('each is a blocker naming what is missing from the report, with the permission as its fix', () => {
    const r = diagnose(
      input({
        countries: ['DE'],
        unreadable: [{ what: 'phone numbers', operation: 'DescribePhoneNumbers', message: 'AccessDeniedException: not authorized', hint: null }],
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        code: 'READ_FAILED',
        severity: 'blocker',
        subject: 'account',
        message: 'could not read phone numbers (DescribePhoneNumbers): AccessDeniedException: not authorized; what follows leaves them out',
        fix: 'allow sms-voice:DescribePhoneNumbers to these credentials',
      },
    ]);
  });
});

describe('diagnose: account limits', () => {
  it('a full limit is a warning with its fix; the limits are in the report', () => {
    const limits = [
      { name: 'PHONE_NUMBERS', used: 25, max: 25 },
      { name: 'VERIFIED_DESTINATION_NUMBERS', used: 10, max: 10 },
      { name: 'POOLS', used: 1, max: 25 },
    ];
    const r = diagnose(input({ countries: ['DE'], limits }));
    expect(r.ok).toBe(true);
    expect(r.account.limits).toEqual(limits);
    expect(r.problems.map((p) => [p.code, p.message, p.fix])).toEqual([
      [
        'LIMIT_REACHED',
        'the account limit PHONE_NUMBERS is reached (25 of 25): the next one will be refused',
        'request a higher PHONE_NUMBERS quota (AWS console: Service Quotas), or remove what is no longer used',
      ],
      [
        'LIMIT_REACHED',
        'the account limit VERIFIED_DESTINATION_NUMBERS is reached (10 of 10): the next one will be refused',
        'eum verify remove +E164 (one no longer needed, 24 hours after it was added)',
      ],
    ]);
  });
});
