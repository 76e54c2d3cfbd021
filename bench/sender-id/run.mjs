// bench/sender-id: `eum sender-id bulk` for 160 countries against `eum sim start` with its
// default quotas (RequestSenderId: 1 request per second, a 2-second burst).
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
//
//   rate-1        --rate 1                                   target: at most 165 s
//   rate-20       --rate 20, sim --quota-scale 20            target: at most 10 s
//   throttled     as rate-20, sim --throttle-rate 0.2        target: at most 1.15 x requests/rate,
//                                                            and no country created twice
//
// The 160 countries are every country whose sender IDs need no registration (the simulator's
// table, from data/country-data) and then others, in ISO order: those are reported
// (needs-registration, unsupported) without a request, so the ideal time is the number of
// requests over the rate. The figures give both counts.
// The request log of the simulator counts RequestSenderId calls: answered 200 (one per country
// is the most there may be), throttled, and other errors.
//
// Run: npm run bench:sender-id   (build first: npm run build)
//   SCENARIOS=rate-20,throttled to choose; THROTTLE_RATE_1=1 runs "throttled" at --rate 1 too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userEnv } from '../lib/spawn-timer.mjs';
import { EUM_BIN, startSim } from '../lib/sim-process.mjs';

const table = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/countries/countries.json', import.meta.url)), 'utf8'));
const open = Object.entries(table.countries)
  .filter(([, c]) => c.senderId === 'yes')
  .map(([iso]) => iso)
  .sort();
const others = Object.keys(table.countries)
  .filter((iso) => !open.includes(iso))
  .sort();
const countries = [...open, ...others].slice(0, 160);
const requestable = countries.filter((c) => open.includes(c)).length;

const scenarios = {
  'rate-1': { rate: 1, sim: [], target: (n) => ({ maxSeconds: 165, ideal: n / 1 }) },
  'rate-20': { rate: 20, sim: ['--quota-scale', '20'], target: (n) => ({ maxSeconds: 10, ideal: n / 20 }) },
  throttled: { rate: 20, sim: ['--quota-scale', '20', '--throttle-rate', '0.2'], target: (n) => ({ maxSeconds: 1.15 * (n / 20), ideal: n / 20 }) },
  'throttled-rate-1': { rate: 1, sim: ['--throttle-rate', '0.2'], target: (n) => ({ maxSeconds: 1.15 * n, ideal: n }) },
};
const chosen = (process.env.SCENARIOS ?? `rate-20,throttled,rate-1${process.env.THROTTLE_RATE_1 ? ',throttled-rate-1' : ''}`).split(',');

const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-sender-id-'));
const file = path.join(dir, 'countries.txt');
writeFileSync(file, countries.join('\n'));

const results = [];
let ok = true;
for (const name of chosen) {
  const s = scenarios[name];
  if (!s) throw new Error(`unknown scenario ${name}; choose from ${Object.keys(scenarios).join(', ')}`);
  const sim = await startSim(s.sim);
  try {
    const home = mkdtempSync(path.join(dir, `${name}-`));
    const started = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [EUM_BIN, 'sender-id', 'bulk', '--sender-id', 'BENCHCO', '--countries-file', file, '--rate', String(s.rate), '--json', '--endpoint-url', sim.endpoint],
      {
        env: userEnv({ EUM_HOME: home, CI: 'true' }),
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`${name}: eum exited ${r.status}: ${r.stderr}`);
    const summary = JSON.parse(r.stdout).summary;
    const log = (await (await fetch(`${sim.endpoint}/_eum/requests`)).json()).requests.filter((x) => x.operation === 'RequestSenderId');
    const calls = {
      total: log.length,
      ok: log.filter((x) => x.status === 200).length,
      throttled: log.filter((x) => x.errorType === 'ThrottlingException').length,
    };
    const { maxSeconds, ideal } = s.target(requestable);
    const pass = seconds <= maxSeconds && calls.ok === summary.created && summary.failed === 0;
    ok &&= pass;
    const row = {
      scenario: name,
      countries: countries.length,
      requested: requestable,
      rate: s.rate,
      seconds: Number(seconds.toFixed(1)),
      idealSeconds: Number(ideal.toFixed(1)),
      maxSeconds: Number(maxSeconds.toFixed(1)),
      created: summary.created,
      needsRegistration: summary.needsRegistration,
      unsupported: summary.unsupported,
      failed: summary.failed,
      requestSenderIdCalls: calls,
      pass,
    };
    results.push(row);
    console.log(
      `${name}: ${countries.length} countries (${requestable} requested) at --rate ${s.rate}: ${row.seconds} s (ideal ${row.idealSeconds} s, limit ${row.maxSeconds} s); RequestSenderId ${calls.total} calls, ${calls.ok} created, ${calls.throttled} throttled; ${pass ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    await sim.stop();
  }
}
console.log(JSON.stringify(results));
process.exitCode = ok ? 0 : 1;
