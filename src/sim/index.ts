/**
 * A local simulator of AWS End User Messaging SMS (SMS and Voice v2) that the AWS SDK v3 and the
 * AWS CLI cannot tell from the service for the operations it implements (src/sim/ops/).
 *
 * Layout: model.ts + validate.ts (the official model, fixtures/model), errors.ts (wire errors),
 * state.ts (the JSON state, per region and domain), store.ts (memory and file stores), clock.ts,
 * quotas.ts, server.ts (HTTP), ops/ (one file per domain), hooks/ (test hooks under /_eum/).
 */
export type { SimConfig } from './config.js';
export { startSimServer, type SimServer, type SimServerOptions } from './server.js';
export { createMemoryStore, createFileStore, type SimStore, type FileStoreOptions } from './store.js';
export {
  freshState,
  describeState,
  normalizeState,
  regionState,
  ACCOUNT_ID,
  DEFAULT_REGION,
  SIMULATOR_PHONE_NUMBER,
  type SimState,
  type RegionState,
} from './state.js';
export { systemClock, manualClock, simNow, type SimClock } from './clock.js';
export { defineHook, type HookContext, type HookHandler, type HookResult } from './hooks/index.js';
export { PUBLISHED_RPS, rateFor } from './quotas.js';
export { REQUEST_LOG_LIMIT, type RequestLogEntry } from './request-log.js';
export { loadCatalog as loadRegistrationTypes } from './registrations/catalog.js';
