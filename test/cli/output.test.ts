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
    expect(out).toBe('GB\tcreated\t2026-11-23T10:00:00.000Z\nDE\texists now\t\n');
  });

  it('renders key/value blocks for both ends', async () => {
    const kv: View = { kind: 'kv', pairs: [['messageId', 'abc'], ['parts', 1]] };
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
