// A value the console may show a few seconds old, loaded once however many
// people ask at the same moment: the open inspections of a unit (read from
// the server's index, 10,000 rows in a busy year) and the dashboard's
// charts. A stale value is served at once while one fresh load runs behind
// it, so nobody waits for a reload after the first; a load that fails keeps
// the last good value (and the next request tries again).
export class Recent<T> {
  private readonly entries = new Map<string, { at: number; value?: T; loading?: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 200,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const e = this.entries.get(key);
    if (e && 'value' in e) {
      if (this.now() - e.at >= this.ttlMs && !e.loading) this.refresh(key, load).catch(() => undefined);
      return e.value as T;
    }
    return e?.loading ?? this.refresh(key, load);
  }

  private refresh(key: string, load: () => Promise<T>): Promise<T> {
    const e = this.entries.get(key) ?? { at: 0 };
    if (!this.entries.has(key)) {
      // Keys are a unit's code or a year: a handful. The bound is for a caller that gets that wrong.
      if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, e);
    }
    const loading = load().then(
      (value) => {
        Object.assign(e, { at: this.now(), value, loading: undefined });
        return value;
      },
      (err: unknown) => {
        e.loading = undefined;
        if (!('value' in e)) this.entries.delete(key);
        throw err;
      },
    );
    e.loading = loading;
    return loading;
  }
}
