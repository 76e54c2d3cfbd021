import { describe, expect, it } from 'vitest';
import { getCountries, getCountryCallingCode, getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { checkDestination, checkWithLibphonenumber } from '../../src/core/sms/phone.js';

/** A small seeded generator: the same numbers on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

describe('checkDestination: the fast path agrees with libphonenumber', () => {
  it('on every country: its example number, numbers near it, and random numbers of every length', () => {
    const random = rng(16);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    let valid = 0;
    let checked = 0;
    for (const country of getCountries()) {
      const cc = getCountryCallingCode(country as CountryCode);
      const example = getExampleNumber(country as CountryCode, examples)?.number;
      const numbers: string[] = [];
      if (example) {
        numbers.push(example, `+${cc}0${example.slice(1 + cc.length)}`);
        for (let k = 1; k <= 6; k++) for (let i = 0; i < 12; i++) numbers.push(example.slice(0, -k) + digits(k));
        numbers.push(example.slice(0, -1), `${example}1`);
      }
      for (let len = 1; len <= 16; len++) for (let i = 0; i < 4; i++) numbers.push(`+${cc}${digits(len)}`);
      for (const n of numbers) {
        const want = checkWithLibphonenumber(n);
        expect({ n, got: checkDestination(n) }).toEqual({ n, got: want });
        checked++;
        if (want.ok) valid++;
      }
    }
    // The sample holds many valid numbers, not only refusals.
    expect(valid).toBeGreaterThan(checked / 5);
  });
});
