/**
 * Flags declared once, with their types and checks: a command describes each flag as a schema
 * (`flag` for a check of its own, `flagSchemas` below for the common kinds) and `parseOptions`
 * turns commander's raw values into a typed object, every problem found at once as an
 * `InputProblem` naming the flag. Commands then never cast `Record<string, unknown>` or check a
 * value by hand.
 *
 * The schemas are zod's, from `zod/mini`, which the build bundles: its tree-shaken 30 kB cost a
 * one-shot command about 2 ms, where loading the full `zod` package costs 60 to 90 ms of CPU (the
 * YAML documents of protect and program still use it, loaded when those commands run).
 */
import * as z from 'zod/mini';
import type { InputProblem } from '../errors.js';
import { flagName, shown } from './flag-text.js';
import { parseRateValue } from '../core/rate.js';

export { flagName, regionProblem, shown } from './flag-text.js';

/**
 * A flag's schema from one function: it gets commander's raw value (undefined when the flag is
 * absent) and returns the typed value, calling `problem(message)` for each thing wrong with it.
 */
export function flag<T>(check: (raw: unknown, problem: (message: string) => void) => T): FlagSchema<T> {
  return z.pipe(
    z.unknown(),
    z.transform((raw: unknown, ctx) => check(raw, (message) => ctx.issues.push({ code: 'custom', message, input: raw }))),
  ) as unknown as FlagSchema<T>;
}

/** A flag's schema, made by `flag`: raw value in, `T` out. */
export type FlagSchema<T> = z.ZodMiniType<unknown, T>;
type Shape = Record<string, FlagSchema<unknown>>;
/** The typed flags of a shape: each key's parsed value (undefined where a flag had a problem). */
export type ParsedOptions<S extends Shape> = { [K in keyof S]: S[K] extends FlagSchema<infer T> ? T : never };

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
  switch: () => flag((raw) => raw === true),
  /** A non-empty string, at most `max` characters, without control characters. */
  text: (what: string, max = 256) =>
    flag((raw, problem): string | undefined => {
      if (raw === undefined) return undefined;
      const v = String(raw);
      if (v === '' || v.length > max) problem(`"${shown(v)}" is not ${what} (1 to ${max} characters)`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
      else if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) problem(`"${shown(v)}" is not ${what}: it holds control characters`);
      return v;
    }),
  /** One of `choices`, case-insensitive; parsed to the choice as written in `choices`. */
  choice: <const C extends readonly string[]>(choices: C, what = 'value') =>
    flag((raw, problem): C[number] | undefined => {
      if (raw === undefined) return undefined;
      const v = String(raw);
      const hit = choices.find((x) => x.toLowerCase() === v.toLowerCase());
      if (hit === undefined) problem(`"${shown(v)}" is not a ${what}: use ${choices.join(', ')}`);
      return hit;
    }),
  /**
   * One of `values` ("must be one of a, b, got "x""). `upper`: compared upper-cased (statuses);
   * `fallback`: the value when the flag is absent.
   */
  oneOf: <const V extends readonly string[]>(values: V, options: { upper?: boolean; fallback?: V[number] } = {}) =>
    flag((raw, problem): V[number] | undefined => {
      if (raw === undefined) return options.fallback;
      const v = options.upper ? String(raw).toUpperCase() : String(raw);
      if (!values.includes(v)) problem(`must be one of ${values.join(', ')}, got "${shown(raw)}"`);
      return v;
    }),
  /** `--rate`: calls per second a timer can pace (0.001 to 1000, `core/rate.ts`); `fallback` when absent. */
  rate: <F extends number | undefined = undefined>(fallback?: F) =>
    flag((raw, problem): number | F => {
      if (raw === undefined) return fallback as F;
      const r = parseRateValue(String(raw));
      if (typeof r === 'number') return r;
      problem(r.problem);
      return fallback as F;
    }),
  /** A whole number from `min` to `max` (given as text, as commander does). */
  int: (min: number, max: number) =>
    flag((raw, problem): number | undefined => {
      if (raw === undefined) return undefined;
      const n = typeof raw === 'number' ? raw : String(raw).trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) problem(`"${shown(raw)}" is not a whole number from ${min} to ${max}`);
      return n;
    }),
};
