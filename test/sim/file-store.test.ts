// The file store: no lost writes between stores and between processes, stale-lock recovery,
// atomic private files, old state files, and a simulator restarted on the same file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DescribeSenderIdsCommand, RequestSenderIdCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleSim } from '../../bench/sim/bundle.mjs';
import { createFileStore } from '../../src/sim/index.js';
import { startTestSim } from './helpers.js';

const run = promisify(execFile);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eum-sim-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A counter kept in the state, so lost updates show as a smaller total. */
const bump = (key: string) => (s: any) => {
  const r = s.regions['us-east-1'];
  r.tags[key] = [{ Key: 'n', Value: String(Number(r.tags[key]?.[0]?.Value ?? 0) + 1) }];
};
const counter = (s: any, key: string) => Number(s.regions['us-east-1'].tags[key]?.[0]?.Value ?? 0);

describe('file store', () => {
  test('creates a private file in a private directory, atomically', async () => {
    const file = path.join(dir, 'private', 'sim', 'state.json');
    await createFileStore(file).transact(bump('x'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file))).toEqual(['state.json']); // no temp or lock files left
    expect(JSON.parse(readFileSync(file, 'utf8')).regions['us-east-1'].phoneNumbers).toBeTruthy();
  });

  test('two stores on one file in parallel do not lose writes', async () => {
    const file = path.join(dir, 'two-stores.json');
    const a = createFileStore(file);
    const b = createFileStore(file);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).transact(bump('c'))));
    expect(await a.transact((s) => counter(s, 'c'))).toBe(40);
    expect(await b.transact((s) => counter(s, 'c'))).toBe(40);
  });

  test('two child processes and this one do not lose writes', async () => {
    const file = path.join(dir, 'processes.json');
    const bundle = await bundleSim(mkdtempSync(path.join(dir, 'bundle-')));
    const script = `
      const { createFileStore } = await import(${JSON.stringify(bundle)});
      const store = createFileStore(${JSON.stringify(file)});
      const bump = (s) => { const r = s.regions['us-east-1']; r.tags.p = [{ Key: 'n', Value: String(Number(r.tags.p?.[0]?.Value ?? 0) + 1) }]; };
      await Promise.all(Array.from({ length: 30 }, () => store.transact(bump)));
    `;
    const child = () => run(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    const here = createFileStore(file);
    await Promise.all([child(), child(), ...Array.from({ length: 30 }, () => here.transact(bump('p')))]);
    expect(await here.transact((s) => counter(s, 'p'))).toBe(90);
  });

  test('recovers a lock left by a dead process, or one too old', async () => {
    const file = path.join(dir, 'stale.json');
    writeFileSync(`${file}.lock`, '999999999 0\n');
    await createFileStore(file, { lockTimeoutMs: 2000 }).transact(bump('s'));
    expect(existsSync(`${file}.lock`)).toBe(false);

    // held by a live process (this one) but untouched for long: taken over after staleLockMs
    writeFileSync(`${file}.lock`, `${process.pid} 0\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await createFileStore(file, { staleLockMs: 5_000, lockTimeoutMs: 2000 }).transact(bump('s'));
    expect(await createFileStore(file).transact((s) => counter(s, 's'))).toBe(2);

    // a fresh lock of a live process is waited for, then given up on
    writeFileSync(`${file}.lock`, `${process.pid} ${Date.now()}\n`);
    await expect(createFileStore(file, { lockTimeoutMs: 200 }).transact(bump('s'))).rejects.toThrow(/locked by another process/);
    rmSync(`${file}.lock`);
  });

  test('a read-only transaction does not rewrite the file; a failed one changes nothing', async () => {
    const file = path.join(dir, 'readonly.json');
    const store = createFileStore(file);
    await store.transact(bump('r'));
    const before = statSync(file);
    await store.transact((s) => counter(s, 'r'));
    expect(statSync(file).ino).toBe(before.ino);
    await expect(
      store.transact((s) => {
        bump('r')(s);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await store.transact((s) => counter(s, 'r'))).toBe(1);
  });

  test('an old state file without newer sections still loads', async () => {
    const file = path.join(dir, 'old.json');
    writeFileSync(file, JSON.stringify({ createdAt: 1, regions: { 'us-east-1': { senderIds: {}, messages: {} } } }));
    const s = await createFileStore(file).transact((x) => x);
    expect(s.clockOffsetMs).toBe(0);
    expect(Object.values(s.regions['us-east-1'].phoneNumbers)[0].numberType).toBe('SIMULATOR');
    expect(s.regions['us-east-1'].optOuts.Default).toBeTruthy();
    expect(s.regions['us-east-1'].account.tier).toBe('PRODUCTION');
    writeFileSync(file, '{broken');
    await expect(createFileStore(file).transact((x) => x)).rejects.toThrow(/not valid JSON/);
  });

  test('a simulator restarted on the same file keeps resources and the clock offset', async () => {
    const file = path.join(dir, 'server.json');
    let sim = await startTestSim({}, createFileStore(file));
    await sim.client().send(new RequestSenderIdCommand({ SenderId: 'Kept', IsoCountryCode: 'DE' }));
    await sim.hook('POST', '/_eum/clock', { advanceSeconds: 600 });
    await sim.close();
    sim = await startTestSim({}, createFileStore(file));
    expect((await sim.client().send(new DescribeSenderIdsCommand({}))).SenderIds!.map((s) => s.SenderId)).toEqual(['Kept']);
    expect((await sim.hook('GET', '/_eum/clock')).body.offsetSeconds).toBe(600);
    await sim.close();
  });
});
