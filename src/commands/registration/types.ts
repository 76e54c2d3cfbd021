/** `eum registration types`: the registration types the API offers, with their associations. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { flag, parseOptions, shown } from '../../cli/options.js';

export interface RegistrationTypesOptions {
  country?: string;
  resourceType?: string;
}

export interface RegistrationTypesData {
  types: Array<{
    registrationType: string;
    title: string;
    description?: string;
    associations: Array<{ resourceType: string; isoCountryCode?: string; associationBehavior: string; disassociationBehavior: string }>;
  }>;
}

/** An upper-cased flag value matching `pattern`, else `message` with what was given. */
const upperMatching = (pattern: RegExp, message: string) =>
  flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const v = String(raw).toUpperCase();
    if (!pattern.test(v)) problem(`${message}, got "${shown(raw)}"`);
    return v;
  });

/** The flags of `registration types`, each with its type and check. */
const typesFlags = {
  country: upperMatching(/^[A-Z]{2}$/, 'must be a two-letter ISO country code (e.g. US)'),
  resourceType: upperMatching(/^[/.:A-Za-z0-9+_-]{1,128}$/, 'must be a resource type such as TOLL_FREE or SENDER_ID'),
};

export function parseRegistrationTypesOptions(opts: Record<string, unknown>): RegistrationTypesOptions {
  const problems: InputProblem[] = [];
  const o = parseOptions(typesFlags, opts, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

export async function runRegistrationTypes(ctx: Context, options: RegistrationTypesOptions): Promise<CommandResult<RegistrationTypesData>> {
  const { listRegistrationTypeDefinitions } = await import('../../aws/registrations.js');
  const { typeTitle } = await import('../../core/registration/definitions.js');
  if (options.country) {
    const { loadCountryCatalog } = await import('../../runtime/country-catalog.js');
    const catalog = await loadCountryCatalog();
    if (!catalog.iso.has(options.country)) {
      const hint = options.country === 'UK' ? ' (the United Kingdom is GB)' : options.country === 'EL' ? ' (Greece is GR)' : '';
      throw new InputError([{ field: '--country', message: `"${options.country}" is not an ISO 3166 country code${hint}` }]);
    }
  }
  // Every type, filtered here: a type for a country's brand (US_TEN_DLC_BRAND_REGISTRATION)
  // associates no resource, so the API's country filter leaves it out; and an unknown resource
  // type is an input error rather than an empty list.
  const all = await listRegistrationTypeDefinitions(await ctx.sms(), {});
  if (options.resourceType) {
    const known = [...new Set(all.flatMap((d) => (d.SupportedAssociations ?? []).map((a) => (a.ResourceType ?? '').toUpperCase())))].filter(Boolean).sort();
    if (!known.includes(options.resourceType))
      throw new InputError([
        { field: '--resource-type', message: `no registration type associates "${options.resourceType}"; known resource types: ${known.join(', ')}` },
      ]);
  }
  const defs = all.filter((d) => {
    const assoc = d.SupportedAssociations ?? [];
    if (options.resourceType && !assoc.some((a) => (a.ResourceType ?? '').toUpperCase() === options.resourceType)) return false;
    if (options.country && !assoc.some((a) => a.IsoCountryCode === options.country) && !(d.RegistrationType ?? '').startsWith(`${options.country}_`))
      return false;
    return true;
  });
  const data: RegistrationTypesData = {
    types: defs.map((d) => ({
      registrationType: d.RegistrationType ?? '',
      title: typeTitle({ registrationType: d.RegistrationType ?? '', typeDefinition: d as never }),
      description: d.DisplayHints?.ShortDescription,
      associations: (d.SupportedAssociations ?? []).map((a) => ({
        resourceType: a.ResourceType ?? '',
        isoCountryCode: a.IsoCountryCode,
        associationBehavior: a.AssociationBehavior ?? '',
        disassociationBehavior: a.DisassociationBehavior ?? '',
      })),
    })),
  };
  return {
    data,
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'registrationType', header: 'Type' },
          { key: 'title', header: 'Title' },
          { key: 'associates', header: 'Associates' },
        ],
        rows: data.types.map((t) => ({
          ...t,
          associates: t.associations
            .map((a) => `${a.resourceType}${a.isoCountryCode ? ` (${a.isoCountryCode})` : ''} ${a.associationBehavior.toLowerCase().replace(/_/g, ' ')}`)
            .join('; '),
        })),
        empty: 'no registration types match',
      },
    ],
    notes: data.types.length ? [`see a form: eum registration fields ${data.types[0].registrationType}`] : [],
  };
}

export function registerRegistrationTypes(parent: Command, app: App): void {
  const cmd = parent
    .command('types')
    .description('list the registration types (forms) the API offers')
    .option('--country <CC>', 'only types for this country (they associate its resources, or are named for it)')
    .option('--resource-type <TYPE>', 'only types that associate this resource type (e.g. TOLL_FREE, SENDER_ID)')
    .action(app.action((ctx, { opts }) => runRegistrationTypes(ctx, parseRegistrationTypesOptions(opts))));
  app.examples(cmd, [
    ['every type, against the simulator', 'eum --sim registration types'],
    ['forms for US toll-free numbers', 'eum registration types --country US --resource-type TOLL_FREE'],
  ]);
}
