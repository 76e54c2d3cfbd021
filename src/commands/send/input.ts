/** Reading a message body or a bulk file: missing files, directories and binary files are input problems. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../cli/context.js';

/** Reads a text file, or stdin for `-`. Returns the text or a problem message. */
export async function readTextInput(ctx: Context, file: string): Promise<{ text?: string; problem?: string }> {
  let buf: Buffer;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    buf = Buffer.concat(chunks);
  } else {
    const full = path.resolve(ctx.cwd, file);
    const problem = await checkReadableFile(full, file);
    if (problem) return { problem };
    buf = await readFile(full);
  }
  if (buf.includes(0)) return { problem: `${file === '-' ? 'stdin' : file} is a binary file, not text` };
  return { text: buf.toString('utf8') };
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
