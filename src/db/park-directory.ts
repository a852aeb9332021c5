import { knownParkNames } from "../domain/park-names.ts";
import type { KnownPark } from "../verify/parks.ts";
import { listParkAliases } from "./documents-repo.ts";
import type { SqlClient } from "./sql-client.ts";

/**
 * The parks on record (distinct parks of facts and documents) with every name a text may call them by: short
 * forms (江屿经济开发区 → 江屿) and the names their documents use (桐山高新区 for a park stored as P-07).
 * Two small queries; the answerer passes the vocabulary it already holds instead (`knownParkNames`).
 */
export async function parksOnRecord(db: SqlClient): Promise<KnownPark[]> {
  const [parks, aliases] = await Promise.all([
    db.query<{ park: string }>("SELECT park FROM facts GROUP BY park UNION SELECT park FROM documents WHERE park <> ''"),
    listParkAliases(db),
  ]);
  return knownParkNames({ parks: parks.rows.map((row) => row.park), aliases });
}
