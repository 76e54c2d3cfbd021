/** sender-id under faults: lost replies, a release then a new request, journals that fail, endless input. */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { PinpointSMSVoiceV2Client, ReleaseSenderIdCommand, RequestSenderIdCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { startDroppingProxy } from '../helpers/faults.js';
import { createMemoryStore, startSimServer, type SimServer } from '../../src/sim/index.js';

interface LoggedRequest {
  operation: string;
  status: number;
  region: string | null;
}

let sim: SimServer;
const cleanup: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  sim = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 }, store: createMemoryStore() });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
});
function home(): string {
  const h = tempHome();
  cleanup.push(() => rmSync(h, { recursive: true, force: true }));
  return h;
}
async function logged(op: string): Promise<LoggedRequest[]> {
  const { requests } = (await (await fetch(`${sim.endpoint}/_eum/requests`)).json()) as { requests: LoggedRequest[] };
  return requests.filter((r) => r.operation === op);
}
const at = ['--endpoint-url'];
const OPEN = ['DE', 'FR', 'IT', 'NL', 'PL', 'SE', 'CH', 'PT', 'NO', 'DK'];
const journalDir = (h: string) => path.join(h, 'journal', 'sender-id', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`);

describe('sender-id bulk: never twice, never stale', () => {
  it('30% of replies dropped: every sender ID created once, none failed, no duplicate', async () => {
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (n) => n % 10 === 1 || n % 10 === 4 || n % 10 === 7 });
    cleanup.push(() => proxy.close());
    const r = await runEum(
      [...at, proxy.endpoint, 'sender-id', 'bulk', '--sender-id', 'DROPCO', '--countries', OPEN.join(','), '--rate', '100', '--max-attempts', '10', '--json'],
      { home: home() },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(Array(OPEN.length).fill('created'));
    expect(proxy.dropped).toBeGreaterThan(2);
    // A retry after a lost reply carries the same ClientToken: the service replays its answer.
    const list = JSON.parse((await runEum([...at, sim.endpoint, 'sender-id', 'list', '--sender-id', 'DROPCO', '--json'], { home: home() })).stdout);
    expect(list.senderIds.map((s: { country: string }) => s.country).sort()).toEqual([...OPEN].sort());
    expect((await logged('RequestSenderId')).filter((q) => q.status !== 200)).toEqual([]);
  });

  it('requested again after a release, it is really created (a new ClientToken)', async () => {
    const h = home();
    const first = await runEum(
      [...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'AGAINCO', '--countries', 'DE', '--no-deletion-protection', '--json'],
      { home: h },
    );
    expect(JSON.parse(first.stdout).results[0].status).toBe('created');
    const released = await runEum([...at, sim.endpoint, 'sender-id', 'release', '--sender-id', 'AGAINCO', '--countries', 'DE', '--yes', '--json'], { home: h });
    expect(JSON.parse(released.stdout).results[0].status).toBe('released');
    const again = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'AGAINCO', '--countries', 'DE', '--json'], { home: h });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0].status).toBe('created');
    const list = JSON.parse((await runEum([...at, sim.endpoint, 'sender-id', 'list', '--sender-id', 'AGAINCO', '--json'], { home: h })).stdout);
    expect(list.senderIds).toHaveLength(1);
    // A rerun reports what it did: nothing created, it exists (also with --force).
    for (const extra of [[], ['--force']]) {
      const rerun = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'AGAINCO', '--countries', 'DE', ...extra, '--json'], { home: h });
      expect(JSON.parse(rerun.stdout).results[0].status).toBe('exists');
    }
  });

  it('a token whose outcome was unknown, then a release: the rerun finds it gone and really creates it', async () => {
    const h = home();
    const token = 'eum-sid-earlier-attempt';
    // An earlier run wrote its token, the service created the sender ID, the answer was lost.
    const sdk = new PinpointSMSVoiceV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
    cleanup.push(() => sdk.destroy());
    await sdk.send(
      new RequestSenderIdCommand({
        SenderId: 'LOSTCO',
        IsoCountryCode: 'DE',
        MessageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'],
        DeletionProtectionEnabled: false,
        ClientToken: token,
      }),
    );
    mkdirSync(journalDir(h), { recursive: true });
    writeFileSync(
      path.join(journalDir(h), 'LOSTCO.jsonl'),
      `${JSON.stringify({ kind: 'token', region: 'us-east-1', country: 'DE', senderId: 'LOSTCO', token, at: new Date().toISOString() })}\n`,
    );
    // Released by hand before any rerun.
    await sdk.send(new ReleaseSenderIdCommand({ SenderId: 'LOSTCO', IsoCountryCode: 'DE' }));
    const r = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'LOSTCO', '--countries', 'DE', '--no-deletion-protection', '--json'], {
      home: h,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('created');
    const list = JSON.parse((await runEum([...at, sim.endpoint, 'sender-id', 'list', '--sender-id', 'LOSTCO', '--json'], { home: h })).stdout);
    expect(list.senderIds).toHaveLength(1);
  });

  it('a sender ID that exists with other message types is reported with a warning', async () => {
    const h = home();
    await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'TYPECO', '--countries', 'FR', '--message-types', 'transactional'], { home: h });
    const r = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'TYPECO', '--countries', 'FR', '--json'], { home: h });
    expect(JSON.parse(r.stdout).results[0].status).toBe('exists');
    expect(r.stderr).toContain('FR in us-east-1 exists with message types transactional, not transactional, promotional as asked');
  });
});

describe('sender-id bulk: the first read', () => {
  it("DescribeSenderIds gets the engine's attempts: dry runs under 30% throttling all reach a plan", async () => {
    const noisy = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0.3 }, store: createMemoryStore() });
    cleanup.push(() => noisy.close());
    for (let i = 0; i < 8; i++) {
      const r = await runEum(
        [
          ...at,
          noisy.endpoint,
          'sender-id',
          'bulk',
          '--sender-id',
          'PLANCO',
          '--countries',
          'DE,FR',
          '--regions',
          'us-east-1,eu-west-2,eu-central-1',
          '--dry-run',
          '--json',
        ],
        { home: home() },
      );
      expect(r.code).toBe(3);
    }
  });
});

describe('sender-id: journals that cannot be used, bounded input', () => {
  it('a journal path that is a directory: exit 1, nothing requested, the path named', async () => {
    const h = home();
    mkdirSync(path.join(journalDir(h), 'DIRCO.jsonl'), { recursive: true });
    const r = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'DIRCO', '--countries', 'DE,FR'], { home: h });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read the journal');
    expect(r.stderr).toContain('it is a directory');
    expect(r.stderr).not.toContain('bug in eum');
    expect(await logged('RequestSenderId')).toEqual([]);
  });

  it('a journal that cannot be written: stops before requesting, prints what was done, exit 1', async () => {
    const h = home();
    mkdirSync(journalDir(h), { recursive: true });
    symlinkSync('/nonexistent/dir/journal.jsonl', path.join(journalDir(h), 'NOWRITE.jsonl'));
    const r = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'NOWRITE', '--countries', 'DE,FR,GB', '--rate', '50', '--json'], {
      home: h,
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('JOURNAL_WRITE_FAILED');
    // What was known is printed (GB needs registration); nothing was requested.
    expect(out.results.map((x: { country: string; status: string }) => `${x.country} ${x.status}`)).toEqual(['GB needs-registration']);
    expect(await logged('RequestSenderId')).toEqual([]);
  });

  it('an endless country list on stdin ends at the limit, exit 2, nothing requested', async () => {
    const r = await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'YESCO', '--countries', '-'], {
      home: home(),
      stdin: 'DE\n'.repeat(500_000),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stdin is larger than 64 KiB: a country list names at most 250 countries');
    expect((await logged('DescribeSenderIds')).length + (await logged('RequestSenderId')).length).toBe(0);
  });
});

describe('sender-id list: one Region failing', () => {
  it('keeps the Regions that answered, names the one that did not, exit 1', async () => {
    const h = home();
    await runEum([...at, sim.endpoint, 'sender-id', 'bulk', '--sender-id', 'HALFCO', '--countries', 'DE', '--regions', 'us-east-1,eu-west-2'], { home: h });
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (_n, _op, region) => region === 'eu-west-2' });
    cleanup.push(() => proxy.close());
    const r = await runEum([...at, proxy.endpoint, 'sender-id', 'list', '--sender-id', 'HALFCO', '--regions', 'us-east-1,eu-west-2', '--json'], { home: h });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.senderIds.map((s: { region: string }) => s.region)).toEqual(['us-east-1']);
    expect(out.failedRegions.map((f: { region: string }) => f.region)).toEqual(['eu-west-2']);
    expect(r.stderr).toContain('eu-west-2');
  });
});
