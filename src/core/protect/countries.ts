/**
 * Country codes on the command line and in documents: parsing, and validation against a
 * maintained ISO 3166 list and the countries the service knows. The catalogue is passed in, so
 * this module stays pure (commands build it with `loadCountryCatalog`).
 */
import type { InputProblem } from './problems.js';

export interface CountryCatalog {
  /** Codes the Protect service holds rules for (every configuration has each of them). */
  service: ReadonlySet<string>;
  /** Every ISO 3166-1 alpha-2 code (from i18n-iso-countries). */
  iso: ReadonlySet<string>;
  /** English name of a code (the code itself when unknown). */
  name(code: string): string;
}

/** Checks one code; returns a problem message or undefined. */
export function countryCodeProblem(code: string, catalog: CountryCatalog): string | undefined {
  if (!/^[A-Z]{2}$/.test(code)) return `"${code}" is not a two-letter ISO country code (e.g. US, GB, IN)`;
  if (!catalog.iso.has(code)) return `"${code}" is not an ISO 3166 country code`;
  if (!catalog.service.has(code)) return `${code} (${catalog.name(code)}) is not a country the SMS service has Protect rules for`;
  return undefined;
}

/**
 * Parses "US,ca, GB" into upper-case codes. Problems (unknown or duplicate codes, named) are
 * pushed onto `problems` under `field`; the valid codes are returned.
 */
export function parseCountryList(raw: string | string[], field: string, catalog: CountryCatalog, problems: InputProblem[]): string[] {
  const parts = (Array.isArray(raw) ? raw : [raw])
    .flatMap((r) => r.split(/[\s,]+/))
    .map((s) => s.trim())
    .filter(Boolean);
  return validateCountryCodes(parts, field, catalog, problems);
}

/** Validates a list of codes: each must be known, and none may appear twice. */
export function validateCountryCodes(codes: string[], field: string, catalog: CountryCatalog, problems: InputProblem[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const rawCode of codes) {
    const code = String(rawCode).toUpperCase();
    const problem = countryCodeProblem(code, catalog);
    if (problem) {
      problems.push({ field, message: problem });
      continue;
    }
    if (seen.has(code)) {
      problems.push({ field, message: `${code} is listed twice` });
      continue;
    }
    seen.add(code);
    out.push(code);
  }
  return out;
}

/** Reports every country that appears in more than one of the named lists. */
export function crossListProblems(lists: Array<[field: string, codes: string[]]>, problems: InputProblem[], where?: string): void {
  const owner = new Map<string, string>();
  for (const [field, codes] of lists) {
    for (const code of codes) {
      const first = owner.get(code);
      if (first !== undefined && first !== field)
        problems.push({ field: where ?? field, message: `${code} is in both ${first} and ${field}; keep it in one list` });
      else owner.set(code, field);
    }
  }
}
