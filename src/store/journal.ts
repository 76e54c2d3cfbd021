/**
 * A journal of bulk work: one JSON object per line, appended and fsynced before the user is told,
 * so a run stopped by Ctrl-C, a crash or kill -9 can be resumed by running the same command again.
 *
 * - Several processes may append at once: each batch is one write(2) on an O_APPEND descriptor.
 * - A torn last line (a crash in the middle of a write) is skipped when reading.
 * - Owner only: directories 0700, files 0600. A torn last line is closed before the next append.
 */
import { readFile, type FileHandle } from 'node:fs/promises';
import { openForAppend } from './append-file.js';
import path from 'node:path';

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** `$EUM_HOME/journal/<kind>/<target>/<name>.jsonl`. */
export function journalPath(stateDir: string, kind: string, target: string, name: string): string {
  return path.join(stateDir, 'journal', safe(kind), safe(target), `${safe(name)}.jsonl`);
}

export class Journal<T extends object> {
  private handle?: Promise<FileHandle>;

  constructor(readonly location: string) {}

  /** Every entry written so far, oldest first (an absent journal is empty). */
  async read(): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: T[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const v = JSON.parse(line) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as T);
      } catch {
        // a torn line from an interrupted write: the entry was never acknowledged
      }
    }
    return out;
  }

  /** Appends entries; durable when the promise resolves. */
  async append(entries: T[]): Promise<void> {
    if (entries.length === 0) return;
    const fh = await this.appender();
    await fh.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await fh.sync();
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h).close();
  }

  private appender(): Promise<FileHandle> {
    this.handle ??= openForAppend(this.location);
    return this.handle;
  }
}
