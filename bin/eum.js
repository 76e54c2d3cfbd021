#!/usr/bin/env node
// The one exit point of eum: everything else returns an exit code.
'use strict';
// Before anything else loads: on a Node older than package.json's `engines` allows, the
// dependencies fail in obscure ways, so say so in one line (exit 2: nothing was attempted).
// Syntax that any Node since 8 parses, so that an old Node gets this far.
var version = process.versions.node.split('.').map(Number);
if (!nodeSupported(version[0], version[1], version[2])) {
  process.stderr.write(
    `eum needs Node 22.22.2 or later (or 24.15+, or 26+); this is Node ${process.versions.node}. Install a current Node LTS release (https://nodejs.org) and run eum again.\n`,
  );
  process.exitCode = 2;
} else {
  // --debug stack traces name the TypeScript sources (dist/*.cjs.map). Enabled before the bundle
  // loads, and only then: reading the maps costs start-up time.
  if (process.argv.includes('--debug') || process.env.EUM_DEBUG === '1') process.setSourceMapsEnabled(true);
  const { enableCompileCache } = require('node:module');
  if (enableCompileCache) enableCompileCache();
  const { main, processContext } = require('../dist/eum.cjs');

  // A second Ctrl-C means "stop now", even while the first one is being handled.
  const base = processContext(() => process.exit(130));
  (async () => {
    process.exitCode = await main(process.argv.slice(2), base.context);
    base.release();
  })();
}

/** package.json `engines`: ^22.22.2 || ^24.15.0 || >=26.0.0 */
function nodeSupported(major, minor, patch) {
  if (major === 22) return minor > 22 || (minor === 22 && patch >= 2);
  if (major === 24) return minor >= 15;
  return major >= 26;
}
