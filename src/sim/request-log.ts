/** Every API request the simulator received, bounded so long benches do not grow memory. */

export interface RequestLogEntry {
  operation: string | null;
  status: number;
  /** The error's shape name (`ThrottlingException`), null on success. */
  errorType: string | null;
  /** ISO time (simulated clock). */
  time: string;
  region: string | null;
}

export const REQUEST_LOG_LIMIT = 100_000;

/** A ring buffer of the last `limit` requests. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private start = 0;
  constructor(private readonly limit = REQUEST_LOG_LIMIT) {}

  add(entry: RequestLogEntry): void {
    if (this.entries.length < this.limit) this.entries.push(entry);
    else {
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.limit;
    }
  }

  /** Oldest first. */
  list(): RequestLogEntry[] {
    return this.start === 0 ? [...this.entries] : [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }

  get size(): number {
    return this.entries.length;
  }
}
