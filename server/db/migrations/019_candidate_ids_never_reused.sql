-- A candidate's id is never reused. Until a Minijobbmesse registration could be cancelled, no candidate row was
-- ever deleted; now one is, and SQLite's plain rowid would hand the same id to the next registration — which
-- would inherit the old one's mail idempotency keys, audit lines and exports. AUTOINCREMENT (as on booking)
-- rules that out. SQLite cannot add it to an existing table, so the table is rebuilt with the same columns, ids,
-- indexes and triggers (foreign keys are off while migrations run; server/db/migrate.ts checks them before commit).

-- The e-post page's scope view reads candidate; it is rebuilt around the table (and now also finds the event of a
-- mail about a cancelled registration, whose row is gone, through the audit log).
DROP VIEW mail_outbox_scope;

CREATE TABLE candidate_new (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
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
  created_at         TEXT NOT NULL,
  participant_number INTEGER,
  arrived_at         TEXT,
  pep_talk_at        TEXT,
  no_show_at         TEXT,
  day_version        INTEGER NOT NULL DEFAULT 0,
  person_id          INTEGER REFERENCES person(id),
  name_key           TEXT,
  identity           TEXT NOT NULL DEFAULT 'confirmed' CHECK (identity IN ('confirmed', 'unconfirmed')),
  office_id          INTEGER REFERENCES office(id)
);
INSERT INTO candidate_new (id, event_id, caseworker_id, display_name, birth_year, eligibility, backup_caseworker,
  caseworker_joins, needs_adaptation, request_key, created_at, participant_number, arrived_at, pep_talk_at,
  no_show_at, day_version, person_id, name_key, identity, office_id)
  SELECT id, event_id, caseworker_id, display_name, birth_year, eligibility, backup_caseworker,
  caseworker_joins, needs_adaptation, request_key, created_at, participant_number, arrived_at, pep_talk_at,
  no_show_at, day_version, person_id, name_key, identity, office_id FROM candidate;
-- Ids already handed out (a registration cancelled before this migration may have been the highest) stay used:
-- the high-water mark is the highest id any row that points at a candidate has ever named.
DELETE FROM sqlite_sequence WHERE name = 'candidate_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'candidate_new', max(
  coalesce((SELECT max(id) FROM candidate), 0),
  coalesce((SELECT max(candidate_id) FROM audit_log), 0),
  coalesce((SELECT max(candidate_id) FROM host_action), 0));
-- Triggers on other tables (booking, event) name candidate; in legacy mode the rename leaves them as they are, so
-- they read the new table under the old name instead of failing the rename for the moment it is missing.
PRAGMA legacy_alter_table = ON;
DROP TABLE candidate;
ALTER TABLE candidate_new RENAME TO candidate;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX candidate_by_event ON candidate (event_id);
CREATE INDEX candidate_by_caseworker ON candidate (caseworker_id);
CREATE UNIQUE INDEX candidate_number ON candidate (event_id, participant_number);
CREATE INDEX candidate_by_person ON candidate (person_id);
CREATE UNIQUE INDEX candidate_person_once ON candidate (event_id, person_id);
CREATE INDEX candidate_identity ON candidate (event_id, caseworker_id, birth_year, name_key);

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

CREATE TRIGGER candidate_once BEFORE INSERT ON candidate
WHEN NEW.name_key IS NOT NULL AND EXISTS (
  SELECT 1 FROM candidate c
  WHERE c.event_id = NEW.event_id AND c.caseworker_id = NEW.caseworker_id
    AND c.birth_year = NEW.birth_year AND c.name_key = NEW.name_key
)
BEGIN SELECT RAISE(ABORT, 'candidate-exists'); END;

CREATE TRIGGER candidate_event_capacity BEFORE INSERT ON candidate
WHEN (SELECT format FROM event WHERE id = NEW.event_id) = 'minijobbmesse'
  AND (SELECT count(*) FROM candidate c WHERE c.event_id = NEW.event_id)
      >= (SELECT coalesce(capacity, 0) FROM event WHERE id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'event-full'); END;

CREATE VIEW mail_outbox_scope AS
WITH keyed AS (
  SELECT id, created_at, location, idempotency_key AS k,
    CAST(substr(
      substr(idempotency_key, instr(idempotency_key, ':') + 1),
      instr(substr(idempotency_key, instr(idempotency_key, ':') + 1), ':') + 1
    ) AS INTEGER) AS n
  FROM mail_outbox
),
evented AS (
  SELECT id, created_at, location, k, n,
    CASE
      WHEN k LIKE 'reminder:event:%' OR k LIKE 'new-employer:event:%' OR k LIKE 'change:event:%' THEN n
      WHEN k LIKE 'confirmation:candidate:%' OR k LIKE 'promotion:candidate:%'
        -- A cancelled Minijobbmesse registration's row is gone; its audit lines still name the event.
        THEN coalesce((SELECT c.event_id FROM candidate c WHERE c.id = n),
                      (SELECT a.event_id FROM audit_log a WHERE a.candidate_id = n ORDER BY a.id LIMIT 1))
      WHEN k LIKE 'promotion:audit:%' THEN (SELECT a.event_id FROM audit_log a WHERE a.id = n)
    END AS event_id,
    CASE
      WHEN k LIKE 'confirmation:candidate:%' OR k LIKE 'promotion:candidate:%' THEN n
      WHEN k LIKE 'promotion:audit:%' THEN (SELECT a.candidate_id FROM audit_log a WHERE a.id = n)
    END AS candidate_id
  FROM keyed
)
SELECT id AS mail_id, created_at, location, event_id, candidate_id,
  CASE WHEN k LIKE 'digest:region:%' THEN n
       ELSE (SELECT e.region_id FROM event e WHERE e.id = evented.event_id) END AS region_id
FROM evented;
