-- The e-post page's region of a mail (see 009) also for change mails ("change:event:N:…") and promotions keyed by
-- candidate ("promotion:candidate:N:…"), which domain-event listeners write since 007.
DROP VIEW mail_outbox_scope;
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
        THEN (SELECT c.event_id FROM candidate c WHERE c.id = n)
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
