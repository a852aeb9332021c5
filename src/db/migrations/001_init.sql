-- Core schema: documents, chunks (vector + tsvector), indicators, facts, conversations, drafts, audit log.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE IF NOT EXISTS documents (
  id          text PRIMARY KEY,
  park        text NOT NULL DEFAULT '',
  year        integer,
  kind        text NOT NULL DEFAULT 'other' CHECK (kind IN ('summary', 'plan', 'report', 'other')),
  title       text NOT NULL DEFAULT '',
  source      text,
  sha256      text NOT NULL UNIQUE,
  text        text NOT NULL,
  original    text,
  offset_map  jsonb,
  warnings    jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS documents_park_year ON documents (park, year);

CREATE TABLE IF NOT EXISTS chunks (
  id            text PRIMARY KEY,
  document_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord           integer NOT NULL,
  section_path  text NOT NULL DEFAULT '',
  text          text NOT NULL,
  start_offset  integer NOT NULL,
  end_offset    integer NOT NULL,
  park          text NOT NULL DEFAULT '',
  year          integer,
  kind          text,
  tokens        tsvector,
  -- Dimension belongs to the embedder; all rows share it (npm run reembed switches).
  embedding     vector,
  UNIQUE (document_id, ord)
);
CREATE INDEX IF NOT EXISTS chunks_tokens_gin ON chunks USING gin (tokens);
CREATE INDEX IF NOT EXISTS chunks_park_year ON chunks (park, year);

CREATE TABLE IF NOT EXISTS indicators (
  key        text PRIMARY KEY,
  label      text NOT NULL,
  aliases    text[] NOT NULL DEFAULT '{}',
  unit_kind  text NOT NULL DEFAULT 'other'
);

CREATE TABLE IF NOT EXISTS facts (
  id             text PRIMARY KEY,
  park           text NOT NULL,
  period         text NOT NULL,
  year           integer NOT NULL,
  indicator_key  text NOT NULL,
  label          text NOT NULL,
  scope          text NOT NULL DEFAULT '园区',
  value          double precision NOT NULL,
  unit           text NOT NULL DEFAULT '',
  value_base     double precision NOT NULL,
  base_unit      text NOT NULL DEFAULT '',
  yoy_pct        double precision,
  qualifier      text NOT NULL DEFAULT 'exact',
  status         text NOT NULL DEFAULT 'actual',
  decimals       integer NOT NULL DEFAULT 0,
  document_id    text REFERENCES documents (id) ON DELETE CASCADE,
  chunk_id       text REFERENCES chunks (id) ON DELETE CASCADE,
  span_start     integer,
  span_end       integer,
  quote          text NOT NULL DEFAULT '',
  origin         text NOT NULL CHECK (origin IN ('text', 'stats')),
  confidence     double precision NOT NULL DEFAULT 1,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS facts_lookup ON facts (park, year, indicator_key);
CREATE INDEX IF NOT EXISTS facts_document ON facts (document_id);
-- One imported statistic per (park, period, indicator, scope, status): a re-import replaces it.
CREATE UNIQUE INDEX IF NOT EXISTS facts_stats_unique ON facts (park, period, indicator_key, scope, status) WHERE origin = 'stats';

CREATE TABLE IF NOT EXISTS conversations (
  id          text PRIMARY KEY,
  channel     text NOT NULL DEFAULT 'api',
  park        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS messages (
  id               text PRIMARY KEY,
  conversation_id  text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role             text NOT NULL CHECK (role IN ('user', 'assistant')),
  content          text NOT NULL,
  query            jsonb,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, created_at);

CREATE TABLE IF NOT EXISTS drafts (
  id          text PRIMARY KEY,
  park        text NOT NULL,
  year        integer NOT NULL,
  kind        text NOT NULL,
  request     jsonb NOT NULL,
  result      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text,
  action      text NOT NULL,
  target      text,
  detail      jsonb
);

CREATE TABLE IF NOT EXISTS settings (
  key    text PRIMARY KEY,
  value  text NOT NULL
);
