// End-to-end: the built binary, spawned as a user's CI would run it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eumSync as eum } from '../helpers/spawn.js';

describe('built binary', () => {
  it('is built', () => {
    expect(existsSync(path.resolve('dist/eum.cjs'))).toBe(true);
  });

  it('--version prints the package version', () => {
    const r = eum(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help exits 0 and never loads the AWS SDK', () => {
    const r = eum(['--help'], { NODE_DEBUG: 'module' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: eum');
    expect(r.stderr).not.toContain('client-pinpoint-sms-voice-v2');
    expect(r.stderr).not.toContain('@inquirer');
  });

  it('the help built in at build time is what commander prints', () => {
    // `--help --help` asks commander for the same help, but is not the argument list the built-in
    // help answers, so it is rendered by commander at run time.
    const byCommander = eum(['--help', '--help']);
    expect(byCommander.code).toBe(0);
    expect(byCommander.stdout).toContain('Usage: eum');
    for (const args of [['--help'], ['-h'], []]) {
      const r = eum(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(byCommander.stdout);
    }
  });

  it('help environment --json is a stable JSON shape', () => {
    const r = eum(['help', 'environment', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.environment).toContainEqual({ name: 'EUM_HOME', description: expect.any(String) });
  });

  it('a usage error exits 2 with a JSON error on stdout under --json', () => {
    const r = eum(['account', 'show', '--nope', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('USAGE');
  });

  it('an unreachable endpoint exits 1 with a hint', () => {
    const r = eum(['account', 'show', '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'NETWORK', hint: expect.stringContaining('--sim') });
  });

  it('--query filters the JSON output; a bad expression exits 2', () => {
    const r = eum(['help', 'environment', '--query', "environment[?name == 'EUM_HOME'].name | [0]"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('"EUM_HOME"\n');
    const bad = eum(['account', 'show', '--endpoint-url', 'http://127.0.0.1:9', '--query', 'items[']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--query is not a valid JMESPath expression');
  });

  it('completion bash prints a script that bash accepts', () => {
    const r = eum(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
  });
});
