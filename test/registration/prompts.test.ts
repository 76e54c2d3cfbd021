/** The interactive walkthrough through the real prompts, driven by a fake terminal stdin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import YAML from 'yaml';
import * as sms from '@aws-sdk/client-pinpoint-sms-voice-v2';
import fixtures from '../../fixtures/registration/types.json' with { type: 'json' };
import { orderedSections, type FieldDefinition, type SectionDefinition } from '../../src/core/registration/definitions.js';
import { fastWrites, startRegistrationSim, TOLL_FREE_NUMBER_IDS, type RegistrationSim } from './sim-server.js';
import { tempDir } from '../helpers/temp.js';

const ANSWERS = path.resolve('test/registration/answers');
const DOWN = '\x1b[B';
let sim: RegistrationSim;

beforeAll(async () => {
  sim = await startRegistrationSim();
});
afterAll(async () => {
  await sim.close();
});

/** Runs eum in a fake terminal; `answer(text, keys)` waits for text on stderr (after the last match), then types. */
function terminal(args: string[], home = tempHome()) {
  const { base, stdin, stderr, stdout } = fakeBase({ tty: true, home, env: { NO_COLOR: '1' } });
  const done = main(fastWrites(['--endpoint-url', sim.endpoint, ...args]), base);
  let pos = 0;
  let finished = false;
  done.finally(() => (finished = true));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 2000; i++) {
      const idx = stderr.text.indexOf(text, pos);
      if (idx >= 0) {
        pos = idx + text.length;
        return;
      }
      if (finished) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`never saw "${text}" on stderr; last output:\n${stderr.text.slice(-1500)}`);
  };
  return {
    home,
    stdout,
    stderr,
    done,
    waitFor,
    /** Waits for a field's header (its path) and then its prompt, then types. */
    async field(fieldPath: string, prompt: string, keys: string) {
      await waitFor(`${fieldPath};`);
      await waitFor(`? ${prompt}`);
      stdin.write(keys);
    },
    position: () => pos,
    async answer(text: string, keys: string) {
      await waitFor(text);
      stdin.write(keys);
    },
  };
}

describe('the interactive walkthrough (US toll-free, every field by prompt)', () => {
  it('asks section by section, skips the tax fields for a sole proprietor, stores each answer, and submits', async () => {
    const t = terminal(['registration', 'create', 'US_TOLL_FREE_REGISTRATION']);
    await t.field('companyInfo.companyName', 'Company name', 'ExampleCorp\n');
    await t.field('companyInfo.website', '', 'https://www.example.com\n');
    await t.field('companyInfo.address1', '', '123 Any Street\n');
    await t.field('companyInfo.address2', '', '\n');
    await t.field('companyInfo.city', '', 'Seattle\n');
    await t.field('companyInfo.state', '', 'WA\n');
    await t.field('companyInfo.zipCode', '', '98101\n');
    await t.field('companyInfo.isoCountryCode', '', 'US\n');
    // SOLE_PROPRIETOR is the fourth option: the tax fields become DISALLOWED and are not asked.
    await t.field('companyInfo.businessType', '', `${DOWN}${DOWN}${DOWN}\n`);
    await t.field('contactInfo.firstName', '', 'Jane\n');
    expect(t.stderr.text).not.toContain('companyInfo.taxId;');
    await t.field('contactInfo.lastName', '', 'Doe\n');
    await t.field('contactInfo.supportEmail', '', 'support@example.com\n');
    await t.field('contactInfo.supportPhoneNumber', '', '+12065550142\n');
    await t.field('messagingUseCase.monthlyMessageVolume', '', `${DOWN}${DOWN}\n`);
    await t.field('messagingUseCase.useCaseCategory', '', '\n');
    // A value breaking the form's rule is refused by the prompt and asked again.
    await t.field('messagingUseCase.useCaseDetails', '', `${'x'.repeat(501)}\n`);
    await t.waitFor('at most 500 allowed');
    await t.answer('', '\x15ExampleCorp sends one-time sign-in codes to customers who ask for them.\n');
    await t.field('messagingUseCase.optInType', '', `${DOWN}\n`);
    await t.field(
      'messagingUseCase.optInDescription',
      '',
      'Customers tick a box on https://www.example.com/signup to get ExampleCorp codes. Message frequency varies. Message and data rates may apply. Reply HELP for help, STOP to opt out. Terms https://www.example.com/terms privacy https://www.example.com/privacy\n',
    );
    await t.field('messagingUseCase.optInImage', '', `${path.join(ANSWERS, 'not-an-image.png')}\n`);
    await t.waitFor('is not a PDF, JPEG or PNG');
    await t.answer('', `\x15${path.join(ANSWERS, 'optin.png')}\n`);
    await t.field('messagingUseCase.privacyPolicyUrl', '', 'https://www.example.com/privacy\n');
    await t.field('messagingUseCase.termsAndConditionsUrl', '', 'https://www.example.com/terms\n');
    await t.field('messageSamples.messageSample1', '', 'ExampleCorp: your sign-in code is {code}.\n');
    await t.field('messageSamples.messageSample2', '', '\n');
    await t.field('messageSamples.messageSample3', '', '\n');
    await t.answer('Submit this registration?', '\n');
    expect(await t.done).toBe(0);
    expect(t.stderr.text).toContain('Review: registration-');
    expect(t.stdout.text).toMatch(/status\s+SUBMITTED/);
    const id = /registration\s+(registration-[0-9a-f]+)/.exec(t.stdout.text)![1];
    const paths = Object.keys(await fieldValues(id));

    expect(paths).toContain('companyInfo.businessType');
    expect(paths).not.toContain('companyInfo.taxId');
    expect(paths).toContain('messagingUseCase.optInImage');
    expect(paths).toHaveLength(21);
  });
});

/** The toll-free answers file without some fields, written to a temp dir (attachment path kept absolute). */
function partialAnswers(drop: RegExp): string {
  const dir = tempDir('eum-answers-');
  const text = readFileSync(path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml'), 'utf8')
    .split('\n')
    .filter((l) => !drop.test(l))
    .join('\n')
    .replace('optInImage: optin.png', `optInImage: ${path.join(ANSWERS, 'optin.png')}`);
  const file = path.join(dir, 'answers.yaml');
  writeFileSync(file, text);
  return file;
}

async function fieldValues(id: string, version?: number) {
  const client = new sms.PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: sim.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
  });
  try {
    const r = await client.send(new sms.DescribeRegistrationFieldValuesCommand({ RegistrationId: id, VersionNumber: version }));
    return Object.fromEntries((r.RegistrationFieldValues ?? []).map((v) => [v.FieldPath!, v.TextValue ?? v.SelectChoices]));
  } finally {
    client.destroy();
  }
}

describe('conditional fields appear and disappear as answers change', () => {
  it('asks the tax fields after PRIVATE_PROFIT, removes them when the answer changes to SOLE_PROPRIETOR', async () => {
    const file = partialAnswers(/businessType|taxId/);
    const t = terminal(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file]);
    // Answers from the file are not asked again: only the optional fields and the missing ones.
    await t.field('companyInfo.address2', '', '\n');
    await t.field('companyInfo.businessType', '', '\n'); // PRIVATE_PROFIT
    await t.field('companyInfo.taxId', '', '12-3456789\n');
    await t.field('companyInfo.taxIdAuthority', '', '\n'); // EIN
    await t.field('companyInfo.taxIdCountry', '', 'US\n');
    await t.field('messageSamples.messageSample2', '', '\n');
    await t.field('messageSamples.messageSample3', '', '\n');
    await t.answer('Submit this registration?', `${DOWN}\n`); // Change an answer
    const id = /Review: (registration-[0-9a-f]+)/.exec(t.stderr.text)![1];
    expect(await fieldValues(id)).toMatchObject({ 'companyInfo.taxId': '12-3456789', 'companyInfo.taxIdAuthority': ['EIN'] });
    await t.answer('Which answer?', `${DOWN.repeat(8)}\n`); // Business type (the 9th field)
    await t.field('companyInfo.businessType', '', `${DOWN.repeat(3)}\n`); // SOLE_PROPRIETOR
    await t.waitFor('removed');
    await t.answer('Submit this registration?', '\n');
    expect(await t.done).toBe(0);
    const values = await fieldValues(id);
    expect(values['companyInfo.businessType']).toEqual(['SOLE_PROPRIETOR']);
    expect(values).not.toHaveProperty('companyInfo.taxId');
    expect(values).not.toHaveProperty('companyInfo.taxIdAuthority');
    expect(values).not.toHaveProperty('companyInfo.taxIdCountry');
  });
});

describe('Ctrl-C and edit', () => {
  it('keeps every accepted answer on Ctrl-C (exit 130) and edit continues where it stopped', async () => {
    const file = partialAnswers(/contactInfo|messageSample1/);
    const home = tempHome();
    const t = terminal(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file], home);
    await t.field('companyInfo.address2', '', '\n');
    await t.field('contactInfo.firstName', '', 'Jane\n');
    await t.field('contactInfo.lastName', '', 'Doe\n');
    await t.field('contactInfo.supportEmail', '', '\x03');
    expect(await t.done).toBe(130);
    expect(t.stderr.text).toContain('progress saved. continue with: eum registration edit registration-');
    const id = /edit (registration-[0-9a-f]+)/.exec(t.stderr.text)![1];
    expect(await fieldValues(id)).toMatchObject({ 'contactInfo.firstName': 'Jane', 'contactInfo.lastName': 'Doe' });

    const e = terminal(['registration', 'edit', id], home);
    await e.field('contactInfo.supportEmail', '', 'support@example.com\n');
    expect(e.stderr.text).not.toContain('contactInfo.firstName;');
    await e.field('contactInfo.supportPhoneNumber', '', '+12065550142\n');
    await e.field('messageSamples.messageSample1', '', 'ExampleCorp: your code is {code}.\n');
    await e.field('messageSamples.messageSample2', '', '\n');
    await e.field('messageSamples.messageSample3', '', '\n');
    await e.answer('Submit this registration?', '\n');
    expect(await e.done).toBe(0);
    expect(e.stdout.text).toMatch(/status\s+SUBMITTED/);
  });
});

describe('update through the prompts', () => {
  it('walks only the fields the reviewer flagged (showing the reason and feedback), copies the rest, submits', async () => {
    const home = tempHome();
    const c = await runEum(
      fastWrites([
        '--endpoint-url',
        sim.endpoint,
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        partialAnswers(/^$/),
        '--associate',
        TOLL_FREE_NUMBER_IDS[7],
        '--submit',
        '--json',
      ]),
      { home },
    );
    const id = JSON.parse(c.stdout).registrationId;
    await fetch(`${sim.endpoint}/_eum/registrations/${id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'DENY',
        reasons: [{ Reason: 'SAMPLE_MISMATCH', ShortDescription: 'Samples do not match the use case.' }],
        fields: { 'messageSamples.messageSample1': { DeniedReason: 'No opt-out language', Feedback: 'add Reply STOP to opt out' } },
      }),
    });
    const t = terminal(['registration', 'update', id], home);
    await t.field('messageSamples.messageSample1', '', '\x15ExampleCorp: your code is {code}. Reply STOP to opt out.\n');
    expect(t.stderr.text).toContain('denied: No opt-out language');
    expect(t.stderr.text).toContain('reviewer: add Reply STOP to opt out');
    expect(t.stderr.text).toContain('copied 24 value(s) from version 1');
    await t.answer('Submit this registration?', '\n');
    expect(await t.done).toBe(0);
    expect(t.stderr.text).not.toContain('companyInfo.companyName;');
    const v2 = await fieldValues(id, 2);
    expect(v2['messageSamples.messageSample1']).toBe('ExampleCorp: your code is {code}. Reply STOP to opt out.');
    expect(v2['companyInfo.companyName']).toBe('ExampleCorp');
    expect(Object.keys(v2)).toHaveLength(24);
  });
});

describe('every registration type in the data, through the prompts (no answers file)', () => {
  const types = (
    fixtures as unknown as { types: Array<{ RegistrationTypeDefinition: { RegistrationType: string }; RegistrationFieldDefinitions: FieldDefinition[] }> }
  ).types;
  it.each(types.map((t) => t.RegistrationTypeDefinition.RegistrationType))('%s', async (type) => {
    const fields = types.find((t) => t.RegistrationTypeDefinition.RegistrationType === type)!.RegistrationFieldDefinitions;
    const doc = YAML.parse(readFileSync(path.join(ANSWERS, `${type}.yaml`), 'utf8')) ?? {};
    const flat = new Map<string, unknown>();
    const walk = (o: Record<string, unknown>, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, `${p}${k}.`);
        else flat.set(`${p}${k}`, v);
      }
    };
    walk(doc, '');
    const home = tempHome();
    const extra: string[] = [];
    if (type === 'US_TEN_DLC_CAMPAIGN_REGISTRATION' || type === 'US_TEN_DLC_BRAND_VETTING') {
      const brand = await runEum(
        fastWrites([
          '--endpoint-url',
          sim.endpoint,
          'registration',
          'create',
          'US_TEN_DLC_BRAND_REGISTRATION',
          '--answers',
          path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml'),
          '--json',
        ]),
        { home },
      );
      extra.push('--associate', JSON.parse(brand.stdout).registrationId);
    }
    const t = terminal(['registration', 'create', type, ...extra], home);
    const asked: string[] = [];
    for (let step = 0; step < 100; step++) {
      // The next thing on screen: a field header "(path; ...)" or the review's question.
      let next: string | undefined;
      for (let i = 0; i < 2000 && !next; i++) {
        const rest = t.stderr.text.slice(t.position());
        const header = /\(([A-Za-z0-9_.]+); /.exec(rest);
        const review = rest.indexOf('Submit this registration?');
        if (review >= 0 && (!header || review < header.index)) next = 'REVIEW';
        else if (header) next = header[1];
        else await new Promise((r) => setTimeout(r, 5));
      }
      expect(next, t.stderr.text.slice(-800)).toBeDefined();
      if (next === 'REVIEW') {
        await t.answer('Submit this registration?', '\n');
        break;
      }
      asked.push(next!);
      const f = fields.find((x) => x.FieldPath === next)!;
      const value = flat.get(next!);
      let keys = '\n';
      if (f.FieldType === 'TEXT' && value !== undefined) keys = `${String(value)}\n`;
      if (f.FieldType === 'ATTACHMENT' && value !== undefined) keys = `${path.join(ANSWERS, String(value))}\n`;
      if (f.FieldType === 'SELECT') {
        const options = f.SelectValidation?.Options ?? [];
        const chosen = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
        if ((f.SelectValidation?.MaxChoices ?? 1) > 1) keys = `${options.map((o) => (chosen.includes(o) ? ' ' : '') + DOWN).join('')}\n`;
        else keys = `${DOWN.repeat(chosen.length ? options.indexOf(chosen[0]) : options.length)}\n`;
      }
      await t.field(next!, '', keys);
    }
    expect(await t.done).toBe(0);
    expect(t.stdout.text).toMatch(/status\s+SUBMITTED/);
    // Section by section, in the definitions' order.
    const sections = types.find((x) => x.RegistrationTypeDefinition.RegistrationType === type)! as unknown as {
      RegistrationSectionDefinitions: SectionDefinition[];
    };
    const order = orderedSections({ registrationType: type, sections: sections.RegistrationSectionDefinitions, fields }).flatMap((s) =>
      s.fields.map((f) => f.FieldPath),
    );
    expect(asked).toEqual(order.filter((p) => asked.includes(p)));
    expect(asked.length).toBeGreaterThanOrEqual([...flat.keys()].length);
  });
});

describe('the walkthrough (issue 12)', () => {
  it('clears a rejected value, warns as the answer is given, shows attachment names, does not default to Submit while warnings stand', async () => {
    const home = tempHome();
    const c = await runEum(
      fastWrites([
        '--endpoint-url',
        sim.endpoint,
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        partialAnswers(/messageSample1/),
        '--json',
      ]),
      { home },
    );
    const id = JSON.parse(c.stdout).registrationId;
    const t = terminal(['registration', 'edit', id], home);
    // Too long: refused; the next value is typed on an empty line (no Ctrl-U needed).
    await t.field('messageSamples.messageSample1', '', `${'x'.repeat(2049)}\n`);
    await t.waitFor('at most 2048 allowed');
    await t.answer('', 'Your sign-in code is {code}. It expires soon.\n');
    // The compliance warning comes with the answer, before the next field.
    await t.waitFor('warning [sample.brand]');
    await t.field('messageSamples.messageSample2', '', '\n');
    await t.field('messageSamples.messageSample3', '', '\n');
    await t.waitFor('Review: ');
    await t.answer('Submit with 1 warning?', '\n');
    // Enter did not submit: it offers to change an answer.
    await t.answer('Which answer?', '\x03');
    expect(await t.done).toBe(130);
    expect(t.stderr.text).toMatch(/Opt-?in image\s+optin\.png|optInImage.*optin\.png|\s+optin\.png\n/i);
    expect(t.stderr.text).not.toContain('0/0');
    expect((await fieldValues(id))['messageSamples.messageSample1']).toBe('Your sign-in code is {code}. It expires soon.');
  });

  it('an optional field skipped once is not asked again by edit', async () => {
    const home = tempHome();
    const file = partialAnswers(/messageSample/);
    const t = terminal(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file], home);
    await t.field('companyInfo.address2', '', '\n');
    await t.field('messageSamples.messageSample1', '', 'ExampleCorp: your sign-in code is {code}.\n');
    await t.field('messageSamples.messageSample2', '', '\n');
    await t.field('messageSamples.messageSample3', '', '\x03');
    expect(await t.done).toBe(130);
    const id = /edit (registration-[0-9a-f]+)/.exec(t.stderr.text)![1];
    const e = terminal(['registration', 'edit', id], home);
    await e.field('messageSamples.messageSample3', '', '\x03');
    expect(await e.done).toBe(130);
    expect(e.stderr.text).not.toContain('messageSamples.messageSample2;');
  });
});

describe('long text in $EDITOR', () => {
  it('":e" opens the editor for a long text field and stores what was written', async () => {
    const home = tempHome();
    const dir = tempDir('eum-editor-');
    const script = path.join(dir, 'editor.sh');
    writeFileSync(script, '#!/bin/sh\nprintf \'ExampleCorp sends one-time sign-in codes to customers who ask for them on example.com.\\n\' > "$1"\n', {
      mode: 0o700,
    });
    const saved = process.env.EDITOR;
    const savedVisual = process.env.VISUAL;
    process.env.EDITOR = script;
    delete process.env.VISUAL;
    try {
      const c = await runEum(
        fastWrites([
          '--endpoint-url',
          sim.endpoint,
          'registration',
          'create',
          'US_TOLL_FREE_REGISTRATION',
          '--answers',
          partialAnswers(/useCaseDetails/),
          '--json',
        ]),
        { home },
      );
      const id = JSON.parse(c.stdout).registrationId;
      const t = terminal(['registration', 'edit', id], home);
      await t.field('messagingUseCase.useCaseDetails', '', ':e\n');
      await t.answer('Press <enter>', '\n');
      await t.field('messageSamples.messageSample2', '', '\x03');
      expect(await t.done).toBe(130);
      expect((await fieldValues(id))['messagingUseCase.useCaseDetails']).toBe(
        'ExampleCorp sends one-time sign-in codes to customers who ask for them on example.com.',
      );
    } finally {
      if (saved === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = saved;
      if (savedVisual !== undefined) process.env.VISUAL = savedVisual;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
