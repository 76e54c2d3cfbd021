/**
 * Flags declared once, with their types and checks: a command describes its flags as zod schemas
 * (`flagSchemas` below for the common kinds) and `parseOptions` turns commander's raw values into
 * a typed object, every problem found at once as an `InputProblem` naming the flag. Commands then
 * never cast `Record<string, unknown>` or check a value by hand.
 */
import { z } from 'zod';
import type { InputProblem } from '../errors.js';
import { escapeControls } from '../core/escape.js';

/** `maxAttempts` -> `--max-attempts`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A raw value as a message may show it: control characters escaped, at most 60 characters. */
export function shown(value: unknown): string {
  const s = escapeControls(String(value));
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

type Shape = Record<string, z.ZodType>;
/** The typed flags of a shape: each key's parsed value (undefined where a flag had a problem). */
export type ParsedOptions<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Parses each flag of `shape` from `raw` (commander's options). A flag whose value fails its
 * schema adds a problem naming it (`names[key]`, else `--kebab-case` of the key) with the
 * schema's message, and is undefined in the result: callers throw `InputError(problems)` when any
 * were added, so every problem of a command line is reported at once.
 */
export function parseOptions<S extends Shape>(
  shape: S,
  raw: Record<string, unknown>,
  problems: InputProblem[],
  names: Partial<Record<keyof S, string>> = {},
): ParsedOptions<S> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const r = schema.safeParse(raw[key]);
    if (r.success) {
      out[key] = r.data;
      continue;
    }
    const field = names[key] ?? flagName(key);
    for (const issue of r.error.issues) problems.push({ field, message: issue.message });
    out[key] = undefined;
  }
  return out as ParsedOptions<S>;
}

/** The schemas most flags need; each message says what the flag takes. */
export const flagSchemas = {
  /** A boolean switch (commander gives true or undefined). */
  switch: () =>
    z
      .boolean()
      .optional()
      .transform((v) => v === true),
  /** A non-empty string, at most `max` characters, without control characters. */
  text: (what: string, max = 256) =>
    z
      .string()
      .optional()
      .superRefine((v, c) => {
        if (v === undefined) return;
        if (v === '' || v.length > max) c.addIssue({ code: 'custom', message: `"${shown(v)}" is not ${what} (1 to ${max} characters)` });
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
        else if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) c.addIssue({ code: 'custom', message: `"${shown(v)}" is not ${what}: it holds control characters` });
      }),
  /** One of `choices`, case-insensitive; parsed to the choice as written in `choices`. */
  choice: <const C extends readonly string[]>(choices: C, what = 'value') =>
    z
      .string()
      .optional()
      .transform((v, c): C[number] | undefined => {
        if (v === undefined) return undefined;
        const hit = choices.find((x) => x.toLowerCase() === v.toLowerCase());
        if (hit === undefined) c.addIssue({ code: 'custom', message: `"${shown(v)}" is not a ${what}: use ${choices.join(', ')}` });
        return hit;
      }),
  /**
   * One of `values` ("must be one of a, b, got "x""). `upper`: compared upper-cased (statuses);
   * `fallback`: the value when the flag is absent.
   */
  oneOf: <const V extends readonly string[]>(values: V, options: { upper?: boolean; fallback?: V[number] } = {}) =>
    z.unknown().transform((raw, c): V[number] | undefined => {
      if (raw === undefined) return options.fallback;
      const v = options.upper ? String(raw).toUpperCase() : String(raw);
      if (!values.includes(v)) c.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${shown(raw)}"` });
      return v;
    }),
  /** A whole number from `min` to `max` (given as text, as commander does). */
  int: (min: number, max: number) =>
    z
      .union([z.string(), z.number()])
      .optional()
      .transform((v, c): number | undefined => {
        if (v === undefined) return undefined;
        const n = typeof v === 'number' ? v : String(v).trim() === '' ? Number.NaN : Number(v);
        if (!Number.isInteger(n) || n < min || n > max) c.addIssue({ code: 'custom', message: `"${shown(v)}" is not a whole number from ${min} to ${max}` });
        return n;
      }),
};

/** What an AWS Region name may hold: one hostname label (the SDK puts it in the endpoint's host). */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A problem with a Region name (from `--region` or the environment), else undefined. */
export function regionProblem(region: string, field = '--region'): InputProblem | undefined {
  if (REGION.test(region)) return undefined;
  return { field, message: `"${shown(region)}" is not an AWS Region name (letters, digits and hyphens, e.g. us-east-1)` };
}
