/** Builds the SDK client the context hands out: for AWS, an endpoint, or the built-in simulator. */
import type { Context, SmsFactory } from './context.js';
import type { LightTarget } from '../aws/light-call.js';
import { VERSION } from './version.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Dummy credentials for the simulator, which accepts any key. */
export const SIM_CREDENTIALS = { accessKeyId: 'AKIAEUMSIMULATOR', secretAccessKey: 'eum-simulator-accepts-any-key' };

export const defaultSmsFactory: SmsFactory = async (ctx: Context, region: string | undefined, options = {}) => {
  const { createSmsClient } = await import('../aws/client.js');
  const debugLog = ctx.globals.debug ? (line: string) => ctx.log.debug(line) : undefined;
  const userAgent = `eum/${VERSION}`;
  const maxAttempts = options.maxAttempts ?? ctx.globals.maxAttempts;
  const common = {
    maxAttempts,
    userAgent,
    debugLog,
    connectTimeoutMs: ctx.globals.connectTimeoutMs,
    readTimeoutMs: ctx.globals.readTimeoutMs,
    signal: ctx.signal,
  };
  if (ctx.globals.sim) {
    const { embeddedSimEndpoint } = await import('./sim-mode.js');
    const endpoint = await embeddedSimEndpoint(ctx);
    return createSmsClient({ ...common, region: region ?? 'us-east-1', endpoint, credentials: SIM_CREDENTIALS });
  }
  const endpoint = ctx.globals.endpointUrl;
  // A loopback endpoint is a simulator: don't send (or require) real credentials there.
  const local = endpoint !== undefined && LOOPBACK.has(new URL(endpoint).hostname) && !ctx.env.AWS_ACCESS_KEY_ID && !ctx.globals.profile;
  return createSmsClient({
    region: region ?? (local ? 'us-east-1' : undefined),
    profile: ctx.globals.profile,
    endpoint,
    credentials: local ? SIM_CREDENTIALS : undefined,
    ...common,
  });
};

/**
 * Where a one-shot call can go without the SDK client (`src/aws/light-call.ts`): the same
 * endpoint, Region and credentials `defaultSmsFactory` would give the client, or undefined when
 * only the SDK can resolve them (credentials from a provider, no Region, FIPS...).
 */
export async function lightTargetFor(ctx: Context, region?: string): Promise<LightTarget | undefined> {
  const [{ lightTarget }, { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS }] = await Promise.all([
    import('../aws/light-call.js'),
    import('../aws/client.js'),
  ]);
  const common = {
    env: ctx.env,
    userAgent: `eum/${VERSION}`,
    maxAttempts: ctx.globals.maxAttempts,
    connectTimeoutMs: ctx.globals.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    readTimeoutMs: ctx.globals.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    signal: ctx.signal,
    debugLog: ctx.globals.debug ? (line: string) => ctx.log.debug(line) : undefined,
  };
  region ??= ctx.globals.region;
  if (ctx.globals.sim) {
    const { embeddedSimEndpoint } = await import('./sim-mode.js');
    return lightTarget({ ...common, region: region ?? 'us-east-1', endpoint: await embeddedSimEndpoint(ctx), credentials: SIM_CREDENTIALS });
  }
  const endpoint = ctx.globals.endpointUrl;
  const local = endpoint !== undefined && LOOPBACK.has(new URL(endpoint).hostname) && !ctx.env.AWS_ACCESS_KEY_ID && !ctx.globals.profile;
  return lightTarget({
    ...common,
    region: region ?? (local ? 'us-east-1' : undefined),
    profile: ctx.globals.profile,
    endpoint,
    credentials: local ? SIM_CREDENTIALS : undefined,
  });
}
