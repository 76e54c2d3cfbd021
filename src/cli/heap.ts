/**
 * The process's memory policy for long runs, installed by the entry (`processContext`) and
 * offered to commands as `ctx.heap`: commands ask for it, they never set V8 flags themselves.
 *
 * V8's young generation starts at a few MB and doubles each time enough objects survive a
 * scavenge, up to 128 MB (two semi-spaces of 64 MB on a 64-bit Node), all of it resident. A bulk
 * run (send-many at a million rows, feedback put at 100,000 ids) allocates enough to take it
 * there, which was about 100 MB of a 330-380 MB peak RSS while the live heap was 30-40 MB. While a
 * hold is on, the young generation grows to `YOUNG_GENERATION_MB` and no further: V8 reads
 * `--semi-space-growth-factor` each time it grows the space, so the factor goes to 1 once the space
 * has that size (`--max-semi-space-size` is read only when the heap is set up). Smaller still (it
 * starts at 2 MB) costs more CPU in scavenges than it saves. Released, growth is as before.
 * `node:v8` is loaded on the first hold: one-shot commands never pay for it.
 */

/** Where the young generation stops growing (both semi-spaces). */
export const YOUNG_GENERATION_MB = 16;
/** V8's default (`node --v8-options`). */
const DEFAULT_GROWTH_FACTOR = 2;

export interface HeapPolicy {
  /** Holds the young generation at `YOUNG_GENERATION_MB` until the returned function is called (once is enough; later calls do nothing). */
  holdYoungGeneration(): () => void;
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
    holdYoungGeneration() {
      if (holds++ === 0) {
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
        if (frozen) v8().setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
        frozen = false;
      };
    },
  };
}
