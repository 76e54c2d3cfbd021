// End-to-end: the built binary, as a user's CI runs it (npm run build first).
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eumSpawn, eumSync } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';

/** Temp dirs of this file, removed after it. */
const scratchDirs: string[] = [];
function scratch(prefix?: string): string {
  const dir = tempHome(prefix);
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('eum feedback, built binary', () => {
  it('the OTP loop with --sim across invocations', () => {
    const home = scratch();
    const env = { EUM_HOME: home, HOME: home };
    const sent = eumSync(['--sim', 'send', '--to', '+12065550100', '--body', 'Your code is 123456', '--feedback', '--json'], env);
    expect(sent.code).toBe(0);
    const { messageId } = JSON.parse(sent.stdout);
    const put = eumSync(['--sim', 'feedback', 'put', messageId, 'received', '--json'], env);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({ messageId, status: 'RECEIVED', region: 'us-east-1', recorded: true, error: null });
    const report = eumSync(['--sim', 'feedback', 'report', '--json'], env);
    expect(JSON.parse(report.stdout).total).toMatchObject({ sent: 1, received: 1, pending: 0, conversionRate: 1 });
  });

  it('two expire processes at once (two CI jobs): every pending message is posted exactly once', async () => {
    const sim = eumSpawn(['sim', 'start', '--port', '0', '--json', '--no-quotas', '--latency', '20']);
    try {
      const { endpoint } = JSON.parse(await sim.firstLine());
      const home = scratch();
      const dir = path.join(home, 'ledger');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const sentMs = Date.now() - 2 * 3_600_000;
      const n = 40;
      const lines = Array.from({ length: n }, (_, i) => `S\tmsg-e2e-${i}\t${sentMs}\tUS\t\t\t1\tus-east-1\t0100\n`).join('');
      writeFileSync(path.join(dir, `endpoint-127.0.0.1-${new URL(endpoint).port}.tsv`), lines, { mode: 0o600 });
      const env = { EUM_HOME: home, HOME: home };
      const args = ['--endpoint-url', endpoint, 'feedback', 'expire', '--concurrency', '1', '--json'];
      const [a, b] = await Promise.all([eumSpawn(args, env).done, eumSpawn(args, env).done]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const bodies = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
      // The ids are unknown to the simulator: each post is refused for good and set aside, once.
      expect(bodies.reduce((sum, x) => sum + x.summary.total, 0)).toBe(n);
      const log = (await (await fetch(new URL('/_eum/requests', endpoint))).json()) as { requests: Array<{ operation: string }> };
      expect(log.requests.filter((r) => r.operation === 'PutMessageFeedback').length).toBe(n);
    } finally {
      sim.child.kill('SIGINT');
      await sim.done;
    }
  });

  it('Ctrl-C (SIGINT) during a bulk run: summary so far, exit 130', async () => {
    const sim = eumSpawn(['sim', 'start', '--port', '0', '--json', '--no-quotas', '--latency', '20']);
    try {
      const { endpoint } = JSON.parse(await sim.firstLine());
      const run = eumSpawn(['--endpoint-url', endpoint, 'feedback', 'put', '--file', '-', '--status', 'RECEIVED', '--concurrency', '2']);
      // stdin stays open: the run must not wait for more lines after Ctrl-C.
      run.child.stdin.write(Array.from({ length: 2000 }, (_, i) => `id-${i}`).join('\n') + '\n');
      await run.firstLine();
      // The test holds stdin open; 'close' needs it ended once eum has exited.
      run.child.on('exit', () => run.child.stdin.destroy());
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code).toBe(130);
      expect(result.stderr).toMatch(/interrupted: posted feedback for \d+: 0 succeeded, \d+ failed/);
      expect(result.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    } finally {
      sim.child.kill('SIGINT');
      await sim.done;
    }
  });
});
