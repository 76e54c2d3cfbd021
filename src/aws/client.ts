/**
 * The SDK client factory. The SDK is imported here, on first use only, so `eum --help` and
 * `eum --version` never load it.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { setMaxListeners } from 'node:events';
import { redactForLog } from '../core/mask.js';

export interface SmsClientOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  /** Total attempts per request in the standard retry mode (default 3, the SDK's). */
  maxAttempts?: number;
  /** Static credentials (the simulator takes any key). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  userAgent: string;
  /** With --debug: receives one line per HTTP attempt, secrets removed and numbers masked. */
  debugLog?: (line: string) => void;
  /** Milliseconds to wait for a connection (--cli-connect-timeout); 0: no limit. Default 10 s. */
  connectTimeoutMs?: number;
  /** Milliseconds a connection may stay silent while eum waits for the answer (--cli-read-timeout); 0: no limit. Default 60 s. */
  readTimeoutMs?: number;
  /** Every call gets it unless the caller passes its own `abortSignal`: Ctrl-C aborts requests in flight. */
  signal?: AbortSignal;
}

/** Connect and read timeouts when neither the flags nor the environment say otherwise (the AWS CLI waits 60 s for both). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_READ_TIMEOUT_MS = 60_000;

export async function createSmsClient(opts: SmsClientOptions): Promise<PinpointSMSVoiceV2Client> {
  // eum pins its own Node; the SDK's warning about old Node versions is noise for our users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { PinpointSMSVoiceV2Client } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const [name, version] = opts.userAgent.split('/');
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const readTimeoutMs = opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const client = new PinpointSMSVoiceV2Client({
    region: opts.region,
    profile: opts.profile,
    endpoint: opts.endpoint,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts ?? 3,
    retryMode: 'standard',
    customUserAgent: [[name, version]],
    // The SDK's NodeHttpHandler: a connect timeout, and a read timeout on a silent socket (headers
    // that never come, or a body that stalls), as the AWS CLI's --cli-*-timeout.
    requestHandler: { connectionTimeout: connectTimeoutMs, socketTimeout: readTimeoutMs },
  });
  tagErrorsWithOperation(client, { connectTimeoutMs, readTimeoutMs });
  if (opts.signal) abortOnSignal(client, opts.signal);
  if (opts.debugLog) addDebugLogging(client, opts.debugLog);
  return client;
}

/** Gives every call the context's signal unless it passes its own. */
function abortOnSignal(client: PinpointSMSVoiceV2Client, signal: AbortSignal): void {
  // One listener per request in flight: many at once are expected, not a leak.
  setMaxListeners(0, signal);
  const send = client.send.bind(client) as (command: unknown, options?: unknown, cb?: unknown) => Promise<unknown>;
  (client as unknown as { send: unknown }).send = (command: unknown, options?: unknown, cb?: unknown) => {
    if (typeof options === 'function') return send(command, { abortSignal: signal }, options);
    const given = (options ?? {}) as { abortSignal?: AbortSignal };
    return send(command, { ...given, abortSignal: given.abortSignal ?? signal }, cb);
  };
}

/**
 * Marks every error with the operation that raised it (translation names the IAM action) and the
 * endpoint; a timeout says which one, after how long, with the endpoint.
 */
function tagErrorsWithOperation(client: PinpointSMSVoiceV2Client, timeouts: { connectTimeoutMs: number; readTimeoutMs: number }): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err && typeof err === 'object') {
          const e = err as { $operation?: string; $endpoint?: string; name?: string; message?: string; code?: string };
          e.$operation = context.commandName?.replace(/Command$/, '');
          const url = (context as { endpointV2?: { url?: URL } }).endpointV2?.url;
          if (url) e.$endpoint = url.origin;
          if (e.name === 'TimeoutError' && (e.code === undefined || e.code === 'ETIMEDOUT')) {
            const connect = /establish a connection/i.test(e.message ?? '');
            const seconds = (connect ? timeouts.connectTimeoutMs : timeouts.readTimeoutMs) / 1000;
            e.message = connect
              ? `timed out connecting to ${e.$endpoint ?? 'the endpoint'} after ${seconds} s (--cli-connect-timeout)`
              : `timed out waiting for ${e.$endpoint ?? 'the endpoint'}: no answer for ${seconds} s (--cli-read-timeout)`;
          }
        }
        throw err;
      }
    },
    { step: 'initialize', priority: 'high', name: 'eumTagOperation' },
  );
}

/** Logs every HTTP attempt: operation, status, latency, request id, attempt number, masked input. */
function addDebugLogging(client: PinpointSMSVoiceV2Client, log: (line: string) => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const request = args.request as { headers?: Record<string, string> };
      const attempt = /attempt=(\d+)/.exec(request.headers?.['amz-sdk-request'] ?? '')?.[1] ?? '1';
      const op = context.commandName?.replace(/Command$/, '') ?? 'request';
      const input = JSON.stringify(redactForLog(args.input));
      try {
        const out = await next(args);
        const response = out.response as { statusCode?: number; headers?: Record<string, string> };
        const ms = (performance.now() - started).toFixed(0);
        log(`${op} ${response.statusCode} ${ms}ms request-id=${response.headers?.['x-amzn-requestid'] ?? '-'} attempt=${attempt} input=${input}`);
        return out;
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
        const ms = (performance.now() - started).toFixed(0);
        log(
          `${op} ${e.$metadata?.httpStatusCode ?? '-'} ${ms}ms request-id=${e.$metadata?.requestId ?? '-'} attempt=${attempt} error=${e.name} input=${input}`,
        );
        throw err;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'eumDebugLog' },
  );
}
