/** `--registration-types DIR`: a form that no code mentions, loaded from a file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { fastWrites, startRegistrationSim, type RegistrationSim } from './sim-server.js';
import { loadCatalog } from '../../src/sim/registrations/catalog.js';
import { tempDir } from '../helpers/temp.js';

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
    expect(t.sections.map((s) => s.SectionPath)).toEqual([
      'senderIdInfo',
      'companyInfo',
      'companyAddress',
      'contactInfo',
      'messagingUseCase',
      'messageSamples',
      'joSidSpecificInfo',
    ]);
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
    const dir = tempDir('eum-types-');
    writeFileSync(
      path.join(dir, 'XX_FORM.json'),
      JSON.stringify({ RegistrationType: 'XX_FORM', RegistrationFieldDefinitions: [{ FieldPath: 'a.b', FieldType: 'DATE', FieldRequirement: 'MAYBE' }] }),
    );
    expect(() => loadCatalog(dir)).toThrow(/FieldType must be TEXT, SELECT or ATTACHMENT; .*FieldRequirement must be REQUIRED, OPTIONAL or CONDITIONAL/);
    writeFileSync(path.join(dir, 'XX_FORM.json'), JSON.stringify({ RegistrationType: 'YY_FORM', RegistrationFieldDefinitions: [] }));
    expect(() => loadCatalog(dir)).toThrow(/name the file YY_FORM.json/);
    expect(() => loadCatalog(path.join(dir, 'missing'))).toThrow(/cannot read/);
    // A FIFO (or a link to a device) named like a type file is refused before it is opened.
    rmSync(path.join(dir, 'XX_FORM.json'));
    execFileSync('mkfifo', [path.join(dir, 'XX_FORM.json')]);
    expect(() => loadCatalog(dir)).toThrow(/XX_FORM.json is not a regular file/);
  });

  it('fields, --template and --json show the long description, the documentation link and conditional validation; an unknown operator is shown as ignored', async () => {
    const dir = tempDir('eum-types-');
    const form = {
      RegistrationType: 'XX_HINTS_FORM',
      RegistrationTypeDefinition: {
        RegistrationType: 'XX_HINTS_FORM',
        DisplayHints: {
          Title: 'Hints form',
          LongDescription: 'A form to read help from.',
          DocumentationTitle: 'The guide',
          DocumentationLink: 'https://example.com/guide',
        },
      },
      RegistrationFieldDefinitions: [
        {
          SectionPath: 'companyInfo',
          FieldPath: 'companyInfo.taxIdAuthority',
          FieldType: 'SELECT',
          FieldRequirement: 'REQUIRED',
          SelectValidation: { MinChoices: 1, MaxChoices: 1, Options: ['EIN', 'OTHER'] },
        },
        {
          SectionPath: 'companyInfo',
          FieldPath: 'companyInfo.taxId',
          FieldType: 'TEXT',
          FieldRequirement: 'CONDITIONAL',
          TextValidation: { MinLength: 1, MaxLength: 20, Pattern: '^.*$' },
          DisplayHints: {
            Title: 'Tax id',
            LongDescription: 'The number your tax authority gave the company.',
            DocumentationTitle: 'Tax ids',
            DocumentationLink: 'https://example.com/tax-ids',
          },
          ConditionalBehavior: {
            DefaultBehavior: 'OPTIONAL',
            Rules: [
              {
                Conditions: [{ DependsOnFieldPath: 'companyInfo.taxIdAuthority', Operator: 'EQUALS', Values: ['EIN'] }],
                RuleBehavior: 'REQUIRED',
                ConditionalValidation: { MinLength: 9, MaxLength: 9, Pattern: '^[0-9]{9}$' },
              },
              { Conditions: [{ DependsOnFieldPath: 'companyInfo.taxIdAuthority', Operator: 'STARTS_WITH', Values: ['O'] }], RuleBehavior: 'DISALLOWED' },
            ],
          },
        },
      ],
    };
    writeFileSync(path.join(dir, 'XX_HINTS_FORM.json'), JSON.stringify(form));
    const other = await startRegistrationSim({ registrationTypesDir: dir });
    try {
      const run = (args: string[]) => runEum(['--endpoint-url', other.endpoint, ...args], { home: tempHome() });
      const text = await run(['registration', 'fields', 'XX_HINTS_FORM']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('1 to 20 characters, matching ^.*$');
      expect(text.stdout).toContain('when tax id authority is EIN: exactly 9 characters, matching ^[0-9]{9}$');
      expect(text.stdout).toContain('rule 2 ignored: unknown operator STARTS_WITH');
      expect(text.stdout).toContain('The number your tax authority gave the company.');
      expect(text.stdout).toContain('see: Tax ids https://example.com/tax-ids');
      const json = JSON.parse((await run(['registration', 'fields', 'XX_HINTS_FORM', '--json'])).stdout);
      const taxId = json.sections.flatMap((x: { fields: unknown[] }) => x.fields).find((f: { fieldPath: string }) => f.fieldPath === 'companyInfo.taxId');
      expect(taxId).toMatchObject({
        longDescription: 'The number your tax authority gave the company.',
        documentation: { title: 'Tax ids', link: 'https://example.com/tax-ids' },
        conditionalValidation: ['when tax id authority is EIN: exactly 9 characters, matching ^[0-9]{9}$'],
        ignoredRules: [expect.stringContaining('unknown operator STARTS_WITH')],
      });
      // The walkthrough shows them with the field too.
      const { base, stdin, stderr } = fakeBase({ tty: true, home: tempHome(), env: { NO_COLOR: '1' } });
      const done = main(['--endpoint-url', other.endpoint, 'registration', 'create', 'XX_HINTS_FORM', '--rate', '1000'], base);
      const waitFor = async (text: string) => {
        for (let i = 0; i < 2000 && !stderr.text.includes(text); i++) await new Promise((r) => setTimeout(r, 5));
        expect(stderr.text).toContain(text);
      };
      await waitFor('? Tax id authority');
      stdin.write('\n');
      await waitFor('? Tax id');
      await waitFor('when tax id authority is EIN: exactly 9 characters');
      expect(stderr.text).toContain('see: Tax ids https://example.com/tax-ids');
      stdin.write('\x03');
      expect(await done).toBe(130);
      const tpl = path.join(dir, 'answers.yaml');
      expect((await run(['registration', 'fields', 'XX_HINTS_FORM', '--template', tpl])).code).toBe(0);
      const t = readFileSync(tpl, 'utf8');
      expect(t).toContain('# when tax id authority is EIN: exactly 9 characters');
      expect(t).toContain('# see: Tax ids https://example.com/tax-ids');
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
