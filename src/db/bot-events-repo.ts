import type { SqlClient } from "./sql-client.ts";

/** How long a platform's event id is remembered (every platform retries within a day). */
const KEEP_DAYS = 7;
/**
 * A claim whose answer has not been recorded after this long is taken to have died with its process (a crash, a
 * redeploy, a Workers isolate cut off): the platform's next retry may claim it again.
 */
export const CLAIM_LEASE_S = 120;

/**
 * pending: being answered; passive: answered in the callback's own response (a retry is sent it again);
 * answered: delivered through the platform's API; failed: delivery failed (a retry answers again).
 */
export type BotEventState = "pending" | "passive" | "answered" | "failed";

/**
 * Record an event id the first time it arrives. True when this call recorded it (answer it); false when it was
 * recorded before (a retry or a replay: do not answer again) — unless that earlier claim failed to deliver or
 * has been pending past the lease, in which case this call takes it over.
 */
export async function claimBotEvent(db: SqlClient, platform: string, eventId: string): Promise<boolean> {
  const { rows } = await db.query<{ event_id: string }>(
    `INSERT INTO bot_events (platform, event_id) VALUES ($1, $2)
     ON CONFLICT (platform, event_id) DO UPDATE SET state = 'pending', reply = NULL, received_at = now()
       WHERE bot_events.state = 'failed' OR (bot_events.state = 'pending' AND bot_events.received_at < now() - interval '${CLAIM_LEASE_S} seconds')
     RETURNING event_id`,
    [platform, eventId],
  );
  return rows.length > 0;
}

/** Forget event ids older than a week (no platform retries that late). */
export async function pruneBotEvents(db: SqlClient): Promise<void> {
  await db.query(`DELETE FROM bot_events WHERE received_at < now() - interval '${KEEP_DAYS} days'`);
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
