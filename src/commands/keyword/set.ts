/**
 * `eum keyword set <identity> KEYWORD --message TEXT [--action ...]`: creates or replaces a keyword.
 * Checked before any call: lengths, reserved keywords, and what carriers expect of HELP and STOP
 * answers (brand, help contact, opt-out instruction or confirmation). Then, after reading the
 * identity: US toll-free rules and the keyword quota (still nothing written), and a warning when
 * the answer differs from the one the number's registration promised (carriers compare them).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { ExitCode, InputError, type InputProblem } from '../../errors.js';
import { KEYWORD_ACTIONS, type KeywordAction } from '../../aws/keywords.js';
import {
  REGISTRATION_ANSWER_FIELDS,
  checkKeyword,
  contentProblems,
  keywordKind,
  lengthWarnings,
  reservedProblems,
  sameAnswer,
  usTollFreeProblems,
} from '../../core/keywords.js';
import { checkIdentity, resolveIdentity, shownIdentity } from './identity.js';
import { actionFlag, brandFlag, contentCheckFlag, dryRunFlag, messageFlag } from './flags.js';
import { parseOptions } from '../../cli/options.js';

/** The flags of `keyword set`, each with its type and check. */
const setFlags = { action: actionFlag, message: messageFlag, brand: brandFlag, contentCheck: contentCheckFlag, dryRun: dryRunFlag };

/** At most this many keywords per number or pool (quotas page: 30 per number). */
export const MAX_KEYWORDS = 30;

export interface KeywordSetOptions {
  identity: string;
  keyword: string;
  message: string;
  action: KeywordAction;
  brand?: string;
  dryRun: boolean;
}

export interface KeywordSetData {
  identity: string;
  identityArn: string | null;
  keyword: string;
  action: KeywordAction;
  message: string;
  /** The keyword before, when it existed. */
  previous: { action: KeywordAction; message: string } | null;
  /** created | replaced | unchanged | planned (with --dry-run). */
  status: 'created' | 'replaced' | 'unchanged' | 'planned';
  /** What the registrations of the number (or of a pool's numbers) give for this answer, when they record one. */
  registrations: Array<{ registrationId: string; field: string; approvedMessage: string; matches: boolean }>;
  warnings: string[];
}

export function parseKeywordSetOptions(args: unknown[], opts: Record<string, unknown>): KeywordSetOptions {
  const problems: InputProblem[] = [];
  const identity = checkIdentity(args[0] as string | undefined, '<identity>', problems);
  const rawKeyword = args[1] as string | undefined;
  let keyword = '';
  if (rawKeyword === undefined) problems.push({ field: '<keyword>', message: 'required: the word recipients text, e.g. HELP, STOP, INFO' });
  else {
    const p = checkKeyword(rawKeyword);
    if (p) problems.push({ field: '<keyword>', message: `"${rawKeyword}" ${p}` });
    keyword = rawKeyword.toUpperCase();
  }
  const before = problems.length;
  const o = parseOptions(setFlags, opts, problems);
  const action = o.action ?? (keyword === 'STOP' ? 'OPT_OUT' : 'AUTOMATIC_RESPONSE');
  const message = o.message ?? '';
  const messageOk = o.message !== undefined && !problems.slice(before).some((p) => p.field === '--message');
  if (keyword && !checkKeyword(rawKeyword ?? '')) for (const p of reservedProblems(keyword, action, 'set')) problems.push({ field: '<keyword>', message: p });
  if (messageOk && o.contentCheck) {
    for (const p of contentProblems(keywordKind(keyword, action), message, o.brand || undefined))
      problems.push({ field: '--message', message: `the ${keyword} answer ${p}` });
  }
  if (problems.length) throw new InputError(problems, 'nothing was changed; fix the input and run again (see eum keyword set --help)');
  return { identity, keyword, message, action, brand: o.brand, dryRun: o.dryRun };
}

/** The answer the identity's registration approved for HELP or STOP, when it records one. */
async function approvedAnswer(ctx: Context, registrationId: string, kind: 'help' | 'stop'): Promise<{ field: string; text: string } | undefined> {
  const { readWithRetry } = await import('../../runtime/bulk.js');
  const { describeRegistration, listRegistrationFieldValues } = await import('../../aws/registrations.js');
  const reg = await readWithRetry(ctx, (call) => describeRegistration(call.client, registrationId, { signal: call.signal }));
  const fields = reg ? REGISTRATION_ANSWER_FIELDS[reg.registrationType] : undefined;
  if (!reg || !fields) return undefined;
  // The approved version when there is one: that is what the carriers hold.
  const version = reg.approvedVersionNumber;
  const values = await readWithRetry(ctx, (call) => listRegistrationFieldValues(call.client, registrationId, version, { signal: call.signal }));
  const field = fields[kind];
  const text = values.values.find((v) => v.fieldPath === field)?.text;
  return text === undefined ? undefined : { field, text };
}

export async function runKeywordSet(ctx: Context, o: KeywordSetOptions): Promise<CommandResult<KeywordSetData>> {
  const { readWithRetry, callWithRetry } = await import('../../runtime/bulk.js');
  const { describeKeywords, putKeyword } = await import('../../aws/keywords.js');
  const identity = await resolveIdentity(ctx, o.identity);
  const shown = shownIdentity(identity);
  if (identity.kind === 'sender-id')
    throw new InputError([{ field: '<identity>', message: 'sender IDs have no keywords (recipients cannot reply to them): give a phone number or a pool' }]);
  const problems: InputProblem[] = [];
  if (identity.numberType === 'TOLL_FREE' && identity.country === 'US')
    for (const p of usTollFreeProblems(o.keyword, o.action)) problems.push({ field: '<keyword>', message: p });
  const existing = await readWithRetry(ctx, (call) => describeKeywords(call.client, identity.id, {}, { signal: call.signal }));
  const before = existing.keywords.find((k) => k.keyword.toUpperCase() === o.keyword);
  if (!before && existing.keywords.length >= MAX_KEYWORDS) {
    problems.push({
      field: '<keyword>',
      message: `${shown} has ${existing.keywords.length} keywords, the most a ${identity.kind === 'pool' ? 'pool' : 'number'} may have (${MAX_KEYWORDS}): delete one first (eum keyword delete)`,
    });
  }
  if (problems.length) throw new InputError(problems, `nothing was changed on ${shown}`);

  const warnings = [...lengthWarnings(o.message)];
  const kind = keywordKind(o.keyword, o.action);
  const registrations: KeywordSetData['registrations'] = [];
  if ((kind === 'help' || kind === 'stop') && (o.keyword === 'HELP' || o.keyword === 'STOP')) {
    const { poolMemberRegistrations } = await import('../../aws/keywords.js');
    // A pool's keywords answer for all its numbers: each of their registrations counts.
    const ids =
      identity.kind === 'pool'
        ? await readWithRetry(ctx, (call) => poolMemberRegistrations(call.client, identity.id, { signal: call.signal }))
        : identity.registrationId
          ? [identity.registrationId]
          : [];
    for (const registrationId of ids) {
      const approved = await approvedAnswer(ctx, registrationId, kind);
      if (!approved) continue;
      const matches = sameAnswer(approved.text, o.message);
      registrations.push({ registrationId, field: approved.field, approvedMessage: approved.text, matches });
      if (!matches) {
        warnings.push(
          `the ${o.keyword} answer differs from the one registration ${registrationId} gives (${approved.field}): carriers compare them; use the registered text, or update the registration (eum registration edit ${registrationId})`,
        );
      }
    }
  }
  for (const w of warnings) ctx.log.warn(w);

  const previous = before ? { action: before.action, message: before.message } : null;
  const unchanged = previous !== null && previous.action === o.action && previous.message === o.message;
  const base = {
    identity: existing.identity,
    identityArn: existing.identityArn,
    keyword: o.keyword,
    action: o.action,
    message: o.message,
    previous,
    registrations,
    warnings,
  };
  const view = (status: KeywordSetData['status']) => ({
    kind: 'kv' as const,
    pairs: [
      ['identity', existing.identity],
      ['keyword', o.keyword],
      ['action', o.action],
      ['answer', o.message],
      ['status', status],
      ...(previous && !unchanged ? [['previous answer', `${previous.message} (${previous.action})`] as [string, unknown]] : []),
    ] as Array<[string, unknown]>,
  });
  if (unchanged)
    return { data: { ...base, status: 'unchanged' }, views: [view('unchanged')], notes: [`${o.keyword} on ${shown} already has this answer; nothing changed`] };
  if (o.dryRun) {
    return {
      data: { ...base, status: 'planned' },
      views: [view('planned')],
      notes: [`dry run: would ${previous ? 'replace' : 'create'} ${o.keyword} on ${shown}; nothing changed`],
      exitCode: ExitCode.Pending,
    };
  }
  // PutKeyword overwrites: repeating it after a lost answer leaves the same keyword.
  const outcome = await callWithRetry(
    ctx,
    (call) => putKeyword(call.client, identity.id, { keyword: o.keyword, message: o.message, action: o.action }, { signal: call.signal }),
    { idempotent: true },
  );
  if (outcome.kind !== 'ok') throw outcome.error;
  const status = previous ? 'replaced' : 'created';
  return { data: { ...base, status }, views: [view(status)], notes: [`${status} ${o.keyword} on ${shown}`] };
}

export function registerKeywordSet(parent: Command, app: App): void {
  const cmd = parent
    .command('set')
    .description('create or replace a keyword of a phone number or pool (HELP and STOP answers checked against carrier rules)')
    .argument('[identity]', 'phone number (E.164, id or ARN) or pool (id or ARN)')
    .argument('[keyword]', 'the word recipients text (1 to 30 characters, case-insensitive)')
    .option('--message <text>', 'the answer recipients get (1 to 1600 characters)')
    .option('--action <action>', `${KEYWORD_ACTIONS.join(', ')} (default: OPT_OUT for STOP, else AUTOMATIC_RESPONSE)`)
    .option('--brand <name>', 'the brand HELP and STOP answers must name (default: they must start with "Brand: ")')
    .option('--no-content-check', 'skip the carrier content rules for HELP and STOP answers (lengths and reserved keywords are still checked)')
    .option('--dry-run', 'check everything and show the change; change nothing (exit 3 when there is a change)')
    .action(app.action(async (ctx, { args, opts }) => runKeywordSet(ctx, parseKeywordSetOptions(args, opts))));
  app.examples(cmd, [
    [
      'the HELP answer carriers expect',
      'eum keyword set +12065550100 HELP --message "Acme: for help call +1 206 555 0199 or visit acme.example/help. Reply STOP to opt out."',
    ],
    [
      'the STOP answer, checking the brand',
      'eum keyword set phone-0123456789abcdef STOP --brand Acme --message "Acme: you are opted out and will no longer receive messages."',
    ],
    ['a keyword that opts back in', 'eum keyword set +12065550100 START --action OPT_IN --message "Acme: you are subscribed again. Reply STOP to opt out."'],
  ]);
}
