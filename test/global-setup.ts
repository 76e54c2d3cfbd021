/**
 * Before any test file: rebuild dist/ when it is missing or older than what it is built from, so
 * that the end-to-end tests (which spawn bin/eum.js) never run a stale bundle.
 * `npm test` builds first anyway; this covers `npx vitest run test/...` after an edit.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The newest modification time under `dir` (a file or a directory tree), 0 when absent. */
function newest(dir: string): number {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(dir)) latest = Math.max(latest, newest(path.join(dir, entry)));
  return latest;
}

/** The oldest of the bundle's files, 0 when one is missing. */
function bundleTime(): number {
  const times = ['dist/eum.cjs', 'dist/sim.cjs'].map((f) => newest(path.join(root, f)));
  return Math.min(...times);
}

export default function setup(): void {
  const inputs = Math.max(...['src', 'scripts/build.mjs', 'package.json'].map((p) => newest(path.join(root, p))));
  if (bundleTime() >= inputs) return;
  process.stderr.write('dist/ is older than src/: building it (node scripts/build.mjs)\n');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${r.status ?? r.signal}): the end-to-end tests need dist/`);
}
