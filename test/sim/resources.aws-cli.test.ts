// Conformance of the resource operations through the real AWS CLI (botocore parses the wire with
// its own copy of the model): successes and modelled errors for phone numbers, pools, opt-out
// lists, keywords, configuration-set defaults, event destinations, verified destinations, account
// and spend limits, resource policies. State is set up through the SDK; the CLI calls run
// concurrently. ListAvailablePhoneNumbers and the RCS spend limits are newer than the installed
// CLI: resources.test.ts covers them through the SDK.
import {
  CreateConfigurationSetCommand,
  DescribeConfigurationSetsCommand,
  DescribeSpendLimitsCommand,
  DescribeVerifiedDestinationNumbersCommand,
  PutResourcePolicyCommand,
  SetDefaultMessageTypeCommand,
  CreateEventDestinationCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateVerifiedDestinationNumberCommand,
  PutOptedOutNumberCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithAwsCli, runAwsCli, type CliResult } from '../helpers/aws-cli.js';
import { startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;
const results = new Map<string, CliResult>();
const ids: Record<string, string> = {};

function calls(): Record<string, string[]> {
  const sns = 'TopicArn=arn:aws:sns:us-east-1:123456789012:events';
  return {
    'request number': [
      'request-phone-number',
      '--iso-country-code',
      'US',
      '--message-type',
      'TRANSACTIONAL',
      '--number-capabilities',
      'SMS',
      '--number-type',
      'TOLL_FREE',
    ],
    'request simulator GB': [
      'request-phone-number',
      '--iso-country-code',
      'GB',
      '--message-type',
      'TRANSACTIONAL',
      '--number-capabilities',
      'SMS',
      '--number-type',
      'SIMULATOR',
    ],
    'update number': ['update-phone-number', '--phone-number-id', ids.caNumber, '--deletion-protection-enabled'],
    'release unknown': ['release-phone-number', '--phone-number-id', 'phone-11111111111111111111111111111111'],
    'carrier lookup': ['carrier-lookup', '--phone-number', '+12065550142'],
    'update sender': ['update-sender-id', '--sender-id', 'CliSender', '--iso-country-code', 'DE', '--deletion-protection-enabled'],
    'create pool conflict': ['create-pool', '--origination-identity', ids.pooledNumber, '--message-type', 'TRANSACTIONAL'],
    associate: ['associate-origination-identity', '--pool-id', ids.pool, '--origination-identity', 'CliSender', '--iso-country-code', 'DE'],
    'list pool members': ['list-pool-origination-identities', '--pool-id', ids.pool],
    'disassociate not member': ['disassociate-origination-identity', '--pool-id', ids.pool, '--origination-identity', ids.caNumber],
    'update pool': ['update-pool', '--pool-id', ids.pool, '--shared-routes-enabled'],
    'delete pool unknown': ['delete-pool', '--pool-id', 'pool-11111111111111111111111111111111'],
    'create list': ['create-opt-out-list', '--opt-out-list-name', 'cli-list'],
    'create list conflict': ['create-opt-out-list', '--opt-out-list-name', 'existing-list'],
    'describe lists': ['describe-opt-out-lists'],
    'put opted out': ['put-opted-out-number', '--opt-out-list-name', 'existing-list', '--opted-out-number', '+12065550150'],
    'describe opted out': ['describe-opted-out-numbers', '--opt-out-list-name', 'existing-list', '--opted-out-numbers', '+12065550149'],
    'delete opted out unknown': ['delete-opted-out-number', '--opt-out-list-name', 'existing-list', '--opted-out-number', '+12065550160'],
    'delete Default list': ['delete-opt-out-list', '--opt-out-list-name', 'Default'],
    'put keyword': [
      'put-keyword',
      '--origination-identity',
      ids.caNumber,
      '--keyword',
      'INFO',
      '--keyword-message',
      'Call 555-0199',
      '--keyword-action',
      'AUTOMATIC_RESPONSE',
    ],
    'describe keywords': ['describe-keywords', '--origination-identity', ids.tollFree],
    'delete STOP': ['delete-keyword', '--origination-identity', ids.caNumber, '--keyword', 'STOP'],
    'set default type': ['set-default-message-type', '--configuration-set-name', 'cli-cs', '--message-type', 'PROMOTIONAL'],
    'delete default sender': ['delete-default-sender-id', '--configuration-set-name', 'cli-cs'],
    'create destination': [
      'create-event-destination',
      '--configuration-set-name',
      'cli-cs',
      '--event-destination-name',
      'cli-dest',
      '--matching-event-types',
      'ALL',
      '--sns-destination',
      sns,
    ],
    'update destination unknown': ['update-event-destination', '--configuration-set-name', 'cli-cs', '--event-destination-name', 'ghost', '--no-enabled'],
    'delete destination': ['delete-event-destination', '--configuration-set-name', 'cli-cs', '--event-destination-name', 'existing-dest'],
    'create verified': ['create-verified-destination-number', '--destination-phone-number', '+12065550170'],
    'send code': ['send-destination-number-verification-code', '--verified-destination-number-id', ids.verified, '--verification-channel', 'TEXT'],
    'verify unsent': ['verify-destination-number', '--verified-destination-number-id', ids.unsent, '--verification-code', '123456'],
    'describe verified': ['describe-verified-destination-numbers', '--filters', 'Name=status,Values=PENDING'],
    'account limits': ['describe-account-limits'],
    'spend override too high': ['set-text-message-spend-limit-override', '--monthly-limit', '100000'],
    'delete voice override': ['delete-voice-message-spend-limit-override'],
    'put policy': ['put-resource-policy', '--resource-arn', ids.tollFreeArn, '--policy', '{"Version":"2012-10-17","Statement":[]}'],
    'delete policy unknown': ['delete-resource-policy', '--resource-arn', ids.caNumberArn],
    'tag aws key': ['tag-resource', '--resource-arn', ids.caNumberArn, '--tags', 'Key=aws:reserved,Value=x'],
    'set default sender': ['set-default-sender-id', '--configuration-set-name', 'cli-cs2', '--sender-id', 'CliSender'],
    'delete default type': ['delete-default-message-type', '--configuration-set-name', 'cli-typed'],
    'delete unverified': ['delete-verified-destination-number', '--verified-destination-number-id', ids.deletable],
    'delete verified too early': ['delete-verified-destination-number', '--verified-destination-number-id', ids.verifiedDone],
    'get policy': ['get-resource-policy', '--resource-arn', ids.pooledNumberArn],
    'get policy none': ['get-resource-policy', '--resource-arn', ids.caNumberArn],
    'set media override': ['set-media-message-spend-limit-override', '--monthly-limit', '10'],
    'set notify override': ['set-notify-message-spend-limit-override', '--monthly-limit', '20'],
    'delete text override none': ['delete-text-message-spend-limit-override'],
  };
}

/** Calls that must follow the first batch (they read what it changed). */
function followUps(): Record<string, string[]> {
  return {
    'set voice override': ['set-voice-message-spend-limit-override', '--monthly-limit', '30'],
    'delete media override': ['delete-media-message-spend-limit-override'],
    'delete notify override': ['delete-notify-message-spend-limit-override'],
  };
}

const SERVICE_ERROR = [254, 255];
const POLICY = '{"Version":"2012-10-17","Statement":[]}';

function result(name: string): CliResult {
  const r = results.get(name)!;
  if (/Invalid choice|Unknown options/.test(r.stderr))
    throw new Error(
      `the installed AWS CLI does not know this operation or option (${r.stderr.trim().split('\n').pop()}); install a current one: pip install awscli`,
    );
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

describeWithAwsCli('the AWS CLI against the resource operations', () => {
  beforeAll(async () => {
    sim = await startTestSim();
    sms = sim.client();
    const ca = await sms.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'CA', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'LONG_CODE' }),
    );
    ids.caNumber = ca.PhoneNumberId!;
    ids.caNumberArn = ca.PhoneNumberArn!;
    const pooled = await sms.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'CA', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'LONG_CODE' }),
    );
    ids.pooledNumber = pooled.PhoneNumberId!;
    ids.pooledNumberArn = pooled.PhoneNumberArn!;
    await sms.send(new PutResourcePolicyCommand({ ResourceArn: pooled.PhoneNumberArn, Policy: POLICY }));
    ids.pool = (await sms.send(new CreatePoolCommand({ OriginationIdentity: pooled.PhoneNumberId, MessageType: 'TRANSACTIONAL' }))).PoolId!;
    await sms.send(new RequestSenderIdCommand({ SenderId: 'CliSender', IsoCountryCode: 'DE' }));
    const tfn = (await sim.store.transact((s) => Object.values(s.regions['us-east-1'].phoneNumbers).find((p) => p.numberType === 'TOLL_FREE')))!;
    ids.tollFree = tfn.id;
    ids.tollFreeArn = tfn.arn;
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'existing-list' }));
    await sms.send(new PutOptedOutNumberCommand({ OptOutListName: 'existing-list', OptedOutNumber: '+12065550149' }));
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cli-cs' }));
    await sms.send(
      new CreateEventDestinationCommand({
        ConfigurationSetName: 'cli-cs',
        EventDestinationName: 'existing-dest',
        MatchingEventTypes: ['ALL'],
        SnsDestination: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:events' },
      }),
    );
    ids.verified = (await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550171' }))).VerifiedDestinationNumberId!;
    ids.unsent = (await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550172' }))).VerifiedDestinationNumberId!;
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cli-cs2' }));
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cli-typed' }));
    await sms.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: 'cli-typed', MessageType: 'PROMOTIONAL' }));
    ids.deletable = (await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550173' }))).VerifiedDestinationNumberId!;
    ids.verifiedDone = (await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550174' }))).VerifiedDestinationNumberId!;
    await sim.store.transact((s) => {
      s.regions['us-east-1'].verifiedDestinations[ids.verifiedDone].status = 'VERIFIED';
    });
    for (const batch of [calls(), followUps()]) {
      const entries = Object.entries(batch);
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < entries.length) {
            const [name, args] = entries[next++];
            results.set(name, await runAwsCli(sim.server.endpoint, args));
          }
        }),
      );
    }
  }, 240_000);
  afterAll(() => sim?.close());

  test('phone numbers and sender IDs', () => {
    expect(ok('request number')).toMatchObject({ Status: 'PENDING', NumberType: 'TOLL_FREE', OptOutListName: 'Default', TwoWayEnabled: false });
    expectError('request simulator GB', 'ValidationException', 'RequestPhoneNumber', /US only/);
    expect(ok('update number')).toMatchObject({ PhoneNumberId: ids.caNumber, DeletionProtectionEnabled: true });
    expectError('release unknown', 'ResourceNotFoundException', 'ReleasePhoneNumber');
    expect(ok('carrier lookup')).toMatchObject({ E164PhoneNumber: '+12065550142', IsoCountryCode: 'US', PhoneNumberType: 'MOBILE' });
    expect(ok('update sender')).toMatchObject({ SenderId: 'CliSender', DeletionProtectionEnabled: true, Registered: false });
  });

  test('pools', () => {
    expectError('create pool conflict', 'ConflictException', 'CreatePool', /already in pool/);
    expect(ok('associate')).toMatchObject({ PoolId: ids.pool, OriginationIdentity: 'CliSender', IsoCountryCode: 'DE' });
    expect(ok('list pool members').OriginationIdentities.length).toBeGreaterThanOrEqual(1);
    expectError('disassociate not member', 'ConflictException', 'DisassociateOriginationIdentity');
    expect(ok('update pool')).toMatchObject({ PoolId: ids.pool, SharedRoutesEnabled: true });
    expectError('delete pool unknown', 'ResourceNotFoundException', 'DeletePool');
  });

  test('opt-out lists and keywords', () => {
    expect(ok('create list')).toMatchObject({ OptOutListName: 'cli-list' });
    expectError('create list conflict', 'ConflictException', 'CreateOptOutList');
    expect(ok('describe lists').OptOutLists.map((l: { OptOutListName: string }) => l.OptOutListName)).toContain('Default');
    expect(ok('put opted out')).toMatchObject({ OptedOutNumber: '+12065550150', EndUserOptedOut: false });
    expect(ok('describe opted out').OptedOutNumbers).toEqual([expect.objectContaining({ OptedOutNumber: '+12065550149' })]);
    expectError('delete opted out unknown', 'ResourceNotFoundException', 'DeleteOptedOutNumber');
    expectError('delete Default list', 'ConflictException', 'DeleteOptOutList');
    expect(ok('put keyword')).toMatchObject({ Keyword: 'INFO', KeywordAction: 'AUTOMATIC_RESPONSE' });
    expect(ok('describe keywords').Keywords.map((k: { Keyword: string }) => k.Keyword)).toEqual(['HELP', 'STOP']);
    expectError('delete STOP', 'ConflictException', 'DeleteKeyword');
  });

  test('configuration sets and event destinations', async () => {
    expect(ok('set default type')).toMatchObject({ ConfigurationSetName: 'cli-cs', MessageType: 'PROMOTIONAL' });
    expect(ok('set default sender')).toMatchObject({ ConfigurationSetName: 'cli-cs2', SenderId: 'CliSender' });
    expect(ok('delete default type')).toMatchObject({ ConfigurationSetName: 'cli-typed', MessageType: 'PROMOTIONAL' });
    const sets = (await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['cli-cs2', 'cli-typed'] }))).ConfigurationSets!;
    expect(sets.map((c) => [c.ConfigurationSetName, c.DefaultSenderId, c.DefaultMessageType])).toEqual([
      ['cli-cs2', 'CliSender', undefined],
      ['cli-typed', undefined, undefined],
    ]);
    expect(ok('delete default sender')).toMatchObject({ ConfigurationSetName: 'cli-cs' });
    expect(ok('create destination').EventDestination).toMatchObject({ EventDestinationName: 'cli-dest', Enabled: true, MatchingEventTypes: ['ALL'] });
    expectError('update destination unknown', 'ResourceNotFoundException', 'UpdateEventDestination');
    expect(ok('delete destination').EventDestination.EventDestinationName).toBe('existing-dest');
  });

  test('verified destination numbers', async () => {
    expect(ok('create verified')).toMatchObject({ DestinationPhoneNumber: '+12065550170', Status: 'PENDING' });
    expect(ok('send code').MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expectError('verify unsent', 'ValidationException', 'VerifyDestinationNumber');
    expect(ok('describe verified').VerifiedDestinationNumbers.length).toBeGreaterThanOrEqual(2);
    expect(ok('delete unverified')).toMatchObject({ VerifiedDestinationNumberId: ids.deletable, DestinationPhoneNumber: '+12065550173' });
    expectError('delete verified too early', 'ConflictException', 'DeleteVerifiedDestinationNumber', /24 hours/);
    const left = (await sms.send(new DescribeVerifiedDestinationNumbersCommand({}))).VerifiedDestinationNumbers!.map((v) => v.VerifiedDestinationNumberId);
    expect(left).toContain(ids.verifiedDone);
    expect(left).not.toContain(ids.deletable);
  });

  test('account, spend limits, resource policies, reserved tag keys', async () => {
    expect(ok('account limits').AccountLimits).toContainEqual({ Name: 'SENDER_IDS', Used: 1, Max: 200 });
    expectError('spend override too high', 'ValidationException', 'SetTextMessageSpendLimitOverride');
    expect(ok('delete voice override') ?? {}).toEqual({});
    expect(ok('put policy')).toMatchObject({ ResourceArn: ids.tollFreeArn });
    expect(ok('get policy')).toEqual({ ResourceArn: ids.pooledNumberArn, Policy: POLICY });
    expect(ok('get policy none')).toEqual({ ResourceArn: ids.caNumberArn });
    expect(ok('set media override')).toEqual({ MonthlyLimit: 10 });
    expect(ok('set notify override')).toEqual({ MonthlyLimit: 20 });
    expect(ok('delete text override none') ?? {}).toEqual({});
    expect(ok('set voice override')).toEqual({ MonthlyLimit: 30 });
    expect(ok('delete media override')).toEqual({ MonthlyLimit: 10 });
    expect(ok('delete notify override')).toEqual({ MonthlyLimit: 20 });
    const limits = (await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits!;
    expect(limits.filter((l) => l.Overridden).map((l) => [l.Name, l.EnforcedLimit])).toEqual([['VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', 30]]);
    expectError('delete policy unknown', 'ResourceNotFoundException', 'DeleteResourcePolicy');
    expectError('tag aws key', 'ValidationException', 'TagResource', /reserved/);
  });
});
