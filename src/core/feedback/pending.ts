/** Pending messages: sent with feedback, no outcome yet, older than a window. */
import { Outcome, type LedgerSnapshot } from './snapshot.js';

export interface PendingMessage {
  messageId: string;
  sentAt: string;
  ageSeconds: number;
  /** null when unknown. */
  isoCountryCode: string | null;
  /** The origination identity asked for; null when none was given (AWS chose). */
  origination: string | null;
  /** null when none was given. */
  configurationSet: string | null;
  region: string | null;
  /** A damaged ledger line names this message: its outcome may be hidden, so `expire` leaves it alone. */
  damaged: boolean;
}

/** Pending messages sent at least `olderThanMs` before `nowMs`, oldest first (the snapshot needs `details`). */
export function pendingMessages(snap: LedgerSnapshot, nowMs: number, olderThanMs: number): PendingMessage[] {
  const cutoff = nowMs - olderThanMs;
  const pending: PendingMessage[] = [];
  for (let i = 0; i < snap.count; i++) {
    if (snap.feedback[i] !== 1 || snap.outcome[i] !== Outcome.None || snap.sentMs[i] > cutoff) continue;
    const d = snap.details![i];
    pending.push({
      messageId: d.messageId,
      sentAt: new Date(snap.sentMs[i]).toISOString(),
      ageSeconds: Math.round((nowMs - snap.sentMs[i]) / 1000),
      isoCountryCode: d.isoCountryCode || null,
      origination: d.origination || null,
      configurationSet: d.configurationSet || null,
      region: d.region || null,
      damaged: snap.damaged[i] === 1,
    });
  }
  // The ledger is in write order; several writers may interleave.
  return pending.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
