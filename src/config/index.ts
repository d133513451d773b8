// Configuration from the environment, validated once at start-up.
// Every problem is reported as one line naming the setting and the fix.
import { providerOf } from '../db/provider.ts';
import type { DeadlinePolicy } from '../domain/deadline.ts';
import { loadPolicy, PolicyError } from './policy.ts';

export interface SmtpConfig {
  /** null: use the built-in capture server on loopback (nothing leaves the machine). */
  host: string | null;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export interface Config {
  databaseUrl: string;
  /** null: start the embedded Temporal dev server. */
  temporalAddress: string | null;
  temporalNamespace: string;
  taskQueue: string;
  temporalCli?: string;
  temporalUiPort: number;
  temporalPort: number;
  smtp: SmtpConfig;
  captureSmtpPort: number;
  /** 区优化办 mailbox (Art. 17): configurable, never hard-coded in logic. */
  optimisationOfficeEmail: string;
  /** Last step of every escalation chain. */
  bureauLeaderEmail: string;
  policy: DeadlinePolicy;
  webPort: number;
  /** 127.0.0.1 by default; 0.0.0.0 in a container. */
  webHost: string;
  /** Signs session cookies; unset: random at each start (everyone signs in again after a restart). */
  sessionSecret?: string;
  dataDir: string;
  /** Seed the demo district at start (default: SQLite yes, PostgreSQL no). */
  demoSeed: boolean;
  /** Behind a reverse proxy: how far to trust X-Forwarded-For (false: not at all; a number: that many hops). */
  trustProxy: boolean | number;
  /** Where the audit log's head is mailed each day, outside the database's reach (default: the bureau leader). */
  auditAnchorEmail: string;
  /** SSJ_AUDIT_KEY is set: entries are sealed (the key itself is read where it is used, never stored). */
  auditKeyed: boolean;
  /**
   * Origins of the Temporal Web UI allowed to use the console's codec endpoint (/codec/decode); empty: none.
   * Default with the embedded dev server: its own UI.
   */
  codecOrigins: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}：${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, fallback: number, min = 1, max = 65535): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(key, `“${raw}”不是 ${min} 到 ${max} 之间的整数；请改正，或不设置此项（默认 ${fallback}）。`);
  return n;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(key, `“${raw}”只能是 true 或 false。`);
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function email(env: Env, key: string, fallback: string): string {
  const v = env[key] || fallback;
  const bare = v.match(/<([^>]+)>$/)?.[1] ?? v;
  if (!EMAIL.test(bare)) throw new ConfigError(key, `“${v}”不是电子邮件地址，例如 ${fallback}。`);
  return v;
}

function smtp(env: Env): SmtpConfig {
  const host = env.SMTP_HOST?.trim() || null;
  const port = int(env, 'SMTP_PORT', host ? 587 : 2525);
  const secureRaw = env.SMTP_SECURE ?? '';
  if (!['', 'true', 'false'].includes(secureRaw))
    throw new ConfigError('SMTP_SECURE', `“${secureRaw}”只能是 true（直接 TLS，端口 465）或 false（STARTTLS）。`);
  const user = env.SMTP_USER || undefined;
  const pass = env.SMTP_PASS || undefined;
  if (Boolean(user) !== Boolean(pass))
    throw new ConfigError(user ? 'SMTP_PASS' : 'SMTP_USER', 'SMTP_USER 和 SMTP_PASS 要么都设置，要么都不设置。');
  if (!host && (user || env.SMTP_PORT))
    throw new ConfigError(
      'SMTP_HOST',
      '设置了 SMTP_PORT 或 SMTP_USER，却没有设置 SMTP_HOST：请把 SMTP_HOST 设为邮件服务器的地址。',
    );
  return {
    host,
    port,
    secure: secureRaw === '' ? port === 465 : secureRaw === 'true',
    user,
    pass,
    from: email(env, 'MAIL_FROM', 'ssj@lstyjj.local'),
  };
}

function policy(env: Env): DeadlinePolicy {
  try {
    return loadPolicy(env);
  } catch (e) {
    if (e instanceof PolicyError) {
      const [key, ...rest] = e.message.split('：');
      throw new ConfigError(key as string, rest.join('：'));
    }
    throw e;
  }
}

function sessionSecret(env: Env): string | undefined {
  const v = env.SESSION_SECRET;
  if (v && v.length < 32) throw new ConfigError('SESSION_SECRET', '至少 32 个字符，可用 `openssl rand -hex 32` 生成。');
  return v || undefined;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL || 'file:./.data/ssj.db';
  try {
    providerOf(databaseUrl);
  } catch (e) {
    throw new ConfigError('DATABASE_URL', (e as Error).message.replace(/^DATABASE_URL：/, ''));
  }
  const temporalAddress = env.TEMPORAL_ADDRESS?.trim() || null;
  if (temporalAddress && !/^[\w.-]+:\d+$/.test(temporalAddress))
    throw new ConfigError('TEMPORAL_ADDRESS', `“${temporalAddress}”应为“主机:端口”，例如 temporal:7233。`);
  return {
    databaseUrl,
    temporalAddress,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'ssj',
    temporalCli: env.TEMPORAL_CLI || undefined,
    temporalPort: int(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: int(env, 'TEMPORAL_UI_PORT', 8233),
    smtp: smtp(env),
    captureSmtpPort: int(env, 'MAIL_CAPTURE_PORT', 2525, 0), // 0: any free port
    optimisationOfficeEmail: email(env, 'OPTIMISATION_OFFICE_EMAIL', 'lstyhb@163.com'),
    bureauLeaderEmail: email(env, 'BUREAU_LEADER_EMAIL', 'leader@lstyjj.local'),
    policy: policy(env),
    webPort: int(env, 'PORT', 3000, 0),
    webHost: env.HOST || '127.0.0.1',
    sessionSecret: sessionSecret(env),
    dataDir: env.SSJ_DATA_DIR || '.data',
    demoSeed: bool(env, 'SSJ_DEMO_SEED', providerOf(databaseUrl) === 'sqlite'),
    trustProxy: trustProxy(env),
    auditAnchorEmail: email(env, 'SSJ_AUDIT_ANCHOR_EMAIL', email(env, 'BUREAU_LEADER_EMAIL', 'leader@lstyjj.local')),
    auditKeyed: auditKeyed(env),
    codecOrigins: codecOrigins(env, temporalAddress, int(env, 'TEMPORAL_UI_PORT', 8233)),
  };
}

/** SSJ_CODEC_ORIGIN: the Web UI origins (scheme://host:port, comma-separated) that may decode payloads. */
function codecOrigins(env: Env, temporalAddress: string | null, uiPort: number): string[] {
  const v = env.SSJ_CODEC_ORIGIN?.trim();
  if (v === undefined || v === '')
    return temporalAddress ? [] : [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
  const list = v.split(',').map((s) => s.trim());
  for (const o of list)
    if (!/^https?:\/\/[\w.-]+(:\d+)?$/.test(o))
      throw new ConfigError(
        'SSJ_CODEC_ORIGIN',
        `“${o}”应为来源（协议://主机:端口，不带路径），例如 https://temporal-ui.example:8080。`,
      );
  return list;
}

/** SSJ_AUDIT_KEY: unset (the log is kept unsealed), or a secret of at least 32 characters. */
function auditKeyed(env: Env): boolean {
  const v = env.SSJ_AUDIT_KEY ?? '';
  if (v && v.length < 32)
    throw new ConfigError('SSJ_AUDIT_KEY', '至少 32 个字符，可用 `openssl rand -hex 32` 生成；请保存在数据库之外。');
  return v !== '';
}

/** SSJ_TRUST_PROXY: unset or false (the console faces browsers directly), true, or the number of proxies in front. */
function trustProxy(env: Env): boolean | number {
  const v = (env.SSJ_TRUST_PROXY ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^[1-9]$/.test(v)) return Number(v);
  throw new ConfigError('SSJ_TRUST_PROXY', `“${v}”只能是 false、true，或前面代理的层数（1–9）。`);
}
