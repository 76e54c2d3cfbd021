import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { damageWarnings, ledgerTarget, openLedger, type SentRecord } from '../../src/store/ledger/index.js';
import { Outcome, OutcomeSource } from '../../src/core/feedback/snapshot.js';
import { tempHome } from '../helpers/streams.js';

/** Temp dirs of this file, removed after it. */
const scratchDirs: string[] = [];
function scratch(prefix?: string): string {
  const dir = tempHome(prefix);
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sent = (id: string, over: Partial<SentRecord> = {}): SentRecord => ({
  messageId: id,
  sentAt: new Date(1_700_000_000_000),
  isoCountryCode: 'US',
  origination: '+12065550199',
  configurationSet: 'otp',
  feedback: true,
  region: 'us-east-1',
  destinationLast4: '0100',
  ...over,
});

describe('ledger', () => {
  it('a torn last line (a crash mid-write) does not swallow the next record', async () => {
    const home = scratch();
    const first = openLedger(home, 'aws');
    await first.recordSent([sent('m1')]);
    await first.close();
    const file = path.join(home, 'ledger', 'aws.tsv');
    appendFileSync(file, 'S\tm-torn\t17000');
    const second = openLedger(home, 'aws');
    await second.recordSent([sent('m2')]);
    await second.close();
    const snap = await openLedger(home, 'aws').scan({ details: true });
    expect(snap.details!.map((d) => d.messageId)).toContain('m2');
    expect(readFileSync(file, 'utf8').split('\n')[2]).toMatch(/^S\tm2\t/);
  });

  it('keeps sent records and outcomes; the last outcome wins', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    await ledger.recordSent([sent('m1'), sent('m2', { isoCountryCode: 'GB', sentAt: new Date(1_700_000_100_000) }), sent('m3', { feedback: false })]);
    await ledger.recordOutcomes([{ messageId: 'm1', status: 'FAILED', at: new Date(1_700_000_001_000), source: 'expire' }]);
    await ledger.recordOutcomes([{ messageId: 'm1', status: 'RECEIVED', at: new Date(1_700_000_002_000), source: 'put' }]);
    await ledger.recordOutcomes([{ messageId: 'unknown', status: 'RECEIVED', at: new Date(), source: 'put' }]);
    await ledger.close();

    const snap = await openLedger(home, 'aws').scan({ groupBy: 'country', details: true });
    expect(snap.count).toBe(3);
    expect(Array.from(snap.outcome)).toEqual([Outcome.Received, Outcome.None, Outcome.None]);
    expect(snap.outcomeSource[0]).toBe(OutcomeSource.Put);
    expect(snap.outcomeMs[0]).toBe(1_700_000_002_000);
    expect(Array.from(snap.feedback)).toEqual([1, 1, 0]);
    expect(snap.groupNames).toEqual(['US', 'GB']);
    expect(Array.from(snap.group)).toEqual([0, 1, 0]);
    expect(snap.details![1]).toEqual({
      messageId: 'm2',
      isoCountryCode: 'GB',
      origination: '+12065550199',
      configurationSet: 'otp',
      region: 'us-east-1',
      destinationLast4: '0100',
    });

    const since = await openLedger(home, 'aws').scan({ sinceMs: 1_700_000_050_000, groupBy: 'day' });
    expect(since.count).toBe(1);
    expect(since.groupNames).toEqual(['2023-11-14']);
  });

  it('is owner-only, never holds a full phone number, and ignores a torn last line', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'sim');
    await ledger.recordSent([sent('m1', { destinationLast4: '+12065550100' })]);
    await ledger.close();
    expect(statSync(ledger.location).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(ledger.location)).mode & 0o777).toBe(0o700);
    const text = readFileSync(ledger.location, 'utf8');
    expect(text).not.toContain('2065550100\t');
    expect(text.trim().split('\t').at(-1)).toBe('0100');
    // A crash in the middle of a write leaves a line without its newline.
    appendFileSync(ledger.location, 'S\tm2\t17000');
    expect((await openLedger(home, 'sim').scan()).count).toBe(1);
  });

  it('skips lines it does not understand, and counts them with their numbers', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    await ledger.recordSent([sent('m1')]);
    appendFileSync(ledger.location, '# comment\nZ\twhat\n\nS\tshort\t12\n');
    await ledger.recordSent([sent('m2')]);
    await ledger.close();
    const snap = await openLedger(home, 'aws').scan();
    expect(snap.count).toBe(2);
    // The empty line hides nothing; the three others are damaged.
    expect(snap.damagedLines).toBe(3);
    expect(snap.damagedLineNumbers).toEqual([2, 3, 5]);
  });

  it('a damaged ledger: cut, altered, junk, NUL and duplicated lines are counted, named, and the messages they name are flagged', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    const ids = ['msg-aaaaaaaa-1', 'msg-bbbbbbbb-2', 'msg-cccccccc-3', 'msg-dddddddd-4'];
    await ledger.recordSent(ids.map((id) => sent(id)));
    await ledger.close();
    const at = 1_700_000_060_000;
    const lines = readFileSync(ledger.location, 'utf8').split('\n').filter(Boolean);
    const damaged = [
      ...lines,
      // 5: a duplicated sent line: counted once.
      lines[0],
      // 6: an outcome cut in the middle (a crash), then the file went on.
      `O\t${ids[1]}\t17000`,
      // 7: two stray bytes inside an id hide a RECEIVED.
      `O\tmsg-cccc\u0000\u00ffcccc-3\t${at}\tR\tp`,
      // 8: junk, 9: NUL bytes, 10: a stray byte in the status.
      'hello world',
      '\u0000\u0000\u0000\u0000',
      `O\t${ids[3]}\t${at}\tRX\tp`,
      // 11: a good outcome.
      `O\t${ids[0]}\t${at}\tR\tp`,
    ];
    writeFileSync(ledger.location, `${damaged.join('\n')}\n`, { encoding: 'latin1' });
    const snap = await openLedger(home, 'aws').scan({ details: true });
    expect(snap.count).toBe(4);
    expect(snap.duplicateLines).toBe(1);
    expect(snap.damagedLines).toBe(5);
    expect(snap.damagedLineNumbers).toEqual([6, 7, 8, 9, 10]);
    expect(Array.from(snap.outcome)).toEqual([Outcome.Received, Outcome.None, Outcome.None, Outcome.None]);
    // The messages damaged lines name: their outcome may be the damaged line.
    expect(Array.from(snap.damaged)).toEqual([0, 1, 1, 1]);
    expect(damageWarnings(snap, 'L')).toEqual(['ledger L: 5 damaged lines ignored (lines 6, 7, 8, 9, 10)', 'ledger L: 1 duplicated line counted once']);
  });

  it('a line longer than any record is damaged and skipped in bounded memory; a torn last line is silent', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    await ledger.recordSent([sent('m1')]);
    await ledger.close();
    appendFileSync(ledger.location, Buffer.alloc(20 << 20, 0x41));
    appendFileSync(ledger.location, '\n');
    const l2 = openLedger(home, 'aws');
    await l2.recordSent([sent('m2')]);
    await l2.close();
    appendFileSync(ledger.location, 'S\tm3\t1700');
    const snap = await openLedger(home, 'aws').scan();
    expect(snap.count).toBe(2);
    expect(snap.damagedLines).toBe(1);
    expect(snap.damagedLineNumbers).toEqual([2]);
  });

  it('filters by Region, and reads outcomes recorded after a snapshot', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    await ledger.recordSent([sent('m1'), sent('m2', { region: 'eu-west-2' })]);
    const snap = await ledger.scan({ region: 'eu-west-2', details: true });
    expect(snap.details!.map((d) => d.messageId)).toEqual(['m2']);
    expect((await ledger.scan({ otherRegionsThan: 'us-east-1' })).otherRegions).toEqual(new Map([['m2', 'eu-west-2']]));
    expect(await ledger.outcomesSince(snap.position)).toEqual({ outcomes: new Map(), position: snap.position });
    await ledger.recordOutcomes([{ messageId: 'm2', status: 'RECEIVED', at: new Date(), source: 'put' }]);
    const since = await ledger.outcomesSince(snap.position);
    expect(since.outcomes).toEqual(new Map([['m2', 'RECEIVED']]));
    expect(since.position).toBeGreaterThan(snap.position);
    await ledger.close();
  });

  it('a ledger path that is a directory is a clear error, not a crash', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    mkdirSync(ledger.location, { recursive: true });
    await expect(ledger.scan()).rejects.toMatchObject({ code: 'LEDGER_UNREADABLE', message: expect.stringContaining('it is a directory, not a file') });
    await expect(ledger.recordSent([sent('m1')])).rejects.toMatchObject({
      code: 'LEDGER_WRITE_FAILED',
      message: expect.stringContaining('it is a directory, not a file'),
    });
  });

  it('grows past its initial table and chunk sizes', async () => {
    const home = scratch();
    const ledger = openLedger(home, 'aws');
    const n = 40_000;
    await ledger.recordSent(Array.from({ length: n }, (_, i) => sent(`id-${i}`, { isoCountryCode: i % 2 ? 'GB' : 'US' })));
    await ledger.recordOutcomes(
      Array.from({ length: n / 2 }, (_, i) => ({
        messageId: `id-${i * 2}`,
        status: 'RECEIVED' as const,
        at: new Date(1_700_000_005_000),
        source: 'put' as const,
      })),
    );
    await ledger.close();
    const snap = await ledger.scan({ groupBy: 'country' });
    expect(snap.count).toBe(n);
    let received = 0;
    for (let i = 0; i < n; i++) if (snap.outcome[i] === Outcome.Received) received++;
    expect(received).toBe(n / 2);
    expect(snap.outcome[0]).toBe(Outcome.Received);
    expect(snap.outcome[1]).toBe(Outcome.None);
  });

  it('names one ledger per target', () => {
    expect(ledgerTarget({ sim: true })).toBe('sim');
    expect(ledgerTarget({ sim: false })).toBe('aws');
    expect(ledgerTarget({ sim: false, endpointUrl: 'http://127.0.0.1:4566' })).toBe('endpoint-127.0.0.1-4566');
  });

  describe('across processes', () => {
    const dir = scratch('eum-ledger-bundle-');
    const bundle = path.join(dir, 'ledger.cjs');
    buildSync({ entryPoints: ['src/store/ledger/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
    const writer = path.join(dir, 'writer.cjs');
    writeFileSync(
      writer,
      `const { openLedger } = require(${JSON.stringify(bundle)});
const [home, tag, count, batch] = process.argv.slice(2);
(async () => {
  const ledger = openLedger(home, 'aws');
  for (let i = 0; i < Number(count); i += Number(batch)) {
    const recs = [];
    for (let j = i; j < Math.min(Number(count), i + Number(batch)); j++) recs.push({ messageId: tag + '-' + j, sentAt: new Date(), isoCountryCode: 'US', origination: '', configurationSet: 'x'.repeat(200), feedback: true, region: 'us-east-1', destinationLast4: '0100' });
    await ledger.recordSent(recs);
    process.stdout.write('acked ' + (i + recs.length) + '\\n');
  }
  if (process.argv[6] === 'hang') setInterval(() => {}, 1000);
  else await ledger.close();
})();`,
    );
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      return { child, out: () => out, done: new Promise<number | null>((resolve) => child.on('close', resolve)) };
    };

    it('several writers at once lose and tear nothing', async () => {
      const home = scratch();
      const procs = ['a', 'b', 'c', 'd'].map((tag) => run([home, tag, '600', '7']));
      expect(await Promise.all(procs.map((p) => p.done))).toEqual([0, 0, 0, 0]);
      const snap = await openLedger(home, 'aws').scan({ details: true });
      expect(snap.count).toBe(2400);
      expect(new Set(snap.details!.map((d) => d.messageId)).size).toBe(2400);
      const lines = readFileSync(path.join(home, 'ledger', 'aws.tsv'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines.every((l) => l.split('\t').length === 9)).toBe(true);
    });

    it('what a writer acknowledged survives kill -9', async () => {
      const home = scratch();
      const p = run([home, 'k', '100000', '50', 'hang']);
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (/acked \d{3,}/.test(p.out())) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      p.child.kill('SIGKILL');
      await p.done;
      const acked = Math.max(...[...p.out().matchAll(/acked (\d+)/g)].map((m) => Number(m[1])));
      const snap = await openLedger(home, 'aws').scan();
      expect(snap.count).toBeGreaterThanOrEqual(acked);
    });
  });
});
