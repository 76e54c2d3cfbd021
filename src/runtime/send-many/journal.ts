/**
 * The journal of a send-many run: `$EUM_HOME/journal/send/<hash>.jsonl`, where the hash covers
 * the file's bytes and the options that decide what is sent. One line per event:
 *
 * - `{"r":12,"s":"inflight","o":"+18335550100"}` before row 12's request is written;
 * - `{"r":12,"s":"sent","id":"...","o":"...","p":1}` (or `failed` with `e`, `unknown` with `e`) after.
 *
 * Writes are group-committed: every entry waiting when a write starts goes in one write(2) and
 * one fsync, and a row's request waits until its `inflight` line is durable. So a kill -9 at any
 * moment leaves each row either never started, in flight (unknown: not sent again unless
 * --retry-unknown), or with its outcome. Directory 0700, file 0600 (`openForAppend`).
 */
import { stat, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { openForAppend } from '../../store/append-file.js';

export type JournalStatus = 'inflight' | 'sent' | 'failed' | 'unknown';

export interface JournalEntry {
  /** Data row number. */
  r: number;
  s: JournalStatus;
  /** Origination identity label. */
  o?: string;
  id?: string;
  /** Parts. */
  p?: number;
  /** Error code or reason. */
  e?: string;
  /** First line of a run: when it started, and with which options. */
  start?: string;
}

export function sendJournalPath(stateDir: string, hash: string): string {
  return path.join(stateDir, 'journal', 'send', `${hash}.jsonl`);
}

/** What a journal says of each row: its last status (and message id). */
export interface JournalState {
  exists: boolean;
  rows: Map<number, { s: JournalStatus; id?: string; o?: string; e?: string; p?: number }>;
  runs: number;
}

/** Reads a journal line by line (a torn last line is skipped). */
export async function readSendJournal(location: string): Promise<JournalState> {
  const rows: JournalState['rows'] = new Map();
  let runs = 0;
  try {
    if ((await stat(location)).isDirectory()) throw Object.assign(new Error(`${location} is a directory`), { code: 'EISDIR' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, rows, runs };
    throw err;
  }
  const lines = createInterface({ input: createReadStream(location, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    let e: JournalEntry;
    try {
      e = JSON.parse(line) as JournalEntry;
    } catch {
      continue; // a torn line from a killed run: never acknowledged
    }
    if (e.start) {
      runs++;
      continue;
    }
    if (typeof e.r !== 'number') continue;
    const prev = rows.get(e.r);
    // An outcome is never undone by a later in-flight line of the same row (a --retry-unknown run writes one).
    if (prev && prev.s === 'sent') continue;
    rows.set(e.r, { s: e.s, id: e.id, o: e.o, e: e.e, p: e.p });
  }
  return { exists: true, rows, runs };
}

/** Appends entries with group commit; `write` resolves when the entry is durable. */
export class SendJournal {
  private handle?: FileHandle;
  private pending: string[] = [];
  private waiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  private flushing = false;
  private failed?: unknown;

  private constructor(readonly location: string) {}

  static async open(location: string): Promise<SendJournal> {
    const j = new SendJournal(location);
    j.handle = await openForAppend(location);
    return j;
  }

  write(entry: JournalEntry): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.pending.push(`${JSON.stringify(entry)}\n`);
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // Let the entries of this turn of the event loop join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.pending.length) {
      const text = this.pending.join('');
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.handle!.write(text);
        await this.handle!.sync();
        for (const w of waiters) w.resolve();
      } catch (err) {
        this.failed = err;
        for (const w of [...waiters, ...this.waiters]) w.reject(err);
        this.waiters = [];
        this.pending = [];
      }
    }
    this.flushing = false;
  }

  /** Waits for every entry written so far. */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length) {
      await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {
    await this.drain();
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}
