// The console's administration over HTTP: the audit log (page and CSV),
// accounts (own password, first sign-in, stop, role, reset) and the holiday
// schedule, each change filed in the audit log.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, GENESIS } from '../../src/audit/chain.ts';
import { startAssignedInspection } from '../../src/client/start.ts';
import { PAGE_SIZE } from '../../src/web/pager.ts';
import { buildServer } from '../../src/web/server.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

describe('console administration', () => {
  const stack = useStack();
  let app: FastifyInstance;
  let confirmer: string;

  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
    // An inspection with a step taken, so the audit log holds more than one kind of entry.
    const input = await demoInput(stack.t.db, 'admin-1');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(() => handle.query(m.stateQuery));
    const first = input.team[0] as { id: number; name: string };
    confirmer = first.name;
    await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: first.id, actor: first.name }] });
  });
  afterAll(async () => app?.close());

  it('shows the audit log to the bureau, filtered, and flags an edited entry', async () => {
    const leader = browser(app);
    await leader.login('leader');
    const all = await leader.get('/audit');
    expect(all.statusCode).toBe(200);
    expect(all.body).toMatch(/审计链完整：共 \d+ 条/);
    const actions = (html: string) => [...html.matchAll(/<br><small>([a-zA-Z.]+)<\/small>/g)].map((x) => x[1]);
    expect(new Set(actions(all.body)).size).toBeGreaterThan(1);
    expect(all.body).toMatch(/<a href="\/inspections\/[^"]+" title="[^"]+">检查 \d+<\/a>/); // a step links to its inspection
    const opened = await leader.get('/audit?action=inspection.open');
    expect(opened.body).toContain('开启检查');
    expect(actions(opened.body).length).toBeGreaterThan(0);
    expect(new Set(actions(opened.body))).toEqual(new Set(['inspection.open']));
    // A person's name finds the steps they took (in the actor) and the inspections they were drawn for (in the details).
    const named = await leader.get(`/audit?subject=${encodeURIComponent(confirmer)}`);
    expect(new Set(actions(named.body))).toEqual(new Set(['inspection.open', 'inspection.confirm']));
    // Someone edits an entry in the database behind the console's back.
    const victim = await stack.t.db.auditLog.findFirstOrThrow({ where: { action: 'inspection.open' } });
    await stack.t.db.auditLog.update({ where: { id: victim.id }, data: { actor: '篡改者' } });
    try {
      expect((await leader.get('/audit')).body).toContain(`审计链在第 ${victim.id} 条断开（content altered）`);
    } finally {
      await stack.t.db.auditLog.update({ where: { id: victim.id }, data: { actor: victim.actor } });
    }
    expect((await leader.get('/audit?before=abc')).statusCode).toBe(400);
  });

  it('exports the audit log as CSV with everything needed to check the chain without ssj', async () => {
    const leader = browser(app);
    await leader.login('leader');
    const res = await leader.get('/audit/export.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [head, ...rows] = parse(res.body.replace(/^\uFEFF/, '')) as string[][];
    expect(head?.[0]).toBe('编号');
    // An auditor's own check: each row's hash is SHA-256 over the previous hash and the entry's canonical JSON.
    let prev = GENESIS;
    for (const [, , actor, , action, subjectType, subjectId, details, at, prevHash, hash] of rows) {
      expect(prevHash).toBe(prev);
      const content = {
        at: new Date(at as string),
        actor,
        action,
        subjectType,
        subjectId,
        details: JSON.parse(details as string),
      };
      expect(auditHash(prev, content as never)).toBe(hash);
      prev = hash as string;
    }
    expect(rows.length).toBe(await stack.t.db.auditLog.count());
    const some = parse((await leader.get('/audit/export.csv?action=inspection.open')).body.replace(/^\uFEFF/, ''));
    expect(new Set(some.slice(1).map((r: string[]) => r[4]))).toEqual(new Set(['inspection.open']));
  });

  it('lets anyone change their own password, refusing a wrong current one or a mismatch', async () => {
    const admin = browser(app);
    await admin.login('admin');
    await admin.get('/admin/users');
    const unit = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'WHG' } });
    const form = { username: 'whg.pw', displayName: '改密码', password: 'initial-password', role: 'STAFF' };
    expect((await admin.post('/admin/users', { ...form, unitId: String(unit.id) })).statusCode).toBe(302);
    const me = browser(app);
    await me.login('whg.pw', 'initial-password');
    // The administrator knows this password: nothing but 我的账户 until it is changed.
    expect((await me.get('/tasks')).headers.location).toBe('/account');
    expect((await me.get('/account')).body).toContain('请先修改密码');
    const wrong = await me.post('/account/password', {
      current: 'guess-guess',
      next: 'my-own-secret',
      again: 'my-own-secret',
    });
    expect([wrong.statusCode, wrong.body.includes('当前密码：不对，请重新输入')]).toEqual([400, true]);
    const typo = await me.post('/account/password', {
      current: 'initial-password',
      next: 'my-own-secret',
      again: 'my-own-secrat',
    });
    expect(typo.body).toContain('再输一次新密码：两次输入的新密码不一致');
    // Weak ones are refused, each saying why.
    for (const [weak, why] of [
      ['aaaaaaaaaa', '太简单'],
      ['          ', '不能全是空格'],
      ['1234567890', '太常见'],
      ['whg.pw-and-more', '不能包含用户名'],
    ] as const) {
      const refused = await me.post('/account/password', { current: 'initial-password', next: weak, again: weak });
      expect(refused.body).toContain(`新密码：${why}`);
    }
    // A session elsewhere (another browser, a lost phone) ends when the password changes; this one goes on.
    const elsewhere = browser(app);
    await elsewhere.login('whg.pw', 'initial-password');
    const done = await me.post('/account/password', {
      current: 'initial-password',
      next: 'my-own-secret',
      again: 'my-own-secret',
    });
    expect([done.statusCode, done.body.includes('密码已修改')]).toEqual([200, true]);
    expect((await me.get('/tasks')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).headers.location).toBe('/login?next=%2Faccount');
    expect((await browser(app).login('whg.pw', 'initial-password')).statusCode).toBe(401);
    expect((await browser(app).login('whg.pw', 'my-own-secret')).statusCode).toBe(302);
    const filed = await stack.t.db.auditLog.findMany({ where: { subjectType: 'user', subjectId: 'whg.pw' } });
    expect(filed.map((e) => [e.action, e.actor])).toEqual([
      ['user.create', '系统管理员'],
      ['user.password', '改密码'],
    ]);
    expect(JSON.stringify(filed)).not.toMatch(/initial-password|my-own-secret/);
  });

  it('pages the accounts and finds one by username, name or unit', async () => {
    const { passwordHash } = await stack.t.db.user.findUniqueOrThrow({ where: { username: 'fmg.staff' } });
    await stack.t.db.user.createMany({
      data: Array.from({ length: PAGE_SIZE }, (_, k) => ({
        username: `paged.${k}`,
        displayName: `分页测试${k}`,
        passwordHash,
        role: 'OBSERVER' as const,
      })),
    });
    const total = await stack.t.db.user.count();
    const admin = browser(app);
    await admin.login('admin');
    const first = (await admin.get('/admin/users')).body;
    expect(first).toContain(`共 ${total} 条，第 1 / 2 页`);
    expect((first.match(/<tr>/g) ?? []).length).toBe(PAGE_SIZE + 1); // the header row and a page of accounts
    const second = (await admin.get('/admin/users?page=2')).body;
    expect((second.match(/<tr>/g) ?? []).length).toBe(total - PAGE_SIZE + 1);
    const byName = (await admin.get(`/admin/users?q=${encodeURIComponent('分页测试7')}`)).body;
    expect(byName).toContain('共 1 条');
    expect(byName).toContain('paged.7');
    const byUnit = (await admin.get(`/admin/users?q=${encodeURIComponent('非煤矿山')}`)).body;
    expect(byUnit).toContain('fmg.staff');
    expect(byUnit).not.toContain('paged.7');
    await stack.t.db.user.deleteMany({ where: { username: { startsWith: 'paged.' } } });
  });

  it('stops an account at its next click and restores it; the administrator cannot stop themselves', async () => {
    const clerk = browser(app);
    await clerk.login('whg.staff');
    expect((await clerk.get('/tasks')).statusCode).toBe(200);
    const admin = browser(app);
    await admin.login('admin');
    await admin.get('/admin/users');
    const stopped = await admin.post('/admin/users/whg.staff/active', { active: 'false' });
    expect(stopped.body).toContain('已停用');
    const next = await clerk.get('/tasks'); // the session from before is no longer honoured
    expect([next.statusCode, next.headers.location]).toEqual([302, '/login?next=%2Ftasks']);
    expect((await browser(app).login('whg.staff')).statusCode).toBe(401);
    expect((await admin.post('/admin/users/admin/active', { active: 'false' })).statusCode).toBe(400);
    await admin.post('/admin/users/whg.staff/active', { active: 'true' });
    expect((await browser(app).login('whg.staff')).statusCode).toBe(302);
    const filed = await stack.t.db.auditLog.findMany({ where: { subjectId: 'whg.staff', subjectType: 'user' } });
    expect(filed.map((e) => e.action)).toEqual(['user.disable', 'user.enable']);
    expect((await stack.t.db.user.findUniqueOrThrow({ where: { username: 'admin' } })).active).toBe(true);
  });

  it('takes a year’s holiday schedule from 法规股, refusing a bad line with nothing stored', async () => {
    const legal = browser(app);
    await legal.login('fagui');
    const shipped = (await legal.get('/calendar?year=2026')).body; // the package's year, in Chinese
    expect([shipped.includes('<td>2026-02-17</td><td>休</td><td>春节</td>'), shipped.includes('Spring')]).toEqual([
      true,
      false,
    ]);
    expect((await legal.get('/calendar?year=2029')).body).toContain('尚未录入');
    const source = '国办发明电〔2028〕1号';
    const bad = await legal.post('/calendar', {
      year: '2029',
      source,
      days: '2029-10-01 休 国庆节\n\n2029-02-30 休 春节',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第 3 行「日期」：“2029-02-30”不是真实存在的日期，请按“年-月-日”填写');
    expect(await stack.t.db.calendarDay.count({ where: { date: { startsWith: '2029-' } } })).toBe(0);
    const good = await legal.post('/calendar', {
      year: '2029',
      source,
      days: '2029-10-01 休 国庆节\n2029-10-13 班 国庆节调休',
    });
    expect(good.statusCode).toBe(200);
    expect(good.body).toMatch(/已录入 2029 年 2 天；\d+ 项进行中的检查已重新计算期限/);
    expect(good.body).toContain(`已录入（${source}`);
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'calendar.import', subjectId: '2029' } });
    expect(filed.map((e) => e.actor)).toEqual(['法规股 李明']);
  });

  it('moves an account to a new role at its next click, filed with what it was', async () => {
    const clerk = browser(app);
    await clerk.login('yjb.staff');
    expect((await clerk.get('/supervisor')).statusCode).toBe(403);
    const admin = browser(app);
    await admin.login('admin');
    await admin.get('/admin/users');
    const unit = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'YJB' } });
    const bad = await admin.post('/admin/users/yjb.staff/role', { role: 'SUPERVISOR', unitId: '' });
    expect([bad.statusCode, bad.body.includes('单位：经办人和股室负责人须指定单位')]).toEqual([400, true]);
    const moved = await admin.post('/admin/users/yjb.staff/role', { role: 'SUPERVISOR', unitId: String(unit.id) });
    expect(moved.body).toContain('现为股室负责人');
    expect((await clerk.get('/supervisor')).statusCode).toBe(200); // the same session, its new role
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'user.role', subjectId: 'yjb.staff' } });
    expect(filed.map((e) => e.details)).toEqual([
      { from: { role: 'STAFF', unitId: unit.id }, to: { role: 'SUPERVISOR', unitId: unit.id } },
    ]);
  });

  it('files a new account in the audit log: who granted which role, never the password', async () => {
    const admin = browser(app);
    await admin.login('admin');
    await admin.get('/admin/users');
    const unit = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
    const form = { username: 'fmg.new', displayName: '新同事', password: 'a-long-password', role: 'STAFF' };
    expect((await admin.post('/admin/users', { ...form, unitId: String(unit.id) })).statusCode).toBe(302);
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'user.create', subjectId: 'fmg.new' } });
    expect(filed.map((e) => [e.actor, (e.details as { role: string }).role])).toEqual([['系统管理员', 'STAFF']]);
    expect(JSON.stringify(filed)).not.toContain('a-long-password');
    const clerk = browser(app);
    await clerk.login('fmg.new', 'a-long-password');
    expect((await clerk.get('/tasks')).headers.location).toBe('/account'); // first, a password of their own
  });

  it('keeps sessions in the database: a restarted console keeps everyone signed in, a public reader gets none', async () => {
    const secret = 'x'.repeat(32);
    const first = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      sessionSecret: secret,
    });
    const b = browser(first);
    expect((await b.login('leader')).statusCode).toBe(302);
    await first.close();
    const before = await stack.t.db.session.count();
    const second = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      sessionSecret: secret,
    });
    const again = browser(second);
    // The same cookie against the new process (as after a restart, or on another app container).
    const res = await second.inject({ method: 'GET', url: '/tasks', headers: { cookie: b.cookie() } });
    expect(res.statusCode).toBe(200);
    expect((await again.get('/public')).statusCode).toBe(200);
    expect(await stack.t.db.session.count()).toBe(before); // no session for a reader of /public
    await second.close();
  });
});
