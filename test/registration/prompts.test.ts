/** The interactive walkthrough through the real prompts, driven by a fake terminal stdin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fakeBase, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { startStandInSim, type StandInSim } from './stand-in-sim.js';

const ANSWERS = path.resolve('test/registration/answers');
const DOWN = '\x1b[B';
let sim: StandInSim;

beforeAll(async () => {
  sim = await startStandInSim();
});
afterAll(async () => {
  await sim.close();
});

/** Runs eum in a fake terminal; `answer(text, keys)` waits for text on stderr (after the last match), then types. */
function terminal(args: string[], home = tempHome()) {
  const { base, stdin, stderr, stdout } = fakeBase({ tty: true, home, env: { NO_COLOR: '1' } });
  // Like process.stderr, a terminal is not ended when a prompt's output stream (piped into it) ends.
  stderr.end = (() => stderr) as never;
  const done = main(['--endpoint-url', sim.endpoint, ...args], base);
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
    throw new Error(`never saw "${text}" on stderr; requests: ${JSON.stringify(sim.requests.slice(-5))} last output:\n${stderr.text.slice(-1500)}`);
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
    const show = await fetch(`${sim.endpoint}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'PinpointSMSVoiceV2.DescribeRegistrationFieldValues', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ RegistrationId: id }),
    }).then((r) => r.json());
    const paths = show.RegistrationFieldValues.map((v: { FieldPath: string }) => v.FieldPath);
    expect(paths).toContain('companyInfo.businessType');
    expect(paths).not.toContain('companyInfo.taxId');
    expect(paths).toContain('messagingUseCase.optInImage');
    expect(paths).toHaveLength(21);
  });
});
