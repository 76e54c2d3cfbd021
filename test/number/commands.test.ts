/** eum number against the simulator: both account presets, every command, bad input with zero calls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateRegistrationCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startNumberSim, type NumberSim } from './sim.js';
import { fakeBase } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';

/** Runs eum on a fake terminal and answers its confirmation with `keys`. */
async function answering(sim: NumberSim, argv: string[], keys: string) {
  const { base, stdin, stdout, stderr } = fakeBase({ tty: true });
  const done = main(['--endpoint-url', sim.endpoint, '--no-color', ...argv], base);
  for (let i = 0; i < 400 && !stderr.text.includes('?'); i++) await new Promise((r) => setTimeout(r, 5));
  stdin.write(keys);
  return { code: await done, stdout: stdout.text, stderr: stderr.text };
}

let ready: NumberSim;
let fresh: NumberSim;
beforeAll(async () => {
  [ready, fresh] = await Promise.all([startNumberSim('ready'), startNumberSim('new')]);
});
afterAll(async () => {
  await Promise.all([ready.close(), fresh.close()]);
});
beforeEach(async () => {
  await Promise.all([ready.clear(), fresh.clear()]);
});

describe('eum number: input checked before any call', () => {
  it('request: every problem at once, exit 2, nothing sent', async () => {
    const r = await ready.eum([
      'number',
      'request',
      '--country',
      'FR',
      '--type',
      'long-code',
      '--message-type',
      'marketing',
      '--capabilities',
      'sms,fax',
      '--registration',
      'nope',
      '--ends-with',
      '12a',
      '--contains',
      '5',
      '--yes',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.problems.map((p: { field: string }) => p.field)).toEqual([
      '--message-type',
      '--capabilities',
      '--registration',
      // The bad pattern and the second pattern: both said at once.
      '--ends-with',
      '--ends-with, --contains',
      '--type',
    ]);
    expect(err.problems.at(-1).message).toBe(
      'long codes are not offered in France (FR); it offers a short code (AWS Support case), a sender ID (eum sender-id bulk)',
    );
    expect(await ready.requests()).toEqual([]);
  });

  it('request: a type the country does not offer, a 10DLC number without its campaign', async () => {
    const tf = await ready.eum(['number', 'request', '--country', 'GB', '--type', 'toll-free', '--yes']);
    expect(tf.code).toBe(2);
    expect(tf.stderr).toContain('--type: toll-free numbers are US numbers only, not offered in United Kingdom (GB); use --country US');
    const us = await ready.eum(['number', 'request', '--country', 'US', '--type', 'long-code', '--yes']);
    expect(us.stderr).toContain('US long codes cannot send A2P messages: request --type ten-dlc or --type toll-free');
    const dlc = await ready.eum(['number', 'request', '--country', 'US', '--type', 'ten-dlc', '--yes']);
    expect(dlc.code).toBe(2);
    expect(dlc.stderr).toContain(
      '--registration: required for a 10DLC number: the ID of its COMPLETE campaign registration (US_TEN_DLC_CAMPAIGN_REGISTRATION)',
    );
    const sim = await ready.eum(['number', 'request', '--country', 'US', '--type', 'simulator', '--message-type', 'promotional', '--yes']);
    expect(sim.stderr).toContain('--message-type: simulator numbers are transactional only');
    expect(await ready.requests()).toEqual([]);
  });

  it('request, release: without --yes when nothing can prompt, exit 2 and nothing sent', async () => {
    const req = await ready.eum(['number', 'request', '--country', 'US', '--type', 'toll-free']);
    expect(req.code).toBe(2);
    expect(req.stderr).toContain('--yes required when not running interactively');
    const rel = await ready.eum(['number', 'release', '+18335550100']);
    expect(rel.code).toBe(2);
    expect(rel.stderr).toContain('--yes');
    expect(await ready.requests()).toEqual([]);
  });

  it('show, update, search, list: bad values, exit 2, nothing sent', async () => {
    const show = await ready.eum(['number', 'show', '12065550100']);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('is not a phone number ID (phone-...), a phone number ARN or an E.164 number');
    const upd = await ready.eum(['number', 'update', '+18335550100', '--two-way', 'maybe', '--two-way-role', 'role', '--json']);
    expect(upd.code).toBe(2);
    expect(JSON.parse(upd.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--two-way', '--two-way-role']);
    const none = await ready.eum(['number', 'update', '+18335550100']);
    expect(none.stderr).toContain('nothing to change');
    const search = await ready.eum(['number', 'search', '--type', 'toll-free', '--limit', '500']);
    expect(search.code).toBe(2);
    expect(search.stderr).toContain('--type: the API searches 10DLC numbers only');
    expect(search.stderr).toContain('--limit: "500" is not a whole number from 1 to 100');
    const list = await ready.eum(['number', 'list', '--country', 'XX', '--status', 'sleeping']);
    expect(list.code).toBe(2);
    expect(await ready.requests()).toEqual([]);
  });
});

describe('eum number on a ready account', () => {
  it('list: --json shape, tab-separated when piped, a table on a terminal', async () => {
    const data = await ready.json(['number', 'list']);
    expect(data.summary).toEqual({ total: 2, byStatus: { ACTIVE: 2 } });
    const tf = data.phoneNumbers.find((n: { numberType: string }) => n.numberType === 'TOLL_FREE');
    expect(Object.keys(tf).sort()).toEqual(
      [
        'phoneNumberId',
        'phoneNumberArn',
        'phoneNumber',
        'status',
        'country',
        'messageType',
        'capabilities',
        'numberType',
        'monthlyLeasingPrice',
        'twoWayEnabled',
        'twoWayChannelArn',
        'twoWayChannelRole',
        'selfManagedOptOutsEnabled',
        'optOutListName',
        'internationalSendingEnabled',
        'deletionProtectionEnabled',
        'poolId',
        'registrationId',
        'limits',
        'createdTimestamp',
        'mps',
      ].sort(),
    );
    expect(tf).toMatchObject({ phoneNumber: '+18335550100', country: 'US', status: 'ACTIVE', optOutListName: 'Default', mps: 3 });
    expect(tf.registrationId).toMatch(/^registration-/);
    const piped = await ready.eum(['number', 'list', '--type', 'toll-free']);
    expect(piped.code).toBe(0);
    const cells = piped.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(cells).toHaveLength(1);
    expect(cells[0].slice(0, 4)).toEqual(['+18335550100', 'TOLL_FREE', 'US', 'ACTIVE']);
    expect(cells[0][11]).toBe(tf.phoneNumberId);
    const tty = await ready.eum(['number', 'list', '--no-color'], { tty: true, env: { COLUMNS: '200' } });
    // A 100-column terminal: the columns that fit, IDs left to --json and piped output.
    expect(tty.stdout).toMatch(/│ Number +│ Type +│ Country │ Status │/);
    expect(tty.stdout).toMatch(/│ \+1833555 +│ toll-free │ US +│ active │/);
    expect(tty.stdout).not.toContain('phone-');
    expect(tty.stderr).toContain('2 phone numbers');
  });

  it('show: by E.164 number and by ID; an unknown number is exit 1', async () => {
    const byNumber = await ready.json(['number', 'show', '+12065550100']);
    expect(byNumber).toMatchObject({ numberType: 'SIMULATOR', mps: 10 });
    const byId = await ready.json(['number', 'show', byNumber.phoneNumberId]);
    expect(byId.phoneNumber).toBe('+12065550100');
    const tty = await ready.eum(['number', 'show', '+12065550100', '--no-color'], { tty: true });
    expect(tty.stdout).toMatch(/Limits\s+SMS 10\/s/);
    const missing = await ready.eum(['number', 'show', 'phone-0000', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('ResourceNotFoundException');
  });

  it('search: a digit pattern, offered numbers only', async () => {
    const data = await ready.json(['number', 'search', '--starts-with', '+1206', '--limit', '3']);
    expect(data.numberType).toBe('TEN_DLC');
    expect(data.preference).toEqual({ kind: 'StartsWith', digits: '+1206' });
    expect(data.availablePhoneNumbers).toHaveLength(3);
    for (const n of data.availablePhoneNumbers) expect(n).toMatch(/^\+1206\d{7}$/);
    const ends = await ready.json(['number', 'search', '--ends-with', '42']);
    for (const n of ends.availablePhoneNumbers) expect(n.endsWith('42')).toBe(true);
    expect(await ready.requests('RequestPhoneNumber')).toEqual([]);
  });

  it('request toll-free: leased, followed by the registration command that makes it send', async () => {
    const r = await ready.eum(['number', 'request', '--country', 'US', '--type', 'toll-free', '--capabilities', 'sms,voice', '--yes', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ status: 'leased', resumed: false, error: null });
    expect(data.phoneNumber).toMatchObject({ numberType: 'TOLL_FREE', country: 'US', capabilities: ['SMS', 'VOICE'] });
    expect(data.nextSteps[0]).toBe(`eum registration create US_TOLL_FREE_REGISTRATION --associate ${data.phoneNumber.phoneNumberArn}`);
    // Piped: the number as key/value lines on stdout, what to do next on stderr.
    const piped = await ready.eum(['number', 'request', '--country', 'US', '--type', 'toll-free', '--yes']);
    expect(piped.code).toBe(0);
    const id = /^ID\t(phone-\w+)$/m.exec(piped.stdout)![1];
    expect(piped.stderr).toMatch(
      /a toll-free number sends only once registered; next: eum registration create US_TOLL_FREE_REGISTRATION --associate arn:aws:sms-voice:us-east-1:\d+:phone-number\/phone-\w+/,
    );
    expect(await ready.requests('RequestPhoneNumber')).toHaveLength(2);
    // Released again, so the other tests see the preset's numbers.
    expect((await ready.eum(['number', 'release', data.phoneNumber.phoneNumberId, id, '--yes'])).code).toBe(0);
  });

  it('request 10DLC: the campaign registration must exist and be complete; nothing leased otherwise', async () => {
    const missing = await ready.eum([
      'number',
      'request',
      '--country',
      'US',
      '--type',
      'ten-dlc',
      '--registration',
      'registration-00000000000000000000000000000000',
      '--yes',
      '--json',
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'NOT_FOUND', hint: 'list your registrations: eum registration list' });
    const client = new PinpointSMSVoiceV2Client({
      region: 'us-east-1',
      endpoint: ready.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const draft = await client.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION' }));
    client.destroy();
    const pending = await ready.eum(['number', 'request', '--country', 'US', '--type', 'ten-dlc', '--registration', draft.RegistrationId!, '--yes']);
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain(`registration ${draft.RegistrationId} is created: a 10DLC number can be requested once its campaign is complete`);
    expect(pending.stderr).toContain(`eum registration submit ${draft.RegistrationId}`);
    const tfReg = (await ready.json(['number', 'show', '+18335550100'])).registrationId;
    const wrongType = await ready.eum(['number', 'request', '--country', 'US', '--type', 'ten-dlc', '--registration', tfReg, '--yes']);
    expect(wrongType.stderr).toContain('a 10DLC number needs a US_TEN_DLC_CAMPAIGN_REGISTRATION');
    expect(await ready.requests('RequestPhoneNumber')).toEqual([]);
  });

  it('update and release: deletion protection keeps a number until turned off', async () => {
    const leased = (await ready.json(['number', 'request', '--country', 'CA', '--type', 'long-code', '--yes'])).phoneNumber;
    const on = await ready.json(['number', 'update', leased.phoneNumber, '--deletion-protection', 'on', '--self-managed-opt-outs', 'on']);
    expect(on.changes).toEqual({ selfManagedOptOutsEnabled: true, deletionProtectionEnabled: true });
    expect(on.phoneNumber).toMatchObject({ deletionProtectionEnabled: true, selfManagedOptOutsEnabled: true });
    const dry = await ready.eum(['number', 'release', leased.phoneNumber, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    expect(JSON.parse(dry.stdout).results[0]).toMatchObject({ phoneNumberId: leased.phoneNumberId, status: 'protected' });
    expect(await ready.requests('ReleasePhoneNumber')).toEqual([]);
    const kept = await ready.eum(['number', 'release', leased.phoneNumberId, '--yes', '--json']);
    expect(kept.code).toBe(1);
    expect(JSON.parse(kept.stdout).results[0]).toMatchObject({
      status: 'protected',
      error: `deletion protection is on; turn it off first: eum number update ${leased.phoneNumberId} --deletion-protection off`,
    });
    await ready.json(['number', 'update', leased.phoneNumberId, '--deletion-protection', 'off']);
    const would = await ready.eum(['number', 'release', leased.phoneNumber, '--dry-run']);
    expect(would.code).toBe(3);
    expect(would.stdout).toBe(`${leased.phoneNumber}\twould-release\t\n`);
    expect(would.stderr).toContain('would release 1 of 1; nothing was changed');
    const gone = await ready.json(['number', 'release', leased.phoneNumber, '--yes']);
    expect(gone.summary).toEqual({ total: 1, released: 1, failed: 0 });
    const again = await ready.eum(['number', 'release', leased.phoneNumberId, '--yes', '--json']);
    expect(JSON.parse(again.stdout).results[0].status).toBe('not-found');
  });

  it('update: international sending is refused by the API for a long code (exit 1, its reason)', async () => {
    const r = await ready.eum(['number', 'update', '+12065550100', '--international-sending', 'on', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'ValidationException', reason: 'INTERNATIONAL_SENDING_NOT_SUPPORTED' });
  });
});

describe('eum number: confirmations on a terminal', () => {
  it('request asks before leasing; no leases nothing', async () => {
    const r = await answering(fresh, ['number', 'request', '--country', 'US', '--type', 'simulator'], 'n\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('? lease a US simulator number (transactional, sms)? It is billed monthly from now');
    expect(r.stderr).toContain('nothing requested');
    expect(await fresh.requests('RequestPhoneNumber')).toEqual([]);
  });

  it('release asks; yes releases', async () => {
    const n = (await fresh.json(['number', 'request', '--country', 'US', '--type', 'simulator', '--yes'])).phoneNumber;
    const r = await answering(fresh, ['number', 'release', n.phoneNumberId], 'y\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`? release 1 phone number (${n.phoneNumberId})? A released number is gone`);
    expect(r.stdout).toMatch(/│ phone-\w+ +│ released │/);
    expect(await fresh.requests('ReleasePhoneNumber')).toHaveLength(1);
  });
});

describe('eum number on a new (sandbox) account', () => {
  it('no numbers: an empty list says how to get one', async () => {
    expect((await fresh.json(['number', 'list'])).phoneNumbers).toEqual([]);
    const tty = await fresh.eum(['number', 'list', '--no-color'], { tty: true });
    expect(tty.stdout).toContain('No phone numbers. Request one with: eum number request --country US --type toll-free');
    expect((await fresh.eum(['number', 'list'])).stdout).toBe('');
  });

  it('a simulator number, leased and listed', async () => {
    const r = await fresh.json(['number', 'request', '--country', 'US', '--type', 'simulator', '--yes']);
    expect(r.phoneNumber).toMatchObject({ numberType: 'SIMULATOR', messageType: 'TRANSACTIONAL' });
    expect(r.phoneNumber.phoneNumber).toMatch(/^\+120655501\d\d$/);
    const list = await fresh.json(['number', 'list']);
    expect(list.phoneNumbers.map((n: { phoneNumberId: string }) => n.phoneNumberId)).toEqual([r.phoneNumber.phoneNumberId]);
  });
});
