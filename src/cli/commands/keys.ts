// ssj keys payload [--id ID]: a new payload key for SSJ_PAYLOAD_KEYS (src/temporal/codec.ts).
// To rotate: put the new key first and keep the old ones after it until no
// workflow that used them is still open.
import { newPayloadKey } from '../../temporal/codec.ts';
import { type Args, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function keys(ctx: CliContext, [what]: string[], a: Args) {
  if (what !== 'payload')
    throw new UsageError('ssj keys payload [--id ID]   （生成一把新密钥，用于 SSJ_PAYLOAD_KEYS：Temporal 载荷加密）');
  const id = a.string('id') ?? `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(id))
    throw new UsageError(`--id：“${id}”应为 1–32 个英文字母、数字或 . _ -，例如 --id k20270101`);
  const key = newPayloadKey(id);
  ctx.print(
    `${key}\n\nSSJ_PAYLOAD_KEYS=${key}\n（所有进程须用同一组密钥；轮换时把新密钥放在最前，旧密钥留在其后，直到用旧密钥的流程全部结束。请与数据库备份分开保管。）`,
    { key },
  );
}
