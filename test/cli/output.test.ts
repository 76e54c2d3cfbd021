// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these tests look for control characters in the output
import { describe, expect, it } from 'vitest';
import { renderView, type View } from '../../src/cli/output.js';
import { colorAllowed, resolveStateDir } from '../../src/cli/context.js';

const table: View = {
  kind: 'table',
  columns: [
    { key: 'country', header: 'Country' },
    { key: 'status', header: 'Status' },
    { key: 'at', header: 'At' },
  ],
  rows: [
    { country: 'GB', status: 'created', at: new Date('2026-11-23T10:00:00Z') },
    { country: 'DE', status: 'exists\tnow', at: null },
  ],
};

describe('output layer', () => {
  it('draws a table on a terminal', async () => {
    const out = await renderView(table, { tty: true, color: false });
    expect(out).toContain('Country');
    expect(out).toContain('┌');
    expect(out).toContain('GB');
  });

  it('prints tab-separated rows without header or colour when piped, ISO times', async () => {
    const out = await renderView(table, { tty: false, color: true });
    // A tab inside a cell is escaped, so the columns stay where `cut` expects them.
    expect(out).toBe('GB\tcreated\t2026-11-23T10:00:00.000Z\nDE\texists\\tnow\t\n');
  });

  it('renders key/value blocks for both ends', async () => {
    const kv: View = {
      kind: 'kv',
      pairs: [
        ['messageId', 'abc'],
        ['parts', 1],
      ],
    };
    expect(await renderView(kv, { tty: false, color: false })).toBe('messageId\tabc\nparts\t1\n');
    expect(await renderView(kv, { tty: true, color: false })).toBe('messageId  abc\nparts      1\n');
  });

  it('uses colour only on a terminal and when allowed', () => {
    expect(colorAllowed({ write: () => true, isTTY: true }, { color: true }, {})).toBe(true);
    expect(colorAllowed({ write: () => true, isTTY: false }, { color: true }, {})).toBe(false);
    expect(colorAllowed({ write: () => true, isTTY: true }, { color: false }, {})).toBe(false);
    expect(colorAllowed({ write: () => true, isTTY: true }, { color: true }, { NO_COLOR: '1' })).toBe(false);
  });

  it('puts state in EUM_HOME, else the XDG state directory', () => {
    expect(resolveStateDir({ EUM_HOME: '/x/eum' })).toBe('/x/eum');
    expect(resolveStateDir({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/eum');
    expect(resolveStateDir({ HOME: '/h' })).toBe('/h/.local/state/eum');
  });
});

describe('control characters and width', () => {
  const hostile = 'ok\u001b]0;pwned\u0007\u001b[2Jdone\r\nnext\u009b31m\u202egnp.exe';

  it('escapes ANSI/OSC sequences, C0 and C1 controls and bidi overrides', async () => {
    const { escapeControls } = await import('../../src/core/escape.js');
    expect(escapeControls(hostile)).toBe('ok\\e]0;pwned\\x07\\e[2Jdone\\r\\nnext\\x9b31m\\u202egnp.exe');
    expect(escapeControls('two\nlines\tok', { keepLines: true })).toBe('two\nlines\tok');
    expect(escapeControls('\u001b[31mred\u001b[39m\u001b[2J', { keepColor: true })).toBe('\u001b[31mred\u001b[39m\\e[2J');
    expect(escapeControls('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓');
  });

  it('keeps piped rows one line per item whatever the text', async () => {
    const view: View = {
      kind: 'table',
      columns: [
        { key: 'id', header: 'Id' },
        { key: 'error', header: 'Error' },
      ],
      rows: Array.from({ length: 3 }, (_, i) => ({ id: `m${i}`, error: `line one\nline two ${hostile}` })),
    };
    const out = await renderView(view, { tty: false, color: false });
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('m0\tline one\\nline two ok\\e]0;pwned');
  });

  it('escapes terminal tables, key/value blocks and text views', async () => {
    const table: View = { kind: 'table', columns: [{ key: 'a', header: 'A' }], rows: [{ a: hostile }] };
    const kv: View = { kind: 'kv', pairs: [['name', hostile]] };
    const text: View = { kind: 'text', text: `first\n${hostile}` };
    for (const view of [table, kv, text]) {
      const out = await renderView(view, { tty: true, color: false, width: 200 });
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(out).toContain('\\e]0;pwned');
    }
  });

  it('fits tables to the terminal width, wrapping or cutting long cells, no rule between rows', async () => {
    const long = 'word '.repeat(60).trim();
    const view: View = {
      kind: 'table',
      columns: [
        { key: 'id', header: 'SenderId' },
        { key: 'country', header: 'Country' },
        { key: 'text', header: 'Description' },
        { key: 'arn', header: 'Arn' },
      ],
      rows: [
        { id: 'ACME', country: 'GB', text: long, arn: `arn:aws:sms-voice:us-east-1:123456789012:sender-id/${'X'.repeat(80)}` },
        { id: 'ACME', country: 'DE', text: 'short', arn: 'arn' },
      ],
    };
    const out = await renderView(view, { tty: true, color: false, width: 100 });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    // one rule under the header, none between rows
    expect(lines.filter((l) => l.startsWith('├'))).toHaveLength(1);
    expect(out).toContain('word word');
    // a narrow table is drawn as it is
    const small = await renderView(
      { kind: 'table', columns: [{ key: 'a', header: 'A' }], rows: [{ a: 'x' }, { a: 'y' }] },
      { tty: true, color: false, width: 100 },
    );
    expect(small).toBe('┌───┐\n│ A │\n├───┤\n│ x │\n│ y │\n└───┘\n');
  });

  it('wraps cells at spaces, then after separators, and splits only what is left', async () => {
    const { wrapCell } = await import('../../src/cli/output.js');
    expect(wrapCell('needs registration in GB', 12)).toBe('needs\nregistration\nin GB');
    expect(wrapCell('transactional,promotional', 16)).toBe('transactional,\npromotional');
    expect(wrapCell('arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACME/DE', 20)).toBe('arn:aws:sms-voice:\nus-east-1:\n123456789012:\nsender-id/ACME/DE');
    expect(wrapCell('campaignInfo.campaignName', 20)).toBe('campaignInfo.\ncampaignName');
    expect(wrapCell('x'.repeat(25), 10)).toBe(`${'x'.repeat(10)}\n${'x'.repeat(10)}\n${'x'.repeat(5)}`);
    // nothing is lost
    const id = 'registration-0123456789abcdef0123456789abcdef';
    expect(wrapCell(id, 12).replace(/\n/g, '')).toBe(id);
  });

  it('computes column widths that give way from the widest', async () => {
    const { fitColumns } = await import('../../src/cli/output.js');
    expect(fitColumns([['a', 'b']], 80)).toBeUndefined();
    const widths = fitColumns([['id', 'x'.repeat(200)]], 50)!;
    expect(widths[0]).toBe(4);
    expect(widths.reduce((a, b) => a + b, 0) + 3).toBe(50);
  });
});
