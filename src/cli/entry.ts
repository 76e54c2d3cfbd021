/** The bundle's entry: `main` and the real process's base context. */
import type { BaseContext } from './context.js';
import { systemClock } from './clock.js';
import { processHeapPolicy } from './heap.js';

export { main } from './main.js';

/**
 * The base context of the real process. The first Ctrl-C (or SIGTERM) aborts the signal so that
 * commands stop new work and report what they did; a second one stops the waiting for requests in
 * flight (the summary so far is printed) and ends the process within a second whatever holds on.
 */
export function processContext(forceExit: () => void): { context: BaseContext; release: () => void } {
  const controller = new AbortController();
  const hard = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals > 1) {
      // Commands stop waiting and print their summary so far; whatever still holds on, we leave.
      hard.abort();
      setTimeout(forceExit, 1000).unref();
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `eum ... | head` closes stdout early: stop writing quietly instead of crashing.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') controller.abort();
  });
  const context: BaseContext = {
    stdout: process.stdout,
    // process.stderr and process.stdin are built on first access (tty/net set-up when they are
    // terminals or pipes): `eum --help` and `--version`, which write neither, don't pay.
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    clock: systemClock,
    signal: controller.signal,
    hardSignal: hard.signal,
    cwd: process.cwd(),
    heap: processHeapPolicy(),
  };
  return {
    context,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
