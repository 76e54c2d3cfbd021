import { expect, it } from 'vitest';
import { withConcurrency } from '../../src/runtime/doctor.js';

it("withConcurrency keeps at most the limit in flight and returns results in the tasks' order", async () => {
  let inFlight = 0;
  let most = 0;
  const gates: Array<() => void> = [];
  const tasks = Array.from({ length: 9 }, (_, i) => async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => gates.push(resolve));
    inFlight--;
    return i * 10;
  });
  const run = withConcurrency(4, tasks);
  // Release the waiting tasks one at a time, last started first, until all have run.
  while (gates.length || inFlight) {
    await new Promise((r) => setImmediate(r));
    gates.pop()?.();
  }
  expect(await run).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  expect(most).toBe(4);
});
