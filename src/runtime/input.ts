/**
 * Reading an input file or stdin with a limit checked while reading: `/dev/zero`, an endless
 * pipe (`yes DE | ...`), a FIFO or a huge file end at the limit, in bounded memory, with a message
 * that names it. Missing files, directories and binary files are input problems too.
 */
import { constants, createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
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
  let source: AsyncIterable<unknown> & { destroy?: () => void };
  let fifo: string | undefined;
  if (file === '-') source = ctx.stdin;
  else {
    const full = path.resolve(ctx.cwd, file);
    try {
      const s = await stat(full);
      if (s.isDirectory()) return { problem: `${shown} is a directory, not a file` };
      // A regular file says its size: refused without reading. Devices and FIFOs are read up to the limit.
      if (s.isFile() && s.size > options.limitBytes) return { problem: tooLarge };
      if (s.isFIFO()) fifo = full;
    } catch (err) {
      return { problem: fileProblem(err, shown) };
    }
    // Interrupted before the read began (a signal while the command was still loading): a FIFO
    // opened now would wait for a writer, and hold the process, with no read left to release it.
    if (ctx.signal.aborted) throw new InterruptedError();
    source = createReadStream(full, { highWaterMark: Math.min(64 * 1024, options.limitBytes + 1) });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const consume = async (): Promise<string | undefined> => {
    for await (const chunk of source) {
      if (ctx.signal.aborted) throw new InterruptedError();
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      // Leaving the loop closes the stream: an endless source stops here.
      if (size > options.limitBytes) return tooLarge;
      chunks.push(buf);
    }
    return undefined;
  };
  // Ctrl-C or SIGTERM ends the read at once, even when the source never sends (a stalled pipe, a
  // FIFO that no writer opens): the read is abandoned, not awaited.
  let onAbort = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new InterruptedError());
      source.destroy?.();
      if (fifo) releaseFifoOpen(fifo);
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const problem = await Promise.race([consume(), interrupted]);
    if (problem) return { problem };
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return { problem: fileProblem(err, shown) };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  const buf = Buffer.concat(chunks);
  if (buf.includes(0)) return { problem: `${shown} is a binary file, not text` };
  return { text: buf.toString('utf8') };
}

/**
 * Opening a FIFO for reading waits (in a libuv worker, which no abort reaches) until a writer
 * opens it; while it waits the process cannot end. Opening it for writing ourselves, without
 * blocking, ends that wait: the abandoned read then sees end of file and closes.
 */
export function releaseFifoOpen(fifo: string): void {
  open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then(
    (h) => h.close(),
    () => {}, // ENXIO: no reader waits (the read already had a writer), nothing to release
  );
}

/** A file error in words: "no such file: x", "cannot read x: permission denied". */
export function fileProblem(err: unknown, shown: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no such file: ${shown}`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${shown}: permission denied`;
  if (code === 'EISDIR') return `${shown} is a directory, not a file`;
  return `cannot read ${shown}: ${(err as Error).message}`;
}
