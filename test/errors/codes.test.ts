/** The one error list: every `error.code` has one exit code, and the README documents exactly that list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import {
  ERROR_CODES,
  ExitCode,
  type ErrorCode,
  AwsApiError,
  EumError,
  InputError,
  OperationError,
  UsageError,
  awsErrorCode,
  exitCodeFor,
} from '../../src/errors.js';
import { runEum, tempHome } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../protect/helpers.js';

/** The rows of the README's "Errors and exit codes" table: code -> exit code. */
function readmeTable(): Map<string, number> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### Errors and exit codes');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n#', start + 1));
  const rows = new Map<string, number>();
  for (const m of section.matchAll(/^\| `([A-Za-z_]+)` \| (\d+) \| .+ \|$/gm)) {
    expect(rows.has(m[1]), `${m[1]} is listed twice`).toBe(false);
    rows.set(m[1], Number(m[2]));
  }
  return rows;
}

describe('the error list', () => {
  it('the README table lists every code with its exit code, and nothing else', () => {
    const documented = readmeTable();
    const listed = new Map(Object.entries(ERROR_CODES).map(([code, v]) => [code, v.exitCode as number]));
    expect(documented).toEqual(listed);
  });

  it('every exit code is one the README promises', () => {
    const promised = new Set<number>(Object.values(ExitCode));
    for (const [code, v] of Object.entries(ERROR_CODES)) expect(promised.has(v.exitCode), code).toBe(true);
  });

  it('an error takes its exit code from the table, whatever its class', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new InputError([{ field: '--to', message: 'x' }]))).toBe(2);
    expect(exitCodeFor(new OperationError('x', { code: 'NOT_FOUND' }))).toBe(1);
    expect(exitCodeFor(new OperationError('x', { code: 'INVALID_INPUT' }))).toBe(2);
    expect(exitCodeFor(new Error('bug'))).toBe(1);
    expect(new EumError('x', { code: 'INTERRUPTED' }).exitCode).toBe(130);
  });

  it('AWS exception names are their own code when listed, else AWS_ERROR', () => {
    expect(awsErrorCode('ValidationException')).toBe('ValidationException');
    expect(awsErrorCode('SomethingNewException')).toBe('AWS_ERROR');
    expect(awsErrorCode('USAGE')).toBe('AWS_ERROR');
    expect(new AwsApiError('x', { awsName: 'ResourceNotFoundException' }).code).toBe<ErrorCode>('ResourceNotFoundException');
    expect(new AwsApiError('x', { awsName: 'Teapot' }).code).toBe<ErrorCode>('AWS_ERROR');
  });
});

describe('not found is exit 1 everywhere', () => {
  let sim: TestSim;
  const home = tempHome();
  const eum = (args: string[]) => runEum(['--endpoint-url', sim.endpoint, '--json', ...args], { home });
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  it.each([
    ['registration show', ['registration', 'show', 'registration-00000000000000000000000000000000']],
    ['registration edit', ['registration', 'edit', 'registration-00000000000000000000000000000000', '--submit']],
    ['protect show', ['protect', 'show', 'no-such-guard']],
    ['protect delete', ['protect', 'delete', 'no-such-guard', '--yes']],
  ])('%s of an unknown id', async (_name, args) => {
    const r = await eum(args);
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(['NOT_FOUND', 'ResourceNotFoundException']).toContain(error.code);
  });
});
