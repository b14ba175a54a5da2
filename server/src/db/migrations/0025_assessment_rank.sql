-- At province scale (100,000 parties): a published round's ranking is read a page at a time in rank order, and the
-- signing rate counts a template's letters and signatures from the index alone (no heap visit per letter).
CREATE INDEX assessment_parties_rank ON assessment_parties (park_id, round_id, rank, party_id);
CREATE INDEX responsibility_letters_signed ON responsibility_letters (park_id, template_id, signed_at);
