/** `eum keyword list <identity>`: the keywords of a phone number or pool, with their action and answer. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { KEYWORD_ACTIONS, type KeywordAction } from '../../aws/keywords.js';
import { checkIdentity, resolveIdentity } from './identity.js';
import { actionFlag } from './flags.js';
import { parseOptions } from '../../cli/options.js';

export interface KeywordListData {
  identity: string;
  identityArn: string | null;
  keywords: Array<{ keyword: string; action: KeywordAction; message: string }>;
}

export async function runKeywordList(ctx: Context, o: { identity: string; action?: KeywordAction }): Promise<CommandResult<KeywordListData>> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const { describeKeywords } = await import('../../aws/keywords.js');
  // DescribeKeywords takes ids and ARNs: an E.164 number is looked up first.
  const identity = o.identity.startsWith('+') ? (await resolveIdentity(ctx, o.identity)).id : o.identity;
  const found = await readWithRetry(ctx, (call) => describeKeywords(call.client, identity, { action: o.action }, { signal: call.signal }));
  const keywords = [...found.keywords].sort((a, b) => a.keyword.localeCompare(b.keyword));
  const data: KeywordListData = { identity: found.identity, identityArn: found.identityArn, keywords };
  return {
    data,
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'keyword', header: 'Keyword' },
          { key: 'action', header: 'Action' },
          { key: 'message', header: 'Answer' },
        ],
        rows: keywords as unknown as Record<string, unknown>[],
        empty: `No keywords${o.action ? ` with action ${o.action}` : ''} on ${found.identity}.`,
      },
    ],
    notes: [`${keywords.length} keyword${keywords.length === 1 ? '' : 's'} on ${found.identity}`],
  };
}

export function registerKeywordList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list the keywords of a phone number or pool: the word, its action and the answer')
    .argument('[identity]', 'phone number (E.164, id or ARN) or pool (id or ARN)')
    .option('--action <action>', `only keywords with this action: ${KEYWORD_ACTIONS.join(', ')}`)
    .action(
      app.action(async (ctx, { args, opts }) => {
        const problems: InputProblem[] = [];
        const identity = checkIdentity(args[0] as string | undefined, '<identity>', problems);
        const { action } = parseOptions({ action: actionFlag }, opts, problems);
        if (problems.length) throw new InputError(problems, 'see eum keyword list --help');
        return runKeywordList(ctx, { identity, action });
      }),
    );
  app.examples(cmd, [
    ['the keywords of a number', 'eum keyword list +18335550100'],
    ['only the opt-out keywords of a pool, as JSON', 'eum keyword list pool-0123456789abcdef --action OPT_OUT --json'],
  ]);
}
