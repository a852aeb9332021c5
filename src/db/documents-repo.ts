import type { ChunkDraft, DocumentKind } from "../domain/document-types.ts";
import type { FactInput } from "../domain/fact-types.ts";
import { insertFacts } from "./facts-repo.ts";
import { insertRows } from "./bulk-insert.ts";
import { toVectorLiteral, type SqlClient } from "./sql-client.ts";

export interface NewChunk extends ChunkDraft {
  tokens: string;
  embedding: number[];
}

export interface NewDocument {
  park: string;
  year: number | null;
  kind: DocumentKind;
  title: string;
  source: string | null;
  sha256: string;
  text: string;
  original: string | null;
  offsetMap: number[] | null;
  warnings: string[];
  chunks: NewChunk[];
  /** Facts with the ord of the chunk they came from. */
  facts: Array<FactInput & { chunkOrd: number | null }>;
  /** Proper park names the document uses, with how often (its own name and its sub-parks). */
  aliases?: Array<{ name: string; count: number }>;
}

/** Every alias on record: which park each name stands for, and in how many mentions. */
export async function listParkAliases(db: SqlClient): Promise<Array<{ alias: string; park: string; mentions: number }>> {
  const { rows } = await db.query<{ alias: string; park: string; mentions: number }>(
    "SELECT alias, park, sum(mentions)::int AS mentions FROM park_aliases GROUP BY alias, park ORDER BY alias, mentions DESC",
  );
  return rows.map((row) => ({ alias: row.alias, park: row.park, mentions: Number(row.mentions) }));
}

export interface DocumentSummary {
  id: string;
  park: string;
  year: number | null;
  kind: DocumentKind;
  title: string;
  source: string | null;
  chunks: number;
  facts: number;
  warnings: string[];
  createdAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  text: string;
}

/**
 * Store a document with its chunks and facts in one transaction, deduplicated by sha256.
 * A crash anywhere inside leaves nothing behind; the same content again returns the existing id.
 */
export async function insertDocument(db: SqlClient, doc: NewDocument): Promise<{ id: string; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO documents (id, park, year, kind, title, source, sha256, text, original, offset_map, warnings)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (sha256) DO NOTHING RETURNING id`,
      [id, doc.park, doc.year, doc.kind, doc.title, doc.source, doc.sha256, doc.text, doc.original,
        doc.offsetMap ? JSON.stringify(doc.offsetMap) : null, JSON.stringify(doc.warnings)],
    );
    if (inserted.rows.length === 0) {
      const existing = await tx.query<{ id: string }>("SELECT id FROM documents WHERE sha256 = $1", [doc.sha256]);
      return { id: existing.rows[0].id, duplicate: true };
    }
    const chunkIds = new Map<number, string>();
    const chunkRows = doc.chunks.map((chunk) => {
      const chunkId = crypto.randomUUID();
      chunkIds.set(chunk.ord, chunkId);
      return [chunkId, id, chunk.ord, chunk.sectionPath, chunk.text, chunk.start, chunk.end, doc.park,
        chunk.year ?? doc.year, chunk.kind ?? doc.kind, chunk.tokens, toVectorLiteral(chunk.embedding)];
    });
    await insertRows(tx, "chunks", ["id", "document_id", "ord", "section_path", "text", "start_offset", "end_offset", "park", "year", "kind", "tokens", "embedding"], chunkRows, {
      placeholders: { tokens: (parameter) => `to_tsvector('simple', ${parameter})`, embedding: (parameter) => `${parameter}::vector` },
      // Each chunk row updates the full-text and vector indexes: ~2 ms a row on PGlite.
      rowsPerStatement: 40,
    });
    await insertRows(tx, "park_aliases", ["document_id", "park", "alias", "mentions"], (doc.aliases ?? []).map((alias) => [id, doc.park, alias.name, alias.count]), {
      suffix: "ON CONFLICT DO NOTHING",
    });
    await insertFacts(
      tx,
      doc.facts.map((fact) => ({ ...fact, documentId: id, chunkId: fact.chunkOrd === null ? null : chunkIds.get(fact.chunkOrd) ?? null })),
    );
    return { id, duplicate: false };
  });
}

const summaryColumns = `d.id, d.park, d.year, d.kind, d.title, d.source, d.warnings, d.created_at,
  (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id) AS chunks,
  (SELECT count(*)::int FROM facts f WHERE f.document_id = d.id) AS facts`;

interface SummaryRow {
  id: string; park: string; year: number | null; kind: DocumentKind; title: string; source: string | null;
  warnings: string[] | string; created_at: Date | string; chunks: number; facts: number; text?: string;
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id, park: row.park, year: row.year, kind: row.kind, title: row.title, source: row.source,
    chunks: Number(row.chunks), facts: Number(row.facts),
    warnings: typeof row.warnings === "string" ? (JSON.parse(row.warnings) as string[]) : row.warnings,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Documents, newest first, optionally filtered by park and year. */
export async function listDocuments(db: SqlClient, filter: { park?: string; year?: number } = {}): Promise<DocumentSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${summaryColumns} FROM documents d
     WHERE ($1::text IS NULL OR d.park = $1) AND ($2::int IS NULL OR d.year = $2)
     ORDER BY d.park, d.year NULLS LAST, d.kind, d.created_at`,
    [filter.park ?? null, filter.year ?? null],
  );
  return rows.map(toSummary);
}

export async function getDocument(db: SqlClient, id: string): Promise<DocumentDetail | null> {
  const { rows } = await db.query<SummaryRow>(`SELECT ${summaryColumns}, d.text FROM documents d WHERE d.id = $1`, [id]);
  return rows[0] ? { ...toSummary(rows[0]), text: rows[0].text ?? "" } : null;
}

/** Delete a document; chunks and facts go with it (ON DELETE CASCADE). */
export async function deleteDocument(db: SqlClient, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>("DELETE FROM documents WHERE id = $1 RETURNING id", [id]);
  return rows.length > 0;
}

export async function countAll(db: SqlClient): Promise<{ documents: number; chunks: number; facts: number }> {
  const { rows } = await db.query<{ documents: number; chunks: number; facts: number }>(
    `SELECT (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM chunks) AS chunks,
            (SELECT count(*)::int FROM facts) AS facts`,
  );
  return { documents: Number(rows[0].documents), chunks: Number(rows[0].chunks), facts: Number(rows[0].facts) };
}

export async function findDocumentBySha(db: SqlClient, sha256: string): Promise<DocumentSummary | null> {
  const { rows } = await db.query<SummaryRow>(`SELECT ${summaryColumns} FROM documents d WHERE d.sha256 = $1`, [sha256]);
  return rows[0] ? toSummary(rows[0]) : null;
}
