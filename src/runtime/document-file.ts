/**
 * The document of `eum protect apply -f` and `eum program apply -f`: a file, or stdin for `-`,
 * read with its size checked while reading. Any problem is an input error on `-f`.
 */
import path from 'node:path';
import type { Context } from '../cli/context.js';
import { InputError, InterruptedError } from '../errors.js';

/** The largest document read (an export of hundreds of configurations or numbers is far less). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * The text of `file` (`-`: stdin; Ctrl-C or SIGTERM ends a read that gets nothing). `kind` names
 * the document in the message for a stdin over the limit ("a Protect document is far smaller").
 */
export async function readDocumentFile(ctx: Context, file: string, kind: string): Promise<string> {
  try {
    if (file === '-') {
      const { readLimitedText } = await import('./input.js');
      const r = await readLimitedText(ctx, '-', { limitBytes: MAX_DOCUMENT_BYTES, why: `a ${kind} document is far smaller` });
      if (r.problem !== undefined) throw new InputError([{ field: '-f', message: r.problem }]);
      return r.text ?? '';
    }
    const { readBounded } = await import('./read-bounded.js');
    const r = await readBounded(path.resolve(ctx.cwd, file), MAX_DOCUMENT_BYTES);
    if (typeof r === 'string') throw new InputError([{ field: '-f', message: `${file} ${r}` }]);
    return r.toString('utf8');
  } catch (err) {
    if (err instanceof InputError || err instanceof InterruptedError) throw err;
    throw new InputError([{ field: '-f', message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
}
