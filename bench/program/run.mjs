// bench/program: `eum program apply` against `eum sim start` with AWS's default request quotas.
// A program of NUMBERS numbers with 3 keywords each, 5 pools, 10 configuration sets with 2 event
// destinations each and 5 Protect configurations, in 2 Regions. Measures the first apply (the
// write quotas bound it) and the no-op plan (the read quotas bound it): calls and seconds, against
// the ideal at the published rate per operation (1 request per second for all but a few), with
// operations running side by side and the Regions in parallel.
// Set-up (the numbers) runs on a simulator without quotas, saved to a state file that the timed
// simulator then loads with quotas on.
// Run: node bench/program/run.mjs (build first: npm run build). NUMBERS=50 by default;
// EUM_BIN=path overrides bin/eum.js. Conventions for benchmarks: CONTRIBUTING.md.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userEnv, fmt } from '../lib/spawn-timer.mjs';

const eum = process.env.EUM_BIN ?? fileURLToPath(new URL('../../bin/eum.js', import.meta.url));
const require = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));
const sdk = require('@aws-sdk/client-pinpoint-sms-voice-v2');
const NUMBERS = Number(process.env.NUMBERS ?? 50);
const REGIONS = ['us-east-1', 'eu-west-2'];
const POOLS = 5;
const SETS = 10;
const PROTECT = 5;
const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-program-'));
const env = userEnv({ EUM_HOME: dir, CI: 'true' });
const state = path.join(dir, 'sim-state.json');
// Published RPS (quotas page): 1 unless listed.
const RPS = { ListTagsForResource: 10, PutOptedOutNumber: 10, DeleteOptedOutNumber: 10 };

async function startSim(args) {
  const child = spawn(process.execPath, [eum, 'sim', 'start', '--port', '0', '--json', '--state', state, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)).endpoint);
    });
    child.on('exit', (code) => reject(new Error(`eum sim start exited ${code}`)));
  });
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', resolve);
        child.kill('SIGINT');
      }),
  };
}

// Set-up: the numbers. The simulator allows 25 numbers per Region (the quotas page), so the state
// file of a simulator without quotas is seeded with copies of its SIMULATOR number.
const setup = await startSim(['--no-quotas']);
for (const region of REGIONS) {
  const client = new sdk.PinpointSMSVoiceV2Client({ region, endpoint: setup.endpoint, credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' } });
  await client.send(new sdk.DescribePhoneNumbersCommand({}));
  client.destroy();
}
await setup.stop();
const saved = JSON.parse(readFileSync(state, 'utf8'));
const numbers = {};
for (const region of REGIONS) {
  const phones = saved.regions[region].phoneNumbers;
  const template = Object.values(phones).find((p) => p.numberType === 'SIMULATOR');
  numbers[region] = [];
  for (let i = 0; i < NUMBERS; i++) {
    const id = `phone-${randomBytes(16).toString('hex')}`;
    const phoneNumber = `+1206555${String(2000 + i).padStart(4, '0')}`;
    phones[id] = { ...structuredClone(template), id, arn: template.arn.replace(template.id, id), phoneNumber };
    numbers[region].push(phoneNumber);
  }
}
writeFileSync(state, JSON.stringify(saved));

let doc = 'version: 1\nregions:\n';
for (const region of REGIONS) {
  doc += `  ${region}:\n    phoneNumbers:\n`;
  for (const n of numbers[region]) {
    doc += `      "${n}":\n        keywords:\n`;
    doc += '          HELP: { message: "Acme: help at acme.example. Msg&data rates may apply." }\n';
    doc += '          INFO: { message: "Acme alerts: 2 msgs/week" }\n';
    doc += '          JOIN: { message: "Welcome back to Acme", action: opt-in }\n';
  }
  doc += '    pools:\n';
  for (let p = 0; p < POOLS; p++) doc += `      pool-${p}: { identities: ["${numbers[region][p * 2]}", "${numbers[region][p * 2 + 1]}"] }\n`;
  doc += '    configurationSets:\n';
  for (let s = 0; s < SETS; s++) {
    doc += `      set-${s}:\n        eventDestinations:\n`;
    doc += `          sns: { eventTypes: [TEXT_ALL], sns: "arn:aws:sns:${region}:111122223333:events-${s}" }\n`;
    doc += `          logs: { eventTypes: [TEXT_DELIVERED, TEXT_BLOCKED], cloudWatchLogs: { role: "arn:aws:iam::111122223333:role/sms", logGroup: "arn:aws:logs:${region}:111122223333:log-group:sms-${s}" } }\n`;
  }
  doc += '    protect:\n      configurations:\n';
  for (let c = 0; c < PROTECT; c++) doc += `        guard-${c}:\n          configurationSets: [set-${c}]\n          rules: { sms: { block: [RU, NG, PK] } }\n`;
}
const file = path.join(dir, 'program.yaml');
writeFileSync(file, doc);

const sim = await startSim([]);
function run(args, expect) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [eum, ...args, '--endpoint-url', sim.endpoint, '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== expect) throw new Error(`eum ${args.join(' ')} exited ${r.status}, expected ${expect}: ${r.stderr}`);
  return { ms, data: JSON.parse(r.stdout) };
}
/** The simulator's request log, then cleared. A kept-alive socket may have timed out during spawnSync: one retry. */
async function requests() {
  const once = async () => {
    const body = await (await fetch(`${sim.endpoint}/_eum/requests`)).json();
    await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
    return body.requests;
  };
  try {
    return await once();
  } catch {
    return once();
  }
}
/** The ideal seconds for these requests: per Region (in parallel), each operation at its rate, side by side. */
function ideal(reqs, stages) {
  let worst = 0;
  for (const region of REGIONS) {
    const mine = reqs.filter((r) => (r.region ?? region) === region && r.status < 400);
    if (!stages) {
      const byOp = {};
      for (const r of mine) byOp[r.operation] = (byOp[r.operation] ?? 0) + 1;
      worst = Math.max(worst, ...Object.entries(byOp).map(([op, n]) => (n - 1) / (RPS[op] ?? 1)));
    } else worst = Math.max(worst, stages(mine));
  }
  return worst;
}

try {
  await requests();
  const plan0 = run(['program', 'apply', '-f', file, '--plan'], 3);
  await requests();
  const apply = run(['program', 'apply', '-f', file, '--yes'], 0);
  const applyReqs = await requests();
  const writes = applyReqs.filter((r) => !/^(Describe|Get|List)/.test(r.operation));
  const reads = applyReqs.filter((r) => /^(Describe|Get|List)/.test(r.operation));
  const throttled = applyReqs.filter((r) => r.status === 400 && /Throttl/.test(r.errorType ?? r.error ?? '')).length;
  const applyIdealS = ideal(reads) + ideal(writes);
  const plan = run(['program', 'apply', '-f', file, '--plan'], 0);
  const planReqs = await requests();
  const planIdealS = ideal(planReqs);
  const result = {
    numbers: NUMBERS,
    regions: REGIONS.length,
    firstPlanCalls: plan0.data.plan.calls,
    firstApply: {
      seconds: Number((apply.ms / 1000).toFixed(1)),
      writeCalls: writes.length,
      readCalls: reads.length,
      throttled,
      idealSeconds: Number(applyIdealS.toFixed(1)),
      ratio: Number((apply.ms / 1000 / applyIdealS).toFixed(2)),
    },
    noopPlan: {
      seconds: Number((plan.ms / 1000).toFixed(1)),
      readCalls: planReqs.length,
      writeCalls: planReqs.filter((r) => !/^(Describe|Get|List)/.test(r.operation)).length,
      idealSeconds: Number(planIdealS.toFixed(1)),
      ratio: Number((plan.ms / 1000 / planIdealS).toFixed(2)),
    },
  };
  console.log(
    `first apply: ${writes.length} writes + ${reads.length} reads in ${fmt(apply.ms)} (ideal ${applyIdealS.toFixed(1)} s, x${result.firstApply.ratio}) | no-op plan: ${planReqs.length} reads in ${fmt(plan.ms)} (ideal ${planIdealS.toFixed(1)} s, x${result.noopPlan.ratio})`,
  );
  console.log(JSON.stringify(result));
} finally {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
