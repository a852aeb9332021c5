/**
 * Chunking that respects the outline: chunks never cross a chapter (level-1
 * section), break at Chinese sentence ends, and carry the section path, offsets
 * and year/kind of the section they start in.
 */
import type { ChunkDraft } from "../domain/document-types.ts";
import type { Section } from "./types.ts";

/** Options of {@link chunkDocument}. */
export interface ChunkOptions {
  /** Target maximum chunk length in characters (default 300). */
  maxChars?: number;
  /** Characters of trailing sentences repeated at the start of the next chunk (default 0). */
  overlap?: number;
}

/** A chunk this short holds only a heading: keep it with what follows. */
const HEADING_ONLY = 40;

interface Span {
  start: number;
  end: number;
}

/**
 * Sentence spans of `text[start, end)`, each ending after 。！？；!?; or a line
 * break; a section start (a heading run into the text) also starts a span.
 */
function sentences(text: string, start: number, end: number, breaks: Set<number>): Span[] {
  const spans: Span[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (i > from && breaks.has(i)) {
      spans.push({ start: from, end: i });
      from = i;
    }
    const char = text[i];
    if ("。！？；!?;\n".includes(char)) {
      // Keep closing quotes with their sentence.
      let stop = i + 1;
      while (stop < end && "”」』）)".includes(text[stop])) stop++;
      spans.push({ start: from, end: stop });
      from = stop;
      i = stop - 1;
    }
  }
  if (from < end) spans.push({ start: from, end });
  return spans;
}

/** Splits an over-long sentence at commas, then hard at maxChars. */
function splitLong(text: string, span: Span, maxChars: number): Span[] {
  if (span.end - span.start <= maxChars) return [span];
  const pieces: Span[] = [];
  let from = span.start;
  let lastComma = -1;
  for (let i = span.start; i < span.end; i++) {
    if ("，,、：:".includes(text[i])) lastComma = i + 1;
    if (i + 1 - from >= maxChars) {
      const cut = lastComma > from ? lastComma : i + 1;
      pieces.push({ start: from, end: cut });
      from = cut;
      lastComma = -1;
    }
  }
  if (from < span.end) pieces.push({ start: from, end: span.end });
  return pieces;
}

/** Deepest section containing `offset` (the later one when boundaries touch). */
/**
 * The deepest section holding an offset (the last listed of equal depth), for many offsets: the text is cut at every
 * section start and end, and each piece's answer is worked out once — not once a chunk over every section.
 */
function sectionLookup(sections: Section[]): (offset: number) => Section | undefined {
  const bounds = [...new Set(sections.flatMap((section) => [section.start, section.end]))].sort((a, b) => a - b);
  const byStart = sections.map((section, index) => ({ section, index })).sort((a, b) => a.section.start - b.section.start);
  const answers: Array<Section | undefined> = [];
  let active: Array<{ section: Section; index: number }> = [];
  let next = 0;
  for (const bound of bounds) {
    while (next < byStart.length && byStart[next].section.start <= bound) active.push(byStart[next++]);
    active = active.filter((entry) => entry.section.end > bound);
    let best: { section: Section; index: number } | undefined;
    for (const entry of active) {
      if (!best || entry.section.level > best.section.level || (entry.section.level === best.section.level && entry.index > best.index)) best = entry;
    }
    answers.push(best?.section);
  }
  return (offset) => {
    // The last bound at or before the offset; before the first bound no section holds it.
    let low = 0;
    let high = bounds.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (bounds[middle] <= offset) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : answers[low - 1];
  };
}

/** Trims whitespace off a span's ends. */
function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * Cuts normalized text into chunks for retrieval.
 *
 * @example
 * chunkDocument(text, buildOutline(text), { maxChars: 300 })
 */
export function chunkDocument(text: string, sections: Section[], options: ChunkOptions = {}): ChunkDraft[] {
  const maxChars = Math.max(20, options.maxChars ?? 300);
  const overlap = Math.max(0, Math.min(options.overlap ?? 0, Math.floor(maxChars / 2)));
  // Blocks: text before the first chapter, then one block per chapter.
  const chapters = sections.filter((section) => section.level === 1).sort((a, b) => a.start - b.start);
  const cuts = [0, ...chapters.map((chapter) => chapter.start), text.length];
  // Section starts of level ≤ 2 also start a chunk, as do level-3 starts when the chunk is half full.
  const majorStarts = new Set(sections.filter((section) => section.level <= 2).map((section) => section.start));
  const minorStarts = new Set(sections.filter((section) => section.level > 2).map((section) => section.start));
  const sectionStarts = new Set(sections.map((section) => section.start));

  const chunks: ChunkDraft[] = [];
  const sectionAt = sectionLookup(sections);
  const emit = (span: Span, pathOffset: number): void => {
    const trimmed = trim(text, span);
    if (trimmed.end <= trimmed.start) return;
    const section = sectionAt(pathOffset);
    const draft: ChunkDraft = {
      ord: chunks.length,
      sectionPath: section ? section.path.join(" › ") : "",
      text: text.slice(trimmed.start, trimmed.end),
      start: trimmed.start,
      end: trimmed.end,
    };
    if (section?.year !== undefined) draft.year = section.year;
    if (section?.kind !== undefined) draft.kind = section.kind;
    chunks.push(draft);
  };

  for (let b = 0; b + 1 < cuts.length; b++) {
    const blockStart = cuts[b];
    const blockEnd = cuts[b + 1];
    if (blockEnd <= blockStart) continue;
    const pieces = sentences(text, blockStart, blockEnd, sectionStarts).flatMap((span) => splitLong(text, span, maxChars));
    let current: Span[] = [];
    let carried = 0; // pieces at the head of `current` repeated from the previous chunk
    const flush = (): void => {
      if (current.length <= carried) return;
      const fresh = current[carried];
      emit({ start: current[0].start, end: current[current.length - 1].end }, trim(text, fresh).start);
      // Carry trailing pieces that fit in the overlap.
      const tail: Span[] = [];
      let length = 0;
      for (let i = current.length - 1; i >= carried && overlap > 0; i--) {
        length += current[i].end - current[i].start;
        if (length > overlap) break;
        tail.unshift(current[i]);
      }
      current = tail;
      carried = tail.length;
    };
    for (const piece of pieces) {
      const size = current.length > 0 ? piece.end - current[0].start : 0;
      const fill = current.length > carried ? current[current.length - 1].end - current[carried].start : 0;
      const startsMajor = majorStarts.has(piece.start) || majorStarts.has(trim(text, piece).start);
      const startsMinor = minorStarts.has(piece.start) || minorStarts.has(trim(text, piece).start);
      if (
        current.length > carried &&
        (size > maxChars || (startsMajor && fill > HEADING_ONLY) || (startsMinor && fill >= maxChars / 2))
      ) {
        flush();
        if (startsMajor) {
          current = [];
          carried = 0;
        }
      }
      current.push(piece);
    }
    flush();
  }
  return chunks;
}
