/**
 * The reads behind `eum doctor`: every one read-only, through the engine's `readWithRetry`, at
 * most `DOCTOR_CONCURRENCY` at a time. The first read (the account's attributes) also proves the
 * credentials, Region and endpoint: when it fails, nothing else is asked and the report says why.
 */
import type { Context } from '../cli/context.js';
import { describeEndpointSource } from '../core/aws-config.js';
import type { DoctorInput, DoctorRegistration } from '../core/doctor/diagnose.js';
import { readWithRetry } from './bulk.js';

/** Reads in flight at once: the describe operations' request quotas are low (a few per second). */
export const DOCTOR_CONCURRENCY = 4;

/** Registrations whose associations say which number or sender ID they register. */
const ASSOCIATED_TYPES = /^(US_TOLL_FREE_REGISTRATION|US_TEN_DLC_CAMPAIGN_REGISTRATION|.*_SENDER_ID_REGISTRATION)$/;

/** Runs the tasks with at most `limit` in flight; results in the tasks' order. */
export async function withConcurrency<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export type DoctorReads = { ok: true; input: DoctorInput } | { ok: false; connection: DoctorInput['connection']; error: unknown };

/** Everything doctor needs, or the error of the first read. */
export async function readDoctorInput(ctx: Context, countries: string[]): Promise<DoctorReads> {
  const account = await import('../aws/account.js');
  const connection: DoctorInput['connection'] = {
    region: ctx.region() ?? '',
    profile: ctx.globals.profile ?? null,
    endpoint: ctx.globals.sim ? 'in-process simulator (--sim)' : (ctx.globals.endpointUrl ?? null),
    endpointSource: ctx.globals.sim ? '--sim' : ctx.globals.endpointSource ? describeEndpointSource(ctx.globals.endpointSource) : null,
  };
  let attributes: DoctorInput['attributes'];
  try {
    const client = await ctx.sms();
    connection.region = await account.clientRegion(client);
    attributes = await readWithRetry(ctx, (call) => account.describeAccountAttributes(call.client, { signal: call.signal }));
  } catch (error) {
    return { ok: false, connection, error };
  }

  const [numbersMod, senderIdsMod, registrationsMod, verifyMod, protectMod] = await Promise.all([
    import('../aws/phone-numbers.js'),
    import('../aws/sender-ids.js'),
    import('../aws/registrations.js'),
    import('../aws/verify.js'),
    import('../aws/protect.js'),
  ]);
  // A read that fails (an IAM policy without that action, say) is reported, and the others still count.
  const unreadable: DoctorInput['unreadable'] = [];
  const { translateAwsError } = await import('../aws/errors.js');
  const read =
    <R>(what: string, operation: string, fallback: R, fn: Parameters<typeof readWithRetry<R>>[1]) =>
    async (): Promise<R> => {
      try {
        return await readWithRetry(ctx, fn);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        const e = translateAwsError(error, operation);
        unreadable.push({ what, operation, message: e.message, hint: e.hint ?? null });
        return fallback;
      }
    };
  const [spendLimits, limits, numbers, senderIds, registrations, verified, protect] = (await withConcurrency<unknown>(DOCTOR_CONCURRENCY, [
    read('spend limits', 'DescribeSpendLimits', [], (c) => account.describeSpendLimits(c.client, { signal: c.signal })),
    read('account limits', 'DescribeAccountLimits', [], (c) => account.describeAccountLimits(c.client, { signal: c.signal })),
    read('phone numbers', 'DescribePhoneNumbers', [], (c) => numbersMod.listPhoneNumbers(c.client, {}, { signal: c.signal })),
    read('sender IDs', 'DescribeSenderIds', [], (c) => senderIdsMod.describeSenderIds(c.client, {}, { signal: c.signal })),
    read('registrations', 'DescribeRegistrations', [], (c) => registrationsMod.listRegistrations(c.client, {}, { signal: c.signal })),
    read('verified destination numbers', 'DescribeVerifiedDestinationNumbers', [], (c) =>
      verifyMod.describeVerifiedNumbers(c.client, {}, { signal: c.signal }),
    ),
    read('Protect configurations', 'DescribeProtectConfigurations', [], (c) => protectMod.listConfigurations(c.client)),
  ])) as [
    Awaited<ReturnType<typeof account.describeSpendLimits>>,
    Awaited<ReturnType<typeof account.describeAccountLimits>>,
    Awaited<ReturnType<typeof numbersMod.listPhoneNumbers>>,
    Awaited<ReturnType<typeof senderIdsMod.describeSenderIds>>,
    Awaited<ReturnType<typeof registrationsMod.listRegistrations>>,
    Awaited<ReturnType<typeof verifyMod.describeVerifiedNumbers>>,
    Awaited<ReturnType<typeof protectMod.listConfigurations>>,
  ];

  // Second round: which resources the number and sender-ID registrations cover, and the account
  // default Protect configuration's SMS rules.
  const associated = registrations.filter((r) => ASSOCIATED_TYPES.test(r.registrationType) && r.status !== 'DELETED');
  const accountDefault = protect.find((p) => p.accountDefault);
  const second = await withConcurrency<unknown>(DOCTOR_CONCURRENCY, [
    ...associated.map((r) =>
      read(`the resources of registration ${r.registrationId}`, 'ListRegistrationAssociations', [], (c) =>
        registrationsMod.listRegistrationAssociations(c.client, r.registrationId, { signal: c.signal }),
      ),
    ),
    ...(accountDefault
      ? [
          read(`the SMS country rules of Protect configuration ${accountDefault.id}`, 'GetProtectConfigurationCountryRuleSet', {}, (c) =>
            protectMod.getRuleSet(c.client, accountDefault.id, 'sms'),
          ),
        ]
      : []),
  ]);
  const resources = new Map<string, string[]>();
  associated.forEach((r, i) => {
    const assocs = second[i] as Awaited<ReturnType<typeof registrationsMod.listRegistrationAssociations>>;
    resources.set(r.registrationId, assocs.flatMap((a) => [a.resourceId, a.resourceArn]).filter(Boolean));
  });
  const smsRules = accountDefault ? (second[associated.length] as Record<string, string>) : {};

  const doctorRegistrations: DoctorRegistration[] = registrations.map((r) => ({
    registrationId: r.registrationId,
    registrationType: r.registrationType,
    status: r.status,
    resources: resources.get(r.registrationId) ?? [],
  }));
  return {
    ok: true,
    input: {
      connection,
      attributes,
      spendLimits,
      limits,
      numbers,
      senderIds,
      registrations: doctorRegistrations,
      verified,
      protect: { accountDefaultId: accountDefault?.id ?? null, smsRules },
      countries,
      unreadable,
    },
  };
}
