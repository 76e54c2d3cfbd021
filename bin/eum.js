#!/usr/bin/env node
// The one exit point of eum: everything else returns an exit code.
'use strict';
require('node:module').enableCompileCache?.();
const { main, processContext } = require('../dist/eum.cjs');

// A second Ctrl-C means "stop now", even while the first one is being handled.
const base = processContext(() => process.exit(130));
(async () => {
  process.exitCode = await main(process.argv.slice(2), base.context);
  base.release();
})();
