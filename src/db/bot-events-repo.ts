import type { SqlClient } from "./sql-client.ts";

/** How long a platform's event id is remembered (every platform retries within a day). */
const KEEP_DAYS = 7;

export type BotEventState = "pending" | "answered" | "failed";

/**
 * Record an event id the first time it arrives. True when this call recorded it (answer it); false when it
 * was recorded before (a retry or a replay: do not answer again).
 */
export async function claimBotEvent(db: SqlClient, platform: string, eventId: string): Promise<boolean> {
  const { rows } = await db.query<{ event_id: string }>(
    "INSERT INTO bot_events (platform, event_id) VALUES ($1, $2) ON CONFLICT (platform, event_id) DO NOTHING RETURNING event_id",
    [platform, eventId],
  );
  if (rows.length && Math.random() < 0.02) {
    await db.query(`DELETE FROM bot_events WHERE received_at < now() - interval '${KEEP_DAYS} days'`);
  }
  return rows.length > 0;
}

export async function finishBotEvent(db: SqlClient, platform: string, eventId: string, state: BotEventState, reply: string | null): Promise<void> {
  await db.query("UPDATE bot_events SET state = $3, reply = $4 WHERE platform = $1 AND event_id = $2", [platform, eventId, state, reply]);
}

export async function botEvent(db: SqlClient, platform: string, eventId: string): Promise<{ state: BotEventState; reply: string | null } | null> {
  const { rows } = await db.query<{ state: BotEventState; reply: string | null }>(
    "SELECT state, reply FROM bot_events WHERE platform = $1 AND event_id = $2", [platform, eventId],
  );
  return rows[0] ?? null;
}
