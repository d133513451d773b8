// ssj user list | add <USERNAME> --name NAME --role ROLE [--unit CODE] | role <USERNAME> --role ROLE [--unit CODE]
//   | reset-password|disable|enable <USERNAME>
// The first administrator of a production install is made here (the console
// needs one to sign in). A new or reset password is generated and printed
// once: hand it over in person; its owner changes it under 我的账户.
import { changePlace, createAccount, initialPassword, setActive, setPassword } from '../../accounts/accounts.ts';
import { type Args, actorOrLogin, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

const USAGE =
  'ssj user list | add <USERNAME> --name NAME --role STAFF|LEGAL|SUPERVISOR|LEADER|ADMIN [--unit CODE] | role <USERNAME> --role ROLE [--unit CODE] | reset-password|disable|enable <USERNAME>';

export async function user(ctx: CliContext, [sub, username]: string[], a: Args) {
  const actor = actorOrLogin(a);
  if (sub === 'list') return list(ctx);
  if (!username) throw new UsageError(USAGE);
  if (sub === 'add') {
    const password = initialPassword();
    const unit = a.string('unit');
    const account = { username, displayName: a.string('name') ?? '', role: a.string('role') ?? '' };
    await createAccount(ctx.db, { ...account, unit: unit ? { code: unit } : null, password }, actor);
    return ctx.print(`created ${username}; initial password (shown once): ${password}`, { username, password });
  }
  if (sub === 'reset-password') {
    const password = initialPassword();
    await setPassword(ctx.db, username, password, actor, 'user.passwordReset');
    return ctx.print(`new password for ${username} (shown once): ${password}`, { username, password });
  }
  if (sub === 'role') {
    const unit = a.string('unit');
    await changePlace(ctx.db, username, a.string('role') ?? '', unit ? { code: unit } : null, actor);
    return ctx.print(`${username} is now ${a.string('role')}${unit ? ` of ${unit}` : ''}`, { username });
  }
  if (sub === 'disable' || sub === 'enable') {
    await setActive(ctx.db, username, sub === 'enable', actor);
    return ctx.print(`${username} ${sub}d`, { username, active: sub === 'enable' });
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
    rows
      .map((r) => `${r.username}\t${r.name}\t${r.role}\t${r.unit ?? '-'}\t${r.active ? 'active' : 'stopped'}`)
      .join('\n'),
    rows,
  );
}
