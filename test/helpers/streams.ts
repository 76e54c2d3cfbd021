/** Fake streams and a base context for in-process command tests. */
import { PassThrough, Writable } from 'node:stream';
import { tempDir } from './temp.js';
import type { BaseContext, InStream, OutStream } from '../../src/cli/context.js';
import { systemClock } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

/** A real Writable (prompt libraries pipe into it) that keeps what was written. */
export class FakeOut extends Writable implements OutStream {
  chunks: string[] = [];
  constructor(
    public isTTY: boolean,
    public columns = 100,
    public rows = 40,
  ) {
    super({ decodeStrings: false });
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    cb();
  }
  /** Like process.stdout/stderr, a fake terminal is never closed by what pipes into it. */
  override end(): this {
    return this;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface FakeRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeOptions {
  /** stdout and stdin are terminals */
  tty?: boolean;
  env?: Record<string, string | undefined>;
  stdin?: string;
  home?: string;
  signal?: AbortSignal;
}

/** A fresh, private state directory, removed when the test file ends. */
export function tempHome(prefix = 'eum-test-'): string {
  return tempDir(prefix);
}

export function fakeBase(opts: FakeOptions = {}): { base: BaseContext; stdout: FakeOut; stderr: FakeOut; stdin: PassThrough } {
  const stdout = new FakeOut(opts.tty ?? false);
  const stderr = new FakeOut(opts.tty ?? false);
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = opts.tty ?? false;
  if (opts.stdin !== undefined) stdin.end(opts.stdin);
  const home = opts.home ?? tempHome();
  const base: BaseContext = {
    stdout,
    stderr,
    stdin: stdin as unknown as InStream,
    env: { EUM_HOME: home, HOME: home, ...opts.env },
    clock: systemClock,
    signal: opts.signal ?? new AbortController().signal,
    cwd: process.cwd(),
  };
  return { base, stdout, stderr, stdin };
}

/** Runs eum in-process with fake streams. */
export async function runEum(argv: string[], opts: FakeOptions = {}): Promise<FakeRun> {
  const { base, stdout, stderr } = fakeBase(opts);
  const code = await main(argv, base);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
