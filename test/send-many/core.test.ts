import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvError, CsvReader } from '../../src/core/send-many/csv.js';
import { checkRow, parseTemplate, readHeader, renderTemplate } from '../../src/core/send-many/rows.js';
import { defaultMps, OriginatorPicker, type Originator } from '../../src/core/send-many/pacing.js';
import { shareByRate, formatSeconds } from '../../src/core/send-many/plan.js';
import { NumberSet } from '../../src/core/send-many/number-set.js';

function parse(text: string, chunk = text.length) {
  const r = new CsvReader();
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out.map((x) => [x.line, ...x.fields]);
}

describe('CSV', () => {
  it('quotes, doubled quotes, CRLF, a quoted newline, blank lines; the same in any chunking', () => {
    const text = 'phone,name\r\n+1,"Bo, ""Jr."""\r\n\n+2,"two\nlines"\n+3,\n+4,last';
    const expected = [
      [1, 'phone', 'name'],
      [2, '+1', 'Bo, "Jr."'],
      [4, '+2', 'two\nlines'],
      [6, '+3', ''],
      [7, '+4', 'last'],
    ];
    expect(parse(text)).toEqual(expected);
    expect(parse(text, 1)).toEqual(expected);
    expect(parse(text, 3)).toEqual(expected);
  });

  it('bounds and broken quoting are errors with the line', () => {
    expect(() => parse('a,b\n"open')).toThrow(CsvError);
    expect(() => parse('a\nx"y\n')).toThrow(/quote inside an unquoted field/);
    expect(() => parse('a\n"x"y\n')).toThrow(/after a closing quote/);
    expect(() => new CsvReader({ maxFieldChars: 5, maxColumns: 3 }).push('123456')).toThrow(/longer than 5/);
    expect(() => new CsvReader({ maxFieldChars: 5, maxColumns: 3 }).push('a,b,c,d\n')).toThrow(/more than 3 columns/);
  });
});

describe('header, template, rows', () => {
  it('the phone column, context.* columns, a BOM; problems named', () => {
    const h = readHeader(['\uFEFFphone', 'name', 'from', 'ttl', 'context.campaign'], 'phone');
    expect(h.columns).toMatchObject({ to: 0, from: 2, ttl: 3, context: [['campaign', 4]] });
    expect(readHeader(['a', 'a'], 'a').problems).toEqual(['the header names column "a" twice']);
  });

  it('placeholders filled per row; a missing column is named', () => {
    const header = ['phone', 'name', 'time'];
    const t = parseTemplate('Hi {{name}}, see you at {{ time }}.', header);
    expect(t.problems).toEqual([]);
    expect(renderTemplate(t.template, ['+1', 'Ana', '10:00'])).toBe('Hi Ana, see you at 10:00.');
    expect(parseTemplate('{{nope}}', header).problems[0]).toMatch(/\{\{nope\}\}: no such column/);
  });

  it('a row: number checked for its country, parts of the rendered body, ttl and context', () => {
    const columns = readHeader(['phone', 'name', 'ttl', 'context.id'], 'phone').columns!;
    const t = parseTemplate('Hi {{name}}', columns.header).template;
    const ok = checkRow(1, 2, ['+447400123456', 'Zoë', '600', 'a1'], columns, t, {});
    expect(ok).toMatchObject({ to: '+447400123456', isoCountryCode: 'GB', parts: 1, ttl: 600, context: { id: 'a1' }, problems: [] });
    const long = checkRow(2, 3, ['+12065550100', 'x'.repeat(400), '4', ''], columns, t, { maxParts: 2 });
    expect(long.problems.map((p) => p.field)).toEqual(['row 2 (line 3) body', 'row 2 (line 3) ttl']);
  });
});

describe('pacing', () => {
  it('defaults agree with data/service-facts/numbers.json', () => {
    const facts = JSON.parse(readFileSync('data/service-facts/numbers.json', 'utf8')).throughput_mps;
    expect(defaultMps('phone-number', 'SHORT_CODE', 'US')).toBe(facts.SHORT_CODE.find((r: { geo: string }) => r.geo === 'US').sms_mps);
    expect(defaultMps('phone-number', 'TOLL_FREE', 'US')).toBe(facts.TOLL_FREE[0].sms_mps);
    expect(defaultMps('phone-number', 'LONG_CODE', 'CA')).toBe(facts.LONG_CODE.find((r: { geo: string }) => r.geo === 'CA').sms_mps);
    expect(defaultMps('phone-number', 'LONG_CODE', 'GB')).toBe(facts.LONG_CODE.find((r: { geo: string }) => r.geo.startsWith('all other')).sms_mps);
    expect(defaultMps('sender-id', undefined, 'DE')).toBe(facts.SENDER_ID[0].sms_mps);
    expect(defaultMps('shared-route', undefined, 'DE')).toBe(facts.SHARED_ROUTES[0].sms_mps);
  });

  it('rows go to the identity with the least work for its rate, among those that reach the country', () => {
    const o = (label: string, mps: number, iso = 'US'): Originator => ({
      label,
      identity: label,
      kind: 'phone-number',
      isoCountryCode: iso,
      mps,
      mpsSource: 'default',
    });
    const picker = new OriginatorPicker([o('a', 3), o('b', 6), o('gb', 10, 'GB')]);
    const picks = Array.from({ length: 9 }, () => picker.pick('US', 1)!.label);
    expect(picks.filter((x) => x === 'a')).toHaveLength(3);
    expect(picks.filter((x) => x === 'b')).toHaveLength(6);
    expect(picker.pick('FR', 1)).toBeUndefined();
    expect(picker.seconds()).toBe(1);
    expect(
      shareByRate(10, [
        { label: 'a', mps: 3 },
        { label: 'b', mps: 3 },
      ]),
    ).toEqual([
      { label: 'a', recipients: 5 },
      { label: 'b', recipients: 5 },
    ]);
    expect(formatSeconds(3725)).toBe('1 h 2 min');
  });
});

describe('NumberSet', () => {
  it('holds E.164 numbers as numbers: add says whether it was new, has, size and every number back, across growth', () => {
    const set = new NumberSet(4);
    const keys: number[] = [];
    for (let i = 0; i < 5000; i++) keys.push(Number(`49151${String(10_000_000 + i * 7919).slice(-8)}`), 12065550100 + i, 999999999999999 - i);
    for (const k of keys) expect(set.add(k)).toBe(true);
    for (const k of keys) expect(set.add(k)).toBe(false);
    expect(set.size).toBe(keys.length);
    for (const k of keys) expect(set.has(k)).toBe(true);
    expect(set.has(12065550099)).toBe(false);
    expect(set.has(Number.NaN)).toBe(false);
    expect([...set].sort((a, b) => a - b)).toEqual([...keys].sort((a, b) => a - b));
    expect(() => set.add(0)).toThrow(RangeError);
  });
});

describe('journal rows (resume state, compact)', () => {
  it('keeps the last status of each row with its id, originator, parts and error, as they were written', async () => {
    const { JournalRows } = await import('../../src/runtime/send-many/journal.js');
    const rows = new JournalRows();
    const uuid = '646c2edc-8750-479f-8a15-422687aadad1';
    rows.set(1, { s: 'inflight', o: '+18335550100' });
    rows.set(1, { s: 'sent', id: uuid, o: '+18335550100', p: 2 });
    rows.set(2, { s: 'sent', id: 'not-a-uuid-ID', o: 'BRAND', p: 1 });
    rows.set(3, { s: 'unknown', o: '+18335550100', e: 'InternalServerException' });
    rows.set(4096, { s: 'failed', e: 'ValidationException', p: 300 });
    // A nil UUID is an id too, not "no id".
    rows.set(5, { s: 'sent', id: '00000000-0000-0000-0000-000000000000' });
    // A damaged row number costs a page, not a table the size of the number.
    rows.set(2 ** 40, { s: 'inflight' });
    rows.set(-1, { s: 'sent' });
    rows.set(1.5, { s: 'sent' });
    expect(rows.get(1)).toEqual({ s: 'sent', id: uuid, o: '+18335550100', p: 2 });
    expect(rows.get(2)).toEqual({ s: 'sent', id: 'not-a-uuid-ID', o: 'BRAND', p: 1 });
    expect(rows.get(3)).toEqual({ s: 'unknown', o: '+18335550100', e: 'InternalServerException' });
    // Parts past a byte are not kept (the row's own count is used then).
    expect(rows.get(4096)).toEqual({ s: 'failed', e: 'ValidationException' });
    expect(rows.get(5)).toEqual({ s: 'sent', id: '00000000-0000-0000-0000-000000000000' });
    expect(rows.get(2 ** 40)).toEqual({ s: 'inflight' });
    expect(rows.get(6)).toBeUndefined();
    expect(rows.get(-1)).toBeUndefined();
    expect(rows.statusOf(3)).toBe('unknown');
    expect(rows.size).toBe(6);
    expect([...rows.statuses()].sort()).toEqual(['failed', 'inflight', 'sent', 'sent', 'sent', 'unknown']);
    // A later line replaces every field: an error or id from before does not stay.
    rows.set(3, { s: 'sent', id: uuid });
    expect(rows.get(3)).toEqual({ s: 'sent', id: uuid });
    expect(rows.size).toBe(6);
  });
});
