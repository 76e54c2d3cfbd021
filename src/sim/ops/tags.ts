/**
 * Tags on any resource with an ARN. Domains register how to tell whether their resource exists in
 * TAGGABLE (e.g. a later `protect-configuration` or `registration` entry).
 */
import type { ListTagsForResourceRequest, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { notFoundError, quotaError, validationError } from '../errors.js';
import { enumValues } from '../model.js';
import { arnIsLocal, parseArn, type OpContext, type OpMap, type ParsedArn } from './context.js';
import { lookupPhoneNumber, lookupPool } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';

/** Resource type (as in ARNs and the ResourceType enum) -> does this ARN name an existing resource? */
export const TAGGABLE: Record<string, (ctx: OpContext, a: ParsedArn, arn: string) => boolean> = {
  'sender-id': (ctx, a) => a.parts.length === 2 && Boolean(ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])]),
  'configuration-set': (ctx, a) => Boolean(ctx.region.configurationSets[a.resourceId]),
  'phone-number': (ctx, _a, arn) => Boolean(lookupPhoneNumber(ctx, arn)),
  pool: (ctx, _a, arn) => Boolean(lookupPool(ctx, arn)),
  'opt-out-list': (ctx, a) => Boolean(ctx.region.optOuts[a.resourceId]),
};

/** Tags per resource (the request's TagList allows 200). */
export const MAX_TAGS_PER_RESOURCE = 200;

/** Resolves a tagging ARN to the key under which its tags are kept; throws the service's errors. */
function taggableArn(ctx: OpContext, resourceArn: string): string {
  const a = parseArn(resourceArn);
  if (!a || !enumValues('ResourceType').includes(a.resourceType)) {
    throw validationError('INVALID_ARN', `The ARN ${resourceArn} is not valid.`, [{ Name: 'ResourceArn', Message: 'Invalid ARN' }]);
  }
  const exists = TAGGABLE[a.resourceType];
  if (!arnIsLocal(a, ctx) || !exists?.(ctx, a, resourceArn)) throw notFoundError(a.resourceType as string, a.parts.join('/'));
  return resourceArn;
}

export const tagOps: OpMap = {
  TagResource(ctx, input: TagResourceRequest) {
    const key = taggableArn(ctx, input.ResourceArn!);
    const merged = new Map((ctx.region.tags[key] ?? []).map((t) => [t.Key, t.Value]));
    for (const t of input.Tags ?? []) merged.set(t.Key!, t.Value!);
    if (merged.size > MAX_TAGS_PER_RESOURCE) throw quotaError('TAGS_PER_RESOURCE', `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
    ctx.region.tags[key] = [...merged].map(([Key, Value]) => ({ Key, Value }));
    return {};
  },

  UntagResource(ctx, input: UntagResourceRequest) {
    const key = taggableArn(ctx, input.ResourceArn!);
    const drop = new Set(input.TagKeys ?? []);
    const left = (ctx.region.tags[key] ?? []).filter((t) => !drop.has(t.Key));
    if (left.length) ctx.region.tags[key] = left;
    else delete ctx.region.tags[key];
    return {};
  },

  ListTagsForResource(ctx, input: ListTagsForResourceRequest) {
    const key = taggableArn(ctx, input.ResourceArn!);
    return { ResourceArn: input.ResourceArn, Tags: ctx.region.tags[key] ?? [] };
  },
};
