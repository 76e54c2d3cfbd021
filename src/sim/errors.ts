/**
 * Errors the simulator answers, in the wire form of the service (AWS JSON 1.0):
 * HTTP 400 for client errors and 500 for server faults, `__type` carrying the shape id
 * (`com.amazonaws.pinpointsmsvoicev2#ValidationException`), the modeled members under their model
 * names (`Message`, `Reason`, `Fields`, `ResourceType`, `ResourceId`). The SDK v3 reads `__type`
 * (and falls back to `x-amzn-ErrorType`) and copies modeled members by exact name; botocore reads
 * `__type` (splitting at `#`) and `message`/`Message`. Framework errors raised before the service
 * code runs (authentication, unknown operation, unreadable JSON) carry the `com.amazon.coral.service`
 * namespace and a lower-case `message`, as Coral services answer them.
 */
import { SERVICE_NAMESPACE, enumValues } from './model.js';

export interface ValidationField {
  Name: string;
  Message: string;
}

export class SimError extends Error {
  constructor(
    /** Shape name, e.g. `ValidationException`. */
    readonly errorType: string,
    readonly status: number,
    /** The JSON body without `__type`. */
    readonly body: Record<string, unknown>,
    /** Namespace for `__type`. */
    readonly namespace: string = SERVICE_NAMESPACE,
  ) {
    super(String(body.Message ?? body.message ?? errorType));
    this.name = errorType;
  }

  /** The body as sent. */
  wireBody(): Record<string, unknown> {
    return { __type: `${this.namespace}#${this.errorType}`, ...this.body };
  }
}

function checkEnum(shape: string, value: string | undefined): void {
  // A typo in a Reason would pass silently through the SDK: refuse it in tests instead.
  if (value !== undefined && !enumValues(shape).includes(value)) throw new Error(`simulator bug: ${value} is not a ${shape}`);
}

export function validationError(reason: string, message: string, fields?: ValidationField[]): SimError {
  checkEnum('ValidationExceptionReason', reason);
  return new SimError('ValidationException', 400, { Message: message, Reason: reason, ...(fields ? { Fields: fields } : {}) });
}

export function conflictError(reason: string, resourceType: string, resourceId: string, message?: string): SimError {
  checkEnum('ConflictExceptionReason', reason);
  checkEnum('ResourceType', resourceType);
  return new SimError('ConflictException', 400, {
    Message: message ?? `Conflict on ${resourceType} ${resourceId}: ${reason}`,
    Reason: reason,
    ResourceType: resourceType,
    ResourceId: resourceId,
  });
}

export function notFoundError(resourceType: string, resourceId: string, message?: string): SimError {
  checkEnum('ResourceType', resourceType);
  return new SimError('ResourceNotFoundException', 400, {
    Message: message ?? `Resource ${resourceType} ${resourceId} not found`,
    ResourceType: resourceType,
    ResourceId: resourceId,
  });
}

export function quotaError(reason: string, message: string): SimError {
  checkEnum('ServiceQuotaExceededExceptionReason', reason);
  return new SimError('ServiceQuotaExceededException', 400, { Message: message, Reason: reason });
}

export function throttlingError(message = 'Rate exceeded'): SimError {
  return new SimError('ThrottlingException', 400, { Message: message });
}

/**
 * A server fault. The simulator's own failures (its state file unreadable, a bug) carry
 * `Reason: SIMULATOR_STATE_CORRUPT` (not a member of the model's InternalServerException), so eum
 * never retries or reports them as the service's.
 */
export function internalError(requestId: string, message = 'An internal error occurred. Try again later.', reason?: string): SimError {
  return new SimError('InternalServerException', 500, { Message: message, RequestId: requestId, ...(reason ? { Reason: reason } : {}) });
}

/** Errors of the request-handling framework, before the service code runs. */
export function coralError(errorType: string, message?: string, status = 400): SimError {
  return new SimError(errorType, status, message === undefined ? {} : { message }, 'com.amazon.coral.service');
}
