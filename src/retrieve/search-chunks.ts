import type { Deps } from "../deps.ts";
import { toVectorLiteral } from "../db/sql-client.ts";
import { queryTokens } from "../text/tokens.ts";

export type SearchMode = "hybrid" | "vector" | "fulltext";

export interface SearchInput {
  query: string;
  park?: string;
  year?: number;
  kind?: "summary" | "plan";
  limit?: number;
  mode?: SearchMode;
  /** Query tokenizer for full text; must match how chunk tokens were built. Defaults to the product's. */
  tokenize?: (text: string) => string[];
}

export interface RetrievedChunk {
  id: string;
  documentId: string;
  title: string;
  park: string;
  year: number | null;
  kind: string | null;
  sectionPath: string;
  text: string;
  start: number;
  end: number;
  score: number;
}

// Reciprocal rank fusion constant (Cormack et al.): dampens the head of each list.
const RRF_K = 60;

const columns = `c.id, c.document_id, d.title, c.park, c.year, c.kind, c.section_path, c.text, c.start_offset, c.end_offset`;

interface ChunkRow {
  id: string; document_id: string; title: string; park: string; year: number | null; kind: string | null;
  section_path: string; text: string; start_offset: number; end_offset: number; score: number;
}

function filters(input: SearchInput, firstParam: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (input.park) {
    params.push(input.park);
    clauses.push(`c.park = $${firstParam + params.length - 1}`);
  }
  if (input.year !== undefined) {
    params.push(input.year);
    clauses.push(`c.year = $${firstParam + params.length - 1}`);
  }
  if (input.kind) {
    params.push(input.kind);
    clauses.push(`c.kind = $${firstParam + params.length - 1}`);
  }
  return { sql: clauses.length ? `AND ${clauses.join(" AND ")}` : "", params };
}

async function vectorSearch(deps: Deps, input: SearchInput, depth: number): Promise<ChunkRow[]> {
  const [embedding] = await deps.embedder.embed([input.query]);
  const dimension = embedding.length;
  const where = filters(input, 2);
  // The cast to a fixed dimension lets Postgres use the per-dimension HNSW index (ensureVectorIndex).
  const { rows } = await deps.db.query<ChunkRow>(
    `SELECT ${columns}, 1 - (c.embedding::vector(${dimension}) <=> $1::vector(${dimension})) AS score
     FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.embedding IS NOT NULL AND vector_dims(c.embedding) = ${dimension} ${where.sql}
     ORDER BY c.embedding::vector(${dimension}) <=> $1::vector(${dimension}) LIMIT ${depth}`,
    [toVectorLiteral(embedding), ...where.params],
  );
  return rows;
}

async function fullTextSearch(deps: Deps, input: SearchInput, depth: number): Promise<ChunkRow[]> {
  const tokens = (input.tokenize ?? queryTokens)(input.query);
  if (tokens.length === 0) return [];
  // Quote every token so punctuation in it can never break tsquery syntax.
  const tsquery = tokens.map((token) => `'${token.replaceAll("'", "''").replaceAll("\\", "")}'`).join(" | ");
  const where = filters(input, 2);
  const { rows } = await deps.db.query<ChunkRow>(
    `SELECT ${columns}, ts_rank(c.tokens, to_tsquery('simple', $1)) AS score
     FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.tokens @@ to_tsquery('simple', $1) ${where.sql}
     ORDER BY score DESC, c.id LIMIT ${depth}`,
    [tsquery, ...where.params],
  );
  return rows;
}

function toChunk(row: ChunkRow, score: number): RetrievedChunk {
  return {
    id: row.id, documentId: row.document_id, title: row.title, park: row.park, year: row.year === null ? null : Number(row.year),
    kind: row.kind, sectionPath: row.section_path, text: row.text, start: Number(row.start_offset), end: Number(row.end_offset), score,
  };
}

/**
 * Hybrid retrieval: pgvector cosine and full text, fused by reciprocal rank; or either alone.
 * @example await searchChunks(deps, { query: "安全生产方面做了哪些工作", park: "明湖经济开发区", year: 2022 })
 */
export async function searchChunks(deps: Deps, input: SearchInput): Promise<RetrievedChunk[]> {
  const limit = input.limit ?? 5;
  const mode = input.mode ?? "hybrid";
  const depth = Math.max(limit * 4, 20);
  if (mode === "vector") return (await vectorSearch(deps, input, limit)).map((row) => toChunk(row, Number(row.score)));
  if (mode === "fulltext") return (await fullTextSearch(deps, input, limit)).map((row) => toChunk(row, Number(row.score)));
  const [byVector, byText] = await Promise.all([vectorSearch(deps, input, depth), fullTextSearch(deps, input, depth)]);
  const fused = new Map<string, { row: ChunkRow; score: number }>();
  for (const list of [byVector, byText]) {
    list.forEach((row, rank) => {
      const entry = fused.get(row.id) ?? { row, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(row.id, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id))
    .slice(0, limit)
    .map(({ row, score }) => toChunk(row, score));
}
