// End-to-end: the built binary (npm run build first) against `eum sim start` with its default
// quotas, as a user's CI runs it; Ctrl-C (SIGINT) in the middle, then the same command again.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EUM_BIN, eumEnv, eumSpawn } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';

describe('eum sender-id bulk, built binary', () => {
  it('SIGINT: the summary so far and exit 130; the rerun finishes, nothing created twice', async () => {
    const sim = eumSpawn(['sim', 'start', '--port', '0', '--json', '--quota-scale', '5']);
    try {
      const { endpoint } = JSON.parse(await sim.firstLine());
      const home = tempHome();
      const args = ['--endpoint-url', endpoint, 'sender-id', 'bulk', '--sender-id', 'SIGCO', '--countries', 'DE,FR,IT,NL,PL,SE,CH,PT,NO,DK', '--rate', '5'];
      const first = eumSpawn(args, { EUM_HOME: home });
      // Ctrl-C once the first sender ID exists (however slow the machine is to start eum).
      const created = async () =>
        ((await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; status: number }> }).requests.filter(
          (r) => r.operation === 'RequestSenderId' && r.status === 200,
        ).length;
      while ((await created()) < 1) await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGINT');
      const partial = await first.done;
      expect(partial.code).toBe(130);
      const done = partial.stdout.split('\n').filter((l) => l.split('\t')[2] === 'created').length;
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(10);
      expect(partial.stderr).toContain('run the same command again to finish');

      const second = eumSpawn([...args, '--json'], { EUM_HOME: home });
      const rest = await second.done;
      expect(rest.code).toBe(0);
      // The rerun reports what it did: those the first run created exist now.
      const summary = JSON.parse(rest.stdout).summary;
      expect(summary).toMatchObject({ total: 10, failed: 0, unknown: 0 });
      expect(summary.created + summary.exists).toBe(10);
      expect(summary.exists).toBeGreaterThanOrEqual(done);
      const log = (await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; status: number }> };
      expect(log.requests.filter((r) => r.operation === 'RequestSenderId' && r.status === 200)).toHaveLength(10);
      expect(log.requests.filter((r) => r.status === 400 && r.operation === 'RequestSenderId')).toHaveLength(0);
    } finally {
      sim.child.kill('SIGINT');
      await sim.done;
    }
  });

  it('yes DE | eum sender-id bulk --countries - ends at the limit: exit 2, the limit named', () => {
    const r = spawnSync(
      'sh',
      ['-c', `yes DE | "${process.execPath}" "${EUM_BIN}" --endpoint-url http://127.0.0.1:9 sender-id bulk --sender-id YESCO --countries -`],
      { env: eumEnv(), encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('stdin is larger than 64 KiB');
  });
});
