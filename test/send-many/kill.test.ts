/** kill -9 in the middle of a run, then the same command again: no row sent twice, none lost. Needs `npm run build`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eumSpawn } from '../helpers/spawn.js';
import { runEum, tempHome } from '../helpers/streams.js';
import { startSim } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});

it('kill -9 after a few rows, then a rerun: every row sent once or reported unknown', async () => {
  const home = tempHome();
  const numbers = Array.from({ length: 30 }, (_, i) => `+49151${String(20_000_000 + i)}`);
  const file = path.join(home, 'r.csv');
  writeFileSync(file, `phone,name\n${numbers.map((n, i) => `${n},n${i}`).join('\n')}\n`);
  const args = ['send', '--to-file', file, '--body', 'Hallo {{name}}', '--mps', '10', '--json-lines', '--endpoint-url', sim.endpoint];
  const run = eumSpawn(args, { EUM_HOME: home });
  await new Promise<void>((resolve) => {
    const check = () => {
      if (run.stdout.split('\n').length > 6) {
        run.child.kill('SIGKILL');
        resolve();
      }
    };
    run.child.stdout.on('data', check);
    run.child.on('close', () => resolve());
  });
  const first = await run.done;
  expect(first.code).toBe(null);

  const again = await runEum(args, { home });
  const lines = again.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const summary = lines.pop().summary;
  expect(summary.sentBefore).toBeGreaterThanOrEqual(5);
  expect(summary.sent + summary.unknown).toBe(30);
  const got: string[] = [];
  for (const n of numbers) {
    const res = await fetch(new URL(`/_eum/messages?to=${encodeURIComponent(n)}`, sim.endpoint));
    const body = (await res.json()) as { messages?: unknown[] } | unknown[];
    for (const _ of Array.isArray(body) ? body : (body.messages ?? [])) got.push(n);
  }
  // None twice; every row reported sent arrived.
  expect(new Set(got).size).toBe(got.length);
  for (const l of lines) if (l.status === 'sent') expect(got).toContain(l.to);
  expect(again.code).toBe(summary.unknown ? 1 : 0);
});
