-- Mail: the outbox every e-mail goes through, the weekly digest's settings and recipients per
-- region, and the scheduler's record of what it ran (so a restart neither skips nor repeats).
-- IF NOT EXISTS: a database that reached version 4 before this file existed can have it applied by hand.

CREATE TABLE IF NOT EXISTS mail_outbox (
  id               INTEGER PRIMARY KEY,
  -- One logical mail, one key ("digest:region:3:2026-11-30T07:00:00.000Z:kari@nav.no"): whoever
  -- enqueues it twice (two schedulers, a retried request) gets the first row back.
  idempotency_key  TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 400),
  kind             TEXT NOT NULL CHECK (kind IN ('digest', 'reminder', 'confirmation', 'promotion', 'new-employer')),
  to_addr          TEXT NOT NULL CHECK (length(to_addr) BETWEEN 3 AND 200),
  reply_to         TEXT,
  subject          TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text_body        TEXT NOT NULL,
  html_body        TEXT,
  -- JSON array of { filename, contentType, content } (text attachments such as .ics).
  attachments      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT NOT NULL,
  -- A worker owns a row while status = 'sending'; a lease that runs out (crash) frees it again.
  claim_token      TEXT,
  claimed_at       TEXT,
  last_error       TEXT,
  -- The .eml file written, or the SMTP server's answer.
  location         TEXT,
  sent_at          TEXT,
  created_at       TEXT NOT NULL,
  CHECK ((status = 'sending') = (claim_token IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (status, next_attempt_at);

CREATE TABLE IF NOT EXISTS digest_settings (
  region_id             INTEGER PRIMARY KEY REFERENCES region(id),
  contact_name          TEXT NOT NULL DEFAULT '' CHECK (length(contact_name) <= 100),
  contact_email         TEXT NOT NULL DEFAULT '' CHECK (length(contact_email) <= 200),
  market_news           TEXT NOT NULL DEFAULT '' CHECK (length(market_news) <= 5000),
  auto_send             INTEGER NOT NULL DEFAULT 1 CHECK (auto_send IN (0, 1)),
  -- ISO weekday (1 = Monday) and Oslo wall-clock time of the weekly digest.
  weekday               INTEGER NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  send_time             TEXT NOT NULL DEFAULT '08:00' CHECK (send_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  reminder_days_before  INTEGER NOT NULL DEFAULT 2 CHECK (reminder_days_before BETWEEN 0 AND 14),
  reminder_time         TEXT NOT NULL DEFAULT '08:00' CHECK (reminder_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  updated_at            TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS digest_recipient (
  region_id INTEGER NOT NULL REFERENCES region(id),
  email     TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 200),
  position  INTEGER NOT NULL,
  PRIMARY KEY (region_id, email)
);

-- One row per scheduled job and due instant: "digest:region:3" due 2026-11-30T07:00:00.000Z.
CREATE TABLE IF NOT EXISTS schedule_run (
  id       INTEGER PRIMARY KEY,
  job      TEXT NOT NULL,
  due_at   TEXT NOT NULL,
  ran_at   TEXT NOT NULL,
  outcome  TEXT NOT NULL CHECK (outcome IN ('sent', 'no-event', 'no-recipients')),
  mails    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (job, due_at)
);
