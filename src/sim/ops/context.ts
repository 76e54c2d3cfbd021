/** What every operation handler gets, and helpers they share. */
import type { SimConfig } from '../config.js';
import type { MpsBuckets } from '../mps.js';
import { validationError } from '../errors.js';
import { ACCOUNT_ID, type RegionState, type SimState } from '../state.js';

export interface OpContext {
  /** The whole state (all regions). */
  state: SimState;
  /** The state of the request's region (from its SigV4 credential scope). */
  region: RegionState;
  regionName: string;
  /** Simulated time, epoch milliseconds. */
  now: number;
  requestId: string;
  config: SimConfig;
  /** Throughput per origination identity (absent: not enforced). */
  mps?: MpsBuckets;
}

/**
 * An operation: validated input in, the JSON result out (timestamps as epoch seconds). Runs inside
 * the store's transaction, synchronously; throw a SimError before changing anything.
 */
// Inputs arrive as validated JSON; each handler narrows them with the SDK's request types.
export type OpHandler = (ctx: OpContext, input: any) => object;
export type OpMap = Record<string, OpHandler>;

/** Epoch milliseconds to the JSON protocol's epoch seconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Operation results omit absent members rather than sending null. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const TOKEN_PREFIX = 'eum1:';

/** The operation being handled (handlers run synchronously, one at a time): NextTokens name it. */
let currentOperation = '';

/** Runs a handler with its operation name set, so the NextTokens it makes are valid only for it. */
export function withOperation<T>(operation: string, fn: () => T): T {
  const previous = currentOperation;
  currentOperation = operation;
  try {
    return fn();
  } finally {
    currentOperation = previous;
  }
}

/** A NextToken for the current operation, resuming at `start`. */
export function encodeNextToken(start: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${currentOperation}:${start}`).toString('base64url');
}

/** Where a NextToken resumes; undefined when it is not one the current operation made. */
export function decodeNextToken(token: string): number | undefined {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const prefix = `${TOKEN_PREFIX}${currentOperation}:`;
  if (!decoded.startsWith(prefix)) return undefined;
  const n = Number(decoded.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** One page of `items` for NextToken/MaxResults (default and maximum 100). */
export function paginate<T>(items: T[], input: { NextToken?: string; MaxResults?: number }): { page: T[]; nextToken?: string } {
  let start = 0;
  if (input.NextToken !== undefined) {
    const n = decodeNextToken(input.NextToken);
    if (n === undefined) throw validationError('INVALID_NEXT_TOKEN', 'The NextToken is not valid.', [{ Name: 'NextToken', Message: 'Invalid next token' }]);
    start = n;
  }
  const size = input.MaxResults ?? 100;
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? encodeNextToken(start + size) : undefined;
  return { page, nextToken: next };
}

export type FilterValue = string | boolean | number | undefined | null | (string | undefined)[];

/**
 * Describe* filters: an item passes when, for every filter, one of its values matches
 * (values OR-ed within a filter, filters AND-ed). Booleans compare as "true"/"false".
 */
export function applyFilters<T>(
  items: T[],
  filters: { Name?: string; Values?: string[] }[] | undefined,
  fields: Record<string, (item: T) => FilterValue>,
): T[] {
  if (!filters?.length) return items;
  return items.filter((item) =>
    filters.every((f) => {
      const get = fields[f.Name ?? ''];
      if (!get) return true;
      const raw = get(item);
      const have = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null).map((v) => String(v));
      return (f.Values ?? []).some((v) => have.includes(v));
    }),
  );
}

export interface ParsedArn {
  region: string;
  account: string;
  resourceType: string;
  resourceId: string;
  parts: string[];
}

/** `arn:aws:sms-voice:REGION:ACCOUNT:TYPE/ID[/MORE]`, or undefined when it is no SMS and Voice v2 ARN. */
export function parseArn(value: string): ParsedArn | undefined {
  const m = /^arn:aws[a-z-]*:sms-voice:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(value);
  if (!m) return undefined;
  const parts = m[4].split('/');
  return { region: m[1], account: m[2], resourceType: m[3], resourceId: parts[0], parts };
}

/** Whether an ARN names something in this account and the request's region. */
export function arnIsLocal(a: ParsedArn, ctx: OpContext): boolean {
  return a.region === ctx.regionName && a.account === ACCOUNT_ID;
}

/**
 * ClientToken idempotency: the same token with the same parameters returns the first answer and
 * creates nothing. The same token with other parameters is refused (the service model has no
 * dedicated error; INVALID_REQUEST is the closest ValidationExceptionReason).
 */
/** How long a ClientToken is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export function idempotent<T extends object>(ctx: OpContext, operation: string, input: { ClientToken?: string }, create: () => T): T {
  if (!input.ClientToken) return create();
  const key = `${operation}:${input.ClientToken}`;
  const { ClientToken: _token, ...params } = input;
  const fingerprint = JSON.stringify(params, Object.keys(params).sort());
  const seen = ctx.region.idempotency[key];
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw validationError('INVALID_REQUEST', `The ClientToken ${input.ClientToken} was already used with different parameters.`, [
        { Name: 'ClientToken', Message: 'Client token already used with different parameters' },
      ]);
    }
    return seen.result as T;
  }
  const result = create();
  // The SDK sends a fresh token with every call: keep a day's worth, not all of them.
  for (const k in ctx.region.idempotency) if (ctx.now - ctx.region.idempotency[k].at > IDEMPOTENCY_WINDOW_MS) delete ctx.region.idempotency[k];
  ctx.region.idempotency[key] = { fingerprint, result, at: ctx.now };
  return result;
}

/** Sets the tags of a newly created resource. */
export function setTags(ctx: OpContext, resourceArn: string, tags: { Key?: string; Value?: string }[] | undefined): void {
  if (tags?.length) ctx.region.tags[resourceArn] = tags.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
}
