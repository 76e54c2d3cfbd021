/**
 * The process's memory policy for long runs, installed by the entry (`processContext`) and
 * offered to commands as `ctx.heap`: commands ask for it, they never set V8 flags themselves.
 *
 * Two parts of V8's heap grow far past what a bulk run keeps alive (send-many at a million rows,
 * feedback put at 100,000 ids: a live heap of 30-40 MB):
 * - The young generation starts at a few MB and doubles each time enough objects survive a
 *   scavenge, up to 128 MB (two semi-spaces of 64 MB on a 64-bit Node), all of it resident. While
 *   a hold is on, it grows to `YOUNG_GENERATION_MB` and no further: V8 reads
 *   `--semi-space-growth-factor` each time it grows the space, so the factor goes to 1 once the
 *   space has that size (`--max-semi-space-size` is read only when the heap is set up). Smaller
 *   still (it starts at 2 MB) costs more CPU in scavenges than it saves.
 * - The old generation is collected when it reaches its limit, which V8 sets after each full
 *   collection at the live size times a factor of up to 4 (measured: 50-120 MB of old space for
 *   30 MB alive, and peak RSS 203-219 MB at a million rows). While a hold is on, the factor is 1.5
 *   (`--heap-growing-percent`, read each time the limit is set): old space stays near 50 MB, peak
 *   RSS 136 MB at 300,000 rows, and the rate did not drop (1,182 messages/s against 1,065).
 * Released, both are V8's defaults again.
 * `node:v8` is loaded on the first hold: one-shot commands never pay for it.
 */

/** Where the young generation stops growing (both semi-spaces). */
export const YOUNG_GENERATION_MB = 16;
/** How much the old generation may grow past its live size before the next full collection, in percent. */
export const OLD_GENERATION_GROWING_PERCENT = 50;
/** V8's defaults (`node --v8-options`): 0 lets V8 choose the old generation's factor. */
const DEFAULT_GROWTH_FACTOR = 2;
const DEFAULT_GROWING_PERCENT = 0;

export interface HeapPolicy {
  /**
   * Holds the young generation at `YOUNG_GENERATION_MB` and the old generation's growth at
   * `OLD_GENERATION_GROWING_PERCENT` until the returned function is called (once is enough;
   * later calls do nothing).
   */
  hold(): () => void;
}

/** The policy of this process: one per process, made by the entry. */
export function processHeapPolicy(): HeapPolicy {
  let holds = 0;
  let timer: NodeJS.Timeout | undefined;
  let frozen = false;
  const v8 = () => process.getBuiltinModule('node:v8');
  const youngGenerationBytes = () =>
    v8()
      .getHeapSpaceStatistics()
      .find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  const stopWatching = () => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    hold() {
      if (holds++ === 0) {
        v8().setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`);
        const check = () => {
          if (youngGenerationBytes() < YOUNG_GENERATION_MB * 1024 * 1024) return;
          v8().setFlagsFromString('--semi-space-growth-factor=1');
          frozen = true;
          stopWatching();
        };
        timer = setInterval(check, 10);
        timer.unref();
        check();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holds > 0) return;
        stopWatching();
        v8().setFlagsFromString(`--heap-growing-percent=${DEFAULT_GROWING_PERCENT}`);
        if (frozen) v8().setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
        frozen = false;
      };
    },
  };
}
