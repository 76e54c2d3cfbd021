/**
 * `--query EXPR`: a JMESPath expression applied to a command's JSON output, as the AWS CLI does.
 *
 * The expression is compiled (and its function names checked) while the global options are read,
 * so a bad one is a usage error before any API call. The library is loaded only when the flag is
 * given.
 */
import { UsageError } from './errors.js';

/** A compiled expression: `apply` filters one JSON value. */
export interface Query {
  readonly expression: string;
  apply(value: unknown): unknown;
}

type Jmespath = typeof import('@jmespath-community/jmespath');

/** Longest expression accepted: a bound on an input, far above any real query. */
const MAX_QUERY_LENGTH = 4096;

/** Function names an expression calls, found in its syntax tree. */
function functionNames(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) functionNames(child, into);
  } else if (node && typeof node === 'object') {
    const n = node as { type?: string; name?: unknown };
    if (n.type === 'Function' && typeof n.name === 'string') into.push(n.name);
    for (const child of Object.values(node)) if (child && typeof child === 'object') functionNames(child, into);
  }
  return into;
}

/** Compiles `--query EXPR`, or throws a usage error that names the flag and the problem. */
export async function compileQuery(expression: string): Promise<Query> {
  if (expression.trim() === '') throw new UsageError('--query needs a JMESPath expression, got an empty one', 'e.g. --query "items[].senderId"');
  if (expression.length > MAX_QUERY_LENGTH) throw new UsageError(`--query is longer than ${MAX_QUERY_LENGTH} characters`);
  const jmespath: Jmespath = await import('@jmespath-community/jmespath');
  let ast: ReturnType<Jmespath['compile']>;
  try {
    ast = jmespath.compile(expression);
  } catch (err) {
    throw new UsageError(
      `--query is not a valid JMESPath expression: ${lowerFirst((err as Error).message)}`,
      'see https://jmespath.org for the syntax, e.g. --query "items[0].id"',
    );
  }
  const unknown = functionNames(ast).filter((name) => !jmespath.isRegistered(name));
  if (unknown.length > 0)
    throw new UsageError(`--query calls an unknown function: ${unknown[0]}()`, 'see https://jmespath.org/specification.html#built-in-functions');
  return {
    expression,
    apply: (value) => jmespath.TreeInterpreter.search(ast, toJsonValue(value) as Parameters<Jmespath['search']>[0]),
  };
}

/** The value as JSON would carry it (dates as ISO strings, no undefined), which JMESPath expects. */
function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v)) ?? 'null');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
