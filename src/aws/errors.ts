/**
 * Translation of SDK errors into eum's typed errors: one line that names the error, its Reason,
 * the request id, and a hint that says what to do.
 */
import { AwsApiError, EumError, OperationError } from '../cli/errors.js';

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
}

/** Turns an operation name (`SendTextMessage`) into the IAM action (`sms-voice:SendTextMessage`). */
export function iamAction(operation: string): string {
  return `sms-voice:${operation.replace(/Command$/, '')}`;
}

/** Translates anything the SDK throws. Errors that are already eum's pass through. */
export function translateAwsError(err: unknown, operation?: string): EumError {
  if (err instanceof EumError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const op = (operation ?? e.$operation)?.replace(/Command$/, '');

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
    return new OperationError(e.message!, { code: 'TIMEOUT', hint: 'check --endpoint-url and your network; a slow link may need a higher --cli-read-timeout or --cli-connect-timeout', cause: err });
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
  if (status === undefined && !e.$fault) {
    return new OperationError(e.message ?? String(err), { code: 'FAILED', cause: err });
  }
  const requestId = e.$metadata?.requestId;
  let hint: string | undefined;
  switch (name) {
    case 'AccessDeniedException':
      hint = op ? `your IAM identity needs permission for ${iamAction(op)}` : 'check the IAM permissions of your identity (sms-voice:*)';
      break;
    case 'ThrottlingException':
      hint = 'the API throttled this request even after retries: lower --rate, or raise --max-attempts';
      break;
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
      hint = 'your credentials were refused: refresh them (aws sso login) or check AWS_PROFILE';
      break;
    case 'ServiceQuotaExceededException':
      hint = 'an account quota was reached: request an increase in the Service Quotas console';
      break;
    case 'InternalServerException':
      hint = 'a server-side error persisted after retries: try again later';
      break;
  }
  const parts = [name];
  if (e.Reason) parts.push(`(${e.Reason})`);
  let message = `${parts.join(' ')}: ${e.message ?? 'no message'}`;
  if (e.Fields?.length) message += ` [${e.Fields.map((f) => `${f.Name}: ${f.Message}`).join('; ')}]`;
  if (requestId) message += ` (request id ${requestId})`;
  return new AwsApiError(message, { awsName: name, reason: e.Reason, requestId, operation: op, httpStatus: status, hint, cause: err });
}

/** Errors worth another attempt: throttling, server errors, dropped connections. */
export function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (!e) return false;
  if (e.name === 'ThrottlingException' || e.name === 'InternalServerException' || e.name === 'ServiceUnavailableException') return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ETIMEDOUT';
}
