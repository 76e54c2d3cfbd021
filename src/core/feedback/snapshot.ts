/** The ledger as columns: what report, pending and expire read. Built by `src/store/ledger`. */

export type GroupBy = 'country' | 'origination' | 'config-set' | 'day' | 'region';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['country', 'origination', 'config-set', 'day', 'region'];

/** Outcome codes in `LedgerSnapshot.outcome`. */
export const Outcome = { None: 0, Received: 1, Failed: 2, /** given up by expire: the API refused the id */ Abandoned: 3 } as const;
/** Who posted the outcome, in `LedgerSnapshot.outcomeSource`. */
export const OutcomeSource = { None: 0, Put: 1, Expire: 2 } as const;

export interface MessageDetails {
  messageId: string;
  isoCountryCode: string;
  origination: string;
  configurationSet: string;
  region: string;
  /** The last four digits of the destination, at most. */
  destinationLast4: string;
}

export interface LedgerSnapshot {
  /** Messages (sent records) in the snapshot, in the order they were recorded. */
  count: number;
  sentMs: Float64Array;
  /** 1 when sent with feedback enabled. */
  feedback: Uint8Array;
  outcome: Uint8Array;
  outcomeMs: Float64Array;
  outcomeSource: Uint8Array;
  /** Group index per message (with `groupBy`), into `groupNames`. */
  group: Int32Array;
  groupNames: string[];
  /** Per message, with `details`. */
  details?: MessageDetails[];
  /** 1 when a damaged line names the message: its outcome may be hidden, so expire leaves it alone. */
  damaged: Uint8Array;
  /**
   * Lines that could not be read (cut, altered, junk or NUL bytes), not counting a torn last line;
   * they are ignored. `damagedLineNumbers` holds the first few (1-based).
   */
  damagedLines: number;
  damagedLineNumbers: number[];
  /** With `otherRegionsThan`: message id to the Region it was sent in, for messages sent elsewhere. */
  otherRegions?: Map<string, string>;
  /** Where the lines after this snapshot start (for `Ledger.outcomesSince`). */
  position: number;
  /** A sent record written twice: counted once. */
  duplicateLines: number;
}
