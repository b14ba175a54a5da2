import { type SQL, sql } from 'drizzle-orm';

/** ILIKE pattern for a user's search text, with the wildcard characters in it taken literally. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching the beginning of a text (a btree with text_pattern_ops answers it). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A name containing the search text (ILIKE), for a column with the trigram and bigram indexes (0002/0008 enterprises,
 * 0052 organisations): a two-character term has no trigram, so its bigram's containment narrows the scan through
 * the bigram index; ILIKE keeps the meaning.
 */
export function nameContains(column: SQL, text: string): SQL {
  const t = text.trim();
  const like = sql`${column} ilike ${likePattern(t)}`;
  return t.length === 2 ? sql`(${like} and name_bigrams(${column}) @> name_bigrams(${t}))` : like;
}
