/** `eum registration lint <TYPE> --answers FILE`: every check, nothing created; offline from cached definitions. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { flag } from '../../cli/options.js';
import { brandFlag, parseTypeAndFlags, switchFlag } from './flags.js';

export interface RegistrationLintOptions {
  type: string;
  answers: string;
  strict: boolean;
  offline: boolean;
  /** The brand name the brand rules look for when the form has no brand field (a 10DLC campaign). */
  brand?: string;
}

export interface LintFinding {
  fieldPath: string;
  rule: string;
  message: string;
  fix?: string;
}

export interface RegistrationLintData {
  errors: LintFinding[];
  warnings: LintFinding[];
  /** Rules that could not run, and why (e.g. the brand rules without a brand name). */
  notRun: Array<{ rule: string; reason: string }>;
}

/** The flags of `registration lint`, each with its type and check. */
const lintFlags = {
  answers: flag((raw, problem) => {
    if (!raw) problem('is required: the answers file to check (start one with eum registration fields TYPE --template FILE)');
    return String(raw ?? '');
  }),
  strict: switchFlag,
  offline: switchFlag,
  brand: brandFlag,
};

export function parseRegistrationLintOptions(args: unknown[], opts: Record<string, unknown>): RegistrationLintOptions {
  return parseTypeAndFlags(args, opts, lintFlags);
}

export async function runRegistrationLint(ctx: Context, options: RegistrationLintOptions): Promise<CommandResult<RegistrationLintData>> {
  const { formForLint, readAnswersFile, checkAll } = await import('../../runtime/registration/shared.js');
  const { form, cachedAt } = await formForLint(ctx, options.type, options.offline);
  const { answers, problems } = await readAnswersFile(ctx, options.answers, form);
  const { errors, warnings, notRun } = await checkAll(ctx, form, answers, {
    complete: true,
    strict: options.strict,
    parseProblems: problems,
    brands: options.brand ? [options.brand] : undefined,
  });
  const data: RegistrationLintData = { errors, warnings, notRun };
  const rows = [...errors.map((e) => ({ ...e, level: 'error' })), ...warnings.map((w) => ({ ...w, level: 'warning' }))];
  const notes: string[] = [];
  if (cachedAt) notes.push(`definitions from the cache (read ${cachedAt})`);
  // A rule that could not run is said, never passed silently.
  if (notRun.length) notes.push(`not checked: ${notRun.map((r) => r.rule).join(', ')}: ${notRun[0].reason}`);
  notes.push(
    errors.length === 0
      ? `${options.answers}: no errors${warnings.length ? `, ${warnings.length} warning(s)${options.strict ? '' : ' (errors with --strict)'}` : ''}`
      : `${options.answers}: ${errors.length} error(s), ${warnings.length} warning(s)`,
  );
  return {
    data,
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'level', header: 'Level' },
          { key: 'fieldPath', header: 'Field' },
          { key: 'rule', header: 'Rule' },
          { key: 'message', header: 'Problem' },
          { key: 'fix', header: 'Fix' },
        ],
        rows,
        empty: 'no problems found',
      },
    ],
    notes,
    exitCode: errors.length ? 2 : 0,
  };
}

export function registerRegistrationLint(parent: Command, app: App): void {
  const cmd = parent
    .command('lint <type>')
    .description("check an answers file against the form and the carriers' requirements, without creating anything")
    .option('--answers <file>', 'the answers file (YAML keyed by field path)')
    .option('--strict', 'compliance findings are errors, not warnings')
    .option('--offline', 'use only the definitions cached by an earlier call')
    .option('--brand <name>', 'the brand name the brand rules look for (a 10DLC campaign form has no brand field)')
    .action(app.action((ctx, { args, opts }) => runRegistrationLint(ctx, parseRegistrationLintOptions(args, opts))));
  app.examples(cmd, [
    ['check a toll-free answers file', 'eum registration lint US_TOLL_FREE_REGISTRATION --answers tollfree.yaml'],
    ['fail CI on any compliance finding', 'eum registration lint US_TEN_DLC_CAMPAIGN_REGISTRATION --answers campaign.yaml --brand ExampleCorp --strict --json'],
    ['without network, from cached definitions', 'eum registration lint US_TOLL_FREE_REGISTRATION --answers tollfree.yaml --offline'],
  ]);
}
