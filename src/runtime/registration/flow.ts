/**
 * The steps create, edit and update share: store answers in form order, then either the
 * walkthrough (interactive) or a submit (non-interactive with --submit), and the result shape.
 */
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { resolveField, type Answers, type RegistrationForm } from '../../core/registration/definitions.js';
import { storeAnswer } from './shared.js';
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
}

/** Stores the given answers in the form's order (values the rules disallow are skipped). */
export async function storeAll(ctx: Context, registrationId: string, form: RegistrationForm, given: Answers, into: Answers): Promise<number> {
  let n = 0;
  // Writes are paced at the API's quota (one per second by default): show how far along it is.
  const { createProgress } = await import('../../cli/progress.js');
  const progress = createProgress(ctx, { label: 'storing answers', total: form.fields.filter((f) => given.has(f.FieldPath)).length });
  try {
    for (const f of form.fields) {
      const v = given.get(f.FieldPath);
      if (!v) continue;
      const merged = new Map(into);
      merged.set(f.FieldPath, v);
      if (resolveField(f, merged).behavior === 'DISALLOWED') continue;
      const stored = await storeAnswer(ctx, registrationId, f, v);
      into.set(f.FieldPath, stored);
      n++;
      progress.update(n);
    }
  } finally {
    progress.stop();
  }
  return n;
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
export async function interactiveFinish(w: WalkContext, opts: { strict: boolean; only?: Set<string>; resume?: boolean }): Promise<{ submitted: boolean; warnings: string[] }> {
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
  notes.push(data.submitted ? `submitted; follow the review with: eum registration watch ${data.registrationId}` : `not submitted; when ready: eum registration submit ${data.registrationId}`);
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
