// bench/feedback-bulk: `eum feedback put --file ids.txt --status RECEIVED` for 100,000 message ids
// against `eum sim start --no-quotas`. Targets (issue 4): at least 1,000 posts per second, peak
// RSS of the eum process at most 150 MB (measured by /usr/bin/time -f %M).
// Run: npm run bench:feedback-bulk   (build first). IDS=... to change the count.
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
//
// The file has 100,000 lines, one per distinct message sent with feedback first (MESSAGES=10000
// posts each of 10,000 messages ten times instead: posting the same status again is fine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userEnv } from '../lib/spawn-timer.mjs';
import { EUM_BIN, sendMessages, startSim } from '../lib/sim-process.mjs';

const count = Number(process.env.IDS ?? 100_000);
const distinct = Math.min(count, Number(process.env.MESSAGES ?? 100_000));
const concurrency = process.env.CONCURRENCY ?? '16';
const sim = await startSim(['--no-quotas']);
try {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-bulk-'));
  process.stderr.write(`sending ${distinct} messages with feedback to ${sim.endpoint} ...\n`);
  const sent = await sendMessages(sim.endpoint, distinct);
  const ids = Array.from({ length: count }, (_, i) => sent[i % distinct]);
  const file = path.join(dir, 'ids.txt');
  writeFileSync(file, `message_id\n${ids.join('\n')}\n`);
  const started = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      EUM_BIN,
      '--endpoint-url',
      sim.endpoint,
      'feedback',
      'put',
      '--file',
      file,
      '--status',
      'RECEIVED',
      '--concurrency',
      concurrency,
    ],
    {
      env: userEnv({ EUM_HOME: dir, CI: 'true' }),
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = r.stderr.trim().split('\n');
  const peakKb = Number(lines.at(-1));
  const summary = lines.find((l) => l.startsWith('posted feedback')) ?? '';
  if (r.status !== 0) throw new Error(`eum exited ${r.status}: ${r.stderr}`);
  const result = {
    ids: count,
    distinctMessages: distinct,
    concurrency: Number(concurrency),
    seconds: Number(seconds.toFixed(1)),
    postsPerSecond: Math.round(count / seconds),
    peakRssMb: Math.round(peakKb / 1024),
    targets: { postsPerSecond: 1000, peakRssMb: 150 },
  };
  console.log(
    `${summary}\n${count} ids in ${result.seconds} s (whole process): ${result.postsPerSecond} posts/s, peak RSS ${result.peakRssMb} MB | targets >= 1000/s, <= 150 MB`,
  );
  console.log(JSON.stringify(result));
  process.exitCode = result.postsPerSecond >= 1000 && result.peakRssMb <= 150 ? 0 : 1;
} finally {
  await sim.stop();
}
