/**
 * Registrations over the SMS API: typed functions built on the SDK's paginators, mapping the
 * SDK's shapes to eum's once. Commands (and the registration runtime) call these; they never build
 * SDK commands. The SDK itself is imported on the first call, so importing this module costs
 * nothing (`eum --help` and `registration lint --offline` never load the SDK).
 */
import type { PinpointSMSVoiceV2Client, RegistrationInformation, RegistrationVersionInformation } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { AnswerValue, FieldDefinition, RegistrationForm, SectionDefinition, TypeDefinition } from '../core/registration/definitions.js';
import { collectPages, pageOptions } from './paginate.js';

type Sdk = typeof import('@aws-sdk/client-pinpoint-sms-voice-v2');
const sdk = (): Promise<Sdk> => import('@aws-sdk/client-pinpoint-sms-voice-v2');

/** Per-call options: an abort signal ends the request (and the remaining pages). */
export interface CallOptions {
  signal?: AbortSignal;
}

const sendOptions = (o?: CallOptions) => pageOptions(o?.signal);

/** Every item of every page of a paginator, as the SDK gives them. */
const collect = <P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> => collectPages(pages, items, (x) => x);

export interface RegistrationSummary {
  registrationId: string;
  registrationArn: string;
  registrationType: string;
  status: string;
  currentVersionNumber: number;
  approvedVersionNumber?: number;
  latestDeniedVersionNumber?: number;
  createdAt?: Date;
}

export function summaryOf(r: RegistrationInformation): RegistrationSummary {
  return {
    registrationId: r.RegistrationId ?? '',
    registrationArn: r.RegistrationArn ?? '',
    registrationType: r.RegistrationType ?? '',
    status: r.RegistrationStatus ?? '',
    currentVersionNumber: r.CurrentVersionNumber ?? 0,
    approvedVersionNumber: r.ApprovedVersionNumber,
    latestDeniedVersionNumber: r.LatestDeniedVersionNumber,
    createdAt: r.CreatedTimestamp,
  };
}

/** Every registration, optionally only of one type and/or status. */
export async function listRegistrations(
  client: PinpointSMSVoiceV2Client,
  filter: { type?: string; status?: string } = {},
  o?: CallOptions,
): Promise<RegistrationSummary[]> {
  const { paginateDescribeRegistrations } = await sdk();
  const Filters = [
    ...(filter.type ? [{ Name: 'registration-type' as const, Values: [filter.type] }] : []),
    ...(filter.status ? [{ Name: 'registration-status' as const, Values: [filter.status] }] : []),
  ];
  const regs = await collect(
    paginateDescribeRegistrations({ client }, { Filters: Filters.length ? Filters : undefined }, sendOptions(o)),
    (p) => p.Registrations,
  );
  return regs.map(summaryOf);
}

/** One registration, or undefined when the API returns none for the id. */
export async function describeRegistration(client: PinpointSMSVoiceV2Client, id: string, o?: CallOptions): Promise<RegistrationSummary | undefined> {
  const { DescribeRegistrationsCommand } = await sdk();
  const r = await client.send(new DescribeRegistrationsCommand({ RegistrationIds: [id] }), sendOptions(o));
  const info = (r.Registrations ?? [])[0];
  return info ? summaryOf(info) : undefined;
}

export interface DeniedReason {
  reason: string;
  shortDescription: string;
  longDescription?: string;
  documentationTitle?: string;
  documentationLink?: string;
}

export interface RegistrationVersion {
  versionNumber: number;
  status: string;
  /** Status name (camelCase, without `Timestamp`) -> when the version reached it. */
  history: Record<string, Date>;
  deniedReasons: DeniedReason[];
  feedback?: string;
}

function versionOf(v: RegistrationVersionInformation): RegistrationVersion {
  return {
    versionNumber: v.VersionNumber ?? 0,
    status: v.RegistrationVersionStatus ?? '',
    history: Object.fromEntries(
      Object.entries(v.RegistrationVersionStatusHistory ?? {})
        .filter(([, t]) => t)
        .map(([k, t]) => [k.replace(/Timestamp$/, '').replace(/^./, (c) => c.toLowerCase()), t as Date]),
    ),
    deniedReasons: (v.DeniedReasons ?? []).map((d) => ({
      reason: d.Reason ?? '',
      shortDescription: d.ShortDescription ?? '',
      longDescription: d.LongDescription,
      documentationTitle: d.DocumentationTitle,
      documentationLink: d.DocumentationLink,
    })),
    feedback: v.Feedback,
  };
}

/** Every version of a registration, with its history and denial reasons. */
export async function listRegistrationVersions(client: PinpointSMSVoiceV2Client, id: string, o?: CallOptions): Promise<RegistrationVersion[]> {
  const { paginateDescribeRegistrationVersions } = await sdk();
  const versions = await collect(paginateDescribeRegistrationVersions({ client }, { RegistrationId: id }, sendOptions(o)), (p) => p.RegistrationVersions);
  return versions.map(versionOf);
}

/** One version of a registration, or undefined. */
export async function describeRegistrationVersion(
  client: PinpointSMSVoiceV2Client,
  id: string,
  versionNumber: number,
  o?: CallOptions,
): Promise<RegistrationVersion | undefined> {
  const { DescribeRegistrationVersionsCommand } = await sdk();
  const r = await client.send(new DescribeRegistrationVersionsCommand({ RegistrationId: id, VersionNumbers: [versionNumber] }), sendOptions(o));
  const v = r.RegistrationVersions?.[0];
  return v ? versionOf(v) : undefined;
}

export interface RegistrationAssociation {
  resourceArn: string;
  resourceId: string;
  resourceType: string;
  isoCountryCode?: string;
}

/** The resources associated with a registration. */
export async function listRegistrationAssociations(client: PinpointSMSVoiceV2Client, id: string, o?: CallOptions): Promise<RegistrationAssociation[]> {
  const { paginateListRegistrationAssociations } = await sdk();
  const assocs = await collect(paginateListRegistrationAssociations({ client }, { RegistrationId: id }, sendOptions(o)), (p) => p.RegistrationAssociations);
  return assocs.map((a) => ({
    resourceArn: a.ResourceArn ?? '',
    resourceId: a.ResourceId ?? '',
    resourceType: a.ResourceType ?? '',
    isoCountryCode: a.IsoCountryCode,
  }));
}

/** A stored field value, with the reviewer's flags of a denied version. */
export interface RegistrationFieldValue {
  fieldPath: string;
  text?: string;
  choices?: string[];
  attachmentId?: string;
  deniedReason?: string;
  feedback?: string;
}

/** The field values of a version (the current one without `versionNumber`), and which version that was. */
export async function listRegistrationFieldValues(
  client: PinpointSMSVoiceV2Client,
  id: string,
  versionNumber?: number,
  o?: CallOptions,
): Promise<{ versionNumber?: number; values: RegistrationFieldValue[] }> {
  const { paginateDescribeRegistrationFieldValues } = await sdk();
  let version = versionNumber;
  const values = await collect(
    paginateDescribeRegistrationFieldValues({ client }, { RegistrationId: id, VersionNumber: versionNumber }, sendOptions(o)),
    (p) => {
      version = p.VersionNumber;
      return p.RegistrationFieldValues;
    },
  );
  return {
    versionNumber: version,
    values: values.map((v) => ({
      fieldPath: v.FieldPath ?? '',
      text: v.TextValue,
      choices: v.SelectChoices,
      attachmentId: v.RegistrationAttachmentId,
      deniedReason: v.DeniedReason,
      feedback: v.Feedback,
    })),
  };
}

export type RegistrationTypeFilter = { country?: string; resourceType?: string };

/** The registration types (forms) the API offers, optionally by associated country or resource type. */
export async function listRegistrationTypeDefinitions(
  client: PinpointSMSVoiceV2Client,
  filter: RegistrationTypeFilter = {},
  o?: CallOptions,
): Promise<TypeDefinition[]> {
  const { paginateDescribeRegistrationTypeDefinitions } = await sdk();
  const Filters = [
    ...(filter.country ? [{ Name: 'supported-association-iso-country-code' as const, Values: [filter.country] }] : []),
    ...(filter.resourceType ? [{ Name: 'supported-association-resource-type' as const, Values: [filter.resourceType] }] : []),
  ];
  const defs = await collect(
    paginateDescribeRegistrationTypeDefinitions({ client }, { Filters: Filters.length ? Filters : undefined }, sendOptions(o)),
    (p) => p.RegistrationTypeDefinitions,
  );
  return defs as TypeDefinition[];
}

/** A registration type's whole form: the type, its sections and its fields. */
export async function readRegistrationForm(client: PinpointSMSVoiceV2Client, type: string, o?: CallOptions): Promise<RegistrationForm> {
  const { paginateDescribeRegistrationFieldDefinitions, paginateDescribeRegistrationSectionDefinitions, paginateDescribeRegistrationTypeDefinitions } =
    await sdk();
  const fields = await collect(
    paginateDescribeRegistrationFieldDefinitions({ client }, { RegistrationType: type }, sendOptions(o)),
    (p) => p.RegistrationFieldDefinitions as FieldDefinition[] | undefined,
  );
  const sections = await collect(
    paginateDescribeRegistrationSectionDefinitions({ client }, { RegistrationType: type }, sendOptions(o)),
    (p) => p.RegistrationSectionDefinitions as SectionDefinition[] | undefined,
  );
  const types = await collect(
    paginateDescribeRegistrationTypeDefinitions({ client }, { RegistrationTypes: [type] }, sendOptions(o)),
    (p) => p.RegistrationTypeDefinitions,
  );
  return { registrationType: type, typeDefinition: types[0] as TypeDefinition | undefined, sections, fields };
}

/** Creates a registration (a draft, version 1), with a Name tag when given. */
export async function createRegistration(
  client: PinpointSMSVoiceV2Client,
  input: { type: string; name?: string; clientToken?: string },
  o?: CallOptions,
): Promise<{ registrationId: string; versionNumber?: number; status?: string }> {
  const { CreateRegistrationCommand } = await sdk();
  const r = await client.send(
    new CreateRegistrationCommand({
      RegistrationType: input.type,
      Tags: input.name ? [{ Key: 'Name', Value: input.name }] : undefined,
      ClientToken: input.clientToken,
    }),
    sendOptions(o),
  );
  return { registrationId: r.RegistrationId!, versionNumber: r.CurrentVersionNumber, status: r.RegistrationStatus };
}

/** A registration's tags (the Name tag `--name` sets among them). */
export async function registrationTags(client: PinpointSMSVoiceV2Client, arn: string, o?: CallOptions): Promise<Record<string, string>> {
  const { ListTagsForResourceCommand } = await sdk();
  const r = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }), sendOptions(o));
  return Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Associates a resource (id or ARN) with a registration. */
export async function createRegistrationAssociation(
  client: PinpointSMSVoiceV2Client,
  id: string,
  resource: string,
  o?: CallOptions,
): Promise<RegistrationAssociation & { registrationId: string }> {
  const { CreateRegistrationAssociationCommand } = await sdk();
  const r = await client.send(new CreateRegistrationAssociationCommand({ RegistrationId: id, ResourceId: resource }), sendOptions(o));
  return {
    registrationId: r.RegistrationId ?? id,
    resourceArn: r.ResourceArn ?? '',
    resourceId: r.ResourceId ?? '',
    resourceType: r.ResourceType ?? '',
    isoCountryCode: r.IsoCountryCode,
  };
}

/** Opens a new (empty) version of a registration. */
export async function createRegistrationVersion(client: PinpointSMSVoiceV2Client, id: string, o?: CallOptions): Promise<{ versionNumber?: number }> {
  const { CreateRegistrationVersionCommand } = await sdk();
  const r = await client.send(new CreateRegistrationVersionCommand({ RegistrationId: id }), sendOptions(o));
  return { versionNumber: r.VersionNumber };
}

/** Submits the current version for review. */
export async function submitRegistrationVersion(
  client: PinpointSMSVoiceV2Client,
  id: string,
  o?: CallOptions,
): Promise<{ versionNumber: number; versionStatus?: string }> {
  const { SubmitRegistrationVersionCommand } = await sdk();
  const r = await client.send(new SubmitRegistrationVersionCommand({ RegistrationId: id }), sendOptions(o));
  return { versionNumber: r.VersionNumber ?? 0, versionStatus: r.RegistrationVersionStatus };
}

/** Discards the draft version. */
export async function discardRegistrationVersion(
  client: PinpointSMSVoiceV2Client,
  id: string,
  o?: CallOptions,
): Promise<{ registrationId: string; versionNumber?: number; versionStatus: string }> {
  const { DiscardRegistrationVersionCommand } = await sdk();
  const r = await client.send(new DiscardRegistrationVersionCommand({ RegistrationId: id }), sendOptions(o));
  return { registrationId: r.RegistrationId ?? id, versionNumber: r.VersionNumber, versionStatus: r.RegistrationVersionStatus ?? '' };
}

/** Deletes a registration. */
export async function deleteRegistration(
  client: PinpointSMSVoiceV2Client,
  id: string,
  o?: CallOptions,
): Promise<{ registrationId: string; versionNumber?: number; status: string }> {
  const { DeleteRegistrationCommand } = await sdk();
  const r = await client.send(new DeleteRegistrationCommand({ RegistrationId: id }), sendOptions(o));
  return { registrationId: r.RegistrationId ?? id, versionNumber: r.CurrentVersionNumber, status: r.RegistrationStatus ?? 'DELETED' };
}

/** Uploads an attachment (PDF, JPEG or PNG) and returns its id. */
export async function createRegistrationAttachment(client: PinpointSMSVoiceV2Client, body: Uint8Array, o?: CallOptions): Promise<string | undefined> {
  const { CreateRegistrationAttachmentCommand } = await sdk();
  const r = await client.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: body }), sendOptions(o));
  return r.RegistrationAttachmentId;
}

/** Stores a field's value (text, choices or an uploaded attachment's id). */
export async function putRegistrationFieldValue(
  client: PinpointSMSVoiceV2Client,
  id: string,
  fieldPath: string,
  value: AnswerValue,
  o?: CallOptions,
): Promise<void> {
  const { PutRegistrationFieldValueCommand } = await sdk();
  await client.send(
    new PutRegistrationFieldValueCommand({
      RegistrationId: id,
      FieldPath: fieldPath,
      TextValue: value.text,
      SelectChoices: value.choices,
      RegistrationAttachmentId: value.attachmentId,
    }),
    sendOptions(o),
  );
}

/** Removes a field's value. */
export async function deleteRegistrationFieldValue(client: PinpointSMSVoiceV2Client, id: string, fieldPath: string, o?: CallOptions): Promise<void> {
  const { DeleteRegistrationFieldValueCommand } = await sdk();
  await client.send(new DeleteRegistrationFieldValueCommand({ RegistrationId: id, FieldPath: fieldPath }), sendOptions(o));
}
