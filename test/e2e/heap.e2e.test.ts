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
  const release = base.context.heap.holdYoungGeneration();
  await new Promise((r) => setTimeout(r, 150));
  const held = await churn();
  release();
  release();
  const after = await churn();
  base.release();
  console.log(JSON.stringify({ held, after }));
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
});
