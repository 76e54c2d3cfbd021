/**
 * One JSON call to the SMS API without the AWS SDK: AWS JSON 1.0 over node:http(s), signed with
 * SigV4 by node:crypto. Loading the SDK client costs a one-shot command (`eum feedback put <id>`)
 * 60-80 ms of CPU, more than Node's own start; this path costs a few. It is taken only when the
 * SDK would do nothing this file does not: static credentials found without a provider (the
 * simulator's fixed keys, keys in the environment, a profile with keys in the shared files), the
 * regional endpoint of the `aws` partition or the run's resolved endpoint. Anything else (SSO, a
 * role, a credential process, web identity, instance or container credentials, FIPS or dual-stack
 * endpoints) is left to the SDK client (`lightTarget` returns undefined). `eum send --to-file`
 * sends through it too, with a keep-alive agent (`LightTarget.agent`): the SDK's middleware,
 * serialization and signing were most of the CPU of a run's million calls.
 *
 * Errors are shaped as the SDK's (`name` from the error type, `$fault`, `$metadata`, `$retryable`
 * for throttling, the body's members such as `Reason` and `Fields`; a body that is not JSON, a
 * dropped connection, a timeout, an abort), so `translateAwsError` and `retry.ts` treat both paths
 * alike; attempts follow the SDK's standard retry mode, limited to what `retry.ts` may repeat.
 */
import { createHash, createHmac, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Agent } from 'node:http';
import path from 'node:path';
import { parseAwsConfig, type AwsConfig } from '../core/aws-config.js';
import { redactForLog } from '../core/mask.js';
import { classifyError, isRetryClass } from './retry.js';

/** Keys the SDK's chain would use as they are: no provider to run, nothing to refresh. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where and how one call goes: what the SDK client would have been built with. */
export interface LightTarget {
  /** An http(s) origin; requests go to its path `/`. */
  endpoint: string;
  region: string;
  credentials: StaticCredentials;
  /** `eum/<version>`, added to the user agent as the SDK client's `customUserAgent`. */
  userAgent: string;
  /** Total attempts (the SDK's standard retry mode; default 3). */
  maxAttempts?: number;
  /** Milliseconds to wait for a connection; 0: no limit. */
  connectTimeoutMs: number;
  /** Milliseconds a connection may stay silent while waiting for the answer; 0: no limit. */
  readTimeoutMs: number;
  signal?: AbortSignal;
  debugLog?: (line: string) => void;
  /**
   * Connections kept alive between calls (a bulk run's many calls). Undefined: a fresh
   * connection per call, closed after the answer, so nothing keeps a one-shot process alive.
   */
  agent?: Agent;
}

/**
 * `target` for a bulk run: one attempt per call (the bulk engine retries and classifies), over
 * connections kept alive for the run (`maxSockets` at most; unlimited when not given). Destroy
 * the returned agent when the run ends.
 */
export function bulkLightTarget(target: LightTarget, maxSockets?: number): LightTarget & { agent: Agent } {
  const mod = target.endpoint.startsWith('https:') ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  return { ...target, maxAttempts: 1, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
}

/** The SDK's signing name and JSON target prefix for SMS and Voice v2. */
const SIGNING_NAME = 'sms-voice';
const TARGET_PREFIX = 'PinpointSMSVoiceV2';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** The `aws` partition's Region names (the SDK's partitions.json); others go through the SDK. */
const AWS_PARTITION_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/;
/** A shared config or credentials file larger than this is not read here (the SDK decides). */
const MAX_FILE_BYTES = 1024 * 1024;
/** Profile settings that make the SDK's chain run a provider: the SDK client handles those. */
const PROVIDER_KEYS = /^(role_arn|source_profile|credential_source|credential_process|web_identity_token_file|sso_.*|login_session)$/;
/** An answer larger than this is not read to its end (a bound on an input). */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** Socket errors the SDK's HTTP handler renames TimeoutError. */
const SDK_TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** The SDK's standard retry mode: backoff bases and ceiling. */
const RETRY_BASE_MS = 100;
const THROTTLING_RETRY_BASE_MS = 500;
const MAX_RETRY_DELAY_MS = 20_000;

/** What `lightTarget` needs to know about the run, as the SDK client factory knows it. */
export interface LightTargetInput {
  env: Record<string, string | undefined>;
  /** --profile or AWS_PROFILE. */
  profile?: string;
  /** --region, AWS_REGION or AWS_DEFAULT_REGION. */
  region?: string;
  /** The run's resolved endpoint (--endpoint-url, the environment, the config file, --sim). */
  endpoint?: string;
  /** Credentials given outright (the simulator's fixed keys). */
  credentials?: StaticCredentials;
  userAgent: string;
  maxAttempts?: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  signal?: AbortSignal;
  debugLog?: (line: string) => void;
}

/**
 * The target of a light call, or undefined when the SDK client must make it (credentials that
 * need a provider, no Region, an endpoint the SDK's rules would compute differently).
 */
export function lightTarget(input: LightTargetInput): LightTarget | undefined {
  const { env } = input;
  let files: { config?: AwsConfig; credentials?: AwsConfig } | undefined;
  const shared = () => (files ??= readSharedFiles(env));
  const profileName = input.profile ?? 'default';
  let region = input.region;
  if (!region) region = shared().config?.get(profileName)?.get('region');
  if (!region) return undefined;
  const credentials = input.credentials ?? staticCredentials(env, input.profile, shared);
  if (!credentials) return undefined;
  let endpoint = input.endpoint;
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return undefined;
    }
    // A path or query on the endpoint: the SDK joins them its own way.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.username)
      return undefined;
    endpoint = url.origin;
  } else {
    if (!AWS_PARTITION_REGION.test(region) || region.startsWith('us-gov-')) return undefined;
    const config = shared().config?.get(profileName);
    for (const [envName, key] of [
      ['AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'],
      ['AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'],
    ]) {
      const v = env[envName] || config?.get(key);
      if (v !== undefined && v.trim().toLowerCase() !== 'false') return undefined;
    }
    endpoint = `https://${SIGNING_NAME}.${region}.amazonaws.com`;
  }
  return {
    endpoint,
    region,
    credentials,
    userAgent: input.userAgent,
    maxAttempts: input.maxAttempts,
    connectTimeoutMs: input.connectTimeoutMs,
    readTimeoutMs: input.readTimeoutMs,
    signal: input.signal,
    debugLog: input.debugLog,
  };
}

/**
 * Static keys in the SDK's default chain order: the environment (unless a profile is named: the
 * SDK then skips it), else the profile in the shared files (the credentials file wins over the
 * config file, key by key), provided the profile runs no provider. Undefined otherwise.
 */
export function staticCredentials(
  env: Record<string, string | undefined>,
  profile: string | undefined,
  shared: () => { config?: AwsConfig; credentials?: AwsConfig },
): StaticCredentials | undefined {
  if (!profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  const name = profile ?? 'default';
  const files = shared();
  const merged = new Map([...(files.config?.get(name) ?? []), ...(files.credentials?.get(name) ?? [])]);
  for (const key of merged.keys()) if (PROVIDER_KEYS.test(key)) return undefined;
  const accessKeyId = merged.get('aws_access_key_id');
  const secretAccessKey = merged.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = merged.get('aws_session_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The shared config and credentials files, where the SDK looks for them. */
function readSharedFiles(env: Record<string, string | undefined>): { config?: AwsConfig; credentials?: AwsConfig } {
  const home = env.HOME ?? env.USERPROFILE ?? process.getBuiltinModule('node:os').homedir();
  const where = (file: string | undefined, fallback: string) =>
    !file ? path.join(home, '.aws', fallback) : file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
  return { config: readIni(where(env.AWS_CONFIG_FILE, 'config')), credentials: readIni(where(env.AWS_SHARED_CREDENTIALS_FILE, 'credentials')) };
}

function readIni(file: string): AwsConfig | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    const buf = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buf, read, stat.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return parseAwsConfig(buf.toString('utf8', 0, read));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Signs a POST to `/` with SigV4 (AWS4-HMAC-SHA256): every header given is signed (names in
 * lower case), as the SDK signs every header but `user-agent`. Returns the Authorization value.
 */
export function signV4(input: {
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  credentials: StaticCredentials;
  amzDate: string;
}): string {
  const names = Object.keys(input.headers)
    .map((h) => h.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.body)].join('\n');
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(input.credentials, day, input.region, input.service);
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** The last signing key of each credentials object: it changes with the day, Region and service only (a bulk run signs a million requests with it). */
const signingKeys = new WeakMap<StaticCredentials, { scope: string; key: KeyObject }>();

/** SigV4's signing key: four HMACs, derived once a day per credentials, Region and service. */
function signingKey(credentials: StaticCredentials, day: string, region: string, service: string): KeyObject {
  const scope = `${day}/${region}/${service}`;
  const known = signingKeys.get(credentials);
  if (known?.scope === scope) return known.key;
  const key = createSecretKey(hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request'));
  signingKeys.set(credentials, { scope, key });
  return key;
}

/** `20261202T070000Z`, as SigV4 wants it. */
function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** An error shaped as the SDK's, for `translateAwsError` and `retry.ts`. */
export class LightCallError extends Error {
  $fault?: 'client' | 'server';
  $metadata: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string; cfId?: string; attempts?: number; totalRetryDelay?: number };
  $retryable?: { throttling?: boolean };
  $operation?: string;
  $endpoint?: string;
  $response?: { statusCode?: number; headers?: Record<string, string> };
  code?: string;
  [member: string]: unknown;
  constructor(name: string, message: string, fields: Record<string, unknown> = {}) {
    super(message);
    this.name = name;
    this.$metadata = {};
    Object.assign(this, fields);
  }
}

/** Error types the API declares, with the SDK's `$fault` and `$retryable`. */
const MODELED: Record<string, { fault: 'client' | 'server'; retryable?: { throttling?: boolean } }> = {
  AccessDeniedException: { fault: 'client' },
  ConflictException: { fault: 'client' },
  InternalServerException: { fault: 'server', retryable: {} },
  ResourceNotFoundException: { fault: 'client' },
  ServiceQuotaExceededException: { fault: 'client' },
  ThrottlingException: { fault: 'client', retryable: { throttling: true } },
  ValidationException: { fault: 'client' },
};

/** The error type as the SDK reads it: `x-amzn-errortype`, else `code`, else `__type` (namespace and suffix cut). */
function errorType(headers: Record<string, string | string[] | undefined>, body: Record<string, unknown> | undefined): string | undefined {
  const raw = headers['x-amzn-errortype'] ?? body?.code ?? body?.__type;
  if (raw === undefined) return undefined;
  let v = String(raw);
  if (v.includes(',')) v = v.split(',')[0];
  if (v.includes(':')) v = v.split(':')[0];
  if (v.includes('#')) v = v.split('#')[1];
  return v;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body passed MAX_ANSWER_BYTES and was not read to its end. */
  tooLarge?: boolean;
}

/** Sends one attempt; rejects with the socket's error, a timeout or an abort, shaped as the SDK's. */
async function sendOnce(target: LightTarget, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  const url = new URL(target.endpoint);
  const mod = url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  return new Promise<RawAnswer>((resolve, reject) => {
    if (target.signal?.aborted) {
      reject(abortError());
      return;
    }
    let connectTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (err: Error | undefined, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      if (connectTimer) clearTimeout(connectTimer);
      target.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(answer!);
    };
    // Without an agent, a fresh connection, closed after the answer: nothing keeps a one-shot process alive.
    const req = mod.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      method: 'POST',
      path: '/',
      headers,
      agent: target.agent ?? false,
    });
    const onAbort = () => {
      finish(abortError());
      req.destroy();
    };
    target.signal?.addEventListener('abort', onAbort, { once: true });
    if (target.connectTimeoutMs > 0) {
      connectTimer = setTimeout(() => {
        finish(timeoutError(`Socket timed out without establishing a connection within ${target.connectTimeoutMs} ms`));
        req.destroy();
      }, target.connectTimeoutMs);
    }
    req.on('socket', (socket) => {
      const connected = () => {
        if (connectTimer) clearTimeout(connectTimer);
        connectTimer = undefined;
      };
      if (!socket.connecting) connected();
      else socket.once('connect', connected);
    });
    if (target.readTimeoutMs > 0) {
      req.setTimeout(target.readTimeoutMs, () => {
        finish(timeoutError(`Connection timed out after ${target.readTimeoutMs} ms`));
        req.destroy();
      });
    }
    // As the SDK's handler: a reset or broken connection is named TimeoutError (its code kept).
    req.on('error', (err: Error & { code?: string }) =>
      finish(err.code && SDK_TIMEOUT_CODES.has(err.code) ? Object.assign(err, { name: 'TimeoutError' }) : err),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        else {
          // Not an answer of this API (its answers are a few hundred bytes): stop reading.
          finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, text: '', tooLarge: true });
          req.destroy();
        }
      });
      res.on('error', (err) => finish(err));
      res.on('aborted', () => finish(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.end(body);
  });
}

function abortError(): Error {
  const e = new Error('Request aborted');
  e.name = 'AbortError';
  return e;
}

function timeoutError(message: string): Error & { code?: string } {
  const e = new Error(message) as Error & { code?: string };
  e.name = 'TimeoutError';
  return e;
}

/** The error an answer carries, shaped as the SDK would throw it; undefined for a success. */
function answerError(answer: RawAnswer): { error?: LightCallError; output?: unknown } {
  const header = (name: string) => {
    const v = answer.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const $metadata = {
    httpStatusCode: answer.status,
    requestId: header('x-amzn-requestid') ?? header('x-amzn-request-id') ?? header('x-amz-request-id'),
    extendedRequestId: header('x-amz-id-2'),
    cfId: header('x-amz-cf-id'),
  };
  let parsed: unknown;
  let parseFailed: Error | undefined;
  if (answer.tooLarge) parseFailed = new Error(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
  else if (answer.text.length) {
    try {
      parsed = JSON.parse(answer.text);
    } catch (err) {
      parseFailed = err as Error;
    }
  }
  const $response = {
    statusCode: answer.status,
    headers: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
  };
  if (parseFailed !== undefined) {
    // As the SDK: the body is not JSON (HTML from a proxy): a deserialization error with the status.
    const e = new LightCallError(
      'SyntaxError',
      `${parseFailed.message}\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      { $response, $responseBodyText: answer.text },
    );
    e.$metadata = $metadata;
    return { error: e };
  }
  if (answer.status >= 200 && answer.status < 300) return { output: parsed ?? {} };
  const body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const type = errorType(answer.headers, body);
  const modeled = type ? MODELED[type] : undefined;
  const name = type ?? 'Unknown';
  const message = (body.message as string | undefined) ?? (body.Message as string | undefined) ?? 'UnknownError';
  const members = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '__type' && k !== 'message'));
  const e = new LightCallError(name, message, { ...members, $response });
  e.$fault = modeled?.fault ?? (answer.status < 500 ? 'client' : 'server');
  if (modeled?.retryable) e.$retryable = modeled.retryable;
  e.$metadata = $metadata;
  return { error: e };
}

/** The SDK's user agent parts, with eum's name and version as its custom part. */
function userAgent(target: LightTarget): string {
  const [name, version] = target.userAgent.split('/');
  return `lang/js md/nodejs#${process.versions.node} os/${process.platform} ${name}/${version}`;
}

/**
 * Calls one operation (`PutMessageFeedback`) with a JSON input; resolves with the parsed output.
 * `idempotent`: a repeat cannot do the thing twice, so a server error or a lost answer is tried
 * again (as `retry.ts` says); otherwise only failures where the service certainly did not act.
 */
export async function lightJsonCall<T = unknown>(
  target: LightTarget,
  operation: string,
  input: Record<string, unknown>,
  options: { idempotent: boolean },
): Promise<T> {
  const body = JSON.stringify(input);
  const bodyHash = sha256Hex(body);
  const maxAttempts = target.maxAttempts ?? 3;
  const invocationId = randomUUID();
  const host = new URL(target.endpoint).host;
  const loggedInput = target.debugLog ? JSON.stringify(redactForLog(input)) : '';
  let totalRetryDelay = 0;
  for (let attempt = 1; ; attempt++) {
    const now = amzDate(new Date());
    const headers: Record<string, string> = {
      'amz-sdk-invocation-id': invocationId,
      'amz-sdk-request': `attempt=${attempt}; max=${maxAttempts}`,
      'content-length': String(Buffer.byteLength(body)),
      'content-type': CONTENT_TYPE,
      host,
      'x-amz-content-sha256': bodyHash,
      'x-amz-date': now,
      'x-amz-target': `${TARGET_PREFIX}.${operation}`,
      'x-amz-user-agent': userAgent(target),
    };
    if (target.credentials.sessionToken) headers['x-amz-security-token'] = target.credentials.sessionToken;
    headers.authorization = signV4({ headers, body, region: target.region, service: SIGNING_NAME, credentials: target.credentials, amzDate: now });
    headers['user-agent'] = userAgent(target);
    // Date.now, not performance.now: the first use of `performance` loads perf_hooks (1-2 ms).
    const started = Date.now();
    let error: LightCallError | (Error & Record<string, unknown>);
    try {
      const answer = await sendOnce(target, headers, body);
      const { error: answered, output } = answerError(answer);
      target.debugLog?.(
        `${operation} ${answer.status} ${Date.now() - started}ms request-id=${answer.headers['x-amzn-requestid'] ?? '-'} attempt=${attempt}${answered ? ` error=${answered.name}` : ''} input=${loggedInput}`,
      );
      if (!answered) return output as T;
      error = answered;
    } catch (err) {
      error = err as Error & Record<string, unknown>;
      target.debugLog?.(`${operation} - ${Date.now() - started}ms request-id=- attempt=${attempt} error=${error.name} input=${loggedInput}`);
      // An abort leaves the SDK's retry loop before it counts attempts.
      if (error.name === 'AbortError') throw tag(error, operation, target);
      if (!(error as { $metadata?: unknown }).$metadata) (error as { $metadata?: unknown }).$metadata = {};
    }
    const meta = (error as { $metadata: Record<string, unknown> }).$metadata;
    meta.attempts = attempt;
    meta.totalRetryDelay = totalRetryDelay;
    const kind = classifyError(error, options);
    if (attempt >= maxAttempts || !isRetryClass(kind) || target.signal?.aborted) throw tag(error, operation, target);
    const delay = Math.floor(
      Math.min(MAX_RETRY_DELAY_MS, Math.random() * 2 ** (attempt - 1) * (kind === 'throttle' ? THROTTLING_RETRY_BASE_MS : RETRY_BASE_MS)),
    );
    totalRetryDelay += delay;
    await sleep(delay, target.signal);
  }
}

/** As the client factory's middleware: the operation and endpoint on the error; a timeout in eum's words. */
function tag(err: Error & Record<string, unknown>, operation: string, target: LightTarget): Error {
  err.$operation = operation;
  err.$endpoint = new URL(target.endpoint).origin;
  if (err.name === 'TimeoutError' && err.code === undefined) {
    const connect = /establish a connection/i.test(err.message);
    const seconds = (connect ? target.connectTimeoutMs : target.readTimeoutMs) / 1000;
    err.message = connect
      ? `timed out connecting to ${err.$endpoint} after ${seconds} s (--cli-connect-timeout)`
      : `timed out waiting for ${err.$endpoint}: no answer for ${seconds} s (--cli-read-timeout)`;
  }
  return err;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
