/**
 * Files a command writes its result to (`-o FILE`, `--template FILE`): the path is checked before
 * any API call, and a write that still fails is an input error naming the flag, never a crash.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { escapeControls } from '../core/escape.js';

/** Why a file cannot be written there, in words. */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (err as Error).message;
  }
}

const named = (file: string) => escapeControls(file.length > 80 ? `${file.slice(0, 77)}...` : file);

/** Throws an input error naming `field` when `file` (absolute) cannot be written; call before any API call. */
export function checkOutputPath(file: string, field: string, shownAs: string = file): void {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    const dir = path.dirname(file);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
    if (path.basename(file).length > 255) throw Object.assign(new Error('too long'), { code: 'ENAMETOOLONG' });
  } catch (err) {
    throw new InputError([{ field, message: `cannot write ${named(shownAs)}: ${reason(err)}` }]);
  }
}

/** Writes `text` to `file`; a failure is an input error naming `field`. */
export async function writeOutputFile(file: string, text: string, options: { mode: number; field: string; shownAs?: string }): Promise<void> {
  try {
    await writeFile(file, text, { mode: options.mode });
  } catch (err) {
    throw new InputError([{ field: options.field, message: `cannot write ${named(options.shownAs ?? file)}: ${reason(err)}` }], 'nothing was written');
  }
}
