import type { SqlClient } from "./sql-client.ts";

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

export async function appendAudit(db: SqlClient, entry: AuditEntry): Promise<void> {
  await db.query("INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4)", [
    entry.actor, entry.action, entry.target, JSON.stringify(entry.detail ?? {}),
  ]);
}

export async function recentAudit(db: SqlClient, limit = 50): Promise<Array<AuditEntry & { at: string }>> {
  const { rows } = await db.query<{ actor: string; action: string; target: string; detail: unknown; at: string | Date }>(
    "SELECT actor, action, target, detail, at FROM audit_log ORDER BY id DESC LIMIT $1", [limit],
  );
  return rows.map((row) => ({
    actor: row.actor, action: row.action, target: row.target, at: new Date(row.at).toISOString(),
    detail: (typeof row.detail === "string" ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
  }));
}
