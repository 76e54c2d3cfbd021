/**
 * eum number request when the API throttles: RequestPhoneNumber allows 1 request per second, so a
 * throttled attempt waits at least a second; throttled on every attempt, nothing was leased and
 * the outcome is `failed`, not `unknown`. The simulator's clock and eum's sleeps are one manual
 * clock: a wait moves simulated time, and no test sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, manualClock, startSimServer, type SimServer } from '../../src/sim/index.js';
import { freshState } from '../../src/sim/state.js';
import { main } from '../../src/cli/main.js';
import { fakeBase, tempHome } from '../helpers/streams.js';
import { numberRequestEntries } from './sim.js';

const servers: SimServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function start(config: { quotas: boolean; throttleRate: number }) {
  const clock = manualClock(new Date());
  const server = await startSimServer({
    config: { quotaScale: 1, failRate: 0, account: 'new', ...config },
    store: createMemoryStore(freshState(new Date(clock.now()), 'new')),
    clock,
  });
  servers.push(server);
  const sleeps: number[] = [];
  const home = tempHome();
  const eum = async (argv: string[]) => {
    const { base, stdout, stderr } = fakeBase({ home });
    // eum's waits advance the simulator's time instead of passing.
    base.clock = {
      now: () => new Date(clock.now()),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
    };
    const code = await main(['--endpoint-url', server.endpoint, ...argv], base);
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const requests = async () =>
    ((await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; status: number; errorType: string | null }> })
      .requests;
  return { eum, sleeps, home, requests };
}

const request = ['number', 'request', '--country', 'US', '--type', 'simulator', '--yes', '--json'];

describe('eum number request under throttling', () => {
  it('at the 1 request/s quota, a throttled attempt waits a second and then leases', async () => {
    const sim = await start({ quotas: true, throttleRate: 0 });
    // Two requests use up the bucket (two seconds' worth) at one instant of simulated time.
    for (let i = 0; i < 2; i++) expect((await sim.eum(request)).code).toBe(0);
    const r = await sim.eum(request);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'leased', resumed: false });
    const calls = (await sim.requests()).filter((q) => q.operation === 'RequestPhoneNumber').map((q) => q.errorType);
    expect(calls).toEqual([null, null, 'ThrottlingException', null]);
    expect(sim.sleeps).toHaveLength(1);
    expect(sim.sleeps[0]).toBeGreaterThanOrEqual(1000);
  });

  it('throttled on every attempt: failed (exit 1), nothing leased, the token settled; the next run asks afresh', async () => {
    const sim = await start({ quotas: false, throttleRate: 1 });
    const r = await sim.eum(request);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ status: 'failed', resumed: false, phoneNumber: null });
    expect(data.nextSteps[0]).toContain('try again in a minute');
    const calls = (await sim.requests()).filter((q) => q.operation === 'RequestPhoneNumber');
    expect(calls.map((q) => q.errorType)).toEqual(['ThrottlingException', 'ThrottlingException', 'ThrottlingException']);
    // Each wait after a throttle is at least the quota's second.
    expect(sim.sleeps).toHaveLength(2);
    for (const ms of sim.sleeps) expect(ms).toBeGreaterThanOrEqual(1000);
    const lines = numberRequestEntries(sim.home);
    expect(lines.map((l) => [l.kind, l.status])).toEqual([
      ['token', undefined],
      ['result', 'not-acted'],
    ]);
    const again = JSON.parse((await sim.eum(request)).stdout);
    expect(again).toMatchObject({ status: 'failed', resumed: false });
    expect(again.clientToken).not.toBe(data.clientToken);
    // On a terminal or a pipe, the note says so and what to do.
    const plain = await sim.eum(request.filter((a) => a !== '--json'));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('not leased: the API throttled all 3 attempts; nothing was leased. Next: try again in a minute');
    expect(plain.stderr).not.toContain('unknown');
  });
});
