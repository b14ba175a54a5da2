/** ILIKE pattern for a user's search text, with the wildcard characters in it taken literally. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching the beginning of a text (a btree with text_pattern_ops answers it). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
