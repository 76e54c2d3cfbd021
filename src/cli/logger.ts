/**
 * The logger: every message, warning and debug line goes to stderr, never stdout. Messages carry
 * text from arguments, files and the API: their control characters are escaped (our own colour
 * is kept when colour is on).
 */
import { Chalk } from 'chalk';
import type { OutStream } from './context.js';
import { escapeControls } from '../core/escape.js';

export interface Logger {
  /** Progress and status messages; hidden by --quiet. */
  info(message: string): void;
  /** A successful outcome; hidden by --quiet. */
  success(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Only with --debug. */
  debug(message: string): void;
  readonly debugEnabled: boolean;
  /** The chalk instance for stderr (no colour when stderr is not a terminal). */
  readonly style: InstanceType<typeof Chalk>;
}

export function createLogger(opts: { stream: OutStream; color: boolean; quiet: boolean; debug: boolean }): Logger {
  const style = new Chalk({ level: opts.color ? 1 : 0 });
  const line = (s: string) => {
    const safe = escapeControls(s, { keepLines: true, keepColor: opts.color });
    opts.stream.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  };
  return {
    style,
    debugEnabled: opts.debug,
    info: (m) => {
      if (!opts.quiet) line(m);
    },
    success: (m) => {
      if (!opts.quiet) line(`${style.green('✓')} ${m}`);
    },
    warn: (m) => line(`${style.yellow('warning:')} ${m}`),
    error: (m) => line(`${style.red('error:')} ${m}`),
    debug: (m) => {
      if (opts.debug) line(style.dim(`[debug] ${m}`));
    },
  };
}
