import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import type { SqlClient, SqlExecutor } from "./sql-client.ts";

/**
 * Embedded Postgres (WASM) with pgvector. `dataDir` undefined → in memory (tests).
 * @example const db = await openPglite("./data/pglite")
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const pg = await PGlite.create(dataDir ? { dataDir, extensions: { vector } } : { extensions: { vector } });
  await pg.exec("CREATE EXTENSION IF NOT EXISTS vector");
  // PGlite is single-connection: serialize transactions so two requests never interleave inside one.
  let queue: Promise<unknown> = Promise.resolve();
  const client: SqlClient = {
    kind: "pglite",
    async query<Row>(text: string, params: unknown[] = []) {
      await queue.catch(() => undefined);
      const result = await pg.query<Row>(text, params);
      return { rows: result.rows };
    },
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const run = queue.catch(() => undefined).then(() =>
        pg.transaction(async (tx) => {
          const executor: SqlExecutor = {
            async query<Row>(text: string, params: unknown[] = []) {
              const result = await tx.query<Row>(text, params);
              return { rows: result.rows };
            },
          };
          return work(executor);
        }),
      );
      queue = run;
      return run as Promise<T>;
    },
    async exec(text: string) {
      await pg.exec(text);
    },
    async close() {
      await pg.close();
    },
  };
  return client;
}
