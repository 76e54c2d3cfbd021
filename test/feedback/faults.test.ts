/**
 * Issue #12 for feedback: never twice, never lost, bounded input, and a ledger that tells the truth.
 * Each test failed before its fix.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { startDroppingProxy } from '../helpers/faults.js';
import { main } from '../../src/cli/main.js';
import { systemClock } from '../../src/cli/context.js';
import { clearSimRequests, simRequests, startSim } from './sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
const homes: string[] = [];
const home = () => {
  const h = tempHome();
  homes.push(h);
  return h;
};
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const at = (endpoint = sim.endpoint) => ['--endpoint-url', endpoint];
const ledgerPath = (h: string, endpoint = sim.endpoint) => path.join(h, 'ledger', `endpoint-127.0.0.1-${new URL(endpoint).port}.tsv`);
const puts = async (endpoint = sim.endpoint) => (await simRequests(endpoint)).filter((r) => r.operation === 'PutMessageFeedback');

/** Runs eum with the clock moved forward by `aheadMs`. */
async function runLater(argv: string[], h: string, aheadMs: number) {
  const { base, stdout, stderr } = fakeBase({ home: h });
  base.clock = { now: () => new Date(Date.now() + aheadMs), sleep: systemClock.sleep };
  const code = await main(argv, base);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function sendMany(n: number, h: string, endpoint = sim.endpoint, extra: string[] = []): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await runEum([...at(endpoint), ...extra, 'send', '--to', `+1206555${String(100 + i).padStart(4, '0')}`, '--body', `code ${i}`, '--feedback'], {
      home: h,
    });
    expect(r.code).toBe(0);
    ids.push(r.stdout.trim());
  }
  return ids;
}

async function feedbackAtSim(id: string, region = 'us-east-1', endpoint = sim.endpoint): Promise<string | null> {
  const res = await fetch(new URL(`/_eum/messages/${id}?region=${region}`, endpoint));
  return res.ok ? ((await res.json()) as { feedbackStatus: string | null }).feedbackStatus : null;
}

const HOUR = 3_600_000;

describe('never twice, never lost', () => {
  it('put --file: when the ledger cannot be written midway, no new work starts, results so far are printed, exit 1 LEDGER_WRITE_FAILED', async () => {
    const slow = await startSim({ latencyMs: [15, 15] });
    const h = home();
    // The ledger becomes a directory once the first post has reached the service.
    let ledger = '';
    let swapped = false;
    const proxy = await startDroppingProxy(slow.endpoint, {
      drop: (_n, op) => {
        if (op === 'PutMessageFeedback' && !swapped) {
          swapped = true;
          if (existsSync(ledger)) renameSync(ledger, `${ledger}.moved`);
          mkdirSync(ledger, { recursive: true });
        }
        return false;
      },
    });
    try {
      ledger = ledgerPath(h, proxy.endpoint);
      const ids = await sendMany(3, h, proxy.endpoint);
      const file = path.join(h, 'ids.txt');
      writeFileSync(file, `${Array.from({ length: 300 }, (_, i) => ids[i % 3]).join('\n')}\n`);
      const r = await runEum([...at(proxy.endpoint), 'feedback', 'put', '--file', file, '--status', 'RECEIVED', '--concurrency', '2'], { home: h });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`stopped: could not write the ledger ${ledger}: it is a directory, not a file`);
      expect(r.stderr).toMatch(/results? above (was|were) posted but not recorded/);
      expect(r.stderr).not.toContain('bug in eum');
      const printed = r.stdout.split('\n').filter(Boolean);
      expect(printed.length).toBeGreaterThan(0);
      expect(printed.every((l) => /\tRECEIVED\tok\t$/.test(l))).toBe(true);
      // Stopped: far from all 300, and every post the service saw is in the results.
      const posted = (await puts(slow.endpoint)).length;
      expect(posted).toBeLessThan(300);
      expect(printed.length).toBe(posted);

      const json = await runEum([...at(proxy.endpoint), 'feedback', 'put', '--file', file, '--status', 'RECEIVED', '--json'], { home: h });
      expect(json.code).toBe(1);
      // The directory is now in the way from the start: reading the ledger fails before any post.
      expect(JSON.parse(json.stdout).error.code).toBe('LEDGER_UNREADABLE');
    } finally {
      await proxy.close();
      await slow.close();
    }
  });

  it('put --file through a proxy that drops 30% of the replies: every id is posted and reported ok (PutMessageFeedback is idempotent)', async () => {
    const h = home();
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (n, op) => op === 'PutMessageFeedback' && n % 10 < 3 });
    try {
      const ids = await sendMany(10, h, proxy.endpoint);
      await clearSimRequests(sim.endpoint);
      const r = await runEum([...at(proxy.endpoint), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED', '--json'], {
        home: h,
        stdin: `${ids.join('\n')}\n`,
      });
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.summary).toEqual({ total: 10, succeeded: 10, failed: 0 });
      expect(proxy.dropped).toBeGreaterThan(0);
      // Lost replies were posted again: more requests than ids, every message RECEIVED.
      expect((await puts()).length).toBe(10 + proxy.dropped);
      for (const id of ids) expect(await feedbackAtSim(id)).toBe('RECEIVED');
    } finally {
      await proxy.close();
    }
  });

  it('put <id>: posted but not recorded says both and exits 1 with LEDGER_WRITE_FAILED', async () => {
    const h = home();
    let ledger = '';
    // The ledger becomes a directory once the service has the post (after eum read the ledger).
    const proxy = await startDroppingProxy(sim.endpoint, {
      drop: (_n, op) => {
        if (op === 'PutMessageFeedback') {
          renameSync(ledger, `${ledger}.moved`);
          mkdirSync(ledger);
        }
        return false;
      },
    });
    try {
      ledger = ledgerPath(h, proxy.endpoint);
      const [id] = await sendMany(1, h, proxy.endpoint);
      const r = await runEum([...at(proxy.endpoint), 'feedback', 'put', id, 'RECEIVED', '--json'], { home: h });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({
        messageId: id,
        status: 'RECEIVED',
        region: 'us-east-1',
        recorded: false,
        error: { code: 'LEDGER_WRITE_FAILED', message: expect.stringContaining('not recorded') },
      });
      expect(r.stderr).toContain(`RECEIVED was posted for ${id}, but it is not recorded: could not write the ledger ${ledger}: it is a directory, not a file`);
      expect(r.stderr).not.toContain('bug in eum');
      expect(await feedbackAtSim(id)).toBe('RECEIVED');
    } finally {
      await proxy.close();
    }
  });

  it('put <id> posts in the Region the ledger recorded for the message', async () => {
    const h = home();
    const [id] = await sendMany(1, h, sim.endpoint, ['--region', 'eu-west-2']);
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'feedback', 'put', id, 'RECEIVED', '--json'], { home: h });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ region: 'eu-west-2', recorded: true });
    expect(await feedbackAtSim(id, 'eu-west-2')).toBe('RECEIVED');
    // The default Region first (the ledger is read only when the service does not know the id), then the recorded one.
    expect((await simRequests(sim.endpoint)).map((q) => [q.operation, q.region, q.errorType ?? null])).toEqual([
      ['PutMessageFeedback', 'us-east-1', 'ResourceNotFoundException'],
      ['PutMessageFeedback', 'eu-west-2', null],
    ]);
    // Bulk too.
    const bulk = await runEum([...at(), 'feedback', 'put', '--file', '-', '--json'], { home: h, stdin: `${id},FAILED\n` });
    expect(bulk.code).toBe(0);
    expect(await feedbackAtSim(id, 'eu-west-2')).toBe('FAILED');
  });

  it('outcomes for the same message in one bulk file are posted in file order: the last line wins at the API as in the ledger', async () => {
    const h = home();
    const ids = await sendMany(4, h);
    const lines: string[] = [];
    for (let round = 0; round < 7; round++) for (const id of ids) lines.push(`${id},${(round + ids.indexOf(id)) % 2 ? 'FAILED' : 'RECEIVED'}`);
    const r = await runEum([...at(), 'feedback', 'put', '--file', '-', '--concurrency', '16'], { home: h, stdin: `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    const report = JSON.parse((await runEum([...at(), 'feedback', 'pending', '--json'], { home: h })).stdout);
    expect(report.count).toBe(0);
    for (const id of ids) {
      const last = lines
        .filter((l) => l.startsWith(`${id},`))
        .at(-1)!
        .split(',')[1];
      expect(await feedbackAtSim(id)).toBe(last);
      const inLedger = readFileSync(ledgerPath(h), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(`O\t${id}\t`))
        .at(-1)!
        .split('\t')[3];
      expect(inLedger).toBe(last[0]);
    }
  });

  it('expire re-checks the ledger before each post: a RECEIVED recorded meanwhile is not turned into FAILED', async () => {
    const h = home();
    let third = '';
    let ledger = '';
    const proxy = await startDroppingProxy(sim.endpoint, {
      drop: (_n, op) => {
        // While expire posts its first FAILED, another run records RECEIVED for the third message.
        if (op === 'PutMessageFeedback' && third && !readFileSync(ledger, 'utf8').includes(`O\t${third}\t`))
          appendFileSync(ledger, `O\t${third}\t${Date.now()}\tR\tp\n`);
        return false;
      },
    });
    try {
      ledger = ledgerPath(h, proxy.endpoint);
      const ids = await sendMany(3, h, proxy.endpoint);
      third = ids[2];
      await clearSimRequests(sim.endpoint);
      const r = await runLater([...at(proxy.endpoint), 'feedback', 'expire', '--concurrency', '1', '--json'], h, 2 * HOUR);
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.summary).toMatchObject({ total: 2, succeeded: 2, skipped: 1 });
      expect(body.results.map((x: { messageId: string }) => x.messageId)).toEqual([ids[0], ids[1]]);
      expect((await puts()).length).toBe(2);
      expect(await feedbackAtSim(third)).not.toBe('FAILED');
      const rep = JSON.parse((await runEum([...at(proxy.endpoint), 'feedback', 'report', '--json'], { home: h })).stdout);
      expect(rep.total).toMatchObject({ sent: 3, received: 1, failed: 2 });
    } finally {
      await proxy.close();
    }
  });

  it('two expire runs at once (two cron jobs): one works, the other exits 0 saying another is running; nothing is posted twice', async () => {
    const slow = await startSim({ latencyMs: [20, 20] });
    try {
      const h = home();
      const ids = await sendMany(12, h, slow.endpoint);
      await clearSimRequests(slow.endpoint);
      const [a, b] = await Promise.all([
        runLater([...at(slow.endpoint), 'feedback', 'expire', '--concurrency', '1', '--json'], h, 2 * HOUR),
        runLater([...at(slow.endpoint), 'feedback', 'expire', '--concurrency', '1', '--json'], h, 2 * HOUR),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const bodies = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
      const waiting = bodies.find((x) => x.anotherRun !== null)!;
      expect(waiting).toMatchObject({ anotherRun: { pid: process.pid }, summary: { total: 0 } });
      expect((await puts(slow.endpoint)).length).toBe(ids.length);
      // The lock is gone afterwards: the next run finds nothing left.
      const again = await runLater([...at(slow.endpoint), 'feedback', 'expire', '--json'], h, 2 * HOUR);
      expect(JSON.parse(again.stdout)).toMatchObject({ anotherRun: null, summary: { total: 0 } });
    } finally {
      await slow.close();
    }
  });

  it('two expire processes at once never post twice; a lock left by a dead process is taken over', async () => {
    const h = home();
    const ids = await sendMany(6, h);
    const ledger = ledgerPath(h);
    // A lock whose process is gone (kill -9): a pid that has exited.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('close', resolve));
    writeFileSync(`${ledger}.expire.lock`, JSON.stringify({ pid: dead.pid, host: (await import('node:os')).hostname(), since: new Date().toISOString() }));
    await clearSimRequests(sim.endpoint);
    const r = await runLater([...at(), 'feedback', 'expire', '--json'], h, 2 * HOUR);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ total: ids.length, succeeded: ids.length });
    expect(existsSync(`${ledger}.expire.lock`)).toBe(false);
    // A live holder: this test process.
    writeFileSync(`${ledger}.expire.lock`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: new Date().toISOString() }));
    const held = await runLater([...at(), 'feedback', 'expire'], h, 3 * HOUR);
    expect(held.code).toBe(0);
    expect(held.stderr).toContain(`another eum feedback expire is running for this ledger (pid ${process.pid}`);
    expect((await puts()).length).toBe(ids.length);
  });
});

describe('the ledger tells the truth', () => {
  it('a damaged ledger: lines counted and named on stderr, --json counts them, duplicates counted once, expire leaves a message with a damaged line alone', async () => {
    const h = home();
    const ids = await sendMany(3, h);
    expect((await runEum([...at(), 'feedback', 'put', ids[2], 'RECEIVED'], { home: h })).code).toBe(0);
    const ledger = ledgerPath(h);
    const lines = readFileSync(ledger, 'latin1').split('\n').filter(Boolean);
    expect(lines.length).toBe(4);
    // Two stray bytes in the RECEIVED line hide it; the first sent line is duplicated; junk at the end.
    lines[3] = lines[3].replace(ids[2].slice(0, 8), `${ids[2].slice(0, 4)}\u0000\u00ff${ids[2].slice(4, 8)}`);
    lines.push(lines[0], 'garbage line');
    writeFileSync(ledger, `${lines.join('\n')}\n`, 'latin1');

    const pending = await runEum([...at(), 'feedback', 'pending', '--json'], { home: h });
    expect(pending.code).toBe(0);
    expect(pending.stderr).toContain(`ledger ${ledger}: 2 damaged lines ignored (lines 4, 6)`);
    expect(pending.stderr).toContain('1 duplicated line counted once');
    const p = JSON.parse(pending.stdout);
    expect(p.damagedLines).toBe(2);
    expect(p.count).toBe(3);
    expect(p.pending.find((m: { messageId: string }) => m.messageId === ids[2]).damaged).toBe(true);

    await clearSimRequests(sim.endpoint);
    const expire = await runLater([...at(), 'feedback', 'expire', '--json'], h, 2 * HOUR);
    expect(expire.code).toBe(0);
    const e = JSON.parse(expire.stdout);
    expect(e.summary).toMatchObject({ total: 2, succeeded: 2, damaged: 1 });
    expect(e.damagedLines).toBe(2);
    expect(expire.stderr).toContain('1 pending message named by damaged ledger lines left alone');
    expect((await puts()).length).toBe(2);
    expect(await feedbackAtSim(ids[2])).toBe('RECEIVED');

    const report = await runEum([...at(), 'feedback', 'report', '--json'], { home: h });
    expect(JSON.parse(report.stdout)).toMatchObject({ damagedLines: 2, total: { sent: 3 } });
    expect(report.stderr).toContain('2 damaged lines ignored');

    // put <id> for a message the service knows in the default Region does not read the ledger
    // (its cost does not grow with the ledger): no word of the damage, one request.
    await clearSimRequests(sim.endpoint);
    const put = await runEum([...at(), 'feedback', 'put', ids[0], 'FAILED'], { home: h });
    expect(put.code).toBe(0);
    expect(put.stderr).toBe('');
    expect((await puts()).length).toBe(1);
    // An id it does not know: the ledger is read then (warned about), and the service's answer stands.
    const unknown = await runEum([...at(), 'feedback', 'put', 'no-such-message', 'FAILED'], { home: h });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('2 damaged lines ignored');
    expect(unknown.stderr).toContain('ResourceNotFound');
  });

  it('report: --by origination joins an ARN and its ID; --region filters; a day is a UTC day', async () => {
    const h = home();
    const { openLedger } = await import('../../src/store/ledger/index.js');
    const ledger = openLedger(h, `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`);
    const base = { sentAt: new Date('2026-11-30T23:30:00Z'), isoCountryCode: 'GB', configurationSet: '', feedback: true, destinationLast4: '0100' };
    await ledger.recordSent([
      { ...base, messageId: 'msg-1', origination: 'pool-abc', region: 'eu-west-2' },
      { ...base, messageId: 'msg-2', origination: 'arn:aws:sms-voice:eu-west-2:111122223333:pool/pool-abc', region: 'eu-west-2' },
      { ...base, messageId: 'msg-3', origination: '', region: 'us-east-1', sentAt: new Date('2026-12-01T00:30:00Z') },
    ]);
    await ledger.close();
    const by = JSON.parse((await runEum([...at(), 'feedback', 'report', '--since', 'all', '--by', 'origination', '--json'], { home: h })).stdout);
    expect(by.groups.map((g: { key: string | null; sent: number }) => [g.key, g.sent])).toEqual([
      ['pool-abc', 2],
      [null, 1],
    ]);
    const tty = await runEum([...at(), 'feedback', 'report', '--since', 'all', '--by', 'origination'], { home: h, tty: true });
    expect(tty.stdout).toContain('(none)');
    const region = JSON.parse((await runEum([...at(), '--region', 'eu-west-2', 'feedback', 'report', '--since', 'all', '--json'], { home: h })).stdout);
    expect(region).toMatchObject({ region: 'eu-west-2', total: { sent: 2 } });
    const days = JSON.parse((await runEum([...at(), 'feedback', 'report', '--since', '2026-11-30', '--by', 'day', '--json'], { home: h })).stdout);
    expect(days).toMatchObject({ timeZone: 'UTC', since: '2026-11-30T00:00:00.000Z' });
    expect(days.groups.map((g: { key: string }) => g.key)).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('a ledger path that is a directory: exit 1 with a clear message, never "this is a bug in eum"', async () => {
    const h = home();
    mkdirSync(ledgerPath(h), { recursive: true });
    for (const argv of [
      ['feedback', 'pending'],
      ['feedback', 'report'],
      ['feedback', 'expire'],
      ['feedback', 'put', 'some-message-id', 'RECEIVED'],
    ]) {
      await clearSimRequests(sim.endpoint);
      const r = await runEum([...at(), ...argv], { home: h });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`could not read the ledger ${ledgerPath(h)}: it is a directory, not a file`);
      expect(r.stderr).not.toContain('bug in eum');
      expect(await simRequests(sim.endpoint)).toEqual([]);
    }
    const json = await runEum([...at(), 'feedback', 'pending', '--json'], { home: h });
    expect(JSON.parse(json.stdout).error.code).toBe('LEDGER_UNREADABLE');
    // The ledger directory is a file: the same, for readers and for expire's lock.
    const other = home();
    writeFileSync(path.join(other, 'ledger'), 'not a directory');
    const pending = await runEum([...at(), 'feedback', 'pending'], { home: other });
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain('a part of its path is not a directory');
    const expire = await runEum([...at(), 'feedback', 'expire', '--json'], { home: other });
    expect(expire.code).toBe(1);
    expect(JSON.parse(expire.stdout).error).toMatchObject({ code: 'LEDGER_WRITE_FAILED', message: expect.stringContaining('.expire.lock') });
    expect(expire.stderr).not.toContain('bug in eum');
  });
});

describe('bounded input', () => {
  it('put --file /dev/zero (a device) is refused: exit 2, nothing sent', async () => {
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'feedback', 'put', '--file', '/dev/zero', '--status', 'RECEIVED']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero is a device or socket, not a file of message ids');
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('a FIFO fed zeros, a huge line on stdin or in a file: exit 2 with the limit named, in bounded memory', async () => {
    const h = home();
    await clearSimRequests(sim.endpoint);
    const fifo = path.join(h, 'ids.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn(
      process.execPath,
      ['-e', "const fs=require('fs');const b=Buffer.alloc(65536);const fd=fs.openSync(process.argv[1],'w');try{for(;;)fs.writeSync(fd,b)}catch{}", fifo],
      { stdio: 'ignore' },
    );
    const viaFifo = await runEum([...at(), 'feedback', 'put', '--file', fifo, '--status', 'RECEIVED'], { home: h });
    writer.kill();
    expect(viaFifo.code).toBe(2);
    expect(viaFifo.stderr).toContain('holds binary data (a NUL byte on line 1)');

    const huge = 'a'.repeat(5_000_000);
    const viaStdin = await runEum([...at(), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED'], { home: h, stdin: huge });
    expect(viaStdin.code).toBe(2);
    expect(viaStdin.stderr).toContain('line 1 of stdin is longer than 1024 characters (the limit)');
    expect(viaStdin.stderr).not.toContain('Invalid string length');
    const zeros = await runEum([...at(), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED', '--json'], { home: h, stdin: '\u0000'.repeat(100_000) });
    expect(zeros.code).toBe(2);
    expect(JSON.parse(zeros.stdout).error.code).toBe('INVALID_INPUT');

    const file = path.join(h, 'huge.txt');
    writeFileSync(file, `good-id\n${huge}\n`);
    const viaFile = await runEum([...at(), 'feedback', 'put', '--file', file, '--status', 'RECEIVED'], { home: h });
    expect(viaFile.code).toBe(2);
    expect(viaFile.stderr).toContain('line 2 of');
    expect(viaFile.stderr).toContain('is longer than 1024 characters (the limit)');
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('Ctrl-C while --file is a FIFO no writer has opened: exit 130, and the open is released so the process can end', async () => {
    const h = home();
    await clearSimRequests(sim.endpoint);
    const fifo = path.join(h, 'ids.fifo');
    execFileSync('mkfifo', [fifo]);
    const ac = new AbortController();
    const running = runEum([...at(), 'feedback', 'put', '--file', fifo, '--status', 'RECEIVED'], { home: h, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    expect((await running).code).toBe(130);
    // A reader still blocked opening the FIFO (a libuv worker that would keep the process alive)
    // lets a non-blocking writer open it; once released, no reader is left: ENXIO.
    const readerLeft = async () => {
      try {
        await (await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK)).close();
        return true;
      } catch {
        return false;
      }
    };
    // One look only (a successful look itself releases the reader), after the release settles.
    await new Promise((r) => setTimeout(r, 300));
    expect(await readerLeft()).toBe(false);
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('report --since 99999999999999999999d is an input error, not a crash', async () => {
    const r = await runEum(['feedback', 'report', '--since', '99999999999999999999d']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--since: "99999999999999999999d" is too long: at most 100 years (36500d)');
    const p = await runEum(['feedback', 'pending', '--older-than', '99999999999999999999d', '--json']);
    expect(p.code).toBe(2);
    expect(JSON.parse(p.stdout).error.problems[0].field).toBe('--older-than');
  });
});
