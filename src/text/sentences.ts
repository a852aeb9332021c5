/**
 * The one sentence splitter. Sentences end at 。！？!? and line breaks (and at ；; when a caller reads
 * clause by clause, and also at ，, when it wants the shortest clauses); closing quotes, brackets and line breaks
 * that follow an end stay with it, and an ideographic full stop or a comma between digits (2。87亿元, 1,568) is part
 * of the number, not an end.
 */

export interface Span {
  start: number;
  end: number;
}

const END = /[。！？!?\n]/;
const END_OR_SEMICOLON = /[。！？!?；;\n]/;
const END_OR_COMMA = /[。！？!?；;，,\n]/;
/** Marks that read as part of a number when digits stand on both sides. */
const IN_NUMBER = /[。,]/;
const TRAILING = /[”’）)」』\n]/;

/**
 * Sentence spans covering the whole text in order (their concatenation is the text).
 * @example sentenceSpans("甲。乙；丙") // [{ start: 0, end: 2 }, { start: 2, end: 5 }]
 */
export function sentenceSpans(text: string, { semicolons = false, commas = false }: { semicolons?: boolean; commas?: boolean } = {}): Span[] {
  const ends = commas ? END_OR_COMMA : semicolons ? END_OR_SEMICOLON : END;
  const spans: Span[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (!ends.test(text[index])) continue;
    if (IN_NUMBER.test(text[index]) && /\d/.test(text[index - 1] ?? "") && /\d/.test(text[index + 1] ?? "")) continue;
    let end = index + 1;
    while (end < text.length && (TRAILING.test(text[end]) || ends.test(text[end]))) end++;
    spans.push({ start, end });
    start = end;
    index = end - 1;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/**
 * The sentences of a text as strings, ；-clauses apart; concatenating them gives the text back.
 * @example splitSentences("甲。乙！丙") // ["甲。", "乙！", "丙"]
 */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text, { semicolons: true }).map((span) => text.slice(span.start, span.end));
}
