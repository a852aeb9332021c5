import pg from "pg";
import pgvector from "pgvector/pg";
import type { SqlClient, SqlExecutor } from "./sql-client.ts";

/**
 * Postgres over the `pg` Pool, with pgvector's type support registered on every connection.
 * @example const db = await openPostgres("postgres://user@localhost/park")
 */
export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // The extension must exist before registerTypes can look up the vector OID.
  const first = await pool.connect();
  try {
    await first.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (error) {
    // Two processes racing to create the extension: the loser sees a unique violation; the extension exists.
    if ((error as { code?: string }).code !== "23505") throw error;
  } finally {
    first.release();
  }
  pool.on("connect", (connection) => {
    void pgvector.registerTypes(connection);
  });
  const client: SqlClient = {
    kind: "postgres",
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await pool.query(text, params);
      return { rows: result.rows as Row[] };
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const executor: SqlExecutor = {
          async query<Row>(text: string, params: unknown[] = []) {
            const result = await connection.query(text, params);
            return { rows: result.rows as Row[] };
          },
        };
        const value = await work(executor);
        await connection.query("COMMIT");
        return value;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      await pool.end();
    },
  };
  return client;
}
