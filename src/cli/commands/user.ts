// ssj user list | add <USERNAME> --name NAME --role ROLE [--unit CODE] | role <USERNAME> --role ROLE [--unit CODE]
//   | reset-password|disable|enable <USERNAME>
// The first administrator of a production install is made here (the console
// needs one to sign in). A new or reset password is generated and printed
// once: hand it over in person; its owner changes it under 我的账户.
import { changePlace, createAccount, initialPassword, setActive, setPassword } from '../../accounts/accounts.ts';
import { nameOf, ROLE } from '../../domain/glossary.ts';
import { type Args, actorOrLogin, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE = [
  'ssj user list   （控制台账号）',
  'ssj user add <USERNAME> --name NAME --role ROLE [--unit CODE]   （开设账号，生成初始密码）',
  'ssj user role <USERNAME> --role ROLE [--unit CODE]   （调整角色或单位）',
  'ssj user reset-password|disable|enable <USERNAME>   （重置初始密码、停用、恢复）',
  `  ROLE：${Object.entries(ROLE)
    .map(([code, name]) => `${code}（${name}）`)
    .join('、')}；经办人和股室负责人须写 --unit`,
].join('\n  ');

/** Said with every password printed here. */
const HAND_OVER = '请当面告知本人；本人登录后须先修改密码（我的账户）';

export async function user(ctx: CliContext, [sub, username]: string[], a: Args) {
  const actor = actorOrLogin(a);
  if (sub === 'list') return list(ctx);
  if (!username) throw new UsageError(USAGE);
  if (sub === 'add') {
    const password = initialPassword();
    const unit = a.string('unit');
    const account = { username, displayName: a.string('name') ?? '', role: a.string('role') ?? '' };
    await createAccount(ctx.db, { ...account, unit: unit ? { code: unit } : null, password }, actor);
    return ctx.print(`已开设账号 ${username}；初始密码（只显示这一次）：${password}\n${HAND_OVER}`, {
      username,
      password,
    });
  }
  if (sub === 'reset-password') {
    const password = initialPassword();
    await setPassword(ctx.db, username, password, actor, 'user.passwordReset');
    return ctx.print(`${username} 的密码已重置；新的初始密码（只显示这一次）：${password}\n${HAND_OVER}`, {
      username,
      password,
    });
  }
  if (sub === 'role') {
    const unit = a.string('unit');
    const role = a.string('role') ?? '';
    await changePlace(ctx.db, username, role, unit ? { code: unit } : null, actor);
    const unitName = unit ? (await ctx.db.unit.findUnique({ where: { code: unit } }))?.name : undefined;
    return ctx.print(`${username} 现为${nameOf(ROLE, role)}${unitName ? `（${unitName}）` : ''}`, { username });
  }
  if (sub === 'disable' || sub === 'enable') {
    await setActive(ctx.db, username, sub === 'enable', actor);
    return ctx.print(`${username} 已${sub === 'enable' ? '启用' : '停用'}`, { username, active: sub === 'enable' });
  }
  throw new UsageError(USAGE);
}

async function list(ctx: CliContext) {
  const users = await ctx.db.user.findMany({ include: { unit: true }, orderBy: { id: 'asc' } });
  const rows = users.map((u) => ({
    username: u.username,
    name: u.displayName,
    role: u.role,
    unit: u.unit?.code ?? null,
    active: u.active,
  }));
  ctx.print(
    users
      .map(
        (u) =>
          `${u.username}\t${u.displayName}\t${nameOf(ROLE, u.role)}\t${u.unit?.name ?? '—'}\t${u.active ? '在用' : '已停用'}`,
      )
      .join('\n') || '（还没有账号：ssj user add admin --name 姓名 --role ADMIN）',
    rows,
  );
}
