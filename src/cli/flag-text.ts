/**
 * How flags and their values are named in messages, and the Region check of the global options.
 * Kept apart from options.ts so that the program's start-up does not load zod.
 */
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

/** What an AWS Region name may hold: one hostname label (the SDK puts it in the endpoint's host). */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A problem with a Region name (from `--region` or the environment), else undefined. */
export function regionProblem(region: string, field = '--region'): InputProblem | undefined {
  if (REGION.test(region)) return undefined;
  return { field, message: `"${shown(region)}" is not an AWS Region name (letters, digits and hyphens, e.g. us-east-1)` };
}
