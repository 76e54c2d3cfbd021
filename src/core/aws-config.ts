/**
 * The AWS shared config file, read as the AWS SDK for JavaScript reads it, for the settings eum
 * must know before the SDK does: the endpoint (`endpoint_url`, a `services` section) and
 * `ignore_configured_endpoint_urls`. Pure: the caller reads the file.
 */

/** Sections by name: `default`, `<profile>`, `services <name>`; keys of sub-sections as `sub.key`. */
export type AwsConfig = Map<string, Map<string, string>>;

/** The SDK's identifier of SMS and Voice v2 in environment names and `services` sections. */
export const SERVICE_ENV_SUFFIX = 'PINPOINT_SMS_VOICE_V2';
export const SERVICE_CONFIG_KEY = 'pinpoint_sms_voice_v2';

/**
 * Parses the config file's text. `[profile NAME]` and `[default]` are profiles, `[services NAME]`
 * a services section; other sections are kept under their full header. An indented `key = value`
 * after `sub =` belongs to that sub-section (`sub.key`). Comments start with `#` or `;`.
 */
export function parseAwsConfig(text: string): AwsConfig {
  const config: AwsConfig = new Map();
  let section: Map<string, string> | undefined;
  let sub: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(?:^|\s)[;#]/)[0].trimEnd();
    if (line.trim() === '') continue;
    const header = /^\s*\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      sub = undefined;
      const name = sectionName(header[1]);
      section = config.get(name) ?? new Map();
      config.set(name, section);
      continue;
    }
    if (!section) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      sub = key;
      continue;
    }
    if (sub && line.trimStart() === line) sub = undefined;
    section.set(sub ? `${sub}.${key}` : key, value);
  }
  return config;
}

function sectionName(header: string): string {
  const m = /^(profile|services|sso-session)\s+["']?([^"']+?)["']?$/.exec(header);
  if (!m) return header;
  return m[1] === 'profile' ? m[2] : `${m[1]} ${m[2]}`;
}

/** Where an endpoint came from, as the user would name it in a message. */
export type EndpointSource = { kind: 'flag' } | { kind: 'env'; name: string } | { kind: 'config'; file: string; section: string; key: string };

export interface ConfiguredEndpoint {
  url: string;
  source: EndpointSource;
}

/** A boolean setting as the SDK reads it: "true" or "false", any case; anything else is an error. */
export function parseConfigBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`must be true or false, got "${value}"`);
}

/**
 * The endpoint configured outside the command line, in the SDK's order: the environment
 * (`AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2`, then `AWS_ENDPOINT_URL`), then the profile's
 * `services` section, then the profile's `endpoint_url`; none when configured endpoints are
 * ignored (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, else the profile's
 * `ignore_configured_endpoint_urls`). Throws an Error with a message for a setting that is wrong.
 */
export function configuredEndpoint(input: {
  env: Record<string, string | undefined>;
  profile: string;
  config?: AwsConfig;
  configFile: string;
}): ConfiguredEndpoint | undefined {
  const { env, config, configFile } = input;
  const profile = config?.get(input.profile);
  let ignore: boolean | undefined;
  try {
    ignore = parseConfigBoolean(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS || undefined);
  } catch (err) {
    throw new Error(`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ${(err as Error).message}`);
  }
  if (ignore === undefined) {
    try {
      ignore = parseConfigBoolean(profile?.get('ignore_configured_endpoint_urls'));
    } catch (err) {
      throw new Error(`ignore_configured_endpoint_urls in ${configFile} [${profileHeader(input.profile)}] ${(err as Error).message}`);
    }
  }
  if (ignore) return undefined;
  for (const name of [`AWS_ENDPOINT_URL_${SERVICE_ENV_SUFFIX}`, 'AWS_ENDPOINT_URL']) {
    if (env[name]) return { url: env[name], source: { kind: 'env', name } };
  }
  if (!profile) return undefined;
  const services = profile.get('services');
  if (services) {
    const section = config?.get(`services ${services}`);
    if (!section) throw new Error(`the profile "${input.profile}" names services "${services}", but ${configFile} has no [services ${services}] section`);
    const url = section.get(`${SERVICE_CONFIG_KEY}.endpoint_url`);
    if (url) return { url, source: { kind: 'config', file: configFile, section: `services ${services}`, key: `${SERVICE_CONFIG_KEY}.endpoint_url` } };
  }
  const url = profile.get('endpoint_url');
  if (url) return { url, source: { kind: 'config', file: configFile, section: profileHeader(input.profile), key: 'endpoint_url' } };
  return undefined;
}

function profileHeader(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** The source as words: `--endpoint-url`, `AWS_ENDPOINT_URL`, `endpoint_url in FILE [profile x]`. */
export function describeEndpointSource(source: EndpointSource): string {
  if (source.kind === 'flag') return '--endpoint-url';
  if (source.kind === 'env') return source.name;
  return `${source.key} in ${source.file} [${source.section}]`;
}
