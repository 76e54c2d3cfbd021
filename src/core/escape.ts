// biome-ignore-all lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
/**
 * Escaping of control characters in text eum prints that came from outside: arguments, files and
 * API answers. A terminal acts on ANSI/OSC escape sequences and C0/C1 controls (moving the cursor,
 * rewriting the window title, hiding text), so such text is shown as visible escapes instead.
 *
 * The renderer (tables, rows, key/value blocks), the logger and the error printer use this one
 * function.
 */

export interface EscapeOptions {
  /** Keep line feeds and tabs (multi-line messages); otherwise they become `\n` and `\t`. */
  keepLines?: boolean;
  /**
   * Keep SGR colour sequences (`ESC [ ... m`): for text eum styled itself while colour is on.
   * Every other sequence is escaped all the same.
   */
  keepColor?: boolean;
}

// C0 controls but for what options keep, DEL, C1 controls, and the bidirectional overrides that
// reorder what is shown (a file name can look like another one).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = /\u001b\[[0-9;]*m|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(c: string): string {
  return NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` with control characters shown as escapes (`\e`, `\n`, `\x07`, `\u202e`), so that
 * printing it cannot move the cursor, change the terminal or break a line of piped output.
 */
export function escapeControls(text: string, options: EscapeOptions = {}): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (m) => {
    if (m.length > 1) return options.keepColor ? m : `\\e${m.slice(1)}`;
    if (options.keepLines && (m === '\n' || m === '\t')) return m;
    return visible(m);
  });
}

/**
 * JSON text with the controls that JSON.stringify leaves as they are (DEL, C1, bidirectional
 * overrides) written as `\u` escapes: still the same JSON value, but inert on a terminal.
 */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
