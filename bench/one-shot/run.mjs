// bench/one-shot: whole-process `eum feedback put <id> RECEIVED` side by side with
// `aws pinpoint-sms-voice-v2 put-message-feedback`, against the same simulator, both with
// NODE_EXTRA_CA_CERTS and AWS_CA_BUNDLE unset (as on a user's machine).
// Target (issue 4): eum's median at most 0.3 x the AWS CLI's.
// Run: npm run bench:one-shot   (build first: npm run build). RUNS=... to change the count.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeCommand, userEnv, fmt, median } from '../lib/spawn-timer.mjs';
import { EUM_BIN, sendMessages, startSim } from '../lib/sim-process.mjs';

const runs = Number(process.env.RUNS ?? 15);
const sim = await startSim(['--no-quotas']);
try {
  const [id] = await sendMessages(sim.endpoint, 1);
  const home = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-one-shot-'));
  const eumEnv = userEnv({ EUM_HOME: home, CI: 'true' });
  const awsEnv = userEnv({ AWS_ACCESS_KEY_ID: 'AKIAEUMBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  const eumArgs = [EUM_BIN, '--endpoint-url', sim.endpoint, 'feedback', 'put', id, 'RECEIVED'];
  const awsArgs = ['pinpoint-sms-voice-v2', 'put-message-feedback', '--endpoint-url', sim.endpoint, '--message-id', id, '--message-feedback-status', 'RECEIVED'];
  // Interleaved rounds, so that load on the machine affects both alike.
  const rounds = 3;
  const e = [];
  const a = [];
  for (let r = 0; r < rounds; r++) {
    e.push(timeCommand(process.execPath, eumArgs, { runs: Math.ceil(runs / rounds), warmup: r === 0 ? 2 : 0, env: eumEnv }).median);
    a.push(timeCommand('aws', awsArgs, { runs: Math.ceil(runs / rounds), warmup: r === 0 ? 1 : 0, env: awsEnv }).median);
  }
  const eum = median(e);
  const aws = median(a);
  const result = { eumMs: Number(eum.toFixed(1)), awsCliMs: Number(aws.toFixed(1)), ratio: Number((eum / aws).toFixed(2)), target: 0.3 };
  console.log(`eum feedback put ${fmt(eum)} | aws put-message-feedback ${fmt(aws)} | ratio ${result.ratio} | target <= 0.3`);
  console.log(JSON.stringify(result));
  process.exitCode = result.ratio <= 0.3 ? 0 : 1;
} finally {
  await sim.stop();
}
