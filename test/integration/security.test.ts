// Issue 17's console findings, each as the request that showed it. The rest
// have their own files: payloads and dates (unit/validate), notes: 123
// (data), the audit seal and anchor (auditSeal), per-unit authorisation
// (authz), sign-in limits and timing (web), passwords and revoked sessions
// (consoleAdmin), imports (rosterLimits, malformed), Temporal (payloadEncryption).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { spreadsheetText } from '../../src/shared/spreadsheet.ts';
import { buildServer } from '../../src/web/server.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

describe('the console against the findings of issue 17', () => {
  const stack = useStack({ worker: false });
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
  });
  afterAll(async () => app?.close());

  it('never sends a signed-in user off the site, however `next` is spelled', async () => {
    const attacks = [
      '/%5Cevil.example/x',
      '/%09/evil.example/y',
      '/%2F/evil.example',
      '//evil.example',
      'https://evil.example',
    ];
    for (const next of attacks) {
      // As the link an attacker sends: the sign-in page carries `next` into its form, which posts it back.
      const b = browser(app);
      const form = (await b.get(`/login?next=${next}`)).body;
      const carried = form.match(/name="next" value="([^"]*)"/)?.[1] ?? '';
      const res = await b.post('/login', { username: 'fmg.staff', password: 'ssj-demo-2026', next: carried });
      expect([next, res.headers.location]).toEqual([next, '/tasks']);
      // And posted directly, undecoded.
      const c = browser(app);
      await c.get('/login');
      const direct = await c.post('/login', { username: 'fmg.staff', password: 'ssj-demo-2026', next });
      expect([next, direct.headers.location]).toEqual([next, '/tasks']);
    }
    const b = browser(app);
    await b.get('/login');
    expect(
      (await b.post('/login', { username: 'fmg.staff', password: 'ssj-demo-2026', next: '/plans' })).headers.location,
    ).toBe('/plans');
  });

  it('sends the security headers and a charset on every page, and no session to the anonymous', async () => {
    const res = await app.inject({ method: 'GET', url: '/public' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(String(res.headers['content-type'])).toContain('charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined(); // a visitor of the public page gets no session at all
  });

  it('refuses an oversized body before reading it, signed in or not', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${'a'.repeat(300 * 1024)}`,
    });
    expect(res.statusCode).toBe(413);
  });

  it('searches for the text typed, never a LIKE pattern', async () => {
    const b = browser(app);
    await b.login('fagui');
    const codes = (html: string) => html.match(/91431103[0-9A-Z]{10}/g)?.length ?? 0;
    expect(codes((await b.get('/rosters/enterprises')).body)).toBeGreaterThan(10);
    expect(codes((await b.get(`/rosters/enterprises?q=${encodeURIComponent('91431103')}`)).body)).toBeGreaterThan(10);
    for (const q of ['%', '_', '\\', '%梅湾%']) {
      const found = codes((await b.get(`/rosters/enterprises?q=${encodeURIComponent(q)}`)).body);
      expect([q, found]).toEqual([q, 0]); // no enterprise's name or code holds these characters
    }
  });

  it('keeps CSRF tokens out of every URL it renders', async () => {
    const b = browser(app);
    await b.login('fagui');
    for (const page of ['/rosters/enterprises', '/rosters/inspectors', '/tasks', '/account'])
      expect([page, (await b.get(page)).body]).not.toEqual([page, expect.stringMatching(/[?&]_csrf=/)]);
  });

  it('answers an internal error with an incident number, never the error itself', async () => {
    // A database that fails every query, as a broken disk or a dropped connection would.
    const broken = new Proxy(stack.t.db, {
      get(target, key) {
        if (key === 'publication')
          return new Proxy(
            {},
            { get: () => () => Promise.reject(new Error('SQLITE_IOERR at /srv/ssj/node_modules/x.js')) },
          );
        return Reflect.get(target, key);
      },
    }) as Db;
    const sick = await buildServer({ db: broken, client: stack.h.client, config: stack.deps.config });
    try {
      const res = await sick.inject({ method: 'GET', url: '/public' });
      expect(res.statusCode).toBe(500);
      expect(res.body).toMatch(/请把编号 [0-9a-f]{8} 告诉管理员/);
      expect(res.body).not.toMatch(/SQLITE|node_modules|\/srv\//);
    } finally {
      await sick.close();
    }
  });

  it('stores a scan only once the step may take it: a refused upload leaves no file', async () => {
    const scans = path.join(stack.deps.config.dataDir, 'scans');
    const before = fs.existsSync(scans) ? fs.readdirSync(scans).length : 0;
    const b = browser(app);
    await b.login('fmg.staff');
    await b.get('/tasks');
    const res = await b.upload('/inspections/inspection:NO-SUCH:1/card', 'card.png', Buffer.from('\x89PNG\r\n\x1a\n'));
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(fs.existsSync(scans) ? fs.readdirSync(scans).length : 0).toBe(before);
  });
});

describe('exported cells', () => {
  it('neutralise every formula start, the signed-number disguise and full-width forms included', () => {
    for (const v of [
      '=1+1',
      '+cmd',
      '-1+HYPERLINK("http://x")',
      "-2+3+cmd|' /C calc'!A0",
      '@SUM(A1)',
      '\tx',
      '\rx',
      '＝1',
    ])
      expect(spreadsheetText(v).startsWith("'")).toBe(true);
    for (const v of ['张三', '2026-11-30', '13800000000', '冷水滩区']) expect(spreadsheetText(v)).toBe(v);
  });
});
