/**
 * `eum program export [--regions ...] [-o FILE]`: the SMS program of each Region (numbers and
 * their keywords, pools, opt-out lists, configuration sets, Protect, spend limits) as one document.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, OperationError, type InputProblem } from '../../errors.js';
import { flag, flagSchemas, parseOptions } from '../../cli/options.js';

export interface ProgramExportData {
  regions: Array<{ region: string; phoneNumbers: number; pools: number; optOutLists: number; configurationSets: number; protectConfigurations: number }>;
  file: string | null;
  document: string;
  /** Read calls made. */
  calls: number;
}

export async function runProgramExport(ctx: Context, options: ProgramExportOptions): Promise<CommandResult<ProgramExportData>> {
  const { pacedReader, readRegion } = await import('../../runtime/program/read.js');
  const { renderProgramDocument, duplicatePoolNames } = await import('../../core/program/export.js');
  const { duplicateNames } = await import('../../core/protect/document.js');
  const reader = pacedReader(ctx);
  const all = new Set<import('../../runtime/program/read.js').Section>([
    'senderIds',
    'phoneNumbers',
    'keywords',
    'pools',
    'optOutLists',
    'configurationSets',
    'protect',
    'spendLimits',
  ]);
  // Opted-out numbers are data, and can be many: only when asked.
  if (options.withOptOuts) all.add('optedOutNumbers');
  const snapshots = await Promise.all(options.regions.map((region) => readRegion(ctx, reader, { region, sections: all })));
  const dups: string[] = [];
  for (const s of snapshots) {
    for (const d of duplicatePoolNames(s)) dups.push(`${s.region}: several pools are named "${d}"`);
    for (const d of duplicateNames(s.protect?.configurations ?? []))
      dups.push(`${s.region}: ${d.ids.length} Protect configurations are named "${d.name}" (${d.ids.join(', ')})`);
  }
  if (dups.length)
    throw new OperationError(`cannot export: ${dups.join('; ')}; a document names each resource once`, {
      code: 'DUPLICATE_NAMES',
      hint: 'rename all but one first (nothing was written)',
    });
  const document = renderProgramDocument(snapshots);
  const data: ProgramExportData = {
    regions: snapshots.map((s) => ({
      region: s.region,
      phoneNumbers: s.numbers.length,
      pools: s.pools.length,
      optOutLists: s.optOutLists.length,
      configurationSets: s.configurationSets.length,
      protectConfigurations: s.protect?.configurations.length ?? 0,
    })),
    file: options.output ?? null,
    document,
    calls: reader.calls,
  };
  if (options.output) {
    await writeFile(options.output, document, { mode: 0o600 });
    return {
      data,
      notes: [`wrote the program of ${snapshots.length} Region${snapshots.length === 1 ? '' : 's'} to ${options.output} (${reader.calls} read calls)`],
    };
  }
  return { data, views: [{ kind: 'text', text: document }] };
}

export interface ProgramExportOptions {
  regions: string[];
  output?: string;
  withOptOuts?: boolean;
}

/** The flags of `program export`, each with its type; --regions is checked by `resolveRegions` (which may ask the AWS config). */
const exportFlags = (cwd: string) => ({
  regions: flag((raw) => (raw === undefined ? undefined : String(raw))),
  output: flag((raw) => (raw ? path.resolve(cwd, String(raw)) : undefined)),
  withOptOuts: flagSchemas.switch(),
});

export async function parseProgramExportOptions(ctx: Context, opts: Record<string, unknown>): Promise<ProgramExportOptions> {
  const problems: InputProblem[] = [];
  const o = parseOptions(exportFlags(ctx.cwd), opts, problems);
  const { resolveRegions } = await import('../sender-id/options.js');
  const regions = await resolveRegions(ctx, o.regions, problems);
  if (problems.length) throw new InputError(problems);
  return { regions, output: o.output, withOptOuts: o.withOptOuts };
}

export function registerProgramExport(parent: Command, app: App): void {
  const cmd = parent
    .command('export')
    .description('write the SMS program of each Region (numbers, keywords, pools, opt-out lists, configuration sets, Protect, spend limits) as a YAML document')
    .option('--regions <list>', 'Regions to export, comma-separated (default: the current Region)')
    .option('-o, --output <file>', 'write to a file (mode 0600) instead of stdout')
    .option('--with-opt-outs', 'also export the opted-out numbers of each list (data: apply adds the missing ones, never removes any)')
    .action(app.action(async (ctx, { opts }) => runProgramExport(ctx, await parseProgramExportOptions(ctx, opts))));
  app.examples(cmd, [
    ['the program of two Regions, into git', 'eum program export --regions us-east-1,eu-west-2 -o program.yaml'],
    ['the current Region to stdout', 'eum program export'],
  ]);
}
