/** `eum send` never sends twice: lost replies, server errors and timeouts are `unknown`, exit 1. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { startDroppingProxy, startSilentServer } from '../helpers/faults.js';
import { countOk, simRequests, startSim } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
const cleanup: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
function home(): string {
  const h = tempHome();
  cleanup.push(() => rmSync(h, { recursive: true, force: true }));
  return h;
}
const send = ['send', '--to', '+12065550100', '--body', 'Your code is 123456', '--feedback'];

describe('eum send: never twice', () => {
  it('a reply lost after the service sent: exactly one message, outcome unknown, exit 1, recorded', async () => {
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (_, op) => op === 'SendTextMessage' });
    cleanup.push(() => proxy.close());
    const before = await countOk(sim.endpoint, 'SendTextMessage');
    const h = home();
    const r = await runEum(['--endpoint-url', proxy.endpoint, ...send, '--json'], { home: h });
    expect(r.code).toBe(1);
    expect(await countOk(sim.endpoint, 'SendTextMessage')).toBe(before + 1);
    expect(proxy.forwarded).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('SEND_OUTCOME_UNKNOWN');
    expect(err.message).toContain('may have been sent');
    expect(err.message).not.toContain('2065550100');
    expect(err.hint).toContain('no idempotency token');
    const dir = path.join(h, 'journal', 'send');
    const [target] = readdirSync(dir);
    const entry = JSON.parse(readFileSync(path.join(dir, target, 'unknown.jsonl'), 'utf8').trim());
    expect(entry).toMatchObject({ outcome: 'unknown', destinationLast4: '0100', isoCountryCode: 'US', feedback: true });
  });

  it('an InternalServerException is not retried for a send', async () => {
    const failing = await startSim({ failRate: 1 });
    cleanup.push(() => failing.close());
    const r = await runEum(['--endpoint-url', failing.endpoint, '--max-attempts', '5', ...send], { home: home() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('may have been sent');
    expect(r.stderr).toContain('InternalServerException');
    expect((await simRequests(failing.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toHaveLength(1);
  });

  it('throttling is retried by eum (the service did not send): one message in the end', async () => {
    const throttled = await startSim({ throttleRate: 0.5 });
    cleanup.push(() => throttled.close());
    const r = await runEum(['--endpoint-url', throttled.endpoint, '--max-attempts', '30', ...send], { home: home() });
    expect(r.code).toBe(0);
    expect(await countOk(throttled.endpoint, 'SendTextMessage')).toBe(1);
  });

  it('no answer in time (a silent server): unknown, one request, exit 1', async () => {
    const silent = await startSilentServer('silent');
    cleanup.push(() => silent.close());
    const r = await runEum(['--endpoint-url', silent.endpoint, '--cli-read-timeout', '0.3', ...send], { home: home() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no answer in time');
    expect(silent.requests).toBe(1);
  });

  it('Ctrl-C while the request is in flight stops at once: unknown, exit 130', async () => {
    const silent = await startSilentServer('silent');
    cleanup.push(() => silent.close());
    const ac = new AbortController();
    const running = runEum(['--endpoint-url', silent.endpoint, '--cli-read-timeout', '0', ...send], { home: home(), signal: ac.signal });
    while (silent.requests < 1) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('may have been sent: interrupted while the request was in flight');
    expect(silent.requests).toBe(1);
  });

  it('sent, but the ledger cannot be written: the id is printed, a warning, exit 1 with its own code', async () => {
    const h = home();
    mkdirSync(path.join(h, 'ledger', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}.tsv`), { recursive: true });
    const r = await runEum(['--endpoint-url', sim.endpoint, ...send, '--json'], { home: h });
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data.messageId).toEqual(expect.any(String));
    expect(data.recorded).toBe(false);
    expect(data.error.code).toBe('LEDGER_WRITE_FAILED');
    expect(r.stderr).toContain(`the message was sent (${data.messageId}) but not recorded`);
    expect(r.stderr).not.toContain('bug in eum');
    const piped = await runEum(['--endpoint-url', sim.endpoint, ...send], { home: h });
    expect(piped.code).toBe(1);
    expect(piped.stdout.trim()).toMatch(/^[A-Za-z0-9_:/-]+$/);
  });
});

describe('eum send: bounded input and warnings', () => {
  it('--body-file /dev/zero ends at once with the limit named, nothing sent', async () => {
    const before = (await simRequests(sim.endpoint)).length;
    const r = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body-file', '/dev/zero'], { home: home() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero is larger than 8 KiB: a message body is at most 1600 characters');
    const big = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body', '-'], { home: home(), stdin: 'y\n'.repeat(100_000) });
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('stdin is larger than 8 KiB');
    const dir = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body-file', '/tmp'], { home: home() });
    expect(dir.stderr).toContain('/tmp is a directory');
    expect((await simRequests(sim.endpoint)).length).toBe(before);
  });

  it('a FIFO fed without end is read up to the limit, exit 2', async () => {
    const h = home();
    const fifo = path.join(h, 'body.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes > "${fifo}"`], { stdio: 'ignore' });
    cleanup.push(() => void writer.kill());
    const r = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body-file', fifo], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is larger than 8 KiB');
  });

  it('Ctrl-C while a FIFO has no writer, or a writer that sends nothing, ends the read at once: exit 130, nothing sent', async () => {
    const silent = await startSilentServer('silent');
    cleanup.push(() => silent.close());
    const h = home();
    const fifo = path.join(h, 'body.fifo');
    execFileSync('mkfifo', [fifo]);
    const interrupt = async (argv: string[]) => {
      const ac = new AbortController();
      const running = runEum(['--endpoint-url', silent.endpoint, ...argv], { home: h, signal: ac.signal });
      // Let the read start and block (opening the FIFO, or waiting for its first byte).
      await new Promise((r) => setTimeout(r, 200));
      ac.abort();
      return running;
    };
    // No writer: opening the FIFO waits for one.
    expect((await interrupt(['send', '--to', '+12065550100', '--body-file', fifo])).code).toBe(130);
    expect((await interrupt(['sender-id', 'bulk', '--sender-id', 'ACME', '--countries-file', fifo, '--yes'])).code).toBe(130);
    // A writer that opens the FIFO and sends nothing.
    const writer = spawn('sh', ['-c', `exec sleep 60 > "${fifo}"`], { stdio: 'ignore' });
    cleanup.push(() => void writer.kill());
    expect((await interrupt(['send', '--to', '+12065550100', '--body-file', fifo])).code).toBe(130);
    expect(silent.requests).toBe(0);
  });

  it('warns about a fixed-line destination, more than 10 parts, and emoji that count twice', async () => {
    const fixed = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+442079460000', '--body', 'hello', '--dry-run'], { home: home() });
    expect(fixed.stderr).toContain('+********0000 is a fixed-line number (GB)');
    const long = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body', 'x'.repeat(1600), '--dry-run'], { home: home() });
    expect(long.stderr).toContain('the message needs 11 parts; carriers may drop messages over 10 parts');
    const emoji = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body', 'Welcome 😀', '--dry-run'], { home: home() });
    expect(emoji.stderr).toContain('😀 counts as two characters: UCS-2 stores it in two units');
  });
});
