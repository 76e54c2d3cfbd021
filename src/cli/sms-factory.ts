/** Builds the SDK client the context hands out: for AWS, an endpoint, or the built-in simulator. */
import type { Context, SmsFactory } from './context.js';
import { VERSION } from './version.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Dummy credentials for the simulator, which accepts any key. */
export const SIM_CREDENTIALS = { accessKeyId: 'AKIAEUMSIMULATOR', secretAccessKey: 'eum-simulator-accepts-any-key' };

export const defaultSmsFactory: SmsFactory = async (ctx: Context, region: string | undefined, options = {}) => {
  const { createSmsClient } = await import('../aws/client.js');
  const debugLog = ctx.globals.debug ? (line: string) => ctx.log.debug(line) : undefined;
  const userAgent = `eum/${VERSION}`;
  const maxAttempts = options.maxAttempts ?? ctx.globals.maxAttempts;
  const common = { maxAttempts, userAgent, debugLog, connectTimeoutMs: ctx.globals.connectTimeoutMs, readTimeoutMs: ctx.globals.readTimeoutMs, signal: ctx.signal };
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
