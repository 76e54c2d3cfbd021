/**
 * What changed between two sets of answers: `edit` writes only those, and `submit` refuses a new
 * version whose fields the reviewer flagged are unchanged.
 */
import { hasValue, type AnswerValue, type Answers } from './definitions.js';

/** Whether a local file is the one already uploaded as `attachmentId` for a field. */
export type SameUpload = (fieldPath: string, file: string, attachmentId: string) => boolean;

/** Whether two answers hold the same value (choices in any order; a file matches its upload). */
export function sameAnswer(fieldPath: string, a: AnswerValue | undefined, b: AnswerValue | undefined, sameUpload?: SameUpload): boolean {
  if (!hasValue(a) || !hasValue(b)) return hasValue(a) === hasValue(b);
  if (a!.text !== undefined || b!.text !== undefined) return a!.text === b!.text;
  if (a!.choices || b!.choices) {
    const x = [...(a!.choices ?? [])].sort();
    const y = [...(b!.choices ?? [])].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (a!.attachmentId && b!.attachmentId) return a!.attachmentId === b!.attachmentId;
  // One side is an upload, the other a local file: the same when that file is what was uploaded.
  const [uploaded, local] = a!.attachmentId ? [a!, b!] : [b!, a!];
  if (uploaded.attachmentId && local.file) return sameUpload ? sameUpload(fieldPath, local.file, uploaded.attachmentId) : false;
  return a!.file === b!.file;
}

/** The given answers that differ from the stored ones (what `edit` must write). */
export function changedAnswers(stored: Answers, given: Answers, sameUpload?: SameUpload): Answers {
  const out: Answers = new Map();
  for (const [path, v] of given) if (!sameAnswer(path, stored.get(path), v, sameUpload)) out.set(path, v);
  return out;
}

/** A field the reviewer flagged whose value is still what was denied. */
export interface UnchangedFlag {
  fieldPath: string;
  deniedReason?: string;
  feedback?: string;
}

/**
 * The fields the reviewer flagged on the denied version whose value in the new version is the
 * same: submitting them again is denied again.
 */
export function unchangedFlaggedFields(flags: Map<string, { deniedReason?: string; feedback?: string }>, denied: Answers, current: Answers): UnchangedFlag[] {
  const out: UnchangedFlag[] = [];
  for (const [fieldPath, flag] of flags) {
    if (!flag.deniedReason && !flag.feedback) continue;
    if (sameAnswer(fieldPath, denied.get(fieldPath), current.get(fieldPath))) out.push({ fieldPath, ...flag });
  }
  return out;
}
