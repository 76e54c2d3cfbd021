/** One duration syntax for every flag that takes a duration. */
import { describe, expect, it } from 'vitest';
import { checkDuration, parseDuration } from '../../src/core/duration.js';
import { parseExpiry } from '../../src/core/protect/parse.js';
import { parseRegistrationWatchOptions } from '../../src/commands/registration/watch.js';
import { parseDuration as feedbackParseDuration } from '../../src/core/feedback/duration.js';

describe('parseDuration', () => {
  it('a number and a unit, or several', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('30min')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2W')).toBe(14 * 86_400_000);
    expect(parseDuration('0.5h')).toBe(1_800_000);
  });

  it('refuses bare numbers, unknown units, and what is too long, saying why', () => {
    for (const bad of ['', '90', 'h', '1 hour', '-1h', '1y', `${'1'.repeat(50)}s`]) expect(parseDuration(bad), bad).toBeUndefined();
    expect(checkDuration('90')).toMatch(/^is not a duration: a number and a unit/);
    expect(checkDuration('36501d')).toMatch(/too long/);
  });

  it('is the one parser: feedback, registration watch and protect --expires all use it', () => {
    expect(feedbackParseDuration).toBe(parseDuration);
    expect(parseRegistrationWatchOptions(['registration-1'], { interval: '1m30s', timeout: '2h' })).toMatchObject({ intervalMs: 90_000, timeoutMs: 7_200_000 });
    expect(() => parseRegistrationWatchOptions(['registration-1'], { interval: '90' })).toThrow(
      /--interval: must be a duration of at least 10ms, a number and a unit/,
    );
    const problems: Array<{ field: string; message: string }> = [];
    const now = Date.UTC(2026, 0, 1);
    expect(parseExpiry('1h30m', now, problems)?.getTime()).toBe(now + 5_400_000);
    expect(parseExpiry('2027-01-01T12:00:00Z', now, problems)?.toISOString()).toBe('2027-01-01T12:00:00.000Z');
    expect(problems).toEqual([]);
    expect(parseExpiry('0d', now, problems)).toBeUndefined();
    expect(parseExpiry('3x', now, problems)).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([
      'a duration must be more than 0 (e.g. 30d)',
      '"3x" is not a duration: a number and a unit: ms, s, m, h, d or w (e.g. 90s, 30m, 1h, 7d, 1h30m)',
    ]);
  });
});
