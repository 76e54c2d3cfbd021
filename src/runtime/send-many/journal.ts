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

/** What the journal says of one row: its last status, and what its outcome line gave. */
export interface JournalRow {
  s: JournalStatus;
  id?: string;
  o?: string;
  e?: string;
  p?: number;
}

const STATUS_CODES: JournalStatus[] = ['inflight', 'sent', 'failed', 'unknown'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Rows per page of the tables: pages are made as rows are set, so a damaged row number costs one page. */
const PAGE_ROWS = 4096;

interface Page {
  status: Uint8Array;
  parts: Uint8Array;
  origin: Uint32Array;
  uuid: Uint8Array;
}

/**
 * The rows of a journal, compact: a status byte, a parts byte and an originator index per row,
 * and the message id as 16 bytes when it is a UUID (as the service's are), in pages of 4,096
 * rows, so that resuming a million-row run holds about 22 MB where a Map of objects took an
 * estimated 150 MB. Other ids, errors and originator labels are kept as strings (few of them).
 */
export class JournalRows {
  private readonly pages = new Map<number, Page>();
  private readonly otherIds = new Map<number, string>();
  private readonly errors = new Map<number, string>();
  private readonly originLabels: string[] = [];
  private readonly originIndex = new Map<string, number>();
  /** Rows with a status. */
  size = 0;

  private page(row: number, make: true): Page;
  private page(row: number, make?: false): Page | undefined;
  private page(row: number, make = false): Page | undefined {
    const key = Math.floor(row / PAGE_ROWS);
    let p = this.pages.get(key);
    if (!p && make) {
      p = {
        status: new Uint8Array(PAGE_ROWS),
        parts: new Uint8Array(PAGE_ROWS),
        origin: new Uint32Array(PAGE_ROWS),
        uuid: new Uint8Array(PAGE_ROWS * 16),
      };
      this.pages.set(key, p);
    }
    return p;
  }

  set(row: number, v: JournalRow): void {
    if (!Number.isSafeInteger(row) || row < 0) return;
    const p = this.page(row, true);
    const i = row % PAGE_ROWS;
    if (p.status[i] === 0) this.size++;
    p.status[i] = STATUS_CODES.indexOf(v.s) + 1;
    p.parts[i] = v.p !== undefined && v.p > 0 && v.p < 256 ? v.p : 0;
    p.origin[i] = this.originOf(v.o);
    p.uuid.fill(0, i * 16, i * 16 + 16);
    this.otherIds.delete(row);
    if (v.id !== undefined) {
      if (UUID.test(v.id) && /[^0-]/.test(v.id)) p.uuid.set(Buffer.from(v.id.replaceAll('-', ''), 'hex'), i * 16);
      else this.otherIds.set(row, v.id);
    }
    if (v.e !== undefined) this.errors.set(row, v.e);
    else this.errors.delete(row);
  }

  /** The label's index + 1 (0: none). */
  private originOf(label: string | undefined): number {
    if (label === undefined) return 0;
    let n = this.originIndex.get(label);
    if (n === undefined) {
      n = this.originLabels.push(label);
      this.originIndex.set(label, n);
    }
    return n;
  }

  /** The row's last status, without building the rest. */
  statusOf(row: number): JournalStatus | undefined {
    const code = this.page(row)?.status[row % PAGE_ROWS] ?? 0;
    return code ? STATUS_CODES[code - 1] : undefined;
  }

  get(row: number): JournalRow | undefined {
    const p = this.page(row);
    const i = row % PAGE_ROWS;
    if (!p?.status[i]) return undefined;
    const v: JournalRow = { s: STATUS_CODES[p.status[i] - 1] };
    const id = this.otherIds.get(row) ?? uuidText(p.uuid.subarray(i * 16, i * 16 + 16));
    if (id !== undefined) v.id = id;
    if (p.origin[i]) v.o = this.originLabels[p.origin[i] - 1];
    const e = this.errors.get(row);
    if (e !== undefined) v.e = e;
    if (p.parts[i]) v.p = p.parts[i];
    return v;
  }

  /** Each row's status. */
  *statuses(): Generator<JournalStatus> {
    for (const p of this.pages.values()) for (const code of p.status) if (code) yield STATUS_CODES[code - 1];
  }
}

/** 16 bytes as a lower-case UUID; undefined when all are zero (no id). */
function uuidText(bytes: Uint8Array): string | undefined {
  if (bytes.every((b) => b === 0)) return undefined;
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What a journal says of each row: its last status (and message id). */
export interface JournalState {
  exists: boolean;
  rows: JournalRows;
  runs: number;
}

/** Reads a journal line by line (a torn last line is skipped). */
export async function readSendJournal(location: string): Promise<JournalState> {
  const rows = new JournalRows();
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
    if (typeof e.r !== 'number' || !STATUS_CODES.includes(e.s)) continue;
    // An outcome is never undone by a later in-flight line of the same row (a --retry-unknown run writes one).
    if (rows.statusOf(e.r) === 'sent') continue;
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
