// The resource operations through the real AWS SDK v3 over real HTTP: phone numbers, pools,
// opt-out lists, keywords, configuration-set defaults and event destinations, verified
// destination numbers, account and spend limits, resource policies, and the shared details
// (NextTokens per operation, reserved tag keys).
import {
  AssociateOriginationIdentityCommand,
  CarrierLookupCommand,
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateProtectConfigurationCommand,
  DeleteRcsMessageSpendLimitOverrideCommand,
  SetRcsMessageSpendLimitOverrideCommand,
  CreateRegistrationCommand,
  CreateVerifiedDestinationNumberCommand,
  DeleteDefaultMessageTypeCommand,
  DeleteEventDestinationCommand,
  DeleteKeywordCommand,
  DeleteOptedOutNumberCommand,
  DeleteOptOutListCommand,
  DeletePoolCommand,
  DeleteResourcePolicyCommand,
  DeleteTextMessageSpendLimitOverrideCommand,
  DeleteVerifiedDestinationNumberCommand,
  DescribeAccountLimitsCommand,
  DescribeConfigurationSetsCommand,
  DescribeKeywordsCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeSenderIdsCommand,
  DescribeSpendLimitsCommand,
  DescribeVerifiedDestinationNumbersCommand,
  DisassociateOriginationIdentityCommand,
  GetResourcePolicyCommand,
  ListAvailablePhoneNumbersCommand,
  ListPoolOriginationIdentitiesCommand,
  PutKeywordCommand,
  PutOptedOutNumberCommand,
  PutResourcePolicyCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  SendDestinationNumberVerificationCodeCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  SetMediaMessageSpendLimitOverrideCommand,
  SetTextMessageSpendLimitOverrideCommand,
  TagResourceCommand,
  UpdateEventDestinationCommand,
  UpdatePhoneNumberCommand,
  UpdatePoolCommand,
  UpdateSenderIdCommand,
  VerifyDestinationNumberCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryStore, freshState } from '../../src/sim/index.js';
import { operations } from '../../src/sim/ops/index.js';
import { model } from '../../src/sim/model.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;

beforeAll(async () => {
  sim = await startTestSim();
  sms = sim.client();
});
afterAll(() => sim.close());

test('every operation of the model has a handler', () => {
  expect(Object.keys(model.operations).filter((o) => !operations[o])).toEqual([]);
});

describe('phone numbers', () => {
  test('a toll-free number: requested with a preference, PENDING then ACTIVE, with the documented defaults', async () => {
    const r = await sms.send(
      new RequestPhoneNumberCommand({
        IsoCountryCode: 'US',
        MessageType: 'TRANSACTIONAL',
        NumberCapabilities: ['SMS'],
        NumberType: 'TOLL_FREE',
        NumberPreference: [{ PreferenceType: ['EndsWith'], Filter: ['4242'] }],
        Tags: [{ Key: 'team', Value: 'otp' }],
      }),
    );
    expect(r).toMatchObject({
      Status: 'PENDING',
      IsoCountryCode: 'US',
      NumberType: 'TOLL_FREE',
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: 'Default',
      DeletionProtectionEnabled: false,
      InternationalSendingEnabled: false,
      Tags: [{ Key: 'team', Value: 'otp' }],
    });
    expect(r.PhoneNumber).toMatch(/^\+1\d{6}4242$/);
    const [d] = (await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [r.PhoneNumberId!] }))).PhoneNumbers!;
    expect(d).toMatchObject({ Status: 'ACTIVE', MessagingLimits: { RateLimits: { SMS: 3 }, DailyMessageCaps: {} } });
    const keywords = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: r.PhoneNumberId }));
    expect(keywords.Keywords!.map((k) => [k.Keyword, k.KeywordAction])).toEqual([
      ['HELP', 'AUTOMATIC_RESPONSE'],
      ['STOP', 'OPT_OUT'],
    ]);

    const updated = await sms.send(
      new UpdatePhoneNumberCommand({ PhoneNumberId: r.PhoneNumberArn, DeletionProtectionEnabled: true, SelfManagedOptOutsEnabled: true }),
    );
    expect(updated).toMatchObject({ DeletionProtectionEnabled: true, SelfManagedOptOutsEnabled: true });
    const twoWay = await rejection(sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: r.PhoneNumberId, TwoWayEnabled: true })));
    expect(twoWay).toMatchObject({ name: 'ValidationException', Reason: 'TWO_WAY_CHANNEL_NOT_PRESENT' });
    const protectedRelease = await rejection(sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: r.PhoneNumberId })));
    expect(protectedRelease).toMatchObject({ name: 'ConflictException', Reason: 'DELETION_PROTECTION_ENABLED' });
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: r.PhoneNumberId, DeletionProtectionEnabled: false }));
    const released = await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: r.PhoneNumberId }));
    expect(released.Status).toBe('DELETED');
    expect(await rejection(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [r.PhoneNumberId!] })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  test('SIMULATOR numbers are US and transactional only; 10DLC needs a COMPLETE campaign', async () => {
    const gb = await rejection(
      sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'GB', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' })),
    );
    expect(gb).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER' });
    const promo = await rejection(
      sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'PROMOTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' })),
    );
    expect(promo).toMatchObject({ name: 'ValidationException', Fields: [{ Name: 'MessageType' }] });
    const sim1 = await sms.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' }),
    );
    expect(sim1.PhoneNumber).toMatch(/^\+120655501\d\d$/);
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: sim1.PhoneNumberId }));

    const noRegistration = await rejection(
      sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'TEN_DLC' })),
    );
    expect(noRegistration).toMatchObject({ name: 'ValidationException', Reason: 'MISSING_PARAMETER' });
    const campaign = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION' }));
    const notComplete = await rejection(
      sms.send(
        new RequestPhoneNumberCommand({
          IsoCountryCode: 'US',
          MessageType: 'TRANSACTIONAL',
          NumberCapabilities: ['SMS'],
          NumberType: 'TEN_DLC',
          RegistrationId: campaign.RegistrationId,
        }),
      ),
    );
    expect(notComplete).toMatchObject({ name: 'ConflictException', Reason: 'REGISTRATION_NOT_COMPLETE', ResourceType: 'registration' });
  });

  test('ListAvailablePhoneNumbers honours NumberPreference; CarrierLookup', async () => {
    const list = await sms.send(
      new ListAvailablePhoneNumbersCommand({
        IsoCountryCode: 'US',
        NumberCapabilities: ['SMS'],
        NumberType: 'TEN_DLC',
        NumberPreference: [{ PreferenceType: ['StartsWith'], Filter: ['+1425'] }],
        MaxResults: 5,
      }),
    );
    expect(list.AvailablePhoneNumbers).toHaveLength(5);
    for (const n of list.AvailablePhoneNumbers!) expect(n).toMatch(/^\+1425\d{7}$/);
    const ca = await rejection(sms.send(new ListAvailablePhoneNumbersCommand({ IsoCountryCode: 'CA', NumberCapabilities: ['SMS'], NumberType: 'TEN_DLC' })));
    expect(ca).toMatchObject({ name: 'ValidationException' });
    const lookup = await sms.send(new CarrierLookupCommand({ PhoneNumber: '+447700900123' }));
    expect(lookup).toMatchObject({ E164PhoneNumber: '+447700900123', IsoCountryCode: 'GB', DialingCountryCode: '44', PhoneNumberType: 'MOBILE' });
  });

  test('UpdateSenderId; sender IDs carry MessagingLimits', async () => {
    await sms.send(new RequestSenderIdCommand({ SenderId: 'ACME', IsoCountryCode: 'DE' }));
    const u = await sms.send(new UpdateSenderIdCommand({ SenderId: 'ACME', IsoCountryCode: 'DE', DeletionProtectionEnabled: true }));
    expect(u).toMatchObject({ SenderId: 'ACME', DeletionProtectionEnabled: true });
    const [d] = (await sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: 'ACME', IsoCountryCode: 'DE' }] }))).SenderIds!;
    expect(d.MessagingLimits).toEqual({ RateLimits: { SMS: 10 }, DailyMessageCaps: {} });
  });
});

describe('pools', () => {
  test('create from a number, add a sender ID, list, update, disassociate, delete', async () => {
    const phone = await sms.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'CA', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'LONG_CODE' }),
    );
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberArn, MessageType: 'TRANSACTIONAL' }));
    expect(pool).toMatchObject({ Status: 'CREATING', OptOutListName: 'Default', SharedRoutesEnabled: false });
    const again = await rejection(sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberId, MessageType: 'TRANSACTIONAL' })));
    expect(again).toMatchObject({ name: 'ConflictException', Reason: 'PHONE_NUMBER_ASSOCIATED_TO_POOL' });
    await sms.send(new RequestSenderIdCommand({ SenderId: 'POOLED', IsoCountryCode: 'FR' }));
    const assoc = await sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: 'POOLED', IsoCountryCode: 'FR' }));
    expect(assoc).toMatchObject({ PoolId: pool.PoolId, OriginationIdentity: 'POOLED', IsoCountryCode: 'FR' });
    const members = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: pool.PoolId }));
    expect(members.OriginationIdentities!.map((m) => m.IsoCountryCode)).toEqual(['CA', 'FR']);
    const onlyFr = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: pool.PoolArn, Filters: [{ Name: 'iso-country-code', Values: ['FR'] }] }));
    expect(onlyFr.OriginationIdentities).toHaveLength(1);
    const [described] = (await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [phone.PhoneNumberId!] }))).PhoneNumbers!;
    expect(described.PoolId).toBe(pool.PoolId);
    expect(await rejection(sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId })))).toMatchObject({
      Reason: 'PHONE_NUMBER_ASSOCIATED_TO_POOL',
    });

    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'pool-list' }));
    const updated = await sms.send(new UpdatePoolCommand({ PoolId: pool.PoolId, SharedRoutesEnabled: true, OptOutListName: 'pool-list' }));
    expect(updated).toMatchObject({ SharedRoutesEnabled: true, OptOutListName: 'pool-list' });
    expect((await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [phone.PhoneNumberId!] }))).PhoneNumbers![0].OptOutListName).toBe('pool-list');

    const into = await sms.send(
      new RequestPhoneNumberCommand({
        IsoCountryCode: 'CA',
        MessageType: 'TRANSACTIONAL',
        NumberCapabilities: ['SMS'],
        NumberType: 'LONG_CODE',
        PoolId: pool.PoolId,
      }),
    );
    expect(into).toMatchObject({ PoolId: pool.PoolId, OptOutListName: 'pool-list' });
    const wrongType = await rejection(
      sms.send(
        new RequestPhoneNumberCommand({
          IsoCountryCode: 'CA',
          MessageType: 'PROMOTIONAL',
          NumberCapabilities: ['SMS'],
          NumberType: 'LONG_CODE',
          PoolId: pool.PoolId,
        }),
      ),
    );
    expect(wrongType).toMatchObject({ name: 'ConflictException', Reason: 'MESSAGE_TYPE_MISMATCH' });
    await sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: into.PhoneNumberArn }));
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: into.PhoneNumberId }));
    await sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: 'POOLED', IsoCountryCode: 'FR' }));
    const last = await rejection(sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: phone.PhoneNumberId })));
    expect(last).toMatchObject({ name: 'ConflictException', Reason: 'LAST_PHONE_NUMBER' });
    const deleted = await sms.send(new DeletePoolCommand({ PoolId: pool.PoolId }));
    expect(deleted.Status).toBe('DELETING');
    expect((await sms.send(new DescribePoolsCommand({}))).Pools).toEqual([]);
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId }));
  });

  test('a number must match the pool: message type', async () => {
    const tfn = (await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'number-type', Values: ['TOLL_FREE'] }] }))).PhoneNumbers![0];
    const e = await rejection(sms.send(new CreatePoolCommand({ OriginationIdentity: tfn.PhoneNumberId, MessageType: 'PROMOTIONAL' })));
    expect(e).toMatchObject({ name: 'ConflictException', Reason: 'MESSAGE_TYPE_MISMATCH' });
  });
});

describe('opt-out lists and keywords', () => {
  test('lists: create, duplicate, put and delete numbers, filter, delete list in use', async () => {
    const l = await sms.send(new CreateOptOutListCommand({ OptOutListName: 'marketing' }));
    expect(l.OptOutListArn).toContain(':opt-out-list/marketing');
    expect(await rejection(sms.send(new CreateOptOutListCommand({ OptOutListName: 'marketing' })))).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS' });
    const put = await sms.send(new PutOptedOutNumberCommand({ OptOutListName: 'marketing', OptedOutNumber: '+12065550142' }));
    expect(put).toMatchObject({ OptedOutNumber: '+12065550142', EndUserOptedOut: false });
    const described = await sms.send(
      new DescribeOptedOutNumbersCommand({ OptOutListName: l.OptOutListArn, Filters: [{ Name: 'end-user-opted-out', Values: ['false'] }] }),
    );
    expect(described.OptedOutNumbers!.map((n) => n.OptedOutNumber)).toEqual(['+12065550142']);
    await sms.send(new DeleteOptedOutNumberCommand({ OptOutListName: 'marketing', OptedOutNumber: '+12065550142' }));
    expect(await rejection(sms.send(new DeleteOptedOutNumberCommand({ OptOutListName: 'marketing', OptedOutNumber: '+12065550142' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'opted-out-number',
    });
    expect((await sms.send(new DescribeOptOutListsCommand({}))).OptOutLists!.map((x) => x.OptOutListName)).toContain('marketing');
    expect(await rejection(sms.send(new DeleteOptOutListCommand({ OptOutListName: 'Default' })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'RESOURCE_DELETION_NOT_ALLOWED',
    });
    await sms.send(new DeleteOptOutListCommand({ OptOutListName: 'marketing' }));
  });

  test('keywords: custom ones added, HELP and STOP kept, toll-free STOP rules', async () => {
    const simulator = (await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'number-type', Values: ['SIMULATOR'] }] }))).PhoneNumbers![0]
      .PhoneNumberId!;
    const put = await sms.send(
      new PutKeywordCommand({ OriginationIdentity: simulator, Keyword: 'info', KeywordMessage: 'Call 206-555-0199', KeywordAction: 'AUTOMATIC_RESPONSE' }),
    );
    expect(put).toMatchObject({ Keyword: 'INFO', KeywordAction: 'AUTOMATIC_RESPONSE' });
    await sms.send(new PutKeywordCommand({ OriginationIdentity: simulator, Keyword: 'HELP', KeywordMessage: 'Acme help: 206-555-0199' }));
    const only = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: simulator, Keywords: ['help'] }));
    expect(only.Keywords).toEqual([{ Keyword: 'HELP', KeywordMessage: 'Acme help: 206-555-0199', KeywordAction: 'AUTOMATIC_RESPONSE' }]);
    const optOuts = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: simulator, Filters: [{ Name: 'keyword-action', Values: ['OPT_OUT'] }] }));
    expect(optOuts.Keywords!.map((k) => k.Keyword)).toEqual(['STOP']);
    expect(await rejection(sms.send(new DeleteKeywordCommand({ OriginationIdentity: simulator, Keyword: 'STOP' })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'RESOURCE_DELETION_NOT_ALLOWED',
    });
    expect(
      await rejection(
        sms.send(new PutKeywordCommand({ OriginationIdentity: simulator, Keyword: 'STOP', KeywordMessage: 'x', KeywordAction: 'AUTOMATIC_RESPONSE' })),
      ),
    ).toMatchObject({ name: 'ValidationException' });
    expect(await rejection(sms.send(new PutKeywordCommand({ OriginationIdentity: simulator, Keyword: ' X', KeywordMessage: 'x' })))).toMatchObject({
      name: 'ValidationException',
    });
    expect((await sms.send(new DeleteKeywordCommand({ OriginationIdentity: simulator, Keyword: 'Info' }))).Keyword).toBe('INFO');
    expect(await rejection(sms.send(new DeleteKeywordCommand({ OriginationIdentity: simulator, Keyword: 'INFO' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'keyword',
    });

    const tfn = (await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'number-type', Values: ['TOLL_FREE'] }] }))).PhoneNumbers![0];
    expect(
      await rejection(
        sms.send(new PutKeywordCommand({ OriginationIdentity: tfn.PhoneNumberArn, Keyword: 'QUIT', KeywordMessage: 'bye', KeywordAction: 'OPT_OUT' })),
      ),
    ).toMatchObject({ name: 'ValidationException' });
    expect(
      (
        await sms.send(
          new PutKeywordCommand({ OriginationIdentity: tfn.PhoneNumberArn, Keyword: 'START', KeywordMessage: 'welcome back', KeywordAction: 'OPT_IN' }),
        )
      ).KeywordAction,
    ).toBe('OPT_IN');
  });
});

describe('configuration sets', () => {
  test('default message type and sender ID; event destinations CRUD with their limits', async () => {
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'events' }));
    expect((await sms.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: 'events', MessageType: 'PROMOTIONAL' }))).MessageType).toBe('PROMOTIONAL');
    await sms.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: 'events', SenderId: 'ACME' }));
    let [cs] = (await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['events'] }))).ConfigurationSets!;
    expect(cs).toMatchObject({ DefaultMessageType: 'PROMOTIONAL', DefaultSenderId: 'ACME' });
    expect((await sms.send(new DeleteDefaultMessageTypeCommand({ ConfigurationSetName: 'events' }))).MessageType).toBe('PROMOTIONAL');

    const sns = { TopicArn: 'arn:aws:sns:us-east-1:123456789012:sms-events' };
    const created = await sms.send(
      new CreateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'all', MatchingEventTypes: ['ALL'], SnsDestination: sns }),
    );
    expect(created.EventDestination).toEqual({ EventDestinationName: 'all', Enabled: true, MatchingEventTypes: ['ALL'], SnsDestination: sns });
    expect(
      await rejection(
        sms.send(
          new CreateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'all', MatchingEventTypes: ['ALL'], SnsDestination: sns }),
        ),
      ),
    ).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_ALREADY_EXISTS' });
    expect(
      await rejection(
        sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'none', MatchingEventTypes: ['ALL'] })),
      ),
    ).toMatchObject({ name: 'ValidationException', Reason: 'MISSING_PARAMETER' });
    for (const n of ['b', 'c', 'd', 'e'])
      await sms.send(
        new CreateEventDestinationCommand({
          ConfigurationSetName: 'events',
          EventDestinationName: n,
          MatchingEventTypes: ['TEXT_DELIVERED'],
          SnsDestination: sns,
        }),
      );
    expect(
      await rejection(
        sms.send(
          new CreateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'f', MatchingEventTypes: ['ALL'], SnsDestination: sns }),
        ),
      ),
    ).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'EVENT_DESTINATIONS_PER_CONFIGURATION_SET' });
    const cw = { IamRoleArn: 'arn:aws:iam::123456789012:role/sms', LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:sms' };
    const updated = await sms.send(
      new UpdateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'b', Enabled: false, CloudWatchLogsDestination: cw }),
    );
    expect(updated.EventDestination).toEqual({
      EventDestinationName: 'b',
      Enabled: false,
      MatchingEventTypes: ['TEXT_DELIVERED'],
      CloudWatchLogsDestination: cw,
    });
    await sms.send(new DeleteEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'c' }));
    expect(await rejection(sms.send(new DeleteEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'c' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'event-destination',
    });
    [cs] = (await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['events'] }))).ConfigurationSets!;
    expect(cs.EventDestinations!.map((e) => e.EventDestinationName)).toEqual(['all', 'b', 'd', 'e']);
  });
});

describe('account', () => {
  test('account limits are the published ones and count what exists', async () => {
    const limits = (await sms.send(new DescribeAccountLimitsCommand({}))).AccountLimits!;
    const byName = Object.fromEntries(limits.map((l) => [l.Name, l]));
    expect(Object.keys(byName)).toEqual([
      'PHONE_NUMBERS',
      'POOLS',
      'CONFIGURATION_SETS',
      'OPT_OUT_LISTS',
      'SENDER_IDS',
      'REGISTRATIONS',
      'REGISTRATION_ATTACHMENTS',
      'VERIFIED_DESTINATION_NUMBERS',
    ]);
    expect(byName.PHONE_NUMBERS.Max).toBe(25);
    expect(byName.SENDER_IDS.Max).toBe(200);
    expect(byName.VERIFIED_DESTINATION_NUMBERS.Max).toBe(10);
    const numbers = (await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers!.length;
    expect(byName.PHONE_NUMBERS.Used).toBe(numbers);
  });

  test('spend limits: every name, overrides up to the account limit', async () => {
    const names = (await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits!.map((l) => l.Name);
    expect(names).toEqual([
      'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
      'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT',
      'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT',
      'NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT',
      'RCS_MESSAGE_MONTHLY_SPEND_LIMIT',
    ]);
    expect((await sms.send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 50 }))).MonthlyLimit).toBe(50);
    const text = (await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits!.find((l) => l.Name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT');
    expect(text).toEqual({ Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 50, MaxLimit: 1000, Overridden: true });
    expect((await sms.send(new DeleteTextMessageSpendLimitOverrideCommand({}))).MonthlyLimit).toBe(50);
    expect((await sms.send(new SetRcsMessageSpendLimitOverrideCommand({ MonthlyLimit: 5 }))).MonthlyLimit).toBe(5);
    expect((await sms.send(new DeleteRcsMessageSpendLimitOverrideCommand({}))).MonthlyLimit).toBe(5);
    expect((await sms.send(new DeleteRcsMessageSpendLimitOverrideCommand({}))).MonthlyLimit).toBeUndefined();
    const tooHigh = await rejection(sms.send(new SetMediaMessageSpendLimitOverrideCommand({ MonthlyLimit: 1_000_000 })));
    expect(tooHigh).toMatchObject({ name: 'ValidationException', Reason: 'REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT' });
  });

  test('at most 25 Protect configurations (the published quota)', async () => {
    const existing = await sim.store.transact((st) => Object.keys(st.regions['us-east-1'].protect).length);
    for (let i = existing; i < 25; i++) await sms.send(new CreateProtectConfigurationCommand({}));
    const e = await rejection(sms.send(new CreateProtectConfigurationCommand({})));
    expect(e).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'PROTECT_CONFIGURATIONS_PER_ACCOUNT' });
  });

  test('resource policies on a phone number', async () => {
    const tfn = (await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'number-type', Values: ['TOLL_FREE'] }] }))).PhoneNumbers![0];
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sms-voice:SendTextMessage', Resource: tfn.PhoneNumberArn }],
    });
    const put = await sms.send(new PutResourcePolicyCommand({ ResourceArn: tfn.PhoneNumberArn, Policy: policy }));
    expect(put.Policy).toBe(policy);
    expect((await sms.send(new GetResourcePolicyCommand({ ResourceArn: tfn.PhoneNumberArn }))).Policy).toBe(policy);
    expect((await sms.send(new DeleteResourcePolicyCommand({ ResourceArn: tfn.PhoneNumberArn }))).Policy).toBe(policy);
    expect(await rejection(sms.send(new DeleteResourcePolicyCommand({ ResourceArn: tfn.PhoneNumberArn })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await rejection(sms.send(new PutResourcePolicyCommand({ ResourceArn: tfn.PhoneNumberArn, Policy: 'not json' })))).toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('details the service has', () => {
  test('a NextToken is valid only for the operation that made it', async () => {
    const page = await sms.send(new DescribeSpendLimitsCommand({ MaxResults: 1 }));
    expect(page.NextToken).toBeTruthy();
    const e = await rejection(sms.send(new DescribeAccountLimitsCommand({ NextToken: page.NextToken })));
    expect(e).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_NEXT_TOKEN' });
    expect((await sms.send(new DescribeSpendLimitsCommand({ NextToken: page.NextToken }))).SpendLimits!.length).toBeGreaterThan(0);
  });

  test('tag keys starting with aws: are refused, and nothing is created', async () => {
    const e = await rejection(sms.send(new CreateOptOutListCommand({ OptOutListName: 'tagged', Tags: [{ Key: 'aws:cloudformation:stack', Value: 'x' }] })));
    expect(e).toMatchObject({ name: 'ValidationException', Fields: [{ Name: 'Tags.0.Key' }] });
    expect((await sms.send(new DescribeOptOutListsCommand({}))).OptOutLists!.map((l) => l.OptOutListName)).not.toContain('tagged');
    const arn = (await sms.send(new DescribeOptOutListsCommand({ OptOutListNames: ['Default'] }))).OptOutLists![0].OptOutListArn;
    expect(await rejection(sms.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'AWS:x', Value: 'y' }] })))).toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('the new-account preset: sandbox, verified destinations', () => {
  let fresh: TestSim;
  let c: PinpointSMSVoiceV2Client;
  beforeAll(async () => {
    fresh = await startTestSim({ account: 'new' }, createMemoryStore(freshState(new Date('2026-11-23T10:00:00Z'), 'new')));
    c = fresh.client();
  });
  afterAll(() => fresh.close());

  test('no numbers, $1 limits', async () => {
    expect((await c.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers).toEqual([]);
    const limits = (await c.send(new DescribeSpendLimitsCommand({}))).SpendLimits!;
    expect(limits.find((l) => l.Name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT')).toEqual({
      Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
      EnforcedLimit: 1,
      MaxLimit: 1,
      Overridden: false,
    });
    expect(limits.find((l) => l.Name === 'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT')?.MaxLimit).toBe(1);
    expect((await fresh.hook('GET', '/_eum/state')).body.account).toBe('new');
  });

  test('verify a destination with the code it received: mismatch, success, already complete, delete after 24 hours', async () => {
    const v = await c.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550142' }));
    expect(v).toMatchObject({ Status: 'PENDING', DestinationPhoneNumber: '+12065550142' });
    expect(await rejection(c.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550142' })))).toMatchObject({
      name: 'ConflictException',
    });
    const early = await rejection(
      c.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationCode: '123456' })),
    );
    expect(early).toMatchObject({ name: 'ValidationException', Reason: 'VERIFICATION_CODE_MISMATCH' });
    const sent = await c.send(
      new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationChannel: 'TEXT' }),
    );
    const message = (await fresh.hook('GET', `/_eum/messages/${sent.MessageId}`)).body;
    expect(message).toMatchObject({ kind: 'verification', destinationPhoneNumber: '+12065550142' });
    const code = /(\d{6})/.exec(message.messageBody)![1];
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      await rejection(c.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationCode: wrong }))),
    ).toMatchObject({ Reason: 'VERIFICATION_CODE_MISMATCH' });
    const ok = await c.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberArn, VerificationCode: code }));
    expect(ok.Status).toBe('VERIFIED');
    expect(
      await rejection(
        c.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationChannel: 'TEXT' })),
      ),
    ).toMatchObject({ name: 'ConflictException', Reason: 'VERIFICATION_ALREADY_COMPLETE' });
    const listed = await c.send(new DescribeVerifiedDestinationNumbersCommand({ Filters: [{ Name: 'status', Values: ['VERIFIED'] }] }));
    expect(listed.VerifiedDestinationNumbers!.map((x) => x.DestinationPhoneNumber)).toEqual(['+12065550142']);
    expect(await rejection(c.send(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId })))).toMatchObject({
      name: 'ConflictException',
    });
    await fresh.hook('POST', '/_eum/clock', { advanceSeconds: 24 * 3600 });
    expect(
      (await c.send(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId }))).DestinationPhoneNumber,
    ).toBe('+12065550142');
  });

  test('an expired code; at most 10 numbers', async () => {
    const v = await c.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550143' }));
    const sent = await c.send(
      new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationChannel: 'TEXT' }),
    );
    const code = /(\d{6})/.exec((await fresh.hook('GET', `/_eum/messages/${sent.MessageId}`)).body.messageBody)![1];
    await fresh.hook('POST', '/_eum/clock', { advanceSeconds: 16 * 60 });
    expect(
      await rejection(c.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: v.VerifiedDestinationNumberId, VerificationCode: code }))),
    ).toMatchObject({ name: 'ConflictException', Reason: 'VERIFICATION_CODE_EXPIRED' });
    for (let i = 0; i < 9; i++) await c.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: `+1206555016${i}` }));
    const over = await rejection(c.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550170' })));
    expect(over).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT' });
  });
});
