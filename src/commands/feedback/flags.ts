/**
 * The flags the feedback commands share, each declared once with its type and check
 * (`parseOptions`). Light on purpose: `feedback put` is the one-shot start-up path, so nothing
 * here loads more than zod/mini (through options.ts) and pure helpers.
 */
import { flag, flagSchemas, shown } from '../../cli/options.js';
import { checkDuration } from '../../core/duration.js';
import { checkMessageId, parseStatus, type FeedbackStatus } from '../../core/feedback/lines.js';

/** Requests in flight when `--concurrency` is not given. */
export const DEFAULT_CONCURRENCY = 16;

export const STATUS_HELP = 'use RECEIVED (the user acted on the message) or FAILED';

/** `--status` and the `<status>` argument: RECEIVED or FAILED, any case. */
export const statusFlag = flag((raw, problem): FeedbackStatus | undefined => {
  if (raw === undefined) return undefined;
  const status = parseStatus(String(raw));
  if (!status) problem(`unknown status "${shown(raw)}": ${STATUS_HELP}`);
  return status;
});

/** The `<message-id>` argument: a message id as eum send prints it. */
export const messageIdArg = flag((raw, problem): string | undefined => {
  if (raw === undefined) return undefined;
  const id = String(raw);
  const p = checkMessageId(id);
  if (p) problem(p);
  return id;
});

/** `--rate`: requests per second a timer can pace (0.001 to 1000); undefined when absent. */
export const rateFlag = flagSchemas.rate();

/** `--concurrency`: requests in flight, a whole number above 0; `DEFAULT_CONCURRENCY` when absent. */
export const concurrencyFlag = flag((raw, problem): number => {
  if (raw === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) problem(`must be a whole number above 0, got "${shown(raw)}"`);
  return n;
});

/** `--older-than`: a duration (`src/core/duration.ts`), in milliseconds; `fallback` when absent. */
export const olderThanFlag = (fallback: string) =>
  flag((raw, problem): number => {
    const text = raw === undefined ? fallback : String(raw);
    const checked = checkDuration(text);
    if (typeof checked === 'string') problem(`"${shown(text.slice(0, 40))}" ${checked}`);
    return typeof checked === 'number' ? checked : 0;
  });

/** A switch: true when given. */
export const switchFlag = flag((raw) => raw === true);

/** A file name, or `-` for stdin; undefined when absent. */
export const fileFlag = flag((raw) => (raw === undefined ? undefined : String(raw)));
