/** Resource policies (cross-account sharing) on phone numbers, sender IDs, pools and opt-out lists. */
import type { DeleteResourcePolicyRequest, GetResourcePolicyRequest, PutResourcePolicyRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { notFoundError, validationError } from '../errors.js';
import { arnIsLocal, compact, parseArn, type OpContext, type OpMap } from './context.js';
import { TAGGABLE } from './tags.js';

/** Resource types a policy can be attached to (the API reference of PutResourcePolicy). */
const SHAREABLE = new Set(['phone-number', 'sender-id', 'pool', 'opt-out-list']);

function shareableArn(ctx: OpContext, resourceArn: string): string {
  const a = parseArn(resourceArn);
  if (!a || !SHAREABLE.has(a.resourceType)) {
    throw validationError('INVALID_ARN', `The ARN ${resourceArn} is not a phone number, sender ID, pool or opt-out list.`, [
      { Name: 'ResourceArn', Message: 'Invalid ARN' },
    ]);
  }
  if (!arnIsLocal(a, ctx) || !TAGGABLE[a.resourceType]?.(ctx, a, resourceArn)) throw notFoundError(a.resourceType, resourceArn);
  return resourceArn;
}

export const resourcePolicyOps: OpMap = {
  PutResourcePolicy(ctx, input: PutResourcePolicyRequest) {
    const key = shareableArn(ctx, input.ResourceArn!);
    try {
      const doc = JSON.parse(input.Policy!);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not an object');
    } catch {
      throw validationError('INVALID_PARAMETER', 'The policy is not a JSON policy document.', [{ Name: 'Policy', Message: 'Invalid JSON policy' }]);
    }
    ctx.region.resourcePolicies[key] = input.Policy!;
    return { ResourceArn: key, Policy: input.Policy, CreatedTimestamp: ctx.now / 1000 };
  },

  GetResourcePolicy(ctx, input: GetResourcePolicyRequest) {
    const key = shareableArn(ctx, input.ResourceArn!);
    return compact({ ResourceArn: key, Policy: ctx.region.resourcePolicies[key] });
  },

  DeleteResourcePolicy(ctx, input: DeleteResourcePolicyRequest) {
    const key = shareableArn(ctx, input.ResourceArn!);
    const policy = ctx.region.resourcePolicies[key];
    if (policy === undefined) throw notFoundError('policy', key, `No resource policy on ${key}.`);
    delete ctx.region.resourcePolicies[key];
    return { ResourceArn: key, Policy: policy };
  },
};
