import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { systemClock } from '../../src/cli/context.js';
import { clearSimRequests, simRequests, startSim } from './sim.js';

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
    const home = scratch();
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
    // No origination or configuration set given: null, not "".
    expect(p.pending[0]).toEqual({
      messageId: expect.any(String),
      sentAt: expect.any(String),
      ageSeconds: expect.any(Number),
      isoCountryCode: expect.any(String),
      origination: null,
      configurationSet: null,
      region: 'us-east-1',
      damaged: false,
    });
    expect(p.damagedLines).toBe(0);
    expect(JSON.parse((await runEum([...at(), 'feedback', 'pending', '--older-than', '1h', '--json'], { home })).stdout).count).toBe(0);

    // Not old enough yet: nothing to expire.
    await clearSimRequests(sim.endpoint);
    const early = await runEum([...at(), 'feedback', 'expire', '--older-than', '1h'], { home });
    expect(early.code).toBe(0);
    expect(early.stderr).toContain('nothing to expire');
    const dry = await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--dry-run', '--json'], home, 2 * 3_600_000);
    // Something would be posted: exit 3, as sender-id bulk --dry-run; its items are planned, not ok.
    expect(dry.code).toBe(3);
    const d = JSON.parse(dry.stdout);
    expect(d).toMatchObject({ dryRun: true, olderThanSeconds: 3600, summary: { total: 2, planned: 2, succeeded: 0 } });
    expect(d.results.every((r: { ok: unknown; planned: boolean }) => r.ok === null && r.planned === true)).toBe(true);
    expect((await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--dry-run'], home, 0)).code).toBe(0);
    expect(await simRequests(sim.endpoint)).toEqual([]);

    const expire = await runLater([...at(), 'feedback', 'expire', '--older-than', '1h', '--json'], home, 2 * 3_600_000);
    expect(expire.code).toBe(0);
    const e = JSON.parse(expire.stdout);
    expect(e.summary).toEqual({ total: 2, succeeded: 2, failed: 0, abandoned: 0, planned: 0, skipped: 0, damaged: 0 });
    expect(e.anotherRun).toBeNull();
    expect(e.error).toBeNull();
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
      {
        key: 'US',
        sent: 2,
        received: 1,
        failed: 1,
        setAside: 0,
        pending: 0,
        conversionRate: 0.5,
        decidedConversionRate: 0.5,
        medianSecondsToReceived: expect.any(Number),
        p90SecondsToReceived: expect.any(Number),
      },
      {
        key: 'FR',
        sent: 1,
        received: 0,
        failed: 1,
        setAside: 0,
        pending: 0,
        conversionRate: 0,
        decidedConversionRate: 0,
        medianSecondsToReceived: null,
        p90SecondsToReceived: null,
      },
    ]);
    expect(rep.total).toMatchObject({ key: 'total', sent: 3, received: 1, failed: 2, pending: 0 });
    expect(rep).toMatchObject({ timeZone: 'UTC', region: null, damagedLines: 0 });

    const piped = await runEum([...at(), 'feedback', 'report', '--by', 'region'], { home });
    expect(piped.stdout).toMatch(/^us-east-1\t3\t1\t2\t0\t0\t0\.3333\t0\.3333\t[\d.]+\t[\d.]+\n$/);
    const byOrigination = JSON.parse((await runEum([...at(), 'feedback', 'report', '--by', 'origination', '--json'], { home })).stdout);
    expect(byOrigination.groups.map((g: { key: string }) => g.key)).toEqual([null]);
    const tty = await runEum([...at(), 'feedback', 'report', '--by', 'day'], { home, tty: true });
    expect(tty.stdout).toContain('day (UTC)');
    expect(tty.stdout).toContain('of decided');
    expect(tty.stdout).toContain('conversion');
    expect(tty.stdout).toContain('33.3%');
    expect(tty.stdout).toContain('█');
  });

  it('expire sets aside a message the API refuses for good, and does not retry it', async () => {
    const home = scratch();
    // A record the API does not know (another account, a wiped simulator): ResourceNotFoundException.
    const { openLedger } = await import('../../src/store/ledger/index.js');
    const ledger = openLedger(home, `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`);
    await ledger.recordSent([
      {
        messageId: 'never-sent-id',
        sentAt: new Date(Date.now() - 7_200_000),
        isoCountryCode: 'US',
        origination: '',
        configurationSet: '',
        feedback: true,
        region: 'us-east-1',
        destinationLast4: '0100',
      },
    ]);
    await ledger.close();
    const first = await runEum([...at(), 'feedback', 'expire'], { home });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^never-sent-id\tFAILED\tfailed\tResourceNotFoundException/);
    expect(first.stderr).toContain('1 refused for good by the API (unknown id or feedback not enabled): set aside, not retried');
    const second = await runEum([...at(), 'feedback', 'expire', '--json'], { home });
    expect(JSON.parse(second.stdout).summary).toEqual({ total: 0, succeeded: 0, failed: 0, abandoned: 0, planned: 0, skipped: 0, damaged: 0 });
    // Set aside: its own column in the report, not FAILED.
    const rep = JSON.parse((await runEum([...at(), 'feedback', 'report', '--json'], { home })).stdout);
    expect(rep.total).toMatchObject({ sent: 1, failed: 0, setAside: 1, pending: 0, decidedConversionRate: null });
    expect((await runEum([...at(), 'feedback', 'pending', '--json'], { home })).stdout).toContain('"count": 0');
  });

  it('bad durations and groups are input errors', async () => {
    const a = await runEum(['feedback', 'pending', '--older-than', 'soon']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('"soon" is not a duration');
    const b = await runEum(['feedback', 'report', '--by', 'planet', '--since', 'yesterday', '--json']);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--by', '--since']);
    const c = await runEum(['feedback', 'expire', '--older-than', '1x', '--concurrency', '0', '--rate', 'fast', '--json']);
    expect(c.code).toBe(2);
    expect(JSON.parse(c.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--older-than', '--rate', '--concurrency']);
  });

  it('report on an empty ledger', async () => {
    const r = await runEum(['feedback', 'report', '--since', 'all'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no messages sent with feedback in the ledger');
  });
});
