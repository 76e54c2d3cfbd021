/**
 * The country catalogue commands validate against: ISO 3166 (i18n-iso-countries, English names)
 * and the countries the service holds Protect rules for (every country AWS lists for SMS:
 * src/core/countries.ts, the same list the simulator uses). Loaded on first use only.
 */
import type { CountryCatalog } from '../core/protect/countries.js';

let cached: Promise<CountryCatalog & { prefixes: Map<string, string[]> }> | undefined;

export function loadCountryCatalog(): Promise<CountryCatalog & { prefixes: Map<string, string[]> }> {
  cached ??= (async () => {
    const [{ default: iso }, { default: en }, { allCountries }] = await Promise.all([
      import('i18n-iso-countries/index.js'),
      import('i18n-iso-countries/langs/en.json', { with: { type: 'json' } }),
      import('../core/countries.js'),
    ]);
    iso.registerLocale(en as Parameters<typeof iso.registerLocale>[0]);
    const isoCodes = new Set(Object.keys(iso.getAlpha2Codes()));
    // Kosovo has a user-assigned code the service uses; ISO lists it as reserved.
    isoCodes.add('XK');
    const countries = allCountries();
    const serviceNames = new Map(countries.map((c) => [c.iso, c.name]));
    return {
      iso: isoCodes,
      service: new Set(countries.map((c) => c.iso)),
      prefixes: new Map(countries.map((c) => [c.iso, c.dialingPrefixes])),
      name: (code: string) => iso.getName(code, 'en', { select: 'official' }) ?? serviceNames.get(code) ?? code,
    };
  })();
  return cached;
}
