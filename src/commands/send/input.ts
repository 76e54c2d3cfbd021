/** Reading a message body or a bulk file: missing files, directories, binary files and files past the limit are input problems. */
import { stat } from 'node:fs/promises';
import type { Context } from '../../cli/context.js';

/** The most a body file (or stdin) may hold: 1600 characters of up to 4 bytes in UTF-8, and a newline. */
export const BODY_INPUT_LIMIT_BYTES = 8 * 1024;

/** Reads a message body from a file, or stdin for `-`, bounded. Returns the text or a problem message. */
export async function readTextInput(ctx: Context, file: string): Promise<{ text?: string; problem?: string }> {
  const { readLimitedText } = await import('../../runtime/input.js');
  return readLimitedText(ctx, file, { limitBytes: BODY_INPUT_LIMIT_BYTES, why: 'a message body is at most 1600 characters' });
}

/** Why a path cannot be read as a text file, or undefined. */
export async function checkReadableFile(full: string, shown: string): Promise<string | undefined> {
  try {
    const s = await stat(full);
    if (s.isDirectory()) return `${shown} is a directory, not a file`;
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `no such file: ${shown}`;
    if (code === 'EACCES') return `cannot read ${shown}: permission denied`;
    return `cannot read ${shown}: ${(err as Error).message}`;
  }
}
