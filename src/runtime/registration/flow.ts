/**
 * The steps create, edit and update share: store answers in form order, then either the
 * walkthrough (interactive) or a submit (non-interactive with --submit), and the result shape.
 */
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { UsageError } from '../../cli/errors.js';
import { resolveField, type AnswerValue, type Answers, type RegistrationForm } from '../../core/registration/definitions.js';
import { storeAnswer, type WritePacing } from './shared.js';
import { describeRegistration, submitRegistrationVersion } from '../../aws/registrations.js';
import { resumable, reviewLoop, walkForm, type WalkContext } from './walkthrough.js';

/** `--json` of create, edit and update. */
export interface RegistrationWriteData {
  registrationId: string;
  registrationType: string;
  versionNumber: number;
  status: string;
  submitted: boolean;
  warnings: string[];
  /** Required fields the draft still lacks (field paths); empty once it can be submitted. */
  missingFields: string[];
  /** Compliance rules that could not run (e.g. the brand rules without a brand name). */
  notChecked: string[];
  /** Set when this run continued a draft an earlier run left unfinished. */
  resumed?: boolean;
}

/**
 * Stores the given answers in the form's order (values the rules disallow are skipped).
 * `onStored` runs after each write (the local draft record keeps uploads).
 */
export async function storeAll(
  ctx: Context,
  pacing: WritePacing,
  registrationId: string,
  form: RegistrationForm,
  given: Answers,
  into: Answers,
  onStored?: (fieldPath: string, stored: AnswerValue) => Promise<void>,
): Promise<number> {
  let n = 0;
  const total = form.fields.filter((f) => given.has(f.FieldPath)).length;
  if (total === 0) return 0;
  // Writes are paced at the API's quota (one per second by default): show how far along it is.
  const { createProgress } = await import('../../cli/progress.js');
  const progress = createProgress(ctx, { label: 'storing answers', total });
  try {
    for (const f of form.fields) {
      const v = given.get(f.FieldPath);
      if (!v) continue;
      const merged = new Map(into);
      merged.set(f.FieldPath, v);
      if (resolveField(f, merged).behavior === 'DISALLOWED') continue;
      const stored = await storeAnswer(ctx, pacing, registrationId, f, v);
      into.set(f.FieldPath, stored);
      await onStored?.(f.FieldPath, v.file ? { ...stored, file: v.file } : stored);
      n++;
      progress.update(n);
    }
  } finally {
    progress.stop();
  }
  return n;
}

/**
 * Before submitting a new version of a denied registration: the fields the reviewer flagged must
 * have changed (the same values are denied again within seconds). On a terminal eum asks; else
 * it refuses (exit 2) naming them, unless --yes.
 */
export async function checkFlaggedChanged(
  ctx: Context,
  reg: { registrationId: string; latestDeniedVersionNumber?: number; currentVersionNumber: number },
  current: Answers,
): Promise<void> {
  const denied = reg.latestDeniedVersionNumber;
  if (denied === undefined || reg.currentVersionNumber <= denied) return;
  const { fetchValues } = await import('./shared.js');
  const { unchangedFlaggedFields } = await import('../../core/registration/changes.js');
  const before = await fetchValues(ctx, reg.registrationId, denied);
  const unchanged = unchangedFlaggedFields(before.flags, before.answers, current);
  if (!unchanged.length) return;
  const list = unchanged.map((u) => `${u.fieldPath} (${u.deniedReason ?? u.feedback ?? 'flagged'})`).join(', ');
  if (ctx.globals.yes) {
    ctx.log.warn(`submitting fields the reviewer flagged unchanged: ${list}`);
    return;
  }
  if (ctx.canPrompt) {
    if (await ctx.confirm(`the reviewer flagged ${list}, and they are unchanged. Submit anyway?`)) return;
    throw new UsageError('not submitted: the flagged fields are unchanged', `change them: eum registration edit ${reg.registrationId}`);
  }
  const { InputError } = await import('../../cli/errors.js');
  throw new InputError(
    unchanged.map((u) => ({
      field: u.fieldPath,
      message: `flagged by the reviewer (${u.deniedReason ?? u.feedback ?? 'see eum registration show'}) and unchanged since version ${denied}`,
    })),
    `not submitted: change them (eum registration edit ${reg.registrationId} --answers FILE), or pass --yes to submit them as they are`,
  );
}

export async function submit(ctx: Context, registrationId: string): Promise<{ versionNumber: number; status: string }> {
  const client = await ctx.sms();
  const s = await submitRegistrationVersion(client, registrationId);
  const r = await describeRegistration(client, registrationId);
  return { versionNumber: s.versionNumber, status: r?.status || 'SUBMITTED' };
}

export async function currentState(ctx: Context, registrationId: string): Promise<{ versionNumber: number; status: string }> {
  const r = await describeRegistration(await ctx.sms(), registrationId);
  return { versionNumber: r?.currentVersionNumber ?? 0, status: r?.status ?? '' };
}

/** The interactive part: walk (all unanswered fields, or `only`), review, then submit or quit. */
export async function interactiveFinish(
  w: WalkContext,
  opts: { strict: boolean; only?: Set<string>; resume?: boolean },
): Promise<{ submitted: boolean; warnings: string[] }> {
  return resumable(w, async () => {
    await walkForm(w, { only: opts.only, resume: opts.resume });
    const { outcome, warnings } = await reviewLoop(w, { strict: opts.strict });
    if (outcome === 'submit') {
      await submit(w.ctx, w.registrationId);
      return { submitted: true, warnings };
    }
    w.ctx.log.info(`draft saved. continue with: eum registration edit ${w.registrationId}`);
    return { submitted: false, warnings };
  });
}

export function writeResult(data: RegistrationWriteData, extraNotes: string[] = []): CommandResult<RegistrationWriteData> {
  const notes = [...extraNotes];
  for (const w of data.warnings) notes.push(`warning: ${w}`);
  if (data.notChecked.length) notes.push(`not checked: ${data.notChecked.join(', ')} (no brand name: pass --brand NAME or --associate the brand registration)`);
  if (data.missingFields.length && !data.submitted)
    notes.push(`the draft lacks ${data.missingFields.length} required field${data.missingFields.length === 1 ? '' : 's'}: ${data.missingFields.join(', ')}`);
  notes.push(
    data.submitted
      ? `submitted; follow the review with: eum registration watch ${data.registrationId}`
      : `not submitted; when ready: eum registration submit ${data.registrationId}`,
  );
  return {
    data,
    views: [
      {
        kind: 'kv',
        pairs: [
          ['registration', data.registrationId],
          ['type', data.registrationType],
          ['version', data.versionNumber],
          ['status', data.status],
          ['submitted', data.submitted ? 'yes' : 'no'],
        ],
      },
    ],
    notes,
  };
}
