/**
 * Time in the simulator: a base clock (real time unless a test injects another) plus the offset
 * that `POST /_eum/clock` advances. The offset is kept in the state (clockOffsetMs), so it survives
 * restarts and is shared by every process using the same state file.
 */
import type { SimState } from './state.js';

/** The base time source, in epoch milliseconds. */
export interface SimClock {
  now(): number;
}

export const systemClock: SimClock = { now: () => Date.now() };

/** A clock for tests: starts at `start` and moves only when told. */
export function manualClock(start: Date | number = Date.now()): SimClock & { set(t: Date | number): void; advance(ms: number): void } {
  let t = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === 'number' ? v : v.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The simulated time for a state: base time plus the state's offset. */
export function simNow(clock: SimClock, s: SimState): number {
  return clock.now() + (s.clockOffsetMs ?? 0);
}
