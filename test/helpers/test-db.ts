import { loadMigrationsFromDisk } from "../../src/db/load-migrations.ts";
import { migrate } from "../../src/db/migrate.ts";
import { openPglite } from "../../src/db/pglite-client.ts";
import { openPostgres } from "../../src/db/pg-client.ts";
import type { SqlClient } from "../../src/db/sql-client.ts";

export interface TestDatabase {
  name: string;
  open(): Promise<{ db: SqlClient; dispose(): Promise<void> }>;
}

/** A fresh migrated in-memory PGlite. */
export const pgliteDatabase: TestDatabase = {
  name: "pglite",
  async open() {
    const db = await openPglite();
    await migrate(db, await loadMigrationsFromDisk());
    return { db, dispose: () => db.close() };
  },
};

/** A fresh schema on the real Postgres at PG_TEST_URL, dropped afterwards. */
export function postgresDatabase(url: string): TestDatabase {
  return {
    name: "postgres",
    async open() {
      const schema = `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
      const admin = await openPostgres(url, { max: 1 });
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const separator = url.includes("?") ? "&" : "?";
      const db = await openPostgres(`${url}${separator}options=${encodeURIComponent(`-c search_path=${schema},public`)}`);
      await migrate(db, await loadMigrationsFromDisk());
      return {
        db,
        async dispose() {
          await db.close();
          await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
          await admin.close();
        },
      };
    },
  };
}

/** The databases a contract suite runs on: PGlite always, Postgres when PG_TEST_URL is set. */
export function testDatabases(): TestDatabase[] {
  const url = process.env.PG_TEST_URL;
  return url ? [pgliteDatabase, postgresDatabase(url)] : [pgliteDatabase];
}
