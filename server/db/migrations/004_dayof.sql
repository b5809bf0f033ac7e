-- The day itself: participant numbers, arrivals, interview stages, room delays and the host's action log.

-- A number per candidate for the day: stable, never reused within the event.
ALTER TABLE candidate ADD COLUMN participant_number INTEGER;
UPDATE candidate SET participant_number = (
  SELECT count(*) FROM candidate c2 WHERE c2.event_id = candidate.event_id AND c2.id <= candidate.id
);
CREATE UNIQUE INDEX candidate_number ON candidate (event_id, participant_number);

ALTER TABLE candidate ADD COLUMN arrived_at TEXT;
ALTER TABLE candidate ADD COLUMN pep_talk_at TEXT;
ALTER TABLE candidate ADD COLUMN no_show_at TEXT;
-- Bumped by every host action on the candidate, so two tablets cannot silently overwrite each other.
ALTER TABLE candidate ADD COLUMN day_version INTEGER NOT NULL DEFAULT 0;

ALTER TABLE booking ADD COLUMN stage TEXT NOT NULL DEFAULT 'scheduled'
  CHECK (stage IN ('scheduled', 'in-room', 'finished', 'no-show'));
ALTER TABLE booking ADD COLUMN started_at TEXT;
ALTER TABLE booking ADD COLUMN finished_at TEXT;

ALTER TABLE participation ADD COLUMN delay_minutes INTEGER NOT NULL DEFAULT 0
  CHECK (delay_minutes BETWEEN 0 AND 180);

-- Every host action, keyed by the id the tablet generated: a retried action is applied once.
CREATE TABLE host_action (
  id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
  event_id   INTEGER NOT NULL REFERENCES event(id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  kind       TEXT NOT NULL,
  candidate_id INTEGER,
  booking_id INTEGER,
  participation_id INTEGER,
  -- What the action changed, so "undo" can put it back.
  before     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(before)),
  undone_at  TEXT
);
CREATE INDEX host_action_by_event ON host_action (event_id, at);
