-- After the event: people across events, employer feedback and offers, follow-up plans, the status register
-- and imported history. Nothing here cascades: a row that later records depend on cannot be removed.

-- A person is who the statistics count once, across interviews, events and imported history. The key is a
-- pseudonym: random letters for people registered in the tool, the region's own key for imported history.
-- Never a national ID number: the import refuses one, and the CHECK refuses a run of eleven digits.
CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  region_id   INTEGER NOT NULL REFERENCES region(id),
  person_key  TEXT NOT NULL CHECK (length(person_key) BETWEEN 1 AND 64
                AND person_key NOT GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'),
  source      TEXT NOT NULL CHECK (source IN ('tool', 'import')),
  created_at  TEXT NOT NULL,
  UNIQUE (region_id, person_key)
);

ALTER TABLE candidate ADD COLUMN person_id INTEGER REFERENCES person(id);

-- Backfill: one person per existing candidate. Random keys use letters only (hex digits mapped to g–p), so a
-- generated key never looks like a national ID number.
CREATE TEMP TABLE backfill_person AS
  SELECT c.id AS candidate_id, e.region_id AS region_id, c.created_at AS created_at,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(hex(randomblob(16))),
      '0', 'g'), '1', 'h'), '2', 'i'), '3', 'j'), '4', 'k'), '5', 'l'), '6', 'm'), '7', 'n'), '8', 'o'), '9', 'p')
      AS person_key
  FROM candidate c JOIN event e ON e.id = c.event_id;
INSERT INTO person (region_id, person_key, source, created_at)
  SELECT region_id, person_key, 'tool', created_at FROM backfill_person ORDER BY candidate_id;
UPDATE candidate SET person_id = (
  SELECT p.id FROM backfill_person b JOIN person p ON p.region_id = b.region_id AND p.person_key = b.person_key
  WHERE b.candidate_id = candidate.id
);
DROP TABLE backfill_person;

CREATE INDEX candidate_by_person ON candidate (person_id);
-- A person is at most once on an event (two interviews there are one candidate row).
CREATE UNIQUE INDEX candidate_person_once ON candidate (event_id, person_id);

-- Every candidate the booking form registers becomes a new person; "the same candidate to another event"
-- inserts the candidate with person_id already set.
CREATE TRIGGER candidate_gets_person AFTER INSERT ON candidate WHEN NEW.person_id IS NULL
BEGIN
  INSERT INTO person (region_id, person_key, source, created_at) VALUES (
    (SELECT region_id FROM event WHERE id = NEW.event_id),
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(hex(randomblob(16))),
      '0', 'g'), '1', 'h'), '2', 'i'), '3', 'j'), '4', 'k'), '5', 'l'), '6', 'm'), '7', 'n'), '8', 'o'), '9', 'p'),
    'tool', NEW.created_at);
  -- Inside a trigger last_insert_rowid() is the person; the caller still sees the candidate's id afterwards.
  UPDATE candidate SET person_id = last_insert_rowid() WHERE id = NEW.id;
END;

-- The employer's feedback on one interview (a booking), given through the participation's link.
CREATE TABLE feedback (
  id                  INTEGER PRIMARY KEY,
  booking_id          INTEGER NOT NULL UNIQUE REFERENCES booking(id),
  assessment          TEXT NOT NULL CHECK (assessment IN ('aktuell', 'kanskje', 'ikke-aktuell')),
  handshake           TEXT NOT NULL CHECK (handshake IN ('good', 'needs-work', 'not-assessed')),
  language            TEXT NOT NULL CHECK (language IN ('good', 'needs-work', 'not-assessed')),
  eye_contact         TEXT NOT NULL CHECK (eye_contact IN ('good', 'needs-work', 'not-assessed')),
  -- Free text for the candidate.
  message             TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  second_interview_on TEXT CHECK (second_interview_on IS NULL OR second_interview_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  decision            TEXT NOT NULL CHECK (decision IN ('offer', 'maybe', 'no-offer')),
  decide_by           TEXT CHECK (decide_by IS NULL OR decide_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK ((decision = 'maybe') = (decide_by IS NOT NULL))
);

-- Short notes kept apart by who said them: the employer, or the candidate.
CREATE TABLE feedback_note (
  id          INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback(id),
  speaker     TEXT NOT NULL CHECK (speaker IN ('employer', 'candidate')),
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
  UNIQUE (feedback_id, speaker, position)
);

-- At most one offer per interview; a candidate with two interviews can get two offers in one evening.
CREATE TABLE offer (
  id          INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL UNIQUE REFERENCES feedback(id),
  type        TEXT NOT NULL CHECK (type IN ('arbeidstrening', 'lonnstilskudd', 'ordinar', 'midlertidig')),
  answer      TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'accepted', 'declined')),
  answered_on TEXT,
  answered_by TEXT,
  created_at  TEXT NOT NULL,
  CHECK ((answer = 'pending') = (answered_on IS NULL))
);

-- The follow-up of an accepted offer. Due dates are not stored: outcomes.rules derives them from start_on.
CREATE TABLE follow_up (
  id                 INTEGER PRIMARY KEY,
  offer_id           INTEGER NOT NULL UNIQUE REFERENCES offer(id),
  -- The oppstartsmøte at the workplace, which is also the start.
  start_on           TEXT NOT NULL CHECK (start_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  place              TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  kickoff_done_on    TEXT,
  first_done_on      TEXT,
  evaluation_done_on TEXT,
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL
);

-- The status register: a dated snapshot per person and cohort year. Snapshots are added, never changed.
CREATE TABLE status_snapshot (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  cohort_year INTEGER NOT NULL CHECK (cohort_year BETWEEN 2000 AND 2100),
  status      TEXT NOT NULL CHECK (status IN ('in-work', 'disabled', 'not-registered', 'measure',
                'registered', 'changed-group', 'unemployment-benefit', 'clarified')),
  as_of       TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX status_by_person ON status_snapshot (person_id, cohort_year, as_of);
CREATE TRIGGER status_snapshot_never_changed BEFORE UPDATE ON status_snapshot
BEGIN SELECT RAISE(ABORT, 'status-snapshot-is-history'); END;

-- Past participations a region brings in from before the tool (event date, person key, employer).
CREATE TABLE history_import (
  id          INTEGER PRIMARY KEY,
  region_id   INTEGER NOT NULL REFERENCES region(id),
  lines       INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE TABLE history_participation (
  id         INTEGER PRIMARY KEY,
  import_id  INTEGER NOT NULL REFERENCES history_import(id),
  region_id  INTEGER NOT NULL REFERENCES region(id),
  event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  employer   TEXT NOT NULL CHECK (length(employer) BETWEEN 1 AND 120),
  UNIQUE (region_id, event_date, person_id, employer)
);
CREATE INDEX history_by_person ON history_participation (person_id);

-- Last line of defence: an interview with feedback is not cancelled or moved (the pages refuse first, with a reason).
CREATE TRIGGER booking_keeps_feedback BEFORE DELETE ON booking
WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.booking_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'booking-has-feedback'); END;
