/** `eum registration show <ID>`: status, versions and their history, denial reasons, feedback, associations. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult, View } from '../../cli/output.js';
import type { RegistrationSummary } from './shared.js';

export interface DeniedReasonData {
  reason: string;
  shortDescription: string;
  longDescription?: string;
  documentationTitle?: string;
  documentationLink?: string;
}

export interface RegistrationShowData extends RegistrationSummary {
  versions: Array<{ versionNumber: number; status: string; history: Record<string, Date>; deniedReasons: DeniedReasonData[]; feedback?: string }>;
  /** Fields the reviewer flagged in the newest denied version. */
  flaggedFields: Array<{ fieldPath: string; deniedReason?: string; feedback?: string }>;
  associations: Array<{ resourceArn: string; resourceId: string; resourceType: string; isoCountryCode?: string }>;
}

export async function runRegistrationShow(ctx: Context, id: string): Promise<CommandResult<RegistrationShowData>> {
  const { sdk, allPages, describeRegistration, checkRegistrationId } = await import('./shared.js');
  checkRegistrationId(id);
  const reg = await describeRegistration(ctx, id);
  const client = await ctx.sms();
  const { DescribeRegistrationVersionsCommand, ListRegistrationAssociationsCommand, DescribeRegistrationFieldValuesCommand } = await sdk();
  const versions = await allPages(async (NextToken) => {
    const r = await client.send(new DescribeRegistrationVersionsCommand({ RegistrationId: reg.registrationId, NextToken }));
    return { items: r.RegistrationVersions ?? [], next: r.NextToken };
  });
  const assocs = await allPages(async (NextToken) => {
    const r = await client.send(new ListRegistrationAssociationsCommand({ RegistrationId: reg.registrationId, NextToken }));
    return { items: r.RegistrationAssociations ?? [], next: r.NextToken };
  });
  const flaggedFields: RegistrationShowData['flaggedFields'] = [];
  if (reg.latestDeniedVersionNumber !== undefined) {
    const values = await allPages(async (NextToken) => {
      const r = await client.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId: reg.registrationId, VersionNumber: reg.latestDeniedVersionNumber, NextToken }));
      return { items: r.RegistrationFieldValues ?? [], next: r.NextToken };
    });
    for (const v of values) if (v.DeniedReason || v.Feedback) flaggedFields.push({ fieldPath: v.FieldPath!, deniedReason: v.DeniedReason, feedback: v.Feedback });
  }
  const data: RegistrationShowData = {
    ...reg,
    versions: versions.map((v) => ({
      versionNumber: v.VersionNumber ?? 0,
      status: v.RegistrationVersionStatus ?? '',
      history: Object.fromEntries(Object.entries(v.RegistrationVersionStatusHistory ?? {}).filter(([, t]) => t).map(([k, t]) => [k.replace(/Timestamp$/, '').replace(/^./, (c) => c.toLowerCase()), t as Date])),
      deniedReasons: (v.DeniedReasons ?? []).map((d) => ({ reason: d.Reason ?? '', shortDescription: d.ShortDescription ?? '', longDescription: d.LongDescription, documentationTitle: d.DocumentationTitle, documentationLink: d.DocumentationLink })),
      feedback: v.Feedback,
    })),
    flaggedFields,
    associations: assocs.map((a) => ({ resourceArn: a.ResourceArn ?? '', resourceId: a.ResourceId ?? '', resourceType: a.ResourceType ?? '', isoCountryCode: a.IsoCountryCode })),
  };
  const views: View[] = [
    {
      kind: 'kv',
      title: `Registration ${data.registrationId}`,
      pairs: [
        ['type', data.registrationType],
        ['status', data.status],
        ['current version', data.currentVersionNumber],
        ['approved version', data.approvedVersionNumber ?? ''],
        ['latest denied version', data.latestDeniedVersionNumber ?? ''],
        ['created', data.createdAt],
        ['arn', data.registrationArn],
      ],
    },
    {
      kind: 'table',
      title: 'Versions',
      columns: [
        { key: 'versionNumber', header: 'Version', align: 'right' },
        { key: 'status', header: 'Status' },
        { key: 'historyText', header: 'History' },
      ],
      rows: data.versions.map((v) => ({ ...v, historyText: Object.entries(v.history).map(([k, t]) => `${k} ${t.toISOString()}`).join(', ') })),
    },
  ];
  const denials: string[] = [];
  for (const v of data.versions) {
    if (!v.deniedReasons.length && !v.feedback) continue;
    denials.push(`Version ${v.versionNumber} denied:`);
    for (const d of v.deniedReasons) {
      denials.push(`  - ${d.reason}: ${d.shortDescription}`);
      if (d.longDescription) denials.push(`    ${d.longDescription}`);
      if (d.documentationLink) denials.push(`    ${d.documentationTitle ?? 'documentation'}: ${d.documentationLink}`);
    }
    if (v.feedback) denials.push(`  reviewer feedback: ${v.feedback}`);
  }
  if (flaggedFields.length) {
    denials.push('Flagged fields:');
    for (const f of flaggedFields) denials.push(`  - ${f.fieldPath}: ${f.deniedReason ?? ''}${f.feedback ? ` (${f.feedback})` : ''}`);
  }
  if (denials.length) views.push({ kind: 'text', text: denials.join('\n') });
  views.push({
    kind: 'table',
    title: 'Associations',
    columns: [
      { key: 'resourceType', header: 'Type' },
      { key: 'resourceId', header: 'Resource' },
      { key: 'isoCountryCode', header: 'Country' },
    ],
    rows: data.associations as unknown as Record<string, unknown>[],
    empty: 'no associations',
  });
  const notes = data.status === 'REQUIRES_UPDATES' ? [`answer the denial: eum registration update ${data.registrationId}`] : [];
  return { data, views, notes };
}

export function registerRegistrationShow(parent: Command, app: App): void {
  const cmd = parent
    .command('show <id>')
    .description('show a registration: status, versions and history, denial reasons and feedback, associations')
    .action(app.action((ctx, { args }) => runRegistrationShow(ctx, String(args[0]))));
  app.examples(cmd, [
    ['why was it denied?', 'eum registration show registration-0123456789abcdef0123456789abcdef'],
    ['as JSON', 'eum --sim registration show registration-0123... --json'],
  ]);
}
