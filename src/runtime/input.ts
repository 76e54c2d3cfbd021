/**
 * Reading an input file or stdin with a limit checked while reading: `/dev/zero`, an endless
 * pipe (`yes DE | ...`), a FIFO or a huge file end at the limit, in bounded memory, with a message
 * that names it. Missing files, directories and binary files are input problems too.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../cli/context.js';
import { InterruptedError } from '../errors.js';

export interface LimitedReadOptions {
  /** The most bytes accepted. */
  limitBytes: number;
  /** Why the limit, e.g. "a message body is at most 1600 characters". */
  why: string;
}

/** "16 KiB", "64 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Reads a text file, or stdin for `-`. Returns the text or a problem message (never throws for bad input). */
export async function readLimitedText(ctx: Context, file: string, options: LimitedReadOptions): Promise<{ text?: string; problem?: string }> {
  const shown = file === '-' ? 'stdin' : file;
  const tooLarge = `${shown} is larger than ${formatBytes(options.limitBytes)}: ${options.why}`;
  let source: AsyncIterable<unknown>;
  if (file === '-') source = ctx.stdin;
  else {
    const full = path.resolve(ctx.cwd, file);
    try {
      const s = await stat(full);
      if (s.isDirectory()) return { problem: `${shown} is a directory, not a file` };
      // A regular file says its size: refused without reading. Devices and FIFOs are read up to the limit.
      if (s.isFile() && s.size > options.limitBytes) return { problem: tooLarge };
    } catch (err) {
      return { problem: fileProblem(err, shown) };
    }
    source = createReadStream(full, { highWaterMark: Math.min(64 * 1024, options.limitBytes + 1) });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      if (ctx.signal.aborted) throw new InterruptedError();
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      // Leaving the loop closes the stream: an endless source stops here.
      if (size > options.limitBytes) return { problem: tooLarge };
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return { problem: fileProblem(err, shown) };
  }
  const buf = Buffer.concat(chunks);
  if (buf.includes(0)) return { problem: `${shown} is a binary file, not text` };
  return { text: buf.toString('utf8') };
}

/** A file error in words: "no such file: x", "cannot read x: permission denied". */
export function fileProblem(err: unknown, shown: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no such file: ${shown}`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${shown}: permission denied`;
  if (code === 'EISDIR') return `${shown} is a directory, not a file`;
  return `cannot read ${shown}: ${(err as Error).message}`;
}
