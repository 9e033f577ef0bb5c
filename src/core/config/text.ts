// Turning bytes into text and offsets into line/column. Kept apart from the parsers because both JSON and YAML
// ranges go through the same line index (so CRLF files get the same columns whichever parser read them).
import type { Position, Range } from './problem';

export interface DecodedText {
  text: string;
  /** Offset of the first byte that is not UTF-8, in the decoded text; undefined when the input was clean. */
  invalidAt?: number;
}

/** Decodes a Buffer/Uint8Array as UTF-8 (BOM dropped, as editors do); bad bytes are reported, not thrown. */
export function decodeInput(input: string | Uint8Array): DecodedText {
  let text: string;
  let invalidAt: number | undefined;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      text = new TextDecoder('utf-8', { fatal: false }).decode(input);
      const at = text.indexOf('\uFFFD');
      invalidAt = at < 0 ? 0 : at;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    if (invalidAt !== undefined) invalidAt = Math.max(0, invalidAt - 1);
  }
  return { text, invalidAt };
}

/** Line starts for \n, \r\n and a lone \r, so columns never count the \r of a CRLF file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset that points at the \n of a CRLF pair belongs to the end of its line, not past it.
    let column = o - this.starts[lo];
    const lineEnd = this.lineEnd(lo);
    if (this.starts[lo] + column > lineEnd) column = lineEnd - this.starts[lo];
    return { line: lo, column };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > this.starts[line] && line + 1 < this.starts.length) {
      end--; // the \n or \r
      if (this.text.charCodeAt(end) === 10 && end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }

  lineLength(line: number): number {
    return this.lineEnd(line) - this.starts[line];
  }
}
