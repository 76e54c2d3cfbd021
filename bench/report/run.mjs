// bench/report: `eum feedback report` over a ledger of 1,000,000 messages (about 80% with an
// outcome), whole process, same Node. Target (issue 4): at most 2 s.
// Run: npm run bench:report   (build first: npm run build). MESSAGES=... to change the size.
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
import { mkdtempSync, mkdirSync, openSync, writeSync, closeSync, statSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeCommand, userEnv, fmt } from '../lib/spawn-timer.mjs';

const eum = fileURLToPath(new URL('../../bin/eum.js', import.meta.url));
const messages = Number(process.env.MESSAGES ?? 1_000_000);
const runs = Number(process.env.RUNS ?? 5);
const home = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-report-'));
mkdirSync(path.join(home, 'ledger'), { mode: 0o700 });
const file = path.join(home, 'ledger', 'aws.tsv');

// The ledger as eum writes it: sent lines, and outcome lines appended later.
const countries = ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'CA', 'AU', 'JP', 'MX'];
const sets = ['otp', 'otp-eu', 'login'];
const now = Date.now();
const fd = openSync(file, 'w', 0o600);
let buf = [];
const outcomes = [];
for (let i = 0; i < messages; i++) {
  const id = randomUUID();
  const t = now - 6 * 86_400_000 + Math.floor((i / messages) * 6 * 86_400_000);
  buf.push(`S\t${id}\t${t}\t${countries[i % 10]}\t+12065550100\t${sets[i % 3]}\t1\tus-east-1\t${String(i % 10000).padStart(4, '0')}\n`);
  const r = i % 10;
  if (r < 7) outcomes.push(`O\t${id}\t${t + 4000 + (i % 90) * 1000}\tR\tp\n`);
  else if (r < 8) outcomes.push(`O\t${id}\t${t + 3_600_000}\tF\te\n`);
  if (outcomes.length >= 5000) {
    buf.push(...outcomes.splice(0));
    writeSync(fd, buf.join(''));
    buf = [];
  }
}
buf.push(...outcomes);
writeSync(fd, buf.join(''));
closeSync(fd);
const size = statSync(file).size;

const env = userEnv({ EUM_HOME: home, CI: 'true', FORCE_COLOR: '0' });
const byCountry = timeCommand(process.execPath, [eum, 'feedback', 'report', '--since', '30d'], { runs, warmup: 1, env });
const byDay = timeCommand(process.execPath, [eum, 'feedback', 'report', '--since', '30d', '--by', 'day', '--json'], { runs, warmup: 1, env });
rmSync(home, { recursive: true, force: true });
const result = {
  messages,
  ledgerBytes: size,
  reportByCountryMs: Number(byCountry.median.toFixed(0)),
  reportByDayJsonMs: Number(byDay.median.toFixed(0)),
  targetMs: 2000,
};
console.log(
  `ledger of ${messages} messages (${(size / 1e6).toFixed(0)} MB): report --by country ${fmt(byCountry.median)} | --by day --json ${fmt(byDay.median)} | target <= 2000 ms`,
);
console.log(JSON.stringify(result));
process.exitCode = Math.max(byCountry.median, byDay.median) <= 2000 ? 0 : 1;
