// Console accounts, for the console's 用户 page and `ssj user`: checked
// field by field, stored with their audit entry, never a password in the log.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { changeWithAudit } from '../activities/audit.ts';
import type { Db, Role } from '../db/client.ts';

export const ROLES = ['STAFF', 'LEGAL', 'SUPERVISOR', 'LEADER', 'ADMIN', 'OBSERVER'] as const satisfies readonly Role[];
export const MIN_PASSWORD = 10;

/**
 * The fields of an account, with the names the 用户 and 我的账户 forms give
 * them (src/web/routes/users.ts): a problem starts with the name a person
 * sees, the field's API name goes with it as data (AccountError.details).
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  username: '用户名',
  displayName: '姓名',
  password: '初始密码',
  role: '角色',
  unit: '单位',
  next: '新密码',
};

/** A field's problem as a person reads it: 用户名：…. A field without a label is named as given. */
export const fieldProblem = (field: string, text: string) => `${FIELD_LABELS[field] ?? field}：${text}`;

export interface FieldProblem {
  field: string;
  problem: string;
}

export class AccountError extends Error {
  /** Each problem in words, its field's label first. */
  readonly problems: string[];
  /** The same problems by the field's API name (`ssj … --json` prints these). */
  readonly details: FieldProblem[];
  constructor(details: FieldProblem[]) {
    const problems = details.map((d) => fieldProblem(d.field, d.problem));
    super(problems.join('\n'));
    this.name = 'AccountError';
    this.problems = problems;
    this.details = details;
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

/** Passwords people pick first and guessers try first. */
const COMMON = [
  '1234567890',
  '0987654321',
  'password12',
  'password123',
  'qwertyuiop',
  'abc1234567',
  'admin12345',
  'ssj-demo-2026',
];

/**
 * What is wrong with a new password, or null, as a person reads it: the
 * field's label first (`field` is the form's name for it: 'password' reads
 * 初始密码, 'next' 新密码).
 */
export function passwordProblem(field: string, pw: string | undefined, username?: string): string | null {
  const problem = weakPassword(pw, username);
  return problem && fieldProblem(field, problem);
}

/**
 * At least 10 characters, not all spaces or one repeated character, at least
 * 5 different characters, not a run like 1234567890, not a common one, not
 * the account's own name.
 */
function weakPassword(pw: string | undefined, username?: string): string | null {
  const p = pw ?? '';
  if (p.length < MIN_PASSWORD) return `至少 ${MIN_PASSWORD} 个字符`;
  if (p.length > 200) return '不超过 200 个字符';
  if (!p.trim()) return '不能全是空格';
  if (new Set(p).size < 5) return '太简单（至少用 5 个不同的字符）';
  const lower = p.toLowerCase();
  if (COMMON.includes(lower) || isRun(lower)) return '太常见，容易被猜中，请换一个';
  if (username && lower.includes(username.toLowerCase())) return '不能包含用户名';
  return null;
}

/** The problems that apply, each with its field. */
const found = (xs: (FieldProblem | false | null)[]) => xs.filter((x): x is FieldProblem => !!x);
const passwordCheck = (pw: string, username: string) => {
  const problem = weakPassword(pw, username);
  return problem !== null && { field: 'password', problem };
};

/** Consecutive characters going up or down (1234567890, abcdefghij): guessed early. */
function isRun(p: string): boolean {
  const codes = [...p].map((c) => c.codePointAt(0) as number);
  const steps = new Set(codes.slice(1).map((c, i) => c - (codes[i] as number)));
  return steps.size === 1 && Math.abs([...steps][0] as number) === 1;
}

/** A password to hand over once, in person; its owner replaces it at first sign-in. */
export const initialPassword = () => randomBytes(9).toString('base64url');

/** A role and, for staff and supervisors, their unit: the problems, or the unit's id. */
async function checkPlace(db: Db, role: string, unitRef: NewAccount['unit']) {
  const problems = found([
    !(ROLES as readonly string[]).includes(role) && {
      field: 'role',
      problem: `未知角色“${role}”，应为 ${ROLES.join('、')}`,
    },
    (role === 'STAFF' || role === 'SUPERVISOR') &&
      !unitRef && { field: 'unit', problem: '经办人和股室负责人须指定单位' },
  ]);
  const unit = unitRef ? await db.unit.findFirst({ where: unitRef }) : null;
  if (unitRef && !unit)
    problems.push({ field: 'unit', problem: `没有单位 ${'code' in unitRef ? unitRef.code : unitRef.id}` });
  return { problems, unitId: unit?.id ?? null };
}

export async function createAccount(db: Db, a: NewAccount, actor: string): Promise<void> {
  const role = a.role as Role;
  const place = await checkPlace(db, a.role, a.unit);
  const problems = found([
    !/^[a-z0-9._-]{3,32}$/.test(a.username) && { field: 'username', problem: '3–32 个小写字母、数字或 . _ -' },
    !a.displayName.trim() && { field: 'displayName', problem: '请填写姓名' },
    passwordCheck(a.password, a.username),
  ]);
  problems.push(...place.problems);
  if (await db.user.findUnique({ where: { username: a.username } }))
    problems.push({ field: 'username', problem: `${a.username} 已存在` });
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
): Promise<number> {
  const problem = passwordCheck(password, username);
  if (problem) throw new AccountError([problem]);
  const user = await existing(db, username);
  const passwordHash = await bcrypt.hash(password, 10);
  const changed = await changeWithAudit(db, entry(actor, action, username, {}), (tx) =>
    // A reset is a password someone else knows: to be replaced at the next sign-in. Either way every session
    // made with the old password ends (sessionVersion); the caller keeps its own.
    tx.user.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: action === 'user.passwordReset',
        sessionVersion: { increment: 1 },
      },
    }),
  );
  return changed.sessionVersion;
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
    // Stopping ends every session for good: restoring the account does not bring them back.
    tx.user.update({
      where: { id: user.id },
      data: active ? { active } : { active, sessionVersion: { increment: 1 } },
    }),
  );
}

async function existing(db: Db, username: string) {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw new AccountError([{ field: 'username', problem: `没有用户 ${username}` }]);
  return user;
}

function entry(actor: string, action: string, username: string, details: object) {
  return { actor, action, subjectType: 'user', subjectId: username, details };
}
