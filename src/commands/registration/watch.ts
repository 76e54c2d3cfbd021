/**
 * `eum registration watch <ID>`: polls until the review ends (the SDK and the AWS CLI have no
 * waiter for this), printing each status change. Exit 0 on COMPLETE; 1 on REQUIRES_UPDATES,
 * DENIED, CLOSED or --timeout; 130 on Ctrl-C. `--json`: one JSON event per line, as it happens.
 */
import type { Command } from 'commander';
import { DURATION_HINT, parseDuration } from '../../core/duration.js';
import type { App } from '../../cli/program.js';
import { escapeControls } from '../../core/escape.js';
import type { Context } from '../../cli/context.js';
import type { CommandResult } from '../../cli/output.js';
import { flag, shown } from '../../cli/options.js';
import { parseIdAndFlags } from './flags.js';

export interface RegistrationWatchOptions {
  id: string;
  intervalMs: number;
  timeoutMs?: number;
}

/** One line of `--json` output. */
export interface RegistrationWatchEvent {
  registrationId: string;
  /** The registration's status; `TIMEOUT` when --timeout ends the watch. */
  status: string;
  versionNumber: number;
  versionStatus?: string;
  time: string;
  deniedReasons?: Array<{ reason: string; shortDescription: string }>;
  feedback?: string;
}

const FINAL_OK = new Set(['COMPLETE']);
const FINAL_BAD = new Set(['REQUIRES_UPDATES', 'DENIED', 'CLOSED', 'DELETED']);

/** The flags of `registration watch`, each with its type and check. */
const watchFlags = {
  interval: flag((raw, problem) => {
    const ms = parseDuration(String(raw ?? '60s'));
    if (ms === undefined || ms < 10) problem(`must be a duration of at least 10ms, ${DURATION_HINT}; got "${shown(raw)}"`);
    return ms;
  }),
  timeout: flag((raw, problem) => {
    if (raw === undefined) return undefined;
    const ms = parseDuration(String(raw));
    if (ms === undefined || ms <= 0) problem(`must be a duration, ${DURATION_HINT}; got "${shown(raw)}"`);
    return ms;
  }),
};

export function parseRegistrationWatchOptions(args: unknown[], opts: Record<string, unknown>): RegistrationWatchOptions {
  const { id, interval, timeout } = parseIdAndFlags(args, opts, watchFlags);
  return { id, intervalMs: interval ?? 60_000, timeoutMs: timeout };
}

export async function runRegistrationWatch(ctx: Context, options: RegistrationWatchOptions): Promise<CommandResult<undefined>> {
  const { describeRegistration, describeRegistrationVersion } = await import('../../aws/registrations.js');
  const client = await ctx.sms();
  const started = ctx.clock.now().getTime();
  let last = '';
  const emit = (e: RegistrationWatchEvent) => {
    if (ctx.globals.json) {
      // One line per event, filtered by --query.
      ctx.writeJson(e, { lines: true });
      return;
    }
    const line = `${e.time}  ${e.registrationId}  ${e.status}${e.versionStatus ? ` (version ${e.versionNumber} ${e.versionStatus})` : ''}`;
    ctx.stdout.write(`${escapeControls(line)}\n`);
    for (const d of e.deniedReasons ?? []) ctx.stdout.write(`    denied: ${escapeControls(`${d.reason}: ${d.shortDescription}`)}\n`);
    if (e.feedback) ctx.stdout.write(`    feedback: ${escapeControls(e.feedback)}\n`);
  };
  for (;;) {
    const r = await describeRegistration(client, options.id);
    const status = r?.status || 'UNKNOWN';
    const versionNumber = r?.currentVersionNumber ?? 0;
    const v = await describeRegistrationVersion(client, options.id, versionNumber);
    // The registration status decides a change (the version is read by a second call, a moment later).
    const key = `${status}/${versionNumber}`;
    if (key !== last) {
      last = key;
      emit({
        registrationId: r?.registrationId || options.id,
        status,
        versionNumber,
        versionStatus: v?.status || undefined,
        time: ctx.clock.now().toISOString(),
        deniedReasons: v?.deniedReasons.length ? v.deniedReasons.map((d) => ({ reason: d.reason, shortDescription: d.shortDescription })) : undefined,
        feedback: v?.feedback,
      });
    }
    if (FINAL_OK.has(status)) return { data: undefined, exitCode: 0 };
    if (FINAL_BAD.has(status))
      return { data: undefined, notes: status === 'REQUIRES_UPDATES' ? [`answer it: eum registration update ${options.id}`] : [], exitCode: 1 };
    const elapsed = ctx.clock.now().getTime() - started;
    if (options.timeoutMs !== undefined && elapsed >= options.timeoutMs) {
      emit({ registrationId: options.id, status: 'TIMEOUT', versionNumber, time: ctx.clock.now().toISOString() });
      return { data: undefined, notes: [`still ${status} after ${Math.round(elapsed / 1000)}s (--timeout)`], exitCode: 1 };
    }
    const wait = options.timeoutMs !== undefined ? Math.min(options.intervalMs, options.timeoutMs - elapsed) : options.intervalMs;
    await ctx.clock.sleep(wait, ctx.signal);
    if (ctx.signal.aborted) return { data: undefined, exitCode: 130 };
  }
}

export function registerRegistrationWatch(parent: Command, app: App): void {
  const cmd = parent
    .command('watch <id>')
    .description("follow a registration's review, printing each status change (exit 0 on COMPLETE, 1 on REQUIRES_UPDATES, DENIED or CLOSED)")
    .option('--interval <duration>', 'time between checks (e.g. 30s, 5m)', '60s')
    .option('--timeout <duration>', 'give up after this long (exit 1)')
    .action(app.action((ctx, { args, opts }) => runRegistrationWatch(ctx, parseRegistrationWatchOptions(args, opts)), { interruptible: true }));
  app.examples(cmd, [
    ['wait for the reviewer', 'eum registration watch registration-0123456789abcdef0123456789abcdef'],
    ['in CI: one JSON event per change, give up after two hours', 'eum registration watch registration-0123... --interval 5m --timeout 2h --json'],
  ]);
}
