/** The system clock's sleep: longer than one Node timer can wait, and ended by its signal. */
import { expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';

it('a sleep longer than a timer can take still waits (a 30-day --interval is not a busy loop)', async () => {
  const controller = new AbortController();
  let ended = false;
  const sleeping = systemClock.sleep(30 * 86_400_000, controller.signal).then(() => {
    ended = true;
  });
  // A timer asked for more than 2^31-1 ms would have fired after 1 ms.
  await new Promise((r) => setTimeout(r, 20));
  expect(ended).toBe(false);
  controller.abort();
  await sleeping;
  expect(ended).toBe(true);
});
