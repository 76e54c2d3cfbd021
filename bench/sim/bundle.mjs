// Bundles src/sim (TypeScript) into one ES module so plain Node can run it: for the benches and
// for tests that need the simulator in a child process. Takes ~100 ms with esbuild.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes the bundle and returns its path (in `outDir`, or a new temp directory). */
export async function bundleSim(outDir = mkdtempSync(path.join(os.tmpdir(), 'eum-sim-'))) {
  const outfile = path.join(outDir, 'sim.mjs');
  await build({
    entryPoints: [path.join(root, 'src', 'sim', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    // libphonenumber-js and friends are CommonJS inside; give the bundle a require().
    banner: { js: "import { createRequire as __eumCreateRequire } from 'node:module'; const require = __eumCreateRequire(import.meta.url);" },
  });
  return outfile;
}
