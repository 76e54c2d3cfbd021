/** `eum help [command...]` and the `environment` topic. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import { UsageError } from '../../cli/errors.js';
import { environmentHelp, ENVIRONMENT_VARIABLES } from './environment.js';

export function registerHelp(program: Command, app: App): void {
  program.helpCommand(false);
  const help = program
    .command('help')
    .description('show help for a command, or a topic: environment')
    .argument('[topic...]', 'a command (e.g. "feedback put") or "environment"')
    .action(
      app.action(async (_ctx, { args }) => {
        const topic = (args[0] as string[]) ?? [];
        if (topic.length === 1 && topic[0] === 'environment') {
          return {
            data: { environment: ENVIRONMENT_VARIABLES.map(([name, description]) => ({ name, description })) },
            views: [{ kind: 'text', text: environmentHelp() }],
          };
        }
        let cmd: Command = program;
        for (const word of topic) {
          const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
          if (!next) throw new UsageError(`no help topic or command "${topic.join(' ')}"`, 'see eum --help for the commands; topics: environment');
          cmd = next;
        }
        const text = helpWithExamples(cmd);
        return { data: { help: text }, views: [{ kind: 'text', text }] };
      }),
    );
  app.examples(help, [
    ['every environment variable eum reads', 'eum help environment'],
    ['help for one command', 'eum help feedback put'],
  ]);
}

/** The full help of a command, including the text added after it (examples). */
function helpWithExamples(cmd: Command): string {
  let text = '';
  const previous = cmd.configureOutput();
  cmd.configureOutput({ ...previous, writeOut: (s) => (text += s) });
  try {
    cmd.outputHelp();
  } finally {
    cmd.configureOutput(previous);
  }
  return text;
}
