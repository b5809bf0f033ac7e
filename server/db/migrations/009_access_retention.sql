-- Coordinators in their regions, scoped API tokens with an expiry, deactivated accounts, and the retention purge's
-- mark on events. Also a view that says which event and region each outbox mail belongs to.

ALTER TABLE coordinator ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));
-- A deactivated coordinator cannot sign in; their sessions and tokens end when this is set.
ALTER TABLE coordinator ADD COLUMN deactivated_at TEXT;

CREATE TABLE coordinator_region (
  coordinator_id INTEGER NOT NULL REFERENCES coordinator(id) ON DELETE CASCADE,
  region_id      INTEGER NOT NULL REFERENCES region(id),
  PRIMARY KEY (coordinator_id, region_id)
);
CREATE INDEX coordinator_region_by_region ON coordinator_region (region_id);

-- Existing installs keep working: the first coordinator becomes admin, everyone else keeps every existing region
-- until an admin narrows it (npm run admin -- unassign-region).
UPDATE coordinator SET is_admin = 1 WHERE id = (SELECT min(id) FROM coordinator);
INSERT INTO coordinator_region (coordinator_id, region_id)
  SELECT c.id, r.id FROM coordinator c CROSS JOIN region r WHERE c.is_admin = 0;

-- 'read' tokens may only GET; region_id NULL means every region the owner may see (all, for owner-less tokens).
ALTER TABLE api_token ADD COLUMN scope TEXT NOT NULL DEFAULT 'read-write' CHECK (scope IN ('read', 'read-write'));
ALTER TABLE api_token ADD COLUMN region_id INTEGER REFERENCES region(id);
-- A token without an expiry is refused; tokens from before this migration get 90 days from now.
ALTER TABLE api_token ADD COLUMN expires_at TEXT;
UPDATE api_token SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE expires_at IS NULL;

-- Set once the retention purge has removed the event's personal data (names, free text, mails).
ALTER TABLE event ADD COLUMN purged_at TEXT;

-- Which event (if any) and region each outbox mail belongs to, read from its idempotency key:
--   digest:region:<regionId>:…            reminder:event:<eventId>:…      new-employer:event:<eventId>:…
--   confirmation:candidate:<candidateId>:…  promotion:audit:<auditLogId>
-- CAST of '12:…' to INTEGER is 12 (SQLite reads the leading number).
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
      WHEN k LIKE 'reminder:event:%' OR k LIKE 'new-employer:event:%' THEN n
      WHEN k LIKE 'confirmation:candidate:%' THEN (SELECT c.event_id FROM candidate c WHERE c.id = n)
      WHEN k LIKE 'promotion:audit:%' THEN (SELECT a.event_id FROM audit_log a WHERE a.id = n)
    END AS event_id,
    CASE
      WHEN k LIKE 'confirmation:candidate:%' THEN n
      WHEN k LIKE 'promotion:audit:%' THEN (SELECT a.candidate_id FROM audit_log a WHERE a.id = n)
    END AS candidate_id
  FROM keyed
)
SELECT id AS mail_id, created_at, location, event_id, candidate_id,
  CASE WHEN k LIKE 'digest:region:%' THEN n
       ELSE (SELECT e.region_id FROM event e WHERE e.id = evented.event_id) END AS region_id
FROM evented;
