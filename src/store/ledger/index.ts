/**
 * The message ledger: what eum sent (with feedback or not) and the outcomes it posted, kept so
 * that `eum feedback pending|expire|report` work without asking the API.
 *
 * Behind this small interface so that a shared backend (a database, a bucket) can replace the
 * local file when teams outgrow one machine.
 */
import path from 'node:path';
import type { GroupBy, LedgerSnapshot } from '../../core/feedback/snapshot.js';
import { FileLedger } from './file.js';

/** One message as the ledger keeps it: never the full phone number. */
export interface SentRecord {
  messageId: string;
  sentAt: Date;
  isoCountryCode: string;
  /** The origination identity asked for (may be empty: AWS picked one). */
  origination: string;
  configurationSet: string;
  feedback: boolean;
  region: string;
  /** The last four digits of the destination. */
  destinationLast4: string;
}

export type OutcomeStatus = 'RECEIVED' | 'FAILED' | 'ABANDONED';

export interface OutcomeEvent {
  messageId: string;
  status: OutcomeStatus;
  at: Date;
  /** `put`: posted by the user; `expire`: posted by `eum feedback expire`. */
  source: 'put' | 'expire';
}

export interface ScanOptions {
  /** Messages sent before this time are left out. */
  sinceMs?: number;
  /** Fills the snapshot's group column. */
  groupBy?: GroupBy;
  /** Only messages sent in this Region. */
  region?: string;
  /**
   * Fills the snapshot's `otherRegions`: the messages recorded in a Region other than this one
   * (the Region requests go to by default), so a post goes where its message was sent. Cheap:
   * strings are built for those messages only.
   */
  otherRegionsThan?: string;
  /** Fills the snapshot's per-message details (ids, regions): slower; for pending and expire. */
  details?: boolean;
}

export interface Ledger {
  /** Where the records live, for messages to the user. */
  readonly location: string;
  /** Durable when the promise resolves (survives kill -9 and power loss, as far as fsync goes). */
  recordSent(records: SentRecord[]): Promise<void>;
  /** Durable when the promise resolves. */
  recordOutcomes(events: OutcomeEvent[]): Promise<void>;
  scan(options?: ScanOptions): Promise<LedgerSnapshot>;
  /**
   * Throws what `scan` would when the records cannot be read (the path is a directory, permission
   * denied); nothing when there are none yet. Cheap: no record is read.
   */
  checkReadable(): Promise<void>;
  /**
   * Outcomes recorded after `position` (a snapshot's), by other runs: the last per message id,
   * and the position to ask from next time. Cheap when nothing was added.
   */
  outcomesSince(position: number): Promise<{ outcomes: Map<string, OutcomeStatus>; position: number }>;
  close(): Promise<void>;
}

/** Which API the messages went to: the real one, the embedded simulator, or another endpoint. */
export function ledgerTarget(opts: { sim: boolean; endpointUrl?: string }): string {
  if (opts.sim) return 'sim';
  if (opts.endpointUrl) {
    const url = new URL(opts.endpointUrl);
    return `endpoint-${url.hostname}-${url.port || (url.protocol === 'https:' ? '443' : '80')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  }
  return 'aws';
}

/** The local ledger of a target, under the state directory. */
export function openLedger(stateDir: string, target: string): Ledger {
  return new FileLedger(path.join(stateDir, 'ledger', `${target}.tsv`));
}

/** The ledger of the API an invocation talks to (AWS, --sim, or --endpoint-url). */
export function ledgerFor(stateDir: string, opts: { sim: boolean; endpointUrl?: string }): Ledger {
  return openLedger(stateDir, ledgerTarget(opts));
}

/** What a reader says on stderr about damaged and duplicated lines, or undefined when there were none. */
export function damageWarnings(snap: Pick<LedgerSnapshot, 'damagedLines' | 'damagedLineNumbers' | 'duplicateLines'>, location: string): string[] {
  const out: string[] = [];
  if (snap.damagedLines > 0) {
    const shown = snap.damagedLineNumbers.join(', ');
    const more = snap.damagedLines > snap.damagedLineNumbers.length ? ', ...' : '';
    out.push(
      `ledger ${location}: ${snap.damagedLines} damaged line${snap.damagedLines === 1 ? '' : 's'} ignored (line${snap.damagedLines === 1 ? '' : 's'} ${shown}${more})`,
    );
  }
  if (snap.duplicateLines > 0) out.push(`ledger ${location}: ${snap.duplicateLines} duplicated line${snap.duplicateLines === 1 ? '' : 's'} counted once`);
  return out;
}

export { LedgerError } from './file.js';
