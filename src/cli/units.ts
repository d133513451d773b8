// Units by the code an operator types (--unit FMG): an unknown code is answered with the codes there are.
import { UsageError } from './args.ts';
import type { CliContext } from './context.ts';

/** The codes to type, each with the unit's name: FMG（非煤矿山安全监督管理股）、… */
export async function knownUnits(ctx: CliContext): Promise<string> {
  const units = await ctx.db.unit.findMany({ orderBy: { code: 'asc' } });
  return units.map((u) => `${u.code}（${u.name}）`).join('、') || '（还没有单位）';
}

export async function unitByCode(ctx: CliContext, code: string, what = '--unit') {
  const unit = await ctx.db.unit.findUnique({ where: { code } });
  if (!unit) throw new UsageError(`${what}：没有单位“${code}”；已有单位：${await knownUnits(ctx)}`);
  return unit;
}
