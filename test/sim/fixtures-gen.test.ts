// The committed fixtures are what the generators make from the vendored inputs under data/
// (refreshed with scripts/refresh-data.mjs --from DIR).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { allCountries, countryFacts, senderIdProblems } from '../../src/core/countries.js';
import { model } from '../../src/sim/model.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const data = path.join(root, 'data');

test.each([
  ['scripts/gen-model.mjs', 'fixtures/model/constraints.json', '--models', 'aws-models'],
  ['scripts/gen-countries.mjs', 'fixtures/countries/countries.json', '--data', 'country-data'],
  ['scripts/gen-registration-fixtures.mjs', 'fixtures/registration/types.json', '--data', 'registration-data'],
])('%s regenerates %s unchanged', async (script, fixture, flag, dataDir) => {
  const committed = readFileSync(path.join(root, fixture), 'utf8');
  expect(JSON.parse(committed)._note).toBeTruthy();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'eum-gen-'));
  try {
    const out = path.join(tmp, 'out.json');
    await run(process.execPath, [path.join(root, script), flag, path.join(data, dataDir), '--out', out, '--quiet']);
    expect(readFileSync(out, 'utf8')).toBe(committed);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the model fixture covers the service', () => {
  expect(Object.keys(model.operations)).toHaveLength(110);
  expect(model.operations.SendTextMessage).toMatchObject({ input: 'SendTextMessageRequest', output: 'SendTextMessageResult' });
  expect(model.operations.DescribeSenderIds.pagination).toEqual({
    inputToken: 'NextToken',
    outputToken: 'NextToken',
    limitKey: 'MaxResults',
    resultKey: 'SenderIds',
  });
  expect(model.shapes.PutMessageFeedbackRequest.members).toEqual({
    MessageId: { shape: 'MessageId', required: true },
    MessageFeedbackStatus: { shape: 'MessageFeedbackStatus', required: true },
  });
  // the November 2026 additions
  expect(model.operations.ListAvailablePhoneNumbers).toMatchObject({ input: 'ListAvailablePhoneNumbersRequest' });
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
