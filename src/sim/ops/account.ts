/** Account-level operations: attributes (tier), account limits, spend limits and their overrides. */
import type { DescribeAccountAttributesRequest, DescribeAccountLimitsRequest, DescribeSpendLimitsRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { validationError } from '../errors.js';
import { enumValues } from '../model.js';
import { compact, paginate, type OpContext, type OpMap } from './context.js';
import { MAX_CONFIGURATION_SETS } from './configuration-sets.js';
import { MAX_OPT_OUT_LISTS } from './opt-outs.js';
import { MAX_PHONE_NUMBERS } from './phone-numbers.js';
import { MAX_POOLS } from './pools.js';
import { MAX_REGISTRATION_ATTACHMENTS, MAX_REGISTRATIONS } from './registrations.js';
import { MAX_SENDER_IDS } from './sender-ids.js';
import { MAX_VERIFIED_DESTINATIONS } from './verified-destinations.js';

/** DescribeAccountLimits: the published defaults (data/service-facts/sandbox.json) and what is used. */
function accountLimits(ctx: OpContext): { Name: string; Used: number; Max: number }[] {
  const r = ctx.region;
  const count = (o: object) => Object.keys(o).length;
  const used: Record<string, [number, number]> = {
    PHONE_NUMBERS: [count(r.phoneNumbers), MAX_PHONE_NUMBERS],
    POOLS: [count(r.pools), MAX_POOLS],
    CONFIGURATION_SETS: [count(r.configurationSets), MAX_CONFIGURATION_SETS],
    OPT_OUT_LISTS: [count(r.optOuts), MAX_OPT_OUT_LISTS],
    SENDER_IDS: [count(r.senderIds), MAX_SENDER_IDS],
    REGISTRATIONS: [Object.values(r.registrations.registrations).filter((x) => !x.closed).length, MAX_REGISTRATIONS],
    REGISTRATION_ATTACHMENTS: [Object.values(r.registrations.attachments).filter((x) => x.AttachmentStatus !== 'DELETED').length, MAX_REGISTRATION_ATTACHMENTS],
    VERIFIED_DESTINATION_NUMBERS: [count(r.verifiedDestinations), MAX_VERIFIED_DESTINATIONS],
  };
  return enumValues('AccountLimitName').map((Name) => ({ Name, Used: used[Name]?.[0] ?? 0, Max: used[Name]?.[1] ?? 0 }));
}

/** Set/Delete<Kind>MessageSpendLimitOverride for every spend-limit name of the model. */
function spendLimitOps(): OpMap {
  const ops: OpMap = {};
  for (const [kind, name] of [
    ['Text', 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT'],
    ['Voice', 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT'],
    ['Media', 'MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT'],
    ['Notify', 'NOTIFY_MESSAGE_MONTHLY_SPEND_LIMIT'],
    ['Rcs', 'RCS_MESSAGE_MONTHLY_SPEND_LIMIT'],
  ] as const) {
    ops[`Set${kind}MessageSpendLimitOverride`] = (ctx, input: { MonthlyLimit?: number }) => {
      const l = ctx.region.account.spendLimits[name];
      const wanted = input.MonthlyLimit!;
      if (wanted > l.maxLimit) {
        throw validationError(
          'REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT',
          `The monthly limit ${wanted} is higher than the account's limit of ${l.maxLimit} USD. Request a higher account limit from AWS Support.`,
          [{ Name: 'MonthlyLimit', Message: `At most ${l.maxLimit}` }],
        );
      }
      l.enforcedLimit = wanted;
      l.overridden = true;
      return { MonthlyLimit: wanted };
    };
    ops[`Delete${kind}MessageSpendLimitOverride`] = (ctx) => {
      const l = ctx.region.account.spendLimits[name];
      const previous = l.overridden ? l.enforcedLimit : undefined;
      l.enforcedLimit = l.maxLimit;
      l.overridden = false;
      return compact({ MonthlyLimit: previous });
    };
  }
  return ops;
}

export const accountOps: OpMap = {
  DescribeAccountAttributes(ctx, input: DescribeAccountAttributesRequest) {
    const attributes = [{ Name: 'ACCOUNT_TIER', Value: ctx.region.account.tier }];
    if (ctx.region.account.defaultProtectConfigurationId) {
      attributes.push({ Name: 'DEFAULT_PROTECT_CONFIGURATION_ID', Value: ctx.region.account.defaultProtectConfigurationId });
    }
    const { page, nextToken } = paginate(attributes, input);
    return compact({ AccountAttributes: page, NextToken: nextToken });
  },

  DescribeAccountLimits(ctx, input: DescribeAccountLimitsRequest) {
    const { page, nextToken } = paginate(accountLimits(ctx), input);
    return compact({ AccountLimits: page, NextToken: nextToken });
  },

  DescribeSpendLimits(ctx, input: DescribeSpendLimitsRequest) {
    // Every name of the model, in the model's order.
    const limits = enumValues('SpendLimitName')
      .filter((Name) => ctx.region.account.spendLimits[Name])
      .map((Name) => {
        const l = ctx.region.account.spendLimits[Name];
        return { Name, EnforcedLimit: l.enforcedLimit, MaxLimit: l.maxLimit, Overridden: l.overridden };
      });
    const { page, nextToken } = paginate(limits, input);
    return compact({ SpendLimits: page, NextToken: nextToken });
  },

  ...spendLimitOps(),
};
