import type { SqlClient } from "./sql-client.ts";

export async function getSetting(db: SqlClient, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [key]);
  return rows[0]?.value ?? null;
}

export async function setSetting(db: SqlClient, key: string, value: string): Promise<void> {
  await db.query(
    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    [key, value],
  );
}
