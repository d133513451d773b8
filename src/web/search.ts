// Searching a list by what a person typed, literally. Prisma's `contains` is a
// SQL LIKE whose % and _ are wildcards, so "%" would match every row: the
// database is asked for the longest piece without them, and the rows are kept
// only if a field holds the whole text as typed.

export interface LiteralSearch {
  /** What to pass to `contains` (never a wildcard). */
  term: string;
  /** Does any of these fields hold the text as typed? */
  matches: (...fields: (string | null | undefined)[]) => boolean;
}

export function literalSearch(q: string): LiteralSearch {
  const text = q.slice(0, 100);
  const pieces = text.split(/[%_]/).sort((a, b) => b.length - a.length);
  return {
    term: pieces[0] ?? '',
    matches: (...fields) => fields.some((f) => typeof f === 'string' && f.includes(text)),
  };
}
