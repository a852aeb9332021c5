import type { SqlExecutor } from "./sql-client.ts";

/**
 * Rows per INSERT by default: well under Postgres's 65,535 parameters for our widest table (24 columns), and
 * small enough that one statement on embedded PGlite (which runs on the event loop) takes tens of milliseconds.
 */
const ROWS_PER_STATEMENT = 200;

/**
 * Insert many rows with multi-row INSERTs inside the caller's transaction (one round trip per 500 rows instead of
 * one per row). `placeholders` wraps a column's parameter (`to_tsvector('simple', $n)`, `$n::vector`) when given.
 */
export async function insertRows(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  options: { placeholders?: Partial<Record<string, (parameter: string) => string>>; suffix?: string; rowsPerStatement?: number } = {},
): Promise<void> {
  const size = options.rowsPerStatement ?? ROWS_PER_STATEMENT;
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = columns.map((column, index) => {
        values.push(row[index]);
        const parameter = `$${values.length}`;
        return options.placeholders?.[column]?.(parameter) ?? parameter;
      });
      return `(${cells.join(", ")})`;
    });
    await tx.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}${options.suffix ? ` ${options.suffix}` : ""}`, values);
  }
}
