/**
 * Every implemented operation. A domain adds a file exporting `{ OperationName: handler }` and
 * spreads it in here; the model (fixtures/model) validates the input before the handler runs.
 */
import { accountOps } from './account.js';
import { configurationSetOps } from './configuration-sets.js';
import { validationError } from '../errors.js';
import { withOperation, type OpMap } from './context.js';
import { messageOps } from './messages.js';
import { notifyOps } from './notify.js';
import { phoneNumberOps } from './phone-numbers.js';
import { protectOps } from './protect.js';
import { rcsOps } from './rcs.js';
import { registrationOps } from './registrations.js';
import { senderIdOps } from './sender-ids.js';
import { tagOps } from './tags.js';
import { keywordOps } from './keywords.js';
import { optOutOps } from './opt-outs.js';
import { poolOps } from './pools.js';
import { resourcePolicyOps } from './resource-policies.js';
import { verifiedDestinationOps } from './verified-destinations.js';

const handlers: OpMap = {
  ...messageOps,
  ...configurationSetOps,
  ...senderIdOps,
  ...tagOps,
  ...accountOps,
  ...phoneNumberOps,
  ...protectOps,
  ...registrationOps,
  ...poolOps,
  ...optOutOps,
  ...keywordOps,
  ...verifiedDestinationOps,
  ...resourcePolicyOps,
  ...notifyOps,
  ...rcsOps,
};

/** Tag keys starting with `aws:` are reserved for AWS: refused in every operation that takes tags. */
function refuseReservedTagKeys(input: { Tags?: { Key?: string }[]; TagKeys?: string[] }): void {
  const keys = [...(input.Tags ?? []).map((t, i) => [t.Key, `Tags.${i}.Key`] as const), ...(input.TagKeys ?? []).map((k, i) => [k, `TagKeys.${i}`] as const)];
  const bad = keys.filter(([k]) => typeof k === 'string' && k.toLowerCase().startsWith('aws:'));
  if (bad.length) {
    throw validationError(
      'INVALID_PARAMETER',
      `Tag keys starting with aws: are reserved for AWS use (${bad.map(([k]) => k).join(', ')}).`,
      bad.map(([, name]) => ({ Name: name, Message: 'Tag keys cannot start with aws:' })),
    );
  }
}

/**
 * Each handler runs with its operation's name set (a NextToken is valid only for the operation
 * that made it), after the checks every operation shares.
 */
export const operations: OpMap = Object.fromEntries(
  Object.entries(handlers).map(([name, h]) => [
    name,
    (ctx, input) => {
      if (input.Tags !== undefined || input.TagKeys !== undefined) refuseReservedTagKeys(input);
      return withOperation(name, () => h(ctx, input));
    },
  ]),
);

export type { OpContext, OpHandler, OpMap } from './context.js';
