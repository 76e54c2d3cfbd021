/** eum number request under faults: a lost reply never leases two numbers. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDroppingProxy } from '../helpers/faults.js';
import { runEum, tempHome } from '../helpers/streams.js';
import { numberRequestEntries, numberRequestJournal, startNumberSim, type NumberSim } from './sim.js';

let sim: NumberSim;
const cleanup: Array<() => Promise<void>> = [];
beforeAll(async () => {
  sim = await startNumberSim('new');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  // Every test starts from an account without numbers.
  const ids = (await sim.json(['number', 'list'])).phoneNumbers.map((n: { phoneNumberId: string }) => n.phoneNumberId);
  if (ids.length) await sim.json(['number', 'release', ...ids, '--yes']);
  await sim.clear();
});

const request = ['number', 'request', '--country', 'US', '--type', 'simulator', '--yes', '--json'];
const numbers = async () => (await sim.json(['number', 'list'])).phoneNumbers as Array<{ phoneNumberId: string }>;

describe('eum number request: never two numbers for one request', () => {
  it('the first reply is lost: the retry carries the same ClientToken, exactly one number is leased', async () => {
    let seen = 0;
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (_n, op) => op === 'RequestPhoneNumber' && seen++ === 0 });
    cleanup.push(() => proxy.close());
    const r = await runEum(['--endpoint-url', proxy.endpoint, ...request], { home: tempHome() });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.status).toBe('leased');
    expect(proxy.dropped).toBe(1);
    // The service acted twice on the same token and leased once.
    expect(await sim.requests('RequestPhoneNumber')).toHaveLength(2);
    expect((await numbers()).map((n) => n.phoneNumberId)).toEqual([data.phoneNumber.phoneNumberId]);
  });

  it('every reply is lost: the outcome is unknown (exit 1); the same command again returns that number, not a second', async () => {
    const home = tempHome();
    let dropping = true;
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (_n, op) => dropping && op === 'RequestPhoneNumber' });
    cleanup.push(() => proxy.close());
    const lost = await runEum(['--endpoint-url', proxy.endpoint, '--max-attempts', '2', ...request], { home });
    expect(lost.code).toBe(1);
    const first = JSON.parse(lost.stdout);
    expect(first).toMatchObject({ status: 'unknown', phoneNumber: null, nextSteps: ['run the same command again'] });
    expect(first.clientToken).toMatch(/^eum-num-/);
    // The simulator did lease one: the journal keeps the token, unsettled.
    const leased = await numbers();
    expect(leased).toHaveLength(1);
    expect(numberRequestJournal(home)).toContain(first.clientToken);

    // The network is back; the same command, to the same endpoint (the journal is per endpoint).
    dropping = false;
    const again = await runEum(['--endpoint-url', proxy.endpoint, ...request], { home });
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second).toMatchObject({ status: 'leased', resumed: true, clientToken: first.clientToken });
    expect(second.phoneNumber.phoneNumberId).toBe(leased[0].phoneNumberId);
    expect(await numbers()).toHaveLength(1);

    // Settled now: a third run is a new request, and leases a second number.
    const third = JSON.parse((await runEum(['--endpoint-url', proxy.endpoint, ...request], { home })).stdout);
    expect(third).toMatchObject({ status: 'leased', resumed: false });
    expect(third.clientToken).not.toBe(first.clientToken);
    expect(await numbers()).toHaveLength(2);
  });

  it('a refused request settles its token: the next run asks afresh', async () => {
    const home = tempHome();
    const refused = await runEum(
      ['--endpoint-url', sim.endpoint, 'number', 'request', '--country', 'US', '--type', 'simulator', '--pool', 'pool-0000', '--yes', '--json'],
      { home },
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('ResourceNotFoundException');
    const lines = numberRequestEntries(home);
    expect(lines.map((l) => [l.kind, l.status])).toEqual([
      ['token', undefined],
      ['result', 'refused'],
    ]);
    expect(await numbers()).toEqual([]);
  });
});
