// End-to-end (npm run build first): Ctrl-C and SIGTERM stop commands whose requests never get an
// answer, and a second Ctrl-C ends a bulk run at once with the summary so far.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eumSpawn } from '../helpers/spawn.js';
import { startDroppingProxy, startSilentServer } from '../helpers/faults.js';
import { createMemoryStore, startSimServer } from '../../src/sim/index.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
};

describe('signals, built binary', () => {
  it('SIGTERM stops account show waiting on a silent server (no read timeout): exit 130', async () => {
    const silent = await startSilentServer('silent');
    cleanup.push(() => silent.close());
    const run = eumSpawn(['--endpoint-url', silent.endpoint, '--cli-read-timeout', '0', 'account', 'show']);
    await until(() => silent.requests >= 1);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(130);
  });

  it('the first Ctrl-C stops send: exit 130, the outcome unknown, nothing sent again', async () => {
    const silent = await startSilentServer('headers');
    cleanup.push(() => silent.close());
    const run = eumSpawn(['--endpoint-url', silent.endpoint, '--cli-read-timeout', '0', 'send', '--to', '+12065550100', '--body', 'code 123456']);
    await until(() => silent.requests >= 1);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('may have been sent');
    expect(silent.requests).toBe(1);
  });

  it('the first SIGTERM ends a command reading a FIFO that no writer opens, or a stdin that sends nothing (the process exits, 130)', async () => {
    const silent = await startSilentServer('silent');
    cleanup.push(() => silent.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'eum-fifo-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const fifo = path.join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const argv of [
      ['feedback', 'put', '--file', fifo, '--status', 'RECEIVED'],
      ['send', '--to', '+12065550100', '--body-file', fifo],
      ['sender-id', 'bulk', '--sender-id', 'ACME', '--countries-file', fifo],
      // stdin a pipe that stays open and sends nothing
      ['protect', 'apply', '-f', '-', '--yes'],
    ]) {
      const run = eumSpawn(['--endpoint-url', silent.endpoint, ...argv]);
      // Started and blocked on the FIFO: the process has set up its signal handlers by then.
      await new Promise((r) => setTimeout(r, 700));
      run.child.kill('SIGTERM');
      const r = await run.done;
      expect(r.code, argv.join(' ')).toBe(130);
    }
    expect(silent.requests).toBe(0);
  });

  it('a second Ctrl-C ends sender-id bulk with stalled requests at once, with the summary so far', async () => {
    const sim = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 }, store: createMemoryStore() });
    cleanup.push(() => sim.close());
    // The first two requests go through; every later RequestSenderId stalls.
    let requested = 0;
    const proxy = await startDroppingProxy(sim.endpoint, { drop: () => false, stall: (_n, op) => op === 'RequestSenderId' && ++requested > 2 });
    cleanup.push(() => proxy.close());
    const run = eumSpawn([
      '--endpoint-url',
      proxy.endpoint,
      '--cli-read-timeout',
      '0',
      'sender-id',
      'bulk',
      '--sender-id',
      'HARDCO',
      '--countries',
      'DE,FR,IT,NL,PL,SE',
      '--rate',
      '50',
    ]);
    await until(() => requested >= 4);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const rows = r.stdout.split('\n').filter(Boolean);
    expect(rows.filter((l) => l.split('\t')[2] === 'created')).toHaveLength(2);
    expect(rows.filter((l) => l.split('\t')[2] === 'unknown').length).toBeGreaterThan(0);
    expect(r.stderr).toContain('interrupted');
  });
});
