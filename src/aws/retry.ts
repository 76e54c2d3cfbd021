/**
 * The one classification of a failed call: may eum try it again, and did the service perhaps act?
 * Beside the error translation (`errors.ts`); the bulk engine (`src/runtime/bulk.ts`), `eum send`
 * and every command that retries ask here.
 *
 * - `throttle`: the service refused the request for its rate (ThrottlingException, HTTP 429). It
 *   did not act: try again after a backoff, for every call, and give the rate token back.
 * - `retry`: try again. For every call when the service certainly did not act (the connection
 *   was refused, the name did not resolve, no connection was made in time); for idempotent calls
 *   (reads, calls with a ClientToken, PutMessageFeedback, releases) also after a server error, a
 *   dropped connection or a read timeout.
 * - `ambiguous`: the request may have taken effect (a server error, a dropped connection or a
 *   read timeout after the request was written, an interrupted request) and the call is not
 *   idempotent (SendTextMessage and the other sends): never retried; reported as `unknown`.
 * - `permanent`: the service answered no (validation, not found, conflict, access denied,
 *   credentials): the same request would get the same answer.
 */

import { isSimulatorFailure } from './errors.js';

export type ErrorClass = 'throttle' | 'retry' | 'ambiguous' | 'permanent';

interface ErrorShape {
  name?: string;
  message?: string;
  code?: string;
  Reason?: string;
  $fault?: string;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
  cause?: { code?: string; name?: string };
}

/** Network errors that happen before a byte of the request reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Network errors after the connection was made: the service may have the request. */
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

const THROTTLING_NAMES = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'ThrottledException', 'RequestLimitExceeded']);
const SERVER_NAMES = new Set(['InternalServerException', 'ServiceUnavailableException', 'InternalFailure', 'ServiceUnavailable']);

function shape(err: unknown): ErrorShape {
  return (err && typeof err === 'object' ? err : {}) as ErrorShape;
}

function systemCode(e: ErrorShape): string | undefined {
  return e.code ?? e.cause?.code;
}

/** True for a timeout while connecting: the request was never written. */
export function isConnectTimeout(err: unknown): boolean {
  const e = shape(err);
  return e.name === 'TimeoutError' && /did not establish a connection|establishing a connection/i.test(e.message ?? '');
}

/** True for a timeout (connect or read). */
export function isTimeout(err: unknown): boolean {
  const e = shape(err);
  const code = systemCode(e);
  // The SDK names a reset connection TimeoutError too (with its code): that is not a timeout.
  if (e.name === 'TimeoutError') return code === undefined || code === 'ETIMEDOUT';
  return code === 'ETIMEDOUT' || e.name === 'RequestTimeout';
}

/** True when eum aborted the request (Ctrl-C, SIGTERM). */
export function isAborted(err: unknown): boolean {
  const e = shape(err);
  return e.name === 'AbortError' || systemCode(e) === 'ABORT_ERR';
}

/**
 * Classifies a failed call. `idempotent`: repeating the call cannot do the thing twice (reads,
 * calls with a ClientToken, puts of a state, deletes). Sends are not.
 */
export function classifyError(err: unknown, options: { idempotent: boolean }): ErrorClass {
  const e = shape(err);
  const status = e.$metadata?.httpStatusCode;
  // The simulator failing on its own state is not the service's error: never retried.
  if (isSimulatorFailure(err)) return 'permanent';
  if (THROTTLING_NAMES.has(e.name ?? '') || status === 429 || e.$retryable?.throttling === true) return 'throttle';
  const maybeActed = options.idempotent ? 'retry' : 'ambiguous';
  if (isAborted(err)) return 'ambiguous';
  if (isConnectTimeout(err)) return 'retry';
  const code = systemCode(e);
  if (code && NOT_SENT_CODES.has(code)) return 'retry';
  if (isTimeout(err) || (code && CUT_CODES.has(code))) return maybeActed;
  if (SERVER_NAMES.has(e.name ?? '') || (status !== undefined && status >= 500) || e.$fault === 'server') return maybeActed;
  // An answer that is not the API's (HTML from a proxy, an empty body) on a 2xx/4xx: not acted on.
  return 'permanent';
}

/** Whether a failure of this class is tried again (given attempts left). */
export function isRetryClass(c: ErrorClass): boolean {
  return c === 'throttle' || c === 'retry';
}

/** In words, for an `unknown` outcome: why eum cannot tell whether the call took effect. */
export function ambiguityReason(err: unknown): string {
  if (isAborted(err)) return 'interrupted while the request was in flight';
  if (isTimeout(err)) return 'no answer in time after the request was sent';
  const e = shape(err);
  const code = systemCode(e);
  if (code && CUT_CODES.has(code)) return `the connection was lost after the request was sent (${code})`;
  const status = e.$metadata?.httpStatusCode;
  return `the service answered with a server error${e.name ? ` (${e.name}${status ? `, HTTP ${status}` : ''})` : ''} after the request was sent`;
}
