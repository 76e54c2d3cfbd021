/**
 * `eum verify add +E164 [--channel text|voice]`: CreateVerifiedDestinationNumber, then a code to
 * the handset (SendDestinationNumberVerificationCode). A number added before and still pending
 * gets a new code; a verified one gets none. The code is a message: it is sent once, never retried
 * when the service may have acted.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, InterruptedError, OperationError, type InputProblem } from '../../errors.js';
import { maskPhoneNumber } from '../../core/mask.js';
import type { VerificationChannel, VerificationStatus } from '../../aws/verify.js';
import { checkPhone, SANDBOX_RULES, verifiedNote } from './options.js';
import { flag, parseOptions, shown } from '../../cli/options.js';

/** The model's LanguageCode enum: the languages of the code message. */
export const LANGUAGE_CODES = ['DE_DE', 'EN_GB', 'EN_US', 'ES_419', 'ES_ES', 'FR_CA', 'FR_FR', 'IT_IT', 'JA_JP', 'KO_KR', 'PT_BR', 'ZH_CN', 'ZH_TW'];

export interface VerifyAddOptions {
  phoneNumber: string;
  channel: VerificationChannel;
  language?: string;
  from?: string;
  configSet?: string;
}

export interface VerifyAddData {
  id: string;
  phoneNumber: string;
  status: VerificationStatus;
  /** Whether this run created the verified destination number (false: it existed). */
  created: boolean;
  codeSent: boolean;
  channel: 'text' | 'voice' | null;
  /** The message that carries the code. */
  messageId: string | null;
  accountTier: string | null;
}

/** The flags of `verify add`, each with its type and check. */
const verifyAddFlags = {
  channel: flag((raw, problem) => {
    const v = String(raw ?? 'text').toLowerCase();
    if (v !== 'text' && v !== 'voice') problem(`"${shown(v.slice(0, 20))}": use text or voice`);
    return v.toUpperCase() as VerificationChannel;
  }),
  language: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const language = String(raw).toUpperCase().replace('-', '_');
    if (!LANGUAGE_CODES.includes(language)) problem(`"${shown(String(raw).slice(0, 20))}": use one of ${LANGUAGE_CODES.join(', ')}`);
    return language;
  }),
  from: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const from = String(raw);
    if (!/^[A-Za-z0-9_:/+-]{1,256}$/.test(from)) problem('a phone number (E.164), phone number id, sender ID, pool id or ARN');
    return from;
  }),
  configSet: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const name = String(raw);
    if (!/^[A-Za-z0-9_:/-]{1,256}$/.test(name)) problem('a configuration set name or ARN: letters, digits, _ - : /');
    return name;
  }),
};

export async function parseVerifyAddOptions(args: unknown[], opts: Record<string, unknown>): Promise<VerifyAddOptions> {
  const problems: InputProblem[] = [];
  const phoneNumber = await checkPhone(args[0], '<phone-number>', problems);
  const o = parseOptions(verifyAddFlags, opts, problems);
  if (problems.length) throw new InputError(problems, 'nothing was sent');
  return { phoneNumber, ...o };
}

export async function runVerifyAdd(ctx: Context, o: VerifyAddOptions): Promise<CommandResult<VerifyAddData>> {
  const [verify, { describeAccountAttributes }, { callWithRetry }] = await Promise.all([
    import('../../aws/verify.js'),
    import('../../aws/account.js'),
    import('../../runtime/bulk.js'),
  ]);
  const client = await ctx.sms();
  const masked = maskPhoneNumber(o.phoneNumber);
  const tier = (await describeAccountAttributes(client, { signal: ctx.signal })).find((a) => a.name === 'ACCOUNT_TIER')?.value ?? null;
  const notes: string[] = [];
  if (tier && tier !== 'SANDBOX') notes.push(`the account is in ${tier.toLowerCase()}: sends need no verified numbers; verifying ${masked} anyway`);

  let [existing] = await verify.describeVerifiedNumbers(client, { phoneNumbers: [o.phoneNumber] }, { signal: ctx.signal });
  const created = !existing;
  if (existing?.status === 'VERIFIED') {
    return {
      data: {
        id: existing.id,
        phoneNumber: existing.phoneNumber,
        status: existing.status,
        created: false,
        codeSent: false,
        channel: null,
        messageId: null,
        accountTier: tier,
      },
      notes: [...notes, `${verifiedNote(masked, true)}; its id: ${existing.id}`],
    };
  }
  // The token makes the SDK's retries of this call safe: a repeat answers the first creation.
  if (!existing) existing = await verify.createVerifiedNumber(client, { phoneNumber: o.phoneNumber, clientToken: randomUUID() }, { signal: ctx.signal });

  // The code is a message: one attempt, retried only when the service certainly did not act.
  const outcome = await callWithRetry(
    ctx,
    (call) =>
      verify.sendVerificationCode(
        call.client,
        { id: existing.id, channel: o.channel, languageCode: o.language, originationIdentity: o.from, configurationSet: o.configSet },
        { signal: call.signal },
      ),
    { idempotent: false },
  );
  if (outcome.kind === 'failed') {
    if (ctx.signal.aborted && (outcome.error as { name?: string })?.name === 'AbortError')
      throw new InterruptedError(`interrupted: no code was sent; ${masked} is added (${existing.id}), run eum verify add again to send one`);
    throw outcome.error;
  }
  if (outcome.kind === 'unknown') {
    throw new OperationError(`a verification code to ${masked} may have been sent: ${outcome.reason}; eum did not send another`, {
      code: 'SEND_OUTCOME_UNKNOWN',
      hint: 'check the handset: confirm with eum verify confirm +E164 CODE, or send a new code with eum verify add +E164 (at most 5 in 24 hours)',
      cause: outcome.error,
    });
  }
  const channel = o.channel === 'VOICE' ? 'voice' : 'text';
  notes.push(
    `${created ? 'added' : 'already added (pending):'} ${masked} (${existing.id}); a code was sent by ${channel === 'voice' ? 'a voice call' : 'text'}`,
    'confirm with the code the handset received: eum verify confirm +E164 CODE',
  );
  if (tier === 'SANDBOX') notes.push(SANDBOX_RULES);
  return {
    data: {
      id: existing.id,
      phoneNumber: existing.phoneNumber,
      status: 'PENDING',
      created,
      codeSent: true,
      channel,
      messageId: outcome.value.messageId || null,
      accountTier: tier,
    },
    views: [{ kind: 'text', text: existing.id }],
    notes,
  };
}

export function registerVerifyAdd(parent: Command, app: App): void {
  const cmd = parent
    .command('add')
    .description('add a destination number to verify and send it a code (again, when it is still pending)')
    .argument('<phone-number>', 'the handset number, E.164 (+12065550142)')
    .option('--channel <channel>', 'how the code goes: text or voice (default text)')
    .option('--language <code>', `language of the code message: ${LANGUAGE_CODES.join(', ')}`)
    .option('--from <identity>', 'the origination identity that sends the code (default: one the service picks; never a simulator number)')
    .option('--config-set <name>', 'configuration set for the code message (its events)')
    .action(app.action(async (ctx, { args, opts }) => runVerifyAdd(ctx, await parseVerifyAddOptions(args, opts))));
  app.examples(cmd, [
    ['send a code to your phone', 'eum --sim verify add +12065550142'],
    ['by a voice call, in French', 'eum verify add +33612345678 --channel voice --language fr-fr'],
  ]);
}
