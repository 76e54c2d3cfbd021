/**
 * `eum protect apply -f FILE [--plan] [--yes] [--prune]`: make the account match a document.
 * `--plan` prints the plan and exits 0 (no changes), 3 (changes pending) or 1 (the plan has
 * blockers), for drift checks in CI.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, OperationError, UsageError, type InputProblem } from '../../errors.js';
import { parseOptions } from '../../cli/options.js';
import { appliedReport, planGate, RUN_AGAIN } from '../../cli/apply-plan.js';
import { documentFlag, switchFlag } from './flags.js';
import type { DesiredState } from '../../core/protect/document.js';
import type { PlanCall, ProtectPlan } from '../../core/protect/plan.js';
import type { ProtectTargets } from '../../runtime/protect/calls.js';

export interface ProtectApplyOptions {
  file: string;
  planOnly: boolean;
  prune: boolean;
  desired: DesiredState;
}

export interface ProtectApplyData {
  file: string;
  pending: boolean;
  applied: boolean;
  plan: Pick<ProtectPlan, 'configurations' | 'blockers' | 'unmanaged' | 'expired'> & {
    accountDefault: ProtectPlan['accountDefault'] | null;
    calls: number;
    callsByOperation: Record<string, number>;
  };
  /** Calls made (apply only). */
  made: number;
}

/** The flags of `protect apply`, each with its type and check. */
const applyFlags = { file: documentFlag, plan: switchFlag, prune: switchFlag };

/** Reads and validates the document before anything is sent. */
export async function parseProtectApplyOptions(ctx: Context, opts: Record<string, unknown>): Promise<ProtectApplyOptions> {
  const problems: InputProblem[] = [];
  const { file, plan, prune } = parseOptions(applyFlags, opts, problems);
  if (!file) throw new UsageError('give the document with -f FILE (or -f - for stdin)', 'eum protect export -o protect.yaml writes one to start from');
  const { readDocumentFile } = await import('../../runtime/document-file.js');
  const text = await readDocumentFile(ctx, file, 'Protect');
  const { parseProtectDocument, DocumentError } = await import('../../core/protect/document.js');
  const { phoneNumberProblem } = await import('../../core/protect/phone.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  try {
    const desired = parseProtectDocument(text, {
      catalog,
      nowMs: ctx.clock.now().getTime(),
      file: file === '-' ? 'stdin' : file,
      phoneProblem: phoneNumberProblem,
    });
    return { file, planOnly: plan, prune, desired };
  } catch (err) {
    if (err instanceof DocumentError) throw new InputError(err.problems, 'fix the document and run again; nothing was sent');
    throw err;
  }
}

export async function runProtectApply(ctx: Context, options: ProtectApplyOptions): Promise<CommandResult<ProtectApplyData>> {
  const { protectClient, readSnapshot } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { planProtect, countCalls } = await import('../../core/protect/plan.js');
  const { renderPlanText } = await import('../../core/protect/plan-text.js');
  const { maskPhoneNumber } = await import('../../core/mask.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  const snapshot = await readSnapshot(client);
  const plan = planProtect(snapshot, options.desired, { prune: options.prune, serviceCountries: catalog.service });
  const pending = plan.calls.length > 0;
  const data: ProtectApplyData = {
    file: options.file,
    pending,
    applied: false,
    plan: {
      configurations: plan.configurations,
      accountDefault: plan.accountDefault ?? null,
      blockers: plan.blockers,
      unmanaged: plan.unmanaged,
      expired: plan.expired,
      calls: plan.calls.length,
      callsByOperation: countCalls(plan),
    },
    made: 0,
  };
  const region = await client.config.region();
  const text = (color: boolean) => {
    const st = color ? ctx.log.style : undefined;
    return renderPlanText(plan, {
      name: catalog.name,
      header: `Protect plan for ${options.file} (region ${region})`,
      mask: maskPhoneNumber,
      style: st ? { add: (s) => st.green(s), remove: (s) => st.red(s), change: (s) => st.yellow(s), dim: (s) => st.dim(s) } : undefined,
    });
  };
  const gate = await planGate(ctx, { data, text, calls: plan.calls.length, blockers: plan.blockers, planOnly: options.planOnly, command: 'eum protect apply' });
  if ('done' in gate) return gate.done;
  const made = await executePlan(
    ctx,
    plan.calls,
    snapshot.configurations.map((c) => ({ id: c.id, arn: c.arn, ref: c.name ?? c.id })),
    options.desired,
  );
  data.made = made.count;
  data.applied = !made.interrupted;
  return {
    data,
    views: gate.shownOnStderr ? [] : [gate.planView],
    notes: [
      ...(made.interrupted ? [progressReport(plan.calls, made.count, false, maskPhoneNumber)] : []),
      made.interrupted
        ? `interrupted after ${made.count} of ${plan.calls.length} calls; run apply again to finish`
        : `applied: ${made.count} API call${made.count === 1 ? '' : 's'}`,
    ],
    exitCode: made.interrupted ? ExitCode.Interrupted : ExitCode.Ok,
  };
}

/** One call in words, phone numbers masked: "PutProtectConfigurationRuleSetNumberOverride otp-guard +*******0100". */
export function callLabel(call: PlanCall, mask: (n: string) => string): string {
  switch (call.op) {
    case 'UpdateProtectConfigurationCountryRuleSet': {
      const n = Object.keys(call.updates).length;
      return `${call.op} ${call.ref} ${call.channel} (${n} ${n === 1 ? 'country' : 'countries'})`;
    }
    case 'PutProtectConfigurationRuleSetNumberOverride':
    case 'DeleteProtectConfigurationRuleSetNumberOverride':
      return `${call.op} ${call.ref} ${mask(call.number)}`;
    case 'AssociateProtectConfiguration':
    case 'DisassociateProtectConfiguration':
      return `${call.op} ${call.ref} ${call.configurationSet}`;
    default:
      return `${call.op} ${call.ref}`;
  }
}

/** What a stopped apply did and did not do, for stderr. */
function progressReport(calls: PlanCall[], done: number, failed: false | 'failed' | 'unknown', mask: (n: string) => string): string {
  // A call stopped by Ctrl-C in flight may have taken effect: its outcome is unknown, not failed.
  const heading = failed === 'failed' ? 'failed:' : 'interrupted in flight (outcome unknown; the next plan shows it):';
  const stopped = failed ? { call: calls[done], heading } : undefined;
  return appliedReport({ done: calls.slice(0, done), stopped, notDone: calls.slice(done + (failed ? 1 : 0)) }, (c) => callLabel(c, mask));
}

/**
 * Makes the calls through the bulk engine, one after another in the plan's order (each may need
 * what the one before created), filling in ids (and ARNs) of configurations created on the way.
 * The first call that fails or may have taken effect stops the run; what was applied, that call
 * and what was not are printed on stderr.
 */
async function executePlan(
  ctx: Context,
  calls: PlanCall[],
  existing: Array<{ id: string; arn: string; ref: string }>,
  desired: DesiredState,
): Promise<{ count: number; interrupted: boolean }> {
  const api = await import('../../aws/protect.js');
  const { runBulk, StopRun } = await import('../../runtime/bulk.js');
  const { executeProtectCall } = await import('../../runtime/protect/calls.js');
  const { maskPhoneNumber } = await import('../../core/mask.js');
  const targets = planTargets(existing, desired);
  // One token per create, the same on every attempt: a retried create makes one configuration.
  const tokens = new Map<PlanCall, string>();
  const { randomUUID } = await import('node:crypto');
  for (const call of calls) if (call.op === 'CreateProtectConfiguration') tokens.set(call, randomUUID());

  let count = 0;
  let stoppedAt: { failed: 'failed' | 'unknown'; error: unknown } | undefined;
  const run = await runBulk<PlanCall, void>(ctx, calls, {
    idempotent: (call) => !call.op.startsWith('Delete'),
    keyOf: () => 'plan',
    concurrency: 1,
    maxAttempts: api.PROTECT_ATTEMPTS,
    backoff: api.PROTECT_BACKOFF,
    call: async (call, { client, signal }) => {
      ctx.log.debug(`apply: ${callLabel(call, maskPhoneNumber)}`);
      await executeProtectCall(api.withAbortSignal(client, signal), call, targets, tokens.get(call));
    },
    onOutcome: (_call, outcome) => {
      if (outcome.kind === 'ok') {
        count++;
        return;
      }
      stoppedAt = { failed: outcome.kind === 'unknown' || ctx.signal.aborted ? 'unknown' : 'failed', error: outcome.error };
      throw new StopRun(outcome.error);
    },
  });
  if (stoppedAt) {
    // Say exactly where it stopped: the next run plans afresh from what the account holds.
    ctx.stderr.write(`${progressReport(calls, count, stoppedAt.failed, maskPhoneNumber)}\n${RUN_AGAIN}\n`);
    throw stoppedAt.error;
  }
  if (run.stopped !== undefined) throw run.stopped;
  return { count, interrupted: run.interrupted || count < calls.length };
}

/** The configurations calls refer to: those of the account by id, Name and document name (created ones are added as they are made). */
function planTargets(existing: Array<{ id: string; arn: string; ref: string }>, desired: DesiredState): ProtectTargets {
  const byRef = new Map<string, { id: string; arn: string }>();
  for (const e of existing) {
    byRef.set(e.id, e);
    byRef.set(e.ref, e);
  }
  // Document entries that name their configuration by id.
  for (const d of desired.configurations) if (d.id && byRef.has(d.id)) byRef.set(d.name, byRef.get(d.id)!);
  return {
    get: (ref) => {
      const t = byRef.get(ref);
      if (!t) throw new OperationError(`internal: no configuration for ${ref} in the plan`);
      return t;
    },
    add: (ref, target) => void byRef.set(ref, target),
  };
}

export function registerProtectApply(parent: Command, app: App): void {
  const cmd = parent
    .command('apply')
    .description('make the account match a Protect document; --plan shows the changes (exit 3 when any are pending, 1 when the plan has blockers)')
    .option('-f, --file <file>', 'the document (YAML); - for stdin')
    .option('--plan', 'only print the plan: exit 0 with no changes, 3 with changes pending, 1 with blockers')
    .option('--prune', 'delete configurations the document does not mention')
    .action(app.action(async (ctx, { opts }) => runProtectApply(ctx, await parseProtectApplyOptions(ctx, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['drift check in CI (exit 3 when the account differs)', 'eum protect apply -f protect.yaml --plan'],
    ['apply without a prompt', 'eum protect apply -f protect.yaml --yes'],
  ]);
}
