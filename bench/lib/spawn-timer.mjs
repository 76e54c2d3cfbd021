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

/**
 * Runs `command args` `runs` times (after `warmup` runs) and returns the CPU time (user + system)
 * of each run in ms, read with bash's `times` (getrusage of the children). Less sensitive than
 * wall time to other work on a shared machine, and what "costs N x node -e 0 in CPU" means.
 */
export function cpuCommand(command, args, { runs = 15, warmup = 3, env = userEnv(), input } = {}) {
  const times = [];
  for (let i = 0; i < warmup + runs; i++) {
    const r = spawnSync('bash', ['-c', '"$@" >/dev/null 2>&1 || echo failed; times', 'cpu', command, ...args], { env, input, encoding: 'utf8' });
    if (r.status !== 0 || r.stdout.startsWith('failed')) throw new Error(`${command} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
    const children = r.stdout.trim().split('\n').at(-1);
    const [user, sys] = children.split(/\s+/).map((t) => {
      const m = /^(\d+)m([\d.]+)s$/.exec(t);
      if (!m) throw new Error(`unexpected output of times: ${r.stdout}`);
      return (Number(m[1]) * 60 + Number(m[2])) * 1000;
    });
    if (i >= warmup) times.push(user + sys);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs };
}
