/**
 * Prompts, bound to the context's streams. The prompt library is imported on first use, so
 * commands that never ask load nothing. Questions are drawn on stderr: stdout carries data only.
 */
import { UsageError } from './errors.js';
import type { InStream, OutStream } from './context.js';

export interface Choice<T> {
  value: T;
  name?: string;
  description?: string;
}

export interface Prompter {
  readonly enabled: boolean;
  input(q: { message: string; default?: string; validate?: (value: string) => true | string; flag?: string }): Promise<string>;
  /** Long text in the user's $EDITOR (VISUAL, EDITOR). */
  editor(q: { message: string; default?: string; validate?: (value: string) => true | string; flag?: string }): Promise<string>;
  confirm(q: { message: string; default?: boolean; flag?: string }): Promise<boolean>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T; flag?: string }): Promise<T>;
  checkbox<T>(q: { message: string; choices: (Choice<T> & { checked?: boolean })[]; validate?: (values: T[]) => true | string; flag?: string }): Promise<T[]>;
}

/** Prompts cannot run: the error names the flag that gives the value instead. */
function cannotPrompt(message: string, flag?: string): never {
  throw new UsageError(
    `missing value: ${message.replace(/[:?]\s*$/, '')}`,
    flag ? `pass ${flag} (eum cannot ask when not running interactively)` : 'run in a terminal, or give the value with a flag',
  );
}

export function createPrompter(opts: { input: InStream; output: OutStream; enabled: boolean }): Prompter {
  const context = { input: opts.input, output: opts.output, clearPromptOnDone: false } as never;
  const lib = () => import('@inquirer/prompts');
  return {
    enabled: opts.enabled,
    async input(q) {
      if (!opts.enabled) cannotPrompt(q.message, q.flag);
      const { input } = await lib();
      // A rejected value is cleared, so the next one is not typed onto its end.
      return input({ message: q.message, default: q.default, validate: q.validate, theme: { validationFailureMode: 'clear' } }, context);
    },
    async editor(q) {
      if (!opts.enabled) cannotPrompt(q.message, q.flag);
      const { editor } = await lib();
      return editor({ message: q.message, default: q.default, validate: q.validate }, context);
    },
    async confirm(q) {
      if (!opts.enabled) cannotPrompt(q.message, q.flag);
      const { confirm } = await lib();
      return confirm({ message: q.message, default: q.default }, context);
    },
    async select(q) {
      if (!opts.enabled) cannotPrompt(q.message, q.flag);
      const { select } = await lib();
      return select({ message: q.message, choices: q.choices, default: q.default }, context);
    },
    async checkbox(q) {
      if (!opts.enabled) cannotPrompt(q.message, q.flag);
      const { checkbox } = await lib();
      return checkbox(
        { message: q.message, choices: q.choices, validate: q.validate ? (items) => q.validate!(items.map((i) => i.value)) : undefined },
        context,
      );
    },
  };
}
