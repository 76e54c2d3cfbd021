// bench/send-many: `eum send --to-file` against `eum sim start`.
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
//
//   paced      quotas on (--quota-scale 10: see below): 10,000 US recipients over two toll-free numbers (3 MPS each). The rate
//              is measured over a sample (SAMPLE_SECONDS, default 120) from the first message
//              sent; then the run is stopped (Ctrl-C) and no recipient may have two messages.
//              target: at least 97% of 6 messages per second
//   million    quotas off, the simulator's spend limit raised (--max-spend-limit, as AWS Support
//              does): 1,000,000 DE rows (ROWS to change) sent end to end by one command (checks,
//              account reads, plan, sends, journal) over 120 sender IDs (10 MPS each, 1,200/s
//              together); the rate is every row sent over the process's whole run, the peak RSS
//              that process's (VmHWM).
//              target: at least 1,000 messages per second, peak RSS at most 200 MB
//   faults     quotas off, --throttle-rate 0.3 --fail-rate 0.05: 2,000 rows over 20 sender IDs.
//              target: every row sent or unknown, none sent twice (the simulator's handsets)
//   kill9      2,000 rows over 20 sender IDs; kill -9 at a random moment, then the same command
//              again. target: none twice, none lost (every row sent, or unknown and listed)
//   resume     (not in the default set: SCENARIOS=resume) the million's set-up, killed with -9
//              after KILL_SECONDS (default 300), then the same command again: the rerun reads the
//              journal of the rows sent and sends the rest. Reports the rerun's rate over the rows
//              it sent and its peak RSS. target: the million's (1,000/s, 200 MB); none twice is
//              kill9's to check (every row here goes to another number)
//
// Run: npm run bench:send-many   (build first: npm run build)
//   SCENARIOS=paced,faults to choose.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userEnv } from '../lib/spawn-timer.mjs';
import { EUM_BIN, startSim } from '../lib/sim-process.mjs';

const require = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));
const sdk = require('@aws-sdk/client-pinpoint-sms-voice-v2');
const chosen = (process.env.SCENARIOS ?? 'paced,million,faults,kill9').split(',');
const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-send-many-'));

function client(endpoint) {
  return new sdk.PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' },
    maxAttempts: 10,
  });
}

/** Runs eum; resolves with its exit code, stdout lines (as they came, with times) and peak RSS (kB, from /proc). */
function runEum(args, home, { onLine, killAfterMs, raw } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [EUM_BIN, ...args], { env: userEnv({ EUM_HOME: home, CI: 'true' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let stderr = '';
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {}
    }, 100);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      buf += d;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        onLine?.(raw ? line : JSON.parse(line), child);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    if (killAfterMs) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stderr, peakKb });
    });
  });
}

/** Messages each destination received from these origination identities (the simulator's handsets). */
async function receivedBy(endpoint, froms) {
  const counts = new Map();
  for (const from of froms) {
    const res = await fetch(new URL(`/_eum/messages?from=${encodeURIComponent(from)}&limit=10000`, endpoint));
    const body = await res.json();
    for (const m of Array.isArray(body) ? body : (body.messages ?? [])) {
      const to = m.destinationPhoneNumber ?? m.to;
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
  }
  return counts;
}

async function senderIds(endpoint, n, country = 'DE') {
  const c = client(endpoint);
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = `BENCH${String(i).padStart(3, '0')}`;
    await c.send(new sdk.RequestSenderIdCommand({ SenderId: id, IsoCountryCode: country, MessageTypes: ['TRANSACTIONAL'] }));
    ids.push(id);
  }
  c.destroy();
  return ids;
}

function writeRows(name, rows, number) {
  const file = path.join(dir, name);
  const parts = ['phone,name\n'];
  for (let i = 0; i < rows; i++) parts.push(`${number(i)},n${i}\n`);
  writeFileSync(file, parts.join(''));
  return file;
}
const deNumber = (i) => `+49151${String(10_000_000 + i).slice(-8)}`;

const scenarios = {
  async paced() {
    // Quotas on. The simulator gives SendTextMessage the 1 request per second of operations the
    // RPS table does not list; --quota-scale 10 lifts that to 10, and leaves the throughput per
    // identity (3 message parts per second per toll-free number) as it is (not scaled).
    const sim = await startSim(['--quota-scale', process.env.QUOTA_SCALE ?? '10']);
    try {
      const c = client(sim.endpoint);
      const regs = await c.send(new sdk.DescribeRegistrationsCommand({}));
      const reg = regs.Registrations.find((r) => r.RegistrationType === 'US_TOLL_FREE_REGISTRATION' && r.RegistrationStatus === 'COMPLETE');
      const second = await c.send(
        new sdk.RequestPhoneNumberCommand({
          IsoCountryCode: 'US',
          MessageType: 'TRANSACTIONAL',
          NumberCapabilities: ['SMS'],
          NumberType: 'TOLL_FREE',
          RegistrationId: reg.RegistrationId,
        }),
      );
      c.destroy();
      const froms = ['+18335550100', second.PhoneNumber];
      const file = writeRows('paced.csv', 10_000, (i) => `+1206555${String(i).padStart(4, '0')}`);
      const sampleMs = Number(process.env.SAMPLE_SECONDS ?? 120) * 1000;
      let first;
      let inSample = 0;
      const statuses = {};
      const r = await runEum(
        [
          'send',
          '--to-file',
          file,
          '--body',
          'Hi {{name}}, your appointment is tomorrow',
          ...froms.flatMap((f) => ['--from', f]),
          '--json-lines',
          '--endpoint-url',
          sim.endpoint,
        ],
        mkdtempSync(path.join(dir, 'paced-')),
        {
          onLine(line, child) {
            if (line.summary) return;
            statuses[line.status] = (statuses[line.status] ?? 0) + 1;
            if (line.status !== 'sent') return;
            const now = Date.now();
            first ??= now;
            if (now - first <= sampleMs) inSample++;
            else if (!child.stopping) {
              child.stopping = true;
              child.kill('SIGINT');
            }
          },
        },
      );
      const rate = inSample / (sampleMs / 1000);
      const twice = [...(await receivedBy(sim.endpoint, froms)).values()].filter((n) => n > 1).length;
      return {
        rate: Number(rate.toFixed(2)),
        targetRate: 6 * 0.97,
        sampleSeconds: sampleMs / 1000,
        statuses,
        recipientsTwice: twice,
        exit: r.code,
        ok: rate >= 6 * 0.97 && twice === 0,
      };
    } finally {
      await sim.stop();
    }
  },

  async million() {
    // DE costs $0.05 a part in the simulator: a million need $50,000 of spend limit.
    const rows = Number(process.env.ROWS ?? 1_000_000);
    const sim = await startSim(['--no-quotas', '--max-spend-limit', String(Math.max(1000, rows / 10))]);
    try {
      await senderIds(sim.endpoint, 120);
      const file = writeRows('million.csv', rows, deNumber);
      const t = Date.now();
      let firstResultMs;
      let summary;
      const r = await runEum(
        ['send', '--to-file', file, '--body', 'Hallo {{name}}', '--json-lines', '--endpoint-url', sim.endpoint],
        mkdtempSync(path.join(dir, 'million-')),
        {
          // A million lines: only the summary is parsed.
          raw: true,
          onLine(line) {
            firstResultMs ??= Date.now() - t;
            if (line.startsWith('{"summary"')) summary = JSON.parse(line).summary;
          },
        },
      );
      const seconds = (Date.now() - t) / 1000;
      const rate = (summary?.sent ?? 0) / seconds;
      return {
        rows,
        sent: summary?.sent,
        // From the start to the first row's result: the checks (pass 1), the account reads and the plan.
        checkSeconds: Number(((firstResultMs ?? 0) / 1000).toFixed(1)),
        seconds: Number(seconds.toFixed(1)),
        rate: Math.round(rate),
        peakRssMb: Math.round(r.peakKb / 1024),
        exit: r.code,
        stderr: r.code === 0 ? undefined : r.stderr.slice(-500),
        ok: rate >= 1000 && r.peakKb / 1024 <= 200 && summary?.sent === rows,
      };
    } finally {
      await sim.stop();
    }
  },

  async faults() {
    const sim = await startSim(['--no-quotas', '--throttle-rate', '0.3', '--fail-rate', '0.05']);
    try {
      // The sender IDs are requested with the faults on: the SDK client retries them.
      const ids = await senderIds(sim.endpoint, 20);
      const file = writeRows('faults.csv', 2000, deNumber);
      const statuses = {};
      const r = await runEum(
        ['send', '--to-file', file, '--body', 'Hallo {{name}}', '--json-lines', '--endpoint-url', sim.endpoint],
        mkdtempSync(path.join(dir, 'faults-')),
        {
          onLine(line) {
            if (!line.summary) statuses[line.status] = (statuses[line.status] ?? 0) + 1;
          },
        },
      );
      const counts = await receivedBy(sim.endpoint, ids);
      const twice = [...counts.values()].filter((n) => n > 1).length;
      const other = Object.entries(statuses).filter(([s]) => s !== 'sent' && s !== 'unknown');
      return {
        rows: 2000,
        statuses,
        recipientsTwice: twice,
        exit: r.code,
        ok: twice === 0 && other.length === 0 && (statuses.sent ?? 0) + (statuses.unknown ?? 0) === 2000,
      };
    } finally {
      await sim.stop();
    }
  },

  async kill9() {
    const sim = await startSim(['--no-quotas']);
    try {
      const ids = await senderIds(sim.endpoint, 20);
      const file = writeRows('kill9.csv', 2000, deNumber);
      const home = mkdtempSync(path.join(dir, 'kill9-'));
      const args = ['send', '--to-file', file, '--body', 'Hallo {{name}}', '--json-lines', '--endpoint-url', sim.endpoint];
      const killAfterMs = 1500 + Math.floor(Math.random() * 2500);
      const first = await runEum(args, home, { killAfterMs });
      const statuses = {};
      let summary;
      const second = await runEum(args, home, {
        onLine(line) {
          if (line.summary) summary = line.summary;
          else statuses[line.status] = (statuses[line.status] ?? 0) + 1;
        },
      });
      const counts = await receivedBy(sim.endpoint, ids);
      const twice = [...counts.values()].filter((n) => n > 1).length;
      const lost = 2000 - (statuses.sent ?? 0) - (statuses.unknown ?? 0);
      // Sent rows all arrived; unknown rows (in flight at the kill) may or may not have.
      const arrived = counts.size;
      return {
        killedAfterMs: killAfterMs,
        firstSignal: first.signal,
        statuses,
        sentBefore: summary?.sentBefore,
        arrived,
        recipientsTwice: twice,
        lost,
        exit: second.code,
        ok: twice === 0 && lost === 0 && arrived >= (statuses.sent ?? 0),
      };
    } finally {
      await sim.stop();
    }
  },

  async resume() {
    const rows = Number(process.env.ROWS ?? 1_000_000);
    const sim = await startSim(['--no-quotas', '--max-spend-limit', String(Math.max(1000, rows / 10))]);
    try {
      await senderIds(sim.endpoint, 120);
      const file = writeRows('resume.csv', rows, deNumber);
      const home = mkdtempSync(path.join(dir, 'resume-'));
      const args = ['send', '--to-file', file, '--body', 'Hallo {{name}}', '--json-lines', '--endpoint-url', sim.endpoint];
      const killAfterMs = Number(process.env.KILL_SECONDS ?? 300) * 1000;
      const first = await runEum(args, home, { killAfterMs, raw: true });
      const t = Date.now();
      let summary;
      const second = await runEum(args, home, {
        raw: true,
        onLine(line) {
          if (line.startsWith('{"summary"')) summary = JSON.parse(line).summary;
        },
      });
      const seconds = (Date.now() - t) / 1000;
      const sentNow = (summary?.sent ?? 0) - (summary?.sentBefore ?? 0);
      const rate = sentNow / seconds;
      return {
        rows,
        killedAfterSeconds: killAfterMs / 1000,
        firstSignal: first.signal,
        sentBefore: summary?.sentBefore,
        unknown: summary?.unknown,
        sentByRerun: sentNow,
        rerunSeconds: Number(seconds.toFixed(1)),
        rerunRate: Math.round(rate),
        rerunPeakRssMb: Math.round(second.peakKb / 1024),
        firstPeakRssMb: Math.round(first.peakKb / 1024),
        exit: second.code,
        ok: rate >= 1000 && second.peakKb / 1024 <= 200 && (summary?.sent ?? 0) + (summary?.unknown ?? 0) === rows,
      };
    } finally {
      await sim.stop();
    }
  },
};

let ok = true;
for (const name of chosen) {
  if (!scenarios[name]) throw new Error(`unknown scenario ${name}; choose from ${Object.keys(scenarios).join(', ')}`);
  const result = await scenarios[name]();
  ok &&= result.ok;
  console.log(JSON.stringify({ scenario: name, ...result }));
}
process.exitCode = ok ? 0 : 1;
