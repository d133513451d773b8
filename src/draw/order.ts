// Id order: the generator's choices index into lists, so a caller's order must not matter.

export function byId<T extends { id: number }>(xs: readonly T[]): readonly T[] {
  for (let i = 1; i < xs.length; i++)
    if ((xs[i - 1] as T).id > (xs[i] as T).id) return xs.slice().sort((a, b) => a.id - b.id);
  return xs; // already in order: snapshots usually are
}
