/** eum pool under faults: a lost reply is retried and reported for what it did. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDroppingProxy } from '../helpers/faults.js';
import { runEum, tempHome } from '../helpers/streams.js';
import { startNumberSim, type NumberSim } from '../number/sim.js';

let sim: NumberSim;
const cleanup: Array<() => Promise<void>> = [];
beforeAll(async () => {
  sim = await startNumberSim('ready');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('eum pool: lost replies', () => {
  it('add, remove and delete with their first reply lost: done once, reported as done', async () => {
    const seen = new Map<string, number>();
    const proxy = await startDroppingProxy(sim.endpoint, {
      drop: (_n, op) => {
        const k = (seen.get(op) ?? 0) + 1;
        seen.set(op, k);
        return k === 1 && ['CreatePool', 'AssociateOriginationIdentity', 'DisassociateOriginationIdentity', 'DeletePool'].includes(op);
      },
    });
    cleanup.push(() => proxy.close());
    const home = tempHome();
    const eum = async (argv: string[]) => {
      const r = await runEum(['--endpoint-url', proxy.endpoint, ...argv, '--json'], { home });
      return { code: r.code, out: JSON.parse(r.stdout) };
    };
    const created = await eum(['pool', 'create', '+18335550100']);
    expect(created.code).toBe(0);
    const pool = created.out.pool.poolId;
    expect((await sim.json(['pool', 'list'])).pools).toHaveLength(1);

    const added = await eum(['pool', 'add', pool, '+12065550100']);
    expect(added.code).toBe(0);
    expect(added.out.results[0].status).toBe('added');
    const removed = await eum(['pool', 'remove', pool, '+12065550100']);
    expect(removed.out.results[0].status).toBe('removed');
    const deleted = await eum(['pool', 'delete', pool, '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.out.status).toBe('deleted');
    expect(proxy.dropped).toBe(4);
    expect((await sim.json(['pool', 'list'])).pools).toEqual([]);
  });
});
