// End-to-end: the built binary against `eum sim start --account new` in another process, as CI runs it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eumSpawn, eumSync } from '../helpers/spawn.js';

let sim: ReturnType<typeof eumSpawn>;
let endpoint: string;
beforeAll(async () => {
  sim = eumSpawn(['sim', 'start', '--port', '0', '--account', 'new', '--json']);
  endpoint = (JSON.parse(await sim.firstLine()) as { endpoint: string }).endpoint;
});
afterAll(async () => {
  sim.child.kill('SIGINT');
  await sim.done;
});

it('a new account: exit 1, every blocker with its fix in --json, one line per finding when piped', () => {
  const json = eumSync(['--endpoint-url', endpoint, 'doctor', '--json']);
  expect(json.code).toBe(1);
  const report = JSON.parse(json.stdout);
  expect(report.ok).toBe(false);
  expect(report.problems.map((p: { code: string }) => p.code)).toEqual(['SANDBOX_NO_VERIFIED_NUMBER', 'NO_ORIGINATION_IDENTITY', 'SPEND_LIMIT_LOW']);
  expect(report.problems.every((p: { fix: string | null }) => typeof p.fix === 'string' && p.fix.length > 0)).toBe(true);

  const piped = eumSync(['--endpoint-url', endpoint, 'doctor', '--country', 'US,DE']);
  expect(piped.code).toBe(1);
  expect(
    piped.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t').slice(0, 3).join(' ')),
  ).toEqual([
    'ok CREDENTIALS account',
    'blocker SANDBOX_NO_VERIFIED_NUMBER account',
    'warning SPEND_LIMIT_LOW account',
    'blocker COUNTRY_NEEDS_IDENTITY US',
    'ok COUNTRY DE',
  ]);
  expect(piped.stderr).toBe('2 problems block sending\n');
});

it('a bad --country: exit 2 and no request', async () => {
  await fetch(`${endpoint}/_eum/requests`, { method: 'DELETE' });
  const r = eumSync(['--endpoint-url', endpoint, 'doctor', '--country', 'ZZ']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--country: not a country AWS End User Messaging SMS lists: ZZ');
  const log = (await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: unknown[] };
  expect(log.requests).toEqual([]);
});
