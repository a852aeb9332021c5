import type { SqlClient } from "./sql-client.ts";

/**
 * HNSW cosine index for the current embedder's dimension (Postgres only). The column is dimensionless so that
 * switching embedders needs no migration; the index is on the fixed-dimension cast the queries use.
 */
export async function ensureVectorIndex(db: SqlClient, dimension: number): Promise<void> {
  if (db.kind !== "postgres" || !Number.isInteger(dimension) || dimension <= 0 || dimension > 2000) return;
  await db.query(
    `CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_${dimension} ON chunks
     USING hnsw ((embedding::vector(${dimension})) vector_cosine_ops)
     WHERE vector_dims(embedding) = ${dimension}`,
  );
}
