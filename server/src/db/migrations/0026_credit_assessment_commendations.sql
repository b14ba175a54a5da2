-- Commendations count for credit (issue 12): an enterprise's refresh looks up the commendations naming it.
CREATE INDEX commendations_enterprise ON commendations (park_id, enterprise_id) WHERE enterprise_id IS NOT NULL;
