-- Messages and events the bots have received, by the platform's own id: a platform's retry, or the same
-- callback after a restart, is answered once. The reply is kept for channels that ask for it again
-- (the WeCom intelligent bot's stream refreshes).
CREATE TABLE IF NOT EXISTS bot_events (
  platform     text NOT NULL,
  event_id     text NOT NULL,
  state        text NOT NULL DEFAULT 'pending',
  reply        text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_id)
);
CREATE INDEX IF NOT EXISTS bot_events_received ON bot_events (received_at);
