import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = () => ['--endpoint-url', sim.endpoint];

function csv(home: string, text: string, name = 'r.csv'): string {
  const f = path.join(home, name);
  writeFileSync(f, text);
  return f;
}

/** How many messages each destination received (the simulator's handsets). */
async function received(from: string): Promise<Map<string, number>> {
  const res = await fetch(new URL(`/_eum/messages?from=${encodeURIComponent(from)}&limit=10000`, sim.endpoint));
  const body = (await res.json()) as { messages?: Array<{ to?: string; destinationPhoneNumber?: string }> } | Array<{ to?: string; destinationPhoneNumber?: string }>;
  const list = Array.isArray(body) ? body : (body.messages ?? []);
  const out = new Map<string, number>();
  for (const m of list) {
    const to = m.destinationPhoneNumber ?? m.to ?? '';
    out.set(to, (out.get(to) ?? 0) + 1);
  }
  return out;
}

describe('eum send --to-file', () => {
  it('sends one message per row with the template filled, --json shape', async () => {
    const home = tempHome();
    const f = csv(home, 'phone,name\n+12065550142,Ana\n+12065550143,"Bo, Jr."\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--json'], { home });
    expect(r.stderr).toContain('Plan for');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results).toEqual([
      { row: 1, to: '+12065550142', messageId: expect.any(String), status: 'sent', originationIdentity: '+18335550100', parts: 1, error: null },
      { row: 2, to: '+12065550143', messageId: expect.any(String), status: 'sent', originationIdentity: '+18335550100', parts: 1, error: null },
    ]);
    expect(out.summary).toMatchObject({ rows: 2, sent: 2, failed: 0, unknown: 0 });
  });
});
