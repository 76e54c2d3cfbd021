/** Account-level reads: attributes (tier) and spend limits. */
import type { DescribeAccountAttributesRequest, DescribeSpendLimitsRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { compact, paginate, type OpMap } from './context.js';

export const accountOps: OpMap = {
  DescribeAccountAttributes(ctx, input: DescribeAccountAttributesRequest) {
    const attributes = [{ Name: 'ACCOUNT_TIER', Value: ctx.region.account.tier }];
    if (ctx.region.account.defaultProtectConfigurationId) {
      attributes.push({ Name: 'DEFAULT_PROTECT_CONFIGURATION_ID', Value: ctx.region.account.defaultProtectConfigurationId });
    }
    const { page, nextToken } = paginate(attributes, input);
    return compact({ AccountAttributes: page, NextToken: nextToken });
  },

  DescribeSpendLimits(ctx, input: DescribeSpendLimitsRequest) {
    const limits = Object.entries(ctx.region.account.spendLimits).map(([Name, l]) => ({
      Name,
      EnforcedLimit: l.enforcedLimit,
      MaxLimit: l.maxLimit,
      Overridden: l.overridden,
    }));
    const { page, nextToken } = paginate(limits, input);
    return compact({ SpendLimits: page, NextToken: nextToken });
  },
};
