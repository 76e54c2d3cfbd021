import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = () => ['--endpoint-url', sim.endpoint];

function csv(home: string, text: string, name = 'r.csv'): string {
  const f = path.join(home, name);
  writeFileSync(f, text);
  return f;
}

/** How many messages each destination received (the simulator's handsets). */
async function received(from: string): Promise<Map<string, number>> {
  const res = await fetch(new URL(`/_eum/messages?from=${encodeURIComponent(from)}&limit=10000`, sim.endpoint));
  const body = (await res.json()) as
    | { messages?: Array<{ to?: string; destinationPhoneNumber?: string }> }
    | Array<{ to?: string; destinationPhoneNumber?: string }>;
  const list = Array.isArray(body) ? body : (body.messages ?? []);
  const out = new Map<string, number>();
  for (const m of list) {
    const to = m.destinationPhoneNumber ?? m.to ?? '';
    out.set(to, (out.get(to) ?? 0) + 1);
  }
  return out;
}

describe('eum send --to-file', () => {
  it('sends one message per row with the template filled, --json shape', async () => {
    const home = tempHome();
    const f = csv(home, 'phone,name\n+12065550142,Ana\n+12065550143,"Bo, Jr."\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--json'], { home });
    expect(r.stderr).toContain('Plan for');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results).toEqual([
      { row: 1, to: '+12065550142', messageId: expect.any(String), status: 'sent', originationIdentity: '+18335550100', parts: 1, error: null },
      { row: 2, to: '+12065550143', messageId: expect.any(String), status: 'sent', originationIdentity: '+18335550100', parts: 1, error: null },
    ]);
    expect(out.summary).toMatchObject({ rows: 2, sent: 2, failed: 0, unknown: 0 });
  });
});

describe('checks before the first message', () => {
  it('every problem at once, exit 2, zero API calls', async () => {
    const home = tempHome();
    const f = csv(home, 'phone,name\n+12065550142,Ana\n+1206555,Bo\nnot-a-number,Cy\n+12065550144,"unclosed\n');
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}} at {{time}}', '--json'], { home });
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('INVALID_INPUT');
    const text = JSON.stringify(err.problems);
    expect(text).toContain('{{time}}: no such column');
    expect(text).toContain('row 2 (line 3) phone');
    expect(text).toContain('row 3 (line 4) phone');
    expect(text).toContain('never closed');
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('a missing phone column, an empty file, and flags of a single send are input errors', async () => {
    const home = tempHome();
    const a = await runEum([...at(), 'send', '--to-file', csv(home, 'number,name\n+12065550142,Ana\n'), '--body', 'x'], { home });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('no "phone" column in the header (number, name): add one, or name it with --to-column');
    const b = await runEum([...at(), 'send', '--to-file', csv(home, '', 'e.csv'), '--body', 'x'], { home });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('the file is empty');
    const c = await runEum([...at(), 'send', '--to-file', 'missing.csv', '--to', '+12065550142', '--ttl', '60', '--resume', '--restart'], { home });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--to: not with --to-file');
    expect(c.stderr).toContain('--ttl: not with --to-file: give a ttl column in the file');
    expect(c.stderr).toContain('--body: required');
    expect(c.stderr).toContain('--restart: give --resume or --restart, not both');
    const d = await runEum([...at(), 'send', '--to-file', csv(home, 'number\n+12065550142\n', 'n.csv'), '--to-column', 'number', '--body', 'x', '--dry-run'], {
      home,
    });
    expect(d.code).toBe(3);
  });

  it('a country no identity reaches is named; exit 2, nothing sent', async () => {
    const home = tempHome();
    const f = csv(home, 'phone\n+12065550142\n+5511987654321\n');
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--from', '+18335550100'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BR: no origination identity given with --from sends to BR');
    expect((await simRequests(sim.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toEqual([]);
  });
});

describe('plan and dry run', () => {
  it('--dry-run prints the plan and exits 3; --json lists each row; duplicates are sent once', async () => {
    const home = tempHome();
    const f = csv(home, 'phone,name\n+12065550150,Ana\n+12065550151,Bo\n+12065550150,Ana again\n');
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--dry-run'], { home });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Plan for');
    expect(r.stdout).toContain('to send: 2 messages (2 parts)');
    expect(r.stdout).toContain('not sent: 1 duplicate');
    expect(r.stdout).toContain('US: 2 recipients, 2 parts from +*******0100 2');
    expect(r.stdout).toContain('pace: +*******0100 at 3 parts/s (its MessagingLimits)');
    const j = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--dry-run', '--json'], { home });
    expect(j.code).toBe(3);
    const out = JSON.parse(j.stdout);
    expect(out.plan).toMatchObject({ rows: 3, toSend: 2, duplicates: 1, resume: false });
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['skipped', 'skipped', 'duplicate']);
    expect((await simRequests(sim.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toEqual([]);
    const sent = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--json'], { home });
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout).summary).toMatchObject({ sent: 2, duplicate: 1 });
  });

  it('opted-out numbers are skipped and reported; exit 0', async () => {
    const home = tempHome();
    const { PinpointSMSVoiceV2Client, PutOptedOutNumberCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    const client = new PinpointSMSVoiceV2Client({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    });
    await client.send(new PutOptedOutNumberCommand({ OptOutListName: 'Default', OptedOutNumber: '+12065550161' }));
    client.destroy();
    const f = csv(home, 'phone\n+12065550160\n+12065550161\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--json'], { home });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['sent', 'opted-out']);
    expect(out.summary).toMatchObject({ sent: 1, optedOut: 1 });
  });
});

describe('never twice', () => {
  it('a rerun resumes: rows sent are not sent again; a row left in flight is unknown until --retry-unknown', async () => {
    const home = tempHome();
    const f = csv(home, 'phone\n+12065550170\n+12065550171\n+12065550172\n');
    const first = await runEum([...at(), 'send', '--to-file', f, '--body', 'Your parcel is out for delivery', '--json'], { home });
    expect(first.code).toBe(0);
    const dir = path.join(home, 'journal', 'send');
    const [name] = readdirSync(dir);
    const journal = path.join(dir, name);
    // As if the run had been killed with row 3 in flight and its outcome never written.
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const kept = lines.filter((l) => !/"r":3,"s":"sent"/.test(l));
    writeFileSync(journal, `${kept.join('\n')}\n`);
    await clearSimRequests(sim.endpoint);
    const again = await runEum([...at(), 'send', '--to-file', f, '--body', 'Your parcel is out for delivery', '--json'], { home });
    expect(again.code).toBe(1);
    const out = JSON.parse(again.stdout);
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['sent', 'sent', 'unknown']);
    expect(out.summary).toMatchObject({ sent: 2, sentBefore: 2, unknown: 1 });
    // Rows sent before are reported with the message ids the journal kept.
    const ids = (x: { results: Array<{ messageId: string | null }> }) => x.results.slice(0, 2).map((r) => r.messageId);
    expect(ids(out)).toEqual(ids(JSON.parse(first.stdout)));
    expect(ids(out)[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await simRequests(sim.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toEqual([]);
    expect(again.stderr).toContain('resuming the earlier run');
    const retry = await runEum([...at(), 'send', '--to-file', f, '--body', 'Your parcel is out for delivery', '--retry-unknown', '--json'], { home });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout).summary).toMatchObject({ sent: 3, sentBefore: 2 });
    expect((await simRequests(sim.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toHaveLength(1);
    expect((await import('node:fs')).statSync(journal).mode & 0o777).toBe(0o600);
  });

  it('the reads before the first send ride out heavy throttling as the sends do (60% of every request throttled)', async () => {
    // With 3 attempts a read, a run stopped before its first send 6 times in 6 here; with a
    // send's attempts it goes through.
    const throttled = await startSim({ throttleRate: 0.6 });
    try {
      const home = tempHome();
      const f = csv(home, 'phone\n+12065550190\n+12065550191\n');
      const r = await runEum(['--endpoint-url', throttled.endpoint, 'send', '--to-file', f, '--body', 'x', '--json'], { home });
      expect(r.stderr).not.toContain('ThrottlingException');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ sent: 2, failed: 0, unknown: 0 });
      expect((await simRequests(throttled.endpoint)).filter((q) => q.errorType === 'ThrottlingException').length).toBeGreaterThan(0);
    } finally {
      await throttled.close();
    }
  }, 120_000);

  it('--restart asks first; without a terminal it needs --yes', async () => {
    const home = tempHome();
    const f = csv(home, 'phone\n+12065550180\n');
    expect((await runEum([...at(), 'send', '--to-file', f, '--body', 'x'], { home })).code).toBe(0);
    const no = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--restart'], { home });
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('--yes');
    await clearSimRequests(sim.endpoint);
    const yes = await runEum([...at(), '--yes', 'send', '--to-file', f, '--body', 'x', '--restart', '--json'], { home });
    expect(yes.code).toBe(0);
    expect(JSON.parse(yes.stdout).summary).toMatchObject({ sent: 1, sentBefore: 0 });
  });
});

describe('output', () => {
  it('piped: one tab-separated line per row; --json-lines: a line per row and the summary', async () => {
    const home = tempHome();
    const f = csv(home, 'phone,name\n+12065550190,Ana\n+12065550191,Bo\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}'], { home });
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((x) => x.slice(0, 3))).toEqual([
      ['1', '+12065550190', 'sent'],
      ['2', '+12065550191', 'sent'],
    ]);
    const home2 = tempHome();
    const f2 = csv(home2, 'phone,name\n+12065550192,Ana\n');
    const l = await runEum([...at(), 'send', '--to-file', f2, '--body', 'Hi {{name}}', '--json-lines'], { home: home2 });
    const lines = l.stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(lines[0]).toMatchObject({ row: 1, status: 'sent' });
    expect(lines[1].summary).toMatchObject({ sent: 1 });
  });

  it('on a terminal: the results per status and the rows not sent, numbers masked', async () => {
    const home = tempHome();
    const f = csv(home, 'phone\n+12065550193\n+12065550193\n');
    const r = await runEum([...at(), '--yes', 'send', '--to-file', f, '--body', 'x'], { home, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sent');
    expect(r.stdout).toContain('duplicate');
    expect(r.stdout).not.toContain('2065550193');
  });
});

describe('pacing', () => {
  it('two toll-free numbers in parallel, each at its own rate; no recipient twice', async () => {
    const home = tempHome();
    const { PinpointSMSVoiceV2Client, RequestPhoneNumberCommand, DescribeRegistrationsCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    const client = new PinpointSMSVoiceV2Client({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    });
    const regs = await client.send(new DescribeRegistrationsCommand({}));
    const reg = regs.Registrations?.find((x) => x.RegistrationType === 'US_TOLL_FREE_REGISTRATION' && x.RegistrationStatus === 'COMPLETE');
    const second = await client.send(
      new RequestPhoneNumberCommand({
        IsoCountryCode: 'US',
        MessageType: 'TRANSACTIONAL',
        NumberCapabilities: ['SMS'],
        NumberType: 'TOLL_FREE',
        RegistrationId: reg?.RegistrationId,
      }),
    );
    client.destroy();
    const numbers = Array.from({ length: 12 }, (_, i) => `+1206555${String(200 + i).padStart(4, '0')}`);
    const f = csv(home, `phone\n${numbers.join('\n')}\n`);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--from', '+18335550100', '--from', second.PhoneNumber!, '--json'], { home });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.byOriginator).toEqual({ '+18335550100': 6, [second.PhoneNumber!]: 6 });
    const a = await received('+18335550100');
    const b = await received(second.PhoneNumber!);
    for (const n of numbers) expect((a.get(n) ?? 0) + (b.get(n) ?? 0)).toBe(1);
  });
});

describe('account checks', () => {
  it('numbers Protect blocks are skipped and reported blocked', async () => {
    const own = await startSim();
    try {
      const sdk = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
      const client = new sdk.PinpointSMSVoiceV2Client({
        region: 'us-east-1',
        endpoint: own.endpoint,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      });
      const pc = await client.send(new sdk.CreateProtectConfigurationCommand({}));
      await client.send(new sdk.SetAccountDefaultProtectConfigurationCommand({ ProtectConfigurationId: pc.ProtectConfigurationId }));
      await client.send(
        new sdk.UpdateProtectConfigurationCountryRuleSetCommand({
          ProtectConfigurationId: pc.ProtectConfigurationId,
          NumberCapability: 'SMS',
          CountryRuleSetUpdates: { FR: { ProtectStatus: 'BLOCK' } },
        }),
      );
      client.destroy();
      const home = tempHome();
      const f = csv(home, 'phone\n+33612345678\n+4915112345678\n');
      const r = await runEum(['--endpoint-url', own.endpoint, 'send', '--to-file', f, '--body', 'x', '--json'], { home });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.results.map((x: { status: string }) => x.status)).toEqual(['blocked', 'sent']);
      expect(out.results[0].error).toBe('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    } finally {
      await own.close();
    }
  });

  it('in the sandbox, unverified destinations are an input error; nothing sent', async () => {
    const { createMemoryStore, freshState } = await import('../../src/sim/index.js');
    const own = await startSim({}, createMemoryStore(freshState(new Date(), 'new')));
    try {
      const home = tempHome();
      const f = csv(home, 'phone\n+4915112345678\n');
      const r = await runEum(['--endpoint-url', own.endpoint, 'send', '--to-file', f, '--body', 'x'], { home });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not verified');
      expect((await simRequests(own.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('--feedback records every message sent in the feedback ledger', async () => {
    const home = tempHome();
    const f = csv(home, 'phone\n+12065550195\n+12065550196\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--feedback', '--json'], { home });
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).results.map((x: { messageId: string }) => x.messageId);
    const ledger = readFileSync(path.join(home, 'ledger', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}.tsv`), 'utf8');
    for (const id of ids) expect(ledger).toContain(id);
    expect(ledger).not.toContain('2065550195');
  });
});
