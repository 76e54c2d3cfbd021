/** Flag parsing shared by the protect commands (light: no heavy imports at top level). */
import type { InputProblem } from '../../errors.js';
import { CHANNELS, type Channel } from './types.js';
import { checkDuration } from '../duration.js';

export function parseChannel(raw: unknown, problems: InputProblem[], flag = '--channel'): Channel {
  const v = String(raw ?? 'sms').toLowerCase();
  if ((CHANNELS as readonly string[]).includes(v)) return v as Channel;
  problems.push({ field: flag, message: `must be one of ${CHANNELS.join(', ')}, got "${raw}"` });
  return 'sms';
}

/** A Protect configuration reference as typed: id, ARN or Name tag. */
export function parseConfigRef(raw: unknown, problems: InputProblem[], field = '<ID>'): string {
  const v = String(raw ?? '').trim();
  if (!v || v.length > 256) problems.push({ field, message: 'give a Protect configuration id (protect-...), ARN or Name tag' });
  return v;
}

export function parseConfigSetName(raw: unknown, problems: InputProblem[], field = '--config-set'): string {
  const v = String(raw ?? '');
  if (!/^[A-Za-z0-9_:/-]{1,256}$/.test(v)) problems.push({ field, message: `"${v}" is not a configuration set name or ARN (letters, digits, _ and -)` });
  return v;
}

/** `--expires 2027-01-01`, `2027-01-01T12:00:00Z` or a duration from now (the one syntax of `src/core/duration.ts`: `90m`, `12h`, `30d`, `2w`). */
export function parseExpiry(raw: unknown, nowMs: number, problems: InputProblem[], field = '--expires'): Date | undefined {
  if (raw === undefined) return undefined;
  const v = String(raw).trim();
  let t: number;
  if (/^(\d+(\.\d+)?[a-z]+)+$/i.test(v)) {
    const ms = checkDuration(v);
    if (typeof ms === 'string') {
      problems.push({ field, message: `"${v}" ${ms}` });
      return undefined;
    }
    if (ms === 0) {
      problems.push({ field, message: 'a duration must be more than 0 (e.g. 30d)' });
      return undefined;
    }
    t = nowMs + ms;
  } else {
    t = Date.parse(v);
    if (Number.isNaN(t)) {
      problems.push({ field, message: `"${v}" is neither a date (2027-01-01, 2027-01-01T12:00:00Z) nor a duration (90m, 12h, 30d, 2w)` });
      return undefined;
    }
    if (t <= nowMs) {
      problems.push({ field, message: `${new Date(t).toISOString()} is in the past; give a later date or a duration such as 30d` });
      return undefined;
    }
  }
  return new Date(Math.floor(t / 1000) * 1000);
}
