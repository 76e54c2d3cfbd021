/**
 * Durations as users write them, one syntax for every flag that takes one (`feedback pending
 * --older-than`, `feedback report --since`, `registration watch --interval/--timeout`, `protect
 * override add --expires`): a number and a unit, `250ms`, `90s`, `30m` (or `30min`), `1h`, `7d`,
 * `2w`, or several (`1h30m`). A bare number is refused: seconds or minutes would be a guess.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The longest duration accepted: 100 years (dates beyond it cannot be written). */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

export const DURATION_HINT = 'a number and a unit: ms, s, m, h, d or w (e.g. 90s, 30m, 1h, 7d, 1h30m)';

/** A duration in milliseconds, or why it is refused ("is not a duration: ..."). */
export function checkDuration(raw: string): number | string {
  const text = raw.trim().toLowerCase();
  // Bounded before the pattern runs: a duration is short.
  if (text.length > 40 || !/^(\d+(\.\d+)?(ms|min|s|m|h|d|w))+$/.test(text)) return `is not a duration: ${DURATION_HINT}`;
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|min|s|m|h|d|w)/g)) ms += Number(m[1]) * UNIT_MS[m[2]];
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS) return 'is too long: at most 100 years (36500d)';
  return Math.round(ms);
}

/** Parses a duration into milliseconds; undefined when it is not one (or longer than 100 years). */
export function parseDuration(raw: string): number | undefined {
  const checked = checkDuration(raw);
  return typeof checked === 'number' ? checked : undefined;
}
