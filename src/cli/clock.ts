/** The clock: the real one here, fakes in tests. (Apart from context.ts so the entry can use it alone.) */
export interface Clock {
  now(): Date;
  /** Sleep that ends early (resolving) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The longest delay one Node timer takes (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      // A timer fires after 1 ms when asked for more than MAX_TIMER_MS (a watch --interval of
      // 30d would poll in a loop): longer sleeps are made of several timers.
      const end = Date.now() + ms;
      let timer = setTimeout(tick, Math.min(ms, MAX_TIMER_MS));
      function tick() {
        const left = end - Date.now();
        if (left > 0) timer = setTimeout(tick, Math.min(left, MAX_TIMER_MS));
        else done();
      }
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
