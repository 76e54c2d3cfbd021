/**
 * A progress bar with an ETA on stderr, for long bulk work. Drawn only when stderr is a terminal
 * and --quiet is off; otherwise every call is a no-op, so commands call it unconditionally.
 */
import type { Context } from './context.js';
import { formatSeconds } from '../core/feedback/duration.js';

export interface Progress {
  /** `done` of `total` finished; `detail` is shown after the ETA (e.g. "2 failed"). */
  update(done: number, detail?: string): void;
  /** Changes the total (work found to be unnecessary, or added). */
  setTotal(total: number): void;
  /** Clears the line. */
  stop(): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;

/**
 * `label`: what is being done. `total`: undefined when not known (a stream): a count and the rate.
 * `expectedRate`: items per second before any has finished (the ETA of the first seconds);
 * afterwards the ETA follows the measured rate.
 */
export function createProgress(
  ctx: Context,
  options: {
    label: string;
    total?: number;
    expectedRate?: number;
    /** More detail, asked for at each redraw (e.g. the rate per identity). */
    live?: () => string | undefined;
  },
): Progress {
  if (!ctx.stderrIsTTY || ctx.globals.quiet) return { update() {}, setTotal() {}, stop() {} };
  const started = Date.now();
  // Unknown (a stream): a count and the rate, no bar.
  let total = options.total;
  let done = 0;
  let detail = '';
  let lastDraw = 0;
  const style = ctx.log.style;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const secs = (now - started) / 1000;
    const extra = [detail, options.live?.()].filter(Boolean).join(' · ');
    if (total === undefined) {
      ctx.stderr.write(`\r\x1b[2K${options.label} ${done} done, ${Math.round(done / Math.max(secs, 0.001))}/s${extra ? ` · ${extra}` : ''}`);
      return;
    }
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * WIDTH);
    const rate = done > 0 ? done / Math.max(secs, 0.001) : options.expectedRate;
    const eta = done >= total ? 'done' : rate ? `ETA ${formatSeconds((total - done) / rate)}` : 'ETA ?';
    const bar = `${style.cyan('█'.repeat(filled))}${style.dim('░'.repeat(WIDTH - filled))}`;
    ctx.stderr.write(`\r\x1b[2K${options.label} ${bar} ${done}/${total} ${Math.round(fraction * 100)}% ${eta}${extra ? ` · ${extra}` : ''}`);
  };
  // The ETA moves even while nothing finishes (a slow rate, a backoff).
  const timer = setInterval(() => draw(true), 1000);
  timer.unref?.();
  draw(true);
  return {
    update(d, det) {
      done = d;
      if (det !== undefined) detail = det;
      draw(total !== undefined && done >= total);
    },
    setTotal(t) {
      total = t;
      draw(true);
    },
    stop() {
      clearInterval(timer);
      ctx.stderr.write('\r\x1b[2K');
    },
  };
}
