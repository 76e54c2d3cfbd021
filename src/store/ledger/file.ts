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
import { OperationError } from '../../cli/errors.js';
import type { GroupBy, LedgerSnapshot, MessageDetails } from '../../core/feedback/snapshot.js';
import { Outcome, OutcomeSource } from '../../core/feedback/snapshot.js';
import { originationKey } from '../../core/feedback/origination.js';
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
/** No record is longer than this (ids are at most 64 characters; origination ARNs about 100). */
const MAX_LINE = 64 << 10;
/** Damaged line numbers kept for the message to the user. */
const MAX_NAMED_LINES = 20;
const TAB = 9;
const NL = 10;

/** Bytes a message id may hold: `[A-Za-z0-9_:/-]`. */
const ID_BYTE = new Uint8Array(256);
for (const c of Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:/-', 'latin1')) ID_BYTE[c] = 1;

/** Field numbers of S lines, for grouping. */
const GROUP_FIELD: Record<Exclude<GroupBy, 'day'>, number> = { country: 3, origination: 4, 'config-set': 5, region: 7 };

const ERRNO_WORDS: Record<string, string> = {
  EISDIR: 'it is a directory, not a file',
  EEXIST: 'a file is in the way of its directory',
  ENOTDIR: 'a part of its path is not a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error',
};

/**
 * The ledger could not be read or written: exit 1 with a stable code, never a stack trace.
 * `LEDGER_WRITE_FAILED`: what was sent or posted happened, but is not recorded.
 */
export class LedgerError extends OperationError {
  constructor(
    readonly action: 'read' | 'write',
    readonly location: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why = (code && ERRNO_WORDS[code]) ?? (cause instanceof Error ? cause.message : String(cause));
    super(`could not ${action} the ledger ${location}: ${why}`, {
      code: action === 'read' ? 'LEDGER_UNREADABLE' : 'LEDGER_WRITE_FAILED',
      hint:
        code === 'EISDIR'
          ? `move ${location} out of the way (eum keeps its record of sent messages there), or set EUM_HOME`
          : 'free space or fix the permissions of the state directory (EUM_HOME), then run again',
      cause,
    });
  }
}

function ledgerError(action: 'read' | 'write', location: string, err: unknown): LedgerError {
  return err instanceof LedgerError ? err : new LedgerError(action, location, err);
}

export class FileLedger implements Ledger {
  private handle?: Promise<FileHandle>;

  constructor(readonly location: string) {}

  private async appender(): Promise<FileHandle> {
    this.handle ??= openForAppend(this.location);
    return this.handle;
  }

  private async append(text: string): Promise<void> {
    if (text === '') return;
    try {
      const fh = await this.appender();
      // One write per batch: with O_APPEND the kernel places it at the end as a whole.
      const buf = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < buf.length) {
        const { bytesWritten } = await fh.write(buf, off, buf.length - off);
        off += bytesWritten;
      }
      await fh.sync();
    } catch (err) {
      // The next call tries to open the file again.
      const h = this.handle;
      this.handle = undefined;
      if (h) await h.then((fh) => fh.close()).catch(() => {});
      throw ledgerError('write', this.location, err);
    }
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

  async outcomesSince(position: number): Promise<{ outcomes: Map<string, OutcomeEvent['status']>; position: number }> {
    const outcomes = new Map<string, OutcomeEvent['status']>();
    let fh: FileHandle;
    try {
      fh = await open(this.location, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { outcomes, position };
      throw ledgerError('read', this.location, err);
    }
    try {
      const { size } = await fh.stat();
      if (size <= position) return { outcomes, position };
      // What other runs appended meanwhile: a few lines, read at once (bounded by the chunk size per call).
      const length = Math.min(size - position, CHUNK);
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await fh.read(buf, 0, length, position);
      const complete = buf.lastIndexOf(NL, bytesRead - 1) + 1;
      for (const line of buf.toString('utf8', 0, complete).split('\n')) {
        const f = line.split('\t');
        if (f.length !== 5 || f[0] !== 'O') continue;
        const status = f[3] === 'R' ? 'RECEIVED' : f[3] === 'F' ? 'FAILED' : f[3] === 'X' ? 'ABANDONED' : undefined;
        if (status) outcomes.set(f[1], status);
      }
      return { outcomes, position: position + complete };
    } catch (err) {
      throw ledgerError('read', this.location, err);
    } finally {
      await fh.close();
    }
  }

  /** The file opened for reading; undefined when it does not exist yet. */
  private async openForReading(): Promise<FileHandle | undefined> {
    try {
      const fh = await open(this.location, 'r');
      if (!(await fh.stat()).isFile()) {
        await fh.close();
        throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      }
      return fh;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ledgerError('read', this.location, err);
    }
  }

  async checkReadable(): Promise<void> {
    await (await this.openForReading())?.close();
  }

  async scan(options: ScanOptions = {}): Promise<LedgerSnapshot> {
    const fh = await this.openForReading();
    if (!fh) return new SnapshotBuilder(options).finish();
    // About 140 bytes per message (its sent line and an outcome line): size the tables once.
    const builder = new SnapshotBuilder(options, Math.ceil((await fh.stat()).size / 140));
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      let have = 0;
      let total = 0;
      // Inside a line longer than any record can be (junk): skipping to its end, in bounded memory.
      let skipping = false;
      for (;;) {
        const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
        const end = have + bytesRead;
        // A last line without its newline was cut by a crash mid-write (or is being written): ignore it.
        if (bytesRead === 0) {
          builder.position = total - have;
          break;
        }
        total += bytesRead;
        let start = 0;
        if (skipping) {
          const nl = buf.indexOf(NL, 0);
          if (nl < 0 || nl >= end) {
            have = 0;
            continue;
          }
          skipping = false;
          start = nl + 1;
        }
        const complete = buf.lastIndexOf(NL, end - 1) + 1;
        if (complete > start) builder.parse(buf, start, complete);
        const rest = end - Math.max(complete, start);
        if (rest >= MAX_LINE) {
          // No record is this long: the line is damaged; skip to its end.
          builder.damagedRun(buf, Math.max(complete, start), end);
          skipping = true;
          have = 0;
        } else {
          buf.copy(buf, 0, Math.max(complete, start), end);
          have = rest;
        }
      }
    } catch (err) {
      throw ledgerError('read', this.location, err);
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
  private readonly region: Buffer | undefined;
  private homeRegion: Buffer | undefined;
  private otherRegions: Map<string, string> | undefined;
  private readonly groupBy: GroupBy | undefined;
  private lineNo = 0;
  /** Bytes of complete lines read. */
  position = 0;
  private damagedLines = 0;
  private readonly damagedLineNumbers: number[] = [];
  private readonly damagedIds = new Set<string>();
  private duplicateLines = 0;

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
    this.region = options.region ? Buffer.from(options.region, 'latin1') : undefined;
    if (options.otherRegionsThan !== undefined) {
      this.homeRegion = Buffer.from(options.otherRegionsThan, 'latin1');
      this.otherRegions = new Map();
    }
    this.groupBy = options.groupBy;
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

  /**
   * Parses the complete lines in buf[start, end). A line that is not exactly a record (cut, glued
   * to another, altered, junk or control bytes) is counted as damaged and ignored.
   */
  parse(buf: Buffer, start: number, end: number): void {
    let pos = start;
    while (pos < end) {
      const lineEnd = buf.indexOf(NL, pos);
      this.lineNo++;
      // An empty line carries nothing (and hides nothing).
      if (lineEnd > pos && !this.parseLine(buf, pos, lineEnd)) this.damage(buf, pos, lineEnd);
      pos = lineEnd + 1;
    }
  }

  /** A line longer than any record, met while reading: counted as damaged, its start inspected. */
  damagedRun(buf: Buffer, start: number, end: number): void {
    this.lineNo++;
    this.damage(buf, start, Math.min(end, start + 4096));
  }

  /** Splits a line into tab-separated fields (at most `max`); false on control bytes or too many fields. */
  private split(buf: Buffer, pos: number, lineEnd: number, max: number): number {
    const fs = this.fieldStart;
    const fe = this.fieldEnd;
    let f = 0;
    fs[0] = pos;
    for (let p = pos; p < lineEnd; p++) {
      const c = buf[p];
      if (c === TAB) {
        fe[f] = p;
        if (++f >= max) return -1;
        fs[f] = p + 1;
      } else if (c < 32 || c === 127) return -1;
    }
    fe[f] = lineEnd;
    return f + 1;
  }

  /** Reads one record; false when the line is damaged. */
  private parseLine(buf: Buffer, pos: number, lineEnd: number): boolean {
    const kind = buf[pos];
    if ((kind !== 83 && kind !== 79) || buf[pos + 1] !== TAB) return false;
    const fields = this.split(buf, pos, lineEnd, 9);
    const fs = this.fieldStart;
    const fe = this.fieldEnd;
    if (fields !== (kind === 83 ? 9 : 5)) return false;
    // The id, hashed twice (FNV-1a and a multiplicative mix): 64 bits, no string built.
    const idStart = fs[1];
    const idEnd = fe[1];
    if (idEnd === idStart || idEnd - idStart > 64) return false;
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x2545f491 | 0;
    for (let p = idStart; p < idEnd; p++) {
      const c = buf[p];
      if (ID_BYTE[c] === 0) return false;
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    if (fe[2] === fs[2] || fe[2] - fs[2] > 15) return false;
    let ms = 0;
    for (let p = fs[2]; p < fe[2]; p++) {
      const c = buf[p];
      if (c < 48 || c > 57) return false;
      ms = ms * 10 + (c - 48);
    }
    if (kind === 83) {
      const fb = buf[fs[6]];
      if (fe[6] - fs[6] !== 1 || (fb !== 48 && fb !== 49)) return false;
      if (this.find(h1, h2, -1) >= 0) {
        // The same message recorded twice: counted once.
        this.duplicateLines++;
        return true;
      }
      if (ms >= this.sinceMs && this.regionMatches(buf, fs[7], fe[7])) this.addSent(buf, idStart, idEnd, h1, h2, ms);
      return true;
    }
    if (fe[3] - fs[3] !== 1 || fe[4] - fs[4] !== 1) return false;
    const code = buf[fs[3]];
    const src = buf[fs[4]];
    const outcome = code === 82 ? Outcome.Received : code === 70 ? Outcome.Failed : code === 88 ? Outcome.Abandoned : Outcome.None;
    if (outcome === Outcome.None || (src !== 101 && src !== 112)) return false;
    const i = this.find(h1, h2, -1);
    // The newest outcome wins; of two at the same time, the later line.
    if (i >= 0 && (this.outcome[i] === Outcome.None || ms >= this.outcomeMs[i])) {
      this.outcome[i] = outcome;
      this.outcomeMs[i] = ms;
      this.outcomeSource[i] = src === 101 ? OutcomeSource.Expire : OutcomeSource.Put;
    }
    return true;
  }

  private regionMatches(buf: Buffer, start: number, end: number, r = this.region): boolean {
    if (!r) return true;
    if (end - start !== r.length) return false;
    for (let i = 0; i < r.length; i++) if (buf[start + i] !== r[i]) return false;
    return true;
  }

  /**
   * Counts a damaged line, keeps its number, and remembers the message ids it may name (each
   * field stripped of bytes an id cannot hold: two stray bytes in an id still name it).
   */
  private damage(buf: Buffer, pos: number, lineEnd: number): void {
    this.damagedLines++;
    if (this.damagedLineNumbers.length < MAX_NAMED_LINES) this.damagedLineNumbers.push(this.lineNo);
    for (const field of buf.toString('latin1', pos, lineEnd).split('\t')) {
      const id = field.replace(/[^A-Za-z0-9_:/-]/g, '');
      if (id.length >= 8 && id.length <= 64 && !/^\d+$/.test(id)) this.damagedIds.add(id);
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
    if (this.otherRegions && fe[7] > fs[7] && !this.regionMatches(buf, fs[7], fe[7], this.homeRegion)) {
      this.otherRegions.set(buf.toString('latin1', idStart, idEnd), buf.toString('latin1', fs[7], fe[7]));
    }
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

  /** The message index of an id, or -1. */
  private indexOf(id: string): number {
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x2545f491 | 0;
    for (let p = 0; p < id.length; p++) {
      const c = id.charCodeAt(p);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    return this.find(h1, h2, -1);
  }

  /** Groups by origination under one key per identity (an ARN and its ID are one group). */
  private mergeOriginations(): void {
    const keys = new Map<string, number>();
    const names: string[] = [];
    const remap = this.groupNames.map((name) => {
      const key = originationKey(name);
      let g = keys.get(key);
      if (g === undefined) {
        g = names.length;
        names.push(key);
        keys.set(key, g);
      }
      return g;
    });
    for (let i = 0; i < this.count; i++) this.group[i] = remap[this.group[i]];
    this.groupNames = names;
  }

  finish(): LedgerSnapshot {
    const n = this.count;
    const damaged = new Uint8Array(n);
    for (const id of this.damagedIds) {
      const i = this.indexOf(id);
      if (i >= 0) damaged[i] = 1;
    }
    if (this.groupBy === 'origination') this.mergeOriginations();
    return {
      otherRegions: this.otherRegions,
      position: this.position,
      damaged,
      damagedLines: this.damagedLines,
      damagedLineNumbers: this.damagedLineNumbers,
      duplicateLines: this.duplicateLines,
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
