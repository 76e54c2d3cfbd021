/**
 * `eum program apply -f FILE [--plan] [--yes] [--prune] [--regions ...]`: make each Region the
 * document names match it. `--plan` prints the plan and exits 0 (no changes), 3 (changes
 * pending) or 1 (blockers), for drift checks in CI. Apply runs only the calls the plan needs,
 * through the bulk engine; a failure stops it with what was done and what was not.
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, UsageError, type InputProblem } from '../../errors.js';
import { flag, flagSchemas, parseOptions } from '../../cli/options.js';
import { documentFlag } from '../protect/flags.js';
import type { DesiredProgram } from '../../core/program/document.js';
import type { ProgramCall, ProgramPlan, ResourcePlan } from '../../core/program/plan.js';
import { appliedReport, planGate, RUN_AGAIN } from '../../cli/apply-plan.js';

export interface ProgramApplyOptions {
  file: string;
  planOnly: boolean;
  prune: boolean;
  desired: DesiredProgram;
}

export interface ProgramApplyData {
  file: string;
  regions: string[];
  pending: boolean;
  applied: boolean;
  plan: {
    resources: ResourcePlan[];
    blockers: string[];
    unmanaged: string[];
    expired: string[];
    calls: number;
    callsByOperation: Record<string, number>;
    order: string[];
  };
  /** Read calls the plan took. */
  readCalls: number;
  /** Write calls made (apply only). */
  made: number;
  /** Calls not made when a run stopped (apply only). */
  notMade: string[];
}

/** Reads and validates the document (and --regions) before anything is sent. */
export async function parseProgramApplyOptions(ctx: Context, opts: Record<string, unknown>): Promise<ProgramApplyOptions> {
  const problems: InputProblem[] = [];
  const { parseRegions } = await import('../../core/sender-id/plan.js');
  const regions = flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const found: InputProblem[] = [];
    const list = parseRegions(String(raw), found);
    for (const p of found) problem(p.message);
    return list;
  });
  const o = parseOptions({ file: documentFlag, plan: flagSchemas.switch(), prune: flagSchemas.switch(), regions }, opts, problems);
  const file = o.file;
  if (!file) throw new UsageError('give the document with -f FILE (or -f - for stdin)', 'eum program export -o program.yaml writes one to start from');
  const { readDocumentFile } = await import('../../runtime/document-file.js');
  const text = await readDocumentFile(ctx, file, 'program');
  const { parseProgramDocument, ProgramDocumentError } = await import('../../core/program/document.js');
  const { phoneNumberProblem } = await import('../../core/protect/phone.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const catalog = await loadCountryCatalog();
  let desired: DesiredProgram;
  try {
    desired = parseProgramDocument(text, { catalog, nowMs: ctx.clock.now().getTime(), file: file === '-' ? 'stdin' : file, phoneProblem: phoneNumberProblem });
  } catch (err) {
    if (err instanceof ProgramDocumentError) throw new InputError([...problems, ...err.problems], 'fix the document and run again; nothing was sent');
    throw err;
  }
  const only = o.regions;
  if (only) {
    for (const r of only)
      if (!desired.regions.some((d) => d.region === r))
        problems.push({
          field: '--regions',
          message: `${r} is not in ${file}; the document names ${desired.regions.map((d) => d.region).join(', ') || 'no Region'}`,
        });
    desired = { regions: desired.regions.filter((d) => only.includes(d.region)) };
  }
  if (problems.length) throw new InputError(problems, 'nothing was sent');
  return { file, planOnly: o.plan, prune: o.prune, desired };
}

export async function runProgramApply(ctx: Context, options: ProgramApplyOptions): Promise<CommandResult<ProgramApplyData>> {
  const { pacedReader } = await import('../../runtime/program/read.js');
  const { planProgram, countProgramCalls } = await import('../../core/program/plan.js');
  const { renderProgramPlan, programCallLabel } = await import('../../core/program/plan-text.js');
  const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
  const { maskPhoneNumber } = await import('../../core/mask.js');
  const catalog = await loadCountryCatalog();
  const reader = pacedReader(ctx);
  const snapshots = await readSnapshots(ctx, reader, options.desired);
  const plan: ProgramPlan = planProgram(snapshots, options.desired, { prune: options.prune, serviceCountries: catalog.service, mask: maskPhoneNumber });
  const label = (c: ProgramCall) => programCallLabel(c, maskPhoneNumber);
  const data: ProgramApplyData = {
    file: options.file,
    regions: options.desired.regions.map((r) => r.region),
    pending: plan.calls.length > 0,
    applied: false,
    plan: {
      resources: plan.resources.filter((r) => r.action !== 'unchanged'),
      blockers: plan.blockers,
      unmanaged: plan.unmanaged,
      expired: plan.expired,
      calls: plan.calls.length,
      callsByOperation: countProgramCalls(plan),
      order: plan.calls.map(label),
    },
    readCalls: reader.calls,
    made: 0,
    notMade: [],
  };
  const text = (color: boolean) => {
    const st = color ? ctx.log.style : undefined;
    return renderProgramPlan(plan, {
      header: `Program plan for ${options.file}`,
      countryName: catalog.name,
      mask: maskPhoneNumber,
      style: st ? { add: (s) => st.green(s), remove: (s) => st.red(s), change: (s) => st.yellow(s), dim: (s) => st.dim(s) } : undefined,
    });
  };
  const gate = await planGate(ctx, { data, text, calls: plan.calls.length, blockers: plan.blockers, planOnly: options.planOnly, command: 'eum program apply' });
  if ('done' in gate) return gate.done;
  const { applyProgram } = await import('../../runtime/program/apply.js');
  const result = await applyProgram(ctx, plan.calls, snapshots);
  data.made = result.done.length;
  data.notMade = result.notDone.map(label);
  const report = () => {
    const heading = result.failed?.unknown ? 'outcome unknown (not repeated; the next plan shows whether it took effect):' : 'failed:';
    return appliedReport({ done: result.done, stopped: result.failed && { call: result.failed.call, heading }, notDone: result.notDone }, label);
  };
  if (result.failed) {
    const { translateAwsError } = await import('../../aws/errors.js');
    const err = translateAwsError(result.failed.error, { operation: label(result.failed.call) });
    ctx.stderr.write(`${report()}\n${RUN_AGAIN}\n`);
    throw err;
  }
  if (result.interrupted) {
    return {
      data,
      notes: [report(), `interrupted after ${result.done.length} of ${plan.calls.length} calls; run apply again to finish`],
      exitCode: ExitCode.Interrupted,
    };
  }
  data.applied = true;
  return { data, views: gate.shownOnStderr ? [] : [gate.planView], notes: [`applied: ${result.done.length} API call${result.done.length === 1 ? '' : 's'}`] };
}

/** Reads, in each Region of the document, only the sections it describes. */
async function readSnapshots(
  ctx: Context,
  reader: ReturnType<typeof import('../../runtime/program/read.js').pacedReader>,
  desired: DesiredProgram,
): Promise<import('../../core/program/plan.js').RegionSnapshot[]> {
  const { readRegion } = await import('../../runtime/program/read.js');
  return Promise.all(
    desired.regions.map((want) => {
      const sections = new Set<import('../../runtime/program/read.js').Section>();
      if (want.phoneNumbers) sections.add('phoneNumbers');
      if (want.phoneNumbers?.some((n) => n.keywords)) sections.add('keywords');
      if (want.pools) sections.add('pools');
      if (want.optOutLists) sections.add('optOutLists');
      if (want.configurationSets) sections.add('configurationSets');
      if (want.protect) sections.add('protect');
      if (want.spendLimits) sections.add('spendLimits');
      if (want.optedOutNumbers) sections.add('optedOutNumbers');
      if (want.senderIds) sections.add('senderIds');
      const keywordNumbers = new Set((want.phoneNumbers ?? []).filter((n) => n.keywords).map((n) => n.number));
      return readRegion(ctx, reader, { region: want.region, sections, keywordNumbers, optedOutLists: Object.keys(want.optedOutNumbers ?? {}) });
    }),
  );
}

export function registerProgramApply(parent: Command, app: App): void {
  const cmd = parent
    .command('apply')
    .description('make each Region of a program document match it; --plan shows the changes (exit 3 when any are pending, 1 when the plan has blockers)')
    .option('-f, --file <file>', 'the document (YAML); - for stdin')
    .option('--plan', 'only print the plan: exit 0 with no changes, 3 with changes pending, 1 with blockers')
    .option(
      '--prune',
      'delete pools, configuration sets, opt-out lists, Protect configurations and spend limit overrides the document does not describe (never numbers, never with deletion protection on)',
    )
    .option('--regions <list>', 'only these Regions of the document, comma-separated')
    .action(app.action(async (ctx, { opts }) => runProgramApply(ctx, await parseProgramApplyOptions(ctx, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['drift check in CI (exit 3 when the account differs)', 'eum program apply -f program.yaml --plan'],
    ['apply without a prompt', 'eum program apply -f program.yaml --yes'],
    ['one Region, deleting what the document left out', 'eum program apply -f program.yaml --regions eu-west-2 --prune'],
  ]);
}
