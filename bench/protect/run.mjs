// bench/protect: the drift check CI runs, `eum protect apply -f protect.yaml --plan`, against a
// simulator (`eum sim start`, quotas off) holding CONFIGS configurations, each with 50 exceptions
// per channel and 20 overrides. It reads everything (6 requests per configuration) and diffs.
// Also times the first apply (creates everything) and a no-op apply.
// Run: npm run bench:protect   (build first: npm run build). CONFIGS=20 RUNS=5 by default.
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, userEnv, fmt } from '../lib/spawn-timer.mjs';

const eum = fileURLToPath(new URL('../../bin/eum.js', import.meta.url));
const configs = Number(process.env.CONFIGS ?? 20);
const runs = Number(process.env.RUNS ?? 5);
const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-protect-'));
const env = userEnv({ EUM_HOME: dir, CI: 'true' });

const sim = spawn(process.execPath, [eum, 'sim', 'start', '--port', '0', '--json', '--no-quotas'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const endpoint = await new Promise((resolve, reject) => {
  let out = '';
  sim.stdout.on('data', (d) => {
    out += d;
    const nl = out.indexOf('\n');
    if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)).endpoint);
  });
  sim.on('exit', (code) => reject(new Error(`eum sim start exited ${code}`)));
});

const codes = [
  'AF',
  'AL',
  'DZ',
  'AO',
  'AR',
  'AM',
  'AZ',
  'BD',
  'BY',
  'BJ',
  'BO',
  'BA',
  'BW',
  'BF',
  'BI',
  'KH',
  'CM',
  'CF',
  'TD',
  'CO',
  'CD',
  'DJ',
  'EG',
  'ER',
  'ET',
  'GA',
  'GM',
  'GE',
  'GH',
  'GN',
  'HT',
  'IQ',
  'CI',
  'KE',
  'KG',
  'LA',
  'LB',
  'LR',
  'LY',
  'MG',
  'MW',
  'ML',
  'MR',
  'MZ',
  'MM',
  'NP',
  'NE',
  'NG',
  'PK',
  'RU',
];
let doc = 'version: 1\nconfigurations:\n';
for (let i = 0; i < configs; i++) {
  doc += `  bench-${i}:\n    rules:\n`;
  for (const ch of ['sms', 'mms', 'voice', 'rcs']) doc += `      ${ch}: { default: allow, block: [${codes.join(', ')}] }\n`;
  doc += '    overrides:\n';
  for (let n = 0; n < 20; n++) doc += `      - { number: "+1206555${String(1000 + i * 20 + n).padStart(4, '0')}", action: allow }\n`;
}
const file = path.join(dir, 'protect.yaml');
writeFileSync(file, doc);

function time(args, expect) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [eum, ...args, '--endpoint-url', endpoint], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== expect) throw new Error(`eum ${args.join(' ')} exited ${r.status}, expected ${expect}: ${r.stderr}`);
  return ms;
}

try {
  const firstApply = time(['protect', 'apply', '-f', file, '--yes'], 0);
  const plans = [];
  const noops = [];
  for (let i = 0; i < runs; i++) {
    plans.push(time(['protect', 'apply', '-f', file, '--plan'], 0));
    noops.push(time(['protect', 'apply', '-f', file, '--yes'], 0));
  }
  const result = {
    configurations: configs,
    requestsPerPlan: 2 + 6 * configs,
    firstApplyMs: Number(firstApply.toFixed(0)),
    planMedianMs: Number(median(plans).toFixed(0)),
    noopApplyMedianMs: Number(median(noops).toFixed(0)),
    runs,
  };
  console.log(
    `${configs} configurations: first apply ${fmt(firstApply)} (${configs * (1 + 4 + 20)} writes) | apply --plan median ${fmt(median(plans))} (${result.requestsPerPlan} reads) | no-op apply ${fmt(median(noops))}`,
  );
  console.log(JSON.stringify(result));
} finally {
  sim.kill('SIGINT');
}
