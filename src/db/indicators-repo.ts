import type { Indicator } from "../domain/indicators.ts";
import type { SqlClient } from "./sql-client.ts";

/**
 * Mirror the code's indicator vocabulary into the `indicators` table (one statement), so SQL clients and
 * reports see the same keys, labels, aliases and unit kinds the extractor uses.
 */
export async function syncIndicators(db: SqlClient, vocabulary: readonly Indicator[]): Promise<void> {
  await db.query(
    `INSERT INTO indicators (key, label, aliases, unit_kind)
     SELECT item->>'key', item->>'label', ARRAY(SELECT jsonb_array_elements_text(item->'aliases')), item->>'unitKind'
     FROM jsonb_array_elements($1::jsonb) AS item
     ON CONFLICT (key) DO UPDATE SET label = EXCLUDED.label, aliases = EXCLUDED.aliases, unit_kind = EXCLUDED.unit_kind`,
    [JSON.stringify(vocabulary.map(({ key, label, aliases, unitKind }) => ({ key, label, aliases, unitKind })))],
  );
}
