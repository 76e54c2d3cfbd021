/** Durations as users write them: `90s`, `30m`, `1h`, `7d`, `2w`, or combined (`1h30m`). */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The longest duration accepted: 100 years (dates beyond it cannot be written). */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

/** Parses a duration into milliseconds; undefined when it is not one (or longer than 100 years). */
export function parseDuration(raw: string): number | undefined {
  const checked = checkDuration(raw);
  return typeof checked === 'number' ? checked : undefined;
}

/** A duration in milliseconds, or why it is refused ("is not a duration: ..."). */
export function checkDuration(raw: string): number | string {
  const text = raw.trim().toLowerCase();
  // Bounded before the pattern runs: a duration is short.
  if (text.length > 40 || !/^(\d+(\.\d+)?[smhdw])+$/.test(text)) return `is not a duration: ${DURATION_HINT}`;
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) ms += Number(m[1]) * UNIT_MS[m[2]];
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS) return 'is too long: at most 100 years (36500d)';
  return Math.round(ms);
}

export const DURATION_HINT = 'a number and a unit: s, m, h, d or w (e.g. 90s, 30m, 1h, 7d, 1h30m)';

/** A short human rendering of seconds: `42s`, `3m 5s`, `2h 10m`, `3d 4h`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
