// Conformance: the real AWS CLI (botocore, its own older copy of the model) against the simulator's
// registration operations, success and error for each. The calls run concurrently; the state they
// need is set up through the SDK first.
import { describeWithAwsCli, runAwsCli, type CliResult } from '../helpers/aws-cli.js';
import path from 'node:path';
import * as sms from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestSim, type TestSim } from '../sim/helpers.js';

const PNG = path.resolve('test/registration/answers/optin.png');
const GIF = path.resolve('test/registration/answers/not-an-image.png');
let sim: TestSim;
let client: sms.PinpointSMSVoiceV2Client;
const ids: Record<string, string> = {};
const results = new Map<string, CliResult>();

function runCli(args: string[]): Promise<CliResult> {
  return runAwsCli(sim.server.endpoint, args);
}

function calls(): Record<string, string[]> {
  return {
    'types ok': ['describe-registration-type-definitions'],
    'sections ok': ['describe-registration-section-definitions', '--registration-type', 'US_TOLL_FREE_REGISTRATION'],
    'sections unknown': ['describe-registration-section-definitions', '--registration-type', 'XX_NOPE'],
    'fields ok': ['describe-registration-field-definitions', '--registration-type', 'US_TOLL_FREE_REGISTRATION', '--field-paths', 'companyInfo.taxId'],
    'fields unknown': ['describe-registration-field-definitions', '--registration-type', 'XX_NOPE'],
    'create ok': ['create-registration', '--registration-type', 'US_TEN_DLC_BRAND_VETTING', '--tags', 'Key=team,Value=otp'],
    'create unknown type': ['create-registration', '--registration-type', 'XX_NOPE'],
    'describe ok': ['describe-registrations', '--registration-ids', ids.draft],
    'describe unknown': ['describe-registrations', '--registration-ids', 'registration-00000000000000000000000000000000'],
    'attachment ok': ['create-registration-attachment', '--attachment-body', `fileb://${PNG}`],
    'attachment bad type': ['create-registration-attachment', '--attachment-body', `fileb://${GIF}`],
    'attachments ok': ['describe-registration-attachments', '--registration-attachment-ids', ids.attachment],
    'delete attachment ok': ['delete-registration-attachment', '--registration-attachment-id', ids.doomedAttachment],
    'delete attachment unknown': ['delete-registration-attachment', '--registration-attachment-id', 'attachment-00000000000000000000000000000000'],
    'put ok': ['put-registration-field-value', '--registration-id', ids.draft, '--field-path', 'companyInfo.companyName', '--text-value', 'ExampleCorp'],
    'put invalid': [
      'put-registration-field-value',
      '--registration-id',
      ids.draft,
      '--field-path',
      'companyInfo.businessType',
      '--select-choices',
      'SOLE_TRADER',
    ],
    'put denied': ['put-registration-field-value', '--registration-id', ids.denied, '--field-path', 'companyInfo.taxId', '--text-value', '987654321'],
    'delete value ok': ['delete-registration-field-value', '--registration-id', ids.draft, '--field-path', 'companyInfo.city'],
    'delete value unknown field': ['delete-registration-field-value', '--registration-id', ids.draft, '--field-path', 'companyInfo.nope'],
    'values ok': ['describe-registration-field-values', '--registration-id', ids.denied],
    'submit ok': ['submit-registration-version', '--registration-id', ids.ready],
    'submit missing': ['submit-registration-version', '--registration-id', ids.draft],
    'versions ok': ['describe-registration-versions', '--registration-id', ids.denied],
    'new version ok': ['create-registration-version', '--registration-id', ids.denied2],
    'new version conflict': ['create-registration-version', '--registration-id', ids.draft],
    'discard ok': ['discard-registration-version', '--registration-id', ids.discardable],
    'discard conflict': ['discard-registration-version', '--registration-id', ids.denied],
    'associate ok': ['create-registration-association', '--registration-id', ids.vetting, '--resource-id', ids.ready],
    'associate unknown': ['create-registration-association', '--registration-id', 'registration-00000000000000000000000000000000', '--resource-id', ids.ready],
    'associations ok': ['list-registration-associations', '--registration-id', ids.associated],
    'delete ok': ['delete-registration', '--registration-id', ids.deletable],
    'delete unknown': ['delete-registration', '--registration-id', 'registration-00000000000000000000000000000000'],
  };
}

const SERVICE_ERROR = [254, 255];
function ok(name: string) {
  const r = results.get(name)!;
  expect(r.code, `${name}: ${r.stderr}`).toBe(0);
  return r.json;
}
function expectError(name: string, errorType: string, operation: string, message?: RegExp): void {
  const r = results.get(name)!;
  expect(SERVICE_ERROR, `${name}: exit ${r.code}, stderr ${r.stderr}`).toContain(r.code);
  expect(r.stderr).toContain(`An error occurred (${errorType}) when calling the ${operation} operation`);
  if (message) expect(r.stderr).toMatch(message);
}

async function tollFreeDraft(): Promise<string> {
  const r = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
  await client.send(new sms.PutRegistrationFieldValueCommand({ RegistrationId: r.RegistrationId, FieldPath: 'companyInfo.city', TextValue: 'Seattle' }));
  return r.RegistrationId!;
}

async function brand(): Promise<string> {
  const r = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
  const id = r.RegistrationId!;
  const text: Record<string, string> = {
    'companyInfo.companyName': 'ExampleCorp',
    'companyInfo.taxIdIssuingCountry': 'US',
    'companyInfo.taxId': '123456789',
    'companyInfo.address': '1 Main St',
    'companyInfo.city': 'Seattle',
    'companyInfo.state': 'WA',
    'companyInfo.zipCode': '98101',
    'companyInfo.isoCountryCode': 'US',
    'contactInfo.dbaName': 'ExampleCorp',
    'contactInfo.website': 'https://www.example.com',
    'contactInfo.supportEmail': 'support@example.com',
    'contactInfo.supportPhoneNumber': '+12065550142',
  };
  for (const [FieldPath, TextValue] of Object.entries(text))
    await client.send(new sms.PutRegistrationFieldValueCommand({ RegistrationId: id, FieldPath, TextValue }));
  await client.send(new sms.PutRegistrationFieldValueCommand({ RegistrationId: id, FieldPath: 'companyInfo.legalType', SelectChoices: ['PRIVATE_PROFIT'] }));
  await client.send(new sms.PutRegistrationFieldValueCommand({ RegistrationId: id, FieldPath: 'contactInfo.vertical', SelectChoices: ['TECHNOLOGY'] }));
  return id;
}

async function deniedBrand(): Promise<string> {
  const id = await brand();
  await client.send(new sms.SubmitRegistrationVersionCommand({ RegistrationId: id }));
  await sim.hook('POST', `/_eum/registrations/${id}/review`, {
    decision: 'DENY',
    reasons: [{ Reason: 'TAX_ID_MISMATCH', ShortDescription: 'The tax ID does not match.' }],
    fields: { 'companyInfo.taxId': { DeniedReason: 'Does not match', Feedback: 'check the EIN' } },
  });
  return id;
}

describeWithAwsCli('the AWS CLI against the simulator: registrations', () => {
  beforeAll(async () => {
    sim = await startTestSim();
    client = sim.client();
    ids.draft = await tollFreeDraft();
    ids.ready = await brand();
    ids.denied = await deniedBrand();
    ids.denied2 = await deniedBrand();
    ids.discardable = await tollFreeDraft();
    ids.deletable = await tollFreeDraft();
    ids.vetting = (await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_VETTING' }))).RegistrationId!;
    ids.associated = (await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_VETTING' }))).RegistrationId!;
    await client.send(new sms.CreateRegistrationAssociationCommand({ RegistrationId: ids.associated, ResourceId: ids.ready }));
    ids.attachment = (await client.send(new sms.CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.from('%PDF-1.4 x') }))).RegistrationAttachmentId!;
    ids.doomedAttachment = (await client.send(new sms.CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.from('%PDF-1.4 y') })))
      .RegistrationAttachmentId!;
    const entries = Object.entries(calls());
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < entries.length) {
          const [name, args] = entries[next++];
          results.set(name, await runCli(args));
        }
      }),
    );
  }, 240_000);
  afterAll(() => sim?.close());

  test('definitions', () => {
    expect(ok('types ok').RegistrationTypeDefinitions.map((t: { RegistrationType: string }) => t.RegistrationType)).toContain('US_TOLL_FREE_REGISTRATION');
    expect(ok('sections ok').RegistrationSectionDefinitions[0]).toMatchObject({ SectionPath: 'companyInfo', DisplayHints: { Title: 'Company info' } });
    expectError('sections unknown', 'ValidationException', 'DescribeRegistrationSectionDefinitions');
    expect(ok('fields ok').RegistrationFieldDefinitions).toEqual([
      expect.objectContaining({ FieldPath: 'companyInfo.taxId', FieldRequirement: 'CONDITIONAL' }),
    ]);
    expectError('fields unknown', 'ValidationException', 'DescribeRegistrationFieldDefinitions');
  });

  test('registrations', () => {
    expect(ok('create ok')).toMatchObject({
      RegistrationType: 'US_TEN_DLC_BRAND_VETTING',
      RegistrationStatus: 'CREATED',
      CurrentVersionNumber: 1,
      Tags: [{ Key: 'team', Value: 'otp' }],
    });
    expectError('create unknown type', 'ValidationException', 'CreateRegistration');
    expect(ok('describe ok').Registrations).toEqual([expect.objectContaining({ RegistrationId: ids.draft, RegistrationStatus: 'CREATED' })]);
    expectError('describe unknown', 'ResourceNotFoundException', 'DescribeRegistrations');
    expect(ok('delete ok')).toMatchObject({ RegistrationId: ids.deletable, RegistrationStatus: 'DELETED' });
    expectError('delete unknown', 'ResourceNotFoundException', 'DeleteRegistration');
  });

  test('attachments', () => {
    expect(ok('attachment ok')).toMatchObject({ AttachmentStatus: 'UPLOAD_COMPLETE' });
    expectError('attachment bad type', 'ValidationException', 'CreateRegistrationAttachment', /PDF, JPEG or PNG/);
    expect(ok('attachments ok').RegistrationAttachments).toEqual([expect.objectContaining({ RegistrationAttachmentId: ids.attachment })]);
    expect(ok('delete attachment ok')).toMatchObject({ AttachmentStatus: 'DELETED' });
    expectError('delete attachment unknown', 'ResourceNotFoundException', 'DeleteRegistrationAttachment');
  });

  test('field values', () => {
    expect(ok('put ok')).toMatchObject({ FieldPath: 'companyInfo.companyName', TextValue: 'ExampleCorp', VersionNumber: 1 });
    expectError('put invalid', 'ValidationException', 'PutRegistrationFieldValue', /not an option/);
    expectError('put denied', 'ConflictException', 'PutRegistrationFieldValue', /create a new version/);
    expect(ok('delete value ok')).toMatchObject({ FieldPath: 'companyInfo.city', TextValue: 'Seattle' });
    expectError('delete value unknown field', 'ValidationException', 'DeleteRegistrationFieldValue');
    expect(ok('values ok').RegistrationFieldValues).toContainEqual(
      expect.objectContaining({ FieldPath: 'companyInfo.taxId', DeniedReason: 'Does not match', Feedback: 'check the EIN' }),
    );
  });

  test('versions', () => {
    expect(ok('submit ok')).toMatchObject({ VersionNumber: 1, RegistrationVersionStatus: 'SUBMITTED' });
    expectError('submit missing', 'ValidationException', 'SubmitRegistrationVersion', /cannot be submitted/);
    expect(ok('versions ok').RegistrationVersions[0]).toMatchObject({
      VersionNumber: 1,
      RegistrationVersionStatus: 'DENIED',
      DeniedReasons: [{ Reason: 'TAX_ID_MISMATCH' }],
    });
    expect(ok('new version ok')).toMatchObject({ VersionNumber: 2, RegistrationVersionStatus: 'DRAFT' });
    expectError('new version conflict', 'ConflictException', 'CreateRegistrationVersion');
    expect(ok('discard ok')).toMatchObject({ VersionNumber: 1, RegistrationVersionStatus: 'DISCARDED' });
    expectError('discard conflict', 'ConflictException', 'DiscardRegistrationVersion');
  });

  test('associations', () => {
    expect(ok('associate ok')).toMatchObject({ RegistrationId: ids.vetting, ResourceId: ids.ready, ResourceType: 'registration' });
    expectError('associate unknown', 'ResourceNotFoundException', 'CreateRegistrationAssociation');
    expect(ok('associations ok').RegistrationAssociations).toEqual([expect.objectContaining({ ResourceId: ids.ready })]);
  });
});
