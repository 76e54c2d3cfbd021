// Bundles eum: dist/eum.cjs is the command line in one file; the simulator, which only
// `eum sim` and `--sim` need, is a second file, dist/sim.cjs, loaded on first use. The AWS SDK
// and the prompt library stay external dependencies, loaded on first use only, and the JSON
// fixtures are read from fixtures/ when needed, so `eum --help` parses as little as possible.
// CommonJS, because Node starts a CommonJS bundle measurably faster than an ES module one
// (see bench/startup). Source maps (dist/*.cjs.map) are read only under --debug (bin/eum.js).
//
// What start-up keeps, measured with bench/startup and bench/one-shot (CPU, paired runs; see
// CONTRIBUTING.md, "Benchmarks"): lazy loading of the simulator, the commands and the SDK; the
// compile cache (bin/eum.js; about 30 ms of CPU on a one-shot command, 8 ms on --help); the
// top-level help rendered at build time (about 12 ms on --help); minifying (about 4 ms); two
// imports resolved differently (lazyBuiltins below, 5-9 ms). The build does not rewrite or stub
// dependencies' sources: commander's option.js and its node:process and fs imports were patched
// once, for 1-2 ms, and would break on their next release.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const simEntry = path.join(root, 'src/sim/index.ts');

/** Imports of the simulator from outside it, of fixtures and of the full zod become run-time requires. */
const lazyFiles = {
  name: 'eum-lazy-files',
  setup(b) {
    b.onResolve({ filter: /(^|\/)sim\/index\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (target !== simEntry || args.importer.startsWith(path.join(root, 'src/sim/'))) return undefined;
      return { path: './sim.cjs', external: true };
    });
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', external: true }));
    b.onResolve({ filter: /fixtures\/.*\.json$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      return { path: `../${path.relative(root, target)}`, external: true };
    });
  },
};

/**
 * Two builtins that dependencies load at start-up for features eum does not use, resolved without
 * touching their sources: commander imports `node:child_process` for executable subcommands
 * (eum has none), so it gets a proxy that loads the module on first use; chalk's colour
 * detection (`#supports-color`, which loads `node:tty` and `node:os`) is unused because eum
 * always gives `new Chalk({ level })` its level, so it takes chalk's own `default` variant
 * of that import (the one it publishes for other platforms). Together 5-9 ms of CPU on every
 * command that builds the program (bench:one-shot, paired runs).
 */
const lazyBuiltins = {
  name: 'eum-lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`) ? { path: 'child_process', namespace: 'eum-lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'eum-lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:${args.path}'))[k] });`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^#supports-color$/ }, (args) => {
      const chalkDir = path.resolve(path.dirname(args.importer), '..');
      const chalkPkg = JSON.parse(readFileSync(path.join(chalkDir, 'package.json'), 'utf8'));
      const variant = chalkPkg.imports?.['#supports-color']?.default;
      return variant ? { path: path.join(chalkDir, variant) } : undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  // Heavy libraries the commands import on first use stay installed dependencies too: bundled,
  // their code (zod alone is 800 kB) would be parsed on every start, `eum --help` included.
  // `zod/mini`, which the flags use (src/cli/options.ts), is bundled: tree-shaken, about 30 kB
  // (full `zod` stays external by the plugin above: an external 'zod' here would take its
  // subpaths too).
  external: [
    '@aws-sdk/*',
    '@smithy/*',
    '@inquirer/*',
    'yaml',
    'libphonenumber-js',
    'libphonenumber-js/*',
    'i18n-iso-countries',
    'i18n-iso-countries/*',
    '@jmespath-community/*',
  ],
  define: { __EUM_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyFiles, lazyBuiltins],
  logLevel: 'warning',
  absWorkingDir: root,
};

// The top-level help is rendered at build time, by the bundle itself (stdout a pipe, so at
// commander's default width of 80 columns), and built in: `eum --help` then prints it without
// setting up commander's program (see main.ts). A first pass builds the bundle that renders it.
const cliBuild = (help) =>
  build({
    ...common,
    define: { ...common.define, __EUM_HELP__: help === undefined ? 'undefined' : JSON.stringify(help) },
    entryPoints: ['src/cli/entry.ts'],
    outfile: 'dist/eum.cjs',
  });
await Promise.all([cliBuild(undefined), build({ ...common, entryPoints: ['src/sim/index.ts'], outfile: 'dist/sim.cjs' })]);
const rendered = spawnSync(process.execPath, [path.join(root, 'bin/eum.js'), '--help'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (rendered.status !== 0 || !rendered.stdout.startsWith('Usage: eum'))
  throw new Error(`rendering eum --help failed (exit ${rendered.status}): ${rendered.stderr}`);
await cliBuild(rendered.stdout);
