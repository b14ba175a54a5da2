-- Two-character Chinese name searches (e.g. 嘉泽) cannot use the trigram index; an index of the name's character
-- bigrams answers them. Searches of 2+ characters add "name_bigrams(name) @> name_bigrams(term)" beside the ILIKE.
CREATE FUNCTION name_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;
CREATE INDEX enterprises_name_bigrams ON enterprises USING gin (name_bigrams(name));
