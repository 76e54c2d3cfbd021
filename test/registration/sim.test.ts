/** The simulator's registration operations through the real SDK: statuses, errors, the review hook. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sms from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startRegistrationSim, type RegistrationSim } from './sim-server.js';

let sim: RegistrationSim;
let client: sms.PinpointSMSVoiceV2Client;

beforeAll(async () => {
  sim = await startRegistrationSim();
  client = new sms.PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: sim.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await sim.close();
});

const fail = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as { name: string; Reason?: string; Fields?: Array<{ Name: string }>; ResourceType?: string };
  }
  throw new Error('expected an error');
};
const put = (RegistrationId: string, FieldPath: string, v: { TextValue?: string; SelectChoices?: string[]; RegistrationAttachmentId?: string }) =>
  client.send(new sms.PutRegistrationFieldValueCommand({ RegistrationId, FieldPath, ...v }));

async function brand(): Promise<string> {
  const r = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
  expect(r).toMatchObject({ RegistrationStatus: 'CREATED', CurrentVersionNumber: 1 });
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
  for (const [p, v] of Object.entries(text)) await put(r.RegistrationId!, p, { TextValue: v });
  await put(r.RegistrationId!, 'companyInfo.legalType', { SelectChoices: ['PRIVATE_PROFIT'] });
  await put(r.RegistrationId!, 'contactInfo.vertical', { SelectChoices: ['TECHNOLOGY'] });
  return r.RegistrationId!;
}

describe('definitions', () => {
  it('field definitions carry ConditionalBehavior and paginate; synthesized markers stay out of the wire', async () => {
    const all: sms.RegistrationFieldDefinition[] = [];
    let NextToken: string | undefined;
    do {
      const r = await client.send(
        new sms.DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', MaxResults: 5, NextToken }),
      );
      all.push(...(r.RegistrationFieldDefinitions ?? []));
      NextToken = r.NextToken;
    } while (NextToken);
    expect(all).toHaveLength(27);
    const taxId = all.find((f) => f.FieldPath === 'companyInfo.taxId')!;
    expect(taxId.ConditionalBehavior).toEqual({
      DefaultBehavior: 'REQUIRED',
      Rules: [
        { Conditions: [{ DependsOnFieldPath: 'companyInfo.businessType', Operator: 'EQUALS', Values: ['SOLE_PROPRIETOR'] }], RuleBehavior: 'DISALLOWED' },
      ],
    });
    expect(JSON.stringify(all)).not.toContain('_synthesized');
    expect(all.every((f) => f.DisplayHints?.Title && f.DisplayHints.ShortDescription)).toBe(true);
  });

  it('an unknown type is a ValidationException UNKNOWN_REGISTRATION_TYPE', async () => {
    const e = await fail(client.send(new sms.DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'XX_NOPE' })));
    expect(e).toMatchObject({ name: 'ValidationException', Reason: 'UNKNOWN_REGISTRATION_TYPE' });
  });
});

describe('field values and versions', () => {
  it('PutRegistrationFieldValue checks the definition: unknown field, length, choices, type', async () => {
    const { RegistrationId } = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    expect(await fail(put(RegistrationId!, 'companyInfo.nope', { TextValue: 'x' }))).toMatchObject({
      name: 'ValidationException',
      Reason: 'UNKNOWN_REGISTRATION_FIELD',
    });
    expect(await fail(put(RegistrationId!, 'companyInfo.taxIdIssuingCountry', { TextValue: 'USA' }))).toMatchObject({
      name: 'ValidationException',
      Reason: 'FIELD_VALIDATION_FAILED',
      Fields: [{ Name: 'companyInfo.taxIdIssuingCountry' }],
    });
    expect(await fail(put(RegistrationId!, 'companyInfo.legalType', { SelectChoices: ['SOLE_PROPRIETOR'] }))).toMatchObject({
      Reason: 'FIELD_VALIDATION_FAILED',
    });
    expect(await fail(put(RegistrationId!, 'companyInfo.legalType', { TextValue: 'PRIVATE_PROFIT' }))).toMatchObject({ Reason: 'FIELD_VALIDATION_FAILED' });
  });

  it('a value the conditional rules disallow is refused (toll-free tax id for a sole proprietor)', async () => {
    const { RegistrationId } = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    await put(RegistrationId!, 'companyInfo.businessType', { SelectChoices: ['SOLE_PROPRIETOR'] });
    expect(await fail(put(RegistrationId!, 'companyInfo.taxId', { TextValue: '12-3456789' }))).toMatchObject({ Reason: 'FIELD_VALIDATION_FAILED' });
  });

  it('a missing required field refuses the submission; statuses go SUBMITTED, REVIEWING, DENIED; edits then conflict; a new version starts empty', async () => {
    const id = await brand();
    await client.send(new sms.DeleteRegistrationFieldValueCommand({ RegistrationId: id, FieldPath: 'companyInfo.taxId' }));
    expect(await fail(client.send(new sms.SubmitRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({
      name: 'ValidationException',
      Reason: 'FIELD_VALIDATION_FAILED',
      Fields: [{ Name: 'companyInfo.taxId' }],
    });
    await put(id, 'companyInfo.taxId', { TextValue: '123456789' });
    const s = await client.send(new sms.SubmitRegistrationVersionCommand({ RegistrationId: id }));
    expect(s).toMatchObject({ VersionNumber: 1, RegistrationVersionStatus: 'SUBMITTED', AwsReview: false });
    expect(await fail(client.send(new sms.SubmitRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'REGISTRATION_ALREADY_SUBMITTED',
    });
    expect(await fail(client.send(new sms.CreateRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'CREATE_REGISTRATION_VERSION_NOT_ALLOWED',
    });

    const deny = await fetch(`${sim.endpoint}/_eum/registrations/${id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'DENY',
        reasons: [{ Reason: 'TAX_ID_MISMATCH', ShortDescription: 'The tax ID does not match the company name.' }],
        fields: { 'companyInfo.taxId': { DeniedReason: 'Does not match', Feedback: 'check the EIN' } },
        feedback: 'fix the tax id',
      }),
    });
    expect(deny.status).toBe(200);
    const reg = (await client.send(new sms.DescribeRegistrationsCommand({ RegistrationIds: [id] }))).Registrations![0];
    expect(reg).toMatchObject({ RegistrationStatus: 'REQUIRES_UPDATES', LatestDeniedVersionNumber: 1 });
    const v = (await client.send(new sms.DescribeRegistrationVersionsCommand({ RegistrationId: id }))).RegistrationVersions![0];
    expect(v).toMatchObject({ RegistrationVersionStatus: 'DENIED', Feedback: 'fix the tax id', DeniedReasons: [{ Reason: 'TAX_ID_MISMATCH' }] });
    expect(
      Object.keys(v.RegistrationVersionStatusHistory!).filter((k) => (v.RegistrationVersionStatusHistory as unknown as Record<string, unknown>)[k]),
    ).toEqual(['DraftTimestamp', 'SubmittedTimestamp', 'ReviewingTimestamp', 'DeniedTimestamp']);
    const values = await client.send(new sms.DescribeRegistrationFieldValuesCommand({ RegistrationId: id }));
    expect(values.RegistrationFieldValues!.find((x) => x.FieldPath === 'companyInfo.taxId')).toMatchObject({
      DeniedReason: 'Does not match',
      Feedback: 'check the EIN',
    });

    expect(await fail(put(id, 'companyInfo.taxId', { TextValue: '987654321' }))).toMatchObject({
      name: 'ConflictException',
      Reason: 'EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED',
    });
    const v2 = await client.send(new sms.CreateRegistrationVersionCommand({ RegistrationId: id }));
    expect(v2).toMatchObject({ VersionNumber: 2, RegistrationVersionStatus: 'DRAFT' });
    expect((await client.send(new sms.DescribeRegistrationFieldValuesCommand({ RegistrationId: id }))).RegistrationFieldValues).toEqual([]);
    const d = await client.send(new sms.DiscardRegistrationVersionCommand({ RegistrationId: id }));
    expect(d).toMatchObject({ VersionNumber: 2, RegistrationVersionStatus: 'DISCARDED' });
    expect(await fail(client.send(new sms.DiscardRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({
      Reason: 'DISCARD_REGISTRATION_VERSION_NOT_ALLOWED',
    });
  });

  it('the review hook refuses malformed bodies and versions that are not submitted', async () => {
    const id = await brand();
    expect(
      (
        await fetch(`${sim.endpoint}/_eum/registrations/${id}/review`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"decision":"MAYBE"}',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${sim.endpoint}/_eum/registrations/${id}/review`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"decision":"APPROVE"}',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await fetch(`${sim.endpoint}/_eum/registrations/registration-nope/review`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"decision":"APPROVE"}',
        })
      ).status,
    ).toBe(404);
  });

  it('ClientToken: the same token creates nothing new; with other parameters it is refused', async () => {
    const a = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_VETTING', ClientToken: 'token-1' }));
    const b = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_VETTING', ClientToken: 'token-1' }));
    expect(b.RegistrationId).toBe(a.RegistrationId);
    expect(await fail(client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', ClientToken: 'token-1' })))).toMatchObject(
      { name: 'ValidationException', Reason: 'INVALID_REQUEST' },
    );
  });

  it("associates the simulator's phone numbers by id or ARN; an unknown one is ResourceNotFoundException", async () => {
    const phone = (await client.send(new sms.DescribePhoneNumbersCommand({}))).PhoneNumbers![0];
    const { RegistrationId } = await client.send(new sms.CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    const a = await client.send(new sms.CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: phone.PhoneNumberArn }));
    expect(a).toMatchObject({ ResourceType: 'phone-number', ResourceId: phone.PhoneNumberId, PhoneNumber: phone.PhoneNumber, IsoCountryCode: 'US' });
    expect(await fail(client.send(new sms.CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: phone.PhoneNumberId })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'RESOURCE_ALREADY_ASSOCIATED',
    });
    expect(
      await fail(client.send(new sms.CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: 'phone-00000000000000000000000000000000' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('unknown registrations are ResourceNotFoundException', async () => {
    expect(await fail(client.send(new sms.DescribeRegistrationsCommand({ RegistrationIds: ['registration-nope'] })))).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'registration',
    });
  });
});

describe('attachments', () => {
  it('accepts PDF, JPEG and PNG judged by content, at most 500 KB', async () => {
    const ok = await client.send(new sms.CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.from('%PDF-1.4 test') }));
    expect(ok).toMatchObject({ AttachmentStatus: 'UPLOAD_COMPLETE', RegistrationAttachmentId: expect.stringMatching(/^attachment-/) });
    expect(await fail(client.send(new sms.CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.from('GIF89a....') })))).toMatchObject({
      Reason: 'ATTACHMENT_TYPE_NOT_SUPPORTED',
    });
    expect(
      await fail(client.send(new sms.CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(600 * 1024)]) }))),
    ).toMatchObject({ Reason: 'MAXIMUM_SIZE_EXCEEDED' });
    const list = await client.send(new sms.DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [ok.RegistrationAttachmentId!] }));
    expect(list.RegistrationAttachments).toHaveLength(1);
    const del = await client.send(new sms.DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: ok.RegistrationAttachmentId! }));
    expect(del.AttachmentStatus).toBe('DELETED');
  });
});
