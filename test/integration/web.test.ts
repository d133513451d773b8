// The staff console over HTTP (server-side: sessions, roles, CSRF, steps).
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/activities/snapshot.ts';
import { auditHash, GENESIS } from '../../src/audit/chain.ts';
import { startAssignedInspection, startDrawRound, startPlan } from '../../src/client/start.ts';
import { findCjkFont } from '../../src/documents/fonts.ts';
import { DEMO_PASSWORD } from '../../src/seed/demoUsers.ts';
import { buildServer } from '../../src/web/server.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import {
  ANY_RULE,
  CALM_POLICY,
  demoInput,
  demoRound,
  driveToFeedback,
  eventually,
  PNG_BYTES,
} from '../support/inspection.ts';
import { pdfPagesText } from '../support/pdf.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

describe('staff console', () => {
  const stack = useStack();
  let app: FastifyInstance;
  let workflowId: string;

  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
    const input = await demoInput(stack.t.db, 'web-1');
    workflowId = input.workflowId;
    await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(() => stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery));
  });
  afterAll(async () => app?.close());

  it('refuses a wrong password and sends the signed-out to sign in', async () => {
    const b = browser(app);
    expect((await b.login('fmg.staff', 'wrong-password')).statusCode).toBe(401);
    const tasks = await b.get('/tasks');
    expect(tasks.statusCode).toBe(302);
    expect(tasks.headers.location).toBe('/login?next=%2Ftasks');
  });

  it('rate-limits sign-in attempts', async () => {
    const limited = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      loginAttemptsPerMinute: 3,
    });
    const b = browser(limited);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await b.login('fmg.staff', `guess-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.close();
  });

  it('rejects a form without its CSRF token', async () => {
    const b = browser(app);
    await b.get('/login');
    const res = await b.post('/login', { username: 'fmg.staff', password: DEMO_PASSWORD }, 'forged');
    expect(res.statusCode).toBe(403);
  });

  it('lets staff see their unit’s task, complete a step, and see a rejected step explained', async () => {
    const b = browser(app);
    expect((await b.login('fmg.staff')).statusCode).toBe(302);
    await eventually(async () => expect((await b.get('/tasks')).body).toContain('web-1'));
    const pageRes = await b.get(`/inspections/${workflowId}`);
    expect(pageRes.body).toContain('确认无利害关系');
    const st = await stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery);
    const first = st.team[0]?.id as number;
    const done = await b.post(`/inspections/${workflowId}/steps/confirm`, { inspectorId: String(first) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已提交');
    expect((await stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery)).confirmed).toEqual([first]);
    const again = await b.post(`/inspections/${workflowId}/steps/confirm`, { inspectorId: String(first) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`检查人员：${first} 已确认过（inspectorId: ${first} has already confirmed）`);
  });

  it('shows the yearly report (own unit for staff, any scope for the leader) and refuses a bad year by name', async () => {
    const staff = browser(app);
    await staff.login('fmg.staff');
    const mine = await staff.get('/reports?year=2026&unit=999');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('年度“双随机、一公开”工作报告 · 非煤矿山安全监督管理股'); // ?unit ignored for staff
    expect(mine.body).toContain('<svg');
    const bad = await staff.get('/reports?year=20x6');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('year: &#34;20x6&#34; 不是有效年份');
    const leader = browser(app);
    await leader.login('leader');
    expect((await leader.get('/reports?year=2026')).body).toContain('冷水滩区应急管理局（全局）');
    const pdf = await leader.get('/reports/yearly.pdf?year=2026');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('keeps staff out of other units’ inspections and admin pages (403)', async () => {
    const b = browser(app);
    await b.login('whg.staff');
    expect((await b.get(`/inspections/${workflowId}`)).statusCode).toBe(403);
    expect((await b.get('/admin/users')).statusCode).toBe(403);
    expect((await b.get('/supervisor')).statusCode).toBe(403);
    const admin = browser(app);
    await admin.login('admin');
    expect((await admin.get('/admin/users')).statusCode).toBe(200);
    // The menu offers each role what it may open, and no more.
    const menu = (html: string) =>
      [...(html.match(/<nav>.*?<\/nav>/s)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((x) => x[1]);
    const staffMenu = menu((await b.get('/tasks')).body);
    expect(staffMenu).toContain('/tasks');
    for (const barred of ['/audit', '/admin/users', '/supervisor']) expect(staffMenu).not.toContain(barred);
    expect(menu((await admin.get('/tasks')).body)).toEqual(
      expect.arrayContaining(['/audit', '/admin/users', '/supervisor']),
    );
  });

  it('shows the audit log to the bureau, filtered, and flags an edited entry', async () => {
    const leader = browser(app);
    await leader.login('leader');
    const all = await leader.get('/audit');
    expect(all.statusCode).toBe(200);
    expect(all.body).toMatch(/审计链完整：共 \d+ 条/);
    const actions = (html: string) => [...html.matchAll(/<br><small>([a-zA-Z.]+)<\/small>/g)].map((x) => x[1]);
    expect(new Set(actions(all.body)).size).toBeGreaterThan(1);
    expect(all.body).toMatch(/<a href="\/inspections\/[^"]+">inspection \d+<\/a>/); // a step links to its inspection
    const opened = await leader.get('/audit?action=inspection.open');
    expect(opened.body).toContain('开启检查');
    expect(actions(opened.body).length).toBeGreaterThan(0);
    expect(new Set(actions(opened.body))).toEqual(new Set(['inspection.open']));
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
    expect([wrong.statusCode, wrong.body.includes('current: 当前密码不对')]).toEqual([400, true]);
    const typo = await me.post('/account/password', {
      current: 'initial-password',
      next: 'my-own-secret',
      again: 'my-own-secrat',
    });
    expect(typo.body).toContain('again: 两次输入的新密码不一致');
    const done = await me.post('/account/password', {
      current: 'initial-password',
      next: 'my-own-secret',
      again: 'my-own-secret',
    });
    expect([done.statusCode, done.body.includes('密码已修改')]).toEqual([200, true]);
    expect((await me.get('/tasks')).statusCode).toBe(200);
    expect((await browser(app).login('whg.pw', 'initial-password')).statusCode).toBe(401);
    expect((await browser(app).login('whg.pw', 'my-own-secret')).statusCode).toBe(302);
    const filed = await stack.t.db.auditLog.findMany({ where: { subjectType: 'user', subjectId: 'whg.pw' } });
    expect(filed.map((e) => [e.action, e.actor])).toEqual([
      ['user.create', '系统管理员'],
      ['user.password', '改密码'],
    ]);
    expect(JSON.stringify(filed)).not.toMatch(/initial-password|my-own-secret/);
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
    expect(bad.body).toContain('第 3 行 date: date &#34;2029-02-30&#34; does not exist');
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
    expect([bad.statusCode, bad.body.includes('unit: 经办人和股室负责人须指定单位')]).toEqual([400, true]);
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

  it('takes the feedback-card scan by upload, refusing a renamed executable', async () => {
    const input = await demoInput(stack.t.db, 'web-card');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await driveToFeedback(handle, input, '2026-12-01', '2026-12-01');
    const b = browser(app);
    await b.login('fmg.staff');
    const before = (await b.get('/inspections/web-card')).body;
    expect(before).toContain('上传满意度反馈卡扫描件');
    // The timeline and the mail table in words, not the workflow's codes.
    expect([before.includes('<td>回避确认完成</td>'), before.includes('<td>登记备案表</td>')]).toEqual([true, true]);
    expect(before).not.toMatch(/<td>(recusalClosed|FILING|SENT)<\/td>/);
    const elf = Buffer.from('7f454c4602010100000000000000000003003e00', 'hex');
    const bad = await b.upload('/inspections/web-card/steps/card', '反馈卡.pdf', elf);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a PDF, JPEG or PNG');
    expect((await handle.query(m.stateQuery)).stage).toBe('FEEDBACK');
    await b.get('/inspections/web-card');
    const good = await b.upload('/inspections/web-card/steps/card', '反馈卡.png', PNG_BYTES);
    expect(good.statusCode).toBe(200);
    expect((await handle.query(m.stateQuery)).stage).toBe('PUBLICATION');
    const row = await stack.t.db.inspection.findUniqueOrThrow({ where: { workflowId: 'web-card' } });
    const scan = await b.get(`/documents/scan/${row.id}`);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect((await b.get(`/documents/filing/${row.id}`)).body).toContain('区优化办留存');
    if (findCjkFont()) {
      const card = await b.get(`/documents/feedback-card/${row.id}`);
      expect(card.headers['content-type']).toBe('application/pdf');
      const [text] = await pdfPagesText(card.rawPayload);
      expect(text).toContain('冷水滩区涉企检查满意度反馈卡');
      expect(text).toContain(`反馈卡编号：FK-${String(row.id).padStart(5, '0')}`);
      expect(text).toContain(input.enterprise.creditCode);
    }
    const other = browser(app);
    await other.login('whg.staff');
    expect((await other.get(`/documents/scan/${row.id}`)).statusCode).toBe(403);
    await eventually(async () => {
      const sent = (await stack.mail.parsed()).filter((p) => p.subject?.startsWith('【满意度反馈卡】'));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.attachments[0]?.content.equals(PNG_BYTES)).toBe(true);
    });
  });

  it('shows a supervisor the overdue inspection and its escalations', async () => {
    const input = await demoInput(stack.t.db, 'web-late', {
      policy: { ...(await demoInput(stack.t.db, 'x')).policy, recusal: { afterMs: 300 }, remindBeforeMs: 100 },
    });
    await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    const b = browser(app);
    await b.login('fmg.lead');
    await eventually(
      async () => {
        const res = await b.get('/supervisor');
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain(input.enterprise.name);
        expect(res.body).toContain('逾期');
        expect(res.body).toContain('上报股室负责人');
      },
      30_000,
      300,
    );
  });

  it('runs a plan through submit and 法规股 review in the console', async () => {
    const plan = await stack.t.db.annualPlan.findFirstOrThrow({ where: { unit: { code: 'FMG' } } });
    await startPlan(stack.h.client, stack.h.taskQueue, 'FMG', plan.year, {
      planId: plan.id,
      approvalDue: '2026-12-31',
      policy: CALM_POLICY,
    });
    const staff = browser(app);
    await staff.login('fmg.staff');
    await eventually(async () =>
      expect((await staff.get(`/plans/${plan.id}`)).body).toContain('预计全年至少检查一次的比例'),
    );
    const round = {
      drawDate: '2027-02-01',
      windowStart: '2027-02-10',
      windowEnd: '2027-03-31',
      sector_NON_COAL_MINE: '1',
      ratio: '0.5',
      teamSize: '1',
      quotaSpecialty: 'NON_COAL_MINE',
      quotaMin: '2',
      itemsPerInspection: '3',
      crossTownship: '1',
    };
    const bad = await staff.post(`/plans/${plan.id}/rounds/1`, round);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('rule.quotas: need 2 specialists but teams have 1 members');
    await staff.get(`/plans/${plan.id}`);
    expect((await staff.post(`/plans/${plan.id}/rounds/1`, { ...round, teamSize: '2', quotaMin: '1' })).body).toContain(
      '第 1 轮已保存',
    );
    const saved = await stack.t.db.planRound.findUniqueOrThrow({
      where: { planId_roundNo: { planId: plan.id, roundNo: 1 } },
    });
    expect(saved.rule).toMatchObject({
      sectors: ['NON_COAL_MINE'],
      enterprises: { ratio: 0.5 },
      teamSize: 2,
      quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
    });
    expect(saved.drawDate.toISOString().slice(0, 10)).toBe('2027-02-01');
    expect((await staff.post(`/plans/${plan.id}/submit`, {})).body).toContain('已提交');
    expect((await staff.post(`/plans/${plan.id}/approve`, {})).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    expect((await legal.get('/tasks')).body).toContain(plan.title);
    await legal.get(`/plans/${plan.id}`);
    const noReason = await legal.post(`/plans/${plan.id}/return`, { reasons: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('退回理由：退回须写明理由（reasons: say why the plan is returned）');
    await legal.get(`/plans/${plan.id}`);
    expect((await legal.post(`/plans/${plan.id}/return`, { reasons: '覆盖面不足' })).body).toContain('已退回');
  });

  it('lets 法规股 run a draw in the console and shows its verified record', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await demoRound(stack.t.db, 'DW-1', 'ZFDD', 'FIREWORKS'));
    const staff = browser(app);
    await staff.login('zfdd.staff');
    await eventually(async () => expect((await staff.get('/draws/DW-1')).body).toContain('状态：<b>待抽取</b>'));
    expect((await staff.post('/draws/DW-1/run', { witness: '1' })).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    await eventually(async () => expect((await legal.get('/tasks')).body).toContain('DW-1'));
    await legal.get('/draws/DW-1');
    const res = await legal.post('/draws/DW-1/run', { witness: '2 5' });
    expect(res.body).toContain('抽取完成');
    expect(res.body).toMatch(/DW-1<\/td><td>初次抽取<\/td><td>一致/);
  });

  it('imports a roster in the console: a bad file is refused row by row and nothing is stored', async () => {
    const b = browser(app);
    await b.login('fmg.staff');
    await b.get('/rosters/enterprises');
    const before = await stack.t.db.enterprise.count();
    const bad = Buffer.from(
      '统一社会信用代码,企业名称,行业领域,类别,乡镇街道,地址,经营状态,风险等级,严重违法失信,经营异常,受过行政处罚,联系人,联系电话\n91431103MA4L00013X,某企业,烟花爆竹,,梅湾街道,某地址,正常,B,否,否,否,,\n',
      'utf8',
    );
    const res = await b.upload('/rosters/enterprises/import', 'bad.csv', bad);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('第 2 行「统一社会信用代码」');
    expect(await stack.t.db.enterprise.count()).toBe(before);
    const exported = await b.get('/rosters/enterprises/export.csv');
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body.split('\n').length).toBeGreaterThan(before);
  });

  it('edits an enterprise and keeps who changed what', async () => {
    const e = await stack.t.db.enterprise.findFirstOrThrow({
      where: { operatingState: 'OPERATING', seriousViolation: false },
    });
    const b = browser(app);
    await b.login('fmg.staff');
    await b.get(`/enterprises/${e.creditCode}`);
    const res = await b.post(`/enterprises/${e.creditCode}`, {
      operatingState: 'SUSPENDED',
      riskClass: 'D',
      seriousViolation: '是',
      contactName: e.contactName ?? '',
      contactPhone: e.contactPhone ?? '',
    });
    expect(res.body).toContain('已保存');
    expect(res.body).toContain('"operatingState":{"from":"OPERATING","to":"SUSPENDED"}'.replace(/"/g, '&#34;'));
    expect(await stack.t.db.enterprise.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
      operatingState: 'SUSPENDED',
      riskClass: 'D',
      seriousViolation: true,
    });
    const leader = browser(app);
    await leader.login('leader');
    await leader.get(`/enterprises/${e.creditCode}`);
    expect(
      (await leader.post(`/enterprises/${e.creditCode}`, { operatingState: 'CLOSED', riskClass: 'A' })).statusCode,
    ).toBe(403);
  });

  it('versions an item: a changed row awaits 法规股, publishing it retires the old version that day', async () => {
    const item = await stack.t.db.inspectionItem.findFirstOrThrow({
      where: { sector: 'FIREWORKS' },
      include: { unit: true, versions: true },
    });
    const v1 = item.versions[0];
    const file = `编号,领域,事项名称,检查内容,依据,施行日期,主办单位\n${item.code},烟花爆竹,${v1?.name},${v1?.content}（2027 修订）,${v1?.legalBasis},2027-01-01,${item.unit.name}\n`;
    const staff = browser(app);
    await staff.login('zfdd.staff');
    await staff.get('/rosters/items');
    expect((await staff.upload('/rosters/items/import', 'items.csv', Buffer.from(file))).body).toContain('已导入 1 行');
    const v2 = await stack.t.db.itemVersion.findFirstOrThrow({ where: { itemId: item.id, version: 2 } });
    expect(v2.reviewState).toBe('SUBMITTED');
    await staff.get('/items');
    expect((await staff.post(`/items/versions/${v2.id}/publish`, {})).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    await legal.get('/items');
    expect((await legal.post(`/items/versions/${v2.id}/publish`, {})).body).toContain('第 2 版已公示');
    const old = await stack.t.db.itemVersion.findUniqueOrThrow({ where: { id: v1?.id } });
    expect(old.effectiveTo?.toISOString().slice(0, 10)).toBe('2027-01-01');
    expect((await browser(app).get('/public')).body).toContain('（2027 修订）');
  });

  it('suspends an inspector’s certificate with history; he is no longer drawn', async () => {
    const i = await stack.t.db.inspector.findFirstOrThrow({ where: { certificateStatus: 'VALID', onLeave: false } });
    const b = browser(app);
    await b.login('fagui');
    await b.get(`/inspectors/${encodeURIComponent(i.certificateNo)}`);
    const res = await b.post(`/inspectors/${encodeURIComponent(i.certificateNo)}`, {
      certificateStatus: 'SUSPENDED',
      certificateTo: i.certificateTo.toISOString().slice(0, 10),
      unitId: String(i.unitId),
    });
    expect(res.body).toContain('已保存');
    expect(res.body).toContain('SUSPENDED');
    const snap = await buildSnapshot(stack.t.db, 'x', '2026-12-01', ANY_RULE);
    expect(snap.inspectors.find((x) => x.id === i.id)?.certificateStatus).toBe('SUSPENDED');
  });

  it('shows the public page without signing in', async () => {
    const res = await browser(app).get('/public');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('随机抽查事项清单');
    expect(res.body).toContain('《中华人民共和国安全生产法》');
    expect(res.body).toContain('执法检查人员名录');
  });
});
