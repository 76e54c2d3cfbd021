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
