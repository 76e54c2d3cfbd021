/** `eum registration list`: registrations with their status. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import type { RegistrationSummary } from '../../aws/registrations.js';
import { flagSchemas, parseOptions } from '../../cli/options.js';
import { typeFlag } from './flags.js';

export const REGISTRATION_STATUSES = [
  'CREATED',
  'SUBMITTED',
  'AWS_REVIEWING',
  'REVIEWING',
  'REQUIRES_AUTHENTICATION',
  'PROVISIONING',
  'COMPLETE',
  'REQUIRES_UPDATES',
  'CLOSED',
  'DELETED',
];

export interface RegistrationListOptions {
  type?: string;
  status?: string;
}

export interface RegistrationListData {
  /** Each with its Name tag (null when it has none). */
  registrations: Array<RegistrationSummary & { name: string | null }>;
}

/** The flags of `registration list`, each with its type and check. */
const listFlags = { type: typeFlag, status: flagSchemas.oneOf(REGISTRATION_STATUSES, { upper: true }) };

export function parseRegistrationListOptions(opts: Record<string, unknown>): RegistrationListOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions(listFlags, opts, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

export async function runRegistrationList(ctx: Context, options: RegistrationListOptions): Promise<CommandResult<RegistrationListData>> {
  const { listRegistrations, listRegistrationTypeDefinitions, registrationTags } = await import('../../aws/registrations.js');
  const client = await ctx.sms();
  if (options.type) {
    // An unknown type is a mistake to say, not an empty list.
    const known = (await listRegistrationTypeDefinitions(client, {})).map((d) => d.RegistrationType ?? '');
    if (!known.includes(options.type)) {
      const close = known.filter((k) => k.includes(options.type!.toUpperCase()) || options.type!.toUpperCase().includes(k.split('_')[0] ?? '')).slice(0, 5);
      throw new InputError([
        {
          field: '--type',
          message: `"${options.type}" is not a registration type${close.length ? `; did you mean ${close.join(', ')}?` : ''} (list them: eum registration types)`,
        },
      ]);
    }
  }
  const regs = await listRegistrations(client, { type: options.type, status: options.status });
  // The Name tag (create --name) is how people tell registrations apart.
  const registrations = [];
  for (const r of regs) registrations.push({ ...r, name: (await registrationTags(client, r.registrationArn)).Name ?? null });
  const data: RegistrationListData = { registrations };
  return {
    data,
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'registrationId', header: 'Registration' },
          { key: 'name', header: 'Name' },
          { key: 'registrationType', header: 'Type' },
          { key: 'status', header: 'Status' },
          { key: 'currentVersionNumber', header: 'Version', align: 'right' },
          { key: 'createdAt', header: 'Created' },
        ],
        rows: data.registrations as unknown as Record<string, unknown>[],
        empty: 'no registrations',
      },
    ],
  };
}

export function registerRegistrationList(parent: Command, app: App): void {
  const cmd = parent
    .command('list')
    .description('list registrations and their status')
    .option('--type <type>', 'only this registration type')
    .option('--status <status>', `only this status (${REGISTRATION_STATUSES.join(', ')})`)
    .action(app.action((ctx, { opts }) => runRegistrationList(ctx, parseRegistrationListOptions(opts))));
  app.examples(cmd, [
    ['every registration', 'eum --sim registration list'],
    ['the ones waiting for you', 'eum registration list --status REQUIRES_UPDATES --json'],
  ]);
}
