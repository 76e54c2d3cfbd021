// Conformance of the sending operations through the real AWS CLI (botocore's own model): text,
// media and voice sends with the sandbox, SIMULATOR and opt-out refusals, Notify and RCS agents.
// State is set up through the SDK and the hooks first; the CLI calls run concurrently.
import { CreateNotifyConfigurationCommand, CreateRcsAgentCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithAwsCli, runAwsCli, type CliResult } from '../helpers/aws-cli.js';
import { startTestSim, type TestSim } from './helpers.js';

let sandbox: TestSim;
let ready: TestSim;
let sms: PinpointSMSVoiceV2Client;
const results = new Map<string, CliResult>();
const ids: Record<string, string> = {};

/** name -> [which simulator, arguments] */
function calls(): Record<string, [TestSim, string[]]> {
  return {
    'sandbox unverified': [sandbox, ['send-text-message', '--destination-phone-number', '+12065550142', '--message-body', 'hi']],
    'sandbox simulator destination': [
      sandbox,
      ['send-text-message', '--destination-phone-number', '+14254147755', '--message-body', 'hi', '--context', 'order=42'],
    ],
    'simulator to real number': [ready, ['send-text-message', '--destination-phone-number', '+12065550142', '--origination-identity', '+12065550100']],
    'opted out': [ready, ['send-text-message', '--destination-phone-number', '+12065550199', '--origination-identity', '+18335550100']],
    'max price': [ready, ['send-text-message', '--destination-phone-number', '+12065550142', '--max-price', '0.001']],
    'media ok': [
      ready,
      [
        'send-media-message',
        '--destination-phone-number',
        '+12065550142',
        '--origination-identity',
        '+18335550100',
        '--media-urls',
        's3://bucket/cat.jpg',
        '--message-body',
        'cat',
      ],
    ],
    'media bad url': [
      ready,
      ['send-media-message', '--destination-phone-number', '+12065550142', '--origination-identity', '+18335550100', '--media-urls', 'cat.jpg'],
    ],
    'voice ok': [
      ready,
      [
        'send-voice-message',
        '--destination-phone-number',
        '+12065550142',
        '--origination-identity',
        '+18335550100',
        '--message-body',
        'hello',
        '--voice-id',
        'JOANNA',
      ],
    ],
    'voice unknown identity': [
      ready,
      ['send-voice-message', '--destination-phone-number', '+12065550142', '--origination-identity', 'phone-00000000000000000000000000000000'],
    ],
    'notify create': [ready, ['create-notify-configuration', '--display-name', 'CliShop', '--use-case', 'CODE_VERIFICATION', '--enabled-channels', 'SMS']],
    'notify describe': [ready, ['describe-notify-configurations', '--notify-configuration-ids', ids.notify]],
    'notify describe unknown': [ready, ['describe-notify-configurations', '--notify-configuration-ids', 'notify-nope']],
    'notify update': [ready, ['update-notify-configuration', '--notify-configuration-id', ids.notify, '--default-template-id', 'otp-verification-en']],
    'notify templates': [ready, ['describe-notify-templates', '--template-ids', 'otp-verification-en']],
    'notify templates unknown': [ready, ['describe-notify-templates', '--template-ids', 'nope']],
    'notify countries': [ready, ['list-notify-countries', '--channels', 'VOICE']],
    'notify send text': [
      ready,
      [
        'send-notify-text-message',
        '--notify-configuration-id',
        ids.notify,
        '--destination-phone-number',
        '+12065550142',
        '--template-id',
        'otp-verification-en',
        '--template-variables',
        'code=123456',
      ],
    ],
    'notify send voice': [
      ready,
      [
        'send-notify-voice-message',
        '--notify-configuration-id',
        ids.notify,
        '--destination-phone-number',
        '+12065550142',
        '--template-id',
        'otp-verification-en',
        '--template-variables',
        'code=123456',
      ],
    ],
    'notify delete': [ready, ['delete-notify-configuration', '--notify-configuration-id', ids.notifyDoomed]],
    'notify delete unknown': [ready, ['delete-notify-configuration', '--notify-configuration-id', 'notify-nope']],
    'rcs create': [ready, ['create-rcs-agent', '--deletion-protection-enabled']],
    'rcs describe': [ready, ['describe-rcs-agents', '--rcs-agent-ids', ids.rcs]],
    'rcs update': [
      ready,
      ['update-rcs-agent', '--rcs-agent-id', ids.rcs, '--two-way-enabled', '--two-way-channel-arn', 'arn:aws:sns:us-east-1:123456789012:rcs'],
    ],
    'rcs launch status': [ready, ['describe-rcs-agent-country-launch-status', '--rcs-agent-id', ids.rcs]],
    'rcs delete': [ready, ['delete-rcs-agent', '--rcs-agent-id', ids.rcsDoomed]],
    'rcs delete unknown': [ready, ['delete-rcs-agent', '--rcs-agent-id', 'rcs-nope']],
  };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const SERVICE_ERROR = [254, 255];

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

describeWithAwsCli('sending through the AWS CLI', () => {
  beforeAll(async () => {
    sandbox = await startTestSim();
    await sandbox.hook('POST', '/_eum/account', { tier: 'SANDBOX' });
    ready = await startTestSim();
    sms = ready.client();
    await ready.hook('POST', '/_eum/inbound', { from: '+12065550199', to: '+18335550100', body: 'STOP' });
    for (const key of ['notify', 'notifyDoomed']) {
      ids[key] = (await sms.send(new CreateNotifyConfigurationCommand({ DisplayName: key, UseCase: 'CODE_VERIFICATION', EnabledChannels: ['SMS', 'VOICE'] })))
        .NotifyConfigurationId!;
    }
    for (const key of ['rcs', 'rcsDoomed']) ids[key] = (await sms.send(new CreateRcsAgentCommand({}))).RcsAgentId!;
    await pool(Object.entries(calls()), 6, async ([name, [sim, args]]) => {
      results.set(name, await runAwsCli(sim.server.endpoint, args));
    });
  }, 180_000);
  afterAll(async () => {
    await sandbox?.close();
    await ready?.close();
  });

  test('SendTextMessage: the sandbox, the SIMULATOR number, opt-outs, MaxPrice', async () => {
    expectError('sandbox unverified', 'ConflictException', 'SendTextMessage', /is not a verified destination phone number/);
    const id = ok('sandbox simulator destination').MessageId;
    expect((await sandbox.hook('GET', `/_eum/events?messageId=${id}`)).body.events[0].event).toMatchObject({
      eventType: 'TEXT_SUCCESSFUL',
      context: { order: '42' },
    });
    expectError('simulator to real number', 'ValidationException', 'SendTextMessage', /can send only to destination simulator numbers/);
    expectError('opted out', 'ConflictException', 'SendTextMessage', /has opted out/);
    expectError('max price', 'ValidationException', 'SendTextMessage', /over MaxPrice/);
  });

  test('SendMediaMessage and SendVoiceMessage', () => {
    expect(ok('media ok').MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expectError('media bad url', 'ValidationException', 'SendMediaMessage', /failed to satisfy constraint/);
    expect(ok('voice ok').MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expectError('voice unknown identity', 'ResourceNotFoundException', 'SendVoiceMessage');
  });

  test('Notify', () => {
    expect(ok('notify create')).toMatchObject({ DisplayName: 'CliShop', Status: 'ACTIVE', Tier: 'BASIC', EnabledChannels: ['SMS'] });
    expect(ok('notify describe').NotifyConfigurations).toEqual([expect.objectContaining({ NotifyConfigurationId: ids.notify })]);
    expectError('notify describe unknown', 'ResourceNotFoundException', 'DescribeNotifyConfigurations');
    expect(ok('notify update')).toMatchObject({ NotifyConfigurationId: ids.notify, DefaultTemplateId: 'otp-verification-en' });
    expect(ok('notify templates').NotifyTemplates).toEqual([expect.objectContaining({ TemplateId: 'otp-verification-en', TemplateType: 'OTP_VERIFICATION' })]);
    expectError('notify templates unknown', 'ResourceNotFoundException', 'DescribeNotifyTemplates');
    expect(ok('notify countries').NotifyCountries.map((c: { IsoCountryCode: string }) => c.IsoCountryCode)).toEqual(['CA', 'US']);
    expect(ok('notify send text')).toMatchObject({
      TemplateId: 'otp-verification-en',
      ResolvedMessageBody: 'Your notify verification code is 123456. It expires in 10 minutes.',
    });
    expect(ok('notify send voice').MessageId).toBeTruthy();
    expect(ok('notify delete')).toMatchObject({ NotifyConfigurationId: ids.notifyDoomed });
    expectError('notify delete unknown', 'ResourceNotFoundException', 'DeleteNotifyConfiguration');
  });

  test('RCS agents', () => {
    expect(ok('rcs create')).toMatchObject({ Status: 'ACTIVE', DeletionProtectionEnabled: true });
    expect(ok('rcs describe').RcsAgents).toEqual([expect.objectContaining({ RcsAgentId: ids.rcs })]);
    expect(ok('rcs update')).toMatchObject({ TwoWayEnabled: true, TwoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:rcs' });
    expect(ok('rcs launch status').CountryLaunchStatus).toEqual([expect.objectContaining({ IsoCountryCode: 'US', Status: 'ACTIVE' })]);
    expect(ok('rcs delete')).toMatchObject({ RcsAgentId: ids.rcsDoomed, Status: 'DELETED' });
    expectError('rcs delete unknown', 'ResourceNotFoundException', 'DeleteRcsAgent');
  });
});
