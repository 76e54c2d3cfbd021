/**
 * Test hooks: HTTP routes under /_eum/, a path the real API never uses. A domain adds its hooks in
 * its own file with `defineHook` (e.g. `POST /_eum/registrations/:id/review`) and imports that file
 * from hooks/index.ts.
 */
import type { SimConfig } from '../config.js';
import type { SimClock } from '../clock.js';
import type { SimStore } from '../store.js';
import type { RequestLog } from '../request-log.js';

export interface HookContext {
  method: string;
  /** Path parameters (`:id` in the route). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (an empty object when none). */
  body: Record<string, unknown>;
  store: SimStore;
  clock: SimClock;
  config: SimConfig;
  requests: RequestLog;
}

export interface HookResult {
  status?: number;
  body: unknown;
}
export type HookHandler = (ctx: HookContext) => HookResult | Promise<HookResult>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  route: string;
  handler: HookHandler;
}
const routes: Route[] = [];

/** Adds a hook; `route` is like `/_eum/registrations/:id/review`. */
export function defineHook(method: string, route: string, handler: HookHandler): void {
  if (!route.startsWith('/_eum/')) throw new Error(`hook routes live under /_eum/: ${route}`);
  const names: string[] = [];
  const pattern = new RegExp(
    `^${route
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/')}/?$`,
  );
  const existing = routes.findIndex((r) => r.method === method && r.route === route);
  const entry = { method: method.toUpperCase(), pattern, names, route, handler };
  if (existing >= 0) routes[existing] = entry;
  else routes.push(entry);
}

/** The hook for a request, or undefined (404 / 405). */
export function matchHook(method: string, pathname: string): { handler: HookHandler; params: Record<string, string> } | 'method-not-allowed' | undefined {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method.toUpperCase()) continue;
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1]);
    });
    return { handler: r.handler, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

/** Every route, for `GET /_eum/`. */
export function listHooks(): string[] {
  return routes.map((r) => `${r.method} ${r.route}`);
}
