/** `eum protect export [ID...] [-o FILE]`: the account's Protect configurations as a document. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseConfigRef } from '../../core/protect/parse.js';
import { parseOptions } from '../../cli/options.js';
import { outputFlag } from './flags.js';

export interface ProtectExportData {
  configurations: Array<{ id: string; name: string }>;
  file: string | null;
  document: string;
}

export async function runProtectExport(ctx: Context, options: { refs: string[]; output?: string }): Promise<CommandResult<ProtectExportData>> {
  const { checkOutputPath, writeOutputFile } = await import('../../runtime/output-file.js');
  // A file that cannot be written is found before any call.
  if (options.output) checkOutputPath(options.output, '--output');
  const { protectClient, readSnapshot, resolveConfigurationId } = await import('../../aws/protect.js');
  const client = await protectClient(ctx);
  const { renderProtectDocument, documentName } = await import('../../core/protect/document.js');
  const ids = options.refs.length ? await Promise.all(options.refs.map(async (r) => (await resolveConfigurationId(client, r)).id)) : undefined;
  const snapshot = await readSnapshot(client);
  const { duplicateNames } = await import('../../core/protect/document.js');
  const chosenNow = ids ? snapshot.configurations.filter((c) => ids.includes(c.id)) : snapshot.configurations;
  const dups = duplicateNames(chosenNow);
  if (dups.length) {
    const { OperationError } = await import('../../cli/errors.js');
    throw new OperationError(
      `cannot export: ${dups.map((d) => `${d.ids.length} protect configurations are named "${d.name}" (${d.ids.join(', ')})`).join('; ')}; a document names each configuration once`,
      { code: 'DUPLICATE_NAMES', hint: `rename all but one first: eum protect update ${dups[0].ids[1]} --name NEW-NAME (nothing was written)` },
    );
  }
  const document = renderProtectDocument(snapshot, { ids, generatedAt: ctx.clock.now().toISOString() });
  const chosen = ids ? snapshot.configurations.filter((c) => ids.includes(c.id)) : snapshot.configurations;
  const data: ProtectExportData = { configurations: chosen.map((c) => ({ id: c.id, name: documentName(c) })), file: options.output ?? null, document };
  if (options.output) {
    await writeOutputFile(options.output, document, { mode: 0o644, field: '--output' });
    return { data, notes: [`wrote ${chosen.length} configuration${chosen.length === 1 ? '' : 's'} to ${options.output}`] };
  }
  return { data, views: [{ kind: 'text', text: document }] };
}

export function parseProtectExportOptions(args: unknown[], opts: Record<string, unknown>, cwd: string): { refs: string[]; output?: string } {
  const problems: InputProblem[] = [];
  const refs = ((args[0] as string[] | undefined) ?? []).map((r) => parseConfigRef(r, problems));
  const { output } = parseOptions({ output: outputFlag(cwd) }, opts, problems);
  if (problems.length) throw new InputError(problems);
  return { refs, output };
}

export function registerProtectExport(parent: Command, app: App): void {
  const cmd = parent
    .command('export')
    .description('write Protect configurations as a document (YAML) for review in git and eum protect apply')
    .argument('[ids...]', 'configuration ids, ARNs or Name tags (default: all)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(app.action(async (ctx, { args, opts }) => runProtectExport(ctx, parseProtectExportOptions(args, opts, ctx.cwd))));
  app.examples(cmd, [
    ['everything, into git', 'eum protect export -o protect.yaml'],
    ['one configuration to stdout', 'eum protect export otp-guard'],
  ]);
}
