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
    throw new UsageError(parseProblem(e as Error & { code?: string }));
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

/** node:util's words for a bad option, said in Chinese (the option keeps its name). */
function parseProblem(e: Error & { code?: string }): string {
  const option = e.message.match(/'(-{1,2}[^' ]+)/)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `没有选项 ${option}；ssj help 列出各命令及其选项（以 - 开头的参数请写在 -- 之后）`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(e.message)
      ? `${option}：不带值，只写 ${option} 即可`
      : `${option}：缺少值，例如 ${option} ${EXAMPLES[option.replace(/^-+/, '')] ?? '…'}`;
  return e.message;
}

/** What a required option looks like, for the message that asks for it. */
const EXAMPLES: Record<string, string> = {
  actor: '"李明"',
  name: '"李明"',
  role: 'STAFF',
  unit: 'FMG',
  origin: 'COMPLAINT',
  basis: '"举报件 冷应急〔2026〕12 号"',
  enterprise: '91431103…',
  inspector: '湘…',
  item: 'NON-01',
  from: '2026-12-01',
  to: '2026-12-20',
  participant: 'fagui',
  source: '"现场掷骰"',
  kind: 'DICE',
  count: '3',
  max: '6',
  commitment: '3f9a…',
  secret: '8c2e…',
  value: '"03 11 17 22 28 31 + 09"',
};

export function need(a: Args, name: string): string {
  const v = a.string(name);
  if (!v?.trim()) throw new UsageError(`--${name}：必须填写，例如 --${name} ${EXAMPLES[name] ?? '"…"'}`);
  return v;
}

/** A YEAR argument, or a message saying what a year looks like. */
export function yearOf(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UsageError(`YEAR：“${text}”不是年份，例如 2027`);
  return Number(text);
}

/** Who is filed in the audit log for an operator's change: `--actor`, else whoever is logged in on the server. */
export function actorOrLogin(a: Args): string {
  return a.string('actor') ?? os.userInfo().username;
}
