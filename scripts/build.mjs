// Bundles eum: dist/eum.cjs is the command line in one file; the simulator, which only
// `eum sim` and `--sim` need, is a second file, dist/sim.cjs, loaded on first use. The AWS SDK
// and the prompt library stay external dependencies, loaded on first use only, and the JSON
// fixtures are read from fixtures/ when needed, so `eum --help` parses as little as possible.
// CommonJS, because Node starts a CommonJS bundle measurably faster than an ES module one
// (see bench/startup).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const simEntry = path.join(root, 'src/sim/index.ts');

/** Imports of the simulator from outside it, and of fixtures, become run-time requires. */
const lazyFiles = {
  name: 'eum-lazy-files',
  setup(b) {
    b.onResolve({ filter: /(^|\/)sim\/index\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (target !== simEntry || args.importer.startsWith(path.join(root, 'src/sim/'))) return undefined;
      return { path: './sim.cjs', external: true };
    });
    // commander needs child_process and fs only for executable subcommands, which eum has none
    // of. Stand-ins load them on first use, so start-up skips child_process, net, dgram, and the
    // fs/promises, streams and readline modules that copying fs's properties would pull in.
    b.onResolve({ filter: /^node:(child_process|fs)$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`) ? { path: args.path, namespace: 'eum-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'eum-lazy' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get: (_t, key) => require(${JSON.stringify(args.path)})[key] });`,
      loader: 'js',
    }));
    // chalk detects the terminal's colours when it loads, for its default instance, and that
    // loads node:tty (and with it net and streams). eum never uses that instance: every Chalk is
    // built with the level eum decided (colorAllowed), so the detection is replaced by "none".
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}chalk${path.sep}`) ? { path: 'supports-color', namespace: 'eum-no-color-detection' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'eum-no-color-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
    // commander's Option tests every option's flags against a Unicode-property regular expression
    // (is it variadic, `<name...>`?), and compiling \p{ID_Continue} costs most of a millisecond at
    // start-up. Only flags containing "..." can match, so the expression runs for those alone.
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]option\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const variadic = 'this.variadic = /\\p{ID_Continue}\\.\\.\\.[>\\]]$/u.test(flags);';
      if (!source.includes(variadic)) throw new Error(`commander's option.js changed: review the variadic test in ${args.path}`);
      return { contents: source.replace(variadic, `this.variadic = flags.includes('...') && /\\p{ID_Continue}\\.\\.\\.[>\\]]$/u.test(flags);`), loader: 'js' };
    });
    // commander's `import process from 'node:process'` would be bundled as a copy of every
    // property of process (getters, over a hundred); the global process is the same object.
    b.onResolve({ filter: /^node:process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`) ? { path: 'process', namespace: 'eum-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'eum-process' }, () => ({ contents: 'export default process;', loader: 'js' }));
    b.onResolve({ filter: /fixtures\/.*\.json$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      return { path: `../${path.relative(root, target)}`, external: true };
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
  // Heavy libraries the commands import on first use stay installed dependencies too: bundled,
  // their code (zod alone is 800 kB) would be parsed on every start, `eum --help` included.
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*', 'zod', 'zod/*', 'yaml', 'libphonenumber-js', 'libphonenumber-js/*', 'i18n-iso-countries', 'i18n-iso-countries/*', '@jmespath-community/*'],
  define: { __EUM_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyFiles],
  logLevel: 'warning',
  absWorkingDir: root,
};

// The top-level help is rendered at build time, by the bundle itself (stdout a pipe, so at
// commander's default width of 80 columns), and built in: `eum --help` then prints it without
// setting up commander's program (see main.ts). A first pass builds the bundle that renders it.
const cliBuild = (help) => build({ ...common, define: { ...common.define, __EUM_HELP__: help === undefined ? 'undefined' : JSON.stringify(help) }, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/eum.cjs' });
await Promise.all([cliBuild(undefined), build({ ...common, entryPoints: ['src/sim/index.ts'], outfile: 'dist/sim.cjs' })]);
const rendered = spawnSync(process.execPath, [path.join(root, 'bin/eum.js'), '--help'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (rendered.status !== 0 || !rendered.stdout.startsWith('Usage: eum')) throw new Error(`rendering eum --help failed (exit ${rendered.status}): ${rendered.stderr}`);
await cliBuild(rendered.stdout);
