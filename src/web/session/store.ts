// Console sessions in the application database (@fastify/session store): a
// restart signs nobody out, every app container sees the same sessions, and
// expired ones are pruned. Only sessions with something in them are stored
// (saveUninitialized: false in server.ts), so the public pages make none.
import type { Session } from 'fastify';
import type { Db } from '../../db/client.ts';

type Done = (err?: unknown) => void;
type Found = (err: unknown, session?: Session | null) => void;

const EIGHT_HOURS = 8 * 3600_000;

export class DbSessionStore {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  set(sid: string, session: Session, callback: Done): void {
    const cookie = (session as { cookie?: { expires?: Date | string | null } }).cookie;
    const expires = cookie?.expires ? new Date(cookie.expires) : new Date(this.now() + EIGHT_HOURS);
    const data = JSON.stringify(session);
    this.db.session
      .upsert({ where: { sid }, create: { sid, data, expiresAt: expires }, update: { data, expiresAt: expires } })
      .then(() => this.pruneNow())
      .then(() => callback(), callback);
  }

  get(sid: string, callback: Found): void {
    this.db.session
      .findUnique({ where: { sid } })
      .then(
        (row) => callback(null, row && row.expiresAt.getTime() > this.now() ? (JSON.parse(row.data) as Session) : null),
        callback,
      );
  }

  destroy(sid: string, callback: Done): void {
    this.db.session.deleteMany({ where: { sid } }).then(() => callback(), callback);
  }

  /** Delete expired sessions, at most once a minute. */
  private async pruneNow(): Promise<void> {
    if (this.now() - this.lastPrune < 60_000) return;
    this.lastPrune = this.now();
    await this.db.session.deleteMany({ where: { expiresAt: { lt: new Date(this.now()) } } });
  }
}
