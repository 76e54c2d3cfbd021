// bench/opt-out: `eum opt-out list` paging through 10,000 opted-out numbers (100 pages).
// Target: in one warm process, eum's command (context, the engine's per-page retries, sorting,
// rendering as JSON and as piped lines) takes at most 1.2 times the pages alone through the SDK
// (the simulator's own time for them). Also printed: whole processes, eum against a script that
// only loads the SDK and pages (eum's start-up is the difference; see bench/startup).
// Run: npm run build && node bench/opt-out/run.mjs   (NUMBERS=10000 RUNS=7 by default)
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { median, userEnv, fmt } from '../lib/spawn-timer.mjs';
import { spawn } from 'node:child_process';

const numbers = Number(process.env.NUMBERS ?? 10_000);
const runs = Number(process.env.RUNS ?? 7);
const target = 1.2;
const sdkPages = fileURLToPath(new URL('./sdk-pages.cjs', import.meta.url));
const eumEntry = fileURLToPath(new URL('./eum-entry.cjs', import.meta.url));
const env = userEnv({ CI: 'true' });

/** `eum sim start --no-quotas` through the same entry, so the benchmark runs wherever the bundle does. */
async function startSim() {
  const child = spawn(process.execPath, [eumEntry, 'sim', 'start', '--port', '0', '--json', '--no-quotas'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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

const sim = await startSim();
try {
  // Fill the Default list through the SDK, 32 calls at a time.
  const require = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));
  const { PinpointSMSVoiceV2Client, PutOptedOutNumberCommand } = require('@aws-sdk/client-pinpoint-sms-voice-v2');
  const client = new PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: sim.endpoint,
    credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' },
    maxAttempts: 10,
  });
  let next = 0;
  const worker = async () => {
    while (next < numbers) {
      const i = next++;
      await client.send(new PutOptedOutNumberCommand({ OptOutListName: 'Default', OptedOutNumber: `+1206${String(5_000_000 + i).padStart(7, '0')}` }));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  client.destroy();

  const timed = (args, check) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    check(r.stdout);
    return { ms, stdout: r.stdout };
  };
  const sdkWall = [];
  const pagesMs = [];
  const eumJson = [];
  const eumPiped = [];
  // One warm-up each (compile cache, page cache), then interleaved runs.
  for (let i = 0; i < runs + 1; i++) {
    const s = timed([sdkPages, sim.endpoint], (out) => {
      if (JSON.parse(out).count !== numbers) throw new Error(`the SDK paged ${JSON.parse(out).count} numbers, expected ${numbers}`);
    });
    const j = timed([eumEntry, 'opt-out', 'list', '--json', '--endpoint-url', sim.endpoint], (out) => {
      if (JSON.parse(out).summary.total !== numbers) throw new Error('eum listed the wrong count');
    });
    const p = timed([eumEntry, 'opt-out', 'list', '--endpoint-url', sim.endpoint], (out) => {
      if (out.split('\n').length - 1 !== numbers) throw new Error('eum printed the wrong number of lines');
    });
    if (i === 0) continue;
    sdkWall.push(s.ms);
    pagesMs.push(JSON.parse(s.stdout).pagesMs);
    eumJson.push(j.ms);
    eumPiped.push(p.ms);
  }
  const inProcess = JSON.parse(
    timed([fileURLToPath(new URL('./in-process.cjs', import.meta.url)), sim.endpoint, String(runs), String(numbers)], (out) => JSON.parse(out)).stdout,
  );
  const warm = {
    pagesMedianMs: Number(median(inProcess.pagesMs).toFixed(0)),
    eumJsonMedianMs: Number(median(inProcess.eumJsonMs).toFixed(0)),
    eumPipedMedianMs: Number(median(inProcess.eumPipedMs).toFixed(0)),
  };
  warm.ratioJson = Number((warm.eumJsonMedianMs / warm.pagesMedianMs).toFixed(2));
  warm.ratioPiped = Number((warm.eumPipedMedianMs / warm.pagesMedianMs).toFixed(2));
  const result = {
    numbers,
    pages: Math.ceil(numbers / 100),
    simPagesMedianMs: Number(median(pagesMs).toFixed(0)),
    sdkProcessMedianMs: Number(median(sdkWall).toFixed(0)),
    eumJsonMedianMs: Number(median(eumJson).toFixed(0)),
    eumPipedMedianMs: Number(median(eumPiped).toFixed(0)),
    ratioJson: Number((median(eumJson) / median(sdkWall)).toFixed(2)),
    ratioPiped: Number((median(eumPiped) / median(sdkWall)).toFixed(2)),
    ratioJsonToPagesAlone: Number((median(eumJson) / median(pagesMs)).toFixed(2)),
    warm,
    target,
    runs,
  };
  console.log(
    `${numbers} numbers, ${result.pages} pages: pages alone ${fmt(median(pagesMs))} | SDK process ${fmt(median(sdkWall))} | eum opt-out list --json ${fmt(median(eumJson))} (x${result.ratioJson}) | piped ${fmt(median(eumPiped))} (x${result.ratioPiped}); target x${target}`,
  );
  console.log(
    `warm, in one process: pages alone ${fmt(warm.pagesMedianMs)} | eum opt-out list --json ${fmt(warm.eumJsonMedianMs)} (x${warm.ratioJson}) | piped ${fmt(warm.eumPipedMedianMs)} (x${warm.ratioPiped}); target x${target}`,
  );
  console.log(JSON.stringify(result));
  // The target is on the warm figures: the pages as the simulator serves them against everything
  // eum does for them. Whole processes add start-up (the same for every eum command: bench/startup).
  if (warm.ratioJson > target || warm.ratioPiped > target) process.exitCode = 1;
} finally {
  await sim.stop();
}
