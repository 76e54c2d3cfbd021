/**
 * `eum registration export <ID> [-o FILE]`: a registration's current values as an answers file,
 * to review, or to start another registration from (`create TYPE --answers FILE`).
 */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { UsageError } from '../../cli/errors.js';
import { flag, shown } from '../../cli/options.js';
import { fileFlag, parseIdAndFlags, switchFlag } from './flags.js';

export interface RegistrationExportOptions {
  id: string;
  output?: string;
  version?: number;
  force: boolean;
}

export interface RegistrationExportData {
  registrationId: string;
  registrationType: string;
  versionNumber: number | null;
  /** Fields with a value. */
  answers: number;
  /** The file written (absolute), or null for stdout. */
  file: string | null;
}

/** The flags of `registration export`, each with its type and check. */
const exportFlags = {
  output: fileFlag,
  versionNumber: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const version = Number(raw);
    if (!Number.isInteger(version) || version < 1 || version > 100_000) problem(`must be a version number (1, 2, ...), got "${shown(raw)}"`);
    return version;
  }),
  force: switchFlag,
};

export function parseRegistrationExportOptions(args: unknown[], opts: Record<string, unknown>): RegistrationExportOptions {
  const { id, output, versionNumber, force } = parseIdAndFlags(args, opts, exportFlags);
  return { id, output, version: versionNumber, force };
}

export async function runRegistrationExport(ctx: Context, options: RegistrationExportOptions): Promise<CommandResult<RegistrationExportData>> {
  const path = await import('node:path');
  const { existsSync } = await import('node:fs');
  const target = options.output ? path.resolve(ctx.cwd, options.output) : undefined;
  if (target && existsSync(target) && !options.force) throw new UsageError(`${options.output} exists`, 'choose another name, or pass --force to overwrite it');
  const { checkOutputPath, writeOutputFile } = await import('../../runtime/output-file.js');
  if (target) checkOutputPath(target, '--output', options.output);
  const { describeRegistration, fetchForm, fetchValues } = await import('../../runtime/registration/shared.js');
  const { renderTemplate } = await import('../../core/registration/answers.js');
  const reg = await describeRegistration(ctx, options.id);
  const form = await fetchForm(ctx, reg.registrationType);
  const { versionNumber, answers } = await fetchValues(ctx, reg.registrationId, options.version);
  const header = `# exported from ${reg.registrationId}${versionNumber !== undefined ? ` version ${versionNumber}` : ''} (${reg.status}); attachments are the uploaded ids\n`;
  const text = header + renderTemplate(form, answers);
  const data: RegistrationExportData = {
    registrationId: reg.registrationId,
    registrationType: reg.registrationType,
    versionNumber: versionNumber ?? null,
    answers: answers.size,
    file: target ?? null,
  };
  if (target) {
    // Answers hold names, addresses and phone numbers: private to the user.
    await writeOutputFile(target, text, { mode: 0o600, field: '--output', shownAs: options.output });
    return {
      data,
      notes: [
        `wrote ${answers.size} answer${answers.size === 1 ? '' : 's'} to ${options.output}; start another with: eum registration create ${reg.registrationType} --answers ${options.output}`,
      ],
    };
  }
  return { data, views: [{ kind: 'text', text }] };
}

export function registerRegistrationExport(parent: Command, app: App): void {
  const cmd = parent
    .command('export <id>')
    .description("write a registration's current values as an answers file (to review, or to start another)")
    .option('-o, --output <file>', 'write to this file (0600) instead of stdout')
    .option('--version-number <n>', 'a given version (default: the current one)')
    .option('--force', 'overwrite the --output file if it exists')
    .action(app.action((ctx, { args, opts }) => runRegistrationExport(ctx, parseRegistrationExportOptions(args, opts))));
  app.examples(cmd, [
    ['save the answers of a registration', 'eum registration export registration-0123456789abcdef0123456789abcdef -o answers.yaml'],
    ['start another registration from them', 'eum registration create US_TOLL_FREE_REGISTRATION --answers answers.yaml'],
  ]);
}
