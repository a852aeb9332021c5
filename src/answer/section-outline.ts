import type { SqlClient } from "../db/sql-client.ts";
import type { RetrievedChunk } from "../retrieve/search-chunks.ts";
import { bigrams } from "./sentences.ts";
import { splitSentences } from "../text/sentences.ts";

/** One sub-section of a chapter: its path, heading line and opening sentences. */
export interface OutlineItem {
  chunk: RetrievedChunk;
  heading: string;
  summary: string;
}

const PATH_SEPARATOR = " › ";

/**
 * When a question names a whole chapter ("重点工作有哪些", "做了哪些工作"), the answer is the chapter's list of
 * sub-sections, not one passage of it. Returns the sub-sections of the best chunk's chapter, in document
 * order, when the question's words match the chapter heading better than any sub-heading and the chapter
 * has at least two sub-sections; otherwise null.
 */
export async function chapterOutline(db: SqlClient, best: RetrievedChunk, grams: Set<string>): Promise<OutlineItem[] | null> {
  const path = best.sectionPath.split(PATH_SEPARATOR).filter(Boolean);
  if (path.length === 0) return null;
  const chapter = path[0];
  // How much of a heading the question repeats (重点工作 in "石岭2025年的重点工作有哪些").
  const named = (heading: string) => {
    const own = bigrams(heading.replace(/^[（(]?[一二三四五六七八九十\d]+[、.．)）]\s*/, ""));
    let hits = 0;
    for (const gram of own) if (grams.has(gram)) hits++;
    return own.size ? hits / own.size : 0;
  };
  const chapterMatch = named(chapter);
  if (chapterMatch < 0.6 || path.slice(1).some((heading) => named(heading) >= chapterMatch)) return null;
  const { rows } = await db.query<{ id: string; ord: number; section_path: string; text: string; start_offset: number; end_offset: number }>(
    `SELECT id, ord, section_path, text, start_offset, end_offset FROM chunks
     WHERE document_id = $1 AND (section_path = $2 OR section_path LIKE $3) ORDER BY ord`,
    [best.documentId, chapter, `${chapter.replace(/[%_\\]/g, "\\$&")}${PATH_SEPARATOR}%`],
  );
  const items: OutlineItem[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const parts = row.section_path.split(PATH_SEPARATOR);
    const key = parts[1] ?? "";
    if (seen.has(key)) continue;
    seen.add(key);
    // The chunk text starts with its heading; keep the heading and the sentence after it. The chapter's own
    // chunk often carries the first sub-section after the chapter heading.
    const at = key ? row.text.indexOf(key) : row.text.indexOf(chapter);
    const body = key ? (at >= 0 ? row.text.slice(at) : row.text) : at >= 0 ? row.text.slice(at + chapter.length) : row.text;
    if (!body.trim()) continue;
    const sentences = splitSentences(body.trim());
    let summary = sentences[0] ?? "";
    if (summary.length < 40 && sentences[1]) summary += sentences[1];
    items.push({
      chunk: {
        ...best, id: row.id, sectionPath: row.section_path, text: row.text, start: Number(row.start_offset), end: Number(row.end_offset),
      },
      heading: key,
      summary: summary.length > 120 ? `${summary.slice(0, 120)}……` : summary.trim(),
    });
  }
  return items.length >= 2 ? items : null;
}
