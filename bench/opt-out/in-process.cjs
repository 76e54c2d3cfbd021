// In one warm process: the pages alone through the SDK (the simulator's own time for them) against
// `eum opt-out list` run through eum's `main` with discarding streams (everything eum does per
// command after start-up: context, the engine's per-page retries, sorting, rendering).
//   node in-process.cjs ENDPOINT RUNS EXPECTED   prints {"pagesMs":[...],"eumJsonMs":[...],"eumPipedMs":[...]}
'use strict';
const { Writable, PassThrough } = require('node:stream');
const sdk = require('@aws-sdk/client-pinpoint-sms-voice-v2');
const { main } = require('../../dist/eum.cjs');
const [endpoint, runsText, expectedText] = process.argv.slice(2);
const runs = Number(runsText);
const expected = Number(expectedText);

function sink() {
  const chunks = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  w.isTTY = false;
  w.text = () => chunks.join('');
  return w;
}
const clock = { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

async function eum(args) {
  const stdout = sink();
  const stdin = new PassThrough();
  stdin.isTTY = false;
  stdin.end();
  const base = { stdout, stderr: sink(), stdin, env: { ...process.env, CI: 'true' }, clock, signal: new AbortController().signal, cwd: process.cwd() };
  const started = process.hrtime.bigint();
  const code = await main([...args, '--endpoint-url', endpoint], base);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`eum ${args.join(' ')} exited ${code}`);
  return { ms, out: stdout.text() };
}

(async () => {
  const client = new sdk.PinpointSMSVoiceV2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' } });
  const result = { pagesMs: [], eumJsonMs: [], eumPipedMs: [] };
  for (let i = 0; i < runs + 1; i++) {
    const started = process.hrtime.bigint();
    let count = 0;
    for await (const page of sdk.paginateDescribeOptedOutNumbers({ client, pageSize: 100 }, { OptOutListName: 'Default' }))
      count += page.OptedOutNumbers.length;
    const pagesMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (count !== expected) throw new Error(`paged ${count}, expected ${expected}`);
    const json = await eum(['opt-out', 'list', '--json']);
    if (JSON.parse(json.out).summary.total !== expected) throw new Error('eum --json listed the wrong count');
    const piped = await eum(['opt-out', 'list']);
    if (piped.out.split('\n').length - 1 !== expected) throw new Error('eum printed the wrong number of lines');
    // The first round warms both up (module loading, JIT).
    if (i === 0) continue;
    result.pagesMs.push(pagesMs);
    result.eumJsonMs.push(json.ms);
    result.eumPipedMs.push(piped.ms);
  }
  client.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
});
