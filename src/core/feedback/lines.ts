/**
 * Lines of a bulk feedback file: `id` (the status comes from --status) or `id,status`. A CSV
 * header on the first line is accepted; blank lines and `#` comments are skipped.
 */

export const FEEDBACK_STATUSES = ['RECEIVED', 'FAILED'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The API's MessageId: 1 to 64 of `[A-Za-z0-9_:/-]`. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_:/-]{1,64}$/;

/** RECEIVED or FAILED in any case, else undefined. */
export function parseStatus(raw: string): FeedbackStatus | undefined {
  const s = raw.trim().toUpperCase();
  return (FEEDBACK_STATUSES as readonly string[]).includes(s) ? (s as FeedbackStatus) : undefined;
}

/** Why a message id is refused, or undefined when it is fine. */
export function checkMessageId(id: string): string | undefined {
  if (id.length === 0) return 'the message id is empty';
  if (id.length > 64) return `the message id has ${id.length} characters; at most 64`;
  if (!MESSAGE_ID_PATTERN.test(id)) return `"${id.slice(0, 70)}" is not a message id: only letters, digits and _ : / - are allowed`;
  return undefined;
}

export type FeedbackLine = { kind: 'item'; messageId: string; status: FeedbackStatus } | { kind: 'skip' } | { kind: 'error'; message: string };

const HEADER = /^(message[_ -]?id|id)(,(status|message[_ -]?feedback[_ -]?status|feedback[_ -]?status|feedback))?$/i;

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Parses one line. `lineNumber` is 1-based; the header is recognised on line 1 only.
 * `defaultStatus` is --status: used when the line has no status column.
 */
export function parseFeedbackLine(line: string, lineNumber: number, defaultStatus: FeedbackStatus | undefined): FeedbackLine {
  let text = line;
  if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'skip' };
  const cells = text.split(',').map(unquote);
  if (lineNumber === 1 && HEADER.test(cells.join(','))) return { kind: 'skip' };
  if (cells.length > 2) return { kind: 'error', message: `expected "id" or "id,status", got ${cells.length} columns` };
  const idProblem = checkMessageId(cells[0]);
  if (idProblem) return { kind: 'error', message: idProblem };
  let status = defaultStatus;
  if (cells.length === 2 && cells[1] !== '') {
    status = parseStatus(cells[1]);
    if (!status) return { kind: 'error', message: `unknown status "${cells[1].slice(0, 40)}": use RECEIVED or FAILED` };
  }
  if (!status) return { kind: 'error', message: 'no status: write "id,RECEIVED" (or FAILED), or pass --status' };
  return { kind: 'item', messageId: cells[0], status };
}
