/**
 * V8's young generation during a long bulk run. It starts at a few MB and doubles each time
 * enough objects survive a scavenge, up to 128 MB (two semi-spaces of 64 MB on a 64-bit Node),
 * all of it resident: a send-many run of a million rows allocates enough to take it there, which
 * was about 100 MB of its 330-380 MB peak RSS. While a hold is on, the young generation grows to
 * `YOUNG_GENERATION_MB` and no further: V8 reads `--semi-space-growth-factor` each time it grows
 * the space, so the factor goes to 1 once the space has that size. Smaller still (it starts at
 * 2 MB) costs more CPU in scavenges than it saves. Released, growth is as before.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Where the young generation stops growing (both semi-spaces). */
export const YOUNG_GENERATION_MB = 16;
/** V8's default (`node --v8-options`). */
const DEFAULT_GROWTH_FACTOR = 2;
let holds = 0;
let timer: NodeJS.Timeout | undefined;
let frozen = false;

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/** Holds the young generation at `YOUNG_GENERATION_MB` until the returned function is called (once is enough; later calls do nothing). */
export function holdYoungGeneration(): () => void {
  if (holds++ === 0) {
    const check = () => {
      if (youngGenerationBytes() < YOUNG_GENERATION_MB * 1024 * 1024) return;
      setFlagsFromString('--semi-space-growth-factor=1');
      frozen = true;
      clearInterval(timer);
      timer = undefined;
    };
    timer = setInterval(check, 100);
    timer.unref();
    check();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds > 0) return;
    clearInterval(timer);
    timer = undefined;
    if (frozen) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    frozen = false;
  };
}
