import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runEum, tempHome } from '../helpers/streams.js';
import { startSilentServer, type FaultServer } from '../helpers/faults.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function silent(mode: 'silent' | 'headers') {
  const s = await startSilentServer(mode);
  cleanup.push(() => s.close());
  return s;
}
function home(): string {
  const h = tempHome();
  cleanup.push(() => rmSync(h, { recursive: true, force: true }));
  return h;
}

describe('HTTP timeouts', () => {
  it('account show against a server that never answers times out, names the endpoint, exit 1', async () => {
    const s: FaultServer & { requests: number } = await silent('silent');
    const r = await runEum(['--endpoint-url', s.endpoint, '--cli-read-timeout', '0.3', '--max-attempts', '2', 'account', 'show', '--json'], { home: home() });
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain(`timed out waiting for ${s.endpoint}`);
    expect(err.message).toContain('0.3 s');
    // A read is idempotent: tried again, as many times as --max-attempts says.
    expect(s.requests).toBe(2);
  });

  it('a server that sends headers and stalls times out the same way (EUM_READ_TIMEOUT)', async () => {
    const s = await silent('headers');
    const r = await runEum(['--endpoint-url', s.endpoint, '--max-attempts', '1', 'account', 'show'], { home: home(), env: { EUM_READ_TIMEOUT: '0.3' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`timed out waiting for ${s.endpoint}`);
    expect(s.requests).toBe(1);
  });

  it('bad timeout values are usage errors, nothing sent', async () => {
    const s = await silent('silent');
    for (const v of ['-1', 'soon', '1e300']) {
      const r = await runEum(['--endpoint-url', s.endpoint, '--cli-connect-timeout', v, 'account', 'show'], { home: home() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--cli-connect-timeout must be seconds from 0');
    }
    const env = await runEum(['--endpoint-url', s.endpoint, 'account', 'show'], { home: home(), env: { EUM_READ_TIMEOUT: 'x' } });
    expect(env.code).toBe(2);
    expect(s.requests).toBe(0);
  });
});
