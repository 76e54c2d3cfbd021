/**
 * Every implemented operation. A domain adds a file exporting `{ OperationName: handler }` and
 * spreads it in here; the model (fixtures/model) validates the input before the handler runs.
 */
import { accountOps } from './account.js';
import { configurationSetOps } from './configuration-sets.js';
import type { OpMap } from './context.js';
import { messageOps } from './messages.js';
import { notifyOps } from './notify.js';
import { phoneNumberOps } from './phone-numbers.js';
import { protectOps } from './protect.js';
import { rcsOps } from './rcs.js';
import { registrationOps } from './registrations.js';
import { senderIdOps } from './sender-ids.js';
import { tagOps } from './tags.js';

export const operations: OpMap = {
  ...messageOps,
  ...configurationSetOps,
  ...senderIdOps,
  ...tagOps,
  ...accountOps,
  ...phoneNumberOps,
  ...protectOps,
  ...registrationOps,
  ...notifyOps,
  ...rcsOps,
};

export type { OpContext, OpHandler, OpMap } from './context.js';
