// Registrations as resources through the AWS SDK: attachments uploaded from S3 (--s3-dir), the
// synthesized sender-ID forms, an approved sender-ID registration creating its sender ID, the
// published registration quota, and the life of numbers (toll-free and 10DLC send once registered).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateRegistrationAssociationCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  DeleteRegistrationCommand,
  DescribeRegistrationAttachmentsCommand,
  DescribeRegistrationFieldDefinitionsCommand,
  DescribeRegistrationTypeDefinitionsCommand,
  DescribeSenderIdsCommand,
  PutRegistrationFieldValueCommand,
  RequestPhoneNumberCommand,
  SubmitRegistrationVersionCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canSend } from '../../src/sim/identities.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

let dir: string;
let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eum-sim-s3-'));
  mkdirSync(path.join(dir, 'forms', 'tfn'), { recursive: true });
  writeFileSync(path.join(dir, 'forms', 'tfn', 'opt-in.png'), PNG);
  writeFileSync(path.join(dir, 'forms', 'notes.txt'), 'plain text');
  sim = await startTestSim({ s3Dir: dir });
  sms = sim.client();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const attachmentStatus = async (id: string) =>
  (await sms.send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [id] }))).RegistrationAttachments![0].AttachmentStatus;

describe('attachments from S3', () => {
  test('UPLOAD_IN_PROGRESS, then UPLOAD_COMPLETE for an object under --s3-dir', async () => {
    const a = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentUrl: 's3://forms/tfn/opt-in.png' }));
    expect(a.AttachmentStatus).toBe('UPLOAD_IN_PROGRESS');
    expect(await attachmentStatus(a.RegistrationAttachmentId!)).toBe('UPLOAD_COMPLETE');
  });

  test('UPLOAD_FAILED for a missing object, a file of the wrong type, or a path outside the bucket', async () => {
    for (const url of ['s3://forms/tfn/missing.pdf', 's3://forms/notes.txt', 's3://forms/../forms/tfn/opt-in.png']) {
      const a = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentUrl: url }));
      expect(await attachmentStatus(a.RegistrationAttachmentId!)).toBe('UPLOAD_FAILED');
    }
  });

  test('without --s3-dir every S3 URL fails as S3 access would', async () => {
    const other = await startTestSim();
    try {
      const c = other.client();
      const a = await c.send(new CreateRegistrationAttachmentCommand({ AttachmentUrl: 's3://forms/tfn/opt-in.png' }));
      const [d] = (await c.send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [a.RegistrationAttachmentId!] })))
        .RegistrationAttachments!;
      expect(d.AttachmentStatus).toBe('UPLOAD_FAILED');
    } finally {
      await other.close();
    }
  });
});

describe('sender-ID registrations', () => {
  test('every country that requires registration has a sender-ID form (GB synthesized from the common template)', async () => {
    const gb = await sms.send(
      new DescribeRegistrationTypeDefinitionsCommand({ Filters: [{ Name: 'supported-association-iso-country-code', Values: ['GB'] }] }),
    );
    expect(gb.RegistrationTypeDefinitions!.map((t) => t.RegistrationType)).toEqual(['GB_SENDER_ID_REGISTRATION']);
    expect(gb.RegistrationTypeDefinitions![0].SupportedAssociations).toEqual([
      expect.objectContaining({ ResourceType: 'SENDER_ID', IsoCountryCode: 'GB', AssociationBehavior: 'ASSOCIATE_ON_APPROVAL' }),
    ]);
    const fields = await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'GB_SENDER_ID_REGISTRATION' }));
    expect(fields.RegistrationFieldDefinitions!.map((f) => f.FieldPath)).toContain('senderIdInfo.senderId');
  });

  test('an approved registration creates its sender ID, registered', async () => {
    const r = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'GB_SENDER_ID_REGISTRATION' }));
    const fields = (await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'GB_SENDER_ID_REGISTRATION' })))
      .RegistrationFieldDefinitions!;
    for (const f of fields.filter((x) => x.FieldRequirement === 'REQUIRED')) {
      const value =
        f.FieldPath === 'senderIdInfo.senderId'
          ? { TextValue: 'ACMEUK' }
          : f.FieldType === 'SELECT'
            ? { SelectChoices: [f.SelectValidation!.Options![0]] }
            : { TextValue: 'x' };
      await sms.send(new PutRegistrationFieldValueCommand({ RegistrationId: r.RegistrationId, FieldPath: f.FieldPath, ...value }));
    }
    await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: r.RegistrationId }));
    expect((await sms.send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'iso-country-code', Values: ['GB'] }] }))).SenderIds).toEqual([]);
    const review = await sim.hook('POST', `/_eum/registrations/${r.RegistrationId}/review`, { decision: 'APPROVE' });
    expect(review.status).toBe(200);
    const [s] = (await sms.send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'iso-country-code', Values: ['GB'] }] }))).SenderIds!;
    expect(s).toMatchObject({ SenderId: 'ACMEUK', IsoCountryCode: 'GB', Registered: true, RegistrationId: r.RegistrationId });
    await sms.send(new DeleteRegistrationCommand({ RegistrationId: r.RegistrationId })).catch(() => undefined);
  });
});

describe('numbers have a life', () => {
  test('a new toll-free number sends only once a toll-free registration associated with it is COMPLETE', async () => {
    const n = await sms.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'TOLL_FREE' }),
    );
    const why = () =>
      sim.store.transact((s) =>
        canSend(s.regions['us-east-1'], { phone: s.regions['us-east-1'].phoneNumbers[n.PhoneNumberId!] }, Date.parse('2026-11-23T10:00:00Z')),
      );
    expect(await why()).toMatchObject({ reason: 'REGISTRATION_NOT_COMPLETE' });
    const r = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    await sms.send(new CreateRegistrationAssociationCommand({ RegistrationId: r.RegistrationId, ResourceId: n.PhoneNumberId }));
    expect(await why()).toMatchObject({ reason: 'REGISTRATION_NOT_COMPLETE' });
    await sim.store.transact((s) => {
      const v = s.regions['us-east-1'].registrations.registrations[r.RegistrationId!].versions[0];
      v.status = 'APPROVED';
    });
    expect(await why()).toBeUndefined();
    // the ready preset's own toll-free number is registered already
    const ready = await sim.store.transact((s) => {
      const reg = s.regions['us-east-1'];
      const tfn = Object.values(reg.phoneNumbers).find((p) => p.phoneNumber === '+18335550100')!;
      return canSend(reg, { phone: tfn }, Date.parse('2026-11-23T10:00:00Z'));
    });
    expect(ready).toBeUndefined();
  });

  test('at most 25 registrations (the published quota)', async () => {
    const existing = await sim.store.transact((s) => Object.values(s.regions['us-east-1'].registrations.registrations).filter((r) => !r.closed).length);
    for (let i = existing; i < 25; i++) await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    const e = await rejection(sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' })));
    expect(e).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'REGISTRATIONS_PER_ACCOUNT' });
  });
});
