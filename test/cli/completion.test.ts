import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEum } from '../helpers/streams.js';
import { NOUNS } from '../../src/cli/commands.js';

const TOP_LEVEL = [...NOUNS.map((n) => n.name), 'help'];

/** Runs the bash script with COMP_WORDS set to `words` (the last one being completed). */
function bashComplete(script: string, words: string[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-completion-'));
  try {
    const file = path.join(dir, 'eum.bash');
    writeFileSync(file, script);
    const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _eum; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', program, 'bash', file, ...words], { encoding: 'utf8', cwd: dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('eum completion', () => {
  it('prints a script per shell that names every top-level command', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runEum(['completion', shell]);
      expect(r.code, shell).toBe(0);
      expect(r.stderr).toBe('');
      for (const name of TOP_LEVEL) expect(r.stdout, `${shell}: ${name}`).toMatch(new RegExp(`['\\s]${name}['\\s]`));
    }
  });

  it('the bash script is valid bash', async () => {
    const r = await runEum(['completion', 'bash']);
    const check = spawnSync('bash', ['-n'], { input: r.stdout, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('the bash script completes commands, subcommands and options from the tree', async () => {
    const { stdout: script } = await runEum(['completion', 'bash']);
    expect(bashComplete(script, ['eum', ''])).toEqual(TOP_LEVEL);
    expect(bashComplete(script, ['eum', 'feedback', ''])).toEqual(['put', 'pending', 'expire', 'report']);
    // global options and their values are skipped when finding the command
    expect(bashComplete(script, ['eum', '--region', 'us-east-1', 'protect', 'rules', ''])).toEqual(['get', 'set']);
    expect(bashComplete(script, ['eum', 'feedback', 'put', '--con'])).toEqual(['--concurrency']);
    expect(bashComplete(script, ['eum', 'sender-id', 'bulk', '--dry'])).toEqual(['--dry-run']);
    expect(bashComplete(script, ['eum', 'account', 'show', '--que'])).toEqual(['--query']);
    expect(bashComplete(script, ['eum', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(script, ['eum', 'help', 'e'])).toEqual(['environment']);
  });

  it('zsh and fish scripts register the completion and describe options', async () => {
    const zsh = (await runEum(['completion', 'zsh'])).stdout;
    expect(zsh.startsWith('#compdef eum\n')).toBe(true);
    expect(zsh).toContain('compdef _eum eum');
    const fish = (await runEum(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c eum -n '__eum_at \\'feedback put\\'' -l 'concurrency' -r");
    expect(fish).toContain("-l 'region' -r");
  });

  it('an unknown shell is a usage error; --json carries the script', async () => {
    const r = await runEum(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('powershell');
    const json = await runEum(['completion', 'fish', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ shell: 'fish', script: expect.stringContaining('complete -c eum') });
  });
});
