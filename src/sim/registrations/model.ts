/**
 * The simulator's registration domain: plain functions over the `registrations` state section.
 * Wire handlers (src/sim/ops/registrations.ts) translate requests to these and back.
 *
 * Statuses follow the model's enums. A version goes DRAFT -> SUBMITTED -> REVIEWING -> APPROVED
 * or DENIED (or DISCARDED); the registration is CREATED, SUBMITTED, REVIEWING, COMPLETE or
 * REQUIRES_UPDATES accordingly. Reviews advance when a test says so (`review`) or on a schedule
 * with the simulator's clock (`advance`).
 */
import { randomBytes } from 'node:crypto';
import type { Answers, AnswerValue, FieldDefinition } from '../../core/registration/definitions.js';
import { hasValue, resolveField } from '../../core/registration/definitions.js';
import { checkValue } from '../../core/registration/validate.js';
import { MAX_ATTACHMENT_BYTES, sniffAttachment } from '../../core/registration/attachments.js';
import { wire, type Catalog, type CatalogType } from './catalog.js';
import { applyFilters, paginate } from '../ops/context.js';

/** An error the service answers, in its wire terms. */
export class RegistrationApiError extends Error {
  constructor(
    readonly type: 'ValidationException' | 'ConflictException' | 'ResourceNotFoundException',
    message: string,
    readonly extra: { Reason?: string; Fields?: Array<{ Name: string; Message: string }>; ResourceType?: string; ResourceId?: string } = {},
  ) {
    super(message);
  }
  get httpStatus(): number {
    return this.type === 'ValidationException' ? 400 : this.type === 'ConflictException' ? 409 : 404;
  }
}

const validation = (message: string, Reason: string, Fields?: Array<{ Name: string; Message: string }>) =>
  new RegistrationApiError('ValidationException', message, { Reason, Fields });
const conflict = (message: string, Reason: string, ResourceType: string, ResourceId: string) =>
  new RegistrationApiError('ConflictException', message, { Reason, ResourceType, ResourceId });
const notFound = (ResourceType: string, ResourceId: string) =>
  new RegistrationApiError('ResourceNotFoundException', `${ResourceType} ${ResourceId} not found`, { ResourceType, ResourceId });

export type VersionStatus =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'AWS_REVIEWING'
  | 'REVIEWING'
  | 'REQUIRES_AUTHENTICATION'
  | 'APPROVED'
  | 'DISCARDED'
  | 'DENIED'
  | 'REVOKED'
  | 'ARCHIVED'
  | 'REQUIRES_OFFLINE_REVIEW';
export type RegistrationStatus =
  | 'CREATED'
  | 'SUBMITTED'
  | 'AWS_REVIEWING'
  | 'REVIEWING'
  | 'REQUIRES_AUTHENTICATION'
  | 'PROVISIONING'
  | 'COMPLETE'
  | 'REQUIRES_UPDATES'
  | 'CLOSED'
  | 'DELETED';

export interface StoredValue {
  SelectChoices?: string[];
  TextValue?: string;
  RegistrationAttachmentId?: string;
  DeniedReason?: string;
  Feedback?: string;
}

export interface DeniedReason {
  Reason: string;
  ShortDescription: string;
  LongDescription?: string;
  DocumentationTitle?: string;
  DocumentationLink?: string;
}

export interface StoredVersion {
  VersionNumber: number;
  status: VersionStatus;
  /** ISO times by history member name (DraftTimestamp, SubmittedTimestamp, ...). */
  history: Record<string, string>;
  values: Record<string, StoredValue>;
  DeniedReasons?: DeniedReason[];
  Feedback?: string;
  /** Scheduled steps, in simulator time: ISO time -> what happens. */
  schedule?: Array<{ at: string; step: 'REVIEWING' | 'APPROVE' | 'DENY_UNCHANGED' }>;
}

export interface StoredAssociation {
  ResourceArn: string;
  ResourceId: string;
  ResourceType: string;
  IsoCountryCode?: string;
  PhoneNumber?: string;
}

export interface StoredRegistration {
  RegistrationId: string;
  RegistrationArn: string;
  RegistrationType: string;
  CreatedTimestamp: string;
  versions: StoredVersion[];
  associations: StoredAssociation[];
  AdditionalAttributes?: Record<string, string>;
  closed?: boolean;
}

export interface StoredAttachment {
  RegistrationAttachmentId: string;
  RegistrationAttachmentArn: string;
  AttachmentStatus: 'UPLOAD_IN_PROGRESS' | 'UPLOAD_COMPLETE' | 'UPLOAD_FAILED' | 'DELETED';
  CreatedTimestamp: string;
  AttachmentUrl?: string;
  kind?: string;
  size?: number;
}

/** The `registrations` section of the simulator's state. */
export interface RegistrationsState {
  registrations: Record<string, StoredRegistration>;
  attachments: Record<string, StoredAttachment>;
}

export function emptyRegistrationsState(): RegistrationsState {
  return { registrations: {}, attachments: {} };
}

/** What the domain needs from the simulator around it. */
export interface RegistrationEnv {
  now: Date;
  region: string;
  accountId: string;
  catalog: Catalog;
  /** Finds a phone number, pool or sender ID of the simulator by id or ARN (associations). */
  findResource?: (idOrArn: string) => StoredAssociation | undefined;
}

/** Review timing in simulator seconds: reviewing starts after a minute, a decision after three days. */
export const REVIEW_TIMING = { reviewingAfterSeconds: 60, decisionAfterSeconds: 3 * 24 * 3600, unchangedDeniedAfterSeconds: 5 };

const newId = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;
const iso = (d: Date) => d.toISOString();
const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

function catalogType(env: RegistrationEnv, type: string): CatalogType {
  const t = env.catalog.get(type);
  if (!t)
    throw validation(`registration type ${type} is not supported`, 'UNKNOWN_REGISTRATION_TYPE', [
      { Name: 'RegistrationType', Message: `unknown registration type ${type}` },
    ]);
  return t;
}

/** Finds a registration by id or ARN. */
export function findRegistration(rs: RegistrationsState, idOrArn: string): StoredRegistration {
  const id = idOrArn.startsWith('arn:') ? idOrArn.split('/').pop()! : idOrArn;
  const r = rs.registrations[id];
  if (!r) throw notFound('registration', idOrArn);
  return r;
}

function latest(r: StoredRegistration): StoredVersion {
  return r.versions[r.versions.length - 1];
}

/** The registration's status, from its versions. */
export function registrationStatus(r: StoredRegistration): RegistrationStatus {
  if (r.closed) return 'CLOSED';
  const v = latest(r);
  const approved = r.versions.some((x) => x.status === 'APPROVED');
  switch (v.status) {
    case 'SUBMITTED':
      return 'SUBMITTED';
    case 'AWS_REVIEWING':
      return 'AWS_REVIEWING';
    case 'REVIEWING':
      return 'REVIEWING';
    case 'APPROVED':
      return 'COMPLETE';
    case 'DENIED':
      return 'REQUIRES_UPDATES';
    default: {
      if (approved) return 'COMPLETE';
      const denied = r.versions.some((x) => x.status === 'DENIED');
      return denied ? 'REQUIRES_UPDATES' : 'CREATED';
    }
  }
}

export function registrationInfo(r: StoredRegistration) {
  const approved = [...r.versions].reverse().find((v) => v.status === 'APPROVED');
  const denied = [...r.versions].reverse().find((v) => v.status === 'DENIED');
  return {
    RegistrationArn: r.RegistrationArn,
    RegistrationId: r.RegistrationId,
    RegistrationType: r.RegistrationType,
    RegistrationStatus: registrationStatus(r),
    CurrentVersionNumber: latest(r).VersionNumber,
    ApprovedVersionNumber: approved?.VersionNumber,
    LatestDeniedVersionNumber: denied?.VersionNumber,
    AdditionalAttributes: r.AdditionalAttributes,
    CreatedTimestamp: new Date(r.CreatedTimestamp),
  };
}

function historyWire(v: StoredVersion): Record<string, Date> {
  return Object.fromEntries(Object.entries(v.history).map(([k, t]) => [k, new Date(t)]));
}

export function versionInfo(v: StoredVersion) {
  return {
    VersionNumber: v.VersionNumber,
    RegistrationVersionStatus: v.status,
    RegistrationVersionStatusHistory: historyWire(v),
    DeniedReasons: v.DeniedReasons,
    Feedback: v.Feedback,
  };
}

function setStatus(v: StoredVersion, status: VersionStatus, at: Date): void {
  v.status = status;
  const key: Partial<Record<VersionStatus, string>> = {
    DRAFT: 'DraftTimestamp',
    SUBMITTED: 'SubmittedTimestamp',
    AWS_REVIEWING: 'AwsReviewingTimestamp',
    REVIEWING: 'ReviewingTimestamp',
    REQUIRES_AUTHENTICATION: 'RequiresAuthenticationTimestamp',
    APPROVED: 'ApprovedTimestamp',
    DISCARDED: 'DiscardedTimestamp',
    DENIED: 'DeniedTimestamp',
    REVOKED: 'RevokedTimestamp',
    ARCHIVED: 'ArchivedTimestamp',
  };
  if (key[status]) v.history[key[status]!] = iso(at);
}

/** Applies every scheduled review step due by `now` (called before each registration operation). */
export function advance(rs: RegistrationsState, now: Date): void {
  for (const r of Object.values(rs.registrations)) {
    for (const v of r.versions) {
      if (!v.schedule?.length) continue;
      while (v.schedule.length && new Date(v.schedule[0].at) <= now) {
        const step = v.schedule.shift()!;
        const at = new Date(step.at);
        if (step.step === 'REVIEWING' && v.status === 'SUBMITTED') setStatus(v, 'REVIEWING', at);
        else if (step.step === 'APPROVE' && (v.status === 'SUBMITTED' || v.status === 'REVIEWING')) approve(r, v, at);
        else if (step.step === 'DENY_UNCHANGED' && (v.status === 'SUBMITTED' || v.status === 'REVIEWING')) {
          deny(v, at, {
            reasons: [
              {
                Reason: 'NO_CHANGES',
                ShortDescription: 'The new version has no changes from the denied version.',
                LongDescription: 'A new version must address the reasons the previous version was denied. Update the flagged fields and submit again.',
              },
            ],
          });
        }
      }
    }
  }
}

function approve(r: StoredRegistration, v: StoredVersion, at: Date): void {
  for (const other of r.versions) if (other !== v && other.status === 'APPROVED') setStatus(other, 'ARCHIVED', at);
  setStatus(v, 'APPROVED', at);
  v.schedule = [];
}

function deny(
  v: StoredVersion,
  at: Date,
  d: { reasons?: DeniedReason[]; fields?: Record<string, { DeniedReason?: string; Feedback?: string }>; feedback?: string },
): void {
  setStatus(v, 'DENIED', at);
  v.schedule = [];
  v.DeniedReasons = d.reasons?.length ? d.reasons : [{ Reason: 'OTHER', ShortDescription: 'The registration was denied by the reviewer.' }];
  if (d.feedback) v.Feedback = d.feedback;
  for (const [path, flag] of Object.entries(d.fields ?? {})) {
    v.values[path] ??= {};
    const value = v.values[path];
    if (flag.DeniedReason) value.DeniedReason = flag.DeniedReason;
    if (flag.Feedback) value.Feedback = flag.Feedback;
  }
}

// ---- type definitions ---------------------------------------------------------------------

/** One page, with the simulator's NextToken format (an invalid token is INVALID_NEXT_TOKEN). */
function page<T>(items: T[], input: { NextToken?: string; MaxResults?: number }): { items: T[]; next?: string } {
  const { page: slice, nextToken } = paginate(items, input);
  return { items: slice, next: nextToken };
}

interface Filter {
  Name: string;
  Values: string[];
}

export function describeTypeDefinitions(
  env: RegistrationEnv,
  input: { RegistrationTypes?: string[]; Filters?: Filter[]; NextToken?: string; MaxResults?: number },
) {
  let types = [...env.catalog.values()];
  if (input.RegistrationTypes?.length) types = types.filter((t) => input.RegistrationTypes!.includes(t.definition.RegistrationType));
  types = applyFilters(types, input.Filters, {
    'supported-association-resource-type': (t) => (t.definition.SupportedAssociations ?? []).map((a) => a.ResourceType),
    'supported-association-iso-country-code': (t) => (t.definition.SupportedAssociations ?? []).map((a) => a.IsoCountryCode),
  });
  const { items, next } = page(types, input);
  return { RegistrationTypeDefinitions: items.map((t) => wire(t.definition)), NextToken: next };
}

export function describeSectionDefinitions(
  env: RegistrationEnv,
  input: { RegistrationType: string; SectionPaths?: string[]; NextToken?: string; MaxResults?: number },
) {
  const t = catalogType(env, input.RegistrationType);
  let sections = t.sections;
  if (input.SectionPaths?.length) {
    const unknown = input.SectionPaths.filter((p) => !sections.some((s) => s.SectionPath === p));
    if (unknown.length)
      throw validation(
        `unknown section ${unknown.join(', ')}`,
        'UNKNOWN_REGISTRATION_SECTION',
        unknown.map((p) => ({ Name: 'SectionPaths', Message: `unknown section ${p}` })),
      );
    sections = sections.filter((s) => input.SectionPaths!.includes(s.SectionPath));
  }
  const { items, next } = page(sections, input);
  return { RegistrationType: input.RegistrationType, RegistrationSectionDefinitions: items.map(wire), NextToken: next };
}

export function describeFieldDefinitions(
  env: RegistrationEnv,
  input: { RegistrationType: string; SectionPath?: string; FieldPaths?: string[]; NextToken?: string; MaxResults?: number },
) {
  const t = catalogType(env, input.RegistrationType);
  let fields = t.fields;
  if (input.SectionPath) {
    if (!t.sections.some((s) => s.SectionPath === input.SectionPath) && !fields.some((f) => f.SectionPath === input.SectionPath)) {
      throw validation(`unknown section ${input.SectionPath}`, 'UNKNOWN_REGISTRATION_SECTION', [
        { Name: 'SectionPath', Message: `unknown section ${input.SectionPath}` },
      ]);
    }
    fields = fields.filter((f) => f.SectionPath === input.SectionPath);
  }
  if (input.FieldPaths?.length) {
    const unknown = input.FieldPaths.filter((p) => !t.fields.some((f) => f.FieldPath === p));
    if (unknown.length)
      throw validation(
        `unknown field ${unknown.join(', ')}`,
        'UNKNOWN_REGISTRATION_FIELD',
        unknown.map((p) => ({ Name: 'FieldPaths', Message: `unknown field ${p}` })),
      );
    fields = fields.filter((f) => input.FieldPaths!.includes(f.FieldPath));
  }
  const { items, next } = page(fields, input);
  return { RegistrationType: input.RegistrationType, RegistrationFieldDefinitions: items.map(wire), NextToken: next };
}

// ---- registrations ------------------------------------------------------------------------

export function createRegistration(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationType: string }): StoredRegistration {
  catalogType(env, input.RegistrationType);
  const id = newId('registration');
  const now = iso(env.now);
  const r: StoredRegistration = {
    RegistrationId: id,
    RegistrationArn: `arn:aws:sms-voice:${env.region}:${env.accountId}:registration/${id}`,
    RegistrationType: input.RegistrationType,
    CreatedTimestamp: now,
    versions: [{ VersionNumber: 1, status: 'DRAFT', history: { DraftTimestamp: now }, values: {} }],
    associations: [],
  };
  rs.registrations[id] = r;
  return r;
}

export function describeRegistrations(
  rs: RegistrationsState,
  input: { RegistrationIds?: string[]; Filters?: Filter[]; NextToken?: string; MaxResults?: number },
) {
  let list = Object.values(rs.registrations);
  if (input.RegistrationIds?.length) list = input.RegistrationIds.map((id) => findRegistration(rs, id));
  list = applyFilters(list, input.Filters, { 'registration-type': (r) => r.RegistrationType, 'registration-status': (r) => registrationStatus(r) });
  list.sort((a, b) => a.CreatedTimestamp.localeCompare(b.CreatedTimestamp) || a.RegistrationId.localeCompare(b.RegistrationId));
  const { items, next } = page(list, input);
  return { Registrations: items.map(registrationInfo), NextToken: next };
}

export function deleteRegistration(rs: RegistrationsState, input: { RegistrationId: string }) {
  const r = findRegistration(rs, input.RegistrationId);
  const status = registrationStatus(r);
  if (status === 'SUBMITTED' || status === 'REVIEWING' || status === 'AWS_REVIEWING') {
    throw conflict('a registration under review cannot be deleted', 'RESOURCE_DELETION_NOT_ALLOWED', 'registration', r.RegistrationId);
  }
  const info = registrationInfo(r);
  delete rs.registrations[r.RegistrationId];
  return { ...info, RegistrationStatus: 'DELETED' as const };
}

// ---- versions -----------------------------------------------------------------------------

function version(r: StoredRegistration, n?: number): StoredVersion {
  if (n === undefined) return latest(r);
  const v = r.versions.find((x) => x.VersionNumber === n);
  if (!v)
    throw validation(`version ${n} of ${r.RegistrationId} does not exist`, 'UNKNOWN_REGISTRATION_VERSION', [
      { Name: 'VersionNumber', Message: `unknown version ${n}` },
    ]);
  return v;
}

export function createVersion(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationId: string }) {
  const r = findRegistration(rs, input.RegistrationId);
  const v = latest(r);
  if (!['DENIED', 'APPROVED', 'DISCARDED', 'ARCHIVED', 'REVOKED'].includes(v.status)) {
    throw conflict(
      `the newest version (${v.VersionNumber}) is ${v.status}; a new version can follow only a denied, approved or discarded one`,
      'CREATE_REGISTRATION_VERSION_NOT_ALLOWED',
      'registration',
      r.RegistrationId,
    );
  }
  // As the service does: the new draft starts empty.
  const draft: StoredVersion = { VersionNumber: v.VersionNumber + 1, status: 'DRAFT', history: { DraftTimestamp: iso(env.now) }, values: {} };
  r.versions.push(draft);
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, ...versionInfo(draft) };
}

export function discardVersion(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationId: string }) {
  const r = findRegistration(rs, input.RegistrationId);
  const v = latest(r);
  if (v.status !== 'DRAFT')
    throw conflict(
      `version ${v.VersionNumber} is ${v.status}; only a draft can be discarded`,
      'DISCARD_REGISTRATION_VERSION_NOT_ALLOWED',
      'registration',
      r.RegistrationId,
    );
  setStatus(v, 'DISCARDED', env.now);
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, ...versionInfo(v) };
}

export function describeVersions(
  rs: RegistrationsState,
  input: { RegistrationId: string; VersionNumbers?: number[]; Filters?: Filter[]; NextToken?: string; MaxResults?: number },
) {
  const r = findRegistration(rs, input.RegistrationId);
  let list = [...r.versions].reverse();
  if (input.VersionNumbers?.length) list = input.VersionNumbers.map((n) => version(r, n));
  list = applyFilters(list, input.Filters, { 'registration-version-status': (v) => v.status });
  const { items, next } = page(list, input);
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, RegistrationVersions: items.map(versionInfo), NextToken: next };
}

/** Answers of a version, as the core's evaluation of conditional rules reads them. */
function answersOf(values: Record<string, StoredValue>): Answers {
  const a: Answers = new Map();
  for (const [p, v] of Object.entries(values)) {
    const av: AnswerValue = {};
    if (v.TextValue !== undefined) av.text = v.TextValue;
    if (v.SelectChoices) av.choices = v.SelectChoices;
    if (v.RegistrationAttachmentId) av.attachmentId = v.RegistrationAttachmentId;
    if (hasValue(av)) a.set(p, av);
  }
  return a;
}

function sameValues(a: Record<string, StoredValue>, b: Record<string, StoredValue>): boolean {
  const norm = (vals: Record<string, StoredValue>) =>
    JSON.stringify(
      Object.keys(vals)
        .sort()
        .filter((k) => vals[k].TextValue !== undefined || vals[k].SelectChoices || vals[k].RegistrationAttachmentId)
        .map((k) => [k, vals[k].TextValue ?? null, vals[k].SelectChoices ?? null, vals[k].RegistrationAttachmentId ?? null]),
    );
  return norm(a) === norm(b);
}

export function submitVersion(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationId: string; AwsReview?: boolean }) {
  const r = findRegistration(rs, input.RegistrationId);
  const v = latest(r);
  if (v.status === 'SUBMITTED' || v.status === 'REVIEWING' || v.status === 'AWS_REVIEWING') {
    throw conflict(`version ${v.VersionNumber} is already submitted`, 'REGISTRATION_ALREADY_SUBMITTED', 'registration', r.RegistrationId);
  }
  if (v.status !== 'DRAFT') {
    throw conflict(
      `version ${v.VersionNumber} is ${v.status}; create a new version to submit again`,
      'SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED',
      'registration',
      r.RegistrationId,
    );
  }
  const t = catalogType(env, r.RegistrationType);
  const answers = answersOf(v.values);
  const problems: Array<{ Name: string; Message: string }> = [];
  for (const f of t.fields) {
    const given = answers.get(f.FieldPath);
    const behavior = resolveField(f, answers).behavior;
    if (behavior === 'REQUIRED' && !given) problems.push({ Name: f.FieldPath, Message: 'a value is required' });
    if (behavior === 'DISALLOWED' && given) problems.push({ Name: f.FieldPath, Message: 'a value is not allowed with the other answers' });
  }
  if (problems.length)
    throw validation(`the registration cannot be submitted: ${problems.length} field(s) need attention`, 'FIELD_VALIDATION_FAILED', problems);
  // As the service does for a 10DLC campaign (or vetting) without its brand: a registration this
  // type must be associated with before submitting refuses the submission.
  const before = (t.definition.SupportedAssociations ?? []).filter(
    (a) => a.AssociationBehavior === 'ASSOCIATE_BEFORE_SUBMIT' && a.ResourceType === 'REGISTRATION',
  );
  if (before.length && !r.associations.some((a) => a.ResourceType === 'registration')) {
    throw conflict(
      'associate the registration this one depends on (e.g. the 10DLC brand) before submitting',
      'SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED',
      'registration',
      r.RegistrationId,
    );
  }
  setStatus(v, 'SUBMITTED', env.now);
  const denied = [...r.versions].reverse().find((x) => x !== v && x.status === 'DENIED');
  if (denied && latest(r) === v && sameValues(denied.values, v.values)) {
    // As the service does: a resubmission without changes is denied within seconds.
    v.schedule = [{ at: iso(addSeconds(env.now, REVIEW_TIMING.unchangedDeniedAfterSeconds)), step: 'DENY_UNCHANGED' }];
  } else {
    v.schedule = [
      { at: iso(addSeconds(env.now, REVIEW_TIMING.reviewingAfterSeconds)), step: 'REVIEWING' },
      { at: iso(addSeconds(env.now, REVIEW_TIMING.decisionAfterSeconds)), step: 'APPROVE' },
    ];
  }
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, ...versionInfo(v), AwsReview: input.AwsReview ?? false };
}

// ---- field values -------------------------------------------------------------------------

function editableDraft(r: StoredRegistration): StoredVersion {
  const v = latest(r);
  if (v.status !== 'DRAFT') {
    throw conflict(
      v.status === 'DENIED'
        ? `version ${v.VersionNumber} was denied; create a new version (CreateRegistrationVersion) to edit field values`
        : `version ${v.VersionNumber} is ${v.status}; field values can change only in a draft`,
      'EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED',
      'registration',
      r.RegistrationId,
    );
  }
  return v;
}

function fieldOf(t: CatalogType, path: string): FieldDefinition {
  const f = t.fields.find((x) => x.FieldPath === path);
  if (!f)
    throw validation(`${path} is not a field of ${t.definition.RegistrationType}`, 'UNKNOWN_REGISTRATION_FIELD', [
      { Name: 'FieldPath', Message: `unknown field ${path}` },
    ]);
  return f;
}

export function putFieldValue(
  rs: RegistrationsState,
  env: RegistrationEnv,
  input: { RegistrationId: string; FieldPath: string; SelectChoices?: string[]; TextValue?: string; RegistrationAttachmentId?: string },
) {
  const r = findRegistration(rs, input.RegistrationId);
  const t = catalogType(env, r.RegistrationType);
  const f = fieldOf(t, input.FieldPath);
  const v = editableDraft(r);
  const given = [input.SelectChoices !== undefined, input.TextValue !== undefined, input.RegistrationAttachmentId !== undefined].filter(Boolean).length;
  if (given !== 1)
    throw validation('give exactly one of SelectChoices, TextValue or RegistrationAttachmentId', 'INVALID_PARAMETER', [
      { Name: 'FieldPath', Message: 'exactly one value member is needed' },
    ]);
  let attachmentId: string | undefined;
  if (input.RegistrationAttachmentId !== undefined) {
    const id = input.RegistrationAttachmentId.startsWith('arn:') ? input.RegistrationAttachmentId.split('/').pop()! : input.RegistrationAttachmentId;
    const a = rs.attachments[id];
    if (!a || a.AttachmentStatus === 'DELETED') throw notFound('registration-attachment', input.RegistrationAttachmentId);
    if (a.AttachmentStatus === 'UPLOAD_FAILED') {
      throw validation(`attachment ${a.RegistrationAttachmentId} failed to upload; create it again`, 'INVALID_PARAMETER', [
        { Name: 'RegistrationAttachmentId', Message: 'the attachment upload failed' },
      ]);
    }
    attachmentId = a.RegistrationAttachmentId;
  }
  const value: AnswerValue =
    input.TextValue !== undefined ? { text: input.TextValue } : input.SelectChoices !== undefined ? { choices: input.SelectChoices } : { attachmentId };
  const others = answersOf(v.values);
  others.set(f.FieldPath, value);
  const findings = checkValue(f, value, others);
  if (findings.length) {
    throw validation(
      `${f.FieldPath}: ${findings.map((x) => x.message).join('; ')}`,
      'FIELD_VALIDATION_FAILED',
      findings.map((x) => ({ Name: f.FieldPath, Message: x.message })),
    );
  }
  v.values[f.FieldPath] =
    input.TextValue !== undefined
      ? { TextValue: input.TextValue }
      : input.SelectChoices !== undefined
        ? { SelectChoices: input.SelectChoices }
        : { RegistrationAttachmentId: attachmentId };
  return {
    RegistrationArn: r.RegistrationArn,
    RegistrationId: r.RegistrationId,
    VersionNumber: v.VersionNumber,
    FieldPath: f.FieldPath,
    ...valueWire(v.values[f.FieldPath]),
  };
}

function valueWire(s: StoredValue) {
  return { SelectChoices: s.SelectChoices, TextValue: s.TextValue, RegistrationAttachmentId: s.RegistrationAttachmentId };
}

export function deleteFieldValue(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationId: string; FieldPath: string }) {
  const r = findRegistration(rs, input.RegistrationId);
  const t = catalogType(env, r.RegistrationType);
  const f = fieldOf(t, input.FieldPath);
  const v = editableDraft(r);
  const old = v.values[f.FieldPath];
  if (!old) throw validation(`${f.FieldPath} has no value to delete`, 'REGISTRATION_FIELD_CANNOT_BE_DELETED', [{ Name: 'FieldPath', Message: 'no value' }]);
  delete v.values[f.FieldPath];
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, VersionNumber: v.VersionNumber, FieldPath: f.FieldPath, ...valueWire(old) };
}

export function describeFieldValues(
  rs: RegistrationsState,
  env: RegistrationEnv,
  input: { RegistrationId: string; VersionNumber?: number; SectionPath?: string; FieldPaths?: string[]; NextToken?: string; MaxResults?: number },
) {
  const r = findRegistration(rs, input.RegistrationId);
  const t = catalogType(env, r.RegistrationType);
  const v = version(r, input.VersionNumber);
  // In the form's order; flagged fields without a value still carry their feedback.
  let paths = t.fields.map((f) => f.FieldPath).filter((p) => v.values[p]);
  if (input.SectionPath) paths = paths.filter((p) => t.fields.find((f) => f.FieldPath === p)?.SectionPath === input.SectionPath);
  if (input.FieldPaths?.length) paths = paths.filter((p) => input.FieldPaths!.includes(p));
  const { items, next } = page(paths, input);
  return {
    RegistrationArn: r.RegistrationArn,
    RegistrationId: r.RegistrationId,
    VersionNumber: v.VersionNumber,
    RegistrationFieldValues: items.map((p) => ({
      FieldPath: p,
      ...valueWire(v.values[p]),
      DeniedReason: v.values[p].DeniedReason,
      Feedback: v.values[p].Feedback,
    })),
    NextToken: next,
  };
}

// ---- attachments --------------------------------------------------------------------------

export function createAttachment(
  rs: RegistrationsState,
  env: RegistrationEnv,
  input: { AttachmentBody?: Uint8Array | string; AttachmentUrl?: string },
): StoredAttachment {
  if (input.AttachmentBody === undefined && input.AttachmentUrl === undefined) {
    throw validation('give AttachmentBody or AttachmentUrl', 'MISSING_PARAMETER', [
      { Name: 'AttachmentBody', Message: 'AttachmentBody or AttachmentUrl is required' },
    ]);
  }
  if (input.AttachmentBody !== undefined && input.AttachmentUrl !== undefined) {
    throw validation('AttachmentBody and AttachmentUrl cannot be used together', 'PARAMETERS_CANNOT_BE_USED_TOGETHER', [
      { Name: 'AttachmentUrl', Message: 'cannot be used with AttachmentBody' },
    ]);
  }
  let kind: string | undefined;
  let size: number | undefined;
  if (input.AttachmentBody !== undefined) {
    const bytes = typeof input.AttachmentBody === 'string' ? Buffer.from(input.AttachmentBody, 'base64') : input.AttachmentBody;
    kind = sniffAttachment(bytes);
    if (!kind)
      throw validation('the attachment must be a PDF, JPEG or PNG file', 'ATTACHMENT_TYPE_NOT_SUPPORTED', [
        { Name: 'AttachmentBody', Message: 'not a PDF, JPEG or PNG file' },
      ]);
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw validation(`the attachment is ${bytes.length} bytes; at most 500 KB allowed`, 'MAXIMUM_SIZE_EXCEEDED', [
        { Name: 'AttachmentBody', Message: 'larger than 500 KB' },
      ]);
    size = bytes.length;
  } else if (!/^s3:\/\/[^/]+\/.+/.test(input.AttachmentUrl!)) {
    throw validation('AttachmentUrl must be an S3 object URL (s3://bucket/key)', 'INVALID_PARAMETER', [{ Name: 'AttachmentUrl', Message: 'not an s3:// URL' }]);
  }
  const id = newId('attachment');
  const a: StoredAttachment = {
    RegistrationAttachmentId: id,
    RegistrationAttachmentArn: `arn:aws:sms-voice:${env.region}:${env.accountId}:registration-attachment/${id}`,
    // An upload from S3 is read after the answer (ops/registrations.ts resolveUploads).
    AttachmentStatus: input.AttachmentUrl !== undefined ? 'UPLOAD_IN_PROGRESS' : 'UPLOAD_COMPLETE',
    CreatedTimestamp: iso(env.now),
    AttachmentUrl: input.AttachmentUrl,
    kind,
    size,
  };
  rs.attachments[id] = a;
  return a;
}

export function attachmentInfo(a: StoredAttachment) {
  return {
    RegistrationAttachmentArn: a.RegistrationAttachmentArn,
    RegistrationAttachmentId: a.RegistrationAttachmentId,
    AttachmentStatus: a.AttachmentStatus,
    CreatedTimestamp: new Date(a.CreatedTimestamp),
  };
}

function findAttachment(rs: RegistrationsState, idOrArn: string): StoredAttachment {
  const id = idOrArn.startsWith('arn:') ? idOrArn.split('/').pop()! : idOrArn;
  const a = rs.attachments[id];
  if (!a) throw notFound('registration-attachment', idOrArn);
  return a;
}

export function describeAttachments(
  rs: RegistrationsState,
  input: { RegistrationAttachmentIds?: string[]; Filters?: Filter[]; NextToken?: string; MaxResults?: number },
) {
  let list = Object.values(rs.attachments);
  if (input.RegistrationAttachmentIds?.length) list = input.RegistrationAttachmentIds.map((id) => findAttachment(rs, id));
  list = applyFilters(list, input.Filters, { 'attachment-status': (a) => a.AttachmentStatus });
  const { items, next } = page(list, input);
  return { RegistrationAttachments: items.map((a) => ({ ...attachmentInfo(a), AttachmentUrl: a.AttachmentUrl })), NextToken: next };
}

export function deleteAttachment(rs: RegistrationsState, input: { RegistrationAttachmentId: string }) {
  const a = findAttachment(rs, input.RegistrationAttachmentId);
  const inUse = Object.values(rs.registrations).some((r) =>
    r.versions.some((v) => v.status !== 'DISCARDED' && Object.values(v.values).some((x) => x.RegistrationAttachmentId === a.RegistrationAttachmentId)),
  );
  if (inUse)
    throw conflict(
      'the attachment is used by a registration field value',
      'RESOURCE_DELETION_NOT_ALLOWED',
      'registration-attachment',
      a.RegistrationAttachmentId,
    );
  delete rs.attachments[a.RegistrationAttachmentId];
  return { ...attachmentInfo(a), AttachmentStatus: 'DELETED' as const };
}

// ---- associations -------------------------------------------------------------------------

/** What a resource id or ARN names: another registration here, or a phone number, pool or sender ID of the simulator. */
function resolveResource(rs: RegistrationsState, env: RegistrationEnv, resourceId: string): StoredAssociation {
  const id = resourceId.startsWith('arn:') ? resourceId.split('/').pop()! : resourceId;
  const other = rs.registrations[id];
  if (other && (!resourceId.startsWith('arn:') || resourceId === other.RegistrationArn)) {
    return { ResourceArn: other.RegistrationArn, ResourceId: other.RegistrationId, ResourceType: 'registration' };
  }
  const found = env.findResource?.(resourceId);
  if (found) return found;
  const kind = resourceId.startsWith('arn:') ? /:([a-z-]+)\//.exec(resourceId)?.[1] : undefined;
  const type =
    kind && ['registration', 'phone-number', 'pool', 'sender-id'].includes(kind) ? kind : id.startsWith('registration-') ? 'registration' : 'phone-number';
  throw notFound(type, resourceId);
}

export function createAssociation(rs: RegistrationsState, env: RegistrationEnv, input: { RegistrationId: string; ResourceId: string }) {
  const r = findRegistration(rs, input.RegistrationId);
  const assoc = resolveResource(rs, env, input.ResourceId);
  if (assoc.ResourceType === 'registration' && assoc.ResourceId === r.RegistrationId) {
    throw validation('a registration cannot be associated with itself', 'INVALID_REGISTRATION_ASSOCIATION', [
      { Name: 'ResourceId', Message: 'same registration' },
    ]);
  }
  if (r.associations.some((a) => a.ResourceArn === assoc.ResourceArn))
    throw conflict('the resource is already associated with this registration', 'RESOURCE_ALREADY_ASSOCIATED', 'registration', r.RegistrationId);
  r.associations.push(assoc);
  return { RegistrationArn: r.RegistrationArn, RegistrationId: r.RegistrationId, RegistrationType: r.RegistrationType, ...assoc };
}

export function listAssociations(rs: RegistrationsState, input: { RegistrationId: string; Filters?: Filter[]; NextToken?: string; MaxResults?: number }) {
  const r = findRegistration(rs, input.RegistrationId);
  let list = r.associations;
  list = applyFilters(list, input.Filters, { 'resource-type': (a) => a.ResourceType, 'iso-country-code': (a) => a.IsoCountryCode });
  const { items, next } = page(list, input);
  return {
    RegistrationArn: r.RegistrationArn,
    RegistrationId: r.RegistrationId,
    RegistrationType: r.RegistrationType,
    RegistrationAssociations: items,
    NextToken: next,
  };
}

// ---- the review hook ----------------------------------------------------------------------

export interface ReviewDecision {
  decision: 'APPROVE' | 'DENY' | 'REVIEWING';
  reasons?: DeniedReason[];
  fields?: Record<string, { DeniedReason?: string; Feedback?: string }>;
  feedback?: string;
}

/** Checks a review hook body; returns a message when it is malformed. */
export function reviewProblem(body: unknown): string | undefined {
  const b = body as ReviewDecision;
  if (!b || typeof b !== 'object') return 'expected a JSON object';
  if (!['APPROVE', 'DENY', 'REVIEWING'].includes(b.decision)) return 'decision must be APPROVE, DENY or REVIEWING';
  if (
    b.reasons !== undefined &&
    (!Array.isArray(b.reasons) || b.reasons.some((r) => typeof r?.Reason !== 'string' || typeof r?.ShortDescription !== 'string'))
  ) {
    return 'reasons must be a list of {"Reason","ShortDescription"}';
  }
  if (b.fields !== undefined && (typeof b.fields !== 'object' || Array.isArray(b.fields))) return 'fields must map a field path to {"DeniedReason","Feedback"}';
  return undefined;
}

/** `POST /_eum/registrations/<id>/review`: decides the submitted version at once. */
export function review(rs: RegistrationsState, env: RegistrationEnv, id: string, d: ReviewDecision) {
  const r = findRegistration(rs, id);
  const v = latest(r);
  if (v.status !== 'SUBMITTED' && v.status !== 'REVIEWING' && v.status !== 'AWS_REVIEWING') {
    throw conflict(
      `version ${v.VersionNumber} is ${v.status}; only a submitted version can be reviewed`,
      'REGISTRATION_NOT_COMPLETE',
      'registration',
      r.RegistrationId,
    );
  }
  if (d.decision === 'REVIEWING') {
    if (v.status === 'SUBMITTED') setStatus(v, 'REVIEWING', env.now);
    v.schedule = (v.schedule ?? []).filter((s) => s.step !== 'REVIEWING');
  } else if (d.decision === 'APPROVE') {
    if (v.status === 'SUBMITTED') setStatus(v, 'REVIEWING', env.now);
    approve(r, v, env.now);
  } else {
    const t = catalogType(env, r.RegistrationType);
    const unknown = Object.keys(d.fields ?? {}).filter((p) => !t.fields.some((f) => f.FieldPath === p));
    if (unknown.length)
      throw validation(
        `unknown field ${unknown.join(', ')}`,
        'UNKNOWN_REGISTRATION_FIELD',
        unknown.map((p) => ({ Name: 'fields', Message: `unknown field ${p}` })),
      );
    if (v.status === 'SUBMITTED') setStatus(v, 'REVIEWING', env.now);
    deny(v, env.now, d);
  }
  return { registration: registrationInfo(r), version: versionInfo(v) };
}
