// Every implemented operation through the real AWS SDK v3 over real HTTP: results and the
// exception classes (with Reason, Fields, ResourceType, ResourceId) the SDK raises.
import {
  ConflictException,
  CreateConfigurationSetCommand,
  DeleteConfigurationSetCommand,
  DescribeAccountAttributesCommand,
  DescribeConfigurationSetsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeSenderIdsCommand,
  DescribeSpendLimitsCommand,
  ListTagsForResourceCommand,
  PinpointSMSVoiceV2ServiceException,
  PutMessageFeedbackCommand,
  ReleaseSenderIdCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  SetDefaultMessageFeedbackEnabledCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
  paginateDescribeSenderIds,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SIMULATOR_PHONE_NUMBER } from '../../src/sim/index.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;

beforeAll(async () => {
  sim = await startTestSim();
  sms = sim.client();
});
afterAll(() => sim.close());

describe('SendTextMessage and PutMessageFeedback', () => {
  test('sends from the SIMULATOR number to a US destination simulator number and records the message', async () => {
    const r = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14254147755', MessageBody: 'code 123456', MessageFeedbackEnabled: true }));
    expect(r.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const m = (await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).body;
    expect(m).toMatchObject({
      destinationPhoneNumber: '+14254147755',
      isoCountryCode: 'US',
      origination: { type: 'phone-number', value: SIMULATOR_PHONE_NUMBER },
      feedbackEnabled: true,
      feedbackStatus: 'PENDING',
      messageBody: 'code 123456',
    });
    const fb = await sms.send(new PutMessageFeedbackCommand({ MessageId: r.MessageId, MessageFeedbackStatus: 'RECEIVED' }));
    expect(fb).toMatchObject({ MessageId: r.MessageId, MessageFeedbackStatus: 'RECEIVED' });
    // the same status twice is fine
    const again = await sms.send(new PutMessageFeedbackCommand({ MessageId: r.MessageId, MessageFeedbackStatus: 'RECEIVED' }));
    expect(again.MessageFeedbackStatus).toBe('RECEIVED');
  });

  test('a shared route elsewhere, NO_ORIGINATION_IDENTITIES_FOUND where none reaches', async () => {
    const de = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', MessageBody: 'hallo' }));
    expect((await sim.hook('GET', `/_eum/messages/${de.MessageId}`)).body.origination).toMatchObject({ type: 'shared-route' });
    // Canada: dedicated numbers only, and the SIMULATOR number is a US number.
    const e = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14165550100', MessageBody: 'hi' })));
    expect(e).toBeInstanceOf(ConflictException);
    expect(e).toMatchObject({ Reason: 'NO_ORIGINATION_IDENTITIES_FOUND', ResourceType: 'phone-number', ResourceId: 'CA' });
    expect(e.$metadata.httpStatusCode).toBe(400);
    // Great Britain requires registered sender IDs: no shared route either.
    const gb = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900123', MessageBody: 'hi' })));
    expect(gb).toMatchObject({ name: 'ConflictException', Reason: 'NO_ORIGINATION_IDENTITIES_FOUND', ResourceId: 'GB' });
  });

  test('origination identity as number, id, ARN, sender ID; errors for unknown and wrong-country ones', async () => {
    const numbers = await sms.send(new DescribePhoneNumbersCommand({}));
    const sim1 = numbers.PhoneNumbers![0];
    for (const identity of [SIMULATOR_PHONE_NUMBER, sim1.PhoneNumberId!, sim1.PhoneNumberArn!]) {
      const r = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14254147755', OriginationIdentity: identity, MessageBody: 'x' }));
      expect((await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).body.origination.id).toBe(sim1.PhoneNumberId);
    }
    await sms.send(new RequestSenderIdCommand({ SenderId: 'SendBrand', IsoCountryCode: 'DE' }));
    const viaSender = await sms.send(
      new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', OriginationIdentity: 'SendBrand', MessageBody: 'x' }),
    );
    expect((await sim.hook('GET', `/_eum/messages/${viaSender.MessageId}`)).body.origination).toMatchObject({ type: 'sender-id', value: 'SendBrand' });

    const unknownPhone = await rejection(
      sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550143', OriginationIdentity: 'phone-00000000000000000000000000000000' })),
    );
    expect(unknownPhone).toBeInstanceOf(ResourceNotFoundException);
    expect(unknownPhone).toMatchObject({ ResourceType: 'phone-number', ResourceId: 'phone-00000000000000000000000000000000' });
    const unknownPool = await rejection(
      sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550143', OriginationIdentity: 'pool-00000000000000000000000000000000' })),
    );
    expect(unknownPool).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'pool' });
    const unknownSender = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', OriginationIdentity: 'Nobody' })));
    expect(unknownSender).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id', ResourceId: 'Nobody' });
    const wrongCountry = await rejection(
      sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+33612345678', OriginationIdentity: SIMULATOR_PHONE_NUMBER })),
    );
    expect(wrongCountry).toBeInstanceOf(ValidationException);
    expect(wrongCountry).toMatchObject({ Reason: 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', Fields: [{ Name: 'OriginationIdentity' }] });
    const senderWrongCountry = await rejection(
      sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+33612345678', OriginationIdentity: 'SendBrand' })),
    );
    expect(senderWrongCountry).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY' });
  });

  test('DryRun validates and records nothing', async () => {
    const before = (await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].counts.messages;
    const r = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', MessageBody: 'dry', DryRun: true }));
    expect(r.MessageId).toBeTruthy();
    expect((await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).status).toBe(404);
    expect((await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].counts.messages).toBe(before);
    const e = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14165550100', DryRun: true })));
    expect(e).toMatchObject({ Reason: 'NO_ORIGINATION_IDENTITIES_FOUND' });
  });

  test('opted-out destinations, blocked countries, unknown numbers, unknown configuration sets', async () => {
    expect((await sim.hook('POST', '/_eum/opt-outs', { phoneNumber: '+12065550199' })).status).toBe(200);
    const out = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550199', MessageBody: 'x' })));
    expect(out).toBeInstanceOf(ConflictException);
    expect(out).toMatchObject({ Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', ResourceType: 'opted-out-number', ResourceId: '+12065550199' });
    const cuba = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+5352345678', MessageBody: 'x' })));
    expect(cuba).toMatchObject({ name: 'ValidationException', Reason: 'DESTINATION_COUNTRY_BLOCKED' });
    const nowhere = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+999123456', MessageBody: 'x' })));
    expect(nowhere).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'DestinationPhoneNumber' }] });
    const noCs = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'nope' })));
    expect(noCs).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'nope' });
    const noProtect = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', ProtectConfigurationId: 'protect-1' })));
    expect(noProtect).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'protect-configuration' });
  });

  test('feedback: unknown id, not enabled, default from the configuration set', async () => {
    const unknown = await rejection(sms.send(new PutMessageFeedbackCommand({ MessageId: 'no-such-message', MessageFeedbackStatus: 'RECEIVED' })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown).toMatchObject({ ResourceType: 'message', ResourceId: 'no-such-message' });

    const plain = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', MessageBody: 'x' }));
    const notEnabled = await rejection(sms.send(new PutMessageFeedbackCommand({ MessageId: plain.MessageId, MessageFeedbackStatus: 'RECEIVED' })));
    expect(notEnabled).toBeInstanceOf(ValidationException);
    expect(notEnabled).toMatchObject({ Reason: 'INVALID_REQUEST', Fields: [{ Name: 'MessageId' }] });

    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'otp' }));
    const set = await sms.send(new SetDefaultMessageFeedbackEnabledCommand({ ConfigurationSetName: 'otp', MessageFeedbackEnabled: true }));
    expect(set).toMatchObject({
      ConfigurationSetName: 'otp',
      MessageFeedbackEnabled: true,
      ConfigurationSetArn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/otp',
    });
    const viaSet = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'otp', MessageBody: 'x' }));
    expect((await sms.send(new PutMessageFeedbackCommand({ MessageId: viaSet.MessageId, MessageFeedbackStatus: 'FAILED' }))).MessageFeedbackStatus).toBe(
      'FAILED',
    );
    // an explicit false wins over the set's default
    const off = await sms.send(
      new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'otp', MessageFeedbackEnabled: false }),
    );
    expect(await rejection(sms.send(new PutMessageFeedbackCommand({ MessageId: off.MessageId, MessageFeedbackStatus: 'RECEIVED' })))).toMatchObject({
      Reason: 'INVALID_REQUEST',
    });

    const missing = await rejection(sms.send(new SetDefaultMessageFeedbackEnabledCommand({ ConfigurationSetName: 'nope', MessageFeedbackEnabled: true })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set' });
  });

  test('a record not updated within an hour becomes FAILED on its own', async () => {
    const r = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', MessageFeedbackEnabled: true }));
    const advanced = await sim.hook('POST', '/_eum/clock', { advanceSeconds: 3599 });
    expect(advanced.body.offsetSeconds).toBeGreaterThanOrEqual(3599);
    expect((await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).body.feedbackStatus).toBe('PENDING');
    await sim.hook('POST', '/_eum/clock', { advanceSeconds: 1 });
    expect((await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).body.feedbackStatus).toBe('FAILED');
    expect((await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].messageFeedback.failed).toBeGreaterThanOrEqual(1);
  });
});

describe('configuration sets', () => {
  test('create, conflict, idempotent ClientToken, describe with filters and pages, delete', async () => {
    const created = await sms.send(
      new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-a', Tags: [{ Key: 'team', Value: 'otp' }], ClientToken: 'tok-cs-a' }),
    );
    expect(created).toMatchObject({
      ConfigurationSetName: 'cs-a',
      ConfigurationSetArn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/cs-a',
      Tags: [{ Key: 'team', Value: 'otp' }],
    });
    expect(created.CreatedTimestamp).toBeInstanceOf(Date);
    const replay = await sms.send(
      new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-a', Tags: [{ Key: 'team', Value: 'otp' }], ClientToken: 'tok-cs-a' }),
    );
    expect(replay.CreatedTimestamp).toEqual(created.CreatedTimestamp);
    const dup = await rejection(sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-a' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'configuration-set', ResourceId: 'cs-a' });
    const reused = await rejection(sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-other', ClientToken: 'tok-cs-a' })));
    expect(reused).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_REQUEST' });

    for (const n of ['cs-b', 'cs-c']) await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: n }));
    await sms.send(new SetDefaultMessageFeedbackEnabledCommand({ ConfigurationSetName: 'cs-b', MessageFeedbackEnabled: true }));
    const page1 = await sms.send(new DescribeConfigurationSetsCommand({ MaxResults: 2 }));
    expect(page1.ConfigurationSets).toHaveLength(2);
    expect(page1.NextToken).toBeTruthy();
    const page2 = await sms.send(new DescribeConfigurationSetsCommand({ MaxResults: 2, NextToken: page1.NextToken }));
    const all = [...page1.ConfigurationSets!, ...page2.ConfigurationSets!].map((c) => c.ConfigurationSetName);
    expect(all).toEqual(expect.arrayContaining(['cs-a', 'cs-b', 'cs-c']));
    const filtered = await sms.send(new DescribeConfigurationSetsCommand({ Filters: [{ Name: 'default-message-feedback-enabled', Values: ['true'] }] }));
    expect(filtered.ConfigurationSets!.map((c) => c.ConfigurationSetName)).toContain('cs-b');
    expect(filtered.ConfigurationSets!.map((c) => c.ConfigurationSetName)).not.toContain('cs-a');
    const byArn = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [created.ConfigurationSetArn!] }));
    expect(byArn.ConfigurationSets![0]).toMatchObject({ ConfigurationSetName: 'cs-a', EventDestinations: [] });
    const badToken = await rejection(sms.send(new DescribeConfigurationSetsCommand({ NextToken: 'garbage' })));
    expect(badToken).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_NEXT_TOKEN' });
    const unknown = await rejection(sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['nope'] })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'nope' });

    const deleted = await sms.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'cs-c' }));
    expect(deleted.ConfigurationSetName).toBe('cs-c');
    const gone = await rejection(sms.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'cs-c' })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'cs-c' });
  });

  test('at most 25 per account', async () => {
    const local = await startTestSim();
    const c = local.client();
    for (let i = 0; i < 25; i++) await c.send(new CreateConfigurationSetCommand({ ConfigurationSetName: `q${i}` }));
    const e = await rejection(c.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'q25' })));
    expect(e).toBeInstanceOf(ServiceQuotaExceededException);
    expect(e).toMatchObject({ Reason: 'CONFIGURATION_SETS_PER_ACCOUNT' });
    await local.close();
  });
});

describe('sender IDs', () => {
  test('request, idempotency, conflict, country rules', async () => {
    const r = await sms.send(
      new RequestSenderIdCommand({
        SenderId: 'Brand',
        IsoCountryCode: 'FR',
        MessageTypes: ['TRANSACTIONAL'],
        ClientToken: 'tok-brand-fr',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(r).toMatchObject({
      SenderIdArn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/Brand/FR',
      SenderId: 'Brand',
      IsoCountryCode: 'FR',
      MessageTypes: ['TRANSACTIONAL'],
      DeletionProtectionEnabled: false,
      Registered: false,
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(r.MonthlyLeasingPrice).toMatch(/^\d+\.\d{2}$/);
    const replay = await sms.send(
      new RequestSenderIdCommand({
        SenderId: 'Brand',
        IsoCountryCode: 'FR',
        MessageTypes: ['TRANSACTIONAL'],
        ClientToken: 'tok-brand-fr',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(replay.SenderIdArn).toBe(r.SenderIdArn);
    const listed = await sms.send(
      new DescribeSenderIdsCommand({
        Filters: [
          { Name: 'sender-id', Values: ['Brand'] },
          { Name: 'iso-country-code', Values: ['FR'] },
        ],
      }),
    );
    expect(listed.SenderIds).toHaveLength(1);

    const dup = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'FR' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'sender-id', ResourceId: 'Brand' });

    const reg = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'GB' })));
    expect(reg).toBeInstanceOf(ValidationException);
    expect(reg).toMatchObject({ Reason: 'SENDER_ID_REQUIRES_REGISTRATION', Fields: [{ Name: 'IsoCountryCode' }] });
    // AT: "yes" in the table, "registration required" on the newer region page: registration wins.
    expect(await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'AT' })))).toMatchObject({
      Reason: 'SENDER_ID_REQUIRES_REGISTRATION',
    });
    const us = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'US' })));
    expect(us).toMatchObject({ name: 'ValidationException', Reason: 'SENDER_ID_NOT_SUPPORTED' });
    const dash = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'My-Brand', IsoCountryCode: 'FR' })));
    expect(dash).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'SenderId' }] });
    const numeric = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: '12345', IsoCountryCode: 'DE' })));
    expect(numeric).toMatchObject({ Reason: 'INVALID_PARAMETER' });
    const nowhere = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'ZZ' })));
    expect(nowhere).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'IsoCountryCode' }] });
  });

  test('describe by id list, filters and pages; release with deletion protection', async () => {
    for (const cc of ['DE', 'NL', 'SE'])
      await sms.send(new RequestSenderIdCommand({ SenderId: 'Pager', IsoCountryCode: cc, DeletionProtectionEnabled: cc === 'SE' }));
    const byId = await sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: 'Pager', IsoCountryCode: 'NL' }] }));
    expect(byId.SenderIds).toEqual([expect.objectContaining({ SenderId: 'Pager', IsoCountryCode: 'NL', Registered: false })]);
    const missing = await rejection(sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: 'Pager', IsoCountryCode: 'PT' }] })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id' });
    const protectedOnes = await sms.send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'deletion-protection-enabled', Values: ['true'] }] }));
    expect(protectedOnes.SenderIds!.map((s) => s.IsoCountryCode)).toEqual(['SE']);
    const pages: string[] = [];
    for await (const page of paginateDescribeSenderIds({ client: sms, pageSize: 1 }, { Filters: [{ Name: 'sender-id', Values: ['Pager'] }] })) {
      expect(page.SenderIds!.length).toBeLessThanOrEqual(1);
      pages.push(...page.SenderIds!.map((s) => s.IsoCountryCode!));
    }
    expect(pages.sort()).toEqual(['DE', 'NL', 'SE']);

    const blocked = await rejection(sms.send(new ReleaseSenderIdCommand({ SenderId: 'Pager', IsoCountryCode: 'SE' })));
    expect(blocked).toBeInstanceOf(ConflictException);
    expect(blocked).toMatchObject({ Reason: 'DELETION_PROTECTION_ENABLED', ResourceType: 'sender-id', ResourceId: 'Pager' });
    const released = await sms.send(
      new ReleaseSenderIdCommand({ SenderId: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/Pager/NL', IsoCountryCode: 'NL' }),
    );
    expect(released).toMatchObject({ SenderId: 'Pager', IsoCountryCode: 'NL', Registered: false });
    const again = await rejection(sms.send(new ReleaseSenderIdCommand({ SenderId: 'Pager', IsoCountryCode: 'NL' })));
    expect(again).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id' });
  });

  test('state is kept per region', async () => {
    const london = sim.client('eu-west-2');
    const r = await london.send(new RequestSenderIdCommand({ SenderId: 'Regional', IsoCountryCode: 'DE' }));
    expect(r.SenderIdArn).toBe('arn:aws:sms-voice:eu-west-2:123456789012:sender-id/Regional/DE');
    expect((await london.send(new DescribeSenderIdsCommand({}))).SenderIds!.map((s) => s.SenderId)).toEqual(['Regional']);
    expect((await sms.send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'sender-id', Values: ['Regional'] }] }))).SenderIds).toEqual([]);
    // every region has its own SIMULATOR number
    const numbers = await london.send(new DescribePhoneNumbersCommand({}));
    expect(numbers.PhoneNumbers![0]).toMatchObject({ NumberType: 'SIMULATOR', PhoneNumberArn: expect.stringContaining(':eu-west-2:') });
    // an ARN of another region is not found here
    const elsewhere = await rejection(sms.send(new ListTagsForResourceCommand({ ResourceArn: r.SenderIdArn })));
    expect(elsewhere).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id' });
  });
});

describe('tags', () => {
  test('tag, list, untag on sender IDs, configuration sets and phone numbers', async () => {
    const sender = await sms.send(new RequestSenderIdCommand({ SenderId: 'Tagged', IsoCountryCode: 'DE' }));
    const cs = await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tagged' }));
    const phone = (await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers![0];
    for (const arn of [sender.SenderIdArn!, cs.ConfigurationSetArn!, phone.PhoneNumberArn!]) {
      await sms.send(
        new TagResourceCommand({
          ResourceArn: arn,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
          ],
        }),
      );
      await sms.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '3' }] }));
      expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
        { Key: 'a', Value: '3' },
        { Key: 'b', Value: '2' },
      ]);
      await sms.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
      const listed = await sms.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
      expect(listed).toMatchObject({ ResourceArn: arn, Tags: [{ Key: 'b', Value: '2' }] });
    }
  });

  test('unknown resources and bad ARNs', async () => {
    const missing = await rejection(
      sms.send(new TagResourceCommand({ ResourceArn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/Ghost/DE', Tags: [{ Key: 'a', Value: '1' }] })),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({ ResourceType: 'sender-id', ResourceId: 'Ghost/DE' });
    const bad = await rejection(sms.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:s3:::some-bucket-name' })));
    expect(bad).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_ARN' });
    const untagMissing = await rejection(
      sms.send(new UntagResourceCommand({ ResourceArn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/ghost', TagKeys: ['a'] })),
    );
    expect(untagMissing).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'ghost' });
  });
});

describe('account, phone numbers, pools', () => {
  test('account attributes and spend limits of the default (ready) account', async () => {
    expect((await sms.send(new DescribeAccountAttributesCommand({}))).AccountAttributes).toEqual([{ Name: 'ACCOUNT_TIER', Value: 'PRODUCTION' }]);
    const limits = await sms.send(new DescribeSpendLimitsCommand({}));
    expect(limits.SpendLimits).toContainEqual({ Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 1000, MaxLimit: 1000, Overridden: false });
    const page = await sms.send(new DescribeSpendLimitsCommand({ MaxResults: 1 }));
    expect(page.SpendLimits).toHaveLength(1);
    expect(page.NextToken).toBeTruthy();
  });

  test('the SIMULATOR number, with filters and unknown ids; no pools', async () => {
    const numbers = await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'number-type', Values: ['SIMULATOR'] }] }));
    expect(numbers.PhoneNumbers).toHaveLength(1);
    expect(numbers.PhoneNumbers![0]).toMatchObject({
      PhoneNumber: SIMULATOR_PHONE_NUMBER,
      IsoCountryCode: 'US',
      Status: 'ACTIVE',
      NumberCapabilities: ['SMS', 'VOICE'],
    });
    expect(numbers.PhoneNumbers![0].CreatedTimestamp).toBeInstanceOf(Date);
    expect((await sms.send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'iso-country-code', Values: ['GB'] }] }))).PhoneNumbers).toEqual([]);
    const unknown = await rejection(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: ['phone-11111111111111111111111111111111'] })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'phone-number' });
    expect((await sms.send(new DescribePoolsCommand({}))).Pools).toEqual([]);
    const noPool = await rejection(sms.send(new DescribePoolsCommand({ PoolIds: ['pool-11111111111111111111111111111111'] })));
    expect(noPool).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'pool' });
  });

  test('every error is a service exception with a request id', async () => {
    const e = await rejection(sms.send(new DescribePoolsCommand({ PoolIds: ['pool-x'] })));
    expect(e).toBeInstanceOf(PinpointSMSVoiceV2ServiceException);
    expect(e.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.$fault).toBe('client');
  });
});

describe('pools as origination identities', () => {
  test('a pool sends from a member that reaches the country, else a shared route if enabled', async () => {
    const { createMemoryStore, freshState } = await import('../../src/sim/index.js');
    const state = freshState(new Date('2026-11-23T10:00:00Z'));
    const region = state.regions['us-east-1'];
    const phone = Object.values(region.phoneNumbers)[0];
    const poolId = 'pool-0123456789abcdef0123456789abcdef';
    region.pools[poolId] = {
      id: poolId,
      arn: `arn:aws:sms-voice:us-east-1:123456789012:pool/${poolId}`,
      status: 'ACTIVE',
      messageType: 'TRANSACTIONAL',
      twoWayEnabled: false,
      selfManagedOptOutsEnabled: false,
      optOutListName: 'Default',
      sharedRoutesEnabled: true,
      deletionProtectionEnabled: false,
      originationIdentities: [phone.arn],
      keywords: {},
      createdAt: state.createdAt,
    };
    const local = await startTestSim({}, createMemoryStore(state));
    const c = local.client();
    expect((await c.send(new DescribePoolsCommand({}))).Pools).toEqual([
      expect.objectContaining({ PoolId: poolId, SharedRoutesEnabled: true, Status: 'ACTIVE' }),
    ]);
    const us = await c.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14254147755', OriginationIdentity: poolId }));
    expect((await local.hook('GET', `/_eum/messages/${us.MessageId}`)).body.origination).toMatchObject({ type: 'phone-number', id: phone.id });
    const de = await c.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', OriginationIdentity: region.pools[poolId].arn }));
    expect((await local.hook('GET', `/_eum/messages/${de.MessageId}`)).body.origination).toMatchObject({ type: 'shared-route' });
    const ca = await rejection(c.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+14165550100', OriginationIdentity: poolId })));
    expect(ca).toMatchObject({ name: 'ConflictException', Reason: 'NO_ORIGINATION_IDENTITIES_FOUND', ResourceType: 'pool', ResourceId: poolId });
    // a sender-ID ARN names its country
    const sender = await c.send(new RequestSenderIdCommand({ SenderId: 'ArnSender', IsoCountryCode: 'DE' }));
    const viaArn = await c.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', OriginationIdentity: sender.SenderIdArn }));
    expect((await local.hook('GET', `/_eum/messages/${viaArn.MessageId}`)).body.origination).toMatchObject({ type: 'sender-id', value: 'ArnSender' });
    expect(
      await rejection(c.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+33612345678', OriginationIdentity: sender.SenderIdArn }))),
    ).toMatchObject({
      Reason: 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY',
    });
    await local.close();
  });
});
