import { findFacts } from "../db/facts-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { isIncrementFact, matchesStated, scopesCompatible } from "../verify/match-figure.ts";
import type { Fact } from "../domain/fact-types.ts";
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
 * Document sentences that state the same figure as an imported statistic (same park, period, indicator, 口径,
 * and a value that matches at the sentence's stated precision), so a statistic is cited with its text too.
 */
async function supportingTextFacts(db: SqlClient, stats: Fact[]): Promise<Fact[]> {
  if (stats.length === 0) return [];
  const candidates = await findFacts(db, {
    parks: [...new Set(stats.map((fact) => fact.park))],
    years: [...new Set(stats.map((fact) => fact.year))],
    indicatorKeys: [...new Set(stats.map((fact) => fact.indicatorKey))],
    status: "actual",
  });
  return candidates.filter((text) =>
    text.origin === "text" &&
    stats.some((stat) =>
      stat.park === text.park && stat.period === text.period && stat.indicatorKey === text.indicatorKey &&
      scopesCompatible(stat.scope, text.scope, stat.indicatorKey) && isIncrementFact(stat) === isIncrementFact(text) &&
      matchesStated({ value: text.value, decimals: text.decimals, scale: text.value === 0 ? 1 : text.valueBase / text.value, baseUnit: text.baseUnit, qualifier: text.qualifier }, stat.valueBase)),
  );
}

/**
 * One citation per distinct source sentence of the facts used: document, title, section path, quote.
 * Imported statistics cite the import, followed by the document sentences that state the same figure.
 */
export async function factCitations(db: SqlClient, used: Fact[]): Promise<ApiCitation[]> {
  const support = await supportingTextFacts(db, used.filter((fact) => fact.origin === "stats"));
  const facts = [...used, ...support];
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
