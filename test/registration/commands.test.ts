import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { runEum, tempHome } from '../helpers/streams.js';
import { startStandInSim, type StandInSim } from './stand-in-sim.js';

const ANSWERS = path.resolve('test/registration/answers');
const DATA_TYPES = readdirSync(path.resolve('../shared/registration-data'))
  .filter((f) => f.endsWith('.fields.json') && !f.startsWith('_'))
  .map((f) => f.replace('.fields.json', ''));

let sim: StandInSim;
const home = tempHome();
const eum = (args: string[], opts: Parameters<typeof runEum>[1] = {}) => runEum(['--endpoint-url', sim.endpoint, ...args], { home, ...opts });
const hook = async (p: string, body: unknown) => {
  const r = await fetch(`${sim.endpoint}${p}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
const writes = () => sim.requests.filter((r) => !/^Describe|^List/.test(r.operation));

beforeAll(async () => {
  sim = await startStandInSim();
});
afterAll(async () => {
  await sim.close();
});

describe('every registration type in the data, by answers file', () => {
  it.each(DATA_TYPES)('%s: lint is clean, create --submit, approve, watch exits 0', async (type) => {
    const file = path.join(ANSWERS, `${type}.yaml`);
    const lint = await eum(['registration', 'lint', type, '--answers', file, '--strict', '--json']);
    expect(JSON.parse(lint.stdout)).toEqual({ errors: [], warnings: [] });
    expect(lint.code).toBe(0);

    const created = await eum(['registration', 'create', type, '--answers', file, '--submit', '--json']);
    expect(created.stderr).not.toContain('error');
    expect(created.code).toBe(0);
    const data = JSON.parse(created.stdout);
    expect(data).toEqual({ registrationId: expect.stringMatching(/^registration-/), registrationType: type, versionNumber: 1, status: 'SUBMITTED', submitted: true, warnings: [] });

    const values = await eum(['registration', 'show', data.registrationId, '--json']);
    expect(JSON.parse(values.stdout)).toMatchObject({ status: 'SUBMITTED', versions: [{ versionNumber: 1, status: 'SUBMITTED' }] });
    expect((await hook(`/_eum/registrations/${data.registrationId}/review`, { decision: 'APPROVE' })).status).toBe(200);
    const watch = await eum(['registration', 'watch', data.registrationId, '--interval', '10ms', '--json']);
    expect(watch.code).toBe(0);
    expect(JSON.parse(watch.stdout.trim())).toMatchObject({ registrationId: data.registrationId, status: 'COMPLETE', versionStatus: 'APPROVED' });
  });
});
