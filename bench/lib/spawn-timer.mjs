// Times whole processes: median, min and max wall time over several runs.
import { spawnSync } from 'node:child_process';

/** The environment of a user's machine: these machines add CA bundles that slow every Node start. */
export function userEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.AWS_CA_BUNDLE;
  return env;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `command args` `runs` times (after `warmup` runs) and returns wall times in ms. */
export function timeCommand(command, args, { runs = 15, warmup = 3, env = userEnv(), input } = {}) {
  const times = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(command, args, { env, input, stdio: ['pipe', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= warmup) times.push(ms);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs };
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
