/** Durations: the one parser is `src/core/duration.ts`; re-exported for the feedback commands. */
export { DURATION_HINT, parseDuration } from '../duration.js';

/** A short human rendering of seconds: `42s`, `3m 5s`, `2h 10m`, `3d 4h`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
