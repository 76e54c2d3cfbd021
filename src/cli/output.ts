/**
 * The one layer that renders command results.
 *
 * - `--json`: the result's `data`, a documented camelCase shape, pretty-printed on stdout.
 * - stdout is a terminal: tables (cli-table3) and key/value blocks, with colour when allowed.
 * - stdout is piped: tab-separated lines, no header, no colour, ISO times, so `cut`/`awk` work.
 */
import { Chalk } from 'chalk';
import type { Context } from './context.js';

export interface Column {
  /** Key in each row object. */
  key: string;
  /** Header on a terminal. */
  header: string;
  align?: 'left' | 'right';
  /** Formats the value for a terminal only (piped output keeps the plain value). */
  format?: (value: unknown, row: Record<string, unknown>) => string;
}

export type View =
  | { kind: 'table'; columns: Column[]; rows: Record<string, unknown>[]; title?: string; empty?: string }
  | { kind: 'kv'; pairs: Array<[string, unknown]>; title?: string }
  | { kind: 'text'; text: string }
  /** A rendering of its own (e.g. bars); `plain` is used when stdout is piped. */
  | { kind: 'custom'; tty: (style: InstanceType<typeof Chalk>, width: number) => string; plain: () => string };

/** What a command returns: data for --json, views for humans, and an exit code. */
export interface CommandResult<T = unknown> {
  data: T;
  views?: View[];
  /** Lines for stderr after the views (summaries, hints); hidden by --quiet. */
  notes?: string[];
  /** 0 unless given. */
  exitCode?: number;
}

/** Plain text of a value in piped output and tables. */
export function plainValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plainValue).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function tsvCell(v: unknown): string {
  return plainValue(v).replace(/[\t\n\r]/g, ' ');
}

/** Renders one view as a string for stdout. */
export async function renderView(view: View, opts: { tty: boolean; color: boolean; width?: number }): Promise<string> {
  const style = new Chalk({ level: opts.color ? 1 : 0 });
  switch (view.kind) {
    case 'text':
      return view.text.endsWith('\n') || view.text === '' ? view.text : `${view.text}\n`;
    case 'custom':
      return ensureNl(opts.tty ? view.tty(style, opts.width ?? 80) : view.plain());
    case 'kv': {
      if (!opts.tty) return view.pairs.map(([k, v]) => `${k}\t${tsvCell(v)}\n`).join('');
      const width = Math.max(0, ...view.pairs.map(([k]) => k.length));
      const title = view.title ? `${style.bold(view.title)}\n` : '';
      return title + view.pairs.map(([k, v]) => `${style.dim(k.padEnd(width))}  ${plainValue(v)}\n`).join('');
    }
    case 'table': {
      if (!opts.tty) return view.rows.map((r) => view.columns.map((c) => tsvCell(r[c.key])).join('\t') + '\n').join('');
      if (view.rows.length === 0) return view.empty ? `${view.empty}\n` : '';
      // Loaded only when a table is drawn, to keep start-up fast.
      const { default: Table } = await import('cli-table3');
      const table = new Table({
        head: view.columns.map((c) => c.header),
        colAligns: view.columns.map((c) => c.align ?? 'left'),
        style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
      });
      for (const r of view.rows) table.push(view.columns.map((c) => (c.format ? c.format(r[c.key], r) : plainValue(r[c.key]))));
      const title = view.title ? `${style.bold(view.title)}\n` : '';
      return `${title}${table.toString()}\n`;
    }
  }
}

function ensureNl(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}

/** Writes a result to the context's streams. */
export async function renderResult(ctx: Context, result: CommandResult): Promise<void> {
  if (ctx.globals.json) {
    // A command that streamed its JSON as it went (one event per line) returns no data.
    if (result.data === undefined) return;
    ctx.stdout.write(`${JSON.stringify(result.data, jsonReplacer, 2)}\n`);
    return;
  }
  for (const view of result.views ?? []) {
    ctx.stdout.write(await renderView(view, { tty: ctx.stdoutIsTTY, color: ctx.color.stdout, width: ctx.stdout.columns }));
  }
  for (const note of result.notes ?? []) ctx.log.info(note);
}

/** Dates become ISO strings in JSON output. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Help text listing examples, appended to every command's help. */
export function examplesHelp(examples: Array<[description: string, command: string]>): string {
  return `\nExamples:\n${examples.map(([d, c]) => `  # ${d}\n  $ ${c}\n`).join('\n')}`;
}
