-- More event formats (Speedintervju, Minijobbmesse) and group slots. The rules live in server/events/formats.ts;
-- the database keeps the same invariants so a bug in a rule cannot overfill a slot, a room or an event.

-- The format is chosen when an event is created; copies and series carry it.
ALTER TABLE event ADD COLUMN format TEXT NOT NULL DEFAULT 'ta-sjansen'
  CHECK (format IN ('ta-sjansen', 'speedintervju', 'minijobbmesse'));
-- How many people may register for a Minijobbmesse (no slots there); NULL for slot-based formats.
ALTER TABLE event ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000);

-- A format cannot change once employers or candidates are on the event: their slots and rules would not fit.
CREATE TRIGGER event_format_fixed BEFORE UPDATE OF format ON event
WHEN OLD.format <> NEW.format AND (
  EXISTS (SELECT 1 FROM participation p WHERE p.event_id = OLD.id)
  OR EXISTS (SELECT 1 FROM candidate c WHERE c.event_id = OLD.id)
)
BEGIN SELECT RAISE(ABORT, 'format-fixed'); END;

-- Group slots: a slot of this participation holds up to slot_capacity candidates (1 = one interview per slot).
ALTER TABLE participation ADD COLUMN slot_capacity INTEGER NOT NULL DEFAULT 1 CHECK (slot_capacity BETWEEN 1 AND 10);
-- Speedintervju: the NAV staff who lead the interviews in this room, as [{"name": …, "role": …}].
ALTER TABLE participation ADD COLUMN panel TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(panel) AND json_type(panel) = 'array');

-- booking.slot_id was UNIQUE (one candidate per slot). SQLite cannot drop a constraint, so the table is rebuilt with
-- the same columns and ids; the slot's capacity is guarded by a trigger instead. Foreign keys are off while
-- migrations run (server/db/migrate.ts checks them before each commit).
CREATE TABLE booking_new (
  -- AUTOINCREMENT: a cancelled booking's id is never reused, so the audit log and host actions stay unambiguous.
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  slot_id          INTEGER NOT NULL,
  participation_id INTEGER NOT NULL,
  candidate_id     INTEGER NOT NULL REFERENCES candidate(id),
  -- Copied from the slot so overlap can be checked without joins; kept equal by the service.
  starts_at        TEXT NOT NULL,
  ends_at          TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  stage            TEXT NOT NULL DEFAULT 'scheduled' CHECK (stage IN ('scheduled', 'in-room', 'finished', 'no-show')),
  started_at       TEXT,
  finished_at      TEXT,
  calendar_uid     TEXT,
  calendar_seq     INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (slot_id, participation_id) REFERENCES slot (id, participation_id),
  -- Never twice with the same employer participation.
  UNIQUE (candidate_id, participation_id)
);
INSERT INTO booking_new (id, slot_id, participation_id, candidate_id, starts_at, ends_at, version, created_at,
  created_by, stage, started_at, finished_at, calendar_uid, calendar_seq)
  SELECT id, slot_id, participation_id, candidate_id, starts_at, ends_at, version, created_at,
  created_by, stage, started_at, finished_at, calendar_uid, calendar_seq FROM booking;
-- Keep AUTOINCREMENT's high-water mark, so ids of cancelled bookings are still never reused.
DELETE FROM sqlite_sequence WHERE name = 'booking_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'booking_new', seq FROM sqlite_sequence WHERE name = 'booking';
DROP TABLE booking;
ALTER TABLE booking_new RENAME TO booking;
CREATE INDEX booking_by_candidate ON booking (candidate_id);
CREATE INDEX booking_by_slot ON booking (slot_id);

-- The slot's capacity (1 unless the participation takes group interviews).
CREATE TRIGGER booking_slot_capacity BEFORE INSERT ON booking
WHEN (SELECT count(*) FROM booking b WHERE b.slot_id = NEW.slot_id) >=
     (SELECT p.slot_capacity FROM participation p WHERE p.id = NEW.participation_id)
BEGIN SELECT RAISE(ABORT, 'slot-taken'); END;

CREATE TRIGGER booking_slot_capacity_on_move BEFORE UPDATE OF slot_id ON booking
WHEN NEW.slot_id <> OLD.slot_id AND (SELECT count(*) FROM booking b WHERE b.slot_id = NEW.slot_id) >=
     (SELECT p.slot_capacity FROM participation p WHERE p.id = NEW.participation_id)
BEGIN SELECT RAISE(ABORT, 'slot-taken'); END;

-- A smaller group than the candidates already booked would silently overfill the slot.
CREATE TRIGGER participation_capacity_holds BEFORE UPDATE OF slot_capacity ON participation
WHEN NEW.slot_capacity < OLD.slot_capacity AND EXISTS (
  SELECT 1 FROM booking b WHERE b.participation_id = NEW.id GROUP BY b.slot_id HAVING count(*) > NEW.slot_capacity
)
BEGIN SELECT RAISE(ABORT, 'slot-capacity-below-bookings'); END;

-- The per-candidate guards, as before the rebuild.
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

CREATE TRIGGER booking_keeps_feedback BEFORE DELETE ON booking
WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.booking_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'booking-has-feedback'); END;

-- A Minijobbmesse has no slots: its rooms are open for the whole window.
CREATE TRIGGER slot_needs_slot_format BEFORE INSERT ON slot
WHEN (SELECT e.format FROM participation p JOIN event e ON e.id = p.event_id WHERE p.id = NEW.participation_id)
     = 'minijobbmesse'
BEGIN SELECT RAISE(ABORT, 'format-has-no-slots'); END;

-- … so an open room holds one employer for the whole event (slot-based formats are guarded per slot, 007).
CREATE TRIGGER participation_open_room_once BEFORE INSERT ON participation
WHEN NEW.room_id IS NOT NULL AND (SELECT format FROM event WHERE id = NEW.event_id) = 'minijobbmesse'
  AND EXISTS (SELECT 1 FROM participation o WHERE o.event_id = NEW.event_id AND o.room_id = NEW.room_id)
BEGIN SELECT RAISE(ABORT, 'room-taken'); END;

CREATE TRIGGER participation_open_room_once_on_change BEFORE UPDATE OF room_id ON participation
WHEN NEW.room_id IS NOT NULL AND (SELECT format FROM event WHERE id = NEW.event_id) = 'minijobbmesse'
  AND EXISTS (SELECT 1 FROM participation o WHERE o.event_id = NEW.event_id AND o.room_id = NEW.room_id AND o.id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'room-taken'); END;

-- A Minijobbmesse takes registrations up to its capacity; the last place goes to exactly one registration.
CREATE TRIGGER candidate_event_capacity BEFORE INSERT ON candidate
WHEN (SELECT format FROM event WHERE id = NEW.event_id) = 'minijobbmesse'
  AND (SELECT count(*) FROM candidate c WHERE c.event_id = NEW.event_id)
      >= (SELECT coalesce(capacity, 0) FROM event WHERE id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'event-full'); END;

-- A capacity below the registrations already taken would silently overfill the event.
CREATE TRIGGER event_capacity_holds BEFORE UPDATE OF capacity ON event
WHEN NEW.format = 'minijobbmesse'
  AND (SELECT count(*) FROM candidate c WHERE c.event_id = NEW.id) > coalesce(NEW.capacity, 0)
BEGIN SELECT RAISE(ABORT, 'capacity-below-registrations'); END;

-- Minijobbmesse: the host taps a visitor into an employer's open room and out again. One room at a time.
CREATE TABLE room_visit (
  id               INTEGER PRIMARY KEY,
  event_id         INTEGER NOT NULL REFERENCES event(id),
  candidate_id     INTEGER NOT NULL REFERENCES candidate(id),
  participation_id INTEGER NOT NULL REFERENCES participation(id),
  entered_at       TEXT NOT NULL,
  left_at          TEXT,
  CHECK (left_at IS NULL OR left_at >= entered_at)
);
CREATE UNIQUE INDEX room_visit_one_room_at_a_time ON room_visit (candidate_id) WHERE left_at IS NULL;
CREATE INDEX room_visit_by_event ON room_visit (event_id, participation_id);

-- Minijobbmesse: an employer notes whom they want to meet again (a note for NAV's follow-up, no assessment).
CREATE TABLE meet_again (
  participation_id INTEGER NOT NULL REFERENCES participation(id),
  candidate_id     INTEGER NOT NULL REFERENCES candidate(id),
  note             TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at       TEXT NOT NULL,
  PRIMARY KEY (participation_id, candidate_id)
);

-- Speedintervju: the panel's decision per candidate for the preparation course.
CREATE TABLE selection (
  candidate_id INTEGER PRIMARY KEY REFERENCES candidate(id),
  decision     TEXT NOT NULL CHECK (decision IN ('selected', 'not-selected', 'reserve')),
  note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  decided_by   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  updated_at   TEXT NOT NULL
);
