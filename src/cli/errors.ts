/**
 * Typed errors and the one place that maps them to exit codes.
 *
 * Commands throw these (or return a result with an exit code); `main` turns them into a message
 * on stderr (and a JSON error object on stdout under --json) and an exit code.
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

/** One problem with one input field, so that every problem can be reported at once. */
export interface InputProblem {
  /** The flag, argument, file line or field path that is wrong, e.g. `--to` or `line 12`. */
  field: string;
  message: string;
}

/** Base class of every error eum reports on purpose. */
export class EumError extends Error {
  /** A stable machine-readable code, printed under --json as `error.code`. */
  readonly code: string;
  /** What the user can do about it. */
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { code: string; exitCode: number; hint?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.exitCode = options.exitCode;
    this.hint = options.hint;
  }
}

/** Wrong flags or arguments: nothing was sent. Exit 2. */
export class UsageError extends EumError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'USAGE', exitCode: ExitCode.Usage, hint });
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
    super(message, { code: 'INVALID_INPUT', exitCode: ExitCode.Usage, hint });
    this.problems = problems;
  }
}

/** The operation failed for a reason other than the input (exit 1). */
export class OperationError extends EumError {
  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'FAILED', exitCode: ExitCode.Failed, hint: options.hint, cause: options.cause });
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
    super(message, { code: options.awsName, hint: options.hint, cause: options.cause });
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
    super(message, { code: 'INTERRUPTED', exitCode: ExitCode.Interrupted });
  }
}

/** The single mapping from anything thrown to an exit code. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof EumError) return err.exitCode;
  return ExitCode.Failed;
}

/** The JSON error object printed on stdout under --json. */
export function errorJson(err: unknown): { error: { code: string; message: string; hint?: string; problems?: InputProblem[]; reason?: string; requestId?: string } } {
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
