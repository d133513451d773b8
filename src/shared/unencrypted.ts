// What the worker reads a Temporal payload as when it was not encrypted with
// one of ssj's keys (src/temporal/codec.ts): a value no step and no workflow
// accepts. Pure, so workflows may use it.

export const UNENCRYPTED_FIELD = 'ssjRefusedUnencrypted';
export const UNENCRYPTED_MARK = { [UNENCRYPTED_FIELD]: true } as const;

export function isUnencrypted(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>)[UNENCRYPTED_FIELD] === true;
}
