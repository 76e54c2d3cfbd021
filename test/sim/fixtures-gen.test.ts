// The committed fixtures are what the generators make from ../shared (when it is there; CI always
// has it beside the clone, and then this must hold).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { allCountries, countryFacts, senderIdProblems } from '../../src/core/countries.js';
import { model } from '../../src/sim/model.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const shared = path.resolve(root, '..', 'shared');
const haveShared = existsSync(path.join(shared, 'aws-models')) && existsSync(path.join(shared, 'country-data'));

test.each([
  ['scripts/gen-model.mjs', 'fixtures/model/constraints.json', '--models', 'aws-models'],
  ['scripts/gen-countries.mjs', 'fixtures/countries/countries.json', '--data', 'country-data'],
])('%s regenerates %s unchanged', async (script, fixture, flag, sharedDir) => {
  const committed = readFileSync(path.join(root, fixture), 'utf8');
  expect(JSON.parse(committed)._note).toBeTruthy();
  if (!haveShared) {
    // Locally without ../shared only the committed file is checked; CI always has ../shared.
    expect(process.env.CI, `${shared} is missing`).toBeFalsy();
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'eum-gen-'));
  try {
    const out = path.join(tmp, 'out.json');
    await run(process.execPath, [path.join(root, script), flag, path.join(shared, sharedDir), '--out', out, '--quiet']);
    expect(readFileSync(out, 'utf8')).toBe(committed);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the model fixture covers the service', () => {
  expect(Object.keys(model.operations)).toHaveLength(109);
  expect(model.operations.SendTextMessage).toMatchObject({ input: 'SendTextMessageRequest', output: 'SendTextMessageResult' });
  expect(model.operations.DescribeSenderIds.pagination).toEqual({ inputToken: 'NextToken', outputToken: 'NextToken', limitKey: 'MaxResults', resultKey: 'SenderIds' });
  expect(model.shapes.PutMessageFeedbackRequest.members).toEqual({
    MessageId: { shape: 'MessageId', required: true },
    MessageFeedbackStatus: { shape: 'MessageFeedbackStatus', required: true },
  });
  // the SDK-only additions are merged in
  expect(model.shapes.RegistrationFieldDefinition.members!.ConditionalBehavior).toEqual({ shape: 'ConditionalBehavior' });
});

test('country facts', () => {
  expect(allCountries().length).toBeGreaterThan(200);
  expect(countryFacts('de')).toMatchObject({ name: 'Germany', senderId: 'yes', priceSource: 'synthetic', sharedRoute: true });
  expect(countryFacts('GB')!.senderId).toBe('registration');
  expect(countryFacts('US')).toMatchObject({ senderId: 'no', sharedRoute: false });
  // conflicting sources: registration wins
  expect(countryFacts('AT')).toMatchObject({ senderId: 'registration', senderIdAsListed: { table: 'yes', regionPage: 'registration' } });
  expect(countryFacts('DE')!.monthlySenderIdPrice).toBe('3.34'); // derived from the ISO code
  expect(countryFacts('XX')).toBeUndefined();
  expect(senderIdProblems('Brand')).toEqual([]);
  expect(senderIdProblems('My-Brand', 'FR')).toEqual(['may not contain a dash in France']);
  expect(senderIdProblems('12345')).toEqual(['must contain at least one letter']);
});
