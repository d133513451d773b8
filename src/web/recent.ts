// A value the console may show a little old, loaded once however many
// people ask at the same moment: the year's charts on 督办 and 公示, each a
// read of the whole year. Within `ttl` the value is served as it is; up to
// `grace` it is served at once while one fresh load runs behind it; older
// than that (the first request of the morning), the request waits for the
// fresh load, so nobody is shown yesterday's figures. A load that fails keeps the last good
// value for its grace; one that hangs is given up after `grace`.
export class Recent<T> {
  private readonly entries = new Map<string, { at: number; value?: T; loading?: Promise<T>; since?: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly graceMs = ttlMs * 10,
    private readonly maxKeys = 200,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const e = this.entries.get(key);
    const t = this.now();
    const stuck = e?.loading !== undefined && t - (e.since ?? t) >= this.graceMs;
    const loading = e?.loading && !stuck ? e.loading : undefined;
    if (e && 'value' in e && t - e.at < this.graceMs) {
      if (t - e.at >= this.ttlMs && !loading) this.refresh(key, load).catch(() => undefined);
      return e.value as T;
    }
    return loading ?? this.refresh(key, load);
  }

  private refresh(key: string, load: () => Promise<T>): Promise<T> {
    let e = this.entries.get(key);
    if (!e) {
      // Keys are a unit's code or a year: a handful. The bound is for a caller that gets that wrong.
      if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
      e = { at: 0 };
      this.entries.set(key, e);
    }
    const entry = e;
    const loading = load().then(
      (value) => {
        if (entry.loading === loading) Object.assign(entry, { at: this.now(), value, loading: undefined });
        return value;
      },
      (err: unknown) => {
        if (entry.loading === loading) entry.loading = undefined;
        if (!('value' in entry) && this.entries.get(key) === entry && !entry.loading) this.entries.delete(key);
        throw err;
      },
    );
    Object.assign(entry, { loading, since: this.now() });
    return loading;
  }
}
