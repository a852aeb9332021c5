-- Names a document uses for its park and the sub-parks it speaks of (桐山高新区 for a park stored as an office's
-- own label; 青溪开发区 beside 青溪经济开发区). Questions and the verifier resolve park names through them.
CREATE TABLE IF NOT EXISTS park_aliases (
  document_id  text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  park         text NOT NULL,
  alias        text NOT NULL,
  mentions     integer NOT NULL DEFAULT 1,
  PRIMARY KEY (document_id, alias)
);
CREATE INDEX IF NOT EXISTS park_aliases_alias ON park_aliases (alias);

-- The words each figure is stated with (the clause before it), for matching questions on open vocabulary.
ALTER TABLE facts ADD COLUMN IF NOT EXISTS context text NOT NULL DEFAULT '';
