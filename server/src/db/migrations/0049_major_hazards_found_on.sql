-- The dashboard's major hazards of a period (open first, by deadline, 20 of them) walk hazards_major_deadline in its
-- order and drop those found outside the period. With found_on only in the heap, every dropped entry cost a heap
-- fetch: at 5,000,000 hazards the open majors with the nearest deadlines were mostly found before the year, and the
-- list read 16,664 heap rows (550–990 ms, cold) to keep 20. found_on as a trailing key column lets the scan test the
-- period on the index entry itself; the order (closed last, deadline, id) is unchanged, as id is unique.
DROP INDEX IF EXISTS hazards_major_deadline;
CREATE INDEX hazards_major_deadline ON hazards (park_id, (status = 'closed'), deadline, id, found_on) WHERE grade = 'major';
