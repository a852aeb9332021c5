import type { SqlClient } from "./sql-client.ts";

export async function saveDraft(db: SqlClient, draft: { id: string; park: string; year: number; kind: string; request: unknown; result: unknown }): Promise<void> {
  await db.query("INSERT INTO drafts (id, park, year, kind, request, result) VALUES ($1, $2, $3, $4, $5, $6)", [
    draft.id, draft.park, draft.year, draft.kind, JSON.stringify(draft.request), JSON.stringify(draft.result),
  ]);
}

export async function getDraft(db: SqlClient, id: string): Promise<{ id: string; park: string; year: number; kind: string; request: unknown; result: unknown } | null> {
  const { rows } = await db.query<{ id: string; park: string; year: number; kind: string; request: unknown; result: unknown }>(
    "SELECT id, park, year, kind, request, result FROM drafts WHERE id = $1", [id],
  );
  const row = rows[0];
  if (!row) return null;
  const parse = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);
  return { ...row, year: Number(row.year), request: parse(row.request), result: parse(row.result) };
}
