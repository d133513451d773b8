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
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: .*Use file:/],
    [{ TEMPORAL_ADDRESS: 'http://temporal' }, /^TEMPORAL_ADDRESS: .*host:port/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_PORT: 'abc' }, /^SMTP_PORT: "abc" is not a whole number/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_USER: 'a' }, /^SMTP_PASS: set both/],
    [{ SMTP_HOST: 'smtp.163.com', SMTP_SECURE: 'yes' }, /^SMTP_SECURE: /],
    [{ SMTP_USER: 'a', SMTP_PASS: 'b' }, /^SMTP_HOST: /],
    [{ OPTIMISATION_OFFICE_EMAIL: 'not-an-email' }, /^OPTIMISATION_OFFICE_EMAIL: /],
  ])('rejects %o with one line naming the setting', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('derives implicit TLS from port 465', () => {
    expect(loadConfig({ SMTP_HOST: 'smtp.163.com', SMTP_PORT: '465' }).smtp.secure).toBe(true);
  });
});
