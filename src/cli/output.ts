/**
 * The one layer that renders command results.
 *
 * - `--json`: the result's `data`, a documented camelCase shape, pretty-printed on stdout.
 * - stdout is a terminal: tables (cli-table3) and key/value blocks, with colour when allowed.
 * - stdout is piped: tab-separated lines, no header, no colour, ISO times, so `cut`/`awk` work.
 */
import { Chalk } from 'chalk';
import type { Context } from './context.js';
import { escapeControls } from '../core/escape.js';

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

/** One cell of piped output: control characters, tabs and newlines escaped, so a row stays one line. */
function tsvCell(v: unknown): string {
  return escapeControls(plainValue(sanitized(v)));
}

/** A value with its strings (also inside arrays) escaped for a terminal; objects print as JSON, which escapes. */
function sanitized(v: unknown): unknown {
  if (typeof v === 'string') return escapeControls(v);
  if (Array.isArray(v)) return v.map(sanitized);
  return v;
}

/** A row whose values are safe to print, for the columns' formatters. */
function sanitizedRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = sanitized(v);
  return out;
}

/** A colour (SGR) sequence, which takes no room on the screen. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the sequences this strips
const SGR = /\u001b\[[0-9;]*m/g;

function stripColor(s: string): string {
  return s.replace(SGR, '');
}

/** Printed width of a cell: colour sequences take no room. */
function displayWidth(s: string): number {
  let max = 0;
  for (const line of stripColor(s).split('\n')) max = Math.max(max, [...line].length);
  return max;
}

/** Narrowest a column is cut to (padding included) before the table is allowed to overflow. */
const MIN_COLUMN = 8;

/** Longest word of a cell (the width below which it must break words). */
function longestWord(s: string): number {
  let max = 0;
  for (const word of stripColor(s).split(/[ \n]|(?<=,)/)) max = Math.max(max, [...word].length);
  return max;
}

/** Narrows the widest columns, one character at a time, down to `floor`, until `total` fits `available`. */
function narrow(widths: number[], floor: number[], available: number): void {
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) return;
    widths[widest] -= 1;
    total -= 1;
  }
}

/** Width a column of text keeps, when it can, while long words elsewhere are split. */
const TEXT_COLUMN = 24;

/**
 * Column widths (padding included) that fit a table in `width` columns, or undefined when it fits
 * as it is. The widest columns give way first: text wraps at spaces (a column of text keeps
 * TEXT_COLUMN if it can), then long words (ids, times) are split down to TEXT_COLUMN, then every
 * column narrows down to MIN_COLUMN before the table is allowed to overflow.
 */
export function fitColumns(cells: string[][], width: number): number[] | undefined {
  const n = cells[0]?.length ?? 0;
  if (n === 0) return undefined;
  const column = (i: number, rows = cells) => rows.map((row) => row[i] ?? '');
  const widths = Array.from({ length: n }, (_, i) => Math.max(...column(i).map(displayWidth)) + 2);
  const available = width - (n + 1);
  if (widths.reduce((a, b) => a + b, 0) <= available) return undefined;
  const body = cells.slice(1);
  const words = widths.map((_, i) => Math.max(...column(i).map(longestWord)) + 2);
  const bodyWidths = widths.map((_, i) => Math.max(0, ...column(i, body).map(displayWidth)) + 2);
  narrow(
    widths,
    widths.map((w, i) => Math.min(w, Math.max(words[i], Math.min(bodyWidths[i], TEXT_COLUMN)))),
    available,
  );
  narrow(
    widths,
    widths.map((w) => Math.min(w, TEXT_COLUMN)),
    available,
  );
  narrow(
    widths,
    widths.map((w) => Math.min(w, MIN_COLUMN)),
    available,
  );
  return widths;
}

/** Characters after which a long word may be split: the first list preferred. */
const BREAK_AFTER = [
  [',', ':', '/'],
  ['.', '-', '_'],
];

/**
 * A plain cell wrapped to `width` characters: at spaces where it can, and a word longer than the
 * width split across lines, so nothing is lost (an id stays whole, if on two lines). Cells with
 * colour are left to cli-table3's own wrapping.
 */
export function wrapCell(text: string, width: number): string {
  if (width < 1 || text.includes('\u001b')) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let current = '';
    for (const word of line.split(' ')) {
      let rest = [...word];
      if (current !== '' && [...current].length + 1 + rest.length <= width) {
        current += ` ${word}`;
        continue;
      }
      if (current !== '') out.push(current);
      while (rest.length > width) {
        // Split after a separator (a list's comma, an ARN's colon or slash, a field path's dot,
        // an id's dash or underscore) when there is one.
        const after = (chars: string[]) => Math.max(...chars.map((c) => rest.lastIndexOf(c, width - 1))) + 1;
        const strong = after(BREAK_AFTER[0]);
        const weak = after(BREAK_AFTER[1]);
        const cut = strong > width / 3 ? strong : weak > width / 3 ? weak : width;
        out.push(rest.slice(0, cut).join(''));
        rest = rest.slice(cut);
      }
      current = rest.join('');
    }
    out.push(current);
  }
  return out.join('\n');
}

/** Drops the rules cli-table3 draws between rows, keeping the one under the header. */
function withoutRowRules(table: string): string {
  let seen = false;
  return table
    .split('\n')
    .filter((line) => {
      if (!stripColor(line).startsWith('├')) return true;
      if (seen) return false;
      seen = true;
      return true;
    })
    .join('\n');
}

/**
 * One line of piped output for commands that stream their results: the cells tab-separated,
 * each escaped so that the line stays one line whatever the text (an API error on two lines).
 */
export function plainRow(cells: unknown[]): string {
  return `${cells.map(tsvCell).join('\t')}\n`;
}

/** Text from outside (ids, API messages) made safe for a terminal line: controls and newlines escaped. */
export function terminalText(v: unknown): string {
  return escapeControls(plainValue(v));
}

/** Renders one view as a string for stdout. */
export async function renderView(view: View, opts: { tty: boolean; color: boolean; width?: number }): Promise<string> {
  const style = new Chalk({ level: opts.color ? 1 : 0 });
  switch (view.kind) {
    case 'text': {
      // Commands build text from API answers: escape controls, keeping lines and our own colour.
      const text = escapeControls(view.text, { keepLines: true, keepColor: opts.color });
      return text.endsWith('\n') || text === '' ? text : `${text}\n`;
    }
    case 'custom':
      return ensureNl(escapeControls(opts.tty ? view.tty(style, opts.width ?? 80) : view.plain(), { keepLines: true, keepColor: opts.color && opts.tty }));
    case 'kv': {
      if (!opts.tty) return view.pairs.map(([k, v]) => `${escapeControls(k)}\t${tsvCell(v)}\n`).join('');
      const width = Math.max(0, ...view.pairs.map(([k]) => k.length));
      const title = view.title ? `${style.bold(escapeControls(view.title))}\n` : '';
      return title + view.pairs.map(([k, v]) => `${style.dim(escapeControls(k).padEnd(width))}  ${plainValue(sanitized(v))}\n`).join('');
    }
    case 'table': {
      if (!opts.tty) return view.rows.map((r) => view.columns.map((c) => tsvCell(r[c.key])).join('\t') + '\n').join('');
      if (view.rows.length === 0) return view.empty ? `${escapeControls(view.empty)}\n` : '';
      const head = view.columns.map((c) => c.header);
      const body = view.rows.map(sanitizedRow).map((r) => view.columns.map((c) => (c.format ? c.format(r[c.key], r) : plainValue(r[c.key]))));
      const colWidths = fitColumns([head, ...body], opts.width ?? 80);
      // Loaded only when a table is drawn, to keep start-up fast.
      const { default: Table } = await import('cli-table3');
      const table = new Table({
        head,
        colAligns: view.columns.map((c) => c.align ?? 'left'),
        style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
        ...(colWidths ? { colWidths, wordWrap: true } : {}),
      });
      for (const row of body) table.push(colWidths ? row.map((cell, i) => wrapCell(cell, colWidths[i] - 2)) : row);
      const title = view.title ? `${style.bold(escapeControls(view.title))}\n` : '';
      return `${title}${withoutRowRules(table.toString())}\n`;
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
    ctx.writeJson(result.data);
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
