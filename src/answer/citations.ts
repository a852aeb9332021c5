import type { SqlClient } from "../db/sql-client.ts";
import type { Fact } from "../facts/types.ts";
import type { RetrievedChunk } from "../retrieve/search-chunks.ts";
import type { ApiCitation } from "./types.ts";

/** A document title for display: markdown heading marks dropped ("# 江屿…总结" → "江屿…总结"). */
export function displayTitle(title: string): string {
  return title.replace(/^#+\s*/, "").trim();
}

/** Section paths of the chunks facts came from (facts carry only the chunk id). */
async function sectionPaths(db: SqlClient, chunkIds: string[]): Promise<Map<string, string>> {
  if (chunkIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; section_path: string }>(
    "SELECT id, section_path FROM chunks WHERE id = ANY($1::text[])",
    [chunkIds],
  );
  return new Map(rows.map((row) => [row.id, row.section_path]));
}

/**
 * One citation per distinct source sentence of the facts used: document, title, section path, quote.
 * Imported statistics cite the import (no document).
 */
export async function factCitations(db: SqlClient, facts: Fact[]): Promise<ApiCitation[]> {
  const sections = await sectionPaths(db, [...new Set(facts.map((fact) => fact.chunkId).filter((id): id is string => !!id))]);
  const citations = new Map<string, ApiCitation>();
  for (const fact of facts) {
    const key = `${fact.documentId ?? "stats"}|${fact.quote}`;
    if (citations.has(key)) continue;
    citations.set(key, {
      document_id: fact.documentId,
      title: fact.documentTitle ? displayTitle(fact.documentTitle) : fact.origin === "stats" ? "统计数据导入" : "",
      section: fact.chunkId ? sections.get(fact.chunkId) ?? "" : "",
      quote: fact.quote,
    });
  }
  return [...citations.values()];
}

/** A retrieved passage as a citation. */
export function chunkCitation(chunk: RetrievedChunk, quote: string): ApiCitation {
  return { document_id: chunk.documentId, title: displayTitle(chunk.title), section: chunk.sectionPath, quote };
}
