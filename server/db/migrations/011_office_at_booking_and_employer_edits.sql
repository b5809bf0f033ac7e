-- Issue 13.
-- 1. The veileder's office when a candidate was booked: statistics per office count a booking under the
--    office the veileder belonged to then, not wherever they work now. Earlier rows get today's office
--    (the best we know).
ALTER TABLE candidate ADD COLUMN office_id INTEGER REFERENCES office(id);
UPDATE candidate SET office_id = (SELECT w.office_id FROM caseworker w WHERE w.id = candidate.caseworker_id);

-- 2. What an employer changed through its link (tasks, training, requirements), for the coordinator.
CREATE TABLE participation_change (
  id               INTEGER PRIMARY KEY,
  participation_id INTEGER NOT NULL REFERENCES participation(id) ON DELETE CASCADE,
  changed_at       TEXT NOT NULL,
  actor            TEXT NOT NULL CHECK (actor IN ('employer')),
  -- JSON array of { field, before, after }.
  changes          TEXT NOT NULL CHECK (json_valid(changes))
);
CREATE INDEX participation_change_by_participation ON participation_change (participation_id, changed_at);
