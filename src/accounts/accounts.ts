// Console accounts, for the console's 用户 page and `ssj user`: checked
// field by field, stored with their audit entry, never a password in the log.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { changeWithAudit } from '../activities/audit.ts';
import type { Db, Role } from '../db/client.ts';

export const ROLES = ['STAFF', 'LEGAL', 'SUPERVISOR', 'LEADER', 'ADMIN', 'OBSERVER'] as const satisfies readonly Role[];
export const MIN_PASSWORD = 10;

export class AccountError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'AccountError';
  }
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  /** A unit's code (CLI) or id (console); staff and supervisors need one. */
  unit?: { code: string } | { id: number } | null;
  password: string;
}

export const passwordProblem = (field: string, pw: string | undefined) =>
  (pw ?? '').length < MIN_PASSWORD ? `${field}: 至少 ${MIN_PASSWORD} 个字符` : null;

/** A password to hand over once, in person; its owner replaces it at first sign-in. */
export const initialPassword = () => randomBytes(9).toString('base64url');

/** A role and, for staff and supervisors, their unit: the problems, or the unit's id. */
async function checkPlace(db: Db, role: string, unitRef: NewAccount['unit']) {
  const problems = [
    !(ROLES as readonly string[]).includes(role) && `role: 未知角色 "${role}"，应为 ${ROLES.join('、')}`,
    (role === 'STAFF' || role === 'SUPERVISOR') && !unitRef && 'unit: 经办人和股室负责人须指定单位',
  ].filter((x): x is string => typeof x === 'string');
  const unit = unitRef ? await db.unit.findFirst({ where: unitRef }) : null;
  if (unitRef && !unit) problems.push(`unit: 没有单位 ${'code' in unitRef ? unitRef.code : unitRef.id}`);
  return { problems, unitId: unit?.id ?? null };
}

export async function createAccount(db: Db, a: NewAccount, actor: string): Promise<void> {
  const role = a.role as Role;
  const place = await checkPlace(db, a.role, a.unit);
  const problems = [
    !/^[a-z0-9._-]{3,32}$/.test(a.username) && 'username: 3–32 个小写字母、数字或 . _ -',
    !a.displayName.trim() && 'displayName: 请填写姓名',
    passwordProblem('password', a.password),
  ].filter((x): x is string => typeof x === 'string');
  problems.push(...place.problems);
  if (await db.user.findUnique({ where: { username: a.username } })) problems.push(`username: ${a.username} 已存在`);
  if (problems.length) throw new AccountError(problems);
  const data = { username: a.username, displayName: a.displayName.trim(), role, unitId: place.unitId };
  const passwordHash = await bcrypt.hash(a.password, 10);
  // Who granted which role is filed with the account.
  await changeWithAudit(db, entry(actor, 'user.create', a.username, data), (tx) =>
    // The administrator knows this password: its owner replaces it at first sign-in.
    tx.user.create({ data: { ...data, passwordHash, mustChangePassword: true } }),
  );
}

export async function setPassword(
  db: Db,
  username: string,
  password: string,
  actor: string,
  action: 'user.password' | 'user.passwordReset',
): Promise<void> {
  const problem = passwordProblem('password', password);
  if (problem) throw new AccountError([problem]);
  const user = await existing(db, username);
  const passwordHash = await bcrypt.hash(password, 10);
  await changeWithAudit(db, entry(actor, action, username, {}), (tx) =>
    // A reset is a password someone else knows: to be replaced at the next sign-in.
    tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: action === 'user.passwordReset' },
    }),
  );
}

/** A new role or unit (a promotion, a move): it applies at the account's next click. */
export async function changePlace(
  db: Db,
  username: string,
  role: string,
  unit: NewAccount['unit'],
  actor: string,
): Promise<void> {
  const user = await existing(db, username);
  const place = await checkPlace(db, role, unit);
  if (place.problems.length) throw new AccountError(place.problems);
  const to = { role: role as Role, unitId: place.unitId };
  await changeWithAudit(
    db,
    entry(actor, 'user.role', username, { from: { role: user.role, unitId: user.unitId }, to }),
    (tx) => tx.user.update({ where: { id: user.id }, data: to }),
  );
}

export async function setActive(db: Db, username: string, active: boolean, actor: string): Promise<void> {
  const user = await existing(db, username);
  await changeWithAudit(db, entry(actor, active ? 'user.enable' : 'user.disable', username, {}), (tx) =>
    tx.user.update({ where: { id: user.id }, data: { active } }),
  );
}

async function existing(db: Db, username: string) {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw new AccountError([`username: 没有用户 ${username}`]);
  return user;
}

function entry(actor: string, action: string, username: string, details: object) {
  return { actor, action, subjectType: 'user', subjectId: username, details };
}
