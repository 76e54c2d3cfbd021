/**
 * What `eum protect apply` and `eum program apply` share around their plans: `--plan` and its exit
 * codes, refusing a plan with blockers, the plan on stderr before the question, and the report of
 * a run that stopped (what was applied, the call it stopped at, what was not).
 */
import type { Context } from './context.js';
import type { CommandResult, View } from './output.js';
import { ExitCode, OperationError } from '../errors.js';

export interface PlanGate<D> {
  /** The command's data, returned as it is when the gate ends the run. */
  data: D;
  /** The plan in words, coloured or not. */
  text(color: boolean): string;
  calls: number;
  blockers: string[];
  /** `--plan`: print it and stop. */
  planOnly: boolean;
  /** The command, for the hint: "eum protect apply". */
  command: string;
}

/**
 * Shows the plan and asks. Returns `done` when the run ends here: `--plan` (exit 0 with no
 * changes, 3 with changes pending, 1 with blockers), nothing to do, or "no" to the question. A
 * plan with blockers is an error (PLAN_BLOCKED). Otherwise the caller applies it; `shownOnStderr`
 * says whether the plan went to stderr before the question (then stdout does not repeat it).
 */
export async function planGate<D>(ctx: Context, gate: PlanGate<D>): Promise<{ done: CommandResult<D> } | { planView: View; shownOnStderr: boolean }> {
  const { data, calls, blockers } = gate;
  const planView: View = { kind: 'custom', tty: () => gate.text(ctx.color.stdout), plain: () => gate.text(false) };
  const pending = calls > 0;
  if (gate.planOnly) {
    // A plan that cannot be applied is a failure, not drift: CI must not read it as "changes pending".
    return { done: { data, views: [planView], exitCode: blockers.length ? ExitCode.Failed : pending ? ExitCode.Pending : ExitCode.Ok } };
  }
  if (blockers.length) {
    throw new OperationError(`the plan cannot be applied:\n${blockers.map((b) => `  ${b}`).join('\n')}`, {
      code: 'PLAN_BLOCKED',
      hint: `nothing was changed; see ${gate.command} --plan`,
    });
  }
  if (!pending) return { done: { data, views: [planView] } };
  // The plan goes to stderr before the question, so stdout stays data only.
  const shownOnStderr = !ctx.globals.json && !ctx.globals.yes;
  if (shownOnStderr) ctx.stderr.write(gate.text(ctx.color.stderr));
  if (!(await ctx.confirm(`make ${calls} API call${calls === 1 ? '' : 's'} to apply this plan?`))) {
    return { done: { data, notes: ['nothing applied'], exitCode: ExitCode.Failed } };
  }
  return { planView, shownOnStderr };
}

/** The line after the report of a run that stopped on a failure. */
export const RUN_AGAIN = 'run apply again to finish: the plan is computed afresh from the account';

/**
 * What a stopped apply did and did not do, one call a line (labels mask phone numbers): applied,
 * the call it stopped at under `stopped.heading` (failed, or its outcome unknown), not applied.
 */
export function appliedReport<C>(run: { done: C[]; stopped?: { call: C; heading: string }; notDone: C[] }, label: (c: C) => string): string {
  const list = (cs: C[]) => cs.map((c) => `  ${label(c)}`);
  const lines = [`applied (${run.done.length}):`, ...list(run.done)];
  if (run.stopped) lines.push(run.stopped.heading, ...list([run.stopped.call]));
  lines.push(`not applied (${run.notDone.length}):`, ...list(run.notDone));
  return lines.join('\n');
}
