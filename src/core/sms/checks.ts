/** Checks of SendTextMessage inputs, with the limits the API model defines. */

export const BODY_MAX_CHARACTERS = 1600;
export const TTL_MIN_SECONDS = 5;
export const TTL_MAX_SECONDS = 259_200;
export const CONTEXT_MAX_ENTRIES = 5;

/** Returns a problem message, or undefined when the body is acceptable. */
export function checkBody(body: string): string | undefined {
  if (body.trim() === '') return 'the message body is empty: give text with --body, --body-file or --body -';
  const chars = Array.from(body).length;
  if (chars > BODY_MAX_CHARACTERS) return `the message body has ${chars} characters; the API accepts at most ${BODY_MAX_CHARACTERS}`;
  return undefined;
}

/** `--ttl`: whole seconds from 5 to 259,200 (72 hours). */
export function parseTtl(raw: string): { value?: number; problem?: string } {
  if (!/^\d+$/.test(raw.trim())) return { problem: `must be whole seconds from ${TTL_MIN_SECONDS} to ${TTL_MAX_SECONDS}, got "${raw}"` };
  const n = Number(raw);
  if (n < TTL_MIN_SECONDS || n > TTL_MAX_SECONDS) return { problem: `must be from ${TTL_MIN_SECONDS} to ${TTL_MAX_SECONDS} seconds (72 hours), got ${n}` };
  return { value: n };
}

/** `--max-price`: US dollars per part as the API defines it (`[0-9]{0,2}\.[0-9]{1,5}`, 2 to 8 characters). */
export function checkMaxPrice(raw: string): string | undefined {
  if (!/^[0-9]{0,2}\.[0-9]{1,5}$/.test(raw) || raw.length < 2 || raw.length > 8) {
    return `must be US dollars per message part with a decimal point, up to 2 digits before it and 1 to 5 after (e.g. 0.05 or .00581), got "${raw}"`;
  }
  return undefined;
}

/** `--context KEY=VALUE` entries: at most 5; key 1-100 non-space characters; value 1-800 characters, not starting or ending with a space. */
export function parseContext(entries: string[]): { context: Record<string, string>; problems: string[] } {
  const context: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push(`"${entry}" is not KEY=VALUE`);
      continue;
    }
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (key.length > 100 || /\s/.test(key)) problems.push(`key "${key.slice(0, 40)}" must be 1 to 100 characters without spaces`);
    else if (value.length < 1 || value.length > 800 || /^\s|\s$/.test(value))
      problems.push(`value of "${key}" must be 1 to 800 characters, not starting or ending with a space`);
    else if (key in context) problems.push(`key "${key}" is given twice`);
    else context[key] = value;
  }
  if (Object.keys(context).length > CONTEXT_MAX_ENTRIES)
    problems.push(`at most ${CONTEXT_MAX_ENTRIES} entries are allowed, got ${Object.keys(context).length}`);
  return { context, problems };
}

/** Destination-country parameters the API knows. */
export const COUNTRY_PARAMETER_KEYS = ['IN_TEMPLATE_ID', 'IN_ENTITY_ID'] as const;

/** `--country-param KEY=VALUE` entries. */
export function parseCountryParams(entries: string[]): { params: Record<string, string>; problems: string[] } {
  const params: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq) : entry;
    const value = eq > 0 ? entry.slice(eq + 1) : '';
    if (!(COUNTRY_PARAMETER_KEYS as readonly string[]).includes(key)) problems.push(`unknown key "${key}": use ${COUNTRY_PARAMETER_KEYS.join(' or ')}`);
    else if (!/^\S{1,64}$/.test(value)) problems.push(`value of ${key} must be 1 to 64 characters without spaces`);
    else params[key] = value;
  }
  return { params, problems };
}

/** Identifier patterns from the API model. */
export const ORIGINATION_PATTERN = /^[A-Za-z0-9_:/+-]{1,256}$/;
export const CONFIGURATION_SET_PATTERN = /^[A-Za-z0-9_:/-]{1,256}$/;
export const PROTECT_CONFIGURATION_PATTERN = /^[A-Za-z0-9_:/-]{1,256}$/;
export const KEYWORD_PATTERN = /^[ \S]{1,30}$/;
