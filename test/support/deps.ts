// Activity dependencies for tests: real database, real SMTP on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActivityDeps } from '../../src/activities/index.ts';
import type { Db } from '../../src/db/client.ts';
import type { Mailer } from '../../src/mail/transport.ts';

export function testDeps(
  db: Db,
  mailer: Mailer,
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-data-')),
): ActivityDeps {
  return {
    db,
    mailer,
    config: {
      optimisationOfficeEmail: 'lstyhb@163.com',
      bureauLeaderEmail: 'leader@lstyjj.local',
      auditAnchorEmail: 'jijian@lstyjj.local',
      smtp: { host: null, port: 0, secure: false, from: 'ssj@test.local' },
      dataDir,
    },
    now: () => new Date(),
  };
}
