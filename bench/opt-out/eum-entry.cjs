// bin/eum.js without its Node version check, so the benchmark also runs on a machine whose Node
// is older than `engines` (the project's own machines have Node 20, where the bundle runs).
'use strict';
require('node:module').enableCompileCache?.();
const { main, processContext } = require('../../dist/eum.cjs');
const base = processContext(() => process.exit(130));
(async () => {
  process.exitCode = await main(process.argv.slice(2), base.context);
  base.release();
})();
