// `npm start` with bad settings stops with one clear line naming the setting
// and the fix — not a stack trace — and exit code 1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_PAYLOAD_KEYS_TEXT } from '../support/payloadKeys.ts';
import { freePort } from '../support/privateStack.ts';

function start(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-start-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      SSJ_DATA_DIR: dir,
      DATABASE_URL: `file:${path.join(dir, 'ssj.db')}`,
      MAIL_CAPTURE_PORT: '0',
      PORT: '0',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, lines: r.stderr.trim().split('\n').filter(Boolean) };
}

describe('start-up with bad settings', () => {
  it.each([
    [
      { DATABASE_URL: 'mysql://root@db/ssj' },
      /^ssj: DATABASE_URL：不支持“mysql:\/\/root@db\/ssj”这种地址。SQLite 用 file:/,
    ],
    [
      { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/ssj' },
      /^ssj: DATABASE_URL：打不开 postgresql:\/\/nobody@127\.0\.0\.1:1\/ssj（.*请检查地址/,
    ],
    [
      { TEMPORAL_ADDRESS: '127.0.0.1:1', SSJ_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS_TEXT },
      /^ssj: TEMPORAL_ADDRESS：连不上 127\.0\.0\.1:1 的 Temporal（.*不设置 TEMPORAL_ADDRESS/,
    ],
    [
      { TEMPORAL_ADDRESS: '127.0.0.1:1' },
      /^ssj: SSJ_PAYLOAD_KEYS：使用外部 Temporal 集群（TEMPORAL_ADDRESS）时必须设置.*ssj -- keys payload/,
    ],
    [{ SSJ_PAYLOAD_KEYS: 'k1:c2hvcnQ=' }, /^ssj: SSJ_PAYLOAD_KEYS：密钥“k1”应为 32 字节的 base64/],
    [
      {
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        SSJ_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS_TEXT,
        TEMPORAL_TLS_CA: '/nonexistent/ca.pem',
      },
      /^ssj: TEMPORAL_TLS_CERT：双向 TLS 需要同时设置/,
    ],
    [{ TEMPORAL_CLI: '/nonexistent/temporal' }, /^ssj: TEMPORAL_CLI：“\/nonexistent\/temporal”不存在/],
    [{ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' }, /^ssj: SMTP_HOST：连不上 127\.0\.0\.1:1（.*或不设置 SMTP_HOST/],
    [
      { SMTP_HOST: 'smtp.163.com', SMTP_USER: 'someone' },
      /^ssj: SMTP_PASS：SMTP_USER 和 SMTP_PASS 要么都设置，要么都不设置/,
    ],
    [{ REMIND_BEFORE_HOURS: 'soon' }, /^ssj: REMIND_BEFORE_HOURS：“soon”不是 0 到 720 之间的数/],
  ])('%o', (env, pattern) => {
    const r = start(env);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(pattern);
  });
});

describe('start-up when the Temporal port is taken', () => {
  it('names the port instead of mistaking what holds it for the dev server', async () => {
    const holder = net.createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as net.AddressInfo).port)),
    );
    try {
      const r = start({ TEMPORAL_PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.lines).toEqual([
        `ssj: TEMPORAL_PORT：127.0.0.1 上的端口 ${port} 已被占用。请停掉占用它的程序，或把 TEMPORAL_PORT 设为空闲端口；如果那正是要使用的 Temporal 服务器，请设置 TEMPORAL_ADDRESS=127.0.0.1:${port}。`,
      ]);
    } finally {
      holder.close();
    }
  });
});

describe('the embedded stack', () => {
  it('starts, prints where everything is, stops cleanly on Ctrl-C, and keeps its state for the next start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-run-'));
    const [port, uiPort] = [await freePort(), await freePort()];
    const env = {
      ...process.env,
      SSJ_DATA_DIR: dir,
      DATABASE_URL: `file:${path.join(dir, 'ssj.db')}`,
      MAIL_CAPTURE_PORT: '0',
      PORT: '0',
      TEMPORAL_PORT: String(port),
      TEMPORAL_UI_PORT: String(uiPort),
    };
    // `signals`: how many SIGINTs one Ctrl-C delivers (under npm and tsx, more than one).
    const run = async (signals = 1, changes: Record<string, string> = {}) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...env, ...changes } });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line:\n${out}`)), 90_000);
        child.stdout.on('data', () => {
          if (!out.includes('Ctrl-C to stop')) return;
          clearTimeout(timer);
          resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}\n${err}`)));
      });
      child.kill('SIGINT');
      // The relayed copies arrive once the stop has begun.
      for (let k = 1; k < signals; k++) {
        while (!out.includes('stopping')) await new Promise((r) => setTimeout(r, 20));
        child.kill('SIGINT');
      }
      const code = await new Promise((r) => child.once('exit', r));
      return { out, code };
    };
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/demo data +seeded: 4 units, 120 enterprises, 30 inspectors/);
    expect(first.out).toContain(`temporal      127.0.0.1:${port} (embedded dev server`);
    expect(first.out).toMatch(/health check passed/);
    expect(first.out).toMatch(/console +http:\/\/127\.0\.0\.1:\d+ /);
    expect(first.out).toMatch(/demo users +admin, fagui, leader, yhb\.observer, jijian, zfdd\.staff/);
    expect(first.out).toContain('ssj: stopped.');
    expect(fs.existsSync(path.join(dir, 'temporal.db'))).toBe(true);
    const second = await run(3);
    expect(second.code).toBe(0);
    expect(second.out).toContain('ssj: stopped.');
    expect(second.out).toMatch(/demo data +present: 4 units, 120 enterprises/);
    expect(second.out).not.toMatch(/accounts +none yet/);
    // A production-like start (no demo) on an empty database: nobody could sign in, so it says what to do.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-bare-'));
    const third = await run(1, {
      SSJ_DEMO_SEED: 'false',
      SSJ_DATA_DIR: bare,
      DATABASE_URL: `file:${path.join(bare, 'ssj.db')}`,
    });
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/accounts +none yet — make the first administrator: npm run ssj -- user add admin /);
  });
});
