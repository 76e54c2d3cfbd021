// bench/startup: `eum --help` and `eum --version` against `node -e 0`, same Node, same machine.
// Target (issue 2): eum --help median at most 1.5 x node -e 0.
// Run: npm run bench:startup   (build first: npm run build)
import { fileURLToPath } from 'node:url';
import { timeCommand, fmt } from '../lib/spawn-timer.mjs';

const eum = fileURLToPath(new URL('../../bin/eum.js', import.meta.url));
const runs = Number(process.env.RUNS ?? 25);
const node = process.execPath;

// Interleave the three so that machine load affects them alike.
const rounds = 5;
const acc = { base: [], help: [], version: [] };
for (let r = 0; r < rounds; r++) {
  acc.base.push(timeCommand(node, ['-e', '0'], { runs: runs / rounds, warmup: r === 0 ? 3 : 1 }).median);
  acc.help.push(timeCommand(node, [eum, '--help'], { runs: runs / rounds, warmup: r === 0 ? 3 : 1 }).median);
  acc.version.push(timeCommand(node, [eum, '--version'], { runs: runs / rounds, warmup: r === 0 ? 3 : 1 }).median);
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const base = med(acc.base);
const help = med(acc.help);
const version = med(acc.version);
const result = {
  node: process.version,
  nodeE0: Number(base.toFixed(1)),
  eumHelp: Number(help.toFixed(1)),
  eumVersion: Number(version.toFixed(1)),
  helpRatio: Number((help / base).toFixed(2)),
  versionRatio: Number((version / base).toFixed(2)),
  target: 1.5,
};
console.log(`node ${process.version}: node -e 0 ${fmt(base)} | eum --help ${fmt(help)} (${result.helpRatio}x) | eum --version ${fmt(version)} (${result.versionRatio}x) | target <= 1.5x`);
console.log(JSON.stringify(result));
process.exitCode = result.helpRatio <= 1.5 ? 0 : 1;
