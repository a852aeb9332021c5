import type { Deps } from "../deps.ts";
import { toVectorLiteral } from "../db/sql-client.ts";
import { queryTokens } from "../text/tokens.ts";
import { queryHints, type QueryHints } from "./query-hints.ts";

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
 * Prefer chunks of the year and park the question names (when the caller did not filter by them), and plan
 * sections when it asks about intentions. A preference, not a filter: a question about "2022年的打算" is often
 * answered by the 2021 summary's "2022年工作思路" section, whose chunks carry year 2022.
 */
function hintBonus(row: ChunkRow, hints: QueryHints, input: SearchInput): number {
  let bonus = 0;
  if (input.year === undefined && hints.years.length > 0 && row.year !== null && hints.years.includes(Number(row.year))) bonus += 1;
  if (!input.park && hints.park && row.park === hints.park) bonus += 1;
  if (!input.kind && hints.wantsPlan && row.kind === "plan") bonus += 0.5;
  return bonus / (RRF_K + 1);
}

// Per database: parks change only on ingest, so a few seconds of staleness is harmless for a ranking preference.
const parkCache = new WeakMap<object, { at: number; parks: string[] }>();

async function knownParks(deps: Deps): Promise<string[]> {
  const cached = parkCache.get(deps.db);
  if (cached && Date.now() - cached.at < 5_000) return cached.parks;
  const { rows } = await deps.db.query<{ park: string }>("SELECT DISTINCT park FROM chunks WHERE park <> ''");
  const parks = rows.map((row) => row.park);
  parkCache.set(deps.db, { at: Date.now(), parks });
  return parks;
}

/**
 * Hybrid retrieval: pgvector cosine and full text, fused by reciprocal rank, with a preference for the year and
 * park the question names; or either list alone (for evaluation).
 * @example await searchChunks(deps, { query: "安全生产方面做了哪些工作", park: "江屿经济开发区", year: 2022 })
 */
export async function searchChunks(deps: Deps, input: SearchInput): Promise<RetrievedChunk[]> {
  const limit = input.limit ?? 5;
  const mode = input.mode ?? "hybrid";
  const depth = Math.max(limit * 4, 20);
  const hints = queryHints(input.query, await knownParks(deps));
  const lists =
    mode === "vector" ? [await vectorSearch(deps, input, depth)]
    : mode === "fulltext" ? [await fullTextSearch(deps, input, depth)]
    : await Promise.all([vectorSearch(deps, input, depth), fullTextSearch(deps, input, depth)]);
  const fused = new Map<string, { row: ChunkRow; score: number }>();
  for (const list of lists) {
    list.forEach((row, rank) => {
      const entry = fused.get(row.id) ?? { row, score: hintBonus(row, hints, input) };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(row.id, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id))
    .slice(0, limit)
    .map(({ row, score }) => toChunk(row, score));
}
