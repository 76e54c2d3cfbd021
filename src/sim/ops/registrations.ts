/**
 * The simulator's registration operations: wire shapes in, wire shapes out. The domain lives in
 * src/sim/registrations/model.ts (plain functions over the region's `registrations` section); the
 * review hook is in src/sim/hooks/registrations.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_ATTACHMENT_BYTES, sniffAttachment } from '../../core/registration/attachments.js';
import { conflictError, internalError, notFoundError, quotaError, validationError, type SimError } from '../errors.js';
import * as model from '../registrations/model.js';
import { loadCatalog, type Catalog } from '../registrations/catalog.js';
import { refreshRegistrations } from '../registrations/sender-ids.js';
import { ACCOUNT_ID } from '../state.js';
import { compact, epochSeconds, idempotent, parseArn, setTags, type OpContext, type OpMap } from './context.js';
import { lookupPhoneNumber, lookupPool } from './phone-numbers.js';
import { senderIdKey } from './sender-ids.js';
import { TAGGABLE } from './tags.js';

export { loadCatalog } from '../registrations/catalog.js';

// Registrations and attachments are taggable (CreateRegistration's Tags, TagResource).
TAGGABLE.registration = (ctx, a) => Boolean(ctx.region.registrations.registrations[a.resourceId]);
TAGGABLE['registration-attachment'] = (ctx, a) => Boolean(ctx.region.registrations.attachments[a.resourceId]);

const catalogs = new Map<string, Catalog>();

/** The registration types: the fixtures plus `--registration-types DIR`, loaded once per directory. */
export function catalogFor(dir: string | undefined): Catalog {
  const key = dir ?? '';
  let c = catalogs.get(key);
  if (!c) {
    c = loadCatalog(dir);
    catalogs.set(key, c);
  }
  return c;
}

/** The domain's environment for a request: simulated time, region, catalog. */
export function registrationEnv(now: number, regionName: string, registrationTypesDir: string | undefined): model.RegistrationEnv {
  return { now: new Date(now), region: regionName, accountId: ACCOUNT_ID, catalog: catalogFor(registrationTypesDir) };
}

/** Phone numbers, pools and sender IDs (by id or ARN; a sender ID by ARN) that a registration can be associated with. */
function findResource(ctx: OpContext, idOrArn: string) {
  const phone = lookupPhoneNumber(ctx, idOrArn);
  if (phone)
    return { ResourceArn: phone.arn, ResourceId: phone.id, ResourceType: 'phone-number', IsoCountryCode: phone.isoCountryCode, PhoneNumber: phone.phoneNumber };
  const pool = lookupPool(ctx, idOrArn);
  if (pool) return { ResourceArn: pool.arn, ResourceId: pool.id, ResourceType: 'pool' };
  const a = idOrArn.startsWith('arn:') ? parseArn(idOrArn) : undefined;
  if (a?.resourceType === 'sender-id' && a.parts.length === 2) {
    const sender = ctx.region.senderIds[senderIdKey(a.parts[0], a.parts[1])];
    if (sender) return { ResourceArn: sender.arn, ResourceId: sender.senderId, ResourceType: 'sender-id', IsoCountryCode: sender.isoCountryCode };
  }
  return undefined;
}

/** The domain's errors in the simulator's wire form. */
export function toSimError(err: unknown): SimError | unknown {
  if (!(err instanceof model.RegistrationApiError)) return err;
  const x = err.extra;
  if (err.type === 'ValidationException') return validationError(x.Reason ?? 'OTHER', err.message, x.Fields);
  if (err.type === 'ConflictException')
    return conflictError(x.Reason ?? 'RESOURCE_MODIFICATION_NOT_ALLOWED', x.ResourceType ?? 'registration', x.ResourceId ?? '', err.message);
  return notFoundError(x.ResourceType ?? 'registration', x.ResourceId ?? '', err.message);
}

/** Dates become epoch seconds; absent members are left out. */
function wireOut<T>(v: T): T {
  return wire(v) as T;
}

function wire(v: unknown): unknown {
  if (v instanceof Date) return epochSeconds(v.getTime());
  if (Array.isArray(v)) return v.map(wire);
  if (v && typeof v === 'object') return compact(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)])));
  return v;
}

/**
 * Attachments created from an AttachmentUrl finish uploading before the next registration request:
 * `s3://bucket/key` is read from `--s3-dir DIR` as DIR/bucket/key; a missing directory or object,
 * or anything but an S3 URL, fails as S3 access would (UPLOAD_FAILED); the file must be a PDF,
 * JPEG or PNG of at most 500 KB, as an AttachmentBody must.
 */
export function resolveUploads(rs: model.RegistrationsState, s3Dir: string | undefined): void {
  for (const a of Object.values(rs.attachments)) {
    if (a.AttachmentStatus !== 'UPLOAD_IN_PROGRESS') continue;
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(a.AttachmentUrl ?? '');
    let bytes: Buffer | undefined;
    if (m && s3Dir && !m[2].split('/').includes('..') && !m[1].includes('..')) {
      try {
        bytes = readFileSync(path.join(s3Dir, m[1], m[2]));
      } catch {
        bytes = undefined;
      }
    }
    const kind = bytes ? sniffAttachment(bytes) : undefined;
    if (bytes && kind && bytes.length <= MAX_ATTACHMENT_BYTES) {
      a.AttachmentStatus = 'UPLOAD_COMPLETE';
      a.kind = kind;
      a.size = bytes.length;
    } else a.AttachmentStatus = 'UPLOAD_FAILED';
  }
}

type Handler = (input: any, rs: model.RegistrationsState, env: model.RegistrationEnv, ctx: OpContext) => object; // eslint-disable-line @typescript-eslint/no-explicit-any

function op(handler: Handler) {
  return (ctx: OpContext, input: object) => {
    let env: model.RegistrationEnv;
    try {
      env = registrationEnv(ctx.now, ctx.regionName, ctx.config.registrationTypesDir);
    } catch (err) {
      throw internalError(`${ctx.requestId}: ${(err as Error).message}`);
    }
    const rs = ctx.region.registrations;
    model.advance(rs, env.now);
    resolveUploads(rs, ctx.config.s3Dir);
    let out: object;
    try {
      out = wire(handler(input, rs, env, ctx)) as object;
    } catch (err) {
      throw toSimError(err);
    }
    refreshRegistrations(ctx.region, ctx.regionName, env.catalog, ctx.now);
    return out;
  };
}

/** Registrations and registration attachments per account (quotas page, 25 each). */
export const MAX_REGISTRATIONS = 25;
export const MAX_REGISTRATION_ATTACHMENTS = 25;

export const registrationOps: OpMap = {
  DescribeRegistrationTypeDefinitions: op((input, _rs, env) => model.describeTypeDefinitions(env, input)),
  DescribeRegistrationSectionDefinitions: op((input, _rs, env) => model.describeSectionDefinitions(env, input)),
  DescribeRegistrationFieldDefinitions: op((input, _rs, env) => model.describeFieldDefinitions(env, input)),
  // ClientToken: the same token and parameters answer the first result and create nothing.
  CreateRegistration: op((input, rs, env, ctx) =>
    idempotent(ctx, 'CreateRegistration', input, () => {
      if (Object.values(rs.registrations).filter((x) => !x.closed).length >= MAX_REGISTRATIONS) {
        throw quotaError('REGISTRATIONS_PER_ACCOUNT', `You have reached the maximum of ${MAX_REGISTRATIONS} registrations.`);
      }
      const r = model.createRegistration(rs, env, input);
      setTags(ctx, r.RegistrationArn, input.Tags);
      const info = model.registrationInfo(r);
      return wireOut({
        RegistrationArn: info.RegistrationArn,
        RegistrationId: info.RegistrationId,
        RegistrationType: info.RegistrationType,
        RegistrationStatus: info.RegistrationStatus,
        CurrentVersionNumber: info.CurrentVersionNumber,
        AdditionalAttributes: info.AdditionalAttributes,
        Tags: input.Tags,
        CreatedTimestamp: info.CreatedTimestamp,
      });
    }),
  ),
  DescribeRegistrations: op((input, rs) => model.describeRegistrations(rs, input)),
  DeleteRegistration: op((input, rs, _env, ctx) => {
    const out = model.deleteRegistration(rs, input);
    delete ctx.region.tags[out.RegistrationArn];
    return out;
  }),
  CreateRegistrationVersion: op((input, rs, env) => model.createVersion(rs, env, input)),
  DiscardRegistrationVersion: op((input, rs, env) => model.discardVersion(rs, env, input)),
  DescribeRegistrationVersions: op((input, rs) => model.describeVersions(rs, input)),
  SubmitRegistrationVersion: op((input, rs, env) => model.submitVersion(rs, env, input)),
  PutRegistrationFieldValue: op((input, rs, env) => model.putFieldValue(rs, env, input)),
  DeleteRegistrationFieldValue: op((input, rs, env) => model.deleteFieldValue(rs, env, input)),
  DescribeRegistrationFieldValues: op((input, rs, env) => model.describeFieldValues(rs, env, input)),
  CreateRegistrationAttachment: op((input, rs, env, ctx) =>
    idempotent(ctx, 'CreateRegistrationAttachment', { ...input, AttachmentBody: undefined, bodyLength: input.AttachmentBody?.length }, () => {
      if (Object.values(rs.attachments).filter((x) => x.AttachmentStatus !== 'DELETED').length >= MAX_REGISTRATION_ATTACHMENTS) {
        throw quotaError('REGISTRATION_ATTACHMENTS_PER_ACCOUNT', `You have reached the maximum of ${MAX_REGISTRATION_ATTACHMENTS} registration attachments.`);
      }
      const a = model.createAttachment(rs, env, input);
      setTags(ctx, a.RegistrationAttachmentArn, input.Tags);
      return wireOut({ ...model.attachmentInfo(a), Tags: input.Tags });
    }),
  ),
  DescribeRegistrationAttachments: op((input, rs) => model.describeAttachments(rs, input)),
  DeleteRegistrationAttachment: op((input, rs, _env, ctx) => {
    const out = model.deleteAttachment(rs, input);
    delete ctx.region.tags[out.RegistrationAttachmentArn];
    return out;
  }),
  CreateRegistrationAssociation: op((input, rs, env, ctx) => model.createAssociation(rs, { ...env, findResource: (id) => findResource(ctx, id) }, input)),
  ListRegistrationAssociations: op((input, rs) => model.listAssociations(rs, input)),
};
