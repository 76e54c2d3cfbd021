/**
 * Input validation from the official model, before any handler runs: required members, JSON
 * types, enums, string length (in code points), patterns, list and map sizes, numeric ranges,
 * recursively. Messages follow the service's framework ("1 validation error detected: Value 'x'
 * at 'destinationPhoneNumber' failed to satisfy constraint: Member must satisfy regular expression
 * pattern: ...", member paths in lower camel case, list items as `senderIds.1.member`).
 *
 * Reasons: a missing required member answers MISSING_PARAMETER, every other constraint
 * FIELD_VALIDATION_FAILED (both ValidationExceptionReason values). A value of the wrong JSON type
 * never reaches validation in the service: its JSON reader refuses it with a framework
 * SerializationException, and so does the simulator.
 */
import { coralError, validationError, type SimError } from './errors.js';
import { model, type ShapeConstraint } from './model.js';

export interface Violation {
  /** Path as the service prints it: `senderIds.1.member.isoCountryCode`. */
  path: string;
  /** Path in model member names: `SenderIds.0.IsoCountryCode`. */
  field: string;
  /** The constraint, as the service words it: `Member must not be null`. */
  constraint: string;
  value: unknown;
  missing: boolean;
}

const regexCache = new Map<string, RegExp>();

/**
 * The model's patterns are Java regular expressions matched against the whole value. All of them
 * are also valid ECMAScript (lookahead, lookbehind, classes, `\S`, `\d`), so conversion is anchoring
 * the whole pattern; Java-only syntax is refused here so a model update cannot slip through unseen.
 */
export function compilePattern(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    if (/\\[QEGZAz]|\(\?<[^=!]|\\p\{Java|[*+?}]\+|\(\?[a-z]+[:)]/.test(pattern))
      throw new Error(`simulator: unsupported Java regex construct in model pattern ${pattern}`);
    re = new RegExp(`^(?:${pattern})$`);
    regexCache.set(pattern, re);
  }
  return re;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function codePoints(s: string): number {
  return /[\uD800-\uDBFF]/.test(s) ? [...s].length : s.length;
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (typeof v === 'object') return 'START_OBJECT';
  if (typeof v === 'string') return 'STRING_VALUE';
  if (typeof v === 'number') return Number.isInteger(v) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
  if (typeof v === 'boolean') return 'BOOLEAN_VALUE';
  return 'VALUE';
}

function typeMismatch(value: unknown, expected: string): SimError {
  return coralError('SerializationException', `${jsonTypeName(value)} can not be converted to ${expected}`);
}

function lengthChecks(len: number, s: ShapeConstraint, out: string[]): void {
  if (s.min !== undefined && len < s.min) out.push(`Member must have length greater than or equal to ${s.min}`);
  if (s.max !== undefined && len > s.max) out.push(`Member must have length less than or equal to ${s.max}`);
}

function walk(shapeName: string, value: unknown, path: string, field: string, out: Violation[], enumOverride?: string[]): void {
  const s = model.shapes[shapeName];
  if (!s) throw new Error(`simulator: unknown shape ${shapeName}`);
  const constraints: string[] = [];
  switch (s.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeMismatch(value, 'a structure');
      const obj = value as Record<string, unknown>;
      const members = s.members ?? {};
      let set = 0;
      for (const name in members) {
        const m = members[name];
        const v = obj[name];
        const childPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        const childField = field ? `${field}.${name}` : name;
        if (v === undefined || v === null) {
          if (m.required) out.push({ path: childPath, field: childField, constraint: 'Member must not be null', value: null, missing: true });
          continue;
        }
        set++;
        walk(m.shape, v, childPath, childField, out, m.enum);
      }
      if (s.union && set !== 1 && path) constraints.push('Member must have exactly one member set');
      break;
    }
    case 'string': {
      if (typeof value !== 'string') throw typeMismatch(value, 'a String');
      lengthChecks(codePoints(value), s, constraints);
      if (s.pattern !== undefined && !compilePattern(s.pattern).test(value)) constraints.push(`Member must satisfy regular expression pattern: ${s.pattern}`);
      const values = enumOverride ?? s.enum;
      if (values && !values.includes(value)) constraints.push(`Member must satisfy enum value set: [${values.join(', ')}]`);
      break;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeMismatch(value, s.type === 'long' ? 'a Long' : 'an Integer');
      if (s.min !== undefined && value < s.min) constraints.push(`Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && value > s.max) constraints.push(`Member must have value less than or equal to ${s.max}`);
      break;
    }
    case 'double':
    case 'float':
    case 'timestamp': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw typeMismatch(value, s.type === 'timestamp' ? 'a Date' : 'a Double');
      if (s.type !== 'timestamp') {
        if (s.min !== undefined && value < s.min) constraints.push(`Member must have value greater than or equal to ${s.min}`);
        if (s.max !== undefined && value > s.max) constraints.push(`Member must have value less than or equal to ${s.max}`);
      }
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw typeMismatch(value, 'a Boolean');
      break;
    case 'blob':
      if (typeof value !== 'string') throw typeMismatch(value, 'a ByteBuffer');
      lengthChecks(Buffer.byteLength(value, 'base64'), s, constraints);
      break;
    case 'list': {
      if (!Array.isArray(value)) throw typeMismatch(value, 'a List');
      lengthChecks(value.length, s, constraints);
      value.forEach((item, i) => {
        if (item === null || item === undefined) return;
        walk(s.member!, item, `${path}.${i + 1}.member`, `${field}.${i}`, out);
      });
      break;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeMismatch(value, 'a Map');
      const entries = Object.entries(value as Record<string, unknown>);
      lengthChecks(entries.length, s, constraints);
      for (const [k, v] of entries) {
        const keyProblems: Violation[] = [];
        walk(s.key!, k, path, field, keyProblems);
        for (const p of keyProblems) constraints.push(`Map keys must satisfy constraint: [${p.constraint}]`);
        if (v === null || v === undefined) continue;
        const valueProblems: Violation[] = [];
        walk(s.value!, v, path, `${field}.${k}`, valueProblems);
        for (const p of valueProblems) out.push({ ...p, path, constraint: `Map value must satisfy constraint: [${p.constraint}]` });
      }
      break;
    }
  }
  for (const constraint of constraints) out.push({ path, field, constraint, value, missing: false });
}

/** Every violation of the shape's constraints; throws a SerializationException on a wrong JSON type. */
export function findViolations(shapeName: string, input: unknown): Violation[] {
  const out: Violation[] = [];
  walk(shapeName, input, '', '', out);
  return out;
}

function showValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `'[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]'`;
  if (typeof v === 'object') return `'${JSON.stringify(v)}'`;
  return `'${String(v)}'`;
}

/** The service's wording for a list of violations. */
export function validationMessage(violations: Violation[]): string {
  const n = violations.length;
  const parts = violations.map((v) => `Value ${showValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`);
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** Checks an operation's input; throws the ValidationException (or SerializationException) the service answers. */
export function checkInput(operation: string, input: unknown): void {
  const shape = model.operations[operation]?.input;
  if (!shape) return;
  const violations = findViolations(shape, input);
  if (violations.length === 0) return;
  const reason = violations.some((v) => v.missing) ? 'MISSING_PARAMETER' : 'FIELD_VALIDATION_FAILED';
  throw validationError(
    reason,
    validationMessage(violations),
    violations.map((v) => ({ Name: v.field, Message: v.constraint })),
  );
}
