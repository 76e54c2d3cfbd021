import { describe, expect, it } from 'vitest';
import { formatSeconds, parseDuration } from '../../src/core/feedback/duration.js';
import { checkMessageId, parseFeedbackLine, parseStatus } from '../../src/core/feedback/lines.js';
import { buildReport, median, quantile, rateBar } from '../../src/core/feedback/report.js';
import { originationKey } from '../../src/core/feedback/origination.js';
import { Outcome, type LedgerSnapshot } from '../../src/core/feedback/snapshot.js';
import { createTokenBucket } from '../../src/core/rate.js';

describe('durations', () => {
  it('parses units and combinations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('2W')).toBe(14 * 86_400_000);
    expect(parseDuration('0.5h')).toBe(1_800_000);
    for (const bad of ['', '1', 'h', '1 hour', '-1h', '1y']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('formats seconds briefly', () => {
    expect(formatSeconds(42)).toBe('42s');
    expect(formatSeconds(185)).toBe('3m 5s');
    expect(formatSeconds(7800)).toBe('2h 10m');
    expect(formatSeconds(3 * 86400 + 4 * 3600)).toBe('3d 4h');
    expect(formatSeconds(null)).toBe('-');
  });
});

describe('feedback lines', () => {
  it('statuses are case-insensitive', () => {
    expect(parseStatus('received')).toBe('RECEIVED');
    expect(parseStatus(' Failed ')).toBe('FAILED');
    expect(parseStatus('delivered')).toBeUndefined();
  });

  it('message ids follow the API pattern', () => {
    expect(checkMessageId('0f9a7c1e-2b6d-4a8e-9c3f-5d1e8b7a6c20')).toBeUndefined();
    expect(checkMessageId('has space')).toMatch(/not a message id/);
    expect(checkMessageId('x'.repeat(65))).toMatch(/65 characters/);
  });

  it('id lines take --status; id,status lines carry their own', () => {
    expect(parseFeedbackLine('abc', 2, 'RECEIVED')).toEqual({ kind: 'item', messageId: 'abc', status: 'RECEIVED' });
    expect(parseFeedbackLine('abc,failed', 2, 'RECEIVED')).toEqual({ kind: 'item', messageId: 'abc', status: 'FAILED' });
    expect(parseFeedbackLine(' "abc" , "received" \r', 2, undefined)).toEqual({ kind: 'item', messageId: 'abc', status: 'RECEIVED' });
    expect(parseFeedbackLine('abc', 2, undefined)).toMatchObject({ kind: 'error', message: expect.stringContaining('--status') });
    expect(parseFeedbackLine('abc,maybe', 2, undefined)).toMatchObject({ kind: 'error', message: expect.stringContaining('unknown status "maybe"') });
    expect(parseFeedbackLine('a,b,c', 2, undefined)).toMatchObject({ kind: 'error' });
    expect(parseFeedbackLine('bad id!', 2, 'FAILED')).toMatchObject({ kind: 'error' });
  });

  it('a header on line 1, blank lines and comments are skipped', () => {
    expect(parseFeedbackLine('\uFEFFmessage_id,status', 1, undefined)).toEqual({ kind: 'skip' });
    expect(parseFeedbackLine('MessageId', 1, 'RECEIVED')).toEqual({ kind: 'skip' });
    expect(parseFeedbackLine('id', 1, 'RECEIVED')).toEqual({ kind: 'skip' });
    expect(parseFeedbackLine('id', 2, 'RECEIVED')).toEqual({ kind: 'item', messageId: 'id', status: 'RECEIVED' });
    expect(parseFeedbackLine('   ', 3, undefined)).toEqual({ kind: 'skip' });
    expect(parseFeedbackLine('# note', 3, undefined)).toEqual({ kind: 'skip' });
  });
});

describe('token bucket', () => {
  it('lets a burst through, then spaces takers at the rate', () => {
    const b = createTokenBucket(10, 2);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(100);
    expect(b.take(0)).toBe(200);
    // A second later the debt is paid and one token saved.
    expect(b.take(1000)).toBe(0);
  });

  it('holds a long run to the rate', () => {
    const b = createTokenBucket(100);
    let t = 0;
    for (let i = 0; i < 1000; i++) t += b.take(t);
    expect(t).toBeGreaterThanOrEqual(9800);
    expect(t).toBeLessThanOrEqual(10_000);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createTokenBucket(0)).toThrow(RangeError);
  });
});

function snapshot(rows: Array<{ sent: number; fb?: boolean; outcome?: number; at?: number; group: number }>, names: string[]): LedgerSnapshot {
  return {
    count: rows.length,
    sentMs: Float64Array.from(rows.map((r) => r.sent)),
    feedback: Uint8Array.from(rows.map((r) => (r.fb === false ? 0 : 1))),
    outcome: Uint8Array.from(rows.map((r) => r.outcome ?? 0)),
    outcomeMs: Float64Array.from(rows.map((r) => r.at ?? 0)),
    outcomeSource: new Uint8Array(rows.length),
    group: Int32Array.from(rows.map((r) => r.group)),
    groupNames: names,
    damaged: new Uint8Array(rows.length),
    damagedLines: 0,
    damagedLineNumbers: [],
    duplicateLines: 0,
    position: 0,
  };
}

describe('report', () => {
  it('nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(
      quantile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        0.9,
      ),
    ).toBe(9);
  });

  it('the median of an even count is the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([0.93, 8.73])).toBeCloseTo(4.83);
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('one key per origination identity: an ARN and its ID are one group', () => {
    expect(originationKey('arn:aws:sms-voice:us-east-1:111122223333:pool/pool-abc')).toBe('pool-abc');
    expect(originationKey('arn:aws:sms-voice:eu-west-2:111122223333:phone-number/phone-123')).toBe('phone-123');
    expect(originationKey('arn:aws:sms-voice:eu-west-2:111122223333:sender-id/MyBrand/GB')).toBe('MyBrand');
    expect(originationKey(' pool-abc ')).toBe('pool-abc');
    expect(originationKey('+12065550100')).toBe('+12065550100');
  });

  it('counts per group, conversion, and time to RECEIVED', () => {
    const snap = snapshot(
      [
        { sent: 1000, outcome: Outcome.Received, at: 11_000, group: 0 },
        { sent: 1000, outcome: Outcome.Received, at: 31_000, group: 0 },
        { sent: 1000, outcome: Outcome.Failed, at: 3_601_000, group: 0 },
        { sent: 1000, group: 0 },
        { sent: 1000, outcome: Outcome.Abandoned, at: 9_000, group: 1 },
        { sent: 1000, fb: false, group: 1 },
        { sent: 10, outcome: Outcome.Received, at: 20, group: 1 },
      ],
      ['US', 'GB'],
    );
    const r = buildReport(snap, 'country', 500);
    expect(r.groups).toEqual([
      {
        key: 'US',
        sent: 4,
        received: 2,
        failed: 1,
        setAside: 0,
        pending: 1,
        conversionRate: 0.5,
        decidedConversionRate: 0.6667,
        medianSecondsToReceived: 20,
        p90SecondsToReceived: 30,
      },
      // Set aside by expire (the API refused it for good): its own column, not FAILED.
      {
        key: 'GB',
        sent: 1,
        received: 0,
        failed: 0,
        setAside: 1,
        pending: 0,
        conversionRate: 0,
        decidedConversionRate: null,
        medianSecondsToReceived: null,
        p90SecondsToReceived: null,
      },
    ]);
    expect(r.total).toMatchObject({
      key: 'total',
      sent: 5,
      received: 2,
      failed: 1,
      setAside: 1,
      pending: 1,
      conversionRate: 0.4,
      decidedConversionRate: 0.6667,
    });
    expect(r.timeZone).toBe('UTC');
    expect(r.since).toBe(new Date(500).toISOString());
  });

  it('bars', () => {
    expect(rateBar(0.5, 10)).toBe('█████░░░░░');
    expect(rateBar(null, 10)).toBe('');
  });
});
