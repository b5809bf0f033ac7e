-- Booking: veiledere (caseworkers), candidates, bookings, waitlist and the audit log.
-- Invariants live here too, so a bug in a rule cannot double-book.

CREATE TABLE caseworker (
  id                 INTEGER PRIMARY KEY,
  email              TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  office_id          INTEGER REFERENCES office(id),
  manage_link_version INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL
);

-- Minimal candidate data (DESIGN.md §6): no national ID numbers, no diagnoses.
CREATE TABLE candidate (
  id                 INTEGER PRIMARY KEY,
  event_id           INTEGER NOT NULL REFERENCES event(id),
  caseworker_id      INTEGER NOT NULL REFERENCES caseworker(id),
  display_name       TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
  birth_year         INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
  eligibility        TEXT NOT NULL CHECK (eligibility IN ('spesielt-tilpasset', 'sykmeldt-uten-arbeidsgiver', 'annet')),
  backup_caseworker  TEXT NOT NULL DEFAULT '' CHECK (length(backup_caseworker) <= 100),
  caseworker_joins   INTEGER NOT NULL DEFAULT 0 CHECK (caseworker_joins IN (0, 1)),
  needs_adaptation   INTEGER NOT NULL DEFAULT 0 CHECK (needs_adaptation IN (0, 1)),
  -- Guards against a double-click creating the same candidate twice.
  request_key        TEXT UNIQUE,
  created_at         TEXT NOT NULL
);
CREATE INDEX candidate_by_event ON candidate (event_id);
CREATE INDEX candidate_by_caseworker ON candidate (caseworker_id);

CREATE TABLE booking (
  -- AUTOINCREMENT: a cancelled booking's id is never reused, so the audit log and host actions stay unambiguous.
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  slot_id          INTEGER NOT NULL UNIQUE,
  participation_id INTEGER NOT NULL,
  candidate_id     INTEGER NOT NULL REFERENCES candidate(id),
  -- Copied from the slot so overlap can be checked without joins; kept equal by the service.
  starts_at        TEXT NOT NULL,
  ends_at          TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  FOREIGN KEY (slot_id, participation_id) REFERENCES slot (id, participation_id),
  -- Never twice with the same employer participation.
  UNIQUE (candidate_id, participation_id)
);
CREATE INDEX booking_by_candidate ON booking (candidate_id);

-- Last line of defence for the per-candidate rules; the service checks first and gives better messages.
CREATE TRIGGER booking_no_overlap BEFORE INSERT ON booking
WHEN EXISTS (
  SELECT 1 FROM booking b WHERE b.candidate_id = NEW.candidate_id
    AND b.starts_at < NEW.ends_at AND NEW.starts_at < b.ends_at
)
BEGIN SELECT RAISE(ABORT, 'time-overlap'); END;

CREATE TRIGGER booking_max_per_candidate BEFORE INSERT ON booking
WHEN (SELECT count(*) FROM booking b WHERE b.candidate_id = NEW.candidate_id) >=
     (SELECT e.max_interviews FROM candidate c JOIN event e ON e.id = c.event_id WHERE c.id = NEW.candidate_id)
BEGIN SELECT RAISE(ABORT, 'candidate-max-interviews'); END;

CREATE TRIGGER booking_same_employer BEFORE INSERT ON booking
WHEN EXISTS (
  SELECT 1 FROM booking b
  JOIN participation p1 ON p1.id = b.participation_id
  JOIN participation p2 ON p2.id = NEW.participation_id
  WHERE b.candidate_id = NEW.candidate_id AND p1.employer_id = p2.employer_id
)
BEGIN SELECT RAISE(ABORT, 'same-employer'); END;

CREATE TABLE waitlist_entry (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  participation_id INTEGER NOT NULL REFERENCES participation(id),
  candidate_id     INTEGER NOT NULL REFERENCES candidate(id),
  created_at       TEXT NOT NULL,
  UNIQUE (participation_id, candidate_id)
);

-- Who did what to which booking, when. Holds ids, never candidate names.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES event(id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  booking_id INTEGER,
  candidate_id INTEGER,
  slot_id    INTEGER,
  details    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
CREATE INDEX audit_by_event ON audit_log (event_id, at);

-- Messages a veileder sees on their manage page (e.g. "promoted from the waitlist").
CREATE TABLE caseworker_notice (
  id            INTEGER PRIMARY KEY,
  caseworker_id INTEGER NOT NULL REFERENCES caseworker(id),
  at            TEXT NOT NULL,
  message       TEXT NOT NULL
);
