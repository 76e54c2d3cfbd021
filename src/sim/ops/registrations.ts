/**
 * The simulator's registration operations: wire shapes in, wire shapes out. The domain lives in
 * src/sim/registrations/model.ts; the review hook is `reviewHook`.
 */
import * as model from '../registrations/model.js';
import type { RegistrationEnv, RegistrationsState } from '../registrations/model.js';

export { RegistrationApiError, emptyRegistrationsState, type RegistrationsState } from '../registrations/model.js';
export { loadCatalog, type Catalog } from '../registrations/catalog.js';

/** What a registration handler needs from the simulator around it. */
export interface RegistrationOpContext {
  rs: RegistrationsState;
  env: RegistrationEnv;
  /** Stores tags for a new resource (Create*'s Tags). */
  setTags(arn: string, tags: Array<{ Key: string; Value: string }>): void;
  /** Forgets the tags of a deleted resource. */
  dropTags(arn: string): void;
}

type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (input: Input, c: RegistrationOpContext) => Record<string, unknown>;

export const registrationHandlers: Record<string, Handler> = {
  DescribeRegistrationTypeDefinitions: (input, c) => model.describeTypeDefinitions(c.env, input),
  DescribeRegistrationSectionDefinitions: (input, c) => model.describeSectionDefinitions(c.env, input as { RegistrationType: string }),
  DescribeRegistrationFieldDefinitions: (input, c) => model.describeFieldDefinitions(c.env, input as { RegistrationType: string }),
  CreateRegistration(input, c) {
    const r = model.createRegistration(c.rs, c.env, input as { RegistrationType: string });
    if (input.Tags?.length) c.setTags(r.RegistrationArn, input.Tags);
    const info = model.registrationInfo(r);
    return {
      RegistrationArn: info.RegistrationArn,
      RegistrationId: info.RegistrationId,
      RegistrationType: info.RegistrationType,
      RegistrationStatus: info.RegistrationStatus,
      CurrentVersionNumber: info.CurrentVersionNumber,
      AdditionalAttributes: info.AdditionalAttributes,
      Tags: input.Tags,
      CreatedTimestamp: info.CreatedTimestamp,
    };
  },
  DescribeRegistrations: (input, c) => model.describeRegistrations(c.rs, input),
  DeleteRegistration(input, c) {
    const out = model.deleteRegistration(c.rs, input as { RegistrationId: string });
    c.dropTags(out.RegistrationArn);
    return out;
  },
  CreateRegistrationVersion: (input, c) => model.createVersion(c.rs, c.env, input as { RegistrationId: string }),
  DiscardRegistrationVersion: (input, c) => model.discardVersion(c.rs, c.env, input as { RegistrationId: string }),
  DescribeRegistrationVersions: (input, c) => model.describeVersions(c.rs, input as { RegistrationId: string }),
  SubmitRegistrationVersion: (input, c) => model.submitVersion(c.rs, c.env, input as { RegistrationId: string }),
  PutRegistrationFieldValue: (input, c) => model.putFieldValue(c.rs, c.env, input as { RegistrationId: string; FieldPath: string }),
  DeleteRegistrationFieldValue: (input, c) => model.deleteFieldValue(c.rs, c.env, input as { RegistrationId: string; FieldPath: string }),
  DescribeRegistrationFieldValues: (input, c) => model.describeFieldValues(c.rs, c.env, input as { RegistrationId: string }),
  CreateRegistrationAttachment(input, c) {
    const a = model.createAttachment(c.rs, c.env, input);
    if (input.Tags?.length) c.setTags(a.RegistrationAttachmentArn, input.Tags);
    return { ...model.attachmentInfo(a), Tags: input.Tags };
  },
  DescribeRegistrationAttachments: (input, c) => model.describeAttachments(c.rs, input),
  DeleteRegistrationAttachment(input, c) {
    const out = model.deleteAttachment(c.rs, input as { RegistrationAttachmentId: string });
    c.dropTags(out.RegistrationAttachmentArn);
    return out;
  },
  CreateRegistrationAssociation: (input, c) => model.createAssociation(c.rs, c.env, input as { RegistrationId: string; ResourceId: string }),
  ListRegistrationAssociations: (input, c) => model.listAssociations(c.rs, input as { RegistrationId: string }),
};

/** Applies the scheduled review steps due at the simulator's current time (call before each handler). */
export function advanceRegistrations(rs: RegistrationsState, now: Date): void {
  model.advance(rs, now);
}

/**
 * `POST /_eum/registrations/<id>/review`. Returns [HTTP status, JSON body]. Body:
 * `{"decision":"APPROVE"}` or `{"decision":"DENY","reasons":[...],"fields":{...},"feedback":"..."}`
 * (or `{"decision":"REVIEWING"}` to move a submitted version into review).
 */
export function reviewHook(c: Pick<RegistrationOpContext, 'rs' | 'env'>, id: string, body: unknown): [number, unknown] {
  const problem = model.reviewProblem(body);
  if (problem) return [400, { error: problem }];
  try {
    model.advance(c.rs, c.env.now);
    const out = model.review(c.rs, c.env, decodeURIComponent(id), body as model.ReviewDecision);
    return [200, out];
  } catch (err) {
    if (err instanceof model.RegistrationApiError) return [err.httpStatus, { error: err.message, __type: err.type, ...err.extra }];
    throw err;
  }
}
