import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { systemClock } from '../../src/cli/context.js';
import { clearSimRequests, simRequests, startSim } from './sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = () => ['--endpoint-url', sim.endpoint];

/** Runs eum with the clock moved forward by `aheadMs`. */
async function runLater(argv: string[], home: string, aheadMs: number, tty = false) {
  const { base, stdout, stderr } = fakeBase({ home, tty });
  base.clock = { now: () => new Date(Date.now() + aheadMs), sleep: systemClock.sleep };
  const code = await main(argv, base);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function send(home: string, to: string, feedback = true): Promise<string> {
  const r = await runEum([...at(), 'send', '--to', to, '--body', 'Your code is 123456', ...(feedback ? ['--feedback'] : [])], { home });
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

describe('pending, expire, report', () => {
  it('the OTP loop: pending, expire (again and again), report', async () => {
    const home = tempHome();
    const us1 = await send(home, '+12065550100');
    const us2 = await send(home, '+12065550101');
    const gb = await send(home, '+33612345678');
    await send(home, '+12065550102', false);
    expect((await runEum([...at(), 'feedback', 'put', us1, 'RECEIVED'], { home })).code).toBe(0);

    const pending = await runEum([...at(), 'feedback', 'pending', '--json'], { home });
    expect(pending.code).toBe(0);
    const p = JSON.parse(pending.stdout);
    expect(p.count).toBe(2);
    expect(p.pending.map((m: { messageId: string }) => m.messageId).sort()).toEqual([us2, gb].sort());
    expect(p.pending[0]).toEqual({ messageId: expect.any(String), sentAt: expect.any(String), ageSeconds: expect.any(Number), isoCountryCode: expect.any(String), origination: '', configurationSet: '', region: 'us-east-1' });
    expect(JSON.parse((await runEum([...at(), 'feedback', 'pending', '--older-than', '1h', '--json'], { home })).stdout).count).toBe(0);

    // Not old enough yet: nothing to expire.
    await clearSimRequests(sim.endpoint);
    const early = await runEum([...at(), 'feedback', 'expire', '--older-than', '1h'], { home });
    expect(early.code).toBe(0);
    expect(early.stderr).toContain('nothing to expire');
    const dry = await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--dry-run', '--json'], home, 2 * 3_600_000);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, olderThanSeconds: 3600, summary: { total: 2 } });
    expect(await simRequests(sim.endpoint)).toEqual([]);

    const expire = await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--json'], home, 2 * 3_600_000);
    expect(expire.code).toBe(0);
    const e = JSON.parse(expire.stdout);
    expect(e.summary).toEqual({ total: 2, succeeded: 2, failed: 0, abandoned: 0 });
    expect(e.results.every((r: { status: string; ok: boolean }) => r.status === 'FAILED' && r.ok)).toBe(true);
    // From cron, again: nothing left to do.
    const again = await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--json'], home, 2 * 3_600_000);
    expect(JSON.parse(again.stdout).summary.total).toBe(0);
    expect((await simRequests(sim.endpoint)).filter((r) => r.operation === 'PutMessageFeedback').length).toBe(2);

    const report = await runEum([...at(), 'feedback', 'report', '--json'], { home });
    expect(report.code).toBe(0);
    const rep = JSON.parse(report.stdout);
    expect(rep.by).toBe('country');
    expect(rep.groups).toEqual([
      { key: 'US', sent: 2, received: 1, failed: 1, pending: 0, conversionRate: 0.5, medianSecondsToReceived: expect.any(Number), p90SecondsToReceived: expect.any(Number) },
      { key: 'FR', sent: 1, received: 0, failed: 1, pending: 0, conversionRate: 0, medianSecondsToReceived: null, p90SecondsToReceived: null },
    ]);
    expect(rep.total).toMatchObject({ key: 'total', sent: 3, received: 1, failed: 2, pending: 0 });

    const piped = await runEum([...at(), 'feedback', 'report', '--by', 'region'], { home });
    expect(piped.stdout).toMatch(/^us-east-1\t3\t1\t2\t0\t0\.3333\t[\d.]+\t[\d.]+\n$/);
    const byOrigination = JSON.parse((await runEum([...at(), 'feedback', 'report', '--by', 'origination', '--json'], { home })).stdout);
    expect(byOrigination.groups.map((g: { key: string }) => g.key)).toEqual(['(none)']);
    const tty = await runEum([...at(), 'feedback', 'report', '--by', 'day'], { home, tty: true });
    expect(tty.stdout).toContain('conversion');
    expect(tty.stdout).toContain('33.3%');
    expect(tty.stdout).toContain('█');
  });

  it('expire sets aside a message the API refuses for good, and does not retry it', async () => {
    const home = tempHome();
    // A record the API does not know (another account, a wiped simulator): ResourceNotFoundException.
    const { openLedger } = await import('../../src/store/ledger/index.js');
    const ledger = openLedger(home, `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`);
    await ledger.recordSent([{ messageId: 'never-sent-id', sentAt: new Date(Date.now() - 7_200_000), isoCountryCode: 'US', origination: '', configurationSet: '', feedback: true, region: 'us-east-1', destinationLast4: '0100' }]);
    await ledger.close();
    const first = await runEum([...at(), 'feedback', 'expire'], { home });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^never-sent-id\tFAILED\tfailed\tResourceNotFoundException/);
    expect(first.stderr).toContain('1 refused for good by the API (unknown id or feedback not enabled): set aside, not retried');
    const second = await runEum([...at(), 'feedback', 'expire', '--json'], { home });
    expect(JSON.parse(second.stdout).summary).toEqual({ total: 0, succeeded: 0, failed: 0, abandoned: 0 });
    expect((await runEum([...at(), 'feedback', 'pending', '--json'], { home })).stdout).toContain('"count": 0');
  });

  it('bad durations and groups are input errors', async () => {
    const a = await runEum(['feedback', 'pending', '--older-than', 'soon']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('"soon" is not a duration');
    const b = await runEum(['feedback', 'report', '--by', 'planet', '--since', 'yesterday', '--json']);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--by', '--since']);
    const c = await runEum(['feedback', 'expire', '--older-than', '1x', '--concurrency', '0']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--concurrency');
  });

  it('report on an empty ledger', async () => {
    const r = await runEum(['feedback', 'report', '--since', 'all'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no messages sent with feedback in the ledger');
  });
});
