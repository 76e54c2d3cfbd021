// End-to-end: the built binary, as a user's CI runs it (npm run build first).
import { describe, expect, it } from 'vitest';
import { eumSpawn, eumSync } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';

describe('eum feedback, built binary', () => {
  it('the OTP loop with --sim across invocations', () => {
    const home = tempHome();
    const env = { EUM_HOME: home, HOME: home };
    const sent = eumSync(['--sim', 'send', '--to', '+12065550100', '--body', 'Your code is 123456', '--feedback', '--json'], env);
    expect(sent.code).toBe(0);
    const { messageId } = JSON.parse(sent.stdout);
    const put = eumSync(['--sim', 'feedback', 'put', messageId, 'received', '--json'], env);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({ messageId, status: 'RECEIVED' });
    const report = eumSync(['--sim', 'feedback', 'report', '--json'], env);
    expect(JSON.parse(report.stdout).total).toMatchObject({ sent: 1, received: 1, pending: 0, conversionRate: 1 });
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
