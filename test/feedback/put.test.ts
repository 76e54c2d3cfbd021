import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome, fakeBase } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { clearSimRequests, countOk, createMemoryStore, simRequests, startSim } from './sim.js';
import { waitUntil } from '../helpers/wait.js';

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

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = (s = sim) => ['--endpoint-url', s.endpoint];

/** Sends n messages with feedback and returns their ids. */
async function sendMany(n: number, s = sim, home = scratch()): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await runEum([...at(s), 'send', '--to', '+12065550100', '--body', `code ${i}`, '--feedback'], { home });
    expect(r.code).toBe(0);
    ids.push(r.stdout.trim());
  }
  return ids;
}

describe('eum feedback put <id> <status>', () => {
  it('posts, case-insensitive, twice is fine, and records the outcome', async () => {
    const home = scratch();
    const [id] = await sendMany(1, sim, home);
    const r = await runEum([...at(), 'feedback', 'put', id, 'received', '--json'], { home });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ messageId: id, status: 'RECEIVED', region: 'us-east-1', recorded: true, error: null });
    const again = await runEum([...at(), 'feedback', 'put', id, 'RECEIVED'], { home });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${id}\tRECEIVED\n`);
    const tty = await runEum([...at(), 'feedback', 'put', id, 'Received'], { home, tty: true });
    expect(tty.stdout).toContain(`RECEIVED posted for ${id}`);
    const ledger = readFileSync(path.join(home, 'ledger', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}.tsv`), 'utf8');
    expect(ledger.split('\n').filter((l) => l.startsWith(`O\t${id}\t`)).length).toBe(3);
  });

  it('an unknown status or a bad id is an input error, and nothing is sent', async () => {
    await clearSimRequests(sim.endpoint);
    const bad = await runEum([...at(), 'feedback', 'put', 'abc', 'DELIVERED']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown status "DELIVERED": use RECEIVED');
    expect(bad.stderr).toContain('or FAILED');
    const id = await runEum([...at(), 'feedback', 'put', 'not an id!', 'RECEIVED', '--json']);
    expect(id.code).toBe(2);
    expect(JSON.parse(id.stdout).error.problems[0].field).toBe('<message-id>');
    const none = await runEum([...at(), 'feedback', 'put']);
    expect(none.code).toBe(2);
    // Every problem of the command line at once.
    const many = await runEum([...at(), 'feedback', 'put', 'not an id!', '--status', 'maybe', '--concurrency', '4', '--json']);
    expect(many.code).toBe(2);
    expect(JSON.parse(many.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--status', '--concurrency', '<message-id>']);
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('an unknown message id is the API error, exit 1', async () => {
    const r = await runEum([...at(), 'feedback', 'put', 'no-such-message', 'FAILED', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('ResourceNotFoundException');
  });
});

describe('eum feedback put --file', () => {
  it('posts every line (header, id and id,status) with a result per item and a summary', async () => {
    const home = scratch();
    const ids = await sendMany(4, sim, home);
    const file = path.join(home, 'ids.csv');
    writeFileSync(file, `message_id,status\n${ids[0]},received\n${ids[1]}\n\n${ids[2]},FAILED\n${ids[3]}\n`);
    const r = await runEum([...at(), 'feedback', 'put', '--file', file, '--status', 'RECEIVED'], { home });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean).sort();
    expect(lines).toEqual([`${ids[0]}\tRECEIVED\tok\t`, `${ids[1]}\tRECEIVED\tok\t`, `${ids[2]}\tFAILED\tok\t`, `${ids[3]}\tRECEIVED\tok\t`].sort());
    expect(r.stderr).toMatch(/posted feedback for 4: 4 succeeded, 0 failed/);
    const json = await runEum([...at(), 'feedback', 'put', '--file', file, '--status', 'received', '--json'], { home });
    const body = JSON.parse(json.stdout);
    expect(body.summary).toEqual({ total: 4, succeeded: 4, failed: 0 });
    expect(body.error).toBeNull();
    expect(body.results).toContainEqual({ messageId: ids[2], status: 'FAILED', ok: true, error: null });
  });

  it('checks every line before the first call: bad lines with their numbers, exit 2, nothing sent', async () => {
    const home = scratch();
    const file = path.join(home, 'ids.txt');
    writeFileSync(file, 'good-id\nbad id\ngood-2,maybe\ngood-3\n');
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'feedback', 'put', '--file', file, '--json'], { home });
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).error.problems.map((p: { field: string }) => p.field);
    expect(problems).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    const withStatus = await runEum([...at(), 'feedback', 'put', '--file', file, '--status', 'RECEIVED'], { home });
    expect(withStatus.code).toBe(2);
    expect(withStatus.stderr).toContain('line 2: "bad id" is not a message id');
    expect(withStatus.stderr).toContain('line 3: unknown status "maybe"');
    const missing = await runEum([...at(), 'feedback', 'put', '--file', path.join(home, 'missing.txt'), '--status', 'FAILED']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const binary = path.join(home, 'ids.bin');
    writeFileSync(binary, Buffer.from('abc\n\u0000\u0001\u0002\n'));
    const bin = await runEum([...at(), 'feedback', 'put', '--file', binary, '--status', 'FAILED']);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('holds binary data (a NUL byte on line 2)');
    const empty = path.join(home, 'empty.txt');
    writeFileSync(empty, 'message_id\n\n');
    expect((await runEum([...at(), 'feedback', 'put', '--file', empty, '--status', 'FAILED'])).stderr).toContain('holds no message ids');
    const both = await runEum([...at(), 'feedback', 'put', 'abc', '--file', file, '--rate', '0']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--rate: "0" is not a rate: requests per second, from 0.001 to 1000');
    // A rate no timer can pace is refused before anything is read or sent.
    const tiny = await runEum([...at(), 'feedback', 'expire', '--rate', '1e-300']);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toContain('--rate: "1e-300" is not a rate');
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('stdin: lines are checked as they come; a bad line is a failed item (exit 1), the rest are posted', async () => {
    const ids = await sendMany(2);
    const r = await runEum([...at(), 'feedback', 'put', '--file', '-', '--json'], { stdin: `${ids[0]},RECEIVED\nnope nope\n${ids[1]},failed\n` });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.summary).toEqual({ total: 3, succeeded: 2, failed: 1 });
    expect(body.results).toContainEqual({ messageId: 'nope nope', status: null, ok: false, error: expect.stringContaining('line 2:') });
  });

  it('an API refusal of one item is reported for that item; the run goes on (exit 1)', async () => {
    const [id] = await sendMany(1);
    const r = await runEum([...at(), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED'], { stdin: `${id}\nunknown-message-id\n` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${id}\tRECEIVED\tok\t`);
    expect(r.stdout).toMatch(/unknown-message-id\tRECEIVED\tfailed\tResourceNotFoundException/);
  });

  it('--rate holds the run to a token bucket', async () => {
    const ids = await sendMany(12);
    const started = Date.now();
    const r = await runEum([...at(), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED', '--rate', '20'], { stdin: ids.join('\n') });
    expect(r.code).toBe(0);
    // 12 requests at 20/s with a burst of 2: at least (12 - 2) / 20 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('with 30% throttling and 5% server errors, 5,000 ids are all posted and the summary is right', { timeout: 240_000 }, async () => {
    // The messages are created on a healthy simulator; a faulty one then serves the same state.
    const store = createMemoryStore();
    const healthy = await startSim({}, store);
    const { SendTextMessageCommand, PinpointSMSVoiceV2Client } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    const client = new PinpointSMSVoiceV2Client({
      region: 'us-east-1',
      endpoint: healthy.endpoint,
      credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5000; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, () =>
          client.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550100', MessageBody: 'code', MessageFeedbackEnabled: true })),
        ),
      );
      ids.push(...batch.map((b) => b.MessageId!));
    }
    client.destroy();
    await healthy.close();
    const faulty = await startSim({ throttleRate: 0.3, failRate: 0.05 }, store);
    try {
      const home = scratch();
      const file = path.join(home, 'ids.txt');
      writeFileSync(file, `${ids.join('\n')}\n`);
      const r = await runEum([...at(faulty), 'feedback', 'put', '--file', file, '--status', 'RECEIVED', '--concurrency', '200', '--json'], { home });
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.summary).toEqual({ total: 5000, succeeded: 5000, failed: 0 });
      expect(new Set(body.results.map((x: { messageId: string }) => x.messageId))).toEqual(new Set(ids));
      const log = await simRequests(faulty.endpoint);
      const puts = log.filter((x) => x.operation === 'PutMessageFeedback');
      // Faults were injected and absorbed: every id got through exactly as often as needed.
      expect(puts.filter((x) => x.errorType === 'ThrottlingException').length).toBeGreaterThan(1000);
      expect(puts.filter((x) => (x.status ?? x.httpStatus) === 200).length).toBe(5000);
    } finally {
      await faulty.close();
    }
  });

  it('Ctrl-C stops new requests, waits for those in flight, prints the summary so far, exits 130', async () => {
    const slow = await startSim({ latencyMs: [30, 30] });
    try {
      const ids = await sendMany(3, slow);
      const lines = Array.from({ length: 400 }, (_, i) => ids[i % 3]).join('\n');
      const controller = new AbortController();
      const { base, stdout, stderr } = fakeBase({ stdin: lines, signal: controller.signal });
      // Ctrl-C once the first result is out.
      void waitUntil(() => stdout.text.includes('\n'), 'a first result').then(() => controller.abort());
      const code = await main([...at(slow), 'feedback', 'put', '--file', '-', '--status', 'RECEIVED', '--concurrency', '4'], base);
      expect(code).toBe(130);
      const items = stdout.text.split('\n').filter(Boolean);
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThan(400);
      expect(items.every((l) => l.endsWith('\tRECEIVED\tok\t'))).toBe(true);
      expect(stderr.text).toContain(`interrupted: posted feedback for ${items.length}: ${items.length} succeeded, 0 failed`);
      const body = { summary: { total: items.length } };
      // Nothing is sent after the summary: every request the simulator saw is in the results.
      await new Promise((r) => setTimeout(r, 100));
      expect(await countOk(slow.endpoint, 'PutMessageFeedback')).toBe(body.summary.total);
    } finally {
      await slow.close();
    }
  });
});
