import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEum, tempHome } from '../helpers/streams.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';
import { configuredEndpoint, parseAwsConfig } from '../../src/core/aws-config.js';
import { resolveGlobals } from '../../src/cli/program.js';

let sim: Awaited<ReturnType<typeof startSim>>;
const homes: string[] = [];
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});
beforeEach(async () => {
  await clearSimRequests(sim.endpoint);
});

/** A private home with an AWS config file holding `text`. */
function homeWithConfig(text: string): { home: string; env: Record<string, string> } {
  const home = tempHome();
  homes.push(home);
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  const file = path.join(home, '.aws', 'config');
  writeFileSync(file, text);
  return { home, env: { AWS_CONFIG_FILE: file } };
}

const CONFIG = `# a comment
[default]
region = us-east-1 ; trailing comment
endpoint_url = http://default.example:1

[profile dev]
services = local-sms
endpoint_url = http://profile.example:2

[services local-sms]
pinpoint_sms_voice_v2 =
  endpoint_url = http://services.example:3
sqs =
  endpoint_url = http://sqs.example:4

[profile quiet]
endpoint_url = http://quiet.example:5
ignore_configured_endpoint_urls = true
`;

describe('the AWS config file, read as the SDK reads it', () => {
  const config = parseAwsConfig(CONFIG);
  const resolve = (profile: string, env: Record<string, string> = {}) => configuredEndpoint({ env, profile, config, configFile: '/c' })?.url;

  it('parses profiles, services sections and their sub-sections', () => {
    expect(config.get('default')?.get('region')).toBe('us-east-1');
    expect(config.get('dev')?.get('services')).toBe('local-sms');
    expect(config.get('services local-sms')?.get('pinpoint_sms_voice_v2.endpoint_url')).toBe('http://services.example:3');
    expect(config.get('services local-sms')?.get('sqs.endpoint_url')).toBe('http://sqs.example:4');
  });

  it('takes the environment first, then the services section, then the profile', () => {
    expect(resolve('default')).toBe('http://default.example:1');
    expect(resolve('dev')).toBe('http://services.example:3');
    expect(resolve('nobody')).toBeUndefined();
    expect(resolve('dev', { AWS_ENDPOINT_URL: 'http://env.example:6' })).toBe('http://env.example:6');
    expect(resolve('dev', { AWS_ENDPOINT_URL: 'http://env.example:6', AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: 'http://svc.example:7' })).toBe(
      'http://svc.example:7',
    );
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and ignore_configured_endpoint_urls', () => {
    expect(resolve('dev', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env.example:6' })).toBeUndefined();
    expect(resolve('quiet')).toBeUndefined();
    expect(resolve('quiet', { AWS_ENDPOINT_URL: 'http://env.example:6' })).toBeUndefined();
    expect(resolve('quiet', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toBe('http://quiet.example:5');
    expect(() => resolve('dev', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'yes' })).toThrow(/true or false/);
  });

  it('a profile naming a missing services section is an error that names it', () => {
    const broken = parseAwsConfig('[profile x]\nservices = gone\n');
    expect(() => configuredEndpoint({ env: {}, profile: 'x', config: broken, configFile: '/c' })).toThrow(/\[services gone\]/);
  });

  it('the global options carry the resolved endpoint, whatever its source; --sim and the flag win', () => {
    const { env } = homeWithConfig(CONFIG);
    expect(resolveGlobals({}, env)).toMatchObject({ endpointUrl: 'http://default.example:1', endpointSource: { kind: 'config', key: 'endpoint_url' } });
    expect(resolveGlobals({ profile: 'dev' }, env).endpointUrl).toBe('http://services.example:3');
    expect(resolveGlobals({}, { ...env, AWS_PROFILE: 'dev' }).endpointUrl).toBe('http://services.example:3');
    expect(resolveGlobals({}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpointUrl).toBeUndefined();
    expect(resolveGlobals({ endpointUrl: 'http://flag.example:8' }, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpointUrl).toBe(
      'http://flag.example:8',
    );
    expect(resolveGlobals({ sim: true }, env)).toMatchObject({ sim: true, endpointUrl: undefined });
    expect(resolveGlobals({}, { AWS_CONFIG_FILE: '/nonexistent/config' }).endpointUrl).toBeUndefined();
  });
});

describe('an endpoint from the AWS config file is treated like --endpoint-url', () => {
  it("requests go there, and the ledger is that endpoint's, never AWS's", async () => {
    const { home, env } = homeWithConfig(`[default]\nservices = sim\n\n[services sim]\npinpoint_sms_voice_v2 =\n  endpoint_url = ${sim.endpoint}\n`);
    const r = await runEum(['send', '--to', '+12065550100', '--body', 'Your code is 123456', '--feedback', '--json'], { home, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await simRequests(sim.endpoint)).map((q) => q.operation)).toContain('SendTextMessage');
    const port = new URL(sim.endpoint).port;
    const ledgers = readdirSync(path.join(home, 'ledger'));
    expect(ledgers).toEqual([`endpoint-127.0.0.1-${port}.tsv`]);
    expect(existsSync(path.join(home, 'ledger', 'aws.tsv'))).toBe(false);
    // The same ledger is found again by the next command.
    const pending = await runEum(['feedback', 'pending', '--json'], { home, env });
    expect(pending.code).toBe(0);
    expect(pending.stdout).toContain(JSON.parse(r.stdout).messageId);
  });

  it('a bad endpoint_url in the config is a usage error naming the file, before any call', async () => {
    const { home, env } = homeWithConfig('[default]\nendpoint_url = ftp://nowhere\n');
    const r = await runEum(['account', 'show'], { home, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`endpoint_url in ${env.AWS_CONFIG_FILE} [default] must be an http(s) URL`);
    expect(r.stderr).toContain('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS');
  });
});

describe('commands that call nothing', () => {
  it('work whatever the AWS config holds', async () => {
    const { home, env } = homeWithConfig('[default]\nendpoint_url = ftp://nowhere\n');
    const r = await runEum(['help', 'environment', '--query', 'length(environment) > `3`'], { home, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('true\n');
    expect((await runEum(['completion', 'bash'], { home, env })).code).toBe(0);
  });
});
