// End-to-end: what bin/eum.js does before the bundle runs (the Node version check, source maps).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EUM_BIN, eumEnv, eumSync as eum } from '../helpers/spawn.js';

/** Runs the binary with process.versions.node reporting `version`, as an older Node would. */
function eumOnNode(version: string, args: string[]) {
  const fake = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${version}'})`;
  const r = spawnSync(process.execPath, ['--import', fake, EUM_BIN, ...args], { env: eumEnv(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/eum.js on an unsupported Node', () => {
  it('says so in one line on stderr and exits 2, running nothing', () => {
    for (const version of ['20.20.2', '22.22.1', '24.14.0', '23.11.0']) {
      const r = eumOnNode(version, ['--version']);
      expect(r.code, version).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `eum needs Node 22.22.2 or later (or 24.15+, or 26+); this is Node ${version}. Install a current Node LTS release (https://nodejs.org) and run eum again.\n`,
      );
    }
  });

  it('runs on the oldest releases engines allows', () => {
    for (const version of ['22.22.2', '24.15.0', '26.0.0']) {
      const r = eumOnNode(version, ['--version']);
      expect(r.code, version).toBe(0);
      expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('checks the range package.json declares', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });
});

describe('--debug', () => {
  it('stack traces name the TypeScript sources', () => {
    const r = eum(['--debug', 'feedback', 'put', 'some-message-id', 'NOPE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n {4}at .*src[\\/]commands[\\/]feedback[\\/]\w+\.ts:\d+:\d+/);
    expect(r.stderr).not.toContain('dist/eum.cjs');
  });

  it('EUM_DEBUG=1 does the same', () => {
    const r = eum(['feedback', 'put', 'some-message-id', 'NOPE'], { EUM_DEBUG: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/src[\\/]commands[\\/]feedback[\\/]\w+\.ts:\d+/);
  });

  it('without it, no stack trace', () => {
    const r = eum(['feedback', 'put', 'some-message-id', 'NOPE']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n {4}at /);
  });
});
