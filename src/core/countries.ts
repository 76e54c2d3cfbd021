/**
 * SMS facts per country (sender-ID support, number types, notes, a synthetic sender-ID price),
 * generated into fixtures/countries/countries.json by scripts/gen-countries.mjs from
 * shared/country-data. Shared by the simulator and the CLI's pre-checks. No I/O: the JSON is
 * imported, so the bundle carries it.
 */
import raw from '../../fixtures/countries/countries.json' with { type: 'json' };

/** Whether AWS End User Messaging SMS supports sender IDs to a country. */
export type SenderIdSupport = 'yes' | 'no' | 'registration';

/** Origination identity types listed for a country on the region pages. */
export type CountryNumberType = 'SHORT_CODE' | 'LONG_CODE' | 'TEN_DLC' | 'TOLL_FREE' | 'SENDER_ID';

export interface CountryFacts {
  iso: string;
  name: string;
  /** As written by AWS, e.g. `44` or `1-787, 1-939`; null when no source lists one. */
  dialingCode: string | null;
  dialingPrefixes: string[];
  /** Effective support: where the sources disagree, "registration" wins (see the fixture's _note). */
  senderId: SenderIdSupport;
  senderIdAsListed: { table: SenderIdSupport | null; regionPage: SenderIdSupport | null };
  senderIdRegistrationChannel: string | null;
  numberTypes: CountryNumberType[];
  longCodes: boolean | null;
  longCodesInboundOnly: boolean | null;
  shortCodes: boolean | null;
  tollFree: boolean | null;
  tenDlc: boolean | null;
  twoWay: boolean | null;
  internationalSending: boolean | null;
  /** Simulator rule: reachable without an own origination identity. */
  sharedRoute: boolean;
  notes: string[];
  conflicts: string[];
  /** Keys into shared/country-data/SOURCES.md. */
  sources: string[];
  /** USD per month, made up (priceSource "synthetic"). */
  monthlySenderIdPrice: string;
  priceSource: 'synthetic';
}

interface CountriesFile {
  blockedDestinations: string[];
  senderIdFormat: { source: string; minLength: number; maxLength: number; rules: string[] };
  countries: Record<string, Omit<CountryFacts, 'iso'>>;
}

const file = raw as unknown as CountriesFile;
const byIso = new Map<string, CountryFacts>(Object.entries(file.countries).map(([iso, c]) => [iso, { iso, ...c }]));

/** Facts for an ISO 3166-1 alpha-2 code (upper case), or undefined when AWS lists no such country. */
export function countryFacts(iso: string): CountryFacts | undefined {
  return byIso.get(iso.toUpperCase());
}

/** Every listed country, sorted by ISO code. */
export function allCountries(): CountryFacts[] {
  return [...byIso.values()];
}

/** Countries AWS End User Messaging SMS cannot send to at all. */
export function isBlockedDestination(iso: string): boolean {
  return file.blockedDestinations.includes(iso.toUpperCase());
}

/** The general sender-ID format rules (source key sv-sender-id). */
export const senderIdFormat = file.senderIdFormat;

/**
 * Problems with a sender ID under the general rules (1-11 of a-z A-Z 0-9 and '-', at least one
 * letter, no leading or trailing hyphen) and the country rules we know (France: no dash).
 * Empty when it passes.
 */
export function senderIdProblems(senderId: string, iso?: string): string[] {
  const problems: string[] = [];
  if (senderId.length < 1 || senderId.length > 11) problems.push('must be 1 to 11 characters long');
  if (!/^[A-Za-z0-9-]*$/.test(senderId)) problems.push('may contain only letters, digits and dashes');
  if (!/[A-Za-z]/.test(senderId)) problems.push('must contain at least one letter');
  if (senderId.startsWith('-') || senderId.endsWith('-')) problems.push('cannot start or end with a dash');
  if (iso?.toUpperCase() === 'FR' && senderId.includes('-')) problems.push('may not contain a dash in France');
  return problems;
}
