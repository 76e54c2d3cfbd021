import { describe, expect, it } from 'vitest';
import { analyzeBody, fitsOneGsmPart, gsmSeptets } from '../../src/core/sms/encoding.js';
import { checkBody, checkMaxPrice, parseContext, parseCountryParams, parseTtl } from '../../src/core/sms/checks.js';
import { checkDestination } from '../../src/core/sms/phone.js';

describe('analyzeBody', () => {
  it('fitsOneGsmPart says one GSM-7 part only where analyzeBody does', () => {
    const bodies = ['Hallo n1', 'a'.repeat(160), 'a'.repeat(161), 'Grüße', 'price €5', 'x{y}', 'tab\there', 'line\nbreak', 'a`b', 'emoji 😀', '', ' '];
    for (let c = 0; c < 256; c++) bodies.push(`c${String.fromCharCode(c)}`);
    for (const b of bodies) {
      const info = analyzeBody(b);
      if (fitsOneGsmPart(b)) expect({ b, info }).toMatchObject({ b, info: { encoding: 'GSM-7', parts: 1 } });
    }
    expect(fitsOneGsmPart('Hallo n1')).toBe(true);
    expect(fitsOneGsmPart('price €5')).toBe(false);
  });

  it('plain text is GSM-7, one part up to 160 characters', () => {
    expect(analyzeBody('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', parts: 1, units: 160, remainingInPart: 0 });
    expect(analyzeBody('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', parts: 2 });
    expect(analyzeBody('a'.repeat(306))).toMatchObject({ parts: 2 });
    expect(analyzeBody('a'.repeat(307))).toMatchObject({ parts: 3 });
  });

  it('extension characters take two septets and are not split across parts', () => {
    expect(gsmSeptets('€')).toBe(2);
    expect(gsmSeptets('{')).toBe(2);
    expect(analyzeBody('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(analyzeBody('€'.repeat(81))).toMatchObject({ parts: 2 });
    // 152 septets then an escape pair: the pair moves to part 2.
    expect(analyzeBody('a'.repeat(152) + '€' + 'a'.repeat(10))).toMatchObject({ parts: 2, remainingInPart: 153 - 12 });
  });

  it('curly quotes force UCS-2 and are named', () => {
    const info = analyzeBody('Your code is “123456”. Don’t share it.');
    expect(info.encoding).toBe('UCS-2');
    expect(info.ucs2Characters).toEqual(['“', '”', '’']);
    expect(analyzeBody('é à ü Ä ñ £ ¥ ß').encoding).toBe('GSM-7');
  });

  it('UCS-2 is 70 units in one part, 67 per part after, never splitting an emoji', () => {
    expect(analyzeBody('ж'.repeat(70))).toMatchObject({ encoding: 'UCS-2', parts: 1 });
    expect(analyzeBody('ж'.repeat(71))).toMatchObject({ parts: 2 });
    expect(analyzeBody('ж'.repeat(134))).toMatchObject({ parts: 2 });
    expect(analyzeBody('ж'.repeat(135))).toMatchObject({ parts: 3 });
    // 66 units then a surrogate pair: the pair goes to the next part.
    expect(analyzeBody('ж'.repeat(66) + '😀' + 'ж'.repeat(10))).toMatchObject({ units: 78, parts: 2, remainingInPart: 67 - 12 });
  });
});

describe('send checks', () => {
  it('body: non-empty, at most 1,600 characters', () => {
    expect(checkBody('')).toMatch(/empty/);
    expect(checkBody('  \n ')).toMatch(/empty/);
    expect(checkBody('x'.repeat(1600))).toBeUndefined();
    expect(checkBody('x'.repeat(1601))).toMatch(/1601 characters/);
  });

  it('ttl: 5 to 259,200 seconds', () => {
    expect(parseTtl('5')).toEqual({ value: 5 });
    expect(parseTtl('259200')).toEqual({ value: 259200 });
    expect(parseTtl('4').problem).toMatch(/from 5 to 259200/);
    expect(parseTtl('259201').problem).toBeDefined();
    expect(parseTtl('1h').problem).toMatch(/whole seconds/);
  });

  it('max price as the API defines it', () => {
    for (const ok of ['0.05', '.00581', '10.5', '99.99999']) expect(checkMaxPrice(ok)).toBeUndefined();
    for (const bad of ['1', '100.0', '0.123456', '.', 'abc', '$0.05']) expect(checkMaxPrice(bad)).toBeDefined();
  });

  it('context: KEY=VALUE, at most five', () => {
    expect(parseContext(['a=1', 'b=x=y'])).toEqual({ context: { a: '1', b: 'x=y' }, problems: [] });
    expect(parseContext(['noequals']).problems[0]).toMatch(/KEY=VALUE/);
    expect(parseContext(['a b=1']).problems[0]).toMatch(/without spaces/);
    expect(parseContext(['a= padded']).problems[0]).toMatch(/starting or ending with a space/);
    expect(parseContext(['a=1', 'b=1', 'c=1', 'd=1', 'e=1', 'f=1']).problems).toEqual(['at most 5 entries are allowed, got 6']);
  });

  it('country parameters: known keys only', () => {
    expect(parseCountryParams(['IN_TEMPLATE_ID=123'])).toEqual({ params: { IN_TEMPLATE_ID: '123' }, problems: [] });
    expect(parseCountryParams(['XX=1']).problems[0]).toMatch(/unknown key "XX"/);
  });
});

describe('checkDestination', () => {
  it('accepts valid numbers and derives the country', () => {
    expect(checkDestination('+12065550100')).toMatchObject({ ok: true, e164: '+12065550100', isoCountryCode: 'US' });
    expect(checkDestination('+447400123456')).toMatchObject({ ok: true, isoCountryCode: 'GB' });
    expect(checkDestination('+33612345678')).toMatchObject({ ok: true, isoCountryCode: 'FR' });
  });

  it('refuses numbers that match the pattern but are not valid for their country', () => {
    expect(checkDestination('+1206555')).toMatchObject({ ok: false });
    expect(checkDestination('+4479111234')).toMatchObject({ ok: false, message: expect.stringContaining('not a valid number') });
    expect(checkDestination('12065550100')).toMatchObject({ ok: false, message: expect.stringContaining('E.164') });
    expect(checkDestination('+1 206 abc')).toMatchObject({ ok: false });
  });
});
