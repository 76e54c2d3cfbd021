// Conformance of the simulator's Protect operations: the real AWS CLI (botocore, its own copy of
// the model) parses every answer, success and error. State is set up through the SDK first.
import { describeWithAwsCli, runAwsCli, type CliResult } from '../helpers/aws-cli.js';
import {
  AssociateProtectConfigurationCommand,
  CreateConfigurationSetCommand,
  CreateProtectConfigurationCommand,
  PutProtectConfigurationRuleSetNumberOverrideCommand,
  SetAccountDefaultProtectConfigurationCommand,
  UpdateProtectConfigurationCountryRuleSetCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestSim, type TestSim } from '../sim/helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;
const results = new Map<string, CliResult>();
const id: Record<string, string> = {};

function runCli(args: string[]): Promise<CliResult> {
  return runAwsCli(sim.server.endpoint, args);
}

/** Phases run one after the other; the calls of a phase run together (they touch different resources). */
function phases(): Array<Record<string, string[]>> {
  return [
    {
      'create ok': ['create-protect-configuration', '--deletion-protection-enabled', '--tags', 'Key=Name,Value=cli'],
      'describe ok': ['describe-protect-configurations', '--protect-configuration-ids', id.a],
      'describe filter': ['describe-protect-configurations', '--filters', 'Name=account-default,Values=true'],
      'describe unknown': ['describe-protect-configurations', '--protect-configuration-ids', 'protect-ffffffffffffffffffffffffffffffff'],
      'update ok': ['update-protect-configuration', '--protect-configuration-id', id.a, '--no-deletion-protection-enabled'],
      'update unknown': [
        'update-protect-configuration',
        '--protect-configuration-id',
        'protect-ffffffffffffffffffffffffffffffff',
        '--deletion-protection-enabled',
      ],
      'get rules ok': ['get-protect-configuration-country-rule-set', '--protect-configuration-id', id.a, '--number-capability', 'VOICE'],
      'get rules unknown': [
        'get-protect-configuration-country-rule-set',
        '--protect-configuration-id',
        'protect-ffffffffffffffffffffffffffffffff',
        '--number-capability',
        'SMS',
      ],
      'update rules ok': [
        'update-protect-configuration-country-rule-set',
        '--protect-configuration-id',
        id.a,
        '--number-capability',
        'MMS',
        '--country-rule-set-updates',
        '{"RU":{"ProtectStatus":"FILTER"}}',
      ],
      'update rules bad country': [
        'update-protect-configuration-country-rule-set',
        '--protect-configuration-id',
        id.a,
        '--number-capability',
        'SMS',
        '--country-rule-set-updates',
        '{"AQ":{"ProtectStatus":"BLOCK"}}',
      ],
      'delete protected': ['delete-protect-configuration', '--protect-configuration-id', id.protected],
      'delete default': ['delete-protect-configuration', '--protect-configuration-id', id.default],
      'delete associated': ['delete-protect-configuration', '--protect-configuration-id', id.associated],
      'delete ok': ['delete-protect-configuration', '--protect-configuration-id', id.doomed],
      'associate ok': ['associate-protect-configuration', '--protect-configuration-id', id.a, '--configuration-set-name', 'p-free'],
      'associate taken': ['associate-protect-configuration', '--protect-configuration-id', id.a, '--configuration-set-name', 'p-taken'],
      'disassociate ok': ['disassociate-protect-configuration', '--protect-configuration-id', id.leaving, '--configuration-set-name', 'p-leaving'],
      'disassociate not associated': ['disassociate-protect-configuration', '--protect-configuration-id', id.a, '--configuration-set-name', 'p-other'],
      'put override ok': [
        'put-protect-configuration-rule-set-number-override',
        '--protect-configuration-id',
        id.a,
        '--destination-phone-number',
        '+447700900123',
        '--action',
        'BLOCK',
        '--expiration-timestamp',
        '2099-01-01T00:00:00Z',
      ],
      'put override bad action': [
        'put-protect-configuration-rule-set-number-override',
        '--protect-configuration-id',
        id.a,
        '--destination-phone-number',
        '+447700900123',
        '--action',
        'MAYBE',
      ],
      'delete override ok': [
        'delete-protect-configuration-rule-set-number-override',
        '--protect-configuration-id',
        id.a,
        '--destination-phone-number',
        '+12065550142',
      ],
      'delete override unknown': [
        'delete-protect-configuration-rule-set-number-override',
        '--protect-configuration-id',
        id.a,
        '--destination-phone-number',
        '+12065550199',
      ],
      'send blocked by country': ['send-text-message', '--destination-phone-number', '+2348031234567', '--protect-configuration-id', id.a],
      'send blocked by override': ['send-text-message', '--destination-phone-number', '+12065550150', '--protect-configuration-id', id.a],
      'send unknown protect': [
        'send-text-message',
        '--destination-phone-number',
        '+12065550142',
        '--protect-configuration-id',
        'protect-ffffffffffffffffffffffffffffffff',
      ],
    },
    {
      'list overrides ok': ['list-protect-configuration-rule-set-number-overrides', '--protect-configuration-id', id.a],
      'list overrides unknown': [
        'list-protect-configuration-rule-set-number-overrides',
        '--protect-configuration-id',
        'protect-ffffffffffffffffffffffffffffffff',
      ],
      'set default ok': ['set-account-default-protect-configuration', '--protect-configuration-id', id.a],
      'set default unknown': ['set-account-default-protect-configuration', '--protect-configuration-id', 'protect-ffffffffffffffffffffffffffffffff'],
    },
    { 'delete default ok': ['delete-account-default-protect-configuration'] },
    { 'delete default none': ['delete-account-default-protect-configuration'] },
  ];
}

const SERVICE_ERROR = [254, 255];

function result(name: string): CliResult {
  const r = results.get(name)!;
  if (/Invalid choice|Unknown options/.test(r.stderr))
    throw new Error(`the installed AWS CLI does not know this operation (${r.stderr.trim().split('\n').pop()}); install a current one`);
  return r;
}
function ok(name: string): any {
  const r = result(name);
  expect(r.code, `${name}: ${r.stderr}`).toBe(0);
  return r.json;
}
function expectError(name: string, errorType: string, operation: string, message?: RegExp): void {
  const r = result(name);
  expect(SERVICE_ERROR, `${name}: exit ${r.code}, stderr ${r.stderr}`).toContain(r.code);
  expect(r.stderr).toContain(`An error occurred (${errorType}) when calling the ${operation} operation`);
  if (message) expect(r.stderr).toMatch(message);
}

describeWithAwsCli('the AWS CLI against the simulator: Protect', () => {
  beforeAll(async () => {
    sim = await startTestSim();
    sms = sim.client();
    const create = async (deletion = false) =>
      (await sms.send(new CreateProtectConfigurationCommand({ DeletionProtectionEnabled: deletion }))).ProtectConfigurationId!;
    for (const name of ['p-free', 'p-taken', 'p-leaving', 'p-other']) await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name }));
    id.a = await create(true);
    id.protected = await create(true);
    id.default = await create();
    id.associated = await create();
    id.leaving = await create();
    id.doomed = await create();
    await sms.send(new SetAccountDefaultProtectConfigurationCommand({ ProtectConfigurationId: id.default }));
    await sms.send(new AssociateProtectConfigurationCommand({ ProtectConfigurationId: id.associated, ConfigurationSetName: 'p-taken' }));
    await sms.send(new AssociateProtectConfigurationCommand({ ProtectConfigurationId: id.leaving, ConfigurationSetName: 'p-leaving' }));
    await sms.send(
      new UpdateProtectConfigurationCountryRuleSetCommand({
        ProtectConfigurationId: id.a,
        NumberCapability: 'SMS',
        CountryRuleSetUpdates: { NG: { ProtectStatus: 'BLOCK' } },
      }),
    );
    await sms.send(
      new PutProtectConfigurationRuleSetNumberOverrideCommand({ ProtectConfigurationId: id.a, DestinationPhoneNumber: '+12065550142', Action: 'ALLOW' }),
    );
    await sms.send(
      new PutProtectConfigurationRuleSetNumberOverrideCommand({ ProtectConfigurationId: id.a, DestinationPhoneNumber: '+12065550150', Action: 'BLOCK' }),
    );
    for (const phase of phases()) {
      await Promise.all(Object.entries(phase).map(async ([name, args]) => results.set(name, await runCli(args))));
    }
  }, 180_000);
  afterAll(() => sim?.close());

  test('Create, Describe, Update, Delete', () => {
    expect(ok('create ok')).toMatchObject({
      ProtectConfigurationId: expect.stringMatching(/^protect-[0-9a-f]{32}$/),
      AccountDefault: false,
      DeletionProtectionEnabled: true,
      Tags: [{ Key: 'Name', Value: 'cli' }],
    });
    expect(ok('describe ok').ProtectConfigurations).toEqual([expect.objectContaining({ ProtectConfigurationId: id.a, CreatedTimestamp: expect.anything() })]);
    expect(ok('describe filter').ProtectConfigurations.map((c: { ProtectConfigurationId: string }) => c.ProtectConfigurationId)).toEqual([id.default]);
    expectError('describe unknown', 'ResourceNotFoundException', 'DescribeProtectConfigurations');
    expect(ok('update ok')).toMatchObject({ ProtectConfigurationId: id.a, DeletionProtectionEnabled: false });
    expectError('update unknown', 'ResourceNotFoundException', 'UpdateProtectConfiguration');
    expectError('delete protected', 'ConflictException', 'DeleteProtectConfiguration', /deletion protection/);
    expectError('delete default', 'ConflictException', 'DeleteProtectConfiguration', /account default/);
    expectError('delete associated', 'ConflictException', 'DeleteProtectConfiguration', /associated with a configuration set/);
    expect(ok('delete ok')).toMatchObject({ ProtectConfigurationId: id.doomed });
  });

  test('country rule sets: every country, updates', () => {
    const got = ok('get rules ok');
    expect(got.NumberCapability).toBe('VOICE');
    expect(Object.keys(got.CountryRuleSet).length).toBeGreaterThan(200);
    expect(got.CountryRuleSet.US).toEqual({ ProtectStatus: 'ALLOW' });
    expectError('get rules unknown', 'ResourceNotFoundException', 'GetProtectConfigurationCountryRuleSet');
    expect(ok('update rules ok').CountryRuleSet.RU).toEqual({ ProtectStatus: 'FILTER' });
    expectError('update rules bad country', 'ValidationException', 'UpdateProtectConfigurationCountryRuleSet', /AQ/);
  });

  test('associations and the account default', () => {
    expect(ok('associate ok')).toMatchObject({
      ConfigurationSetName: 'p-free',
      ProtectConfigurationId: id.a,
      ConfigurationSetArn: expect.stringContaining(':configuration-set/p-free'),
    });
    expectError('associate taken', 'ConflictException', 'AssociateProtectConfiguration', /already associated/);
    expect(ok('disassociate ok')).toMatchObject({ ConfigurationSetName: 'p-leaving', ProtectConfigurationId: id.leaving });
    expectError('disassociate not associated', 'ConflictException', 'DisassociateProtectConfiguration', /not associated/);
    expect(ok('set default ok')).toMatchObject({ DefaultProtectConfigurationId: id.a });
    expectError('set default unknown', 'ResourceNotFoundException', 'SetAccountDefaultProtectConfiguration');
    expect(ok('delete default ok')).toMatchObject({ DefaultProtectConfigurationId: id.a });
    expectError('delete default none', 'ResourceNotFoundException', 'DeleteAccountDefaultProtectConfiguration');
  });

  test('number overrides', () => {
    expect(ok('put override ok')).toMatchObject({
      DestinationPhoneNumber: '+447700900123',
      Action: 'BLOCK',
      IsoCountryCode: 'GB',
      ExpirationTimestamp: expect.anything(),
    });
    expectError('put override bad action', 'ValidationException', 'PutProtectConfigurationRuleSetNumberOverride');
    expect(ok('delete override ok')).toMatchObject({ DestinationPhoneNumber: '+12065550142', Action: 'ALLOW' });
    expectError('delete override unknown', 'ResourceNotFoundException', 'DeleteProtectConfigurationRuleSetNumberOverride');
    expect(ok('list overrides ok').RuleSetNumberOverrides.map((o: { DestinationPhoneNumber: string }) => o.DestinationPhoneNumber)).toEqual([
      '+12065550150',
      '+447700900123',
    ]);
    expectError('list overrides unknown', 'ResourceNotFoundException', 'ListProtectConfigurationRuleSetNumberOverrides');
  });

  test('SendTextMessage enforcement', () => {
    expectError('send blocked by country', 'ConflictException', 'SendTextMessage', /blocked by Protect configuration/);
    expectError('send blocked by override', 'ConflictException', 'SendTextMessage', /number override/);
    expectError('send unknown protect', 'ResourceNotFoundException', 'SendTextMessage');
  });
});
