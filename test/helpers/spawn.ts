/** Spawns the built binary as a user's CI would: CI=true, FORCE_COLOR=0, a private EUM_HOME. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempHome } from './streams.js';

export const EUM_BIN = path.resolve('bin/eum.js');

export interface SpawnResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function eumEnv(env: Record<string, string> = {}): Record<string, string> {
  const home = env.EUM_HOME ?? tempHome();
  return { PATH: process.env.PATH ?? '', HOME: home, EUM_HOME: home, CI: 'true', FORCE_COLOR: '0', ...env };
}

/** Runs the binary to completion. */
export function eumSync(args: string[], env: Record<string, string> = {}, input?: string): SpawnResult {
  const r = spawnSync(process.execPath, [EUM_BIN, ...args], { env: eumEnv(env), input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the binary and returns the child (for long-running commands and Ctrl-C tests). */
export function eumSpawn(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [EUM_BIN, ...args], { env: eumEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<SpawnResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    child,
    done,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Resolves with the first stdout line. */
    firstLine: () =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const nl = stdout.indexOf('\n');
          if (nl >= 0) {
            child.stdout.off('data', check);
            resolve(stdout.slice(0, nl));
          }
        };
        child.stdout.on('data', check);
        child.on('close', () => reject(new Error(`exited before printing a line: ${stderr}`)));
        check();
      }),
  };
}
