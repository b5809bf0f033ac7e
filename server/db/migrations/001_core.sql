-- Core schema: accounts, regions, employers, events, participations, slots.
-- Instants are ISO-8601 UTC strings ('2018-04-05T13:30:00.000Z'); event dates and wall-clock
-- times are Europe/Oslo ('2018-04-05', '15:30').

CREATE TABLE region (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
  created_at TEXT NOT NULL
);

CREATE TABLE office (
  id        INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES region(id),
  name      TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
  address   TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  UNIQUE (region_id, name)
);

CREATE TABLE room (
  id        INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES office(id),
  name      TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
  UNIQUE (office_id, name)
);

CREATE TABLE coordinator (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

-- One-time links that let a person choose their own password (first start, invitations).
CREATE TABLE setup_token (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  email      TEXT,
  name       TEXT,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);

CREATE TABLE session (
  token_hash     TEXT PRIMARY KEY,
  coordinator_id INTEGER NOT NULL REFERENCES coordinator(id) ON DELETE CASCADE,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL
);

CREATE TABLE api_token (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash     TEXT NOT NULL UNIQUE,
  coordinator_id INTEGER REFERENCES coordinator(id),
  created_at     TEXT NOT NULL,
  revoked_at     TEXT
);

CREATE TABLE employer (
  id             INTEGER PRIMARY KEY,
  region_id      INTEGER NOT NULL REFERENCES region(id),
  name           TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 120),
  org_number     TEXT CHECK (org_number IS NULL OR (length(org_number) = 9 AND org_number NOT GLOB '*[^0-9]*')),
  sector         TEXT NOT NULL CHECK (sector IN ('private', 'public')),
  industry       TEXT NOT NULL DEFAULT '',
  size           TEXT NOT NULL DEFAULT '' CHECK (size IN ('', '1-9', '10-49', '50-249', '250+')),
  ia_agreement   INTEGER NOT NULL DEFAULT 0 CHECK (ia_agreement IN (0, 1)),
  contact_name   TEXT NOT NULL DEFAULT '',
  contact_phone  TEXT NOT NULL DEFAULT '',
  contact_email  TEXT NOT NULL DEFAULT '',
  nav_owner      TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  UNIQUE (region_id, name)
);

CREATE TABLE event (
  id                    INTEGER PRIMARY KEY,
  region_id             INTEGER NOT NULL REFERENCES region(id),
  office_id             INTEGER NOT NULL REFERENCES office(id),
  title                 TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  date                  TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  interview_start       TEXT NOT NULL CHECK (interview_start GLOB '[0-2][0-9]:[0-5][0-9]'),
  interview_end         TEXT NOT NULL CHECK (interview_end GLOB '[0-2][0-9]:[0-5][0-9]'),
  slot_minutes          INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  gap_minutes           INTEGER NOT NULL DEFAULT 0 CHECK (gap_minutes BETWEEN 0 AND 60),
  max_interviews        INTEGER NOT NULL DEFAULT 2 CHECK (max_interviews BETWEEN 1 AND 10),
  pep_talk_gap          INTEGER NOT NULL DEFAULT 0 CHECK (pep_talk_gap IN (0, 1)),
  hide_names_on_board   INTEGER NOT NULL DEFAULT 0 CHECK (hide_names_on_board IN (0, 1)),
  booking_deadline      TEXT NOT NULL,
  status                TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'open', 'closed', 'held', 'archived')),
  -- Bumping a version revokes every link derived from it (see shared/tokens.ts).
  booking_link_version  INTEGER NOT NULL DEFAULT 1,
  host_link_version     INTEGER NOT NULL DEFAULT 1,
  board_link_version    INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  CHECK (interview_start < interview_end)
);
CREATE INDEX event_by_date ON event (region_id, date);

CREATE TABLE programme_item (
  id       INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  time     TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
  label    TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200)
);

CREATE TABLE participation (
  id                    INTEGER PRIMARY KEY,
  event_id              INTEGER NOT NULL REFERENCES event(id),
  employer_id           INTEGER NOT NULL REFERENCES employer(id),
  department            TEXT NOT NULL DEFAULT '' CHECK (length(department) <= 120),
  tasks                 TEXT NOT NULL DEFAULT '',
  training              TEXT NOT NULL DEFAULT '',
  prerequisites         TEXT NOT NULL DEFAULT '',
  min_age               INTEGER CHECK (min_age IS NULL OR min_age BETWEEN 15 AND 70),
  restrictions          TEXT NOT NULL DEFAULT '',
  -- JSON array of offer type codes, e.g. ["arbeidstrening","lonnstilskudd"].
  offer_types           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(offer_types)),
  interview_count       INTEGER NOT NULL DEFAULT 4 CHECK (interview_count BETWEEN 1 AND 20),
  room_id               INTEGER REFERENCES room(id),
  employer_link_version INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  UNIQUE (event_id, employer_id, department)
);

CREATE TABLE slot (
  id               INTEGER PRIMARY KEY,
  participation_id INTEGER NOT NULL REFERENCES participation(id) ON DELETE CASCADE,
  starts_at        TEXT NOT NULL,
  ends_at          TEXT NOT NULL,
  CHECK (starts_at < ends_at),
  UNIQUE (participation_id, starts_at),
  -- Lets booking carry participation_id with a composite foreign key.
  UNIQUE (id, participation_id)
);
