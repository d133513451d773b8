// Sign-in attempts, counted as failures only: per account and address (10 a
// quarter-hour guesses one password at a time), and per address over all
// accounts (30: a spray across usernames). A success clears its pair. Behind a
// proxy the address is the client's (SSJ_TRUST_PROXY), not the proxy's.
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT = 10;
const PER_ADDRESS = 30;

export class SignInLimit {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly perAccount = PER_ACCOUNT,
    private readonly perAddress = PER_ADDRESS,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Minutes to wait before another try, or 0. */
  blockedFor(address: string, username: string): number {
    const pair = this.recent(`${address}\n${username}`);
    const all = this.recent(address);
    const full = pair.length >= this.perAccount ? pair : all.length >= this.perAddress ? all : null;
    if (!full) return 0;
    return Math.max(1, Math.ceil(((full[0] as number) + WINDOW_MS - this.now()) / 60_000));
  }

  failed(address: string, username: string): void {
    for (const key of [`${address}\n${username}`, address]) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.failures.clear(); // bounded memory, whatever is thrown at it
  }

  succeeded(address: string, username: string): void {
    this.failures.delete(`${address}\n${username}`);
  }
}
