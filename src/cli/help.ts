/**
 * The layout of every help page. A command group shows its commands and examples first, then its
 * own options; a command shows its arguments, options and examples. The global options are listed
 * once, in `eum --help`; every other page refers to it.
 */
import { Command, type Help } from 'commander';

export type Example = [description: string, command: string];

/** Every command of eum: a commander command that carries its examples for the help. */
export class EumCommand extends Command {
  readonly examples: Example[] = [];

  override createCommand(name?: string): EumCommand {
    return new EumCommand(name);
  }
}

/** Most examples a group borrows from its commands when it has none of its own. */
const GROUP_EXAMPLES = 6;

/** A command's examples; a group without any shows the first example of each of its commands. */
export function examplesOf(cmd: Command): Example[] {
  const own = cmd instanceof EumCommand ? cmd.examples : [];
  if (own.length > 0 || cmd.commands.length === 0) return own;
  return cmd.commands.flatMap((sub) => examplesOf(sub).slice(0, 1)).slice(0, GROUP_EXAMPLES);
}

/** The "Examples:" section, as lines (a blank line after). */
export function exampleLines(examples: Example[]): string[] {
  if (examples.length === 0) return [];
  return ['Examples:', ...examples.flatMap(([d, c], i) => [...(i > 0 ? [''] : []), `  # ${d}`, `  $ ${c}`]), ''];
}

export const GLOBAL_OPTIONS_NOTE = 'Global options (--region, --json, --query, ...): see eum --help';

/** commander's `formatHelp`, laid out as above. */
export function formatHelp(cmd: Command, helper: Help): string {
  const termWidth = helper.padWidth(cmd, helper);
  const helpWidth = helper.helpWidth ?? 80;
  const item = (term: string, description: string) => helper.formatItem(term, termWidth, description, helper);

  const output = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`, ''];
  const description = helper.commandDescription(cmd);
  if (description.length > 0) output.push(helper.boxWrap(helper.styleCommandDescription(description), helpWidth), '');

  const args = helper
    .visibleArguments(cmd)
    .map((a) => item(helper.styleArgumentTerm(helper.argumentTerm(a)), helper.styleArgumentDescription(helper.argumentDescription(a))));
  const options = helper
    .visibleOptions(cmd)
    .map((o) => item(helper.styleOptionTerm(helper.optionTerm(o)), helper.styleOptionDescription(helper.optionDescription(o))));
  const commands = helper
    .visibleCommands(cmd)
    .map((c) => item(helper.styleSubcommandTerm(helper.subcommandTerm(c)), helper.styleSubcommandDescription(helper.subcommandDescription(c))));
  const examples = exampleLines(examplesOf(cmd));

  if (commands.length > 0) {
    output.push(...helper.formatItemList('Commands:', commands, helper), ...examples);
    // The root's options are the global ones: every command accepts them.
    output.push(...helper.formatItemList('Arguments:', args, helper), ...helper.formatItemList(cmd.parent ? 'Options:' : 'Global options:', options, helper));
  } else {
    output.push(...helper.formatItemList('Arguments:', args, helper), ...helper.formatItemList('Options:', options, helper), ...examples);
  }
  if (cmd.parent) output.push(GLOBAL_OPTIONS_NOTE, '');
  return output.join('\n');
}
