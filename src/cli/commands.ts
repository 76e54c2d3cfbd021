/**
 * The command tree. Each noun lives in `src/commands/<noun>/` and is loaded only when the command
 * line names it (or asks for all, to check the whole tree): the top-level help needs nothing but
 * the names and summaries below, which keeps `eum --help` fast. Adding a family is one entry here.
 */
import type { Command } from 'commander';
import type { App } from './program.js';

type Register = (program: Command, app: App) => void;

interface Noun {
  name: string;
  /** The one line shown in `eum --help` (and as the noun's description). */
  summary: string;
  load: () => Promise<Register>;
}

export const NOUNS: Noun[] = [
  {
    name: 'send',
    summary: 'send a text message (checked before it goes: number, encoding, parts), and record it for feedback',
    load: async () => (await import('../commands/send/index.js')).registerSend,
  },
  {
    name: 'feedback',
    summary: 'message feedback for one-time passwords: post outcomes, expire the unconfirmed, report conversion',
    load: async () => (await import('../commands/feedback/index.js')).registerFeedback,
  },
  {
    name: 'sender-id',
    summary: 'sender IDs in bulk: one sender ID across many countries and regions, rate-limited, never twice, resumable',
    load: async () => (await import('../commands/sender-id/index.js')).registerSenderId,
  },
  {
    name: 'registration',
    summary: 'registrations (US toll-free, 10DLC, sender IDs): guided, checked before submission, followed through review',
    load: async () => (await import('../commands/registration/index.js')).registerRegistration,
  },
  {
    name: 'protect',
    summary: 'Protect configurations against SMS pumping: country rules, number overrides, checks, and as code',
    load: async () => (await import('../commands/protect/index.js')).registerProtect,
  },
  {
    name: 'doctor',
    summary: 'what stands between this account and sending, country by country, with the command that fixes each problem',
    load: async () => (await import('../commands/doctor/index.js')).registerDoctor,
  },
  {
    name: 'number',
    summary: 'phone numbers: list, search, request (checked, never two for one request), update, release',
    load: async () => (await import('../commands/number/index.js')).registerNumber,
  },
  {
    name: 'pool',
    summary: 'pools of origination identities: create, add and remove numbers and sender IDs, update, delete',
    load: async () => (await import('../commands/pool/index.js')).registerPool,
  },
  {
    name: 'keyword',
    summary: 'keywords of a number or pool: HELP and STOP answers checked against carrier rules and the registration',
    load: async () => (await import('../commands/keyword/index.js')).registerKeyword,
  },
  {
    name: 'opt-out',
    summary: 'opt-outs: who opted out and since when, whether a number may be sent to, lists, import and export',
    load: async () => (await import('../commands/opt-out/index.js')).registerOptOut,
  },
  {
    name: 'program',
    summary: 'the whole SMS program as code: export every Region to YAML, plan the drift, apply it',
    load: async () => (await import('../commands/program/index.js')).registerProgram,
  },
  {
    name: 'config-set',
    summary: 'configuration sets: event destinations (CloudWatch Logs, Firehose, SNS), default sender ID and message type',
    load: async () => (await import('../commands/config-set/index.js')).registerConfigSet,
  },
  {
    name: 'verify',
    summary: 'the sandbox: verify destination numbers (a code by text or voice), list and remove them',
    load: async () => (await import('../commands/verify/index.js')).registerVerify,
  },
  {
    name: 'account',
    summary: 'your account: tier, limits and their use, spend limits and overrides',
    load: async () => (await import('../commands/account/index.js')).registerAccount,
  },
  {
    name: 'sim',
    summary: 'a local simulator of the SMS and Voice v2 API, for tests and CI without AWS',
    load: async () => (await import('../commands/sim/index.js')).registerSim,
  },
  {
    name: 'completion',
    summary: 'print a shell completion script: bash, zsh or fish',
    load: async () => (await import('../commands/completion/index.js')).registerCompletion,
  },
];

/** Global options that take a value: their value is not a command name. */
const OPTIONS_WITH_VALUES = new Set(['--region', '--profile', '--endpoint-url', '--max-attempts', '--query', '--cli-connect-timeout', '--cli-read-timeout']);

/** The noun the command line names (`eum --region x protect list`, `eum help protect`), if any. */
export function nounNamed(argv: string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (OPTIONS_WITH_VALUES.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Registers every noun: fully for the one `argv` names (all of them with `loadAll`), as a
 * one-line placeholder for the others, so the top-level help lists them all.
 */
export async function registerCommands(program: Command, app: App, argv: string[], options: { loadAll?: boolean } = {}): Promise<void> {
  const named = nounNamed(argv);
  // A completion script describes the whole tree.
  const loadAll = options.loadAll || named === 'completion';
  for (const noun of NOUNS) {
    if (loadAll || noun.name === named) {
      (await noun.load())(program, app);
      program.commands.find((c) => c.name() === noun.name)?.description(noun.summary);
    } else {
      program.command(noun.name).description(noun.summary);
    }
  }
  const { registerHelp } = await import('../commands/help/index.js');
  registerHelp(program, app);
}
