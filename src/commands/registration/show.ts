/** `eum registration show <ID>`: status, versions and their history, denial reasons, feedback, associations. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult, View } from '../../cli/output.js';
import { parseIdAndFlags } from './flags.js';
import type { DeniedReason, RegistrationAssociation, RegistrationSummary, RegistrationVersion } from '../../aws/registrations.js';

export type DeniedReasonData = DeniedReason;

export interface RegistrationShowData extends RegistrationSummary {
  /** The Name tag (create --name), or null. */
  name: string | null;
  versions: RegistrationVersion[];
  /** Fields the reviewer flagged in the newest denied version. */
  flaggedFields: Array<{ fieldPath: string; deniedReason?: string; feedback?: string }>;
  associations: RegistrationAssociation[];
}

export async function runRegistrationShow(ctx: Context, id: string): Promise<CommandResult<RegistrationShowData>> {
  const { describeRegistration } = await import('../../runtime/registration/shared.js');
  const api = await import('../../aws/registrations.js');
  const reg = await describeRegistration(ctx, id);
  const client = await ctx.sms();
  const versions = await api.listRegistrationVersions(client, reg.registrationId);
  const associations = await api.listRegistrationAssociations(client, reg.registrationId);
  const flaggedFields: RegistrationShowData['flaggedFields'] = [];
  if (reg.latestDeniedVersionNumber !== undefined) {
    const { values } = await api.listRegistrationFieldValues(client, reg.registrationId, reg.latestDeniedVersionNumber);
    for (const v of values)
      if (v.deniedReason || v.feedback) flaggedFields.push({ fieldPath: v.fieldPath, deniedReason: v.deniedReason, feedback: v.feedback });
  }
  const name = (await api.registrationTags(client, reg.registrationArn)).Name ?? null;
  const data: RegistrationShowData = { ...reg, name, versions, flaggedFields, associations };
  const views: View[] = [
    {
      kind: 'kv',
      title: `Registration ${data.registrationId}`,
      pairs: [
        ['name', data.name ?? ''],
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
      rows: data.versions.map((v) => ({
        ...v,
        historyText: Object.entries(v.history)
          .map(([k, t]) => `${k} ${t.toISOString()}`)
          .join(', '),
      })),
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
    .action(app.action((ctx, { args }) => runRegistrationShow(ctx, parseIdAndFlags(args, {}, {}).id)));
  app.examples(cmd, [
    ['why was it denied?', 'eum registration show registration-0123456789abcdef0123456789abcdef'],
    ['as JSON', 'eum --sim registration show registration-0123... --json'],
  ]);
}
