import { describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';

describe('top-level program', () => {
  it('prints help on stdout and exits 0', async () => {
    const r = await runEum(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchSnapshot();
  });

  it('prints the version', async () => {
    const r = await runEum(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows help with no arguments', async () => {
    const r = await runEum([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: eum');
  });

  it('an unknown command is a usage error (exit 2) on stderr only', async () => {
    const r = await runEum(['bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'bogus'");
  });

  it('an unknown option is a usage error, and --json prints a JSON error on stdout', async () => {
    const r = await runEum(['account', 'show', '--bogus', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'USAGE', message: expect.stringContaining("unknown option '--bogus'"), hint: 'see eum account show --help' },
    });
  });

  it('global options are accepted before and after the subcommand', async () => {
    const before = await runEum(['--json', 'help', 'environment']);
    const after = await runEum(['help', 'environment', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it('help environment lists every variable eum reads', async () => {
    const r = await runEum(['help', 'environment']);
    expect(r.code).toBe(0);
    for (const v of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_ENDPOINT_URL',
      'AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2',
      'NO_COLOR',
      'CI',
      'EUM_HOME',
    ]) {
      expect(r.stdout).toContain(v);
    }
  });

  it('help <command> shows that command with its examples', async () => {
    const r = await runEum(['help', 'account', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: eum account show');
    expect(r.stdout).toContain('Examples:');
  });

  it('a bad --endpoint-url is a usage error that names the flag', async () => {
    const r = await runEum(['account', 'show', '--endpoint-url', 'not a url']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--endpoint-url must be an http(s) URL');
  });

  it('every command has examples in its help', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const { fakeBase } = await import('../helpers/streams.js');
    const { base } = fakeBase();
    const program = await buildProgram(
      base,
      {},
      async () => {
        throw new Error('no client in this test');
      },
      [],
      { loadAll: true },
    );
    const missing: string[] = [];
    const walk = (cmd: import('commander').Command, prefix: string) => {
      for (const sub of cmd.commands) {
        const name = `${prefix} ${sub.name()}`.trim();
        if (sub.commands.length) walk(sub, name);
        else {
          let text = '';
          sub.configureOutput({ writeOut: (s) => (text += s) });
          sub.outputHelp();
          if (!text.includes('Examples:')) missing.push(name);
        }
      }
    };
    walk(program, '');
    expect(missing).toEqual([]);
  });
});

describe('help pages', () => {
  const sections = (text: string) =>
    text
      .split('\n')
      .filter((l) => /^(Usage|Arguments|Options|Commands|Examples|Global options)\b.*:/.test(l))
      .map((l) => l.replace(/:.*/, ''));

  it('eum --help lists commands and examples first, then the global options, once', async () => {
    const r = await runEum(['--help']);
    expect(sections(r.stdout)).toEqual(['Usage', 'Commands', 'Examples', 'Global options']);
    expect(r.stdout.match(/--region <region>/g)).toHaveLength(1);
  });

  it('a group lists its commands and examples before its options, and refers to eum --help for the global ones', async () => {
    for (const group of ['registration', 'feedback', 'protect', 'sender-id', 'sim']) {
      const r = await runEum([group, '--help']);
      expect(r.code).toBe(0);
      expect(sections(r.stdout), group).toEqual(['Usage', 'Commands', 'Examples', 'Options', 'Global options (--region, --json, --query, ...)']);
      expect(r.stdout).not.toContain('--region <region>');
      expect(r.stdout).toContain('see eum --help');
    }
  });

  it('a command shows its arguments, options and examples; the global options only by reference', async () => {
    const r = await runEum(['help', 'feedback', 'put']);
    expect(sections(r.stdout)).toEqual(['Usage', 'Arguments', 'Options', 'Examples', 'Global options (--region, --json, --query, ...)']);
    expect(r.stdout).not.toContain('--endpoint-url <url>');
  });

  it('the usage hint after a usage error names the command path, not the arguments', async () => {
    const cases: Array<[string[], string]> = [
      [['--region', 'us-west-2', 'registration', 'associate', 'registration-1', '--bogus'], '(see eum registration associate --help)'],
      [['registration', '--region', 'us-west-2', 'nosuch'], '(see eum registration --help)'],
      [['bogus'], '(see eum --help)'],
      [['--endpoint-url', 'http://127.0.0.1:9', 'feedback', 'put', '--concurrency'], '(see eum feedback put --help)'],
    ];
    for (const [argv, hint] of cases) {
      const r = await runEum(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(hint);
    }
    const json = await runEum(['--json', 'protect', 'list', '--bogus']);
    expect(JSON.parse(json.stdout).error.hint).toBe('see eum protect list --help');
  });

  it('commander messages are printed with control characters escaped', async () => {
    const r = await runEum(['account', 'show', '--x\u001b]0;pwned\u0007']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('\\e]0;pwned\\x07');
  });
});

describe('eum help environment', () => {
  it('lists every environment variable the sources read', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ENVIRONMENT_VARIABLES } = await import('../../src/commands/help/environment.js');
    const listed = new Set(ENVIRONMENT_VARIABLES.flatMap(([names]) => names.split(', ')));
    // Set by eum for the SDK, not read from the user.
    const notSettings = new Set(['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']);
    const read = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          for (const m of readFileSync(file, 'utf8').matchAll(/env\??\.([A-Z][A-Z0-9_]+)|env\[['"`]([A-Z][A-Z0-9_]+)['"`]\]/g)) read.add(m[1] ?? m[2]);
        }
      }
    };
    walk(path.resolve('src'));
    const missing = [...read].filter((name) => !listed.has(name) && !notSettings.has(name));
    expect(missing).toEqual([]);
    for (const name of ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_CONFIG_FILE', 'AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2'])
      expect(listed.has(name)).toBe(true);
  });
});
