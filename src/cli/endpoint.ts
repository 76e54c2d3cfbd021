/**
 * The endpoint eum talks to, resolved once per run: `--endpoint-url`, else the endpoint the AWS
 * SDK would take from the environment or the shared config file. Whatever its source, a resolved
 * endpoint is not AWS: it gets its own ledger and journals, and the client is given it explicitly.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { configuredEndpoint, describeEndpointSource, parseAwsConfig, type AwsConfig, type ConfiguredEndpoint } from '../core/aws-config.js';
import { UsageError } from './errors.js';

/** A config file larger than this is not one: it is not read (a bound on an input). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The shared config file's path: AWS_CONFIG_FILE (with `~/`), else ~/.aws/config. */
export function awsConfigPath(env: Record<string, string | undefined>): string {
  const home = env.HOME ?? env.USERPROFILE ?? process.getBuiltinModule('node:os').homedir();
  const file = env.AWS_CONFIG_FILE;
  if (!file) return path.join(home, '.aws', 'config');
  return file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
}

/** Reads and parses the config file; a missing or unreadable one is no config, as for the SDK. */
function readAwsConfig(file: string): AwsConfig | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_CONFIG_BYTES)
      throw new UsageError(
        `${file} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB: not an AWS config file`,
        'set AWS_CONFIG_FILE to your AWS config file',
      );
    const buf = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buf, read, stat.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return parseAwsConfig(buf.toString('utf8', 0, read));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A URL eum can send requests to, or a usage error naming where it came from. */
function checkedUrl(endpoint: ConfiguredEndpoint): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `${describeEndpointSource(endpoint.source)} must be an http(s) URL, got "${endpoint.url}"`,
      endpoint.source.kind === 'flag'
        ? 'for the simulator: --endpoint-url http://127.0.0.1:PORT, or use --sim'
        : 'fix it, or set AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true to use AWS',
    );
  }
  return endpoint.url;
}

/**
 * The endpoint for this run, or undefined for AWS's own. The flag is taken as given; otherwise
 * the environment and the config file are read as the SDK reads them (and ignored with
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true).
 */
export function resolveEndpoint(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  profile: string | undefined,
): ConfiguredEndpoint | undefined {
  if (flag !== undefined) {
    const endpoint: ConfiguredEndpoint = { url: flag, source: { kind: 'flag' } };
    checkedUrl(endpoint);
    return endpoint;
  }
  const configFile = awsConfigPath(env);
  // Configured endpoints ignored: the file need not be read. (An endpoint from the environment
  // still needs it: the profile can say to ignore that one too.)
  const envOnly = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true';
  let endpoint: ConfiguredEndpoint | undefined;
  try {
    endpoint = configuredEndpoint({ env, profile: profile ?? 'default', config: envOnly ? undefined : readAwsConfig(configFile), configFile });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError((err as Error).message, 'fix the AWS config, or give --endpoint-url');
  }
  if (endpoint) checkedUrl(endpoint);
  return endpoint;
}
