/**
 * Text that remembers, for each UTF-16 unit, its offset in the original input.
 * Every normalization step maps one MappedText to another, so offsets survive
 * deletions, joins and replacements.
 */

/** Text plus `map[i]` = offset in the original of unit i; `map[text.length]` is the end. */
export interface MappedText {
  text: string;
  map: number[];
}

/** Wraps raw text with the identity map. */
export function fromRaw(raw: string): MappedText {
  const map = new Array<number>(raw.length + 1);
  for (let i = 0; i <= raw.length; i++) map[i] = i;
  return { text: raw, map };
}

/** A replacement of `input.text[start, end)` by `text` (empty text deletes). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits (any order). Replacement units map 1:1 onto
 * the replaced span when lengths agree, otherwise onto the span's start.
 */
export function applyEdits(input: MappedText, edits: Edit[]): MappedText {
  if (edits.length === 0) return input;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const map: number[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue; // overlapping edit: keep the first one
    parts.push(input.text.slice(cursor, edit.start));
    for (let i = cursor; i < edit.start; i++) map.push(input.map[i]);
    parts.push(edit.text);
    const sameLength = edit.text.length === edit.end - edit.start;
    for (let i = 0; i < edit.text.length; i++) {
      map.push(input.map[sameLength ? edit.start + i : edit.start]);
    }
    cursor = edit.end;
  }
  parts.push(input.text.slice(cursor));
  for (let i = cursor; i <= input.text.length; i++) map.push(input.map[i]);
  return { text: parts.join(""), map };
}

/**
 * Replaces every match of a global regex. The callback returns the replacement,
 * or undefined to leave the match alone.
 */
export function replaceAll(
  input: MappedText,
  pattern: RegExp,
  replacer: (match: RegExpExecArray) => string | undefined,
): MappedText {
  if (!pattern.global) throw new Error("replaceAll needs a global regex");
  const edits: Edit[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(input.text); match; match = pattern.exec(input.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const text = replacer(match);
    if (text !== undefined && text !== match[0]) {
      edits.push({ start: match.index, end: match.index + match[0].length, text });
    }
  }
  return applyEdits(input, edits);
}

/**
 * Maps a length-preserving conversion over the text, e.g. 繁→简.
 * When the conversion changes a piece's length, that piece maps onto its start.
 */
export function convertPieces(
  input: MappedText,
  convert: (piece: string) => string,
  splitter: RegExp = /[^\n]+/g,
): MappedText {
  return replaceAll(input, new RegExp(splitter.source, "g"), (match) => {
    const converted = convert(match[0]);
    if (converted === match[0]) return undefined; // nothing to convert: no edit, no remapping
    if (converted.length === match[0].length) return converted;
    // Different length: convert char by char to keep offsets exact.
    let out = "";
    for (const char of match[0]) {
      const one = convert(char);
      out += one.length === char.length ? one : char;
    }
    return out;
  });
}
