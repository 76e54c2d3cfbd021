/**
 * The recipient file, read twice in bounded memory: once to check every row (and hash the
 * file, which names its journal), once to send. Stdin is copied first to a private file in the
 * state directory (0600), so it can be read twice too, and removed at the end.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../cli/context.js';
import { CsvError, CsvReader, type CsvRecord } from '../../core/send-many/csv.js';
import { fileProblem, formatBytes } from '../input.js';

/** The largest recipient file: 2 GiB (about 30 million short rows). */
export const RECIPIENT_FILE_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;
/** The most data rows a file may have. */
export const RECIPIENT_ROWS_LIMIT = 10_000_000;

export interface RecipientSource {
  /** As the user named it ("stdin" for -). */
  shown: string;
  full: string;
  /** Removes a stdin copy. */
  dispose(): Promise<void>;
}

/** Opens the file (or copies stdin); a problem message when it cannot be read. */
export async function openRecipientSource(ctx: Context, file: string): Promise<RecipientSource | { problem: string }> {
  if (file !== '-') {
    const full = path.resolve(ctx.cwd, file);
    try {
      const s = await stat(full);
      if (s.isDirectory()) return { problem: `${file} is a directory, not a file` };
      if (s.isFile() && s.size > RECIPIENT_FILE_LIMIT_BYTES) return { problem: `${file} is larger than ${formatBytes(RECIPIENT_FILE_LIMIT_BYTES)}: split it` };
      if (!s.isFile()) return { problem: `${file} is not a regular file: it is read twice (checks, then sends); use --to-file - to pipe it` };
    } catch (err) {
      return { problem: fileProblem(err, file) };
    }
    return { shown: file, full, dispose: async () => undefined };
  }
  if (ctx.stdinIsTTY) return { problem: 'reading the recipients from stdin, but stdin is a terminal: pipe the CSV in, or give a file' };
  const dir = path.join(ctx.stateDir, 'tmp');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const full = path.join(dir, `send-stdin-${process.pid}-${Date.now()}.csv`);
  const out = createWriteStream(full, { mode: 0o600 });
  const dispose = () => rm(full, { force: true });
  let size = 0;
  try {
    for await (const chunk of ctx.stdin) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > RECIPIENT_FILE_LIMIT_BYTES) {
        out.destroy();
        await dispose();
        return { problem: `stdin is larger than ${formatBytes(RECIPIENT_FILE_LIMIT_BYTES)}: split it` };
      }
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out.destroy();
    await dispose();
    return { problem: fileProblem(err, 'stdin') };
  }
  return { shown: 'stdin', full, dispose };
}

/** The file's records, streamed; `hash` (sha256 of the bytes) is complete after the last. */
export async function* readRecords(source: RecipientSource, hash?: ReturnType<typeof createHash>): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader();
  const stream = createReadStream(source.full, { highWaterMark: 256 * 1024 });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      hash?.update(buf);
      if (buf.includes(0)) throw new CsvError(0, `${source.shown} is a binary file, not CSV text`);
      const records = reader.push(decoder.decode(buf, { stream: true }));
      if (records.length) yield records;
    }
    const last = [...reader.push(decoder.decode()), ...reader.end()];
    if (last.length) yield last;
  } finally {
    stream.destroy();
  }
}

export function fileHash(): ReturnType<typeof createHash> {
  return createHash('sha256');
}
