/**
 * The one sentence splitter. Sentences end at 。！？!? and line breaks (and at ；; when a caller reads
 * clause by clause, and also at ，, when it wants the shortest clauses); closing quotes, brackets and line breaks
 * that follow an end stay with it, and an ideographic full stop or a comma between digits (2。87亿元, 1,568) is part
 * of the number, not an end.
 *
 * A run of more than {@link MAX_SENTENCE} characters with no end is no sentence of prose (the longest in the
 * park documents we have read is about 210): it is cut at its last ；, else ，, else before a number, so that
 * every reader of a sentence stays linear in the text however it is punctuated.
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

/** The longest span {@link sentenceSpans} returns. */
export const MAX_SENTENCE = 500;
const CUT_PREFERENCES = [/[；;]/, /[，,、]/];

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
    if (insideNumber(text, index)) continue;
    let end = index + 1;
    while (end < text.length && (TRAILING.test(text[end]) || ends.test(text[end]))) end++;
    pushCapped(text, spans, start, end);
    start = end;
    index = end - 1;
  }
  if (start < text.length) pushCapped(text, spans, start, text.length);
  return spans;
}

/** Pushes [start, end) as one span, or as several of at most MAX_SENTENCE characters. */
function pushCapped(text: string, spans: Span[], start: number, end: number): void {
  while (end - start > MAX_SENTENCE) {
    const cut = cutPoint(text, start, start + MAX_SENTENCE);
    spans.push({ start, end: cut });
    start = cut;
  }
  spans.push({ start, end });
}

/** Where to cut a run that is too long: after its last ；, else ，, else before its last number, else at the limit. */
function cutPoint(text: string, start: number, limit: number): number {
  const floor = start + MAX_SENTENCE / 2;
  for (const preference of CUT_PREFERENCES) {
    for (let at = limit - 1; at >= floor; at--) if (preference.test(text[at]) && !insideNumber(text, at)) return at + 1;
  }
  for (let at = limit - 1; at >= floor; at--) if (/\d/.test(text[at]) && !/[\d.。]/.test(text[at - 1])) return at;
  return limit;
}

/**
 * The sentences of a text as strings, ；-clauses apart; concatenating them gives the text back.
 * @example splitSentences("甲。乙！丙") // ["甲。", "乙！", "丙"]
 */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text, { semicolons: true }).map((span) => text.slice(span.start, span.end));
}

/** 2。87 and 1,568: the mark at `at` stands between digits, as part of a number. */
function insideNumber(text: string, at: number): boolean {
  return IN_NUMBER.test(text[at]) && /\d/.test(text[at - 1] ?? "") && /\d/.test(text[at + 1] ?? "");
}
