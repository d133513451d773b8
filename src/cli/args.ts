// Argument parsing for the CLI, on node:util's parseArgs.
import os from 'node:os';
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface Args {
  string(name: string): string | undefined;
  /** A flag that may be given more than once (`--participant a --participant b`). */
  strings(name: string): string[];
  flag(name: string): boolean;
}

export function parse(argv: string[]): { positionals: string[]; args: Args } {
  const text = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        actor: text,
        witness: text,
        return: text,
        'json-args': text,
        unit: text,
        stage: text,
        'approval-due': text,
        source: text,
        name: text,
        action: text,
        subject: text,
        role: text,
        participant: { type: 'string', multiple: true },
        anchor: { type: 'string', multiple: true },
        commitment: text,
        secret: text,
        value: text,
        'available-at': text,
        session: text,
        kind: text,
        count: text,
        max: text,
        id: text,
        origin: text,
        basis: text,
        enterprise: text,
        inspector: { type: 'string', multiple: true },
        item: { type: 'string', multiple: true },
        from: text,
        to: text,
        json: flag,
        approve: flag,
        overdue: flag,
        preview: flag,
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  return {
    positionals,
    args: {
      string: (n) => (typeof values[n] === 'string' ? (values[n] as string) : undefined),
      strings: (n) => {
        const v = values[n];
        return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
      },
      flag: (n) => values[n] === true,
    },
  };
}

export function need(a: Args, name: string): string {
  const v = a.string(name);
  if (!v?.trim()) throw new UsageError(`--${name}: required, e.g. --${name} "${name === 'actor' ? '李明' : '…'}"`);
  return v;
}

/** Who is filed in the audit log for an operator's change: `--actor`, else whoever is logged in on the server. */
export function actorOrLogin(a: Args): string {
  return a.string('actor') ?? os.userInfo().username;
}
