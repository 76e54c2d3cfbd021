/** `eum sim status`: what the simulator holds (the embedded one, or a running one with --endpoint-url). */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { OperationError } from '../../cli/errors.js';
import { embeddedSimStatePath } from '../../cli/sim-mode.js';

/** Calls a test hook of a running simulator. */
export async function simHook(endpoint: string, method: string, hookPath: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(hookPath, endpoint), {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    throw new OperationError(`no simulator answers at ${endpoint}`, {
      code: 'NETWORK',
      hint: 'start one with eum sim start, or drop --endpoint-url to use the embedded one',
      cause: err,
    });
  }
  if (!res.ok) throw new OperationError(`the endpoint ${endpoint} is not an eum simulator (HTTP ${res.status} on ${hookPath})`, { code: 'NOT_A_SIMULATOR' });
  return res.json();
}

export async function runSimStatus(ctx: Context): Promise<CommandResult> {
  let status: Record<string, unknown>;
  let where: string;
  if (ctx.globals.endpointUrl) {
    status = (await simHook(ctx.globals.endpointUrl, 'GET', '/_eum/state')) as Record<string, unknown>;
    where = ctx.globals.endpointUrl;
  } else {
    const { createFileStore, describeState } = await import('../../sim/index.js');
    const file = embeddedSimStatePath(ctx.stateDir);
    status = (await createFileStore(file).transact((s) => describeState(s))) as Record<string, unknown>;
    where = file;
  }
  const data = { source: where, ...status };
  return { data, views: [{ kind: 'text', text: `Simulator state (${where})\n${formatStatus(status)}` }] };
}

/** A readable, indented rendering of the status object. */
function formatStatus(value: unknown, indent = '  '): string {
  if (value === null || typeof value !== 'object') return `${indent}${String(value)}\n`;
  let out = '';
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      out += `${indent}${k}: ${v.length === 0 ? '(none)' : ''}\n`;
      for (const item of v)
        out += `${indent}  - ${
          typeof item === 'object' && item
            ? Object.entries(item)
                .map(([a, b]) => `${a}=${b}`)
                .join(' ')
            : String(item)
        }\n`;
    } else if (v && typeof v === 'object') out += `${indent}${k}:\n${formatStatus(v, `${indent}  `)}`;
    else out += `${indent}${k}: ${String(v)}\n`;
  }
  return out;
}

export function registerSimStatus(parent: Command, app: App): void {
  const cmd = parent
    .command('status')
    .description('show what the simulator holds: origination identities, messages, sender IDs, ...')
    .action(app.action((ctx) => runSimStatus(ctx)));
  app.examples(cmd, [
    ['the embedded simulator used by --sim', 'eum sim status'],
    ['a simulator started with eum sim start', 'eum sim status --endpoint-url http://127.0.0.1:4566 --json'],
  ]);
}
