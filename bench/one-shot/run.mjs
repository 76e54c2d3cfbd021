// bench/one-shot: whole-process `eum feedback put <id> RECEIVED` against `node -e 0` and
// `aws pinpoint-sms-voice-v2 put-message-feedback`, same simulator, with NODE_EXTRA_CA_CERTS
// and AWS_CA_BUNDLE unset (as on a user's machine). Conventions: CONTRIBUTING.md, "Benchmarks".
// Reports both ratios: to node -e 0 (CPU and wall time) and to the AWS CLI (wall time), and
// where eum's CPU goes, by difference: Node itself, the eum bundle (eum --version), commander's
// program and the context (eum help environment), the command with its one call (the light path
// of src/aws/light-call.ts, no SDK), and what finding the credentials adds when they come from
// the environment or from a profile's files instead of being given. For comparison, the same
// command through the SDK client (a profile whose keys come from `credential_process`, which the
// light path leaves to the SDK), and the SDK alone: loading it, and one call through it; and the
// floor, the same signed call in plain Node with node:http and node:crypto (bare-call.cjs).
// Targets: CPU at most 2 x node -e 0 (issue 11); wall time at most 0.3 x the AWS CLI's (issue 4).
// Run: npm run bench:one-shot   (build first: npm run build). RUNS=... to change the count.
// The machine may be shared: medians of interleaved rounds, and still compare several runs.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuCommand, timeCommand, userEnv, fmt, median } from '../lib/spawn-timer.mjs';
import { EUM_BIN, sendMessages, startSim } from '../lib/sim-process.mjs';

const runs = Number(process.env.RUNS ?? 15);
const rounds = 3;
const perRound = Math.ceil(runs / rounds);
const sdkOnly = fileURLToPath(new URL('./sdk-only.cjs', import.meta.url));
const bareCall = fileURLToPath(new URL('./bare-call.cjs', import.meta.url));
const node = process.execPath;
const sim = await startSim(['--no-quotas']);
const home = mkdtempSync(path.join(os.tmpdir(), 'eum-bench-one-shot-'));
try {
  const [id] = await sendMessages(sim.endpoint, 1);
  const eumEnv = userEnv({ EUM_HOME: home, CI: 'true' });
  // The same call with credentials for the SDK's default chain to find: in the environment, or
  // in a profile's files (the endpoint is then not treated as a simulator with fixed keys).
  writeFileSync(path.join(home, 'aws-config'), '[default]\nregion = us-east-1\n');
  writeFileSync(path.join(home, 'aws-credentials'), '[default]\naws_access_key_id = AKIAEUMBENCH\naws_secret_access_key = bench\n');
  // Keys from a process: only the SDK's chain runs one, so this run takes the SDK client.
  writeFileSync(path.join(home, 'keys.json'), JSON.stringify({ Version: 1, AccessKeyId: 'AKIAEUMBENCH', SecretAccessKey: 'bench' }));
  writeFileSync(path.join(home, 'aws-config-process'), `[profile process]\nregion = us-east-1\ncredential_process = cat ${path.join(home, 'keys.json')}\n`);
  const processCredentials = {
    ...eumEnv,
    AWS_PROFILE: 'process',
    AWS_CONFIG_FILE: path.join(home, 'aws-config-process'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
  };
  const envCredentials = { ...eumEnv, AWS_ACCESS_KEY_ID: 'AKIAEUMBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' };
  const profileCredentials = {
    ...eumEnv,
    AWS_PROFILE: 'default',
    AWS_CONFIG_FILE: path.join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials'),
  };
  const awsEnv = userEnv({
    AWS_ACCESS_KEY_ID: 'AKIAEUMBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  });
  const commands = {
    node: [node, ['-e', '0'], userEnv()],
    version: [node, [EUM_BIN, '--version'], eumEnv],
    program: [node, [EUM_BIN, 'help', 'environment'], eumEnv],
    bareCall: [node, [bareCall, sim.endpoint, id], userEnv()],
    sdkLoad: [node, [sdkOnly, 'load'], userEnv()],
    sdkCall: [node, [sdkOnly, 'call', sim.endpoint, id], userEnv()],
    eum: [node, [EUM_BIN, '--endpoint-url', sim.endpoint, 'feedback', 'put', id, 'RECEIVED'], eumEnv],
    eumEnvCredentials: [node, [EUM_BIN, '--endpoint-url', sim.endpoint, 'feedback', 'put', id, 'RECEIVED'], envCredentials],
    eumProfile: [node, [EUM_BIN, '--endpoint-url', sim.endpoint, 'feedback', 'put', id, 'RECEIVED'], profileCredentials],
    eumSdk: [node, [EUM_BIN, '--endpoint-url', sim.endpoint, 'feedback', 'put', id, 'RECEIVED'], processCredentials],
  };
  const awsArgs = [
    'pinpoint-sms-voice-v2',
    'put-message-feedback',
    '--endpoint-url',
    sim.endpoint,
    '--message-id',
    id,
    '--message-feedback-status',
    'RECEIVED',
  ];
  // CPU: one run of each command in turn, `runs` times, so that load on the machine affects all
  // alike; the breakdown takes the median of the differences within each turn (paired runs).
  const cpu = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [k, [cmd, args, env]] of Object.entries(commands)) cpu[k].push(cpuCommand(cmd, args, { runs: 1, warmup: i === 0 ? 2 : 0, env }).median);
  }
  // Wall time: interleaved rounds.
  const wall = { node: [], eum: [], aws: [] };
  for (let r = 0; r < rounds; r++) {
    const warmup = r === 0 ? 2 : 0;
    wall.node.push(timeCommand(node, ['-e', '0'], { runs: perRound, warmup, env: userEnv() }).median);
    wall.eum.push(timeCommand(...commands.eum.slice(0, 2), { runs: perRound, warmup, env: eumEnv }).median);
    wall.aws.push(timeCommand('aws', awsArgs, { runs: perRound, warmup: r === 0 ? 1 : 0, env: awsEnv }).median);
  }
  const c = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
  const w = Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, median(v)]));
  /** The median over the turns of `f` applied to one turn's CPU times, in ms. */
  const paired = (f) => Number(median(cpu.node.map((_, i) => f(Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v[i]]))))).toFixed(1));
  const round = (x) => Number(x.toFixed(1));
  const result = {
    node: process.version,
    cpuMs: {
      nodeE0: round(c.node),
      eum: round(c.eum),
      eumEnvCredentials: round(c.eumEnvCredentials),
      eumProfile: round(c.eumProfile),
      eumThroughSdk: round(c.eumSdk),
      bareCall: round(c.bareCall),
    },
    wallMs: { nodeE0: round(w.node), eum: round(w.eum), awsCli: round(w.aws) },
    cpuRatioToNode: Number((c.eum / c.node).toFixed(2)),
    // The same ratio with keys in the environment, in a profile's files, and through the SDK client.
    cpuRatioToNodeEnvCredentials: Number((c.eumEnvCredentials / c.node).toFixed(2)),
    cpuRatioToNodeProfile: Number((c.eumProfile / c.node).toFixed(2)),
    cpuRatioToNodeThroughSdk: Number((c.eumSdk / c.node).toFixed(2)),
    // The floor: the same signed call in plain Node (node:http, node:crypto), no CLI.
    bareCallRatioToNode: Number((c.bareCall / c.node).toFixed(2)),
    wallRatioToNode: Number((w.eum / w.node).toFixed(2)),
    ratioToAwsCli: Number((w.eum / w.aws).toFixed(2)),
    // Where eum's CPU goes, by difference between the runs above.
    cpuBreakdownMs: {
      node: round(c.node),
      eumBundle: paired((t) => t.version - t.node),
      programAndContext: paired((t) => t.program - t.version),
      // The command with its one light call, the ledger and the output.
      commandAndCall: paired((t) => t.eum - t.program),
      credentialsFromEnvironment: paired((t) => t.eumEnvCredentials - t.eum),
      credentialsFromProfile: paired((t) => t.eumProfile - t.eum),
      // For comparison: what the SDK client path adds (its load, its credential chain running the
      // process), and the SDK alone.
      throughSdk: paired((t) => t.eumSdk - t.eum),
      sdkLoad: paired((t) => t.sdkLoad - t.node),
      sdkCall: paired((t) => t.sdkCall - t.sdkLoad),
    },
    targets: { cpuRatioToNode: 2, ratioToAwsCli: 0.3 },
  };
  console.log(
    `eum feedback put: CPU ${fmt(c.eum)} = ${result.cpuRatioToNode} x node -e 0 (${fmt(c.node)}), target <= 2 | wall ${fmt(w.eum)} = ${result.wallRatioToNode} x node -e 0, ${result.ratioToAwsCli} x aws put-message-feedback (${fmt(w.aws)}), target <= 0.3`,
  );
  const b = result.cpuBreakdownMs;
  console.log(
    `CPU: node ${fmt(b.node)} + eum bundle ${fmt(b.eumBundle)} + program and context ${fmt(b.programAndContext)} + command and light call ${fmt(b.commandAndCall)}; credentials: +${fmt(b.credentialsFromEnvironment)} from the environment (${result.cpuRatioToNodeEnvCredentials} x), +${fmt(b.credentialsFromProfile)} from a profile's files (${result.cpuRatioToNodeProfile} x)`,
  );
  console.log(`the floor: the same signed call in plain Node (bare-call.cjs) costs ${fmt(c.bareCall)} = ${result.bareCallRatioToNode} x node -e 0`);
  console.log(
    `through the SDK client (credential_process): +${fmt(b.throughSdk)} = ${result.cpuRatioToNodeThroughSdk} x node -e 0; the SDK alone: load ${fmt(b.sdkLoad)}, one call ${fmt(b.sdkCall)}`,
  );
  console.log(JSON.stringify(result));
  process.exitCode = result.cpuRatioToNode <= 2 && result.ratioToAwsCli <= 0.3 ? 0 : 1;
} finally {
  rmSync(home, { recursive: true, force: true });
  await sim.stop();
}
