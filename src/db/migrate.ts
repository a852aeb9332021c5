import type { SqlClient } from "./sql-client.ts";

export interface Migration {
  name: string;
  sql: string;
}

// Any constant works; it only has to be the same for every process of this app.
const MIGRATION_LOCK = 7_241_903;

/**
 * Apply pending migrations in name order, each in its own transaction, recorded in `schema_migrations`.
 * Safe to run twice and from two processes at once: a session-level advisory lock serializes runners,
 * and each migration is re-checked under the lock.
 * @returns the names applied by this call
 */
export async function migrate(db: SqlClient, migrations: Migration[]): Promise<string[]> {
  const ordered = [...migrations].sort((a, b) => a.name.localeCompare(b.name));
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Transaction-scoped lock: released at commit even if this process dies.
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await tx.query<{ name: string }>("SELECT name FROM schema_migrations");
    const done = new Set(rows.map((row) => row.name));
    for (const migration of ordered) {
      if (done.has(migration.name)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [migration.name]);
      applied.push(migration.name);
    }
  });
  return applied;
}

/** Split a migration file into statements (no dollar-quoted bodies in our migrations). */
export function splitStatements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
