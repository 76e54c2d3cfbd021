// End-to-end: the process's memory policy (src/cli/heap.ts), as the entry offers it to commands.
// It changes V8 for the whole process, so it runs in a process of its own, from dist/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EUM_BIN } from '../helpers/spawn.js';

const BUNDLE = path.join(path.dirname(EUM_BIN), '..', 'dist', 'eum.cjs');

/** Allocates garbage with some survivors, yielding to timers as an I/O-bound bulk run does, and prints the young generation's largest size in MB, with and without a hold. */
const SCRIPT = `
const v8 = require('node:v8');
const { processContext } = require(${JSON.stringify(BUNDLE)});
const base = processContext(() => {});
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
async function churn() {
  const keep = [];
  let peak = 0;
  for (let i = 0; i < 2e6; i++) {
    const o = { i, s: 'row ' + i, a: [i, i + 1] };
    if (i % 40 === 0) { keep.push(o); if (keep.length > 20000) keep.splice(0, 10000); }
    if (i % 2000 === 0) { peak = Math.max(peak, young()); await new Promise((r) => setTimeout(r, 1)); }
  }
  return Math.round(peak / 1048576);
}
(async () => {
  const release = base.context.heap.hold();
  await new Promise((r) => setTimeout(r, 150));
  const held = await churn();
  release();
  release();
  const after = await churn();
  base.release();
  console.log(JSON.stringify({ held, after }));
})();
`;

/**
 * A live set of 200,000 small objects renewed as it goes (what outlives two scavenges is promoted,
 * then dies, as a long run's results do); prints the old generation's largest size in MB, with a
 * hold when the argument is "hold".
 */
const OLD_SCRIPT = `
const v8 = require('node:v8');
const { processContext } = require(${JSON.stringify(BUNDLE)});
const base = processContext(() => {});
const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size;
(async () => {
  const release = process.argv[1] === 'hold' ? base.context.heap.hold() : () => {};
  const ring = new Array(200000);
  let peak = 0;
  for (let i = 0; i < 4e6; i++) {
    ring[i % ring.length] = { i, s: 'row ' + i, a: [i, i + 1] };
    if (i % 2000 === 0) { peak = Math.max(peak, old()); await new Promise((r) => setTimeout(r, 1)); }
  }
  release();
  base.release();
  console.log(Math.round(peak / 1048576));
})();
`;

describe('ctx.heap from the entry', () => {
  it('holds the young generation at 16 MB during a hold, and lets it grow again after release', () => {
    const r = spawnSync(process.execPath, ['-e', SCRIPT], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const { held, after } = JSON.parse(r.stdout) as { held: number; after: number };
    expect(held).toBeLessThanOrEqual(16);
    expect(after).toBeGreaterThan(16);
  });

  it('keeps the old generation near its live size during a hold: well under what V8 lets it reach otherwise', () => {
    const oldPeak = (...args: string[]) => {
      // Without a hold, the young generation is capped the same way by a flag, so that only the old generation's policy differs.
      const r = spawnSync(process.execPath, [...args, '-e', OLD_SCRIPT, args.length ? 'none' : 'hold'], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      return Number(r.stdout);
    };
    const held = oldPeak();
    const unheld = oldPeak('--max-semi-space-size=8');
    expect(unheld).toBeGreaterThan(100);
    expect(held).toBeLessThan(unheld * 0.6);
  });
});
