import { describe, expect, it } from 'vitest';
import { parseProgramDocument } from '../../src/core/program/document.js';
import { planProgram, type RegionSnapshot } from '../../src/core/program/plan.js';
import { phoneNumberProblem } from '../../src/core/protect/phone.js';
import { loadCountryCatalog } from '../../src/runtime/country-catalog.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const mask = (n: string) => `+***${n.slice(-4)}`;

async function plan(doc: string, snap: Partial<RegionSnapshot>, prune = false) {
  const catalog = await loadCountryCatalog();
  const desired = parseProgramDocument(doc, { catalog, nowMs: NOW, phoneProblem: phoneNumberProblem });
  const full: RegionSnapshot = { region: 'us-east-1', numbers: [], pools: [], optOutLists: ['Default'], configurationSets: [], spendOverrides: {}, ...snap };
  return planProgram([full], desired, { prune, serviceCountries: catalog.service, mask });
}

const number = (n: string, extra: Partial<RegionSnapshot['numbers'][number]> = {}): RegionSnapshot['numbers'][number] => ({
  id: `phone-${n.slice(-4)}`,
  arn: `arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-${n.slice(-4)}`,
  number: n,
  numberType: 'TOLL_FREE',
  status: 'ACTIVE',
  registrationId: null,
  twoWay: null,
  selfManagedOptOuts: false,
  optOutList: 'Default',
  deletionProtection: false,
  internationalSending: null,
  poolId: null,
  keywords: [
    { keyword: 'HELP', message: 'help', action: 'AUTOMATIC_RESPONSE' },
    { keyword: 'STOP', message: 'stop', action: 'OPT_OUT' },
  ],
  ...extra,
});

describe('planProgram', () => {
  it('a keyword after its number, a pool before its members, lists first', async () => {
    const p = await plan(
      'version: 1\nregions:\n  us-east-1:\n    optOutLists: [m]\n    phoneNumbers:\n      "+18335550100": { optOutList: m, keywords: { INFO: { message: hi } } }\n      "+18335550101": {}\n    pools:\n      p: { identities: ["+18335550100", "+18335550101"] }\n',
      { numbers: [number('+18335550100'), number('+18335550101')] },
    );
    expect(p.blockers).toEqual([]);
    expect(p.calls.map((c) => c.op)).toEqual(['CreateOptOutList', 'UpdatePhoneNumber', 'CreatePool', 'PutKeyword', 'AssociateOriginationIdentity']);
  });

  it('blockers: a number not in the account, a 10DLC number without its campaign, a Name tag two pools have', async () => {
    const p = await plan(
      'version: 1\nregions:\n  us-east-1:\n    phoneNumbers:\n      "+12065550123": {}\n      "+12065550124": {}\n    pools:\n      twin: { identities: ["+12065550124"] }\n',
      {
        numbers: [number('+12065550124', { numberType: 'TEN_DLC' })],
        pools: [
          {
            id: 'pool-1',
            arn: 'a1',
            name: 'twin',
            messageType: 'TRANSACTIONAL',
            twoWay: null,
            selfManagedOptOuts: false,
            optOutList: 'Default',
            sharedRoutes: false,
            deletionProtection: false,
            members: [],
          },
          {
            id: 'pool-2',
            arn: 'a2',
            name: 'twin',
            messageType: 'TRANSACTIONAL',
            twoWay: null,
            selfManagedOptOuts: false,
            optOutList: 'Default',
            sharedRoutes: false,
            deletionProtection: false,
            members: [],
          },
        ],
      },
    );
    expect(p.blockers.join('\n')).toMatch(/\+\*\*\*0123 is not in the account/);
    expect(p.blockers.join('\n')).toMatch(/10DLC number without its campaign/);
    expect(p.blockers.join('\n')).toMatch(/2 pools have this Name tag/);
  });

  it('a keyword added by hand is a removal; HELP and STOP left out are left alone', async () => {
    const n = number('+18335550100');
    n.keywords!.push({ keyword: 'PROMO', message: 'by hand', action: 'AUTOMATIC_RESPONSE' });
    const p = await plan('version: 1\nregions:\n  us-east-1:\n    phoneNumbers:\n      "+18335550100": { keywords: {} }\n', { numbers: [n] });
    expect(p.calls.map((c) => (c.op === 'DeleteKeyword' ? `${c.op} ${c.keyword}` : c.op))).toEqual(['DeleteKeyword PROMO']);
    expect(p.resources[0].changes).toEqual([{ field: 'keyword PROMO', from: { message: 'by hand', action: 'AUTOMATIC_RESPONSE' } }]);
  });

  it('deletions only with --prune, never of a deletion-protected pool; numbers are never released', async () => {
    const pool = {
      id: 'pool-1',
      arn: 'a1',
      name: 'old',
      messageType: 'TRANSACTIONAL',
      twoWay: null,
      selfManagedOptOuts: false,
      optOutList: 'Default',
      sharedRoutes: false,
      deletionProtection: true,
      members: [],
    };
    const doc = 'version: 1\nregions:\n  us-east-1:\n    phoneNumbers: {}\n    pools: {}\n    configurationSets: {}\n';
    const snap = {
      numbers: [number('+18335550100')],
      pools: [pool],
      configurationSets: [{ name: 'gone', defaultSenderId: null, defaultMessageType: null, feedback: false, destinations: [] }],
    };
    const keep = await plan(doc, snap);
    expect(keep.calls).toEqual([]);
    expect(keep.unmanaged.join('\n')).toMatch(/pool old/);
    const pruned = await plan(doc, snap, true);
    expect(pruned.calls.map((c) => c.op)).toEqual(['DeleteConfigurationSet']);
    expect(pruned.blockers.join('\n')).toMatch(/pool old: deletion protection is on/);
    expect(pruned.unmanaged.join('\n')).toMatch(/never released/);
  });

  it('an expired Protect override is reported as expired, not planned', async () => {
    const doc =
      'version: 1\nregions:\n  us-east-1:\n    protect:\n      configurations:\n        g:\n          overrides:\n            - { number: "+12065550100", action: allow, expires: "2026-01-01T00:00:00Z" }\n';
    const p = await plan(doc, { protect: { configurations: [], configurationSetNames: [] } });
    expect(p.expired).toEqual(['us-east-1: g override +***0100 ALLOW until 2026-01-01T00:00:00.000Z']);
    expect(p.calls.map((c) => (c.op === 'Protect' ? c.call.op : c.op))).toEqual(['CreateProtectConfiguration']);
  });

  it('Regions the document does not name are not planned', async () => {
    const p = await plan('version: 1\nregions:\n  eu-west-2: {}\n', {});
    expect(p.blockers).toEqual(['eu-west-2: not read']);
  });
});
