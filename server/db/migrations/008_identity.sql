-- Honest identity for veiledere: a candidate registered through the booking link by a browser that has not
-- proven the typed e-mail address is 'unconfirmed' until that veileder opens the manage link e-mailed there.
-- Rows from before this migration were made the same way, but nobody can tell now: they stay 'confirmed'.
ALTER TABLE candidate ADD COLUMN identity TEXT NOT NULL DEFAULT 'confirmed'
  CHECK (identity IN ('confirmed', 'unconfirmed'));

-- The staff e-mail domains a region's veiledere book from (comma-separated); the booking link refuses others,
-- so the tool cannot be made to mail strangers.
ALTER TABLE region ADD COLUMN staff_domains TEXT NOT NULL DEFAULT 'nav.no'
  CHECK (length(staff_domains) BETWEEN 1 AND 500);
