/**
 * Typed errors, the one list of their stable codes, and the one place that maps them to exit codes.
 *
 * Commands throw these (or return a result with an exit code); `main` turns them into a message
 * on stderr (and a JSON error object on stdout under --json) and an exit code. Every value of
 * `error.code` is a key of ERROR_CODES, documented in the README's "Errors and exit codes" table
 * (a test keeps the two equal).
 */

/** The exit codes eum promises to scripts. Documented in the README. */
export const ExitCode = {
  Ok: 0,
  /** The operation failed: an AWS error, or any item of a bulk run failed. */
  Failed: 1,
  /** Usage or input error, found before any API call. */
  Usage: 2,
  /** Changes pending (plan and diff commands). */
  Pending: 3,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM. */
  Interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Every stable value of `error.code`, with its exit code and what it means. "Not found" is exit 1
 * everywhere (the operation failed; the input was well-formed): an unknown registration or
 * Protect configuration, and the API's ResourceNotFoundException.
 */
export const ERROR_CODES = {
  USAGE: { exitCode: ExitCode.Usage, meaning: 'wrong flags or arguments, or a value eum would have asked for when it cannot prompt; nothing was sent' },
  INVALID_INPUT: { exitCode: ExitCode.Usage, meaning: 'input that failed validation; every problem is listed under `problems`; nothing was sent' },
  FAILED: { exitCode: ExitCode.Failed, meaning: 'the operation failed for another reason (the message says which)' },
  NOT_FOUND: { exitCode: ExitCode.Failed, meaning: 'no registration, Protect configuration, phone number, pool or keyword has that id (or Name)' },
  AMBIGUOUS: { exitCode: ExitCode.Failed, meaning: 'a Name matches several Protect configurations: use the id' },
  PROTECT_CONFIGURATION_IN_USE: {
    exitCode: ExitCode.Failed,
    meaning: 'a Protect configuration cannot be deleted while it is the default, associated or deletion-protected',
  },
  PLAN_BLOCKED: {
    exitCode: ExitCode.Failed,
    meaning: 'a plan cannot be applied as it stands (its blockers are listed), or a send-many plan would exceed the monthly spend limit (nothing was sent)',
  },
  DUPLICATE_NAMES: { exitCode: ExitCode.Failed, meaning: 'several Protect configurations have the same Name, so a document cannot name them' },
  NO_CREDENTIALS: { exitCode: ExitCode.Failed, meaning: 'no AWS credentials were found' },
  NO_REGION: { exitCode: ExitCode.Failed, meaning: 'no AWS Region is set' },
  NETWORK: { exitCode: ExitCode.Failed, meaning: 'the SMS API (or simulator) could not be reached' },
  TIMEOUT: { exitCode: ExitCode.Failed, meaning: 'the SMS API did not answer in time' },
  NOT_THE_SMS_API: { exitCode: ExitCode.Failed, meaning: 'the endpoint answered, but not as the SMS API does (HTML, an empty body): check --endpoint-url' },
  NOT_A_SIMULATOR: { exitCode: ExitCode.Failed, meaning: 'the endpoint is not an eum simulator' },
  QUERY_FAILED: { exitCode: ExitCode.Failed, meaning: '--query could not be applied to the result' },
  LEDGER_UNREADABLE: { exitCode: ExitCode.Failed, meaning: 'the ledger of sent messages could not be read' },
  LEDGER_WRITE_FAILED: { exitCode: ExitCode.Failed, meaning: 'the ledger of sent messages could not be written' },
  SEND_OUTCOME_UNKNOWN: {
    exitCode: ExitCode.Failed,
    meaning: 'a send may have gone out (lost reply, server error, timeout): not sent again; check before sending again',
  },
  JOURNAL_UNREADABLE: {
    exitCode: ExitCode.Failed,
    meaning: 'the journal of a bulk command could not be read (e.g. a directory in its place); nothing was done',
  },
  JOURNAL_WRITE_FAILED: {
    exitCode: ExitCode.Failed,
    meaning: 'the journal of a bulk command could not be written: no new work started; what was done is printed',
  },
  AccessDeniedException: { exitCode: ExitCode.Failed, meaning: 'AWS refused the call: IAM permission, or the account (see `reason`)' },
  ConflictException: { exitCode: ExitCode.Failed, meaning: "AWS refused the call in the resource's current state (see `reason` and the hint)" },
  InternalServerException: { exitCode: ExitCode.Failed, meaning: 'AWS failed on its side; for a send, whether it acted is unknown' },
  ResourceNotFoundException: { exitCode: ExitCode.Failed, meaning: 'AWS has no resource with that id (message id, configuration set, sender ID, ...)' },
  ServiceQuotaExceededException: { exitCode: ExitCode.Failed, meaning: 'an account quota was reached (see `reason`)' },
  ThrottlingException: { exitCode: ExitCode.Failed, meaning: 'AWS throttled the call, even after retries' },
  ValidationException: { exitCode: ExitCode.Failed, meaning: 'AWS refused the input (see `reason` and the fields in the message)' },
  UnrecognizedClientException: { exitCode: ExitCode.Failed, meaning: 'AWS did not recognise the credentials' },
  InvalidSignatureException: { exitCode: ExitCode.Failed, meaning: 'AWS refused the request signature (credentials, or the clock)' },
  ExpiredTokenException: { exitCode: ExitCode.Failed, meaning: 'the credentials have expired' },
  AWS_ERROR: { exitCode: ExitCode.Failed, meaning: 'another error answered by the API (the message names it)' },
  INTERRUPTED: { exitCode: ExitCode.Interrupted, meaning: 'interrupted by Ctrl-C or SIGTERM' },
  INTERNAL: { exitCode: ExitCode.Failed, meaning: 'a bug in eum: please report it with the output of --debug' },
} as const satisfies Record<string, { exitCode: ExitCodeValue; meaning: string }>;

/** A stable value of `error.code`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The exit code of an error code (the one table above). */
export function exitCodeOf(code: ErrorCode): ExitCodeValue {
  return ERROR_CODES[code].exitCode;
}

/** The error code of an AWS exception name: itself when listed, else AWS_ERROR. */
export function awsErrorCode(awsName: string): ErrorCode {
  return Object.hasOwn(ERROR_CODES, awsName) && /Exception$/.test(awsName) ? (awsName as ErrorCode) : 'AWS_ERROR';
}

/** One problem with one input field, so that every problem can be reported at once. */
export interface InputProblem {
  /** The flag, argument, file line or field path that is wrong, e.g. `--to` or `line 12`. */
  field: string;
  message: string;
}

/** Base class of every error eum reports on purpose. */
export class EumError extends Error {
  /** A stable machine-readable code, printed under --json as `error.code`. */
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint?: string;
  /** Always the exit code ERROR_CODES gives `code`. */
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: { code: ErrorCode; hint?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = exitCodeOf(options.code);
    this.hint = options.hint;
  }
}

/** Wrong flags or arguments: nothing was sent. Exit 2. */
export class UsageError extends EumError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'USAGE', hint });
  }
}

/** Input that failed validation: every problem is listed; nothing was sent. Exit 2. */
export class InputError extends EumError {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[], hint?: string) {
    const message =
      problems.length === 1
        ? `${problems[0].field}: ${problems[0].message}`
        : `${problems.length} problems in the input:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`;
    super(message, { code: 'INVALID_INPUT', hint });
    this.problems = problems;
  }
}

/** The operation failed for a reason other than the input (exit 1). */
export class OperationError extends EumError {
  constructor(message: string, options: { code?: ErrorCode; hint?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'FAILED', hint: options.hint, cause: options.cause });
  }
}

/** An error answered by the AWS API (or the simulator), translated by `src/aws/errors.ts`. */
export class AwsApiError extends OperationError {
  /** The AWS exception name, e.g. `ValidationException`. */
  readonly awsName: string;
  /** The service's `Reason` member, when it gives one. */
  readonly reason?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly httpStatus?: number;

  constructor(
    message: string,
    options: { awsName: string; reason?: string; requestId?: string; operation?: string; httpStatus?: number; hint?: string; cause?: unknown },
  ) {
    super(message, { code: awsErrorCode(options.awsName), hint: options.hint, cause: options.cause });
    this.awsName = options.awsName;
    this.reason = options.reason;
    this.requestId = options.requestId;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
  }
}

/** The user pressed Ctrl-C (exit 130). */
export class InterruptedError extends EumError {
  constructor(message = 'interrupted') {
    super(message, { code: 'INTERRUPTED' });
  }
}

/** The single mapping from anything thrown to an exit code. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof EumError) return err.exitCode;
  return ExitCode.Failed;
}

/** The JSON error object printed on stdout under --json. */
export function errorJson(err: unknown): {
  error: { code: ErrorCode; message: string; hint?: string; problems?: InputProblem[]; reason?: string; requestId?: string };
} {
  if (err instanceof InputError) {
    return { error: { code: err.code, message: err.message, hint: err.hint, problems: err.problems } };
  }
  if (err instanceof AwsApiError) {
    return { error: { code: err.code, message: err.message, hint: err.hint, reason: err.reason, requestId: err.requestId } };
  }
  if (err instanceof EumError) return { error: { code: err.code, message: err.message, hint: err.hint } };
  const message = err instanceof Error ? err.message : String(err);
  return { error: { code: 'INTERNAL', message } };
}
