/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a quoted field may
 * span lines) with bounds checked while reading, so a huge or hostile file never fills memory:
 * a field at most `maxFieldChars`, a record at most `maxColumns` fields. Pure: feed it text.
 */

export interface CsvBounds {
  maxFieldChars: number;
  maxColumns: number;
}

/** Bounds for a recipient file: a body of 1,600 characters fits a field with room to spare. */
export const CSV_BOUNDS: CsvBounds = { maxFieldChars: 4096, maxColumns: 100 };

/** One record, with the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Feed text with `push`, then `end`; each returns the records completed. */
export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  /** Inside quotes, a quote was just seen: either the closing one or the first of a pair. */
  private quoteSeen = false;
  private fieldStarted = false;
  private line = 1;
  private recordLine = 1;
  private afterCr = false;
  /** The field's closing quote was read: only a comma or the end of the line may follow. */
  private closed = false;

  constructor(private readonly bounds: CsvBounds = CSV_BOUNDS) {}

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.add('"');
            continue;
          }
          this.quoted = false;
          this.closed = true;
          // fall through: the character after the closing quote
        } else {
          if (c === '"') this.quoteSeen = true;
          else if (c === '\n') {
            this.line++;
            this.add(c);
          } else {
            // The run of characters up to the next quote or newline, added at once.
            let j = i + 1;
            while (j < text.length && text.charCodeAt(j) !== 34 && text.charCodeAt(j) !== 10) j++;
            this.add(text.slice(i, j));
            i = j - 1;
          }
          continue;
        }
      }
      if (this.closed && c !== ',' && c !== '\n' && c !== '\r') throw new CsvError(this.line, 'text after a closing quote: quote the whole field');
      if (c === ',') this.endField();
      else if (c === '\n' || c === '\r') {
        this.afterCr = c === '\r';
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else if (c === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (c === '"') throw new CsvError(this.line, 'a quote inside an unquoted field: quote the whole field and double the quote ("")');
      else {
        // The run of plain characters up to the next comma, quote or line end, added at once: one
        // string per field, not one per character (a million rows).
        let j = i + 1;
        for (; j < text.length; j++) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13 || d === 34) break;
        }
        this.add(text.slice(i, j));
        i = j - 1;
      }
    }
    return out;
  }

  /** The last record, if the text did not end with a newline. */
  end(): CsvRecord[] {
    if (this.quoted && !this.quoteSeen) throw new CsvError(this.recordLine, 'a quoted field is never closed');
    this.quoted = false;
    const out: CsvRecord[] = [];
    if (this.fieldStarted || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private add(text: string): void {
    this.fieldStarted = true;
    this.field += text;
    if (this.field.length > this.bounds.maxFieldChars) throw new CsvError(this.recordLine, `a field is longer than ${this.bounds.maxFieldChars} characters`);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
    this.closed = false;
    if (this.fields.length >= this.bounds.maxColumns) throw new CsvError(this.recordLine, `more than ${this.bounds.maxColumns} columns`);
  }

  private endRecord(out: CsvRecord[]): void {
    if (!this.fieldStarted && this.fields.length === 0) return; // a blank line
    this.fields.push(this.field);
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.fieldStarted = false;
    this.closed = false;
  }
}
