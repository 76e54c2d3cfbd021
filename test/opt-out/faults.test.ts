/** `eum opt-out` under throttling and server errors: each page and each number is retried on its own; nothing is lost or done twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ throttleRate: 0.3 });
});
afterAll(async () => {
  await sim.close();
});

const at = () => ['--endpoint-url', sim.server.endpoint];
const numbers = Array.from({ length: 250 }, (_, i) => `+1206555${String(2000 + i)}`);

describe('eum opt-out under throttling (30% of calls refused)', () => {
  it('list pages through every number: a throttled page is tried again, not the whole walk', async () => {
    // Through the test hook, which faults do not touch.
    for (const n of numbers) expect((await sim.hook('POST', '/_eum/opt-outs', { phoneNumber: n })).status).toBe(200);
    await sim.hook('DELETE', '/_eum/requests');
    const r = await runEum([...at(), 'opt-out', 'list', '--json', '--max-attempts', '20']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.summary.total).toBe(250);
    expect(new Set(data.numbers.map((n: { number: string }) => n.number))).toEqual(new Set(numbers));
    const pages = ((await sim.hook('GET', '/_eum/requests')).body.requests as Array<{ operation: string; status: number }>).filter(
      (q) => q.operation === 'DescribeOptedOutNumbers' && q.status === 200,
    );
    // Three pages of 100, each answered once (a throttled attempt is answered 400).
    expect(pages.length).toBe(3);
  });

  it('add and remove go through the engine: every number done once, throttles retried', async () => {
    await sim.hook('DELETE', '/_eum/requests');
    const add = await runEum([
      ...at(),
      'opt-out',
      'add',
      '+12065553000',
      '+12065553001',
      '+12065553002',
      '+12065553003',
      '--rate',
      '200',
      '--max-attempts',
      '20',
      '--json',
    ]);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout).summary).toMatchObject({ total: 4, added: 4, failed: 0, unknown: 0 });
    const check = JSON.parse(
      (await runEum([...at(), 'opt-out', 'check', '+12065553000', '+12065553003', '+12065553999', '--rate', '200', '--max-attempts', '20', '--json'])).stdout,
    );
    expect(check.numbers.map((n: { verdict: string }) => n.verdict)).toEqual(['opted-out', 'opted-out', 'may-send']);
    const remove = await runEum([...at(), 'opt-out', 'remove', '+12065553000', '+12065553001', '--rate', '200', '--max-attempts', '20', '--yes', '--json']);
    expect(remove.code).toBe(0);
    expect(JSON.parse(remove.stdout).results.map((r: { status: string }) => r.status)).toEqual(['removed', 'removed']);
  });
});
