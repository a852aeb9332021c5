import type { SqlClient } from "./sql-client.ts";

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  /** The resolved query object of a user turn (indicators, years, park …), for follow-ups. */
  query: unknown;
  createdAt: string;
}

/** Create a conversation when `id` is absent or unknown; returns its id. */
export async function ensureConversation(db: SqlClient, id: string | undefined, channel: string, park?: string): Promise<string> {
  if (id) {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM conversations WHERE id = $1", [id]);
    if (rows.length) return id;
  }
  const newId = id && /^[\w:.-]{1,200}$/.test(id) ? id : crypto.randomUUID();
  await db.query("INSERT INTO conversations (id, channel, park) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", [newId, channel, park ?? null]);
  return newId;
}

export async function appendMessage(db: SqlClient, conversationId: string, role: "user" | "assistant", content: string, query?: unknown): Promise<void> {
  await db.query(
    "INSERT INTO messages (id, conversation_id, role, content, query) VALUES ($1, $2, $3, $4, $5)",
    [crypto.randomUUID(), conversationId, role, content, query === undefined ? null : JSON.stringify(query)],
  );
}

/** The last `limit` messages, oldest first. */
export async function recentMessages(db: SqlClient, conversationId: string, limit = 10): Promise<StoredMessage[]> {
  const { rows } = await db.query<{ id: string; role: "user" | "assistant"; content: string; query: unknown; created_at: string | Date }>(
    `SELECT id, role, content, query, created_at FROM (
       SELECT * FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) recent
     ORDER BY created_at ASC`,
    [conversationId, limit],
  );
  return rows.map((row) => ({
    id: row.id, role: row.role, content: row.content,
    query: typeof row.query === "string" ? JSON.parse(row.query) : row.query,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
