/** The built binary, as a user's CI runs it (CI=true, FORCE_COLOR=0): JSON out, exit codes. */
import { describe, expect, it } from 'vitest';
import { eumSync } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';

describe('eum opt-out and keyword, built binary with --sim', () => {
  it('add, check, export across invocations; bad input exit 2; keyword delete needs --yes', () => {
    const home = tempHome();
    const env = { EUM_HOME: home, HOME: home };
    const add = eumSync(['--sim', 'opt-out', 'add', '+12065550142', '--rate', '100', '--json'], env);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout).summary.added).toBe(1);
    const check = eumSync(['--sim', 'opt-out', 'check', '+12065550142', '--from', '+12065550100', '--rate', '100', '--json'], env);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).numbers[0].verdict).toBe('opted-out');
    const csv = eumSync(['--sim', 'opt-out', 'export'], env);
    expect(csv.stdout.split('\n')[1]).toMatch(/^\+12065550142,.*,false$/);
    const bad = eumSync(['--sim', 'opt-out', 'check', '12065550142', '--json'], env);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('INVALID_INPUT');
    expect(eumSync(['--sim', 'keyword', 'set', '+12065550100', 'INFO', '--message', 'Acme: open 9-5.'], env).code).toBe(0);
    const del = eumSync(['--sim', 'keyword', 'delete', '+12065550100', 'INFO'], env);
    expect(del.code).toBe(2);
    expect(del.stderr).toContain('--yes required when not running interactively');
  }, 60_000);
});
