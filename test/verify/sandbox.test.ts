import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RequestPhoneNumberCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startPresetSim, type PresetSim } from '../config-set/helpers.js';

/** A handset in a country with shared routes: in the sandbox, once verified, it can be sent to without a number of its own. */
const HANDSET = '+4915123456789';
const MASKED = '+*********6789';

let sim: PresetSim;
beforeAll(async () => {
  sim = await startPresetSim('new');
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.clearRequests();
});

/** The last verification code the handset received (GET /_eum/messages?to=). */
async function codeOn(handset: string): Promise<string> {
  const { body } = await sim.hook('GET', `/_eum/messages?to=${encodeURIComponent(handset)}`);
  const last = body.messages.filter((m: { kind: string }) => m.kind === 'verification').at(-1);
  const code = /(\d{6})/.exec(last?.body ?? '')?.[1];
  if (!code) throw new Error(`no verification code for ${handset}: ${JSON.stringify(body)}`);
  return code;
}

describe('eum verify: bad input is refused before any call', () => {
  it('every problem at once, exit 2, nothing sent', async () => {
    const add = await sim.eum(['verify', 'add', '+1415555', '--channel', 'fax', '--language', 'xx', '--json']);
    expect(add.code).toBe(2);
    const err = JSON.parse(add.stdout).error;
    expect(err.problems.map((p: { field: string }) => p.field)).toEqual(['<phone-number>', '--channel', '--language']);
    expect(err.hint).toBe('nothing was sent');
    const confirm = await sim.eum(['verify', 'confirm', HANDSET, '12 34']);
    expect(confirm.code).toBe(2);
    expect(confirm.stderr).toContain('<code>: the code from the message');
    const list = await sim.eum(['verify', 'list', '--status', 'done']);
    expect(list.code).toBe(2);
    const remove = await sim.eum(['verify', 'remove', '14155550142']);
    expect(remove.code).toBe(2);
    expect(remove.stderr).toContain('must be an E.164 number');
    expect(await sim.operations()).toEqual([]);
  });

  it('an invalid number is masked in the message', async () => {
    const r = await sim.eum(['verify', 'add', '+1415000000099']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('1415000000099');
  });
});

describe('the sandbox, from a new account to a first message', () => {
  it('a send to an unverified number is refused with the rule and eum verify add', async () => {
    const sdk = sim.client();
    const n = await sdk.send(
      new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' }),
    );
    expect(n.PhoneNumber).toMatch(/^\+1/);
    // The SIMULATOR number reaches destination simulator numbers, in the sandbox too.
    const simulated = await sim.eum(['send', '--to', '+14254147755', '--body', 'Your code is 123456', '--no-record']);
    expect(simulated.code).toBe(0);
    const r = await sim.eum(['send', '--to', HANDSET, '--body', 'Your code is 123456', '--no-record']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the account is in the sandbox');
    expect(r.stderr).toContain('eum verify add +E164');
    expect(r.stderr).not.toContain(HANDSET);
  });

  it('verify add sends a code; a wrong code is refused; the right one verifies; then the send goes', async () => {
    const added = await sim.json(['verify', 'add', HANDSET]);
    expect(added).toEqual({
      id: expect.stringMatching(/^verifieddestination-/),
      phoneNumber: HANDSET,
      status: 'PENDING',
      created: true,
      codeSent: true,
      channel: 'text',
      messageId: expect.any(String),
      accountTier: 'SANDBOX',
    });
    expect(await sim.operations()).toEqual([
      'DescribeAccountAttributes',
      'DescribeVerifiedDestinationNumbers',
      'CreateVerifiedDestinationNumber',
      'SendDestinationNumberVerificationCode',
    ]);
    const code = await codeOn(HANDSET);

    const wrong = await sim.eum(['verify', 'confirm', HANDSET, code === '000000' ? '111111' : '000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the code does not match');

    // A second add while pending: a new code, no new number.
    await sim.clearRequests();
    const again = await sim.eum(['verify', 'add', HANDSET]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`already added (pending): ${MASKED}`);
    expect(again.stderr).toContain('eum verify confirm +E164 CODE');
    expect(again.stderr).toContain('only to verified destination numbers (up to 10)');
    expect(again.stderr).not.toContain(HANDSET);
    expect(await sim.operations()).not.toContain('CreateVerifiedDestinationNumber');
    const second = await codeOn(HANDSET);

    const confirmed = await sim.json(['verify', 'confirm', HANDSET, second]);
    expect(confirmed).toEqual({ id: added.id, phoneNumber: HANDSET, status: 'VERIFIED', changed: true });

    await sim.clearRequests();
    const noCode = await sim.json(['verify', 'add', HANDSET]);
    expect(noCode).toMatchObject({ status: 'VERIFIED', created: false, codeSent: false, messageId: null });
    expect(await sim.operations()).not.toContain('SendDestinationNumberVerificationCode');

    const sent = await sim.json(['send', '--to', HANDSET, '--body', 'Your code is 123456', '--no-record']);
    expect(sent.messageId).toEqual(expect.any(String));
  });

  it('list: JSON, piped and on a terminal', async () => {
    const list = await sim.json(['verify', 'list']);
    expect(list.verifiedNumbers).toEqual([
      {
        id: expect.any(String),
        arn: expect.stringContaining(':verified-destination-number/'),
        phoneNumber: HANDSET,
        status: 'VERIFIED',
        createdAt: '2026-11-23T10:00:00.000Z',
      },
    ]);
    expect(list.summary).toEqual({ total: 1, verified: 1, pending: 0, max: 10 });
    const piped = await sim.eum(['verify', 'list', '--status', 'verified']);
    expect(piped.stdout).toBe(`${HANDSET}\tVERIFIED\t${list.verifiedNumbers[0].id}\t2026-11-23T10:00:00.000Z\n`);
    const tty = await sim.eum(['verify', 'list'], { tty: true });
    expect(tty.stdout).toMatch(/│ Number +│ Status +│ Id/);
    expect(tty.stdout).toContain('verified');
    expect(await sim.json(['verify', 'list', '--status', 'pending'])).toMatchObject({ verifiedNumbers: [] });
  });

  it('remove: asks, waits for 24 hours after the add, and says so', async () => {
    const dry = await sim.eum(['verify', 'remove', HANDSET, '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain(`would remove verified destination number ${MASKED}`);
    const refused = await sim.eum(['verify', 'remove', HANDSET]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const early = await sim.eum(['verify', 'remove', HANDSET, '--yes']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('cannot be removed yet: a verified number can be removed 24 hours after it was added');
    sim.clock.advance(25 * 3600_000);
    const removed = await sim.json(['verify', 'remove', HANDSET, '--yes']);
    expect(removed).toMatchObject({ phoneNumber: HANDSET, status: 'VERIFIED', removed: true });
    const unknown = await sim.eum(['verify', 'confirm', HANDSET, '123456', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'ResourceNotFoundException', hint: expect.stringContaining('eum verify add') });
  });
});

describe('eum verify on a production account', () => {
  it('still verifies, and says sends need no verification', async () => {
    const ready = await startPresetSim('ready');
    try {
      const r = await ready.eum(['verify', 'add', HANDSET, '--channel', 'voice']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('the account is in production: sends need no verified numbers');
      expect(r.stderr).toContain('a code was sent by a voice call');
      const { body } = await ready.hook('GET', `/_eum/messages?to=${encodeURIComponent(HANDSET)}`);
      expect(body.messages.at(-1).body).toMatch(/^Your verification code is \d \d \d \d \d \d\.$/);
    } finally {
      await ready.close();
    }
  });
});

describe('verify confirm says what a verified number allows, and no more', () => {
  it('from a SIMULATOR number, a verified handset is still out of reach, as the note says', async () => {
    const fresh = await startPresetSim('new');
    try {
      const US_HANDSET = '+12065550142';
      await fresh
        .client()
        .send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' }));
      expect((await fresh.eum(['verify', 'add', US_HANDSET])).code).toBe(0);
      const { body } = await fresh.hook('GET', `/_eum/messages?to=${encodeURIComponent(US_HANDSET)}`);
      const code = /(\d{6})/.exec(body.messages.at(-1).body)![1];
      const confirmed = await fresh.eum(['verify', 'confirm', US_HANDSET, code]);
      expect(confirmed.code).toBe(0);
      expect(confirmed.stdout).toBe('VERIFIED\n');
      expect(confirmed.stderr).toBe(
        '+*******0142 is verified: the sandbox no longer blocks messages to it (eum send --to +E164 ...); they still need a number, sender ID or shared route that reaches it (a simulator number reaches only destination simulator numbers)\n',
      );
      // The account's only number is a SIMULATOR one: the send is refused, not by the sandbox.
      const send = await fresh.eum(['send', '--to', US_HANDSET, '--body', 'hello', '--no-record', '--json']);
      expect(send.code).toBe(1);
      expect(JSON.parse(send.stdout).error.reason).not.toBe('DESTINATION_PHONE_NUMBER_NOT_VERIFIED');
      const again = await fresh.eum(['verify', 'confirm', US_HANDSET, code]);
      expect(again.stderr).toContain('+*******0142 is verified already: the sandbox no longer blocks messages to it');
    } finally {
      await fresh.close();
    }
  });
});
