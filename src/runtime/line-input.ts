/**
 * Reading a list of items (one per line) from a file, a FIFO or stdin, in bounded memory: lines
 * are checked while reading, so `/dev/zero`, an endless pipe or a binary file end at once with
 * an input error that names the limit. `eum feedback put --file` reads its ids this way.
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../cli/errors.js';
import { releaseFifoOpen } from './input.js';

/** A line of a list of ids is an id and a status: anything longer is not one (and is refused while reading). */
export const MAX_LINE_CHARS = 1024;

/**
 * Reads lines of a file or stdin, with their numbers, in bounded memory: a line longer than
 * MAX_LINE_CHARS or holding a NUL byte ends the reading with an input error naming the limit,
 * as soon as it is seen (`/dev/zero` fails on its first chunk).
 */
export async function* numberedLines(stream: NodeJS.ReadableStream, shown: string, signal?: AbortSignal): AsyncGenerator<{ line: string; n: number }> {
  const { StringDecoder } = await import('node:string_decoder');
  const decoder = new StringDecoder('utf8');
  const readable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  let partial = '';
  let n = 0;
  const tooLong = () =>
    new InputError(
      [{ field: '--file', message: `line ${n + 1} of ${shown} is longer than ${MAX_LINE_CHARS} characters (the limit): not a list of message ids` }],
      'lines are "id" (with --status) or "id,status"',
    );
  const binary = () =>
    new InputError([{ field: '--file', message: `${shown} holds binary data (a NUL byte on line ${n + 1}), not a text list of message ids` }]);
  const iterator = (readable as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  // Ctrl-C ends the loop without waiting for another chunk of an open stdin. Each read waits on a
  // promise of its own: a Promise.race against one long-lived "aborted" promise would keep every
  // chunk read (each race's result hangs on it) until the end of the run.
  let wakeOnAbort: (() => void) | undefined;
  const onAbort = () => wakeOnAbort?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  const nextChunk = () =>
    new Promise<IteratorResult<Buffer | string> | 'aborted'>((resolve, reject) => {
      if (signal?.aborted) return resolve('aborted');
      wakeOnAbort = () => resolve('aborted');
      iterator.next().then(resolve, reject);
    });
  try {
    for (;;) {
      const next = signal ? await nextChunk() : await iterator.next();
      wakeOnAbort = undefined;
      if (next === 'aborted' || next.done) break;
      const chunk = next.value;
      if ((typeof chunk === 'string' ? chunk.indexOf('\0') : chunk.indexOf(0)) >= 0) {
        // Lines before the NUL byte are still read (and checked) first.
        const text = partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
        const nul = text.indexOf('\0');
        const lines = text.slice(0, nul).split('\n');
        lines.pop();
        for (const line of lines) yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, n: ++n };
        throw binary();
      }
      const text = partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl - start > MAX_LINE_CHARS + 1) throw tooLong();
        const line = text.slice(start, nl);
        yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, n: ++n };
        start = nl + 1;
      }
      partial = text.slice(start);
      if (partial.length > MAX_LINE_CHARS + 1) throw tooLong();
    }
    partial += decoder.end();
    if (partial.length > MAX_LINE_CHARS + 1) throw tooLong();
    if (partial !== '' && !signal?.aborted) yield { line: partial.endsWith('\r') ? partial.slice(0, -1) : partial, n: ++n };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Stop reading: an open stdin would keep the process alive after Ctrl-C, a FIFO would keep its writer blocked.
    void iterator.return?.();
    readable.destroy?.();
    // A FIFO still waiting for a writer to open it would keep the process alive after Ctrl-C.
    const file = readable as { pending?: boolean; path?: unknown };
    if (file.pending && typeof file.path === 'string') releaseFifoOpen(file.path);
  }
}

/** What kind of input a --file path is: a regular file (checked before sending), a pipe (read as it comes), or refused. */
export async function inputKind(full: string, shown: string): Promise<{ kind: 'file' | 'pipe' } | { kind: 'refused'; problem: string }> {
  try {
    const s = await stat(full);
    if (s.isFile()) return { kind: 'file' };
    if (s.isFIFO()) return { kind: 'pipe' };
    if (s.isDirectory()) return { kind: 'refused', problem: `${shown} is a directory, not a file` };
    return { kind: 'refused', problem: `${shown} is a device or socket, not a file of message ids: give a file, or pipe the ids into --file -` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'refused', problem: `no such file: ${shown}` };
    if (code === 'EACCES') return { kind: 'refused', problem: `cannot read ${shown}: permission denied` };
    return { kind: 'refused', problem: `cannot read ${shown}: ${(err as Error).message}` };
  }
}
