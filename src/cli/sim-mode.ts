/**
 * `--sim`: an in-process simulator per eum invocation, its state in $EUM_HOME/sim/state.json.
 * The file store locks across processes, so parallel eum runs keep each other's changes.
 */
import path from 'node:path';
import type { Context } from './context.js';

/** Path of the embedded simulator's state file. */
export function embeddedSimStatePath(stateDir: string): string {
  return path.join(stateDir, 'sim', 'state.json');
}

/** The embedded simulator's endpoint: the context starts it once per run (`ctx.simEndpoint`). */
export function embeddedSimEndpoint(ctx: Context): Promise<string> {
  return ctx.simEndpoint();
}

/** Starts the embedded simulator on a loopback port and returns its endpoint; stopped when the context is disposed. */
export async function startEmbeddedSim(ctx: Context): Promise<string> {
  const { startSimServer, createFileStore } = await import('../sim/index.js');
  const quotas = ctx.env.EUM_SIM_QUOTAS === '1';
  const server = await startSimServer({
    host: '127.0.0.1',
    port: 0,
    store: createFileStore(embeddedSimStatePath(ctx.stateDir)),
    config: { quotas, quotaScale: 1, failRate: 0, throttleRate: 0 },
  });
  ctx.onDispose(() => server.close());
  ctx.log.debug(`embedded simulator at ${server.endpoint}`);
  return server.endpoint;
}
