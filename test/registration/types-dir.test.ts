/** `--registration-types DIR`: a form that no code mentions, loaded from a file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { runEum, tempHome } from '../helpers/streams.js';
import { fastWrites, startRegistrationSim, type RegistrationSim } from './sim-server.js';
import { loadCatalog } from '../../src/sim/registrations/catalog.js';

const DIR = path.resolve('test/registration/types-dir');
let sim: RegistrationSim;
const home = tempHome();
const eum = (args: string[]) => runEum(fastWrites(['--endpoint-url', sim.endpoint, ...args]), { home });

beforeAll(async () => {
  sim = await startRegistrationSim({ registrationTypesDir: DIR });
});
afterAll(async () => {
  await sim.close();
});

describe('a registration type loaded with --registration-types', () => {
  it('derives sections and a title, and treats a CONDITIONAL field without rules as optional with a note', () => {
    const t = loadCatalog(DIR).get('JO_SENDER_ID_REGISTRATION')!;
    expect(t.definition.DisplayHints?.Title).toBe('JO sender id registration');
    expect(t.sections.map((s) => s.SectionPath)).toEqual(['senderIdInfo', 'companyInfo', 'companyAddress', 'contactInfo', 'messagingUseCase', 'messageSamples', 'joSidSpecificInfo']);
    expect(t.notes).toEqual(['joSidSpecificInfo.letterOfAuthorization is CONDITIONAL without ConditionalBehavior: treated as optional']);
  });

  it('is listed, described, linted, created and submitted like any other', async () => {
    const types = JSON.parse((await eum(['registration', 'types', '--json'])).stdout);
    expect(types.types.map((t: { registrationType: string }) => t.registrationType)).toContain('JO_SENDER_ID_REGISTRATION');
    const fields = await eum(['registration', 'fields', 'JO_SENDER_ID_REGISTRATION']);
    expect(fields.stdout).toContain('conditional (the form gives no rule; treated as optional)');
    const file = path.resolve('test/registration/answers/JO_SENDER_ID_REGISTRATION.yaml');
    const lint = await eum(['registration', 'lint', 'JO_SENDER_ID_REGISTRATION', '--answers', file, '--strict', '--json']);
    expect(JSON.parse(lint.stdout)).toEqual({ errors: [], warnings: [], notRun: [] });
    const created = await eum(['registration', 'create', 'JO_SENDER_ID_REGISTRATION', '--answers', file, '--submit', '--json']);
    expect(JSON.parse(created.stdout)).toMatchObject({ registrationType: 'JO_SENDER_ID_REGISTRATION', status: 'SUBMITTED', submitted: true });
  });

  it('a malformed type file is refused with every problem named', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-types-'));
    writeFileSync(path.join(dir, 'XX_FORM.json'), JSON.stringify({ RegistrationType: 'XX_FORM', RegistrationFieldDefinitions: [{ FieldPath: 'a.b', FieldType: 'DATE', FieldRequirement: 'MAYBE' }] }));
    expect(() => loadCatalog(dir)).toThrow(/FieldType must be TEXT, SELECT or ATTACHMENT; .*FieldRequirement must be REQUIRED, OPTIONAL or CONDITIONAL/);
    writeFileSync(path.join(dir, 'XX_FORM.json'), JSON.stringify({ RegistrationType: 'YY_FORM', RegistrationFieldDefinitions: [] }));
    expect(() => loadCatalog(dir)).toThrow(/name the file YY_FORM.json/);
    expect(() => loadCatalog(path.join(dir, 'missing'))).toThrow(/cannot read/);
  });
});
