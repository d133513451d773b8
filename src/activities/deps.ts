// What activities need from the outside world, passed in by the worker (or
// by a test, with real services on loopback).
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/transport.ts';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, 'optimisationOfficeEmail' | 'bureauLeaderEmail' | 'smtp' | 'dataDir' | 'auditAnchorEmail'>;
  now: () => Date;
}
