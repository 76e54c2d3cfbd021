// Conformance: the real AWS CLI (botocore, with its own copy of the model) against the simulator,
// for every implemented operation, success and error. botocore parses the wire independently of
// the SDK v3, so both agreeing is the check of wire fidelity. The CLI calls run concurrently (each
// costs ~0.5-1 s of Python start-up); the state they need is set up through the SDK first.
import { describeWithAwsCli, runAwsCli, type CliResult } from '../helpers/aws-cli.js';
import {
  CreateConfigurationSetCommand,
  DescribeConfigurationSetsCommand,
  DescribeSenderIdsCommand,
  ListTagsForResourceCommand,
  RequestSenderIdCommand,
  SendTextMessageCommand,
  TagResourceCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestSim, type TestSim } from './helpers.js';

const ARN = 'arn:aws:sms-voice:us-east-1:123456789012';
let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;
const results = new Map<string, CliResult>();
const ids: Record<string, string> = {};

/** One CLI call per entry: name -> arguments (the region defaults to us-east-1). */
function calls(): Record<string, string[]> {
  return {
    'send ok': ['send-text-message', '--destination-phone-number', '+12065550142', '--message-body', 'hello', '--message-feedback-enabled'],
    'send dry run': ['send-text-message', '--destination-phone-number', '+12065550142', '--dry-run'],
    'send bad number': ['send-text-message', '--destination-phone-number', 'abc'],
    'send no identity': ['send-text-message', '--destination-phone-number', '+14165550100'],
    'send opted out': ['send-text-message', '--destination-phone-number', '+12065550199'],
    'send unknown identity': [
      'send-text-message',
      '--destination-phone-number',
      '+12065550142',
      '--origination-identity',
      'phone-00000000000000000000000000000000',
    ],
    'feedback ok': ['put-message-feedback', '--message-id', ids.feedbackMessage, '--message-feedback-status', 'RECEIVED'],
    'feedback unknown': ['put-message-feedback', '--message-id', 'no-such-message', '--message-feedback-status', 'FAILED'],
    'feedback not enabled': ['put-message-feedback', '--message-id', ids.plainMessage, '--message-feedback-status', 'RECEIVED'],
    'feedback bad status': ['put-message-feedback', '--message-id', ids.feedbackMessage, '--message-feedback-status', 'DELIVERED'],
    'default feedback ok': ['set-default-message-feedback-enabled', '--configuration-set-name', 'cli-cs', '--message-feedback-enabled'],
    'default feedback unknown': ['set-default-message-feedback-enabled', '--configuration-set-name', 'nope', '--no-message-feedback-enabled'],
    'create cs ok': ['create-configuration-set', '--configuration-set-name', 'cli-new', '--tags', 'Key=team,Value=otp'],
    'create cs conflict': ['create-configuration-set', '--configuration-set-name', 'cli-cs'],
    'describe cs ok': ['describe-configuration-sets', '--configuration-set-names', 'cli-cs'],
    'describe cs unknown': ['describe-configuration-sets', '--configuration-set-names', 'nope'],
    'delete cs ok': ['delete-configuration-set', '--configuration-set-name', 'cli-doomed'],
    'delete cs unknown': ['delete-configuration-set', '--configuration-set-name', 'nope'],
    'request sender ok': [
      'request-sender-id',
      '--sender-id',
      'CliBrand',
      '--iso-country-code',
      'DE',
      '--message-types',
      'TRANSACTIONAL',
      '--client-token',
      'cli-token-1',
    ],
    'request sender registration': ['request-sender-id', '--sender-id', 'CliBrand', '--iso-country-code', 'GB'],
    'request sender unsupported': ['request-sender-id', '--sender-id', 'CliBrand', '--iso-country-code', 'US'],
    'request sender conflict': ['request-sender-id', '--sender-id', 'Existing', '--iso-country-code', 'DE'],
    'describe senders ok': ['describe-sender-ids', '--filters', 'Name=sender-id,Values=Existing'],
    'describe senders unknown': ['describe-sender-ids', '--sender-ids', 'SenderId=Ghost,IsoCountryCode=DE'],
    'describe senders bad token': ['describe-sender-ids', '--next-token', 'garbage', '--no-paginate'],
    'release sender ok': ['release-sender-id', '--sender-id', 'Releasable', '--iso-country-code', 'DE'],
    'release sender protected': ['release-sender-id', '--sender-id', 'Protected', '--iso-country-code', 'DE'],
    'release sender unknown': ['release-sender-id', '--sender-id', 'Ghost', '--iso-country-code', 'DE'],
    'tag ok': ['tag-resource', '--resource-arn', `${ARN}:sender-id/TagMe/DE`, '--tags', 'Key=env,Value=test'],
    'tag unknown': ['tag-resource', '--resource-arn', `${ARN}:sender-id/Ghost/DE`, '--tags', 'Key=env,Value=test'],
    'untag ok': ['untag-resource', '--resource-arn', `${ARN}:sender-id/UntagMe/DE`, '--tag-keys', 'drop'],
    'list tags ok': ['list-tags-for-resource', '--resource-arn', `${ARN}:configuration-set/cli-cs`],
    'list tags bad arn': ['list-tags-for-resource', '--resource-arn', 'arn:aws:s3:::a-bucket-name'],
    'account attributes': ['describe-account-attributes'],
    'spend limits': ['describe-spend-limits'],
    'phone numbers ok': ['describe-phone-numbers'],
    'phone numbers unknown': ['describe-phone-numbers', '--phone-number-ids', 'phone-11111111111111111111111111111111'],
    'pools ok': ['describe-pools'],
    'pools unknown': ['describe-pools', '--pool-ids', 'pool-11111111111111111111111111111111'],
    'other region': ['describe-phone-numbers', '--region', 'eu-west-2'],
    unsigned: ['describe-pools', '--no-sign-request'],
  };
}

function runCli(args: string[]): Promise<CliResult> {
  return runAwsCli(sim.server.endpoint, args);
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** The CLI's service-error exit status: 255 for v1, 254 for v2. */
const SERVICE_ERROR = [254, 255];

/** An AWS CLI older than the operation (e.g. Debian's 2.9 has no PutMessageFeedback) says so plainly. */
function result(name: string): CliResult {
  const r = results.get(name)!;
  if (/Invalid choice|Unknown options/.test(r.stderr)) {
    throw new Error(
      `the installed AWS CLI does not know this operation or option (${r.stderr.trim().split('\n').pop()}); install a current one: pip install awscli`,
    );
  }
  return r;
}

function expectError(name: string, errorType: string, operation: string, message?: RegExp): void {
  const r = result(name);
  expect(SERVICE_ERROR, `${name}: exit ${r.code}, stderr ${r.stderr}`).toContain(r.code);
  expect(r.stderr).toContain(`An error occurred (${errorType}) when calling the ${operation} operation`);
  if (message) expect(r.stderr).toMatch(message);
}

function ok(name: string): any {
  const r = result(name);
  expect(r.code, `${name}: ${r.stderr}`).toBe(0);
  return r.json;
}

describeWithAwsCli('the AWS CLI against the simulator', () => {
  beforeAll(async () => {
    sim = await startTestSim();
    sms = sim.client();
    ids.feedbackMessage = (await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', MessageFeedbackEnabled: true }))).MessageId!;
    ids.plainMessage = (await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142' }))).MessageId!;
    await sim.hook('POST', '/_eum/opt-outs', { phoneNumber: '+12065550199' });
    for (const name of ['cli-cs', 'cli-doomed']) await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name }));
    await sms.send(new TagResourceCommand({ ResourceArn: `${ARN}:configuration-set/cli-cs`, Tags: [{ Key: 'owner', Value: 'cli' }] }));
    for (const s of ['Existing', 'Releasable', 'TagMe', 'UntagMe']) await sms.send(new RequestSenderIdCommand({ SenderId: s, IsoCountryCode: 'DE' }));
    await sms.send(new RequestSenderIdCommand({ SenderId: 'Protected', IsoCountryCode: 'DE', DeletionProtectionEnabled: true }));
    await sms.send(
      new TagResourceCommand({
        ResourceArn: `${ARN}:sender-id/UntagMe/DE`,
        Tags: [
          { Key: 'drop', Value: '1' },
          { Key: 'keep', Value: '2' },
        ],
      }),
    );
    await pool(Object.entries(calls()), 6, async ([name, args]) => {
      results.set(name, await runCli(args));
    });
  }, 180_000);
  afterAll(() => sim?.close());

  test('SendTextMessage', () => {
    expect(ok('send ok').MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok('send dry run').MessageId).toBeTruthy();
    expectError(
      'send bad number',
      'ValidationException',
      'SendTextMessage',
      /1 validation error detected: Value 'abc' at 'destinationPhoneNumber' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    expectError('send no identity', 'ConflictException', 'SendTextMessage', /No origination identities found that can send to CA/);
    expectError('send opted out', 'ConflictException', 'SendTextMessage', /has opted out/);
    expectError('send unknown identity', 'ResourceNotFoundException', 'SendTextMessage');
  });

  test('PutMessageFeedback', () => {
    expect(ok('feedback ok')).toEqual({ MessageId: ids.feedbackMessage, MessageFeedbackStatus: 'RECEIVED' });
    expectError('feedback unknown', 'ResourceNotFoundException', 'PutMessageFeedback', /Message no-such-message not found/);
    expectError('feedback not enabled', 'ValidationException', 'PutMessageFeedback', /Message feedback is not enabled/);
    expectError('feedback bad status', 'ValidationException', 'PutMessageFeedback', /Member must satisfy enum value set: \[RECEIVED, FAILED\]/);
  });

  test('SetDefaultMessageFeedbackEnabled', () => {
    expect(ok('default feedback ok')).toEqual({
      ConfigurationSetArn: `${ARN}:configuration-set/cli-cs`,
      ConfigurationSetName: 'cli-cs',
      MessageFeedbackEnabled: true,
    });
    expectError('default feedback unknown', 'ResourceNotFoundException', 'SetDefaultMessageFeedbackEnabled');
  });

  test('configuration sets', async () => {
    expect(ok('create cs ok')).toMatchObject({
      ConfigurationSetName: 'cli-new',
      ConfigurationSetArn: `${ARN}:configuration-set/cli-new`,
      Tags: [{ Key: 'team', Value: 'otp' }],
    });
    expect(ok('create cs ok').CreatedTimestamp).toBeTruthy();
    expectError('create cs conflict', 'ConflictException', 'CreateConfigurationSet', /already exists/);
    expect(ok('describe cs ok').ConfigurationSets).toEqual([expect.objectContaining({ ConfigurationSetName: 'cli-cs', EventDestinations: [] })]);
    expectError('describe cs unknown', 'ResourceNotFoundException', 'DescribeConfigurationSets');
    expect(ok('delete cs ok')).toMatchObject({ ConfigurationSetName: 'cli-doomed' });
    expectError('delete cs unknown', 'ResourceNotFoundException', 'DeleteConfigurationSet');
    const left = await sms.send(new DescribeConfigurationSetsCommand({}));
    expect(left.ConfigurationSets!.map((c) => c.ConfigurationSetName)).not.toContain('cli-doomed');
  });

  test('sender IDs', async () => {
    expect(ok('request sender ok')).toMatchObject({
      SenderIdArn: `${ARN}:sender-id/CliBrand/DE`,
      SenderId: 'CliBrand',
      IsoCountryCode: 'DE',
      MessageTypes: ['TRANSACTIONAL'],
      Registered: false,
      DeletionProtectionEnabled: false,
      MonthlyLeasingPrice: expect.stringMatching(/^\d+\.\d\d$/),
    });
    expectError('request sender registration', 'ValidationException', 'RequestSenderId', /require registration/);
    expectError('request sender unsupported', 'ValidationException', 'RequestSenderId', /not supported/);
    expectError('request sender conflict', 'ConflictException', 'RequestSenderId', /already exists/);
    expect(ok('describe senders ok').SenderIds).toEqual([expect.objectContaining({ SenderId: 'Existing', IsoCountryCode: 'DE' })]);
    expectError('describe senders unknown', 'ResourceNotFoundException', 'DescribeSenderIds');
    expectError('describe senders bad token', 'ValidationException', 'DescribeSenderIds', /NextToken is not valid/);
    expect(ok('release sender ok')).toMatchObject({ SenderId: 'Releasable', IsoCountryCode: 'DE' });
    expectError('release sender protected', 'ConflictException', 'ReleaseSenderId', /deletion protection/);
    expectError('release sender unknown', 'ResourceNotFoundException', 'ReleaseSenderId');
    const left = await sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: 'Protected', IsoCountryCode: 'DE' }] }));
    expect(left.SenderIds).toHaveLength(1);
  });

  test('tags', async () => {
    expect(ok('tag ok') ?? {}).toEqual({});
    expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:sender-id/TagMe/DE` }))).Tags).toEqual([{ Key: 'env', Value: 'test' }]);
    expectError('tag unknown', 'ResourceNotFoundException', 'TagResource');
    expect(ok('untag ok') ?? {}).toEqual({});
    expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:sender-id/UntagMe/DE` }))).Tags).toEqual([{ Key: 'keep', Value: '2' }]);
    expect(ok('list tags ok')).toEqual({ ResourceArn: `${ARN}:configuration-set/cli-cs`, Tags: [{ Key: 'owner', Value: 'cli' }] });
    expectError('list tags bad arn', 'ValidationException', 'ListTagsForResource', /is not valid/);
  });

  test('account, phone numbers, pools, regions', () => {
    expect(ok('account attributes')).toEqual({ AccountAttributes: [{ Name: 'ACCOUNT_TIER', Value: 'PRODUCTION' }] });
    expect(ok('spend limits').SpendLimits).toContainEqual({ Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 1000, MaxLimit: 1000, Overridden: false });
    expect(ok('phone numbers ok').PhoneNumbers).toEqual([
      expect.objectContaining({ PhoneNumber: '+12065550100', NumberType: 'SIMULATOR', Status: 'ACTIVE' }),
      expect.objectContaining({ PhoneNumber: '+18335550100', NumberType: 'TOLL_FREE', Status: 'ACTIVE' }),
    ]);
    expectError('phone numbers unknown', 'ResourceNotFoundException', 'DescribePhoneNumbers');
    expect(ok('pools ok')).toEqual({ Pools: [] });
    expectError('pools unknown', 'ResourceNotFoundException', 'DescribePools');
    expect(ok('other region').PhoneNumbers[0].PhoneNumberArn).toContain(':eu-west-2:');
  });

  test('an unsigned request is refused as the service refuses it', () => {
    expectError('unsigned', 'MissingAuthenticationTokenException', 'DescribePools', /Request is missing Authentication Token/);
  });

  test('the simulator logged every CLI call with its region', async () => {
    const log: { operation: string; region: string | null }[] = (await sim.hook('GET', '/_eum/requests')).body.requests;
    expect(log.filter((r) => r.region === 'eu-west-2').map((r) => r.operation)).toEqual(['DescribePhoneNumbers']);
    expect(log.length).toBeGreaterThanOrEqual(Object.keys(calls()).length);
  });
});
