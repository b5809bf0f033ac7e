-- Speedintervju: the panel ranks its reserves (1 = first to be asked when a selected candidate drops out), so the
-- list exported for the course provider can give the reserve order. Only a reserve has a rank.
ALTER TABLE selection ADD COLUMN reserve_rank INTEGER
  CHECK (reserve_rank IS NULL OR (decision = 'reserve' AND reserve_rank BETWEEN 1 AND 99));
