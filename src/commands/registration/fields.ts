/** `eum registration fields <TYPE>`: a form as a readable document, or an answers-file template. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import { fileFlag, parseTypeAndFlags, switchFlag } from './flags.js';
import type { CommandResult } from '../../cli/output.js';
import { UsageError } from '../../errors.js';

export interface RegistrationFieldsOptions {
  type: string;
  template?: string;
  force: boolean;
}

export interface FieldDoc {
  fieldPath: string;
  title: string;
  type: string;
  requirement: string;
  /** The requirement in words, conditional rules included. */
  requirementText: string;
  description?: string;
  /** The form's longer help (DisplayHints.LongDescription). */
  longDescription?: string;
  /** Where the form points for more (DisplayHints.DocumentationTitle/Link). */
  documentation?: { title?: string; link: string };
  validation?: string;
  /** Validation that replaces `validation` when a conditional rule holds, in words. */
  conditionalValidation?: string[];
  /** Conditional rules the service ignores (an unknown operator), in words. */
  ignoredRules?: string[];
  choices?: Array<{ value: string; description?: string }>;
  minChoices?: number;
  maxChoices?: number;
  example?: string;
  dependsOn?: string[];
}

export interface RegistrationFieldsData {
  registrationType: string;
  title: string;
  description?: string;
  longDescription?: string;
  documentation?: { title?: string; link: string };
  sections: Array<{
    sectionPath: string;
    title: string;
    description?: string;
    longDescription?: string;
    documentation?: { title?: string; link: string };
    fields: FieldDoc[];
  }>;
  template?: string;
}

export function parseRegistrationFieldsOptions(args: unknown[], opts: Record<string, unknown>): RegistrationFieldsOptions {
  return parseTypeAndFlags(args, opts, { template: fileFlag, force: switchFlag });
}

export async function runRegistrationFields(ctx: Context, options: RegistrationFieldsOptions): Promise<CommandResult<RegistrationFieldsData>> {
  const { existsSync } = await import('node:fs');
  const path = await import('node:path');
  const target = options.template ? path.resolve(ctx.cwd, options.template) : undefined;
  if (target && existsSync(target) && !options.force)
    throw new UsageError(`${options.template} exists`, 'choose another name, or pass --force to overwrite it');
  const { checkOutputPath, writeOutputFile } = await import('../../runtime/output-file.js');
  if (target) checkOutputPath(target, '--template', options.template);
  const { fetchForm } = await import('../../runtime/registration/shared.js');
  const d = await import('../../core/registration/definitions.js');
  const { renderTemplate } = await import('../../core/registration/answers.js');
  const form = await fetchForm(ctx, options.type);
  const titleOf = (p: string) => {
    const f = form.fields.find((x) => x.FieldPath === p);
    return f ? d.fieldTitle(f) : d.humanize(p);
  };
  const typeHints = form.typeDefinition?.DisplayHints;
  const data: RegistrationFieldsData = {
    registrationType: form.registrationType,
    title: d.typeTitle(form),
    description: typeHints?.ShortDescription !== d.typeTitle(form) ? typeHints?.ShortDescription : undefined,
    longDescription: typeHints?.LongDescription,
    documentation: d.documentationOf(typeHints),
    sections: d.orderedSections(form).map(({ section, fields }) => ({
      sectionPath: section.SectionPath,
      title: d.sectionTitle(section),
      description: section.DisplayHints?.ShortDescription !== d.sectionTitle(section) ? section.DisplayHints?.ShortDescription : undefined,
      longDescription: section.DisplayHints?.LongDescription,
      documentation: d.documentationOf(section.DisplayHints),
      fields: fields.map((f) => {
        const bounds = f.FieldType === 'SELECT' ? d.choiceBounds(f.SelectValidation) : undefined;
        const deps = d.dependenciesOf(f);
        const conditional = d.conditionalValidationInWords(f, titleOf);
        const ignored = d.ignoredRulesInWords(f);
        return {
          fieldPath: f.FieldPath,
          title: d.fieldTitle(f),
          type: f.FieldType,
          requirement: f.FieldRequirement,
          requirementText: d.requirementInWords(f, titleOf),
          description: f.DisplayHints?.ShortDescription !== d.fieldTitle(f) ? f.DisplayHints?.ShortDescription : undefined,
          longDescription: f.DisplayHints?.LongDescription,
          documentation: d.documentationOf(f.DisplayHints),
          validation: d.validationInWords(f),
          conditionalValidation: conditional.length ? conditional : undefined,
          ignoredRules: ignored.length ? ignored : undefined,
          choices:
            f.FieldType === 'SELECT' ? (f.SelectValidation?.Options ?? []).map((o) => ({ value: o, description: d.optionDescription(f, o) })) : undefined,
          minChoices: bounds?.min,
          maxChoices: bounds?.max,
          example: f.DisplayHints?.ExampleTextValue,
          dependsOn: deps.length ? deps : undefined,
        };
      }),
    })),
  };
  const notes: string[] = [];
  if (target) {
    await writeOutputFile(target, renderTemplate(form), { mode: 0o600, field: '--template', shownAs: options.template });
    data.template = target;
    notes.push(
      `wrote the answers template ${options.template}; fill it in, then: eum registration lint ${form.registrationType} --answers ${options.template}`,
    );
  }
  return { data, views: target ? [] : [documentView(data)], notes };
}

function documentView(data: RegistrationFieldsData) {
  const render = (bold: (s: string) => string, dim: (s: string) => string) => {
    const out: string[] = [`${bold(data.title)} (${data.registrationType})`];
    const docLine = (doc: { title?: string; link: string } | undefined, indent: string) => {
      if (doc) out.push(`${indent}${dim('see:')} ${doc.title ? `${doc.title} ` : ''}${doc.link}`);
    };
    if (data.description) out.push(data.description);
    if (data.longDescription) out.push(data.longDescription);
    docLine(data.documentation, '');
    if (data.sections.every((s) => s.fields.length === 0)) out.push('', 'This form has no fields: create the registration, associate it, and submit.');
    for (const s of data.sections) {
      if (!s.fields.length) continue;
      out.push('', bold(`${s.title}`) + dim(`  [${s.sectionPath}]`));
      if (s.description) out.push(`  ${s.description}`);
      if (s.longDescription) out.push(`  ${s.longDescription}`);
      docLine(s.documentation, '  ');
      for (const f of s.fields) {
        out.push(`  ${bold(f.title)}  ${dim(f.fieldPath)}`);
        out.push(`    ${f.type.toLowerCase()}, ${f.requirementText}${f.validation ? `; ${f.validation}` : ''}`);
        for (const c of f.conditionalValidation ?? []) out.push(`    ${c}`);
        for (const r of f.ignoredRules ?? []) out.push(`    ${dim(r)}`);
        if (f.description) out.push(`    ${f.description}`);
        if (f.longDescription) out.push(`    ${f.longDescription}`);
        docLine(f.documentation, '    ');
        for (const c of f.choices ?? []) out.push(`    - ${c.value}${c.description ? `: ${c.description}` : ''}`);
        if (f.example) out.push(`    example: ${f.example}`);
      }
    }
    return `${out.join('\n')}\n`;
  };
  return {
    kind: 'custom' as const,
    tty: (style: { bold: (s: string) => string; dim: (s: string) => string }) =>
      render(
        (s) => style.bold(s),
        (s) => style.dim(s),
      ),
    plain: () =>
      render(
        (s) => s,
        (s) => s,
      ),
  };
}

export function registerRegistrationFields(parent: Command, app: App): void {
  const cmd = parent
    .command('fields <type>')
    .description('show a registration form: sections, fields, requirements (conditional rules in words), validation, choices')
    .option('--template <file>', "write an answers file (YAML keyed by field path) with each field's help as comments")
    .option('--force', 'overwrite the --template file if it exists')
    .action(app.action((ctx, { args, opts }) => runRegistrationFields(ctx, parseRegistrationFieldsOptions(args, opts))));
  app.examples(cmd, [
    ['read the US toll-free form', 'eum --sim registration fields US_TOLL_FREE_REGISTRATION'],
    ['start an answers file', 'eum registration fields US_TOLL_FREE_REGISTRATION --template tollfree.yaml'],
    ['the form as JSON', 'eum registration fields US_TEN_DLC_BRAND_REGISTRATION --json'],
  ]);
}
