// ssj keys payload [--id ID]: a new payload key for SSJ_PAYLOAD_KEYS (src/temporal/codec.ts).
// To rotate: put the new key first and keep the old ones after it until no
// workflow that used them is still open.
import { newPayloadKey } from '../../temporal/codec.ts';
import { type Args, UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';

export async function keys(ctx: CliContext, [what]: string[], a: Args) {
  if (what !== 'payload') throw new UsageError('ssj keys payload [--id ID]');
  const id = a.string('id') ?? `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(id)) throw new UsageError('--id: 1–32 letters, digits, ".", "_" or "-"');
  const key = newPayloadKey(id);
  ctx.print(
    `${key}\n\nSSJ_PAYLOAD_KEYS=${key}\n(the same in every process; to rotate, put it first and keep the old keys after it)`,
    { key },
  );
}
