/**
 * The local ledger: one append-only file of tab-separated lines.
 *
 *   S <id> <sentMs> <iso> <origination> <configSet> <feedback 1|0> <region> <last4>
 *   O <id> <atMs> <R|F|X> <source p|e>
 *
 * - Durable: every batch is one write(2) on an O_APPEND descriptor followed by fsync, before
 *   the caller tells the user; a record acknowledged survives kill -9.
 * - Several processes may append at once: O_APPEND moves to the end atomically for each write,
 *   and each batch is written with one call, so lines never interleave.
 * - Outcomes are separate lines (never rewrites): the last outcome of a message wins.
 * - Fast to scan: the reader parses bytes, joins outcomes to messages through a hash table of
 *   64-bit id hashes in typed arrays, and never builds a string per line.
 * - Owner only: the directory is 0700, the file 0600. No full phone numbers.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openForAppend } from '../append-file.js';
import type { GroupBy, LedgerSnapshot, MessageDetails } from '../../core/feedback/snapshot.js';
import { Outcome, OutcomeSource } from '../../core/feedback/snapshot.js';
import type { Ledger, OutcomeEvent, ScanOptions, SentRecord } from './index.js';

const FIELD_JUNK = /[\t\r\n]/g;
const clean = (s: string) => s.replace(FIELD_JUNK, ' ');

/** The S line of a sent record. */
export function sentLine(r: SentRecord): string {
  return `S\t${clean(r.messageId)}\t${r.sentAt.getTime()}\t${clean(r.isoCountryCode)}\t${clean(r.origination)}\t${clean(r.configurationSet)}\t${r.feedback ? 1 : 0}\t${clean(r.region)}\t${clean(r.destinationLast4).slice(-4)}\n`;
}

const OUTCOME_CODE = { RECEIVED: 'R', FAILED: 'F', ABANDONED: 'X' } as const;

/** The O line of an outcome. */
export function outcomeLine(e: OutcomeEvent): string {
  return `O\t${clean(e.messageId)}\t${e.at.getTime()}\t${OUTCOME_CODE[e.status]}\t${e.source === 'expire' ? 'e' : 'p'}\n`;
}

const CHUNK = 8 << 20;
const TAB = 9;
const NL = 10;

/** Field numbers of S lines, for grouping. */
const GROUP_FIELD: Record<Exclude<GroupBy, 'day'>, number> = { country: 3, origination: 4, 'config-set': 5, region: 7 };

export class FileLedger implements Ledger {
  private handle?: Promise<FileHandle>;

  constructor(readonly location: string) {}

  private async appender(): Promise<FileHandle> {
    this.handle ??= openForAppend(this.location);
    return this.handle;
  }

  private async append(text: string): Promise<void> {
    if (text === '') return;
    const fh = await this.appender();
    // One write per batch: with O_APPEND the kernel places it at the end as a whole.
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    await fh.sync();
  }

  recordSent(records: SentRecord[]): Promise<void> {
    return this.append(records.map(sentLine).join(''));
  }

  recordOutcomes(events: OutcomeEvent[]): Promise<void> {
    return this.append(events.map(outcomeLine).join(''));
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h).close();
  }

  async scan(options: ScanOptions = {}): Promise<LedgerSnapshot> {
    let fh: FileHandle;
    try {
      fh = await open(this.location, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new SnapshotBuilder(options).finish();
      throw err;
    }
    // About 140 bytes per message (its sent line and an outcome line): size the tables once.
    const builder = new SnapshotBuilder(options, Math.ceil((await fh.stat()).size / 140));
    try {
      let buf = Buffer.allocUnsafe(CHUNK);
      let have = 0;
      for (;;) {
        if (have === buf.length) {
          // A line longer than the buffer: grow it.
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, have);
          buf = bigger;
        }
        const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
        const end = have + bytesRead;
        if (bytesRead === 0) {
          // A last line without its newline was cut by a crash mid-write: ignore it.
          break;
        }
        const complete = buf.lastIndexOf(NL, end - 1) + 1;
        builder.parse(buf, complete);
        buf.copy(buf, 0, complete, end);
        have = end - complete;
      }
    } finally {
      await fh.close();
    }
    return builder.finish();
  }
}

/** Parses ledger bytes into columns. */
class SnapshotBuilder {
  private cap = 1 << 12;
  private count = 0;
  private sentMs = new Float64Array(this.cap);
  private feedback = new Uint8Array(this.cap);
  private outcome = new Uint8Array(this.cap);
  private outcomeMs = new Float64Array(this.cap);
  private outcomeSource = new Uint8Array(this.cap);
  private group = new Int32Array(this.cap);
  private groupNames: string[] = [];
  private groupIndex = new Map<number, Array<{ bytes: Buffer; group: number }>>();
  private details: MessageDetails[] | undefined;
  // Open-addressing table of (h1, h2) -> message index + 1.
  private tableMask = (1 << 14) - 1;
  private h1s = new Int32Array(this.tableMask + 1);
  private h2s = new Int32Array(this.tableMask + 1);
  private slots = new Int32Array(this.tableMask + 1);
  private readonly groupField: number;
  private readonly byDay: boolean;
  private readonly sinceMs: number;
  private readonly fieldStart = new Int32Array(12);
  private readonly fieldEnd = new Int32Array(12);

  constructor(options: ScanOptions, expectedMessages = 0) {
    while (this.cap < expectedMessages) this.cap *= 2;
    if (this.cap > 1 << 12) {
      this.sentMs = new Float64Array(this.cap);
      this.feedback = new Uint8Array(this.cap);
      this.outcome = new Uint8Array(this.cap);
      this.outcomeMs = new Float64Array(this.cap);
      this.outcomeSource = new Uint8Array(this.cap);
      this.group = new Int32Array(this.cap);
      const size = this.cap * 2;
      this.tableMask = size - 1;
      this.h1s = new Int32Array(size);
      this.h2s = new Int32Array(size);
      this.slots = new Int32Array(size);
    }
    this.byDay = options.groupBy === 'day';
    this.groupField = options.groupBy && options.groupBy !== 'day' ? GROUP_FIELD[options.groupBy] : -1;
    this.sinceMs = options.sinceMs ?? -Infinity;
    if (options.details) this.details = [];
  }

  private growColumns(): void {
    const cap = this.cap * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.sentMs = f64(this.sentMs);
    this.outcomeMs = f64(this.outcomeMs);
    this.feedback = u8(this.feedback);
    this.outcome = u8(this.outcome);
    this.outcomeSource = u8(this.outcomeSource);
    const g = new Int32Array(cap);
    g.set(this.group);
    this.group = g;
    this.cap = cap;
  }

  private growTable(): void {
    const oldH1 = this.h1s;
    const oldH2 = this.h2s;
    const oldSlots = this.slots;
    const size = (this.tableMask + 1) * 2;
    this.tableMask = size - 1;
    this.h1s = new Int32Array(size);
    this.h2s = new Int32Array(size);
    this.slots = new Int32Array(size);
    for (let i = 0; i < oldSlots.length; i++) if (oldSlots[i] !== 0) this.find(oldH1[i], oldH2[i], oldSlots[i] - 1);
  }

  /** Finds a message by id hash; with insert >= 0, (re)points the id at that index. */
  private find(h1: number, h2: number, insert: number): number {
    const mask = this.tableMask;
    let slot = h1 & mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) {
        if (insert >= 0) {
          this.h1s[slot] = h1;
          this.h2s[slot] = h2;
          this.slots[slot] = insert + 1;
        }
        return -1;
      }
      if (this.h1s[slot] === h1 && this.h2s[slot] === h2) {
        if (insert >= 0) this.slots[slot] = insert + 1;
        return v - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The group of a field's bytes, found by hash without building a string per line. */
  private groupOf(buf: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let p = start; p < end; p++) h = Math.imul(h ^ buf[p], 16777619);
    const candidates = this.groupIndex.get(h);
    if (candidates) {
      for (const c of candidates) {
        const b = c.bytes;
        if (b.length !== end - start) continue;
        // Keys are short: a loop beats a native call per line.
        let i = 0;
        while (i < b.length && b[i] === buf[start + i]) i++;
        if (i === b.length) return c.group;
      }
    }
    const group = this.groupNames.length;
    this.groupNames.push(buf.toString('utf8', start, end));
    const entry = { bytes: Buffer.from(buf.subarray(start, end)), group };
    if (candidates) candidates.push(entry);
    else this.groupIndex.set(h, [entry]);
    return group;
  }

  /** Parses the complete lines in buf[0, end). Malformed lines are skipped. */
  parse(buf: Buffer, end: number): void {
    let pos = 0;
    const fs = this.fieldStart;
    const fe = this.fieldEnd;
    while (pos < end) {
      const kind = buf[pos];
      const lineEnd = buf.indexOf(NL, pos);
      if ((kind !== 83 && kind !== 79) || buf[pos + 1] !== TAB) {
        pos = lineEnd + 1;
        continue;
      }
      // The id, hashed twice (FNV-1a and a multiplicative mix): 64 bits, no string built.
      let p = pos + 2;
      let h1 = 0x811c9dc5 | 0;
      let h2 = 0x2545f491 | 0;
      let c = buf[p];
      const idStart = p;
      while (c !== TAB && p < lineEnd) {
        h1 = Math.imul(h1 ^ c, 16777619);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 13;
        c = buf[++p];
      }
      const idEnd = p;
      p++;
      let ms = 0;
      c = buf[p];
      while (c >= 48 && c <= 57) {
        ms = ms * 10 + (c - 48);
        c = buf[++p];
      }
      if (c !== TAB || idEnd === idStart) {
        pos = lineEnd + 1;
        continue;
      }
      p++;
      if (kind === 83) {
        if (ms >= this.sinceMs) {
          // Fields 3.. of the S line.
          let f = 3;
          fs[f] = p;
          while (p < lineEnd && f < 9) {
            if (buf[p] === TAB) {
              fe[f] = p;
              f++;
              fs[f] = p + 1;
            }
            p++;
          }
          fe[f] = lineEnd;
          if (f >= 8) this.addSent(buf, idStart, idEnd, h1, h2, ms);
        }
      } else {
        const i = this.find(h1, h2, -1);
        if (i >= 0) {
          const code = buf[p];
          const src = buf[p + 2];
          this.outcome[i] = code === 82 ? Outcome.Received : code === 70 ? Outcome.Failed : code === 88 ? Outcome.Abandoned : Outcome.None;
          this.outcomeMs[i] = ms;
          this.outcomeSource[i] = src === 101 ? OutcomeSource.Expire : OutcomeSource.Put;
        }
      }
      pos = lineEnd + 1;
    }
  }

  private addSent(buf: Buffer, idStart: number, idEnd: number, h1: number, h2: number, ms: number): void {
    const fs = this.fieldStart;
    const fe = this.fieldEnd;
    if (this.count === this.cap) this.growColumns();
    // Keep the table at most half full.
    if (this.count * 2 >= this.tableMask) this.growTable();
    const i = this.count++;
    this.sentMs[i] = ms;
    this.feedback[i] = buf[fs[6]] === 49 ? 1 : 0;
    if (this.groupField >= 0) this.group[i] = this.groupOf(buf, fs[this.groupField], fe[this.groupField]);
    else if (this.byDay) this.group[i] = this.dayGroup(ms);
    this.find(h1, h2, i);
    if (this.details) {
      this.details.push({
        messageId: buf.toString('latin1', idStart, idEnd),
        isoCountryCode: buf.toString('latin1', fs[3], fe[3]),
        origination: buf.toString('utf8', fs[4], fe[4]),
        configurationSet: buf.toString('utf8', fs[5], fe[5]),
        region: buf.toString('latin1', fs[7], fe[7]),
        destinationLast4: buf.toString('latin1', fs[8], fe[8]),
      });
    }
  }

  private lastDay = Number.NaN;
  private lastDayGroup = -1;

  private dayGroup(ms: number): number {
    const day = Math.floor(ms / 86_400_000);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastDayGroup = this.groupOf(Buffer.from(new Date(day * 86_400_000).toISOString().slice(0, 10)), 0, 10);
    }
    return this.lastDayGroup;
  }

  finish(): LedgerSnapshot {
    const n = this.count;
    return {
      count: n,
      sentMs: this.sentMs.subarray(0, n),
      feedback: this.feedback.subarray(0, n),
      outcome: this.outcome.subarray(0, n),
      outcomeMs: this.outcomeMs.subarray(0, n),
      outcomeSource: this.outcomeSource.subarray(0, n),
      group: this.group.subarray(0, n),
      groupNames: this.groupNames,
      details: this.details,
    };
  }
}
