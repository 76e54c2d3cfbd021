/**
 * `eum opt-out lists [list]`, `lists create NAME`, `lists delete NAME`: the account's opt-out lists.
 * Creating is idempotent (one ClientToken per run); deleting asks first (--yes) and says how many
 * numbers were on the list.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult, View } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import type { OptOutListInfo } from '../../aws/opt-outs.js';
import { checkListName, switchFlag } from './options.js';
import { flag, parseOptions, shown } from '../../cli/options.js';

export interface OptOutListData {
  name: string;
  arn: string | null;
  createdAt: Date | null;
}

const listView = (lists: OptOutListData[]): View => ({
  kind: 'table',
  columns: [
    { key: 'name', header: 'Name' },
    { key: 'createdAt', header: 'Created', format: (v) => (v instanceof Date ? v.toISOString().replace('T', ' ').slice(0, 19) : '') },
    { key: 'arn', header: 'ARN' },
  ],
  rows: lists as unknown as Record<string, unknown>[],
  empty: 'No opt-out lists. Create one with: eum opt-out lists create NAME',
});

const toData = (l: OptOutListInfo): OptOutListData => ({ name: l.name, arn: l.arn, createdAt: l.createdAt });

export async function runListsList(ctx: Context): Promise<CommandResult<{ lists: OptOutListData[] }>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const { describeOptOutLists } = await import('../../aws/opt-outs.js');
  const lists = (await readWithRetry(ctx, (call) => describeOptOutLists(call.client, undefined, { signal: call.signal })))
    .map(toData)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { data: { lists }, views: [listView(lists)], notes: [`${lists.length} opt-out list${lists.length === 1 ? '' : 's'}`] };
}

/** `--tag KEY=VALUE`, repeatable (commander collects them). */
const tagsFlag = flag((raw, problem): Array<{ Key: string; Value: string }> => {
  const out: Array<{ Key: string; Value: string }> = [];
  for (const t of Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)]) {
    const eq = t.indexOf('=');
    const key = eq < 0 ? t : t.slice(0, eq);
    if (eq < 1 || key.length > 128 || t.length - eq - 1 > 256 || /^aws:/i.test(key))
      problem(`"${shown(t.slice(0, 80))}" is not a tag: KEY=VALUE, key 1 to 128 characters (not starting with aws:), value at most 256`);
    else out.push({ Key: key, Value: t.slice(eq + 1) });
  }
  return out;
});

export async function runListsCreate(
  ctx: Context,
  o: { name: string; tags: Array<{ Key: string; Value: string }> },
): Promise<CommandResult<{ list: OptOutListData }>> {
  const { callWithRetry } = await import('../../runtime/bulk.js');
  const { createOptOutList } = await import('../../aws/opt-outs.js');
  // One token for every attempt: a retry after a lost answer replays the first creation.
  const clientToken = randomUUID();
  const outcome = await callWithRetry(ctx, (call) => createOptOutList(call.client, { name: o.name, tags: o.tags, clientToken }, { signal: call.signal }), {
    idempotent: true,
  });
  if (outcome.kind !== 'ok') throw outcome.error;
  const list = toData(outcome.value);
  return {
    data: { list },
    views: [listView([list])],
    notes: [
      `created opt-out list ${list.name}; a number or pool uses it once you set it there (aws pinpoint-sms-voice-v2 update-phone-number --opt-out-list-name ${list.name})`,
    ],
  };
}

export async function runListsDelete(
  ctx: Context,
  o: { name: string; dryRun: boolean },
): Promise<CommandResult<{ list: OptOutListData; numbersOnList: string; status: 'deleted' | 'planned' | 'kept' }>> {
  const { readWithRetry, callWithRetry } = await import('../../runtime/bulk.js');
  const { describeOptOutLists, describeOptedOutNumbersPage, deleteOptOutList } = await import('../../aws/opt-outs.js');
  const [found] = await readWithRetry(ctx, (call) => describeOptOutLists(call.client, [o.name], { signal: call.signal }));
  const list = toData(found ?? { name: o.name, arn: null, createdAt: null });
  // One page says whether numbers are on it (and how many, up to a page).
  const page = await readWithRetry(ctx, (call) => describeOptedOutNumbersPage(call.client, o.name, {}, {}, { signal: call.signal }));
  const numbersOnList = `${page.numbers.length}${page.nextToken ? '+' : ''}`;
  const what = `opt-out list ${o.name} (${numbersOnList} number${numbersOnList === '1' ? '' : 's'} on it: identities that used it would send to them again)`;
  const view = (status: string): View => ({
    kind: 'kv',
    pairs: [
      ['name', list.name],
      ['arn', list.arn],
      ['numbers on it', numbersOnList],
      ['status', status],
    ],
  });
  if (o.dryRun)
    return { data: { list, numbersOnList, status: 'planned' }, views: [view('planned')], notes: [`dry run: would delete ${what}`], exitCode: ExitCode.Pending };
  if (!(await ctx.confirm(`delete ${what}?`)))
    return { data: { list, numbersOnList, status: 'kept' }, views: [view('kept')], notes: ['nothing deleted'], exitCode: ExitCode.Failed };
  const outcome = await callWithRetry(ctx, (call) => deleteOptOutList(call.client, o.name, { signal: call.signal }), { idempotent: true });
  const lostAnswer = outcome.kind === 'failed' && outcome.attempts > 1 && (outcome.error as { name?: string }).name === 'ResourceNotFoundException';
  if (outcome.kind !== 'ok' && !lostAnswer) throw outcome.error;
  return { data: { list, numbersOnList, status: 'deleted' }, views: [view('deleted')], notes: [`deleted ${what}`] };
}

export function registerOptOutLists(parent: Command, app: App): void {
  const lists = parent.command('lists').description("the account's opt-out lists: list (the default), create, delete");
  const list = lists
    .command('list', { isDefault: true })
    .description('list the opt-out lists of the Region')
    .action(app.action((ctx) => runListsList(ctx)));
  app.examples(list, [
    ['every list', 'eum opt-out lists'],
    ['names only, for a script', "eum opt-out lists --query 'lists[].name'"],
  ]);
  const create = lists
    .command('create')
    .description('create an opt-out list')
    .argument('[name]', 'the list name: 1 to 64 letters, digits, "_" or "-"')
    .option('--tag <key=value>', 'a tag (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        if (args[0] === undefined) problems.push({ field: '<name>', message: 'required: the name of the new list, e.g. eum opt-out lists create marketing' });
        const name = args[0] === undefined ? '' : checkListName(args[0] as string, '<name>', problems, { create: true });
        const { tag: tags } = parseOptions({ tag: tagsFlag }, opts, problems);
        if (problems.length) throw new InputError(problems, 'nothing was created (see eum opt-out lists create --help)');
        return runListsCreate(ctx, { name, tags });
      }),
    );
  app.examples(create, [['a list for one brand', 'eum opt-out lists create acme-marketing --tag team=growth']]);
  const del = lists
    .command('delete')
    .description('delete an opt-out list (asks first unless --yes; Default and lists in use cannot be deleted)')
    .argument('[name]', 'the list name or ARN')
    .option('--dry-run', 'show what would be deleted; delete nothing (exit 3)')
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        if (args[0] === undefined) problems.push({ field: '<name>', message: 'required: the list to delete' });
        const name = args[0] === undefined ? '' : checkListName(args[0] as string, '<name>', problems);
        if (name === 'Default') problems.push({ field: '<name>', message: 'the Default list cannot be deleted' });
        const { dryRun } = parseOptions({ dryRun: switchFlag }, opts, problems);
        if (problems.length) throw new InputError(problems, 'nothing was deleted (see eum opt-out lists delete --help)');
        return runListsDelete(ctx, { name, dryRun });
      }),
    );
  app.examples(del, [
    ['delete, confirming at the prompt', 'eum opt-out lists delete acme-marketing'],
    ['in a script', 'eum opt-out lists delete acme-marketing --yes --json'],
  ]);
}
