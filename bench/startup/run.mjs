// bench/startup: `eum --help` and `eum --version` against `node -e 0`, same Node, same machine,
// in wall time and in CPU time (user + system, less sensitive to a busy machine).
// Conventions: CONTRIBUTING.md, "Benchmarks". Target (issue 2): eum --help median at most
// 1.5 x node -e 0. The machine may be shared: compare medians over several runs.
// Run: npm run bench:startup   (build first: npm run build)
import { fileURLToPath } from 'node:url';
import { cpuCommand, timeCommand, fmt, median } from '../lib/spawn-timer.mjs';

const eum = fileURLToPath(new URL('../../bin/eum.js', import.meta.url));
const runs = Number(process.env.RUNS ?? 25);
const node = process.execPath;
const commands = { base: ['-e', '0'], help: [eum, '--help'], version: [eum, '--version'] };

// Interleave the three so that machine load affects them alike.
const rounds = 5;
const wall = { base: [], help: [], version: [] };
const cpu = { base: [], help: [], version: [] };
for (let r = 0; r < rounds; r++) {
  for (const [k, args] of Object.entries(commands)) {
    wall[k].push(timeCommand(node, args, { runs: runs / rounds, warmup: r === 0 ? 3 : 1 }).median);
    cpu[k].push(cpuCommand(node, args, { runs: runs / rounds, warmup: 0 }).median);
  }
}
const w = Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, median(v)]));
const c = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
const ratio = (a, b) => Number((a / b).toFixed(2));
const result = {
  node: process.version,
  nodeE0: Number(w.base.toFixed(1)),
  eumHelp: Number(w.help.toFixed(1)),
  eumVersion: Number(w.version.toFixed(1)),
  helpRatio: ratio(w.help, w.base),
  versionRatio: ratio(w.version, w.base),
  cpuMs: { nodeE0: c.base, eumHelp: c.help, eumVersion: c.version },
  cpuHelpRatio: ratio(c.help, c.base),
  cpuVersionRatio: ratio(c.version, c.base),
  target: 1.5,
};
console.log(
  `node ${process.version}: node -e 0 ${fmt(w.base)} | eum --help ${fmt(w.help)} (${result.helpRatio}x) | eum --version ${fmt(w.version)} (${result.versionRatio}x) | target <= 1.5x`,
);
console.log(
  `CPU: node -e 0 ${fmt(c.base)} | eum --help ${fmt(c.help)} (${result.cpuHelpRatio}x) | eum --version ${fmt(c.version)} (${result.cpuVersionRatio}x)`,
);
console.log(JSON.stringify(result));
process.exitCode = result.helpRatio <= 1.5 ? 0 : 1;
