import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';

describe('configuration', () => {
  it('defaults to the embedded stack and the 优化办 mailbox', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'file:./.data/ssj.db',
      temporalAddress: null,
      optimisationOfficeEmail: 'lstyhb@163.com',
      smtp: { host: null },
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL：.*SQLite 用 file:/],
    [{ TEMPORAL_ADDRESS: 'http://temporal' }, /^TEMPORAL_ADDRESS：.*应为“主机:端口”/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_PORT: 'abc' }, /^SMTP_PORT：“abc”不是 1 到 65535 之间的整数；.*默认 587/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_USER: 'a' }, /^SMTP_PASS：SMTP_USER 和 SMTP_PASS 要么都设置/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_SECURE: 'yes' }, /^SMTP_SECURE：“yes”只能是 true/],
    [{ SMTP_USER: 'a', SMTP_PASS: 'b' }, /^SMTP_HOST：.*请把 SMTP_HOST 设为/],
    [{ OPTIMISATION_OFFICE_EMAIL: 'not-an-email' }, /^OPTIMISATION_OFFICE_EMAIL：“not-an-email”不是电子邮件地址/],
  ])('rejects %o with one line naming the setting', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('derives implicit TLS from port 465', () => {
    expect(loadConfig({ SMTP_HOST: 'smtp.163.com', SMTP_PORT: '465' }).smtp.secure).toBe(true);
  });
});
