// Bundles eum into one file, dist/eum.cjs. The AWS SDK and the prompt library stay external
// dependencies, loaded on first use only, so `eum --help` never loads them. CommonJS, because
// Node starts a CommonJS bundle measurably faster than an ES module one (see bench/startup).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/eum.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*', 'libphonenumber-js'],
  define: { __EUM_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
