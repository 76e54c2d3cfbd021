/** `eum completion bash|zsh|fish`: a completion script generated from the command tree. */
import { Argument, type Command, type Option } from 'commander';
import type { App } from '../../cli/program.js';
import { completionScript, SHELLS, type CompletionCommand, type CompletionOption, type Shell } from '../../core/completion.js';

function optionOf(o: Option): CompletionOption {
  return {
    flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'),
    takesValue: o.required || o.optional,
    choices: o.argChoices,
    description: o.description,
  };
}

/** The tree below `cmd`, as the completion scripts need it. */
export function completionTree(cmd: Command, path: string[] = []): CompletionCommand {
  const options = cmd.options.filter((o) => !o.hidden).map(optionOf);
  if (path.length === 0) options.push({ flags: ['-h', '--help'], takesValue: false, description: 'show help' });
  // `eum help <topic>`: the commands and the topics.
  const helpTopics =
    path.length === 1 && path[0] === 'help' && cmd.parent ? [...cmd.parent.commands.map((c) => c.name()).filter((n) => n !== 'help'), 'environment'] : [];
  return {
    path,
    description: cmd.description(),
    options,
    argumentChoices: [...cmd.registeredArguments.flatMap((a) => a.argChoices ?? []), ...helpTopics],
    subcommands: cmd.commands.map((sub) => completionTree(sub, [...path, sub.name()])),
  };
}

export function registerCompletion(program: Command, app: App): void {
  const completion = program
    .command('completion')
    .description('print a shell completion script (bash, zsh, fish) for every command and option')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action(
      app.action(async (_ctx, { args }) => {
        const shell = args[0] as Shell;
        const script = completionScript(shell, completionTree(program));
        return { data: { shell, script }, views: [{ kind: 'text', text: script }] };
      }),
    );
  app.examples(completion, [
    ['bash: install for your user (bash-completion), or load it from ~/.bashrc', 'eum completion bash > ~/.local/share/bash-completion/completions/eum'],
    ['bash, without bash-completion', "echo 'source <(eum completion bash)' >> ~/.bashrc"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh command line, not a template
    ['zsh: a completion function on your $fpath (start a new shell afterwards)', 'eum completion zsh > "${fpath[1]}/_eum"'],
    ['fish', 'eum completion fish > ~/.config/fish/completions/eum.fish'],
  ]);
}
