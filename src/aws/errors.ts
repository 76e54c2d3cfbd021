/**
 * Translation of SDK errors into eum's typed errors: one line that names the error, its Reason,
 * the request id, and a hint that says what to do (`hints.ts`). Phone numbers in the service's
 * messages are masked; an answer that is not the API's (HTML from a proxy, an empty error body)
 * says so with the HTTP status and the endpoint.
 */
import { classifyError, isRetryClass } from './retry.js';
import { AwsApiError, EumError, OperationError } from '../errors.js';
import { maskPhoneNumber } from '../core/mask.js';
import { hintFor } from './hints.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  Reason?: string;
  Fields?: Array<{ Name?: string; Message?: string }>;
  ResourceType?: string;
  ResourceId?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $fault?: string;
  /** Set by the client factory's middleware. */
  $operation?: string;
  /** Set by the client factory's middleware: the endpoint's origin. */
  $endpoint?: string;
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** What the failing command can tell the translation. */
export interface TranslateOptions {
  /** The operation, when the error does not carry it. */
  operation?: string;
  /** The options of the command that failed (`--rate`, `--from`...): hints name no other. */
  flags?: readonly string[];
  /** The endpoint, when the error does not carry it. */
  endpoint?: string;
}

/** A `Reason` the simulator gives its own failures (a corrupt state file): never the service's. */
export const SIMULATOR_FAILURE_REASON = 'SIMULATOR_STATE_CORRUPT';

/** True for the simulator failing on its own state: not the service's error, and never retried. */
export function isSimulatorFailure(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorLike;
  return e.Reason === SIMULATOR_FAILURE_REASON || (e.name === 'InternalServerException' && /^The simulator failed/.test(e.message ?? ''));
}

/** E.164 numbers in the service's text, masked to their last four digits. */
function maskNumbers(text: string): string {
  return text.replace(/\+\d{7,15}\b/g, (m) => maskPhoneNumber(m));
}

/** An answer that is not the SMS API's: a body that is not JSON (HTML from a proxy) or an empty error. */
function notTheApi(e: SdkErrorLike): boolean {
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return false;
  if (e.name === 'SyntaxError' || /Deserialization error/.test(e.message ?? '')) return true;
  return (e.name === 'Unknown' || e.name === 'UnknownError') && (e.message === 'UnknownError' || !e.message);
}

/** Turns an operation name (`SendTextMessage`) into the IAM action (`sms-voice:SendTextMessage`). */
export function iamAction(operation: string): string {
  return `sms-voice:${operation.replace(/Command$/, '')}`;
}

/**
 * Translates anything the SDK throws. Errors that are already eum's pass through. The second
 * argument is the operation (as before) or what the failing command knows (its flags, for hints).
 */
export function translateAwsError(err: unknown, options: string | TranslateOptions = {}): EumError {
  if (err instanceof EumError) return err;
  const o: TranslateOptions = typeof options === 'string' ? { operation: options } : options;
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const op = (o.operation ?? e.$operation)?.replace(/Command$/, '');
  const flags = new Set(o.flags ?? []);
  const has = (flag: string) => flags.has(flag);

  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(e.message ?? '')) {
    return new OperationError('no AWS credentials found', {
      code: 'NO_CREDENTIALS',
      hint: 'configure credentials (aws configure, aws sso login, AWS_PROFILE or --profile), or try eum without AWS: eum --sim ...',
      cause: err,
    });
  }
  if (/Region is missing|region is missing/i.test(e.message ?? '')) {
    return new OperationError('no AWS region set', {
      code: 'NO_REGION',
      hint: 'pass --region (e.g. --region us-east-1), set AWS_REGION, or set a region in your AWS profile',
      cause: err,
    });
  }
  // Set by the client factory's middleware: which timeout, after how long, with the endpoint.
  if (name === 'TimeoutError' && /^timed out/.test(e.message ?? '')) {
    return new OperationError(e.message!, {
      code: 'TIMEOUT',
      hint: 'check --endpoint-url and your network; a slow link may need a higher --cli-read-timeout or --cli-connect-timeout',
      cause: err,
    });
  }
  const sysCode = e.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (sysCode === 'ECONNREFUSED' || sysCode === 'ENOTFOUND' || sysCode === 'ETIMEDOUT' || sysCode === 'ECONNRESET' || sysCode === 'EAI_AGAIN') {
    return new OperationError(`could not reach the SMS API (${sysCode})`, {
      code: 'NETWORK',
      hint: 'check your network and --endpoint-url / AWS_ENDPOINT_URL; to work without AWS use --sim or eum sim start',
      cause: err,
    });
  }

  const status = e.$metadata?.httpStatusCode;
  if (notTheApi(e)) {
    const endpoint = e.$endpoint ?? o.endpoint ?? 'the endpoint';
    return new OperationError(`HTTP ${status} from ${endpoint}: not the SMS API`, {
      code: 'NOT_THE_SMS_API',
      hint: 'check --endpoint-url (and AWS_ENDPOINT_URL): it should be the SMS API of the Region, or a simulator started with eum sim start',
      cause: err,
    });
  }
  if (status === undefined && !e.$fault) {
    return new OperationError(e.message ?? String(err), { code: 'FAILED', cause: err });
  }
  const requestId = e.$metadata?.requestId;
  if (isSimulatorFailure(err)) {
    return new OperationError(`the simulator failed: ${(e.message ?? '').replace(/^The simulator failed: /, '')}`, {
      code: 'FAILED',
      hint: 'its state file is damaged (this is not an AWS error): fix or delete the file it names, or start afresh with eum sim reset',
      cause: err,
    });
  }
  const hint =
    name === 'AccessDeniedException' && !e.Reason
      ? op
        ? `your IAM identity needs permission for ${iamAction(op)}`
        : 'check the IAM permissions of your identity (sms-voice:*)'
      : hintFor({ name, reason: e.Reason, resourceType: e.ResourceType, message: e.message }, { has });
  const parts = [name];
  if (e.Reason) parts.push(`(${e.Reason})`);
  let message = `${parts.join(' ')}: ${maskNumbers(e.message ?? 'no message')}`;
  if (e.Fields?.length) message += ` [${e.Fields.map((f) => `${f.Name}: ${maskNumbers(f.Message ?? '')}`).join('; ')}]`;
  if (requestId) message += ` (request id ${requestId})`;
  return new AwsApiError(message, { awsName: name, reason: e.Reason, requestId, operation: op, httpStatus: status, hint, cause: err });
}

/** Errors worth another attempt for an idempotent call (the one classification: `retry.ts`). */
export function isRetryable(err: unknown): boolean {
  return isRetryClass(classifyError(err, { idempotent: true }));
}
