// Demo console users, one per role (and staff + supervisor per unit). They
// share one password, printed by `npm start`; change them before real use.
import bcrypt from 'bcryptjs';
import type { Db } from '../db/client.ts';

export const DEMO_PASSWORD = 'ssj-demo-2026';

export async function seedDemoUsers(db: Db): Promise<{ username: string; role: string }[]> {
  if ((await db.user.count()) === 0) {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
    const units = await db.unit.findMany({ orderBy: { id: 'asc' } });
    const users = [
      { username: 'admin', displayName: '系统管理员', role: 'ADMIN' as const, unitId: null },
      { username: 'fagui', displayName: '法规股 李明', role: 'LEGAL' as const, unitId: null },
      { username: 'leader', displayName: '局领导 王建军', role: 'LEADER' as const, unitId: null },
      // 见证人 of draw sessions (docs/draw.md): they commit and reveal, and see nothing else.
      { username: 'yhb.observer', displayName: '区优化办 陈静', role: 'OBSERVER' as const, unitId: null },
      { username: 'jijian', displayName: '纪检组 周敏', role: 'OBSERVER' as const, unitId: null },
      ...units.flatMap((u) => [
        {
          username: `${u.code.toLowerCase()}.staff`,
          displayName: `${u.name} 经办人`,
          role: 'STAFF' as const,
          unitId: u.id,
        },
        {
          username: `${u.code.toLowerCase()}.lead`,
          displayName: u.supervisorName,
          role: 'SUPERVISOR' as const,
          unitId: u.id,
        },
      ]),
    ];
    for (const u of users) await db.user.create({ data: { ...u, passwordHash } });
  }
  return (await db.user.findMany({ orderBy: { id: 'asc' } })).map((u) => ({ username: u.username, role: u.role }));
}
