/** The installed AWS CLI against a simulator: the independent client for wire-fidelity tests. */
import { execFile, execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function awsCliAvailable(): boolean {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const NO_AWS_CLI = 'the AWS CLI (aws) is not on PATH: install it (apt-get install awscli, or pip install awscli) to run the conformance tests';

/**
 * `describe` for AWS CLI conformance tests. Where `aws` is missing, the suite is skipped with the
 * reason in its name and a note on stderr, unless EUM_REQUIRE_AWS_CLI=1 (as in .ci/run, which
 * installs it): then it fails.
 */
export function describeWithAwsCli(name: string, body: () => void): void {
  if (awsCliAvailable()) {
    describe(name, body);
  } else if (process.env.EUM_REQUIRE_AWS_CLI === '1') {
    describe(name, () => {
      it('needs the AWS CLI (EUM_REQUIRE_AWS_CLI=1)', () => {
        throw new Error(NO_AWS_CLI);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${NO_AWS_CLI}`);
    describe.skip(`${name} (skipped: ${NO_AWS_CLI})`, body);
  }
}

/**
 * At most this many AWS CLI processes at once per test file: each is a Python start-up of a second
 * or more of CPU, and dozens at once on a busy machine ran into the 60-second timeout.
 */
const MAX_IN_FLIGHT = 4;
let inFlight = 0;
const queue: (() => void)[] = [];

/** `aws pinpoint-sms-voice-v2 <args>` at the endpoint, dummy credentials, one attempt, JSON out. */
export async function runAwsCli(endpoint: string, args: string[]): Promise<CliResult> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => queue.push(resolve));
  inFlight += 1;
  try {
    return await runAwsCliNow(endpoint, args);
  } finally {
    inFlight -= 1;
    queue.shift()?.();
  }
}

function runAwsCliNow(endpoint: string, args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
  };
  // A user's machine has no extra CA bundles; the CLI starts faster without them.
  delete env.AWS_CA_BUNDLE;
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const region = args.includes('--region') ? [] : ['--region', 'us-east-1'];
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['pinpoint-sms-voice-v2', ...args, '--endpoint-url', endpoint, ...region, '--output', 'json'],
      { env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const exit = (err as { code?: unknown } | null)?.code;
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        // A process killed by the timeout has no exit code: say so in stderr, which tests print.
        const killed = err && typeof exit !== 'number' ? `\n(aws ${args[0]} did not finish: ${err.message})` : '';
        resolve({ code: err ? (typeof exit === 'number' ? exit : -1) : 0, stdout, stderr: stderr + killed, json });
      },
    );
  });
}
