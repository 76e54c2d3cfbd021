/** `eum keyword delete <identity> KEYWORD`: removes a keyword (asks first; --yes). HELP and STOP cannot be deleted. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, OperationError, type InputProblem } from '../../errors.js';
import type { KeywordAction } from '../../aws/keywords.js';
import { checkKeyword, reservedProblems } from '../../core/keywords.js';
import { checkIdentity, resolveIdentity, shownIdentity } from './identity.js';
import { dryRunFlag } from './flags.js';
import { parseOptions } from '../../cli/options.js';

export interface KeywordDeleteData {
  identity: string;
  keyword: string;
  action: KeywordAction | null;
  message: string | null;
  /** deleted | planned (--dry-run) | kept (not confirmed). */
  status: 'deleted' | 'planned' | 'kept';
}

export function parseKeywordDeleteOptions(args: unknown[], opts: Record<string, unknown>): { identity: string; keyword: string; dryRun: boolean } {
  const problems: InputProblem[] = [];
  const identity = checkIdentity(args[0] as string | undefined, '<identity>', problems);
  const raw = args[1] as string | undefined;
  let keyword = '';
  if (raw === undefined) problems.push({ field: '<keyword>', message: 'required: the keyword to delete' });
  else {
    const p = checkKeyword(raw);
    if (p) problems.push({ field: '<keyword>', message: `"${raw}" ${p}` });
    keyword = raw.toUpperCase();
    if (!p) for (const r of reservedProblems(keyword, '', 'delete')) problems.push({ field: '<keyword>', message: r });
  }
  const { dryRun } = parseOptions({ dryRun: dryRunFlag }, opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was deleted (see eum keyword delete --help)');
  return { identity, keyword, dryRun };
}

export async function runKeywordDelete(ctx: Context, o: { identity: string; keyword: string; dryRun: boolean }): Promise<CommandResult<KeywordDeleteData>> {
  const { readWithRetry, callWithRetry } = await import('../../runtime/bulk.js');
  const { describeKeywords, deleteKeyword } = await import('../../aws/keywords.js');
  const identity = await resolveIdentity(ctx, o.identity);
  const shown = shownIdentity(identity);
  const existing = await readWithRetry(ctx, (call) => describeKeywords(call.client, identity.id, {}, { signal: call.signal }));
  const k = existing.keywords.find((x) => x.keyword.toUpperCase() === o.keyword);
  if (!k) throw new OperationError(`${shown} has no keyword ${o.keyword}`, { code: 'NOT_FOUND', hint: `its keywords: eum keyword list ${identity.id}` });
  const base = { identity: existing.identity, keyword: o.keyword, action: k.action, message: k.message };
  const view = (status: string) => ({
    kind: 'kv' as const,
    pairs: [
      ['identity', existing.identity],
      ['keyword', o.keyword],
      ['action', k.action],
      ['answer', k.message],
      ['status', status],
    ] as Array<[string, unknown]>,
  });
  if (o.dryRun)
    return {
      data: { ...base, status: 'planned' },
      views: [view('planned')],
      notes: [`dry run: would delete ${o.keyword} from ${shown}; nothing changed`],
      exitCode: ExitCode.Pending,
    };
  if (!(await ctx.confirm(`delete keyword ${o.keyword} (${k.action}) from ${shown}?`))) {
    return { data: { ...base, status: 'kept' }, views: [view('kept')], notes: ['nothing deleted'], exitCode: ExitCode.Failed };
  }
  const outcome = await callWithRetry(ctx, (call) => deleteKeyword(call.client, identity.id, o.keyword, { signal: call.signal }), { idempotent: true });
  // Not found after an attempt whose answer was lost: that attempt deleted it.
  const lostAnswer = outcome.kind === 'failed' && outcome.attempts > 1 && (outcome.error as { name?: string }).name === 'ResourceNotFoundException';
  if (outcome.kind !== 'ok' && !lostAnswer) throw outcome.error;
  return { data: { ...base, status: 'deleted' }, views: [view('deleted')], notes: [`deleted ${o.keyword} from ${shown}`] };
}

export function registerKeywordDelete(parent: Command, app: App): void {
  const cmd = parent
    .command('delete')
    .description('delete a keyword of a phone number or pool (asks first unless --yes; HELP and STOP stay)')
    .argument('[identity]', 'phone number (E.164, id or ARN) or pool (id or ARN)')
    .argument('[keyword]', 'the keyword to delete')
    .option('--dry-run', 'show what would be deleted; delete nothing (exit 3)')
    .action(app.action(async (ctx, { args, opts }) => runKeywordDelete(ctx, parseKeywordDeleteOptions(args, opts))));
  app.examples(cmd, [
    ['delete, confirming at the prompt', 'eum keyword delete +12065550100 INFO'],
    ['in a script', 'eum keyword delete pool-0123456789abcdef INFO --yes --json'],
  ]);
}
