-- One truth for the plan: a room holds one employer at a time, a person is registered once per veileder and
-- event, and a booking keeps one calendar identity through moves.

-- A samtalerom holds one participation at a time within an event. Slots are checked as they are written, so
-- both a new participation and a changed room (its slots are re-synced in the same transaction) are covered.
CREATE TRIGGER slot_room_free BEFORE INSERT ON slot
WHEN EXISTS (
  SELECT 1 FROM participation me
  JOIN participation other ON other.event_id = me.event_id AND other.room_id = me.room_id AND other.id <> me.id
  JOIN slot s ON s.participation_id = other.id
  WHERE me.id = NEW.participation_id AND me.room_id IS NOT NULL
    AND s.starts_at < NEW.ends_at AND NEW.starts_at < s.ends_at
)
BEGIN SELECT RAISE(ABORT, 'room-taken'); END;

CREATE TRIGGER participation_room_free BEFORE UPDATE OF room_id ON participation
WHEN NEW.room_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM participation other
  JOIN slot s ON s.participation_id = other.id
  JOIN slot mine ON mine.participation_id = NEW.id
  WHERE other.event_id = NEW.event_id AND other.room_id = NEW.room_id AND other.id <> NEW.id
    AND s.starts_at < mine.ends_at AND mine.starts_at < s.ends_at
)
BEGIN SELECT RAISE(ABORT, 'room-taken'); END;

-- The person's name folded for comparison (case, spacing, Unicode form), set by the service on insert.
ALTER TABLE candidate ADD COLUMN name_key TEXT;
UPDATE candidate SET name_key = lower(replace(trim(display_name), ' ', ''));
CREATE INDEX candidate_identity ON candidate (event_id, caseworker_id, birth_year, name_key);

CREATE TRIGGER candidate_once BEFORE INSERT ON candidate
WHEN NEW.name_key IS NOT NULL AND EXISTS (
  SELECT 1 FROM candidate c
  WHERE c.event_id = NEW.event_id AND c.caseworker_id = NEW.caseworker_id
    AND c.birth_year = NEW.birth_year AND c.name_key = NEW.name_key
)
BEGIN SELECT RAISE(ABORT, 'candidate-exists'); END;

-- A calendar entry keeps its UID through moves (a move makes a new booking row) and raises SEQUENCE on each change.
ALTER TABLE booking ADD COLUMN calendar_uid TEXT;
ALTER TABLE booking ADD COLUMN calendar_seq INTEGER NOT NULL DEFAULT 0;

-- Change mails ("a coordinator moved your booking") and short notices are outbox kinds of their own. SQLite cannot
-- alter a CHECK, so the table is rebuilt with the same columns.
CREATE TABLE mail_outbox_new (
  id               INTEGER PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 400),
  kind             TEXT NOT NULL CHECK (kind IN ('digest', 'reminder', 'confirmation', 'promotion', 'new-employer',
                                                 'change', 'notice')),
  to_addr          TEXT NOT NULL CHECK (length(to_addr) BETWEEN 3 AND 200),
  reply_to         TEXT,
  subject          TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text_body        TEXT NOT NULL,
  html_body        TEXT,
  attachments      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT NOT NULL,
  claim_token      TEXT,
  claimed_at       TEXT,
  last_error       TEXT,
  location         TEXT,
  sent_at          TEXT,
  created_at       TEXT NOT NULL,
  CHECK ((status = 'sending') = (claim_token IS NOT NULL))
);
INSERT INTO mail_outbox_new SELECT id, idempotency_key, kind, to_addr, reply_to, subject, text_body, html_body,
  attachments, status, attempts, next_attempt_at, claim_token, claimed_at, last_error, location, sent_at, created_at
  FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
