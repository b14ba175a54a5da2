-- Publicity photos uploaded before photos took the record kind `publicityActivity` (0041 and the publicity module):
-- tag the park files an activity lists as its photos, so every reader of the activity — enterprises included — may
-- read them, as for photos uploaded since. Park files only (no enterprise); files of another kind stay as they are.
UPDATE files f
   SET record_kind = 'publicityActivity'
  FROM publicity_activities a
 WHERE f.park_id = a.park_id
   AND f.id = ANY (a.photo_ids)
   AND f.enterprise_id IS NULL
   AND f.record_kind IS NULL;
