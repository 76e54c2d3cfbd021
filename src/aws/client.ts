/**
 * The SDK client factory. The SDK is imported here, on first use only, so `eum --help` and
 * `eum --version` never load it.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
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
}

export async function createSmsClient(opts: SmsClientOptions): Promise<PinpointSMSVoiceV2Client> {
  // eum pins its own Node; the SDK's warning about old Node versions is noise for our users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { PinpointSMSVoiceV2Client } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const [name, version] = opts.userAgent.split('/');
  const client = new PinpointSMSVoiceV2Client({
    region: opts.region,
    profile: opts.profile,
    endpoint: opts.endpoint,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts ?? 3,
    retryMode: 'standard',
    customUserAgent: [[name, version]],
  });
  tagErrorsWithOperation(client);
  if (opts.debugLog) addDebugLogging(client, opts.debugLog);
  return client;
}

/** Marks every error with the operation that raised it, so translation can name the IAM action. */
function tagErrorsWithOperation(client: PinpointSMSVoiceV2Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err && typeof err === 'object') (err as { $operation?: string }).$operation = context.commandName?.replace(/Command$/, '');
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
        log(`${op} ${e.$metadata?.httpStatusCode ?? '-'} ${ms}ms request-id=${e.$metadata?.requestId ?? '-'} attempt=${attempt} error=${e.name} input=${input}`);
        throw err;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'eumDebugLog' },
  );
}
